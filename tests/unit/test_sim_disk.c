/* mtkfw-sim: the synthetic preloader in boot1, the CID, the scatter disk builder. */
#include "sim_fixture.h"

#include <stdio.h>

#include "core/bytes.h"
#include "disk_build.h"

static void crc7_known_value(void **state)
{
	/* CMD0 (40 00 00 00 00) has CRC7 0x4A: its last byte on the wire is 0x95. */
	assert_int_equal(sim_crc7((const uint8_t *)"\x40\x00\x00\x00\x00", 5), 0x4A);
	/* CMD8 with argument 0x1AA: 0x43, wire byte 0x87. */
	assert_int_equal(sim_crc7((const uint8_t *)"\x48\x00\x00\x01\xaa", 5), 0x43);
}

static void cid_parse(void **state)
{
	uint8_t cid[16];

	assert_int_equal(sim_cid_parse("150100344e35553030134a7e12ab3c01", cid), 0);
	assert_int_equal(cid[0], 0x15);
	assert_int_equal(cid[15], 0x01);
	assert_int_equal(sim_cid_parse("150100344e35553030134a7e12ab3c0", cid), -1);
	assert_int_equal(sim_cid_parse("150100344e35553030134a7e12ab3c0g", cid), -1);
}

/* Extract the EMI table the way mtkclient does (spec B.7): GFH FILE_INFO, file_len, sig_len,
 * the last dword before the signature = block length. */
static void preloader_emi_where_tools_look(void **state)
{
	uint8_t *pl;
	size_t len;
	uint32_t file_len, sig_len, emi_len;
	const uint8_t *emi;

	assert_int_equal(sim_preloader_build(&pl, &len, NULL), 0);
	assert_memory_equal(pl, "MMM\x01\x38\x00\x00\x00", 8);
	file_len = rd_le32(pl + 0x20);
	sig_len = rd_le32(pl + 0x2C);
	assert_int_equal(file_len, len);
	emi_len = rd_le32(pl + file_len - sig_len - 4);
	emi = pl + file_len - sig_len - 4 - emi_len;
	assert_memory_equal(emi, "MTK_BLOADER_INFO_v11", 20);
	assert_memory_equal(emi + 0x64, "MTK_BIN", 7);
	assert_int_equal(rd_le32(emi + 0x6C), sim_emi_nparts);
	assert_int_equal(emi_len, 0x70 + 0xA8 * sim_emi_nparts);
	/* entry 0: MCP eMMC+LPDDR2, 9-byte id = our card, 512 MiB */
	assert_int_equal(rd_le32(emi + 0x70), 0x0202);
	assert_memory_equal(emi + 0x74, "\xfe\x01\x4e" "MMC04G", 9);
	assert_int_equal(rd_le32(emi + 0x70 + 0x14), 9);
	assert_int_equal(rd_le32(emi + 0x70 + 0x90), 0x20000000);
	free(pl);
}

/* A phone's preloader lists its own eMMC: built for a --cid, the table starts with that card
 * (512 MiB of DRAM, as the MT6572 logs show) and keeps the other known parts after it, once. */
static void preloader_lists_its_card(void **state)
{
	static const uint8_t toshiba[16] = { 0x11, 0x01, 0x00, '0', '0', '4', 'G', '9', '0', 0x10,
					     0x65, 0x72, 0xC1, 0xD0, 0xD9, 0x01 };
	uint8_t *pl, cid[16];
	size_t len;
	const uint8_t *emi;

	assert_int_equal(sim_preloader_build(&pl, &len, toshiba), 0);
	emi = (const uint8_t *)memmem(pl, len, "MTK_BIN", 7);
	assert_non_null(emi);
	assert_int_equal(rd_le32(emi + 8), sim_emi_nparts + 1);
	assert_memory_equal(emi + 0xC + 4, toshiba, 9);
	assert_int_equal(rd_le32(emi + 0xC + 0x90), 0x20000000);
	assert_memory_equal(emi + 0xC + 0xA8 + 4, sim_emi_parts[0].id, 9);
	free(pl);
	/* The default card named as --cid is listed once. */
	sim_cid_complete(cid, sim_emi_parts[0].id);
	assert_int_equal(sim_preloader_build(&pl, &len, cid), 0);
	emi = (const uint8_t *)memmem(pl, len, "MTK_BIN", 7);
	assert_int_equal(rd_le32(emi + 8), sim_emi_nparts);
	free(pl);
}

