/* Shared by the flash plan, its journal and its run (lib/device/flash_*.c). */
#ifndef MTKFW_DEVICE_FLASH_INTERNAL_H
#define MTKFW_DEVICE_FLASH_INTERNAL_H

#include <mtkfw/flash.h>
#include <mtkfw/sparse.h>

/* `name` is in the comma list (any case). */
bool mtkfwi_flash_in_list(const char *list, const char *name);

/* sel[i]: the flash writes partition i of pkg->layout (downloadable, with a file, narrowed by
 * --only and --skip). */
void mtkfwi_flash_select(const mtkfw_package *pkg, const struct mtkfw_flash_opts *opts, bool *sel);

/* Record the plan's refusal unless one is recorded already (the first error is the one named):
 * finding `code`, `remedy` (mtkfw_flash_remedy) and the `n` partitions it names. */
void mtkfwi_flash_refuse(mtkfw_flash_plan *plan, const char *code, int remedy, const char *const *parts, size_t n);

/* compat's display, touch, camera and radio rules (mtkfwi_compat_part_risks) on the lk, kernel and
 * system the plan writes (sel) against the phone's own (`phone`, NULL: not read): one finding
 * each, an unsafe display a refusal naming the lk and kernel partitions, the radio a warning at
 * most (flash_parts.c). */
int mtkfwi_flash_check_parts(mtkfw_flash_plan *plan, const mtkfw_package *pkg, const bool *sel,
		      const struct mtkfw_profile *phone);

/* The change that lets a refused plan through (flash_change.c): gather each refusal's remedy
 * (mtkfw_flash_remedy with the partitions it names), and once the plan is built, make the
 * whole --skip and --only lists from them and the user's own options. */
void mtkfwi_flash_change_add(mtkfw_flash_plan *plan, int remedy, const char *const *parts, size_t n);
int mtkfwi_flash_change_finish(mtkfw_flash_plan *plan, const struct mtkfw_flash_opts *opts);

/* The bytes a step puts on the phone, by offset inside the step: a built buffer, a plain file
 * or an expanded sparse image, zero padded to the step's length. */
struct flash_source {
	const struct mtkfw_flash_step *st;
	int fd;
	mtkfw_sparse *sparse;
	uint64_t size; /* bytes before the zero padding */
};
int mtkfwi_flash_source_open(struct flash_source *src, const struct mtkfw_flash_step *st);
int mtkfwi_flash_source_pread(struct flash_source *src, uint8_t *buf, size_t n, uint64_t off);
void mtkfwi_flash_source_close(struct flash_source *src);

/* The ranges (inside the step) that must be written: all of it, or, for a sparse image on an
 * erased range, its RAW and FILL chunks merged where they touch. `cb` returns 0 to go on. */
int mtkfwi_flash_step_extents(const struct mtkfw_flash_step *st, int (*cb)(uint64_t off, uint64_t len, void *user),
		       void *user);
/* Bytes the extents add up to. */
int mtkfwi_flash_step_payload(const struct mtkfw_flash_step *st, uint64_t *out);

#endif
