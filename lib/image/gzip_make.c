/*
 * gzip streams as zlib writes them: a 10-byte header (no name, no extra), raw deflate with
 * zlib's defaults (window 15, memory level 8, default strategy) and the CRC-32 and size.
 */
#include "image/gzip_make.h"

#include "core/bytes.h"
#include "core/internal.h"

#include <zlib.h>

#define GZ_HEAD 10u
#define GZ_TAIL 8u

static void put_head(uint8_t *h, const struct mtkfw_gzip_make *mk)
{
	h[0] = 0x1f;
	h[1] = 0x8b;
	h[2] = 8; /* deflate */
	h[3] = 0; /* no flags: no name, comment or extra field */
	wr_le32(h + 4, mk->mtime);
	h[8] = mk->xfl;
	h[9] = mk->os;
}

static int deflate_start(z_stream *s, int level, const uint8_t *in, size_t len)
{
	memset(s, 0, sizeof(*s));
	if (deflateInit2(s, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return mtkfw_nomem();
	s->next_in = (Bytef *)in;
	s->avail_in = (uInt)len;
	return 0;
}

int mtkfwi_gzip_make(uint8_t **out, size_t *out_len, const uint8_t *in, size_t len, const struct mtkfw_gzip_make *mk)
{
	struct mtkfw_gzip_make m = *mk;
	z_stream s;
	uLong bound;
	uint8_t *b;
	int rc;

	if (len > UINT32_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "gzip: %zu bytes is over 4 GiB", len);
	if (m.level < 1 || m.level > 9)
		m = (struct mtkfw_gzip_make){ .level = 9, .xfl = 2, .os = 3 };
	if ((rc = deflate_start(&s, m.level, in, len)))
		return rc;
	bound = deflateBound(&s, (uLong)len);
	if (!(b = malloc(GZ_HEAD + bound + GZ_TAIL))) {
		deflateEnd(&s);
		return mtkfw_nomem();
	}
	put_head(b, &m);
	s.next_out = b + GZ_HEAD;
	s.avail_out = (uInt)bound;
	rc = deflate(&s, Z_FINISH);
	deflateEnd(&s);
	if (rc != Z_STREAM_END) {
		free(b);
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "gzip: cannot compress (zlib %d)", rc);
	}
	wr_le32(b + GZ_HEAD + s.total_out, (uint32_t)crc32(0L, in, (uInt)len));
	wr_le32(b + GZ_HEAD + s.total_out + 4, (uint32_t)len);
	*out = b;
	*out_len = GZ_HEAD + s.total_out + GZ_TAIL;
	return 0;
}

/* Does deflate at `level` give exactly `body`? Stops at the first byte that differs, so a
 * wrong level costs little. */
static bool same_deflate(int level, const uint8_t *body, size_t blen, const uint8_t *raw, size_t rawlen)
{
	uint8_t chunk[1 << 15];
	size_t pos = 0;
	z_stream s;
	int zr;

	if (deflate_start(&s, level, raw, rawlen))
		return false;
	do {
		size_t got;

		s.next_out = chunk;
		s.avail_out = sizeof(chunk);
		zr = deflate(&s, Z_FINISH);
		got = sizeof(chunk) - s.avail_out;
		if ((zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) || got > blen - pos ||
		    memcmp(chunk, body + pos, got)) {
			zr = Z_DATA_ERROR;
			break;
		}
		pos += got;
	} while (zr != Z_STREAM_END);
	deflateEnd(&s);
	return zr == Z_STREAM_END && pos == blen;
}

void mtkfwi_gzip_find_level(struct mtkfw_gzip_make *mk, const uint8_t *z, size_t zlen, const uint8_t *raw, size_t rawlen)
{
	static const int order[] = { 6, 9, 1, 2, 3, 4, 5, 7, 8 };

	memset(mk, 0, sizeof(*mk));
	if (zlen < GZ_HEAD + GZ_TAIL || z[0] != 0x1f || z[1] != 0x8b || z[2] != 8 || rawlen > UINT32_MAX)
		return;
	mk->mtime = rd_le32(z + 4);
	mk->xfl = z[8];
	mk->os = z[9];
	if (z[3] != 0 || rd_le32(z + zlen - 4) != (uint32_t)rawlen ||
	    rd_le32(z + zlen - 8) != (uint32_t)crc32(0L, raw, (uInt)rawlen))
		return; /* a name or comment in the header, or bytes after the stream */
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (same_deflate(order[i], z + GZ_HEAD, zlen - GZ_HEAD - GZ_TAIL, raw, rawlen)) {
			mk->level = order[i];
			return;
		}
}