static void boot1_headers_and_cid(void **state)
{
	char *dir = make_tempdir(), err[256], path[512];
	struct sim_emmc e;
	uint8_t b[0x900], cid[16];

	struct sim_emmc_geometry geo = sim_emmc_geometry_default;

	geo.user_size = 1 << 20;
	assert_int_equal(sim_emmc_open(&e, dir, &geo, err, sizeof(err)), 0);
	assert_true(e.boot1_created);
	assert_int_equal(e.boot1.size, 2 << 20);
	assert_int_equal(e.rpmb.size, 512 << 10);
	/* no preloader yet: no CID from boot1 */
	assert_int_equal(sim_boot1_cid(&e.boot1, cid), -1);
	assert_int_equal(sim_boot1_write(&e.boot1, NULL), 0);
	assert_int_equal(sim_area_read(&e.boot1, 0, b, sizeof(b)), 0);
	assert_memory_equal(b, "EMMC_BOOT\0\0\0\x01\0\0\0\0\x02\0\0", 20);
	assert_memory_equal(b + 0x200, "BRLYT\0\0\0\x01\0\0\0\0\x08\0\0", 16);
	assert_memory_equal(b + 0x214, "BBBB", 4);
	assert_memory_equal(b + 0x800, "MMM\x01", 4);
	assert_int_equal(sim_boot1_cid(&e.boot1, cid), 0);
	assert_memory_equal(cid, "\xfe\x01\x4e" "MMC04G", 9);
	assert_int_equal(cid[15], (sim_crc7(cid, 15) << 1) | 1);
	sim_emmc_close(&e);
	/* reopening keeps the files and their sizes, whatever the geometry asks for new ones */
	geo.user_size = 8 << 20;
	geo.boot_size = 4 << 20;
	assert_int_equal(sim_emmc_open(&e, dir, &geo, err, sizeof(err)), 0);
	assert_false(e.boot1_created);
	assert_int_equal(e.user.size, 1 << 20);
	assert_int_equal(e.boot1.size, 2 << 20);
	sim_emmc_close(&e);
	/* a disk "folder" that is a file is refused with its name */
	snprintf(path, sizeof(path), "%s/boot1.img", dir);
	assert_int_equal(sim_emmc_open(&e, path, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "boot1.img"));
	rm_rf(dir);
	free(dir);
}

static const char yaml[] =
	"- general: MTK_PLATFORM_CFG\n"
	"  info:\n"
	"    - config_version: V1.1.1\n"
	"- partition_index: SYS0\n  partition_name: PRELOADER\n  linear_start_addr: 0x0\n"
	"  partition_size: 0x40000\n  region: EMMC_BOOT_1\n"
	"- partition_index: SYS1\n  partition_name: MBR\n  linear_start_addr: 0x600000\n"
	"  partition_size: 0x80000\n  region: EMMC_USER\n"
	"- partition_index: SYS2\n  partition_name: EBR1\n  linear_start_addr: 0x680000\n"
	"  partition_size: 0x80000\n  region: EMMC_USER\n"
	"- partition_index: SYS3\n  partition_name: NVRAM\n  linear_start_addr: 0x700000\n"
	"  partition_size: 0x100000\n  region: EMMC_USER\n"
	"- partition_index: SYS4\n  partition_name: ANDROID\n  linear_start_addr: 0x800000\n"
	"  partition_size: 0x1000000\n  type: EXT4_IMG\n  region: EMMC_USER\n"
	"- partition_index: SYS5\n  partition_name: CACHE\n  linear_start_addr: 0x1800000\n"
	"  partition_size: 0x800000\n  type: EXT4_IMG\n  region: EMMC_USER\n"
	"- partition_index: SYS6\n  partition_name: BMTPOOL\n  linear_start_addr: 0xFFFF00a8\n"
	"  partition_size: 0x1500000\n  region: EMMC_USER\n";

