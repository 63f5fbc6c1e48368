/* The sparse file and chunk headers, described once for the reader and the writer. */
#include "core/bytes.h"
#include "core/enum_words.h"
#include "core/internal.h"
#include "image/sparse_internal.h"

#include <zlib.h>

void mtkfwi_sparse_header_decode(mtkfw_sparse_header *h, const uint8_t b[MTKFW_SPARSE_FILE_HDR_SZ])
{
	h->magic = rd_le32(b + 0);
	h->major = rd_le16(b + 4);
	h->minor = rd_le16(b + 6);
	h->file_hdr_sz = rd_le16(b + 8);
	h->chunk_hdr_sz = rd_le16(b + 10);
	h->blk_sz = rd_le32(b + 12);
	h->total_blks = rd_le32(b + 16);
	h->total_chunks = rd_le32(b + 20);
	h->image_checksum = rd_le32(b + 24);
}

void mtkfwi_sparse_header_encode(uint8_t b[MTKFW_SPARSE_FILE_HDR_SZ], const mtkfw_sparse_header *h)
{
	wr_le32(b + 0, h->magic);
	wr_le16(b + 4, h->major);
	wr_le16(b + 6, h->minor);
	wr_le16(b + 8, h->file_hdr_sz);
	wr_le16(b + 10, h->chunk_hdr_sz);
	wr_le32(b + 12, h->blk_sz);
	wr_le32(b + 16, h->total_blks);
	wr_le32(b + 20, h->total_chunks);
	wr_le32(b + 24, h->image_checksum);
}

void mtkfwi_sparse_chunk_hdr_decode(struct sparse_chunk_hdr *c, const uint8_t b[MTKFW_SPARSE_CHUNK_HDR_SZ])
{
	c->type = rd_le16(b + 0);
	c->reserved = rd_le16(b + 2);
	c->chunk_sz = rd_le32(b + 4);
	c->total_sz = rd_le32(b + 8);
}

void mtkfwi_sparse_chunk_hdr_encode(uint8_t b[MTKFW_SPARSE_CHUNK_HDR_SZ], const struct sparse_chunk_hdr *c)
{
	wr_le16(b + 0, c->type);
	wr_le16(b + 2, c->reserved);
	wr_le32(b + 4, c->chunk_sz);
	wr_le32(b + 8, c->total_sz);
}

/* Indexed by type - MTKFW_SPARSE_RAW. */
static const char *const chunk_words[] = { "raw", "fill", "dont_care", "crc32" };

const char *mtkfw_sparse_chunk_type_name(int type)
{
	return mtkfw_enum_word(MTKFW_WORDS(chunk_words), type - MTKFW_SPARSE_RAW, NULL);
}

int mtkfw_sparse_chunk_type_parse(const char *word)
{
	int v = mtkfw_enum_value(MTKFW_WORDS(chunk_words), word);

	return v < 0 ? -1 : v + MTKFW_SPARSE_RAW;
}

void mtkfwi_sparse_fill_pattern(uint8_t *buf, size_t n, uint32_t value, unsigned phase)
{
	uint8_t pat[4];

	wr_le32(pat, value);
	phase &= 3;
	/* Whole words are written 8 bytes at a time once aligned to the pattern. */
	while (n && phase) {
		*buf++ = pat[phase];
		phase = (phase + 1) & 3;
		n--;
	}
	if (n >= 8) {
		uint8_t pat8[8];
		memcpy(pat8, pat, 4);
		memcpy(pat8 + 4, pat, 4);
		while (n >= 8) {
			memcpy(buf, pat8, 8);
			buf += 8;
			n -= 8;
		}
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = pat[i & 3];
}

uint32_t mtkfwi_sparse_crc_pattern(uint32_t crc, uint32_t value, uint64_t n)
{
	/* CRC32 of n/4 copies of a 4-byte pattern appended to `crc`, by doubling with
	 * crc32_combine: O(log n), so a hostile 16 TiB don't-care run costs nothing to check. */
	uint8_t pat[4];
	uLong unit, res = crc;
	uint64_t ulen = 4, k = n / 4;

	wr_le32(pat, value);
	unit = crc32(0L, pat, 4);
	while (k) {
		if (k & 1)
			res = crc32_combine64(res, unit, (z_off64_t)ulen);
		k >>= 1;
		if (k) {
			unit = crc32_combine64(unit, unit, (z_off64_t)ulen);
			ulen *= 2;
		}
	}
	return (uint32_t)res;
}
