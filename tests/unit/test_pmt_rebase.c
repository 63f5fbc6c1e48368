/* lib/layout/pmt_rebase.c: a PMT's linear addresses become (area, offset) pairs with the MBR
 * entry at user offset 0. The region is written by hand here (PTv1 layout from the spec), not by
 * mtkfw_pmt_build, so the test does not lean on our own writer. */
#include "testutil.h"

#include "core/bytes.h"

#include <mtkfw/error.h>
#include <mtkfw/layout.h>

#include <string.h>

struct ent {
	const char *name;
	uint64_t size, offset;
};

static mtkfw_layout *pmt_of(const struct ent *ents, size_t n)
{
	static uint8_t r[MTKFW_PMT_REGION_SIZE];
	mtkfw_layout *l = NULL;

	memset(r, 0, sizeof(r));
	memcpy(r, "1vTP1.0", 8);
	memcpy(r + sizeof(r) - 4, "1vTP", 4);
	for (size_t i = 0; i < n; i++) {
		uint8_t *e = r + 8 + i * MTKFW_PMT_ENTRY_SIZE;

		memcpy(e, ents[i].name, strlen(ents[i].name));
		wr_le64(e + 64, ents[i].size);
		wr_le64(e + 72, ents[i].offset);
	}
	assert_int_equal(mtkfw_pmt_parse(&l, r, sizeof(r), "pmt"), 0);
	return l;
}

static void linear_to_areas(void **state)
{
	/* MT6572 eMMC: preloader in boot1 at 0, MBR_START 0x600000, NVRAM 4 MiB after the MBR. */
	static const struct ent ents[] = {
		{ "PRELOADER", 0x40000, 0x0 },
		{ "MBR", 0x80000, 0x600000 },
		{ "NVRAM", 0x500000, 0xA00000 },
	};
	mtkfw_layout *l = pmt_of(ents, 3);
	const struct mtkfw_partition *p;
	(void)state;

	assert_int_equal(mtkfw_pmt_rebase_linear(l), 0);
	p = mtkfw_layout_find(l, "PRELOADER");
	assert_int_equal(p->area, MTKFW_AREA_BOOT1);
	assert_int_equal(p->start, 0);
	p = mtkfw_layout_find(l, "MBR");
	assert_int_equal(p->area, MTKFW_AREA_USER);
	assert_int_equal(p->start, 0);
	p = mtkfw_layout_find(l, "nvram");
	assert_int_equal(p->area, MTKFW_AREA_USER);
	assert_int_equal(p->start, 0x400000);
	/* The stored addresses stay as they were, for writing the table back. */
	assert_int_equal(p->linear_start, 0xA00000);
	mtkfw_layout_free(l);
}

static void no_mbr_keeps_offsets(void **state)
{
	/* Nothing says where user offset 0 is: the offsets are taken as stored. */
	static const struct ent ents[] = {
		{ "PRELOADER", 0x40000, 0x0 },
		{ "NVRAM", 0x500000, 0xA00000 },
	};
	mtkfw_layout *l = pmt_of(ents, 2);
	const struct mtkfw_partition *p;
	(void)state;

	assert_int_equal(mtkfw_pmt_rebase_linear(l), 0);
	p = mtkfw_layout_find(l, "NVRAM");
	assert_int_equal(p->area, MTKFW_AREA_USER);
	assert_int_equal(p->start, 0xA00000);
	assert_int_equal(mtkfw_layout_find(l, "PRELOADER")->area, MTKFW_AREA_USER);
	mtkfw_layout_free(l);
	assert_int_equal(mtkfw_pmt_rebase_linear(NULL), MTKFW_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linear_to_areas),
		cmocka_unit_test(no_mbr_keeps_offsets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
