/*
 * Reading sparse images: open (check every header once, build the chunk map), random
 * access by binary search over the map, a plain byte stream, CRC verification.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "image/sparse_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

bool mtkfw_sparse_probe(const void *head, size_t len)
{
	return head && len >= 4 && rd_le32(head) == MTKFW_SPARSE_MAGIC;
}

int mtkfwi_sparse_src_read(mtkfw_sparse *s, void *buf, size_t n, uint64_t off)
{
	if (!span_ok(s->file_size, off, n))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: file ends before offset %llu", s->name,
				    (unsigned long long)off + n);
	if (s->mem) {
		memcpy(buf, s->mem + off, n);
		return 0;
	}
	return mtkfw_pread_exact(s->fd, buf, n, off, s->name);
}

/* Chunk headers are small and mostly back to back, so the walk reads the file through a
 * window instead of one pread per header. */
struct window {
	uint8_t buf[64 * 1024];
	uint64_t off;
	size_t len;
};

static int window_get(mtkfw_sparse *s, struct window *w, uint64_t off, size_t n, const uint8_t **out)
{
	if (off < w->off || !span_ok(w->len, off - w->off, n)) {
		size_t want = sizeof(w->buf);
		int rc;

		if (!span_ok(s->file_size, off, n))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: file ends inside a header at offset %llu",
					    s->name, (unsigned long long)off);
		if (s->file_size - off < want)
			want = (size_t)(s->file_size - off);
		rc = mtkfwi_sparse_src_read(s, w->buf, want, off);
		if (rc)
			return rc;
		w->off = off;
		w->len = want;
	}
	*out = w->buf + (off - w->off);
	return 0;
}

static int check_header(mtkfw_sparse *s)
{
	const mtkfw_sparse_header *h = &s->hdr;

	if (h->magic != MTKFW_SPARSE_MAGIC)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not an Android sparse image (magic 0x%08x)", s->name,
				    h->magic);
	if (h->major != 1)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: sparse format version %u.%u (only 1.x is known)",
				    s->name, h->major, h->minor);
	/* Larger headers are allowed by the format (extra bytes are skipped), smaller are not. */
	if (h->file_hdr_sz < MTKFW_SPARSE_FILE_HDR_SZ || h->chunk_hdr_sz < MTKFW_SPARSE_CHUNK_HDR_SZ)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: header sizes %u/%u are below 28/12", s->name,
				    h->file_hdr_sz, h->chunk_hdr_sz);
	if (h->blk_sz == 0 || h->blk_sz % 4)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: block size %u is not a non-zero multiple of 4", s->name,
				    h->blk_sz);
	/* Past these, 40 bytes could claim exabytes: lengths that turn negative in zlib's signed
	 * offsets (a CRC that never ends) or a fill that writes until the disk is full. */
	if (h->blk_sz > MTKFW_SPARSE_MAX_BLOCK_SIZE)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: block size %u, more than the %u allowed", s->name, h->blk_sz,
				    MTKFW_SPARSE_MAX_BLOCK_SIZE);
	if ((uint64_t)h->total_blks * h->blk_sz > MTKFW_SPARSE_MAX_RAW_SIZE)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: expands to %llu bytes (%u blocks of %u), more than the %llu allowed",
				    s->name, (unsigned long long)h->total_blks * h->blk_sz, h->total_blks, h->blk_sz,
				    (unsigned long long)MTKFW_SPARSE_MAX_RAW_SIZE);
	if (h->total_chunks > MTKFW_SPARSE_MAX_CHUNKS)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %u chunks, more than the %u allowed", s->name,
				    h->total_chunks, MTKFW_SPARSE_MAX_CHUNKS);
	/* Every chunk has a header in the file: a count the file cannot hold is a truncation,
	 * caught before anything is allocated for it. */
	if (s->file_size < h->file_hdr_sz ||
	    (uint64_t)h->total_chunks * h->chunk_hdr_sz > s->file_size - h->file_hdr_sz)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %u chunks do not fit in a %llu-byte file", s->name,
				    h->total_chunks, (unsigned long long)s->file_size);
	return 0;
}

