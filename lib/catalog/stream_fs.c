/*
 * /build.prop and the modem out of a system image that can only be read forward: a member of a .zip, .7z or
 * .tar.xz, decompressed as it streams. libext2fs wants random access (lib/image's reader over
 * a callback, mtkfw_ext4_open_reader); this gives it that without unpacking the image: bytes are
 * pulled from the stream only as far as the highest offset the lookup asks for, and kept in a
 * spool file so earlier offsets can be read again. An Android sparse image is expanded on the
 * way (its RAW chunks spooled compactly, FILL and DONT_CARE chunks kept as ranges), with the
 * sparse headers read by lib/image's one description of them. What lies past build.prop's
 * blocks is never spooled.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "catalog/stream_fs.h"
#include "image/sparse_internal.h"

#include <mtkfw/ext4.h>
#include <mtkfw/modem.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PIECE (1u << 20)
#define BUILD_PROP_MAX (1u << 20)

struct range {
	uint64_t start, len;  /* in the expanded image */
	uint16_t type;        /* MTKFW_SPARSE_RAW, _FILL, _DONT_CARE */
	uint32_t fill;
	uint64_t spool_off;   /* RAW: where its bytes start in the spool */
};

struct sfs {
	stream_pull_fn pull;
	void *user;
	const char *name;
	const uint8_t *head; /* bytes already taken from the stream, handed out first */
	size_t head_len, head_pos;
	uint64_t pulled;
	int spool;
	uint64_t spool_len;
	bool sparse;
	mtkfw_sparse_header h;
	uint32_t chunks_read;
	struct range *r;
	size_t n, cap;
	uint64_t covered;    /* expanded bytes known so far */
	uint64_t raw_left;   /* bytes of the current RAW range still in the stream */
	uint64_t size;       /* expanded size */
	bool end;
};

static int take(struct sfs *s, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		size_t k = 0;
		int rc;

		if (s->head_pos < s->head_len) {
			k = s->head_len - s->head_pos < n - got ? s->head_len - s->head_pos : n - got;
			memcpy((uint8_t *)buf + got, s->head + s->head_pos, k);
			s->head_pos += k;
		} else if ((rc = s->pull(s->user, (uint8_t *)buf + got, n - got, &k)) != 0) {
			return rc;
		} else if (!k) {
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: ends before its last chunk", s->name);
		}
		got += k;
		s->pulled += k;
	}
	return 0;
}

static int add_range(struct sfs *s, uint16_t type, uint64_t len, uint32_t fill)
{
	struct range *r;

	if (!len)
		return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;

		if (cap > MTKFW_SPARSE_MAX_CHUNKS + 1 || !(r = mtkfw_reallocarray(s->r, cap, sizeof(*r))))
			return cap > MTKFW_SPARSE_MAX_CHUNKS + 1
				       ? mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: too many sparse chunks", s->name)
				       : MTKFW_ERR_NOMEM;
		s->r = r;
		s->cap = cap;
	}
	if (len > s->size - s->covered)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: chunks run past the image's %llu bytes", s->name,
				    (unsigned long long)s->size);
	r = &s->r[s->n++];
	r->start = s->covered;
	r->len = len;
	r->type = type;
	r->fill = fill;
	r->spool_off = s->spool_len;
	if (type == MTKFW_SPARSE_RAW)
		s->raw_left = len;
	else
		s->covered += len;
	return 0;
}

/* The next sparse chunk header, as lib/image reads it. */
static int next_chunk(struct sfs *s)
{
	uint8_t hb[64], v[4];
	struct sparse_chunk_hdr c;
	uint64_t data;
	int rc;

	if (s->chunks_read == s->h.total_chunks) {
		s->end = true;
		return 0;
	}
	if ((rc = take(s, hb, s->h.chunk_hdr_sz)) != 0)
		return rc;
	mtkfwi_sparse_chunk_hdr_decode(&c, hb);
	s->chunks_read++;
	data = (uint64_t)c.chunk_sz * s->h.blk_sz;
	switch (c.type) {
	case MTKFW_SPARSE_RAW:
		if (c.total_sz != s->h.chunk_hdr_sz + data)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a RAW chunk's sizes disagree", s->name);
		return add_range(s, MTKFW_SPARSE_RAW, data, 0);
	case MTKFW_SPARSE_FILL:
		if (c.total_sz != s->h.chunk_hdr_sz + 4u || (rc = take(s, v, 4)) != 0)
			return rc ? rc : mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a FILL chunk's size is wrong", s->name);
		return add_range(s, MTKFW_SPARSE_FILL, data, rd_le32(v));
	case MTKFW_SPARSE_DONT_CARE:
		if (c.total_sz != s->h.chunk_hdr_sz)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a DONT_CARE chunk has data", s->name);
		return add_range(s, MTKFW_SPARSE_DONT_CARE, data, 0);
	case MTKFW_SPARSE_CRC32:
		if (c.total_sz != s->h.chunk_hdr_sz + 4u)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a CRC32 chunk's size is wrong", s->name);
		return take(s, v, 4);
	default:
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: unknown sparse chunk type 0x%04x", s->name, c.type);
	}
}

