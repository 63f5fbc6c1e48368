/*
 * Raw -> sparse, in one streaming pass. Holes of the input (SEEK_DATA/SEEK_HOLE) become
 * DONT_CARE without being read; the data is read 1 MiB at a time and each block is
 * classified: all 32-bit words equal -> FILL (zeros included: a flash must still write
 * them, DONT_CARE would leave the old contents), else RAW. Runs of the same kind merge into
 * one chunk; a RAW chunk's header is written with a placeholder and patched when the run
 * ends, so nothing is buffered beyond one read.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "image/sparse_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define MAKE_BUF (1u << 20)

struct maker {
	mtkfw_ctx *ctx;
	struct mtkfw_atomic *out;
	const char *outname;
	uint32_t bs;
	uint64_t wpos;     /* bytes written to the output so far */
	uint32_t nchunks;
	/* the open chunk */
	uint16_t type;     /* 0: none */
	uint32_t blocks;
	uint32_t value;
	uint64_t hdr_pos;  /* RAW: where its header waits to be patched */
};

static int out_write(struct maker *m, const void *p, size_t n)
{
	int rc = mtkfw_atomic_write(m->out, p, n);

	if (!rc)
		m->wpos += n;
	return rc;
}

static int out_patch(struct maker *m, const uint8_t *p, size_t n, uint64_t off)
{
	ssize_t w = pwrite(m->out->fd, p, n, (off_t)off);

	if (w != (ssize_t)n)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: write failed: %s", m->outname,
				    w < 0 ? strerror(errno) : "short write");
	return 0;
}

static int close_chunk(struct maker *m)
{
	struct sparse_chunk_hdr c = { m->type, 0, m->blocks, MTKFW_SPARSE_CHUNK_HDR_SZ };
	uint8_t b[MTKFW_SPARSE_CHUNK_HDR_SZ + 4];
	int rc = 0;

	if (!m->type)
		return 0;
	if (m->nchunks == MTKFW_SPARSE_MAX_CHUNKS) /* the reader would refuse the result */
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %u chunks", m->outname, MTKFW_SPARSE_MAX_CHUNKS);
	switch (m->type) {
	case MTKFW_SPARSE_RAW:
		c.total_sz = MTKFW_SPARSE_CHUNK_HDR_SZ + m->blocks * m->bs;
		mtkfwi_sparse_chunk_hdr_encode(b, &c);
		rc = out_patch(m, b, MTKFW_SPARSE_CHUNK_HDR_SZ, m->hdr_pos);
		break;
	case MTKFW_SPARSE_FILL:
		c.total_sz += 4;
		mtkfwi_sparse_chunk_hdr_encode(b, &c);
		wr_le32(b + MTKFW_SPARSE_CHUNK_HDR_SZ, m->value);
		rc = out_write(m, b, sizeof(b));
		break;
	default:
		mtkfwi_sparse_chunk_hdr_encode(b, &c);
		rc = out_write(m, b, MTKFW_SPARSE_CHUNK_HDR_SZ);
	}
	m->nchunks++;
	m->type = 0;
	m->blocks = 0;
	return rc;
}

/* Add `n` blocks of one kind; RAW blocks bring their bytes. */
static int add_blocks(struct maker *m, uint16_t type, uint32_t value, uint32_t n, const uint8_t *data)
{
	/* A RAW chunk's total size is a u32: start a new chunk before it would overflow. */
	uint32_t raw_max = (UINT32_MAX - MTKFW_SPARSE_CHUNK_HDR_SZ) / m->bs;
	int rc;

	while (n) {
		uint32_t take = n;

		if (m->type != type || (type == MTKFW_SPARSE_FILL && m->value != value) ||
		    (type == MTKFW_SPARSE_RAW && m->blocks == raw_max)) {
			rc = close_chunk(m);
			if (rc)
				return rc;
			m->type = type;
			m->value = value;
			if (type == MTKFW_SPARSE_RAW) {
				uint8_t ph[MTKFW_SPARSE_CHUNK_HDR_SZ] = { 0 };
				m->hdr_pos = m->wpos;
				rc = out_write(m, ph, sizeof(ph));
				if (rc)
					return rc;
			}
		}
		if (type == MTKFW_SPARSE_RAW) {
			if (take > raw_max - m->blocks)
				take = raw_max - m->blocks;
			rc = out_write(m, data, (size_t)take * m->bs);
			if (rc)
				return rc;
			data += (size_t)take * m->bs;
		}
		m->blocks += take;
		n -= take;
	}
	return 0;
}

