/* Shared by the flash plan, its journal and its run (lib/device/flash_*.c). */
#ifndef MTKFW_DEVICE_FLASH_INTERNAL_H
#define MTKFW_DEVICE_FLASH_INTERNAL_H

#include <mtkfw/flash.h>
#include <mtkfw/sparse.h>

/* `name` is in the comma list (any case). */
bool flash_in_list(const char *list, const char *name);

/* The plan's remedy (flash_remedy.c): gather one refusal's option ("--skip" with a comma list of
 * names, "--mode upgrade", "no option: why", or a sentence); a partition that must be written
 * too; and, once the plan is built, the one command-line change that lets it through. */
void flash_remedy_add(mtkfw_flash_plan *plan, const char *option, const char *arg);
void flash_remedy_write(mtkfw_flash_plan *plan, const char *name);
int flash_remedy_finish(mtkfw_flash_plan *plan, const struct mtkfw_flash_opts *opts);

/* The bytes a step puts on the phone, by offset inside the step: a built buffer, a plain file
 * or an expanded sparse image, zero padded to the step's length. */
struct flash_source {
	const struct mtkfw_flash_step *st;
	int fd;
	mtkfw_sparse *sparse;
	uint64_t size; /* bytes before the zero padding */
};
int flash_source_open(struct flash_source *src, const struct mtkfw_flash_step *st);
int flash_source_pread(struct flash_source *src, uint8_t *buf, size_t n, uint64_t off);
void flash_source_close(struct flash_source *src);

/* The ranges (inside the step) that must be written: all of it, or, for a sparse image on an
 * erased range, its RAW and FILL chunks merged where they touch. `cb` returns 0 to go on. */
int flash_step_extents(const struct mtkfw_flash_step *st, int (*cb)(uint64_t off, uint64_t len, void *user),
		       void *user);
/* Bytes the extents add up to. */
int flash_step_payload(const struct mtkfw_flash_step *st, uint64_t *out);

#endif
