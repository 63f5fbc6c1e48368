/* Internal parts of lib/analysis/compat*.c, profile.c and profile_readback.c (not installed). */
#ifndef MTKFW_COMPAT_INTERNAL_H
#define MTKFW_COMPAT_INTERNAL_H

#include <mtkfw/compat.h>

/* Fill the parts `p` lacks (lk, kernel, logo; the modem and build.prop from the system
 * partition) from a user-area dump of `dump_size` bytes,
 * finding partitions by name in `names` (a decoded scatter, or the dump's PMT). A partition
 * that does not parse becomes one of p->problems. */
int mtkfwi_readback_dump_parts(struct mtkfw_profile *p, const char *dump, uint64_t dump_size, const mtkfw_layout *names);

/* Read what a system partition tells (build.prop unless the profile has one, the modem and
 * its mddb names) into `p`; `rel` names the image in sources and messages. Nothing found is
 * MTKFW_ERR_NOTFOUND; a modem that does not parse becomes one of p->problems. */
int mtkfwi_profile_take_system(struct mtkfw_profile *p, mtkfw_ext4 *fs, const char *rel);

/* Keep `msg` among the profile's problems (at most 64; more are dropped). Only running out of
 * memory is an error. */
int mtkfwi_profile_add_problem(struct mtkfw_profile *p, const char *msg);

/* "3.4.67" out of a kernel's "Linux version 3.4.67 (...)"; "" when there is none (compat's
 * kernel generation, the library's kernel column). */
void mtkfwi_compat_kernel_short(const struct mtkfw_profile *p, char *out, size_t n);

/* A saved profile already parsed (jansson's json_t): what mtkfw_profile_from_json does after
 * parsing the text, so a caller that needs the document's other keys parses it once. */
struct json_t;
int mtkfwi_profile_from_json_root(struct mtkfw_profile *out, struct json_t *root, const char *name);

/*
 * compat's rules about the parts a flash replaces — display, touch, camera (lk and the kernel)
 * and radio (the modem in system) — on their own: `fw` is what would be flashed (has_lk /
 * has_kernel / has_modem only for the parts written; `writes_system` says whether system is),
 * `phone` what the phone runs now, `phone_lcm` the panel its cmdline names (NULL: unknown). One
 * risk per rule, in compat's order, and the verdict, exactly as mtkfw_compat_check() decides
 * them: the flash pre-flight calls this on the phone's own lk, kernel and system, so both paths
 * hold one rule set.
 */
int mtkfwi_compat_part_risks(struct mtkfw_compat *out, const struct mtkfw_profile *fw, const struct mtkfw_profile *phone,
		      const char *phone_lcm, bool writes_system);

#endif