/* The fill value of a block whose 32-bit words are all equal. */
static bool block_is_fill(const uint8_t *p, uint32_t bs, uint32_t *value)
{
	uint64_t first, w;

	memcpy(&first, p, 8);
	if ((uint32_t)first != (uint32_t)(first >> 32))
		return false;
	uint32_t i;
	for (i = 8; i + 8 <= bs; i += 8) {
		memcpy(&w, p + i, 8);
		if (w != first)
			return false;
	}
	if (i < bs && memcmp(p + i, p, 4) != 0) /* a block of 4 * odd bytes */
		return false;
	*value = rd_le32(p);
	return true;
}

/* Classify and emit `nblk` blocks held in `buf`, grouping neighbours of one kind. */
static int emit_buffer(struct maker *m, const uint8_t *buf, uint32_t nblk)
{
	uint32_t i = 0;

	while (i < nblk) {
		uint32_t v, v2, j = i + 1;

		if (block_is_fill(buf + (size_t)i * m->bs, m->bs, &v)) {
			while (j < nblk && block_is_fill(buf + (size_t)j * m->bs, m->bs, &v2) && v2 == v)
				j++;
			int rc = add_blocks(m, MTKFW_SPARSE_FILL, v, j - i, NULL);
			if (rc)
				return rc;
		} else {
			while (j < nblk && !block_is_fill(buf + (size_t)j * m->bs, m->bs, &v2))
				j++;
			int rc = add_blocks(m, MTKFW_SPARSE_RAW, 0, j - i, buf + (size_t)i * m->bs);
			if (rc)
				return rc;
		}
		i = j;
	}
	return 0;
}

/* Read and emit blocks [b0, b1) of the input. */
static int emit_data(struct maker *m, int fd, const char *in, uint64_t size, uint8_t *buf, uint64_t b0,
		     uint64_t b1)
{
	uint32_t per = MAKE_BUF / m->bs;

	while (b0 < b1) {
		uint64_t nblk = b1 - b0 < per ? b1 - b0 : per;
		uint64_t off = b0 * m->bs, want = nblk * m->bs;
		int rc;

		/* The last block may be partial: the rest reads as zeros, as img2simg pads it. */
		if (off + want > size) {
			memset(buf + (size - off), 0, (size_t)(off + want - size));
			want = size - off;
		}
		rc = mtkfw_pread_exact(fd, buf, (size_t)want, off, in);
		if (!rc)
			rc = emit_buffer(m, buf, (uint32_t)nblk);
		if (!rc)
			rc = mtkfw_progress(m->ctx, "make", off + want, size);
		if (rc)
			return rc;
		b0 += nblk;
	}
	return 0;
}

