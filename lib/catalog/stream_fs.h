/* Inside lib/catalog: a file out of an ext4 image that streams (stream_fs.c). */
#ifndef MTKFW_CATALOG_STREAM_FS_H
#define MTKFW_CATALOG_STREAM_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mtkfw_modem;

/* Give up to `n` bytes of the stream in `buf`; *got 0 at its end. 0 or a negative status. */
typedef int (*stream_pull_fn)(void *user, void *buf, size_t n, size_t *got);

/*
 * Read /build.prop (at most 1 MiB) and, when `modem` is not NULL, the modem (mtkfw_modem_find)
 * out of the ext4 image — raw or Android sparse — whose first `head_len` bytes are `head`
 * (already taken from the stream) and whose rest comes from `pull`. `member_size` is the
 * image's size in the stream (for a raw image, its size). *prop is NULL when the image has no
 * build.prop; MTKFW_ERR_NOTFOUND when it has neither. A spool file in `tmp_dir` (removed at
 * once) keeps what was pulled; *pulled says how many bytes of the stream were taken. `name`
 * is for messages and the modem's file name ("system.img:/etc/firmware/...").
 */
int mtkfwi_stream_system(uint8_t **prop, size_t *prop_len, struct mtkfw_modem *modem, bool *has_modem, stream_pull_fn pull,
		  void *user, const uint8_t *head, size_t head_len, uint64_t member_size, const char *tmp_dir,
		  const char *name, uint64_t *pulled);

#endif
