/*
 * Writing gzip streams that zlib makes again byte for byte, and finding out, from a stream read
 * in a firmware file, whether zlib at some level made it (AOSP's minigzip does: level 6, no
 * name, time 0). A ramdisk repacked with the level and header found here comes out identical.
 */
#ifndef MTKFW_IMAGE_GZIP_MAKE_H
#define MTKFW_IMAGE_GZIP_MAKE_H

#include <mtkfw/image.h>

/* Deflate `in` at mk->level (9 when 0) into a gzip stream with mk's header fields. */
int mtkfwi_gzip_make(uint8_t **out, size_t *out_len, const uint8_t *in, size_t len, const struct mtkfw_gzip_make *mk);

/* Fill *mk from the gzip stream `z` that holds `raw`: its header fields, and the zlib level
 * that makes exactly `z` again (6 first, the usual, then the others), or level 0 when none does
 * (a name in the header, bytes after the stream, or another deflate implementation). */
void mtkfwi_gzip_find_level(struct mtkfw_gzip_make *mk, const uint8_t *z, size_t zlen, const uint8_t *raw, size_t rawlen);

#endif