static int make_body(struct maker *m, int fd, const char *in, uint64_t size, uint64_t total_blks)
{
	uint8_t *buf = malloc(MAKE_BUF);
	uint64_t b = 0;
	bool holes = true;
	int rc = 0;

	if (!buf)
		return mtkfw_nomem();
	while (b < total_blks && !rc) {
		uint64_t d0 = b * m->bs, d1 = size;

		if (holes) {
			off_t x = lseek(fd, (off_t)d0, SEEK_DATA);
			if (x < 0 && errno == ENXIO) {
				x = (off_t)size; /* only a hole is left */
			} else if (x < 0) {
				holes = false; /* the file system cannot say: read everything */
				x = (off_t)d0;
			}
			d0 = (uint64_t)x;
			if (holes && d0 < size) {
				off_t y = lseek(fd, x, SEEK_HOLE);
				d1 = y < 0 ? size : (uint64_t)y;
			}
		}
		/* Only whole blocks inside a hole are DONT_CARE: a block that holds any data is read. */
		uint64_t db0 = d0 >= size ? total_blks : d0 / m->bs;
		uint64_t db1 = d1 >= size ? total_blks : (d1 + m->bs - 1) / m->bs;
		if (db0 > b) {
			rc = add_blocks(m, MTKFW_SPARSE_DONT_CARE, 0, (uint32_t)(db0 - b), NULL);
			b = db0;
			if (!rc)
				rc = mtkfw_progress(m->ctx, "make", b * m->bs > size ? size : b * m->bs, size);
		}
		if (!rc && b < db1) {
			rc = emit_data(m, fd, in, size, buf, b, db1);
			b = db1;
		}
	}
	free(buf);
	return rc ? rc : close_chunk(m);
}

int mtkfw_sparse_make(const char *in, const char *out, uint32_t block_size, mtkfw_ctx *ctx)
{
	struct mtkfw_atomic a;
	struct maker m = { 0 };
	mtkfw_sparse_header h = { 0 };
	uint8_t hb[MTKFW_SPARSE_FILE_HDR_SZ] = { 0 };
	uint64_t size, total_blks;
	int fd, rc;

	if (!in || !out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_sparse_make: NULL argument");
	if (!block_size)
		block_size = 4096;
	/* Below 1 KiB chunk headers would outweigh data; above the reader's limit nobody (we
	 * included) would read the result. 1 MiB reads hold whole blocks. */
	if (block_size % 4 || block_size < 1024 || block_size > MTKFW_SPARSE_MAX_BLOCK_SIZE)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "block size %u: must be a multiple of 4 from 1024 to %u",
				    block_size, MTKFW_SPARSE_MAX_BLOCK_SIZE);
	rc = mtkfw_open_input(in, &fd, &size);
	if (rc)
		return rc;
	total_blks = (size + block_size - 1) / block_size;
	if (size > MTKFW_SPARSE_MAX_RAW_SIZE || total_blks * block_size > MTKFW_SPARSE_MAX_RAW_SIZE) {
		close(fd);
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %llu bytes, more than the %llu a sparse image may expand to", in,
				    (unsigned long long)size, (unsigned long long)MTKFW_SPARSE_MAX_RAW_SIZE);
	}
	/* A sparse image is derived: the raw one makes it again (core/file.h, durability). */
	rc = mtkfw_atomic_open_flags(&a, out, MTKFW_ATOMIC_DERIVED);
	if (rc) {
		close(fd);
		return rc;
	}
	m.ctx = ctx;
	m.out = &a;
	m.outname = out;
	m.bs = block_size;
	/* The header is written last, when the chunk count is known; its room is kept now. */
	rc = out_write(&m, hb, sizeof(hb));
	if (!rc)
		rc = mtkfw_progress(ctx, "make", 0, size);
	if (!rc)
		rc = make_body(&m, fd, in, size, total_blks);
	close(fd);
	if (!rc) {
		h.magic = MTKFW_SPARSE_MAGIC;
		h.major = 1;
		h.minor = 0;
		h.file_hdr_sz = MTKFW_SPARSE_FILE_HDR_SZ;
		h.chunk_hdr_sz = MTKFW_SPARSE_CHUNK_HDR_SZ;
		h.blk_sz = block_size;
		h.total_blks = (uint32_t)total_blks;
		h.total_chunks = m.nchunks;
		h.image_checksum = 0;
		mtkfwi_sparse_header_encode(hb, &h);
		rc = out_patch(&m, hb, sizeof(hb), 0);
	}
	if (rc) {
		mtkfw_atomic_abort(&a);
		return rc;
	}
	return mtkfw_atomic_commit(&a);
}
