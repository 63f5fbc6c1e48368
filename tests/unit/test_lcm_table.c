/*
 * lib/firmware/lcm_table.c: LCM drivers found by their place (lcm_driver_list + lcm_count, each
 * entry a structure with a name and five callbacks), whatever their names look like. Images
 * are built here word by word; the corpus part checks that every kernel and lk of the corpus
 * holds such a table at the address tried (the names themselves are held against an
 * independent strings listing in tests/cli/t_lcm_place.sh).
 */
#include "testutil.h"

#include "core/bytes.h"
#include "core/file.h"
#include "firmware/fw_internal.h"

#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

#define BASE 0x80020000u
#define LEN 0x4000u

/* An image with `n` drivers named names[i] (structure at 0x1000 + 0x40 i, code at 0x3000) and
 * the list at 0x2000 with its count before it (count_at = -1), after it (+1) or nowhere (0). */
static uint8_t *image(const char *const *names, unsigned n, int count_at)
{
	uint8_t *b = calloc(1, LEN);
	size_t str = 0x800;

	assert_non_null(b);
	for (unsigned i = 0; i < n; i++) {
		size_t s = 0x1000 + 0x40 * i;

		memcpy(b + str, names[i], strlen(names[i]) + 1);
		wr_le32(b + s, BASE + (uint32_t)str);
		for (unsigned k = 1; k <= 7; k++)
			wr_le32(b + s + 4 * k, BASE + 0x3000 + 0x100 * i + 4 * k + 1); /* Thumb code */
		wr_le32(b + 0x2000 + 4 * i, BASE + (uint32_t)s);
		str += strlen(names[i]) + 4;
	}
	if (count_at < 0)
		wr_le32(b + 0x2000 - 4, n);
	else if (count_at > 0)
		wr_le32(b + 0x2000 + 4 * n, n);
	return b;
}

static void found_by_place(void **state)
{
	static const char *const names[] = { "ili9806_fwvga", "otm8009a_fwvga", "r63311_panel" };
	const uint32_t bases[] = { 0xC0008000u, BASE };
	struct mtkfw_names out = { 0 };
	size_t tables;
	uint8_t *b;
	(void)state;

	for (int where = -1; where <= 1; where += 2) {
		b = image(names, 3, where);
		assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, bases, 2, &tables), 0);
		assert_int_equal(tables, 1);
		assert_int_equal(out.count, 3);
		for (unsigned i = 0; i < 3; i++)
			assert_string_equal(out.names[i], names[i]);
		mtkfw_names_clear(&out);
		free(b);
	}
}

static void not_a_table(void **state)
{
	static const char *const names[] = { "ili9806_fwvga", "otm8009a_fwvga" };
	const uint32_t base = BASE, wrong = BASE + 0x1000;
	struct mtkfw_names out = { 0 };
	size_t tables;
	uint8_t *b;
	(void)state;

	/* No count beside the pointers. */
	b = image(names, 2, 0);
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &base, 1, &tables), 0);
	assert_int_equal(tables, 0);
	/* A count that does not match the run. */
	wr_le32(b + 0x2000 + 8, 3);
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &base, 1, &tables), 0);
	assert_int_equal(tables, 0);
	/* The right count, but a driver without its init callback. */
	wr_le32(b + 0x2000 + 8, 2);
	wr_le32(b + 0x1040 + 12, 0);
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &base, 1, &tables), 0);
	assert_int_equal(tables, 0);
	free(b);
	/* A sound table read at the wrong address. */
	b = image(names, 2, 1);
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &wrong, 1, &tables), 0);
	assert_int_equal(tables, 0);
	/* One entry whose name is not an identifier (a sentence): the run is not a driver table. */
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &base, 1, &tables), 0);
	assert_int_equal(tables, 1);
	mtkfw_names_clear(&out);
	memcpy(b + 0x800, "no panel!", 10);
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &base, 1, &tables), 0);
	assert_int_equal(tables, 0);
	assert_int_equal(out.count, 0);
	/* An address where the image would wrap past 4 GiB is not tried. */
	{
		const uint32_t top = 0xFFFFF000u;

		assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &top, 1, &tables), 0);
		assert_int_equal(tables, 0);
	}
	free(b);
}

