/*
 * mtkfw — compressed streams found in firmware (kernel payloads, ramdisks, logo images).
 * One enum and one set of bounded decompressors for the whole library: every caller names the
 * most it will accept, and a stream that would grow past it (a "zip bomb") is refused with
 * MTKFW_ERR_LIMIT rather than followed.
 */
#ifndef MTKFW_COMPRESS_H
#define MTKFW_COMPRESS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_compression {
	MTKFW_COMP_NONE = 0,
	MTKFW_COMP_GZIP,
	MTKFW_COMP_LZMA, /* lzma "alone" format, as kernels and old ramdisks use */
	MTKFW_COMP_XZ,
	MTKFW_COMP_LZ4,  /* lz4 legacy frame, as the kernel reads it */
	MTKFW_COMP_LZO,  /* lzop */
	MTKFW_COMP_ZLIB, /* RFC 1950 (logo.bin images) */
} mtkfw_compression;

/* "none", "gzip", "lzma", "xz", "lz4", "lzo", "zlib". */
MTKFW_API const char *mtkfw_compression_name(mtkfw_compression c);
/* The compression called `name` (as mtkfw_compression_name gives), or -1. */
MTKFW_API int mtkfw_compression_parse(const char *name);
/* The compression of a stream from its first bytes, or -1 when no known magic is there. Plain
 * data is not recognised (returns -1): callers decide what "none" means for them. */
MTKFW_API int mtkfw_compression_detect(const uint8_t *buf, size_t len);

/* Decompress one stream of kind `c` starting at buf[0], writing at most `max` bytes. Data after
 * the stream's end is ignored. Output over `max` is MTKFW_ERR_LIMIT. */
MTKFW_API int mtkfw_decompress(uint8_t **out, size_t *out_len, mtkfw_compression c,
			       const uint8_t *buf, size_t len, size_t max);

#ifdef __cplusplus
}
#endif
#endif
