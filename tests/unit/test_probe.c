/* The shared content probe table (lib/firmware/probe.h): the whole table is checked, each probe
 * against a head built by hand from its format's layout, and the magics at offset 0 exclude
 * each other, so the table's order never changes an answer among them. */
#include "testutil.h"

#include "core/bytes.h"
#include "firmware/probe.h"

#include <string.h>

/* A head of `len` bytes (zeroed) that the format of `id` starts with, from the specs: the
 * magic and nothing else, so the test also shows what each probe needs. */
static size_t sample(enum mtkfw_probe_id id, uint8_t *h, size_t cap)
{
	memset(h, 0, cap);
	switch (id) {
	case MTKFW_PROBE_BOOTIMG: memcpy(h, "ANDROID!", 8); return 8;
	case MTKFW_PROBE_MTKHDR: wr_le32(h, 0x58881688); return 4;
	case MTKFW_PROBE_SPARSE: wr_le32(h, 0xED26FF3A); return 4;
	case MTKFW_PROBE_RAMDISK: memcpy(h, "070701", 6); return 6;
	case MTKFW_PROBE_GFH: memcpy(h, "MMM\x01\x38\x00\x00\x00" "FILE_INFO", 17); return 17;
	case MTKFW_PROBE_BOOT1: memcpy(h, "EMMC_BOOT", 9); return 9;
	case MTKFW_PROBE_EMI: memcpy(h, "MTK_BLOADER_INFO_v", 18); return 18;
	case MTKFW_PROBE_DA: memcpy(h, "MTK_DOWNLOAD_AGENT", 18); return 18;
	case MTKFW_PROBE_SECRO: memcpy(h, "AND_AC_REGION", 13); return 13;
	case MTKFW_PROBE_CATI: memcpy(h, "CATI\x01\0\0\0", 8); return 8;
	case MTKFW_PROBE_CATD: memcpy(h, "CATD", 4); return 4;
	case MTKFW_PROBE_DTB: wr_be32(h, 0xD00DFEED); return 4;
	case MTKFW_PROBE_DTBO: wr_be32(h, 0xD7B7AB1E); return 4;
	case MTKFW_PROBE_ZIMAGE: wr_le32(h + 0x24, 0x016F2818); return 0x30;
	case MTKFW_PROBE_ARMVEC:
		for (int i = 0; i < 8; i++)
			wr_le32(h + 4 * i, i ? 0xE59FF018 : 0xEA000006); /* b reset; ldr pc, [pc, #0x18] */
		return 32;
	case MTKFW_PROBE_EXT4: wr_le16(h + 1024 + 0x38, 0xEF53); return 1024 + 0x88;
	case MTKFW_PROBE_F2FS: wr_le32(h + 1024, 0xF2F52010); return 1024 + 4;
	case MTKFW_PROBE_GPT: memcpy(h + 512, "EFI PART", 8); return 512 + 8;
	case MTKFW_PROBE_DOS: h[510] = 0x55, h[511] = 0xAA; return 512;
	case MTKFW_PROBE_TEXT: memcpy(h, "partition_name: MBR\n", 20); return 20;
	default: fail(); return 0;
	}
}

static void whole_table(void **state)
{
	uint8_t h[4096];
	(void)state;
	for (int i = 0; i < MTKFW_PROBE_COUNT; i++) {
		const struct mtkfw_probe *p = &mtkfw_probes[i];
		size_t n = sample(p->id, h, sizeof(h));

		/* id i sits at index i (callers index by id), each with a distinct name */
		assert_int_equal(p->id, i);
		assert_non_null(p->name);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(p->name, mtkfw_probes[j].name);
		/* the sample matches; one byte less does not (every probe checks its length) */
		assert_true(p->match(h, n));
		assert_true(mtkfw_probe_mask(h, n) & MTKFW_PROBE_BIT(p->id));
		if (p->id != MTKFW_PROBE_TEXT)
			assert_false(p->match(h, n - 1));
		/* the offset-0 magics exclude each other: the order among them decides nothing */
		if (p->id <= MTKFW_PROBE_DTBO)
			for (int j = 0; j <= MTKFW_PROBE_DTBO; j++)
				if (j != i)
					assert_false(mtkfw_probes[j].match(h, n));
	}
	assert_int_equal(mtkfw_probe_mask(NULL, 100), 0);
	assert_int_equal(mtkfw_probe_mask(h, 0), 0);
}

/* The DOS probe wants boot flags 0 or 0x80; text wants no NUL anywhere in the head. */
static void refinements(void **state)
{
	uint8_t h[512];
	(void)state;
	sample(MTKFW_PROBE_DOS, h, sizeof(h));
	h[0x1BE + 16] = 0x33;
	assert_false(mtkfw_probes[MTKFW_PROBE_DOS].match(h, 512));
	assert_false(mtkfw_probes[MTKFW_PROBE_TEXT].match((const uint8_t *)"a\0b", 3));
	assert_true(mtkfw_probes[MTKFW_PROBE_TEXT].match((const uint8_t *)"[CheckSum]\r\n", 12));
	/* the vector probe wants all eight words: one NOP (a zImage's sled) is not a table */
	sample(MTKFW_PROBE_ARMVEC, h, sizeof(h));
	wr_le32(h + 28, 0xE1A00000);
	assert_false(mtkfw_probes[MTKFW_PROBE_ARMVEC].match(h, 32));
	/* DbgInfo must say version 1 */
	assert_false(mtkfw_probes[MTKFW_PROBE_CATI].match((const uint8_t *)"CATI\x02\0\0\0", 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_table),
		cmocka_unit_test(refinements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