/* Pull from the stream until the expanded bytes up to `want` are known. */
static int advance(struct sfs *s, uint64_t want)
{
	uint8_t *buf = NULL;
	int rc = 0;

	while (!rc && s->covered < want && !s->end) {
		if (s->raw_left) {
			size_t k = s->raw_left < PIECE ? (size_t)s->raw_left : PIECE;

			if (!buf && !(buf = malloc(PIECE)))
				return mtkfw_nomem();
			if ((rc = take(s, buf, k)) != 0)
				break;
			if ((rc = mtkfw_write_all(s->spool, buf, k, "the spool file")) != 0)
				break;
			s->spool_len += k;
			s->raw_left -= k;
			s->covered += k;
		} else if (s->sparse) {
			rc = next_chunk(s);
		} else {
			s->end = true;
		}
	}
	free(buf);
	return rc;
}

static int read_at(void *user, uint64_t off, void *buf, size_t n)
{
	struct sfs *s = user;
	uint8_t *o = buf;
	size_t lo = 0, hi;
	int rc;

	if (!span_ok(s->size, off, n))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: read past the end of the image", s->name);
	if ((rc = advance(s, off + n)) != 0)
		return rc;
	memset(o, 0, n);
	/* The first range that ends after off (ranges are in order and adjacent). */
	hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->r[mid].start + s->r[mid].len <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < s->n && n; i++) {
		const struct range *r = &s->r[i];
		uint64_t in = off - r->start;
		size_t k = r->len - in < n ? (size_t)(r->len - in) : n;

		if (r->start > off)
			break;
		if (r->type == MTKFW_SPARSE_RAW) {
			if (in + k > s->covered - r->start)
				return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: ends inside a chunk", s->name);
			if ((rc = mtkfw_pread_exact(s->spool, o, k, r->spool_off + in, "the spool file")) != 0)
				return rc;
		} else if (r->type == MTKFW_SPARSE_FILL) {
			mtkfwi_sparse_fill_pattern(o, k, r->fill, (unsigned)(in % 4));
		}
		o += k;
		off += k;
		n -= k;
	}
	return 0;
}

static int setup(struct sfs *s, uint64_t member_size)
{
	if (s->head_len >= MTKFW_SPARSE_FILE_HDR_SZ && rd_le32(s->head) == MTKFW_SPARSE_MAGIC) {
		uint8_t hb[64];
		int rc;

		s->sparse = true;
		mtkfwi_sparse_header_decode(&s->h, s->head);
		if (s->h.major != 1 || s->h.file_hdr_sz < MTKFW_SPARSE_FILE_HDR_SZ || s->h.file_hdr_sz > sizeof(hb) ||
		    s->h.chunk_hdr_sz < MTKFW_SPARSE_CHUNK_HDR_SZ || s->h.chunk_hdr_sz > sizeof(hb) || !s->h.blk_sz ||
		    s->h.blk_sz % 4 || s->h.total_chunks > MTKFW_SPARSE_MAX_CHUNKS)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a sparse image mtkfw reads (bad header)", s->name);
		s->size = (uint64_t)s->h.total_blks * s->h.blk_sz;
		if ((rc = take(s, hb, s->h.file_hdr_sz)) != 0)
			return rc;
		return 0;
	}
	s->size = member_size;
	return add_range(s, MTKFW_SPARSE_RAW, member_size, 0);
}

int mtkfwi_stream_system(uint8_t **prop, size_t *prop_len, struct mtkfw_modem *modem, bool *has_modem, stream_pull_fn pull,
		  void *user, const uint8_t *head, size_t head_len, uint64_t member_size, const char *tmp_dir,
		  const char *name, uint64_t *pulled)
{
	struct sfs s = { 0 };
	mtkfw_ext4 *fs = NULL;
	char *spool = NULL;
	int rc, mrc = MTKFW_ERR_NOTFOUND;

	*prop = NULL;
	*prop_len = 0;
	if (has_modem)
		*has_modem = false;
	s.pull = pull;
	s.user = user;
	s.name = name;
	s.head = head;
	s.head_len = head_len;
	s.spool = -1;
	if (asprintf(&spool, "%s/spool-XXXXXX", tmp_dir) < 0)
		return mtkfw_nomem();
	s.spool = mkstemp(spool);
	if (s.spool < 0) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", spool, strerror(errno));
		free(spool);
		return rc;
	}
	unlink(spool); /* gone with the descriptor, whatever happens */
	free(spool);
	rc = setup(&s, member_size);
	if (!rc)
		rc = mtkfw_ext4_open_reader(&fs, read_at, &s, s.size, name);
	if (!rc) {
		rc = mtkfw_ext4_read(prop, prop_len, fs, "/build.prop", BUILD_PROP_MAX);
		/* The modem, as the kernel looks for it: in /custom/etc/firmware, then /etc/firmware. */
		if ((!rc || rc == MTKFW_ERR_NOTFOUND) && modem) {
			mrc = mtkfw_modem_find(modem, fs, name);
			if (mrc && mrc != MTKFW_ERR_NOTFOUND)
				rc = mrc;
			else if (has_modem)
				*has_modem = mrc == 0;
		}
		if (rc == MTKFW_ERR_NOTFOUND && mrc == 0)
			rc = 0;
	}
	mtkfw_ext4_free(fs);
	close(s.spool);
	free(s.r);
	if (pulled)
		*pulled = s.pulled;
	if (rc) {
		free(*prop);
		*prop = NULL;
		*prop_len = 0;
		if (modem && has_modem && *has_modem) {
			mtkfw_modem_clear(modem);
			*has_modem = false;
		}
	}
	return rc;
}
