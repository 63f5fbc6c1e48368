/*
 * Bounded decompressors for the whole library (gzip, zlib, LZMA, XZ, LZ4 legacy frames, lzop). Each
 * reads one stream from the start of its input, ignores whatever follows the stream's end, and
 * never writes more than `max` bytes: a hostile stream cannot exhaust memory.
 */
#include "core/bytes.h"
#include "core/internal.h"

#include <mtkfw/compress.h>

#include <lz4.h>
#include <lzma.h>
#include <lzo/lzo1x.h>
#include <zlib.h>

/* A growing output buffer with a hard cap. */
struct outbuf {
	uint8_t *p;
	size_t len, cap, max;
};

static int out_reserve(struct outbuf *o, size_t more)
{
	size_t want;
	uint8_t *np;

	if (more > o->max - o->len)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "decompressed data exceeds the %zu-byte limit", o->max);
	want = o->len + more;
	if (want <= o->cap)
		return 0;
	{
		size_t ncap = o->cap ? o->cap : 1u << 20;

		while (ncap < want)
			ncap = ncap > o->max / 2 ? o->max : ncap * 2;
		if (ncap > o->max) /* never hold more than the bound allows */
			ncap = o->max;
		np = realloc(o->p, ncap);
		if (!np)
			return mtkfw_nomem();
		o->p = np;
		o->cap = ncap;
	}
	return 0;
}

static const char *const comp_names[] = { "none", "gzip", "lzma", "xz", "lz4", "lzo", "zlib" };

const char *mtkfw_compression_name(mtkfw_compression c)
{
	return (unsigned)c < sizeof(comp_names) / sizeof(comp_names[0]) ? comp_names[c] : "unknown";
}

int mtkfw_compression_parse(const char *name)
{
	for (size_t i = 0; name && i < sizeof(comp_names) / sizeof(comp_names[0]); i++)
		if (strcmp(name, comp_names[i]) == 0)
			return (int)i;
	return -1;
}

int mtkfw_compression_detect(const uint8_t *b, size_t n)
{
	if (n >= 3 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 0x08)
		return MTKFW_COMP_GZIP;
	if (n >= 6 && memcmp(b, "\xFD" "7zXZ\0", 6) == 0)
		return MTKFW_COMP_XZ;
	if (n >= 4 && rd_le32(b) == 0x184C2102) /* lz4 legacy frame */
		return MTKFW_COMP_LZ4;
	if (n >= 9 && memcmp(b, "\x89LZO\0\r\n\x1A\n", 9) == 0)
		return MTKFW_COMP_LZO;
	/* lzma alone: properties byte 0x5D and a dictionary size that is a power of two. */
	if (n >= 13 && b[0] == 0x5D && b[1] == 0 && b[2] == 0 && (rd_le32(b + 1) & (rd_le32(b + 1) - 1)) == 0)
		return MTKFW_COMP_LZMA;
	/* zlib: CMF 0x78 and a header checksum that divides by 31. */
	if (n >= 2 && b[0] == 0x78 && ((b[0] << 8) | b[1]) % 31 == 0)
		return MTKFW_COMP_ZLIB;
	return -1;
}

/* The next window of at most 1 MiB for a streaming decoder to fill, within the output bound:
 * inflate and liblzma share it so both stop at the same limit with the same message. */
static int out_window(struct outbuf *o, size_t *chunk)
{
	*chunk = 1u << 20;
	if (o->max - o->len < *chunk)
		*chunk = o->max - o->len;
	if (!*chunk)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "decompressed data exceeds the %zu-byte limit", o->max);
	return out_reserve(o, *chunk);
}

