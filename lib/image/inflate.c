/*
 * Bounded zlib/gzip inflation: the output never grows past `max`, so a bomb (a few KiB that
 * claim gigabytes) is refused with MTKFW_ERR_LIMIT instead of being followed.
 */
#include <mtkfw/image.h>

#include "core/internal.h"

#include <zlib.h>

int mtkfw_inflate_bounded(const uint8_t *in, size_t in_len, int gzip, size_t max, uint8_t **out,
			  size_t *out_len)
{
	z_stream z;
	uint8_t *buf = NULL;
	size_t cap = 0;
	int zr;

	*out = NULL;
	*out_len = 0;
	if (in_len > UINT32_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "compressed stream over 4 GiB");
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, gzip ? 16 + MAX_WBITS : MAX_WBITS) != Z_OK)
		return mtkfw_nomem();
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)in_len;
	do {
		if (z.total_out == cap) {
			size_t ncap = cap ? cap * 2 : (in_len * 4 > 65536 ? in_len * 4 : 65536);
			uint8_t *nb;

			if (cap >= max + 1) {
				inflateEnd(&z);
				free(buf);
				return mtkfw_seterr(MTKFW_ERR_LIMIT, "stream inflates past the %zu-byte limit "
						    "(a decompression bomb or a corrupt size)", max);
			}
			/* One byte over the limit tells "exactly max" apart from "more than max". */
			if (ncap > max + 1)
				ncap = max + 1;
			if (!(nb = realloc(buf, ncap))) {
				inflateEnd(&z);
				free(buf);
				return mtkfw_nomem();
			}
			buf = nb;
			cap = ncap;
		}
		z.next_out = buf + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		zr = inflate(&z, Z_NO_FLUSH);
	} while (zr == Z_OK && (z.avail_in || z.avail_out == 0));
	if (zr != Z_STREAM_END || z.total_out > max) {
		size_t got = z.total_out;

		inflateEnd(&z);
		free(buf);
		if (got > max)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "stream inflates past the %zu-byte limit "
					    "(a decompression bomb or a corrupt size)", max);
		return mtkfw_seterr(zr == Z_BUF_ERROR || zr == Z_OK ? MTKFW_ERR_TRUNCATED : MTKFW_ERR_FORMAT,
				    "%s stream is %s", gzip ? "gzip" : "zlib",
				    zr == Z_BUF_ERROR || zr == Z_OK ? "cut short" : "corrupt");
	}
	*out_len = z.total_out;
	inflateEnd(&z);
	*out = buf;
	if (!buf && !(*out = malloc(1)))
		return mtkfw_nomem();
	return 0;
}
