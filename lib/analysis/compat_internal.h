/* Internal parts of lib/analysis/compat*.c, profile.c and profile_readback.c (not installed). */
#ifndef MTKFW_COMPAT_INTERNAL_H
#define MTKFW_COMPAT_INTERNAL_H

#include <mtkfw/compat.h>

/* Fill the parts `p` lacks (lk, kernel, logo) from a user-area dump of `dump_size` bytes,
 * finding partitions by name in `names` (a decoded scatter, or the dump's PMT). A partition
 * that does not parse becomes one of p->problems. */
int readback_dump_parts(struct mtkfw_profile *p, const char *dump, uint64_t dump_size, const mtkfw_layout *names);

/* Keep `msg` among the profile's problems (at most 64; more are dropped). Only running out of
 * memory is an error. */
int profile_add_problem(struct mtkfw_profile *p, const char *msg);

/*
 * compat's rules about the parts lk and the kernel carry (display, touch, camera), on their own:
 * `fw` is what would be flashed (has_lk / has_kernel only for the parts written), `phone` what
 * the phone runs now, `phone_lcm` the panel its cmdline names (NULL: unknown). One risk per
 * rule, in compat's order, and the verdict, exactly as mtkfw_compat_check() decides them: the
 * flash pre-flight calls this on the phone's own lk and kernel, so both paths hold one rule set.
 */
int compat_part_risks(struct mtkfw_compat *out, const struct mtkfw_profile *fw, const struct mtkfw_profile *phone,
		      const char *phone_lcm);

#endif
