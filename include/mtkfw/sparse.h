/*
 * mtkfw — Android sparse images (the format of system.img, userdata.img, cache.img in a
 * firmware package): read them as a stream or by random access without expanding them,
 * expand them to raw files (don't-care ranges become holes), and make them from raw files.
 *
 * Format facts (all little-endian): a 28-byte file header (magic 0xED26FF3A, version 1.0,
 * block size, total blocks, chunk count, CRC32 of the whole output or 0), then chunks of a
 * 12-byte header (type, output blocks, total bytes) followed by their data: RAW (the blocks),
 * FILL (a 4-byte pattern), DONT_CARE (nothing), CRC32 (the CRC of everything output so far).
 *
 * Opening an image walks and checks every chunk header once (sizes against the block size,
 * the sum of blocks against total_blks, offsets against the file size) and keeps a small
 * chunk map, so reads never trust a header twice. Memory is the chunk map, never the image.
 */
#ifndef MTKFW_SPARSE_H
#define MTKFW_SPARSE_H

#include "common.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MTKFW_SPARSE_MAGIC 0xED26FF3Au
#define MTKFW_SPARSE_FILE_HDR_SZ 28u
#define MTKFW_SPARSE_CHUNK_HDR_SZ 12u

typedef enum mtkfw_sparse_chunk_type {
	MTKFW_SPARSE_RAW = 0xCAC1,
	MTKFW_SPARSE_FILL = 0xCAC2,
	MTKFW_SPARSE_DONT_CARE = 0xCAC3,
	MTKFW_SPARSE_CRC32 = 0xCAC4,
} mtkfw_sparse_chunk_type;

/* "raw", "fill", "dont_care", "crc32" (NULL for another value); parse gives -1 for another word. */
MTKFW_API const char *mtkfw_sparse_chunk_type_name(int type);
MTKFW_API int mtkfw_sparse_chunk_type_parse(const char *word);

/* The file header, as stored. Read-only for callers. */
typedef struct mtkfw_sparse_header {
	uint32_t magic;
	uint16_t major, minor;
	uint16_t file_hdr_sz, chunk_hdr_sz;
	uint32_t blk_sz;
	uint32_t total_blks;
	uint32_t total_chunks;
	uint32_t image_checksum; /* CRC32 of the expanded image, don't-care as zeros; 0 = none */
} mtkfw_sparse_header;

/*
 * One chunk, located in both files. For RAW, the data is `out_len` bytes at `in_offset` of
 * the sparse file; for FILL, `value` is the 4-byte pattern (as read, little-endian) repeated;
 * for CRC32, `value` is the stored CRC and `out_len` is 0; DONT_CARE has no data.
 */
typedef struct mtkfw_sparse_chunk {
	uint16_t type;       /* a mtkfw_sparse_chunk_type */
	uint32_t blocks;     /* chunk_sz: output blocks */
	uint64_t out_offset; /* byte offset in the expanded image */
	uint64_t out_len;    /* bytes in the expanded image (blocks * blk_sz) */
	uint64_t in_offset;  /* offset of the chunk's data in the sparse file */
	uint32_t value;      /* FILL pattern or CRC32 value */
} mtkfw_sparse_chunk;

/* An open sparse image (opaque). A handle keeps a stream position and a search hint: use
 * one handle per thread. */
typedef struct mtkfw_sparse mtkfw_sparse;

/*
 * Limits that keep a hostile header harmless; each is refused with MTKFW_ERR_LIMIT and the
 * numbers (docs/size-limits.md gives the largest values real files use).
 * - Chunks: the chunk map is 40 bytes a chunk (real images: < 100k chunks).
 * - Block size: a multiple of 4 up to 64 KiB. Real images use 4096 (the ext4 and f2fs block);
 *   ext4's largest block is 64 KiB. A 2 GiB block made 40 bytes expand to 16 EiB.
 * - Expanded size: 64 GiB. The largest eMMC an MT6572 phone carries is 32 GB, so no partition
 *   image is bigger; every length computed from a header stays far below 2^63.
 */
#define MTKFW_SPARSE_MAX_CHUNKS (1u << 22)
#define MTKFW_SPARSE_MAX_BLOCK_SIZE (64u << 10)
#define MTKFW_SPARSE_MAX_RAW_SIZE (64ull << 30)

/* True when the first bytes of a file are a sparse header (4 bytes are enough). */
MTKFW_API bool mtkfw_sparse_probe(const void *head, size_t len);

/* Open a sparse image file and check every chunk header. CRCs are not checked here: see
 * mtkfw_sparse_verify (expand checks them on the way). */
MTKFW_API int mtkfw_sparse_open(mtkfw_sparse **out, const char *path);

/* The same over bytes in memory (kept by reference: they must outlive the handle). `name`
 * is used in messages. */