static void scatter_disk_tables(void **state)
{
	char *dir = make_tempdir(), err[256], path[512];
	struct sim_disk_layout l = { 0 };
	struct sim_emmc e;
	uint8_t s[512], cid[16];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/scatter.txt", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(yaml, fp);
	fclose(fp);
	assert_int_equal(sim_scatter_load(path, 0xEC000000ull, &l, err, sizeof(err)), 0);
	assert_int_equal(l.user_size, 0xEC000000ull); /* the layout fits the card: the card's size */
	{
		/* a card too small for the layout: whole GiBs past its end */
		struct sim_disk_layout small;

		assert_int_equal(sim_scatter_load(path, 16 << 20, &small, err, sizeof(err)), 0);
		assert_true(small.user_size > (16u << 20) && small.user_size % (1u << 30) == 0);
		sim_disk_layout_free(&small);
	}
	/* not a scatter: refused with the library's one-line reason naming the file */
	fp = fopen(path, "w");
	fputs("hello\n", fp);
	fclose(fp);
	{
		struct sim_disk_layout bad;
		assert_int_equal(sim_scatter_load(path, 0xEC000000ull, &bad, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "scatter.txt"));
	}
	snprintf(path, sizeof(path), "%s/disk", dir);
	{
		struct sim_emmc_geometry geo = sim_emmc_geometry_default;

		geo.user_size = l.user_size;
		assert_int_equal(sim_emmc_open(&e, path, &geo, err, sizeof(err)), 0);
	}
	sim_cid_complete(cid, sim_emi_parts[0].id);
	assert_int_equal(sim_disk_build(&e, &l, cid, err, sizeof(err)), 0);
	/* MBR at user 0: extended entry to EBR1 (0x80000 / 512 = 0x400), ANDROID primary at
	 * (0x800000 - 0x600000) / 512 = 0x1000, 0x8000 sectors. */
	assert_int_equal(sim_area_read(&e.user, 0, s, 512), 0);
	assert_int_equal(s[0x1BE + 4], 0x05);
	assert_int_equal(rd_le32(s + 0x1BE + 8), 0x400);
	assert_int_equal(s[0x1CE + 4], 0x83);
	assert_int_equal(rd_le32(s + 0x1CE + 8), 0x1000);
	assert_int_equal(rd_le32(s + 0x1CE + 12), 0x8000);
	assert_int_equal(s[0x1DE + 4], 0x83); /* CACHE: (0x1800000 - 0x600000) / 512 */
	assert_int_equal(rd_le32(s + 0x1DE + 8), 0x9000);
	assert_memory_equal(s + 510, "\x55\xaa", 2);
	/* NVRAM (user 0x100000) holds the identity records; partitions carry their tags */
	assert_int_equal(sim_area_read(&e.user, 0x100000, s, 512), 0);
	assert_non_null(strstr((char *)s, "IMEI1=35657200"));
	assert_int_equal(sim_area_read(&e.user, 0x200000, s, 512), 0);
	assert_string_equal((char *)s, "MTKFW-SIM ANDROID @0x200000");
	/* PMT 1 MiB below the end, mirror after it: PTv1 signature, first entry PRELOADER */
	assert_int_equal(sim_area_read(&e.user, l.user_size - 0x100000, s, 512), 0);
	assert_memory_equal(s, "1vTP1.0", 7);
	assert_string_equal((char *)s + 8, "PRELOADER");
	assert_int_equal(sim_area_read(&e.user, l.user_size - 0x100000 + 0x1000, s, 512), 0);
	assert_memory_equal(s, "1vTP1.0", 7);
	/* BMTPOOL (0xFFFF00a8: 0xa8 blocks of 0x20000 from the end) got a place and a tag */
	assert_int_equal(sim_area_read(&e.user, l.user_size - 0xa8 * 0x20000, s, 512), 0);
	assert_string_equal((char *)s, "MTKFW-SIM BMTPOOL @0xeab00000");
	assert_int_equal(l.pmt_len, 0x1000);
	sim_emmc_close(&e);
	sim_disk_layout_free(&l);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc7_known_value),
		cmocka_unit_test(cid_parse),
		cmocka_unit_test(preloader_emi_where_tools_look),
		cmocka_unit_test(preloader_lists_its_card),
		cmocka_unit_test(boot1_headers_and_cid),
		cmocka_unit_test(scatter_disk_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
