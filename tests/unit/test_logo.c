/* lib/image/logo.c: parse, bounded inflate, panel inference, build; the panel table. */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include "core/bytes.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A logo of `n` images, image i being `sizes[i]` bytes of value i, compressed by zlib here. */
static uint8_t *make_logo(uint32_t n, const size_t *sizes, size_t *len)
{
	uint8_t **z = calloc(n, sizeof(*z));
	size_t *zl = calloc(n, sizeof(*zl));
	uint8_t *out;

	for (uint32_t i = 0; i < n; i++) {
		uint8_t *raw = malloc(sizes[i] + 1);
		uLongf l = compressBound((uLong)sizes[i]);

		memset(raw, (int)i, sizes[i]);
		z[i] = malloc(l);
		assert_int_equal(compress2(z[i], &l, raw, (uLong)sizes[i], 9), Z_OK);
		zl[i] = l;
		free(raw);
	}
	assert_int_equal(mtkfw_logo_build(&out, len, (const uint8_t *const *)z, zl, n, NULL), 0);
	for (uint32_t i = 0; i < n; i++)
		free(z[i]);
	free(z);
	free(zl);
	return out;
}

static void panel_table_is_sound(void **state)
{
	const struct mtkfw_panel *p = mtkfw_panels(), *q;
	(void)state;
	assert_non_null(p[0].name);
	for (; p->width; p++) {
		assert_non_null(p->name);
		assert_true(p->height >= 200 && p->width >= 200);
		/* two panels with one pixel count would make inference depend on table order */
		for (q = p + 1; q->width; q++)
			assert_true((uint32_t)p->width * p->height != (uint32_t)q->width * q->height ||
				    (p->width == q->height && p->height == q->width));
	}
}

static void build_parse_analyse(void **state)
{
	size_t sizes[3] = { 480 * 854 * 2, 4104, 480 * 854 * 2 }, len, n;
	struct mtkfw_logo l;
	uint8_t *raw, *buf = make_logo(3, sizes, &len);
	(void)state;
	/* layout by hand: header size = body = total; first offset = 8 + 4 * count */
	assert_int_equal(rd_le32(buf), MTKFW_MTKHDR_MAGIC);
	assert_memory_equal(buf + 8, "LOGO", 5);
	assert_int_equal(rd_le32(buf + 4), len - 512);
	assert_int_equal(rd_le32(buf + 512), 3);
	assert_int_equal(rd_le32(buf + 516), len - 512);
	assert_int_equal(rd_le32(buf + 520), 8 + 4 * 3);
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), 0);
	assert_int_equal(l.count, 3);
	assert_int_equal(mtkfw_logo_inflate(&raw, &n, &l, buf, len, 1), 0);
	assert_int_equal(n, 4104);
	assert_int_equal(raw[0], 1);
	free(raw);
	assert_int_equal(mtkfw_logo_analyse(&l, buf, len, 0, 0), 0);
	assert_int_equal(l.pixfmt, MTKFW_PIX_RGB565);
	assert_int_equal(l.width, 480);
	assert_int_equal(l.height, 854);
	/* --size overrides; a size that does not fit is refused */
	assert_int_equal(mtkfw_logo_analyse(&l, buf, len, 854, 480), 0);
	assert_int_equal(l.width, 854);
	assert_int_equal(mtkfw_logo_analyse(&l, buf, len, 480, 800), MTKFW_ERR_INVALID);
	mtkfw_logo_clear(&l);
	free(buf);
	/* 32 bpp: 720x1280x4 */
	sizes[0] = 720 * 1280 * 4;
	buf = make_logo(1, sizes, &len);
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), 0);
	assert_int_equal(mtkfw_logo_analyse(&l, buf, len, 0, 0), 0);
	assert_int_equal(l.pixfmt, MTKFW_PIX_BGRA8888);
	assert_int_equal(l.width, 720);
	mtkfw_logo_clear(&l);
	free(buf);
}

static void errors(void **state)
{
	size_t sizes[2] = { 100, 100 }, len;
	struct mtkfw_logo l;
	uint8_t *buf = make_logo(2, sizes, &len);
	(void)state;
	assert_int_equal(mtkfw_logo_parse(&l, buf, 515), MTKFW_ERR_TRUNCATED);
	wr_le32(buf + 512, 0);
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), MTKFW_ERR_FORMAT);
	wr_le32(buf + 512, 100000);
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), MTKFW_ERR_LIMIT);
	wr_le32(buf + 512, 2);
	wr_le32(buf + 516, 0x7FFFFFFF); /* total past the file */
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), MTKFW_ERR_TRUNCATED);
	wr_le32(buf + 516, (uint32_t)(len - 512));
	wr_le32(buf + 524, 4); /* offset 1 inside the table */
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), MTKFW_ERR_FORMAT);
	wr_le32(buf + 524, rd_le32(buf + 520) + 1);
	buf[512 + 16] = 0x00; /* first stream no longer zlib */
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), MTKFW_ERR_FORMAT);
	free(buf);
}

/* A zlib stream that inflates past the bound is refused (LIMIT), not followed. */
static void bomb_is_refused(void **state)
{
	size_t sizes[1] = { MTKFW_LOGO_MAX_RAW + 1 }, len, n;
	struct mtkfw_logo l;
	uint8_t *raw, *buf = make_logo(1, sizes, &len);
	(void)state;
	assert_true(len < 200000);
	assert_int_equal(mtkfw_logo_parse(&l, buf, len), 0);
	assert_int_equal(mtkfw_logo_inflate(&raw, &n, &l, buf, len, 0), MTKFW_ERR_LIMIT);
	assert_int_equal(mtkfw_logo_analyse(&l, buf, len, 0, 0), MTKFW_ERR_LIMIT);
	mtkfw_logo_clear(&l);
	free(buf);
}

/* The A516 logo: count 0x2b = 43 and total 0x4e93a at body offsets 0 and 4 (xxd). */
static void corpus_a516(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "AllegroROM_4.2.2_mt6572/A516_S117/scatter/logo.bin");
	size_t len;
	uint8_t *buf = slurp(path, &len);
	struct mtkfw_logo l;

	assert_int_equal(mtkfw_logo_parse(&l, buf, len), 0);
	assert_int_equal(l.count, 43);
	assert_int_equal(l.total, 0x4e93a);
	assert_int_equal(l.images[0].offset, 0xb4);
	mtkfw_logo_clear(&l);
	free(buf);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(panel_table_is_sound),
		cmocka_unit_test(build_parse_analyse),
		cmocka_unit_test(errors),
		cmocka_unit_test(bomb_is_refused),
		cmocka_unit_test(corpus_a516),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