MTKFW_API int mtkfw_sparse_open_mem(mtkfw_sparse **out, const void *data, size_t len, const char *name);

/*
 * Open and check every chunk header as mtkfw_sparse_open does, but keep no chunk map: memory
 * stays flat whatever the chunk count (a 48 MiB file can hold 4 million chunks). For reports:
 * the header, the counts and mtkfw_sparse_each_chunk work; chunk_at returns NULL, and pread,
 * read, seek, verify and expand_fd need a handle from mtkfw_sparse_open (MTKFW_ERR_INVALID).
 */
MTKFW_API int mtkfw_sparse_open_headers(mtkfw_sparse **out, const char *path);

MTKFW_API void mtkfw_sparse_free(mtkfw_sparse *s);

MTKFW_API const mtkfw_sparse_header *mtkfw_sparse_get_header(const mtkfw_sparse *s);
/* Size of the expanded image: total_blks * blk_sz. */
MTKFW_API uint64_t mtkfw_sparse_raw_size(const mtkfw_sparse *s);
MTKFW_API size_t mtkfw_sparse_chunk_count(const mtkfw_sparse *s);
/* Chunk `i` in file order, or NULL past the end (and always on a handle without a map). */
MTKFW_API const mtkfw_sparse_chunk *mtkfw_sparse_chunk_at(const mtkfw_sparse *s, size_t i);

/* Call `fn` for every chunk in file order, on any handle: from the map when there is one,
 * else by walking the file's headers again (checked again: a file changed since the open is
 * an error). A non-zero return from `fn` stops the walk and is returned. */
MTKFW_API int mtkfw_sparse_each_chunk(mtkfw_sparse *s, int (*fn)(const mtkfw_sparse_chunk *c, size_t i, void *user),
				      void *user);

/*
 * Random access: `len` bytes of the expanded image at `off` (don't-care reads as zeros).
 * Reading past the end of the image is MTKFW_ERR_INVALID. Finds the chunk by binary search,
 * so a file system can be read out of a sparse image without expanding it.
 */
MTKFW_API int mtkfw_sparse_pread(mtkfw_sparse *s, void *buf, size_t len, uint64_t off);

/* A plain byte stream of the expanded image: up to `len` bytes into `buf`, `*got` 0 at the
 * end. Each call continues where the last stopped. */
MTKFW_API int mtkfw_sparse_read(mtkfw_sparse *s, void *buf, size_t len, size_t *got);

/* Rewind the stream of mtkfw_sparse_read to `off`. */
MTKFW_API int mtkfw_sparse_seek(mtkfw_sparse *s, uint64_t off);

/* Check every CRC32 chunk and the image checksum (when non-zero) by reading the whole image;
 * a difference is MTKFW_ERR_MISMATCH. Progress stage "verify". */
MTKFW_API int mtkfw_sparse_verify(mtkfw_sparse *s, mtkfw_ctx *ctx);

/* Summary counts for reports. */
typedef struct mtkfw_sparse_stats {
	uint64_t raw_chunks, fill_chunks, dont_care_chunks, crc_chunks;
	uint64_t raw_bytes, fill_bytes, dont_care_bytes; /* expanded bytes of each kind */
} mtkfw_sparse_stats;
MTKFW_API void mtkfw_sparse_get_stats(mtkfw_sparse_stats *out, const mtkfw_sparse *s);

/*
 * Expand sparse `in` to raw `out` (written atomically). Don't-care ranges, and only they,
 * become holes (fills are written, zeros too), so mtkfw_sparse_make of the result gives the
 * same chunks back. The file is total_blks * blk_sz bytes long, as simg2img writes it. CRC32 chunks and a non-zero
 * image checksum are verified; a mismatch fails and leaves no output. Progress stage "expand".
 */
MTKFW_API int mtkfw_sparse_expand(const char *in, const char *out, mtkfw_ctx *ctx);

/* Write the expanded image of an open handle to `fd`, an empty regular file: don't-care
 * ranges are skipped by seeking (they read as zeros only because the file was empty), then
 * the file is truncated to its full size. */
MTKFW_API int mtkfw_sparse_expand_fd(mtkfw_sparse *s, int fd, const char *outname, mtkfw_ctx *ctx);

/*
 * Make sparse `out` from raw `in` (written atomically) with blocks of `block_size` bytes
 * (a multiple of 4, at least 1024; 0 means 4096). Blocks whose 32-bit words are all equal
 * become FILL chunks (zeros included, so a flash writes them), holes of the input file
 * become DONT_CARE, the rest RAW. A last partial block is padded with zeros, as img2simg
 * does. Progress stage "make".
 */
MTKFW_API int mtkfw_sparse_make(const char *in, const char *out, uint32_t block_size, mtkfw_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