/* Validate one chunk header against the file header and describe it in `m`. */
static int check_chunk(mtkfw_sparse *s, size_t i, const struct sparse_chunk_hdr *c, uint64_t pos,
		       uint64_t *out_blk, const uint8_t *value4, mtkfw_sparse_chunk *m)
{
	const mtkfw_sparse_header *h = &s->hdr;
	uint64_t want, blocks = c->chunk_sz, end;

	memset(m, 0, sizeof(*m));
	m->type = c->type;
	m->in_offset = pos + h->chunk_hdr_sz;
	switch (c->type) {
	case MTKFW_SPARSE_RAW:
		want = h->chunk_hdr_sz + blocks * h->blk_sz;
		break;
	case MTKFW_SPARSE_FILL:
	case MTKFW_SPARSE_CRC32:
		want = h->chunk_hdr_sz + 4u;
		break;
	case MTKFW_SPARSE_DONT_CARE:
		want = h->chunk_hdr_sz;
		break;
	default:
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: chunk %zu at offset %llu: unknown type 0x%04x", s->name, i,
				    (unsigned long long)pos, c->type);
	}
	if (c->total_sz != want)
		return mtkfw_seterr(MTKFW_ERR_FORMAT,
				    "%s: chunk %zu (%s, %u blocks): total size %u, expected %llu", s->name, i,
				    mtkfw_sparse_chunk_type_name(c->type), c->chunk_sz, c->total_sz, (unsigned long long)want);
	/* A CRC32 chunk outputs nothing, whatever its block count says (as libsparse reads it). */
	if (c->type == MTKFW_SPARSE_CRC32)
		blocks = 0;
	if (!add_ok(*out_blk, blocks, &end) || end > h->total_blks)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: chunk %zu ends at block %llu, past total_blks %u", s->name,
				    i, (unsigned long long)*out_blk + blocks, h->total_blks);
	if (!span_ok(s->file_size, pos, c->total_sz))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: chunk %zu (%s) needs %u bytes at offset %llu, file is %llu",
				    s->name, i, mtkfw_sparse_chunk_type_name(c->type), c->total_sz,
				    (unsigned long long)pos, (unsigned long long)s->file_size);
	m->blocks = (uint32_t)blocks;
	m->out_offset = *out_blk * h->blk_sz;
	m->out_len = blocks * h->blk_sz;
	if (value4)
		m->value = rd_le32(value4);
	*out_blk = end;
	return 0;
}

typedef int (*chunk_fn)(const mtkfw_sparse_chunk *c, size_t i, void *user);

/* Walk and check every chunk header in file order, handing each chunk to `fn`. */
static int walk(mtkfw_sparse *s, chunk_fn fn, void *user)
{
	const mtkfw_sparse_header *h = &s->hdr;
	struct window *w;
	uint64_t pos = h->file_hdr_sz, out_blk = 0;
	int rc = 0;

	w = mtkfw_calloc(1, sizeof(*w));
	if (!w)
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < h->total_chunks; i++) {
		struct sparse_chunk_hdr c;
		mtkfw_sparse_chunk m;
		const uint8_t *p, *v = NULL;

		rc = window_get(s, w, pos, MTKFW_SPARSE_CHUNK_HDR_SZ, &p);
		if (rc) {
			mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: chunk %zu of %u: header past the end of the file", s->name,
				     i, h->total_chunks);
			break;
		}
		mtkfwi_sparse_chunk_hdr_decode(&c, p);
		if ((c.type == MTKFW_SPARSE_FILL || c.type == MTKFW_SPARSE_CRC32) &&
		    window_get(s, w, pos + h->chunk_hdr_sz, 4, &v) != 0) {
			rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: chunk %zu (%s): value past the end of the file",
					  s->name, i, mtkfw_sparse_chunk_type_name(c.type));
			break;
		}
		if ((rc = check_chunk(s, i, &c, pos, &out_blk, v, &m)) || (rc = fn(&m, i, user)))
			break;
		pos += c.total_sz;
	}
	free(w);
	if (!rc && out_blk != h->total_blks)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: chunks cover %llu blocks, header says total_blks %u", s->name,
				  (unsigned long long)out_blk, h->total_blks);
	return rc;
}

/* The open's walk: count every chunk, and keep it in the map when there is one. */
static int open_chunk(const mtkfw_sparse_chunk *c, size_t i, void *user)
{
	mtkfw_sparse *s = user;
	mtkfw_sparse_stats *st = &s->stats;

	if (s->chunks)
		s->chunks[i] = *c;
	s->nchunks = i + 1;
	switch (c->type) {
	case MTKFW_SPARSE_RAW:
		st->raw_chunks++;
		st->raw_bytes += c->out_len;
		break;
	case MTKFW_SPARSE_FILL:
		st->fill_chunks++;
		st->fill_bytes += c->out_len;
		break;
	case MTKFW_SPARSE_DONT_CARE:
		st->dont_care_chunks++;
		st->dont_care_bytes += c->out_len;
		break;
	default:
		st->crc_chunks++;
	}
	return 0;
}

