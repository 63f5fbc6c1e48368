/*
 * Inside the sparse module: the on-disk headers (one read/write pair each, used by the
 * reader and by the writer) and the open-image struct shared by reader, expander and the
 * ext4 io manager.
 */
#ifndef MTKFW_IMAGE_SPARSE_INTERNAL_H
#define MTKFW_IMAGE_SPARSE_INTERNAL_H

#include <mtkfw/sparse.h>

/* The 28-byte file header <-> struct. `decode` does not validate: the reader does. */
void mtkfwi_sparse_header_decode(mtkfw_sparse_header *h, const uint8_t b[MTKFW_SPARSE_FILE_HDR_SZ]);
void mtkfwi_sparse_header_encode(uint8_t b[MTKFW_SPARSE_FILE_HDR_SZ], const mtkfw_sparse_header *h);

/* The 12-byte chunk header. */
struct sparse_chunk_hdr {
	uint16_t type;
	uint16_t reserved;
	uint32_t chunk_sz; /* output blocks */
	uint32_t total_sz; /* bytes in the sparse file, header included */
};
void mtkfwi_sparse_chunk_hdr_decode(struct sparse_chunk_hdr *c, const uint8_t b[MTKFW_SPARSE_CHUNK_HDR_SZ]);
void mtkfwi_sparse_chunk_hdr_encode(uint8_t b[MTKFW_SPARSE_CHUNK_HDR_SZ], const struct sparse_chunk_hdr *c);

/* Human name of a chunk type ("raw", "fill", "dont_care", "crc32"), or NULL. */

struct mtkfw_sparse {
	char *name;          /* for messages */
	int fd;              /* -1 for an image in memory */
	const uint8_t *mem;  /* the image in memory, or NULL */
	uint64_t file_size;
	mtkfw_sparse_header hdr;
	uint64_t raw_size;
	mtkfw_sparse_chunk *chunks; /* the chunk map; NULL on a handle from open_headers */
	size_t nchunks;
	mtkfw_sparse_stats stats;   /* counted by the walk, so no report needs the map */
	uint64_t pos;        /* stream position of mtkfw_sparse_read */
	size_t hint;         /* chunk of the last read: sequential reads skip the search */
};

/* Read `n` bytes of the sparse file itself at `off`. */
int mtkfwi_sparse_src_read(mtkfw_sparse *s, void *buf, size_t n, uint64_t off);

/* Fill `n` bytes with a 4-byte little-endian pattern starting at pattern byte `phase`. */
void mtkfwi_sparse_fill_pattern(uint8_t *buf, size_t n, uint32_t value, unsigned phase);

/* CRC32 (zlib's) continued over `n` bytes (a multiple of 4) of a repeated pattern. */
uint32_t mtkfwi_sparse_crc_pattern(uint32_t crc, uint32_t value, uint64_t n);

#endif
