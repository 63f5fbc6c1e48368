/* lib/image/bootimg.c: parse with bounds, id recipes, header writer. */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include "core/bytes.h"

#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 2048

/* A v0 image with kernel `k` and ramdisk `r` (sizes kl, rl); the id computed with OpenSSL's
 * one-shot SHA1 over the concatenation the recipe names (independent of the library's code). */
static uint8_t *make_v0(const uint8_t *k, uint32_t kl, const uint8_t *r, uint32_t rl, bool present_only,
			size_t *len)
{
	size_t kp = (kl + PAGE - 1) / PAGE * PAGE, rp = (rl + PAGE - 1) / PAGE * PAGE;
	uint8_t *img = calloc(1, PAGE + kp + rp), *cat = malloc(kl + rl + 12);
	size_t c = 0;

	memcpy(img, "ANDROID!", 8);
	wr_le32(img + 8, kl);
	wr_le32(img + 12, 0x10008000);
	wr_le32(img + 16, rl);
	wr_le32(img + 20, 0x11000000);
	wr_le32(img + 28, 0x10F00000);
	wr_le32(img + 32, 0x10000100);
	wr_le32(img + 36, PAGE);
	memcpy(img + 0x40, "console=ttyMT0", 14);
	memcpy(img + PAGE, k, kl);
	memcpy(img + PAGE + kp, r, rl);
	memcpy(cat + c, k, kl), c += kl;
	wr_le32(cat + c, kl), c += 4;
	if (rl || !present_only) {
		memcpy(cat + c, r, rl), c += rl;
		wr_le32(cat + c, rl), c += 4;
	}
	if (!present_only)
		wr_le32(cat + c, 0), c += 4; /* the absent second */
	SHA1(cat, c, img + 0x240);
	free(cat);
	*len = PAGE + kp + rp;
	return img;
}

static void parse_v0_and_detect_recipe(void **state)
{
	uint8_t k[3000], r[100];
	size_t len;
	struct mtkfw_bootimg b;
	uint8_t *img;
	(void)state;
	memset(k, 0x4B, sizeof(k));
	memset(r, 0x52, sizeof(r));
	img = make_v0(k, sizeof(k), r, sizeof(r), false, &len);
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), 0);
	assert_int_equal(b.version, 0);
	assert_int_equal(b.part_size[MTKFW_BOOT_KERNEL], 3000);
	assert_int_equal(b.part_offset[MTKFW_BOOT_RAMDISK], PAGE + 4096);
	assert_int_equal(b.kernel_addr, 0x10008000);
	assert_int_equal(b.idconv, MTKFW_ID_SHA1);
	assert_int_equal(b.end, len);
	assert_false(b.part_mtk[MTKFW_BOOT_KERNEL]);
	free(img);
	img = make_v0(k, sizeof(k), r, sizeof(r), true, &len);
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), 0);
	assert_int_equal(b.idconv, MTKFW_ID_SHA1_PRESENT);
	memset(img + 0x240, 0, 32);
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), 0);
	assert_int_equal(b.idconv, MTKFW_ID_ZERO);
	img[0x241] = 1;
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), 0);
	assert_int_equal(b.idconv, MTKFW_ID_UNKNOWN);
	free(img);
}

static void header_write_round_trip(void **state)
{
	uint8_t k[10] = "kernel", r[10] = "ramdisk", out[PAGE];
	size_t len;
	struct mtkfw_bootimg b;
	uint8_t *img = make_v0(k, sizeof(k), r, sizeof(r), false, &len);
	(void)state;
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), 0);
	memset(out, 0xEE, sizeof(out));
	mtkfw_bootimg_write_header(out, &b);
	assert_memory_equal(out, img, mtkfw_bootimg_header_len(0));
	assert_int_equal(mtkfw_bootimg_header_len(1), 1648);
	assert_int_equal(mtkfw_bootimg_header_len(2), 1660);
	free(img);
}

static void errors(void **state)
{
	uint8_t k[5000], r[10];
	size_t len;
	struct mtkfw_bootimg b;
	uint8_t *img;
	(void)state;
	memset(k, 1, sizeof(k));
	memset(r, 2, sizeof(r));
	img = make_v0(k, sizeof(k), r, sizeof(r), false, &len);
	assert_int_equal(mtkfw_bootimg_parse(&b, img, 100), MTKFW_ERR_TRUNCATED);
	assert_int_equal(mtkfw_bootimg_parse(&b, img, PAGE + 100), MTKFW_ERR_TRUNCATED);
	assert_non_null(strstr(mtkfw_error_last()->message, "kernel"));
	/* a header dump still parses as a header */
	assert_int_equal(mtkfw_bootimg_parse_header(&b, img, 1632), 0);
	assert_int_equal(b.end, len);
	wr_le32(img + 8, 0xFFFFFFFFu); /* absurd kernel size */
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), MTKFW_ERR_TRUNCATED);
	wr_le32(img + 8, sizeof(k));
	wr_le32(img + 36, 3000); /* page not a power of two */
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), MTKFW_ERR_FORMAT);
	wr_le32(img + 36, PAGE);
	wr_le32(img + 40, 3);
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), MTKFW_ERR_UNSUPPORTED);
	img[0] = 'B';
	assert_int_equal(mtkfw_bootimg_parse(&b, img, len), MTKFW_ERR_FORMAT);
	free(img);
}

static void idconv_names(void **state)
{
	(void)state;
	for (int c = MTKFW_ID_UNKNOWN; c <= MTKFW_ID_ZERO; c++)
		assert_int_equal(mtkfw_bootimg_idconv_parse(mtkfw_bootimg_idconv_name((mtkfw_bootimg_idconv)c)), c);
	assert_int_equal(mtkfw_bootimg_idconv_parse("md5"), -1);
	assert_string_equal(mtkfw_bootimg_part_name(MTKFW_BOOT_RECOVERY_DTBO), "recovery_dtbo");
}

/* The A516 boot header dump (values by xxd: kernel_size 0x3D2800, ramdisk 0x9280D) writes back
 * byte-identically. */
static void corpus_header_dump(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/image.hdr");
	size_t len;
	uint8_t *buf = slurp(path, &len), out[1660];
	struct mtkfw_bootimg b;

	assert_int_equal(mtkfw_bootimg_parse(&b, buf, len), MTKFW_ERR_TRUNCATED);
	assert_int_equal(mtkfw_bootimg_parse_header(&b, buf, len), 0);
	assert_int_equal(b.part_size[MTKFW_BOOT_KERNEL], 0x3D2800);
	assert_int_equal(b.part_size[MTKFW_BOOT_RAMDISK], 0x9280D);
	assert_int_equal(b.tags_addr, 0x10000100);
	mtkfw_bootimg_write_header(out, &b);
	assert_memory_equal(out, buf, 1632);
	free(buf);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_v0_and_detect_recipe),
		cmocka_unit_test(header_write_round_trip),
		cmocka_unit_test(errors),
		cmocka_unit_test(idconv_names),
		cmocka_unit_test(corpus_header_dump),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