static int open_common(mtkfw_sparse *s, bool map)
{
	uint8_t b[MTKFW_SPARSE_FILE_HDR_SZ] = { 0 };
	size_t have = s->file_size < sizeof(b) ? (size_t)s->file_size : sizeof(b);
	int rc;

	rc = mtkfwi_sparse_src_read(s, b, have, 0);
	if (rc)
		return rc;
	if (!mtkfw_sparse_probe(b, have))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not an Android sparse image (no magic 3a ff 26 ed)",
				    s->name);
	if (have < sizeof(b))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, shorter than the 28-byte sparse header",
				    s->name, have);
	mtkfwi_sparse_header_decode(&s->hdr, b);
	rc = check_header(s);
	if (rc)
		return rc;
	s->raw_size = (uint64_t)s->hdr.total_blks * s->hdr.blk_sz;
	/* check_header proved every chunk has a header in the file: the map is bounded by it. */
	if (map && !(s->chunks = mtkfw_calloc(s->hdr.total_chunks ? s->hdr.total_chunks : 1, sizeof(*s->chunks))))
		return MTKFW_ERR_NOMEM;
	rc = walk(s, open_chunk, s);
	/* A failed walk leaves a partial map and counts: nothing may use them. */
	if (rc)
		s->nchunks = 0;
	return rc;
}

