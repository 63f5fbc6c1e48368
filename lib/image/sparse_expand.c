/*
 * Sparse -> raw. One pass over the chunk map in file order: RAW data is copied (in the
 * kernel with copy_file_range when nothing needs checksumming), FILL (zeros too) is written
 * from a pattern buffer, DONT_CARE is skipped so it stays a hole, and the file is truncated to its
 * full size at the end. Memory: one 1 MiB buffer plus the chunk map, whatever the image size.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "image/sparse_internal.h"

#include <errno.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <zlib.h>

#define EXPAND_BUF (1u << 20)

static int pwrite_all(int fd, const uint8_t *p, size_t n, uint64_t off, const char *name)
{
	while (n) {
		ssize_t w = pwrite(fd, p, n, (off_t)off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: write failed: %s", name, strerror(errno));
		}
		p += w;
		n -= (size_t)w;
		off += (uint64_t)w;
	}
	return 0;
}

struct expander {
	mtkfw_ctx *ctx;
	mtkfw_sparse *s;
	int fd;
	const char *outname;
	uint8_t *buf;
	bool need_crc;
	bool try_cfr; /* copy_file_range still worth trying */
	uLong crc;
	uint64_t done;
};

static int progress(struct expander *e, uint64_t n)
{
	e->done += n;
	return mtkfw_progress(e->ctx, "expand", e->done, e->s->raw_size);
}

/* RAW data by the kernel: no copy through user space. Returns 1 when it could not be used
 * (other file systems, old kernels), so the caller copies through the buffer instead. */
static int copy_in_kernel(struct expander *e, const mtkfw_sparse_chunk *c)
{
	loff_t in = (loff_t)c->in_offset, out = (loff_t)c->out_offset;
	uint64_t left = c->out_len;

	while (left) {
		size_t want = left > (1u << 30) ? (1u << 30) : (size_t)left;
		ssize_t n = copy_file_range(e->s->fd, &in, e->fd, &out, want, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (left == c->out_len &&
			    (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP || errno == EBADF)) {
				e->try_cfr = false;
				return 1;
			}
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: copy failed: %s", e->outname, strerror(errno));
		}
		if (n == 0)
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: file ends inside a raw chunk", e->s->name);
		left -= (uint64_t)n;
		int rc = progress(e, (uint64_t)n);
		if (rc)
			return rc;
	}
	return 0;
}

static int do_raw(struct expander *e, const mtkfw_sparse_chunk *c)
{
	if (!e->need_crc && e->try_cfr && e->s->fd >= 0) {
		int rc = copy_in_kernel(e, c);
		if (rc <= 0)
			return rc;
	}
	for (uint64_t o = 0; o < c->out_len;) {
		size_t n = c->out_len - o < EXPAND_BUF ? (size_t)(c->out_len - o) : EXPAND_BUF;
		int rc = mtkfwi_sparse_src_read(e->s, e->buf, n, c->in_offset + o);

		if (!rc && e->need_crc)
			e->crc = crc32_z(e->crc, e->buf, n);
		if (!rc)
			rc = pwrite_all(e->fd, e->buf, n, c->out_offset + o, e->outname);
		if (!rc)
			rc = progress(e, n);
		if (rc)
			return rc;
		o += n;
	}
	return 0;
}

/* FILL and DONT_CARE: `write` says whether bytes go to the file. Only DONT_CARE stays a
 * hole: a zero FILL is written, so that holes mean "don't care" and nothing else, and
 * `sparse make` of the expanded file gives back the same chunks (a flash writes the zeros of
 * a FILL; it leaves a DONT_CARE range as it was). */
static int do_pattern(struct expander *e, const mtkfw_sparse_chunk *c, uint32_t value, bool write)
{
	size_t bl = c->out_len < EXPAND_BUF ? (size_t)c->out_len : EXPAND_BUF;

	if (!write) {
		if (e->need_crc)
			e->crc = mtkfwi_sparse_crc_pattern((uint32_t)e->crc, value, c->out_len);
		return progress(e, c->out_len);
	}
	/* Chunks start on block boundaries and blocks are multiples of 4: the pattern phase is 0. */
	mtkfwi_sparse_fill_pattern(e->buf, bl, value, 0);
	for (uint64_t o = 0; o < c->out_len;) {
		size_t n = c->out_len - o < bl ? (size_t)(c->out_len - o) : bl;
		int rc = 0;

		if (e->need_crc)
			e->crc = crc32_z(e->crc, e->buf, n);
		if (write)
			rc = pwrite_all(e->fd, e->buf, n, c->out_offset + o, e->outname);
		if (!rc)
			rc = progress(e, n);
		if (rc)
			return rc;
		o += n;
	}
	return 0;
}

