/* lib/image/mtkhdr.c: the MediaTek 512-byte header. */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include "core/bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A516 "AllegroROM_4.2.2_mt6572/A516_S117/"

static void init_matches_mkimage_layout(void **state)
{
	struct mtkfw_mtkhdr h;
	uint8_t out[512];
	(void)state;
	assert_int_equal(mtkfw_mtkhdr_init(&h, "LOGO", 0x1234), 0);
	mtkfw_mtkhdr_write(&h, out);
	/* magic 88 16 88 58, size LE, name NUL-padded, then 0xFF to the end */
	assert_memory_equal(out, "\x88\x16\x88\x58\x34\x12\x00\x00LOGO\0\0\0\0", 16);
	for (int i = 12; i < 40; i++)
		assert_int_equal(out[i], 0);
	for (int i = 40; i < 512; i++)
		assert_int_equal(out[i], 0xFF);
	assert_true(mtkfw_mtkhdr_padding_is_ff(&h));
	assert_int_equal(mtkfw_mtkhdr_init(&h, "123456789012345678901234567890123", 0), MTKFW_ERR_INVALID);
	/* a 32-byte name fills the field and is still read back whole */
	assert_int_equal(mtkfw_mtkhdr_init(&h, "12345678901234567890123456789012", 0), 0);
	mtkfw_mtkhdr_write(&h, out);
	assert_int_equal(mtkfw_mtkhdr_parse(&h, out, sizeof(out)), 0);
	assert_string_equal(h.name, "12345678901234567890123456789012");
}

static void parse_keeps_odd_padding(void **state)
{
	uint8_t in[512], out[512];
	struct mtkfw_mtkhdr h;
	(void)state;
	for (int i = 0; i < 512; i++)
		in[i] = (uint8_t)(i * 7);
	wr_le32(in, MTKFW_MTKHDR_MAGIC);
	memcpy(in + 8, "KERNEL\0", 7); /* bytes after the NUL stay whatever they were */
	assert_int_equal(mtkfw_mtkhdr_parse(&h, in, sizeof(in)), 0);
	assert_string_equal(h.name, "KERNEL");
	assert_false(mtkfw_mtkhdr_padding_is_ff(&h));
	mtkfw_mtkhdr_write(&h, out);
	assert_memory_equal(in, out, 512);
	h.size = 99;
	mtkfw_mtkhdr_write(&h, out);
	assert_int_equal(rd_le32(out + 4), 99);
	assert_memory_equal(in + 8, out + 8, 504);
}

static void parse_errors(void **state)
{
	uint8_t buf[512];
	struct mtkfw_mtkhdr h;
	(void)state;
	memset(buf, 0, sizeof(buf));
	assert_int_equal(mtkfw_mtkhdr_parse(&h, buf, sizeof(buf)), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_mtkhdr_parse(&h, buf, 2), MTKFW_ERR_FORMAT);
	wr_le32(buf, MTKFW_MTKHDR_MAGIC);
	assert_int_equal(mtkfw_mtkhdr_parse(&h, buf, 100), MTKFW_ERR_TRUNCATED);
	assert_non_null(strstr(mtkfw_error_last()->message, "512"));
}

/* The A516 kernel header: values read with xxd (80 1e 3d 00 = 0x3D1E80 = the zImage's
 * 4005504 bytes; name KERNEL; addr and mode ff ff ff ff). */
static void corpus_kernel_header(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, A516 "Other/boot/zImage.mtkhdr");
	size_t len;
	uint8_t *buf = slurp(path, &len), out[512];
	struct mtkfw_mtkhdr h;

	assert_int_equal(mtkfw_mtkhdr_parse(&h, buf, len), 0);
	assert_int_equal(h.size, 4005504);
	assert_string_equal(h.name, "KERNEL");
	assert_int_equal(h.addr, 0xFFFFFFFFu);
	assert_int_equal(h.mode, 0xFFFFFFFFu);
	assert_true(mtkfw_mtkhdr_padding_is_ff(&h));
	mtkfw_mtkhdr_write(&h, out);
	assert_memory_equal(out, buf, 512);
	free(buf);
	free(path);
}

/* strip then add on the A516 lk.bin (size 0x3E570 = 255344 per xxd; file 255856 = +512). */
static void corpus_lk_strip_add(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, A516 "scatter/lk.bin");
	char *dir = make_tempdir(), p1[4096], p2[4096];
	size_t len, l1, l2;
	uint8_t *orig = slurp(path, &len), *a, *b;

	snprintf(p1, sizeof(p1), "%s/lk.raw", dir);
	snprintf(p2, sizeof(p2), "%s/lk.bin", dir);
	assert_int_equal(mtkfw_mtkhdr_strip_file(path, p1, false), 0);
	a = slurp(p1, &l1);
	assert_int_equal(l1, 255344);
	assert_memory_equal(a, orig + 512, l1);
	assert_int_equal(mtkfw_mtkhdr_add_file(p1, p2, "LK", 0xFFFFFFFFu, 0xFFFFFFFFu), 0);
	b = slurp(p2, &l2);
	assert_int_equal(l2, len);
	assert_memory_equal(b, orig, len);
	/* a file without the header is refused with its name in the message */
	assert_int_equal(mtkfw_mtkhdr_strip_file(p1, p2, false), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "lk.raw"));
	free(a);
	free(b);
	free(orig);
	rm_rf(dir);
	free(dir);
	free(path);
}

static void strip_refuses_short_payload(void **state)
{
	char *dir = make_tempdir(), p1[4096], p2[4096];
	uint8_t buf[600];
	struct mtkfw_mtkhdr h;
	(void)state;
	mtkfw_mtkhdr_init(&h, "LK", 1000);
	mtkfw_mtkhdr_write(&h, buf);
	memset(buf + 512, 0xAB, 88);
	snprintf(p1, sizeof(p1), "%s/in", dir);
	snprintf(p2, sizeof(p2), "%s/out", dir);
	write_file(p1, buf, sizeof(buf));
	assert_int_equal(mtkfw_mtkhdr_strip_file(p1, p2, false), MTKFW_ERR_TRUNCATED);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_matches_mkimage_layout),
		cmocka_unit_test(parse_keeps_odd_padding),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(corpus_kernel_header),
		cmocka_unit_test(corpus_lk_strip_add),
		cmocka_unit_test(strip_refuses_short_payload),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