static int open_file(mtkfw_sparse **out, const char *path, bool map)
{
	mtkfw_sparse *s;
	int rc;

	if (!out || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_sparse_open: NULL argument");
	*out = NULL;
	s = mtkfw_calloc(1, sizeof(*s));
	if (!s)
		return MTKFW_ERR_NOMEM;
	s->fd = -1;
	s->name = mtkfw_strdup(path);
	if (!s->name) {
		free(s);
		return MTKFW_ERR_NOMEM;
	}
	rc = mtkfw_open_input(path, &s->fd, &s->file_size);
	if (!rc)
		rc = open_common(s, map);
	if (rc) {
		mtkfw_sparse_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int mtkfw_sparse_open(mtkfw_sparse **out, const char *path)
{
	return open_file(out, path, true);
}

int mtkfw_sparse_open_headers(mtkfw_sparse **out, const char *path)
{
	return open_file(out, path, false);
}

int mtkfw_sparse_open_mem(mtkfw_sparse **out, const void *data, size_t len, const char *name)
{
	mtkfw_sparse *s;
	int rc;

	if (!out || (!data && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_sparse_open_mem: NULL argument");
	*out = NULL;
	s = mtkfw_calloc(1, sizeof(*s));
	if (!s)
		return MTKFW_ERR_NOMEM;
	s->fd = -1;
	s->mem = data ? data : (const uint8_t *)"";
	s->file_size = len;
	s->name = mtkfw_strdup(name ? name : "sparse image");
	rc = s->name ? open_common(s, true) : MTKFW_ERR_NOMEM;
	if (rc) {
		mtkfw_sparse_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void mtkfw_sparse_free(mtkfw_sparse *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	free(s->chunks);
	free(s->name);
	free(s);
}

const mtkfw_sparse_header *mtkfw_sparse_get_header(const mtkfw_sparse *s)
{
	return &s->hdr;
}

uint64_t mtkfw_sparse_raw_size(const mtkfw_sparse *s)
{
	return s->raw_size;
}

size_t mtkfw_sparse_chunk_count(const mtkfw_sparse *s)
{
	return s->nchunks;
}

const mtkfw_sparse_chunk *mtkfw_sparse_chunk_at(const mtkfw_sparse *s, size_t i)
{
	return s->chunks && i < s->nchunks ? &s->chunks[i] : NULL;
}

int mtkfw_sparse_each_chunk(mtkfw_sparse *s, int (*fn)(const mtkfw_sparse_chunk *c, size_t i, void *user),
			    void *user)
{
	if (!s || !fn)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_sparse_each_chunk: NULL argument");
	if (!s->chunks)
		return walk(s, fn, user);
	for (size_t i = 0; i < s->nchunks; i++) {
		int rc = fn(&s->chunks[i], i, user);

		if (rc)
			return rc;
	}
	return 0;
}

void mtkfw_sparse_get_stats(mtkfw_sparse_stats *st, const mtkfw_sparse *s)
{
	*st = s->stats;
}

/* Reading the expanded image needs the chunk map. */
static int need_map(const mtkfw_sparse *s, const char *fn)
{
	if (s->chunks)
		return 0;
	return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %s needs a handle from mtkfw_sparse_open (this one has no chunk map)",
			    s->name, fn);
}

/* The chunk holding output byte `off` (off < raw_size): the last chunk that starts at or
 * before it and has output. Zero-length CRC chunks share the offset of the chunk after them,
 * so the search lands past them. */
static size_t find_chunk(mtkfw_sparse *s, uint64_t off)
{
	size_t lo = 0, hi = s->nchunks, h = s->hint;

	if (h < s->nchunks && s->chunks[h].out_offset <= off && off - s->chunks[h].out_offset < s->chunks[h].out_len)
		return h;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->chunks[mid].out_offset <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : 0;
}

int mtkfw_sparse_pread(mtkfw_sparse *s, void *buf, size_t len, uint64_t off)
{
	uint8_t *p = buf;
	size_t i;

	if (!s || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_sparse_pread: NULL argument");
	if (need_map(s, "mtkfw_sparse_pread"))
		return MTKFW_ERR_INVALID;
	if (!span_ok(s->raw_size, off, len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: read of %zu bytes at %llu is past the image end %llu",
				    s->name, len, (unsigned long long)off, (unsigned long long)s->raw_size);
	if (!len)
		return 0;
	i = find_chunk(s, off);
	while (len) {
		const mtkfw_sparse_chunk *c;
		uint64_t within;
		size_t n;
		int rc;

		if (i >= s->nchunks) /* cannot happen: the walk proved the chunks cover raw_size */
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no chunk covers offset %llu", s->name,
					    (unsigned long long)off);
		c = &s->chunks[i];
		if (c->out_len == 0 || off - c->out_offset >= c->out_len) {
			i++;
			continue;
		}
		within = off - c->out_offset;
		n = c->out_len - within < len ? (size_t)(c->out_len - within) : len;
		switch (c->type) {
		case MTKFW_SPARSE_RAW:
			rc = mtkfwi_sparse_src_read(s, p, n, c->in_offset + within);
			if (rc)
				return rc;
			break;
		case MTKFW_SPARSE_FILL:
			mtkfwi_sparse_fill_pattern(p, n, c->value, (unsigned)(within & 3));
			break;
		default:
			memset(p, 0, n);
		}
		s->hint = i;
		p += n;
		off += n;
		len -= n;
		i++;
	}
	return 0;
}

int mtkfw_sparse_read(mtkfw_sparse *s, void *buf, size_t len, size_t *got)
{
	uint64_t left;
	int rc;

	*got = 0;
	left = s->raw_size - s->pos;
	if (len > left)
		len = (size_t)left;
	rc = mtkfw_sparse_pread(s, buf, len, s->pos);
	if (rc)
		return rc;
	s->pos += len;
	*got = len;
	return 0;
}

int mtkfw_sparse_seek(mtkfw_sparse *s, uint64_t off)
{
	if (need_map(s, "mtkfw_sparse_seek"))
		return MTKFW_ERR_INVALID;
	if (off > s->raw_size)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: seek to %llu is past the image end %llu", s->name,
				    (unsigned long long)off, (unsigned long long)s->raw_size);
	s->pos = off;
	return 0;
}

int mtkfw_sparse_verify(mtkfw_sparse *s, mtkfw_ctx *ctx)
{
	enum { BUF = 1u << 20 };
	uint8_t *buf = malloc(BUF);
	uLong crc = crc32(0L, Z_NULL, 0);
	uint64_t done = 0;
	int rc = 0;

	if (need_map(s, "mtkfw_sparse_verify")) {
		free(buf);
		return MTKFW_ERR_INVALID;
	}
	if (!buf)
		return mtkfw_nomem();
	for (size_t i = 0; i < s->nchunks && !rc; i++) {
		const mtkfw_sparse_chunk *c = &s->chunks[i];

		if (c->type == MTKFW_SPARSE_CRC32) {
			if ((uint32_t)crc != c->value)
				rc = mtkfw_seterr(MTKFW_ERR_MISMATCH,
						  "%s: chunk %zu: CRC32 0x%08x stored, 0x%08x computed", s->name, i,
						  c->value, (uint32_t)crc);
			continue;
		}
		if (c->type != MTKFW_SPARSE_RAW) {
			crc = mtkfwi_sparse_crc_pattern((uint32_t)crc, c->type == MTKFW_SPARSE_FILL ? c->value : 0, c->out_len);
			done += c->out_len;
			rc = mtkfw_progress(ctx, "verify", done, s->raw_size);
			continue;
		}
		for (uint64_t o = 0; o < c->out_len && !rc;) {
			size_t n = c->out_len - o < BUF ? (size_t)(c->out_len - o) : BUF;

			rc = mtkfw_sparse_pread(s, buf, n, c->out_offset + o);
			if (!rc) {
				crc = crc32_z(crc, buf, n);
				o += n;
				done += n;
				rc = mtkfw_progress(ctx, "verify", done, s->raw_size);
			}
		}
	}
	if (!rc && s->hdr.image_checksum && (uint32_t)crc != s->hdr.image_checksum)
		rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: image checksum 0x%08x stored, 0x%08x computed", s->name,
				  s->hdr.image_checksum, (uint32_t)crc);
	free(buf);
	return rc;
}