static int inflate_bounded(struct outbuf *o, const uint8_t *in, size_t len, int wbits)
{
	z_stream s = { 0 };
	int zr, rc = 0;

	if (inflateInit2(&s, wbits) != Z_OK)
		return mtkfw_nomem();
	s.next_in = (Bytef *)in;
	s.avail_in = len > UINT32_MAX ? UINT32_MAX : (uInt)len;
	do {
		size_t chunk;

		if ((rc = out_window(o, &chunk)) != 0)
			break;
		s.next_out = o->p + o->len;
		s.avail_out = (uInt)chunk;
		zr = inflate(&s, Z_NO_FLUSH);
		o->len += chunk - s.avail_out;
		if (zr == Z_STREAM_END)
			break;
		if (zr == Z_BUF_ERROR && s.avail_in == 0) {
			rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s stream ends early", wbits > MAX_WBITS ? "gzip" : "zlib");
			break;
		}
		if (zr != Z_OK && zr != Z_BUF_ERROR) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s stream is corrupt (%s)", wbits > MAX_WBITS ? "gzip" : "zlib", s.msg ? s.msg : "error");
			break;
		}
	} while (1);
	inflateEnd(&s);
	return rc;
}

static int unxz(struct outbuf *o, const uint8_t *in, size_t len, bool alone)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret lr;
	int rc = 0;

	/* 128 MiB of decoder memory covers every kernel dictionary (they use 1–32 MiB). */
	lr = alone ? lzma_alone_decoder(&s, 128u << 20) : lzma_stream_decoder(&s, 128u << 20, 0);
	if (lr != LZMA_OK)
		return mtkfw_nomem();
	s.next_in = in;
	s.avail_in = len;
	do {
		size_t chunk;

		if ((rc = out_window(o, &chunk)) != 0)
			break;
		s.next_out = o->p + o->len;
		s.avail_out = chunk;
		lr = lzma_code(&s, LZMA_FINISH);
		o->len += chunk - s.avail_out;
		if (lr == LZMA_STREAM_END)
			break;
		/* The kernel's lzma header often says "size unknown" and the stream has no end
		 * marker: running out of input after producing data is its normal end. */
		if (alone && s.avail_in == 0 && o->len) 
			break;
		if (lr == LZMA_BUF_ERROR && s.avail_in == 0) {
			rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s stream ends early", alone ? "lzma" : "xz");
			break;
		}
		if (lr != LZMA_OK && lr != LZMA_BUF_ERROR) {
			rc = mtkfw_seterr(lr == LZMA_MEMLIMIT_ERROR ? MTKFW_ERR_LIMIT : MTKFW_ERR_FORMAT,
					  "%s stream is corrupt (liblzma error %d)", alone ? "lzma" : "xz", (int)lr);
			break;
		}
	} while (1);
	lzma_end(&s);
	return rc;
}

/* LZ4 legacy frames (what the kernel's lz4 payloads use): magic 0x184C2102, then blocks of
 * [u32 compressed size][data], each at most 8 MiB decompressed. */
static int unlz4(struct outbuf *o, const uint8_t *in, size_t len)
{
	enum { BLOCK = 8u << 20 };
	size_t pos = 4;
	int rc;

	if (len < 4 || rd_le32(in) != 0x184C2102u)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "not an LZ4 legacy frame");
	while (span_ok(len, pos, 4)) {
		uint32_t c = rd_le32(in + pos);
		int n;

		if (c == 0x184C2102u) { /* concatenated frames */
			pos += 4;
			continue;
		}
		/* The stream ends where a size no longer fits, or at the total length the kernel's
		 * build appends after the last block (code may follow it inside a zImage). */
		if (c == 0 || c == o->len || c > (uint32_t)LZ4_compressBound(BLOCK) || !span_ok(len, pos + 4, c))
			break;
		if ((rc = out_reserve(o, o->max - o->len < BLOCK ? o->max - o->len : BLOCK)) != 0)
			return rc;
		n = LZ4_decompress_safe((const char *)in + pos + 4, (char *)o->p + o->len, (int)c,
					(int)(o->max - o->len > BLOCK ? BLOCK : o->max - o->len));
		/* LZ4 cannot tell a block that needs more room from a corrupt one; with less room
		 * than a whole block left, the bound is the likelier cause. */
		if (n < 0 && o->max - o->len < BLOCK)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "lz4 block at %zu exceeds the %zu-byte limit (or is corrupt)",
					    pos, o->max);
		if (n < 0)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "lz4 block at %zu is corrupt", pos);
		o->len += (size_t)n;
		pos += 4 + (size_t)c;
	}
	if (!o->len)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "lz4 stream has no complete block");
	return 0;
}