/*
 * Before the first byte: will the output fit where it is written? The header is legal but the
 * file system is finite: RAW and FILL bytes are written (DONT_CARE stays a hole), and the
 * file's length must be one the file system can have (FAT stops at 4 GiB). Refused with the
 * numbers rather than found out when the disk is full.
 */
static int check_room(const mtkfw_sparse *s, int fd, const char *outname)
{
	struct statvfs v;
	uint64_t need = s->stats.raw_bytes + s->stats.fill_bytes, avail;
	long bits;

	if (fstatvfs(fd, &v) == 0) {
		avail = (uint64_t)v.f_bavail * (v.f_frsize ? v.f_frsize : v.f_bsize);
		if (need > avail)
			return mtkfw_seterr(MTKFW_ERR_IO,
					    "%s: the expanded image needs %llu bytes of disk (don't-care blocks stay holes), "
					    "the file system has %llu free; nothing written",
					    outname, (unsigned long long)need, (unsigned long long)avail);
	}
	/* Read as unsigned: glibc says 32 for FAT, whose files stop at 4 GiB - 1. */
	bits = fpathconf(fd, _PC_FILESIZEBITS);
	if (bits > 0 && bits < 64 && s->raw_size > (UINT64_C(1) << bits) - 1)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: the expanded image is %llu bytes, more than a file on this "
				    "file system can hold (%ld-bit sizes); nothing written",
				    outname, (unsigned long long)s->raw_size, bits);
	return 0;
}

int mtkfw_sparse_expand_fd(mtkfw_sparse *s, int fd, const char *outname, mtkfw_ctx *ctx)
{
	struct expander e = { ctx, s, fd, outname ? outname : "output", NULL, false, true, 0, 0 };
	int rc = 0;

	if (!s->chunks)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: expanding needs a handle from mtkfw_sparse_open", s->name);
	if ((rc = check_room(s, fd, e.outname)))
		return rc;

	e.crc = crc32(0L, Z_NULL, 0);
	e.need_crc = s->hdr.image_checksum != 0;
	for (size_t i = 0; i < s->nchunks; i++)
		if (s->chunks[i].type == MTKFW_SPARSE_CRC32)
			e.need_crc = true;
	e.buf = malloc(EXPAND_BUF);
	if (!e.buf)
		return mtkfw_nomem();
	rc = mtkfw_progress(ctx, "expand", 0, s->raw_size);
	for (size_t i = 0; i < s->nchunks && !rc; i++) {
		const mtkfw_sparse_chunk *c = &s->chunks[i];

		switch (c->type) {
		case MTKFW_SPARSE_RAW:
			rc = do_raw(&e, c);
			break;
		case MTKFW_SPARSE_FILL:
			rc = do_pattern(&e, c, c->value, true);
			break;
		case MTKFW_SPARSE_DONT_CARE:
			rc = do_pattern(&e, c, 0, false);
			break;
		case MTKFW_SPARSE_CRC32:
			if ((uint32_t)e.crc != c->value)
				rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: chunk %zu: CRC32 0x%08x stored, 0x%08x computed",
						  s->name, i, c->value, (uint32_t)e.crc);
			break;
		}
	}
	if (!rc && s->hdr.image_checksum && (uint32_t)e.crc != s->hdr.image_checksum)
		rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: image checksum 0x%08x stored, 0x%08x computed", s->name,
				  s->hdr.image_checksum, (uint32_t)e.crc);
	/* Trailing don't-care blocks must still count in the length, as simg2img makes it. */
	if (!rc && ftruncate(fd, (off_t)s->raw_size) != 0)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot set the size: %s", e.outname, strerror(errno));
	free(e.buf);
	return rc;
}

int mtkfw_sparse_expand(const char *in, const char *out, mtkfw_ctx *ctx)
{
	mtkfw_sparse *s;
	struct mtkfw_atomic a;
	int rc;

	if (!in || !out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_sparse_expand: NULL argument");
	rc = mtkfw_sparse_open(&s, in);
	if (rc)
		return rc;
	/* A raw image is derived: the sparse one makes it again (core/file.h, durability). */
	rc = mtkfw_atomic_open_flags(&a, out, MTKFW_ATOMIC_DERIVED);
	if (!rc) {
		rc = mtkfw_sparse_expand_fd(s, a.fd, out, ctx);
		if (rc)
			mtkfw_atomic_abort(&a);
		else
			rc = mtkfw_atomic_commit(&a);
	}
	mtkfw_sparse_free(s);
	return rc;
}