static void hostile_counts(void **state)
{
	const uint32_t base = BASE;
	struct mtkfw_names out = { 0 };
	size_t tables;
	uint8_t *b = calloc(1, LEN);
	(void)state;

	assert_non_null(b);
	/* Counts everywhere, pointers to the end of the image: nothing read past it. */
	for (size_t i = 0; i + 4 <= LEN; i += 8) {
		wr_le32(b + i, 64);
		wr_le32(b + i + 4, BASE + LEN - 4);
	}
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, LEN, &base, 1, &tables), 0);
	assert_int_equal(tables, 0);
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, 6, &base, 1, &tables), 0);
	assert_int_equal(mtkfwi_fw_lcm_tables(&out, b, 0, &base, 1, &tables), 0);
	free(b);
}

/* Every kernel (decompressed with the library) and lk of the corpus has its table at the
 * address the callers try. */
static void corpus_tables(void **state)
{
	static const char *const kernels[] = {
		"android_device_alps_mt6572/kernel",
		"MT6572-82-92-Recovery-Device-Tree/kernel",
		"android_device_lenovo_a369i-twrp/kernel",
		"AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage",
	};
	static const struct {
		const char *file;
		uint32_t base;
	} lks[] = {
		{ "AllegroROM_4.2.2_mt6572/A516_S117/scatter/lk.bin", 0x80020000u },
		{ "Mobiwire_S10/lk.bin", 0x80020000u },
		{ "device_x5511B_dump/lk.bin", 0x41E00000u },
		{ "device_x5511B_dump/lk-verified.bin", 0x41E00000u },
	};
	const uint32_t kbase = 0xC0008000u;
	unsigned seen = 0;
	(void)state;

	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		char *path = corpus_file(kernels[i]);
		struct mtkfw_kernel_info k;
		struct mtkfw_names out = { 0 };
		uint8_t *buf, *img;
		size_t len, ilen, tables;

		if (!path)
			continue;
		assert_int_equal(mtkfw_read_file(path, 64u << 20, &buf, &len), 0);
		assert_int_equal(mtkfw_kernel_info(&k, buf, len, kernels[i]), 0);
		assert_int_equal(mtkfw_decompress(&img, &ilen, k.compression, buf + k.payload_offset,
						  len - k.payload_offset, MTKFW_KERNEL_MAX), 0);
		assert_int_equal(mtkfwi_fw_lcm_tables(&out, img, ilen, &kbase, 1, &tables), 0);
		assert_true(tables >= 1);
		assert_true(out.count >= 1);
		mtkfw_names_clear(&out);
		mtkfw_kernel_info_clear(&k);
		free(img);
		free(buf);
		free(path);
		seen++;
	}
	for (size_t i = 0; i < sizeof(lks) / sizeof(lks[0]); i++) {
		char *path = corpus_file(lks[i].file);
		struct mtkfw_names out = { 0 };
		uint8_t *buf;
		size_t len, tables, skip;

		if (!path)
			continue;
		assert_int_equal(mtkfw_read_file(path, 16u << 20, &buf, &len), 0);
		skip = mtkfwi_fw_mtkhdr_skip(buf, len);
		/* _start is the literal lk's relocation check loads (word 32 in these builds). */
		assert_int_equal(rd_le32(buf + skip + 32 * 4), lks[i].base);
		assert_int_equal(mtkfwi_fw_lcm_tables(&out, buf + skip, len - skip, &lks[i].base, 1, &tables), 0);
		assert_true(tables >= 1);
		mtkfw_names_clear(&out);
		free(buf);
		free(path);
		seen++;
	}
	if (!seen)
		skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(found_by_place),
		cmocka_unit_test(not_a_table),
		cmocka_unit_test(hostile_counts),
		cmocka_unit_test(corpus_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