/* lzop files (the kernel's LZO payloads): a header, then blocks of
 * [u32 BE dst_len][u32 BE src_len][checksums per flags][data], dst_len 0 ending the stream. */
static int unlzo(struct outbuf *o, const uint8_t *in, size_t len)
{
	static const uint8_t magic[9] = { 0x89, 'L', 'Z', 'O', 0, 0x0D, 0x0A, 0x1A, 0x0A };
	size_t pos = 9;
	uint16_t version;
	uint32_t flags;
	int rc;

	if (len < 9 || memcmp(in, magic, 9) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "not an lzop stream");
	if (lzo_init() != LZO_E_OK)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "liblzo2 failed to initialise");
#define NEED(n)                                                                         \
	do {                                                                            \
		if (!span_ok(len, pos, (n)))                                            \
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "lzop stream ends early"); \
	} while (0)
	NEED(4);
	version = rd_be16(in + pos);
	pos += 4; /* version, library version */
	if (version >= 0x0940)
		pos += 2; /* version needed to extract */
	NEED(1);
	pos += 1; /* method */
	if (version >= 0x0940)
		pos += 1; /* level */
	NEED(4);
	flags = rd_be32(in + pos);
	pos += 4;
	if (flags & 0x800)
		pos += 4; /* filter */
	pos += 8;         /* mode, mtime low */
	if (version >= 0x0940)
		pos += 4; /* mtime high */
	NEED(1);
	pos += 1 + in[pos]; /* file name */
	pos += 4;           /* header checksum */
	for (;;) {
		uint32_t dlen, slen;
		lzo_uint got;

		NEED(4);
		dlen = rd_be32(in + pos);
		pos += 4;
		if (dlen == 0)
			break;
		NEED(4);
		slen = rd_be32(in + pos);
		pos += 4;
		if (dlen > (64u << 20) || slen > dlen)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "lzop block sizes %u/%u make no sense", slen, dlen);
		pos += (flags & 0x1) ? 4 : 0;    /* adler32 of the output */
		pos += (flags & 0x100) ? 4 : 0;  /* crc32 of the output */
		if (slen < dlen) {
			pos += (flags & 0x2) ? 4 : 0;   /* adler32 of the input */
			pos += (flags & 0x200) ? 4 : 0; /* crc32 of the input */
		}
		NEED(slen);
		if ((rc = out_reserve(o, dlen)) != 0)
			return rc;
		if (slen == dlen) {
			memcpy(o->p + o->len, in + pos, dlen);
		} else {
			got = dlen;
			if (lzo1x_decompress_safe(in + pos, slen, o->p + o->len, &got, NULL) != LZO_E_OK ||
			    got != dlen)
				return mtkfw_seterr(MTKFW_ERR_FORMAT, "lzop block at %zu is corrupt", pos);
		}
		o->len += dlen;
		pos += slen;
	}
#undef NEED
	return 0;
}

int mtkfw_decompress(uint8_t **out, size_t *out_len, mtkfw_compression c, const uint8_t *buf, size_t len,
		     size_t max)
{
	struct outbuf o = { NULL, 0, 0, max };
	int rc;

	*out = NULL;
	*out_len = 0;
	switch (c) {
	case MTKFW_COMP_GZIP: rc = inflate_bounded(&o, buf, len, 16 + MAX_WBITS); break;
	case MTKFW_COMP_ZLIB: rc = inflate_bounded(&o, buf, len, MAX_WBITS); break;
	case MTKFW_COMP_XZ: rc = unxz(&o, buf, len, false); break;
	case MTKFW_COMP_LZMA: rc = unxz(&o, buf, len, true); break;
	case MTKFW_COMP_LZ4: rc = unlz4(&o, buf, len); break;
	case MTKFW_COMP_LZO: rc = unlzo(&o, buf, len); break;
	default: return mtkfw_seterr(MTKFW_ERR_INVALID, "no such compression");
	}
	if (rc) {
		free(o.p);
		return rc;
	}
	*out = o.p;
	*out_len = o.len;
	return 0;
}

