/* lib/image/logo_png.c: a logo's images as PNGs in memory (what mtkfw web shows). */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include "core/bytes.h"
#include "image/png.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A full-screen 480x854 RGB565 image whose pixel i is i & 0xffff, and a 4104-byte one (not a
 * panel size: its size is inferred). */
static uint8_t *make_logo(size_t *len)
{
	size_t sizes[2] = { 480 * 854 * 2, 38 * 54 * 2 };
	uint8_t *z[2], *out;
	size_t zl[2];

	for (int k = 0; k < 2; k++) {
		uint8_t *raw = malloc(sizes[k]);
		uLongf l = compressBound((uLong)sizes[k]);

		for (size_t i = 0; i < sizes[k] / 2; i++)
			wr_le16(raw + 2 * i, (uint16_t)(i * (k + 1)));
		z[k] = malloc(l);
		assert_int_equal(compress2(z[k], &l, raw, (uLong)sizes[k], 9), Z_OK);
		zl[k] = l;
		free(raw);
	}
	assert_int_equal(mtkfw_logo_build(&out, len, (const uint8_t *const *)z, zl, 2, NULL), 0);
	free(z[0]);
	free(z[1]);
	return out;
}

struct seen {
	uint32_t n, w[4], h[4];
	int stop_after;
	int pixels_ok;
};

static int each(uint32_t index, uint32_t w, uint32_t h, const uint8_t *png, size_t len, void *user)
{
	struct seen *s = user;
	uint8_t *rgba;
	uint32_t pw, ph;

	assert_int_equal(index, s->n);
	s->w[s->n] = w;
	s->h[s->n] = h;
	assert_int_equal(mtkfw_png_decode(png, len, 1u << 22, &rgba, &pw, &ph), 0);
	assert_int_equal(pw, w);
	assert_int_equal(ph, h);
	/* The first image's pixel 1000 is 565 value 1000 (b 8, g 31, r 0), bits replicated. */
	if (index == 0)
		s->pixels_ok = rgba[4 * 1000] == 0 && rgba[4 * 1000 + 1] == (31 << 2 | 31 >> 4) &&
			       rgba[4 * 1000 + 2] == (8 << 3 | 8 >> 2);
	free(rgba);
	s->n++;
	return s->stop_after && (int)s->n >= s->stop_after ? 7 : 0;
}

static void pictures(void **state)
{
	size_t len;
	uint8_t *buf = make_logo(&len);
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(mtkfw_logo_each_png(buf, len, each, &s), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.w[0], 480);
	assert_int_equal(s.h[0], 854);
	assert_int_equal((uint64_t)s.w[1] * s.h[1], 38 * 54);
	assert_true(s.pixels_ok);
	/* A non-zero return stops and comes back. */
	memset(&s, 0, sizeof(s));
	s.stop_after = 1;
	assert_int_equal(mtkfw_logo_each_png(buf, len, each, &s), 7);
	assert_int_equal(s.n, 1);
	free(buf);
}

static void not_a_logo(void **state)
{
	static const uint8_t junk[64] = { 0x88, 0x16, 0x88, 0x58, 1, 2, 3 };
	struct seen s = { 0 };
	size_t len;
	uint8_t *buf = make_logo(&len);

	(void)state;
	assert_true(mtkfw_logo_each_png(junk, sizeof(junk), each, &s) < 0);
	assert_true(mtkfw_logo_each_png(buf, len / 2, each, &s) < 0); /* cut short */
	assert_int_equal(s.n, 0);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pictures),
		cmocka_unit_test(not_a_logo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
