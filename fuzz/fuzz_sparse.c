/*
 * Sparse images: parse (walk and check every chunk), read the expanded image by random
 * access and as a stream (bounded), verify CRCs, then write the header and chunk headers
 * back and parse the result again: the chunk map must come out the same.
 */
#include "image/sparse_internal.h"

#include <stdlib.h>
#include <string.h>

/* Reads cross chunk boundaries at any size; 64 KiB instead of 1 MiB keeps an execution cheap
 * (filling a megabyte three times an input was most of the harness's time). */
#define READ_MAX (64u << 10)

static void write_back(const mtkfw_sparse *s, const uint8_t *data, size_t size)
{
	const mtkfw_sparse_header *h = mtkfw_sparse_get_header(s);
	size_t n = mtkfw_sparse_chunk_count(s), out_len = MTKFW_SPARSE_FILE_HDR_SZ, pos;
	uint8_t *out;
	mtkfw_sparse *again;

	/* Only data the input actually holds is copied, so the rewrite is as big as the input. */
	for (size_t i = 0; i < n; i++) {
		const mtkfw_sparse_chunk *c = mtkfw_sparse_chunk_at(s, i);
		out_len += MTKFW_SPARSE_CHUNK_HDR_SZ + (c->type == MTKFW_SPARSE_RAW ? c->out_len : 0) +
			   (c->type == MTKFW_SPARSE_FILL || c->type == MTKFW_SPARSE_CRC32 ? 4 : 0);
	}
	out = malloc(out_len);
	if (!out)
		return;
	mtkfw_sparse_header h2 = *h;
	h2.file_hdr_sz = MTKFW_SPARSE_FILE_HDR_SZ;
	h2.chunk_hdr_sz = MTKFW_SPARSE_CHUNK_HDR_SZ;
	mtkfwi_sparse_header_encode(out, &h2);
	pos = MTKFW_SPARSE_FILE_HDR_SZ;
	for (size_t i = 0; i < n; i++) {
		const mtkfw_sparse_chunk *c = mtkfw_sparse_chunk_at(s, i);
		size_t extra = c->type == MTKFW_SPARSE_RAW ? (size_t)c->out_len
			       : (c->type == MTKFW_SPARSE_FILL || c->type == MTKFW_SPARSE_CRC32) ? 4 : 0;
		struct sparse_chunk_hdr ch = { c->type, 0, c->blocks, (uint32_t)(MTKFW_SPARSE_CHUNK_HDR_SZ + extra) };

		mtkfwi_sparse_chunk_hdr_encode(out + pos, &ch);
		pos += MTKFW_SPARSE_CHUNK_HDR_SZ;
		if (c->type == MTKFW_SPARSE_RAW)
			memcpy(out + pos, data + c->in_offset, extra);
		else if (extra)
			memcpy(out + pos, data + c->in_offset, 4);
		pos += extra;
	}
	if (mtkfw_sparse_open_mem(&again, out, out_len, "rewrite") != 0)
		abort(); /* what we write must parse */
	if (mtkfw_sparse_chunk_count(again) != n || mtkfw_sparse_raw_size(again) != mtkfw_sparse_raw_size(s))
		abort();
	for (size_t i = 0; i < n; i++) {
		const mtkfw_sparse_chunk *a = mtkfw_sparse_chunk_at(s, i), *b = mtkfw_sparse_chunk_at(again, i);
		if (a->type != b->type || a->out_offset != b->out_offset || a->out_len != b->out_len ||
		    a->value != b->value)
			abort();
	}
	mtkfw_sparse_free(again);
	free(out);
	(void)size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mtkfw_sparse *s;
	uint8_t *buf;
	uint64_t raw;
	size_t got, n;

	if (mtkfw_sparse_open_mem(&s, data, size, "fuzz") != 0)
		return 0;
	raw = mtkfw_sparse_raw_size(s);
	buf = malloc(READ_MAX);
	if (buf) {
		n = raw < READ_MAX ? (size_t)raw : READ_MAX;
		(void)mtkfw_sparse_pread(s, buf, n, 0);
		(void)mtkfw_sparse_pread(s, buf, n, raw - n); /* the end */
		(void)mtkfw_sparse_pread(s, buf, n / 2, raw / 3);
		for (int i = 0; i < 4 && mtkfw_sparse_read(s, buf, READ_MAX / 2 + 13, &got) == 0 && got; i++)
			;
		free(buf);
	}
	(void)mtkfw_sparse_verify(s, NULL);
	write_back(s, data, size);
	mtkfw_sparse_free(s);
	return 0;
}
