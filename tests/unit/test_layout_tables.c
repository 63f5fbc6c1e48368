/* lib/layout: MBR/EBR chains, PMT regions, dumchar_info, and comparing them with scatters.
 * Expected values are hand-computed from xxd of the corpus tables and grep of the scatters. */
#include "testutil.h"

#include "core/bytes.h"
#include "core/internal.h"
#include "layout/layout_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pkg {
	const char *dir;
	const char *scatter;
};

/* Packages that ship an MBR and EBR1 beside their scatter. */
static const struct pkg pkgs[] = {
	{ "wiko_s4050ap_part_layout", "MT6572_Android_scatter.txt" },
	{ "AllegroROM_4.2.2_mt6572/A516_S117/scatter", "MT6572_Android_scatter.txt" },
	{ "Mobiwire_S10", "MT6572_Android_scatter.txt" },
	{ "MTK6572-pe900s", "MT6572_Android_scatter.txt" },
	{ "android_kernel_xbasic", "MT6572_Android_scatter.txt" },
};

static char *pkg_file(const struct pkg *p, const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "%s/%s", p->dir, name);
	return corpus_file(rel);
}

static const struct mtkfw_partition *numbered(const mtkfw_layout *l, int n)
{
	for (size_t i = 0; i < l->count; i++)
		if (!l->parts[i].name && l->parts[i].number == n)
			return &l->parts[i];
	return NULL;
}

static void wiko_mbr_values(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(mbr, "wiko_s4050ap_part_layout/MBR");
	char *ebr1 = corpus_file("wiko_s4050ap_part_layout/EBR1");
	mtkfw_layout *l;
	const struct mtkfw_partition *p;

	assert_int_equal(mtkfw_mbr_load(&l, mbr, ebr1, NULL), 0);
	assert_int_equal(l->format, MTKFW_LAYOUT_MBR);
	/* MBR entry 0: 05, start 0x400 sectors → EBR1 at 0x80000. */
	p = mtkfw_layout_find(l, "EBR1");
	assert_non_null(p);
	assert_int_equal(p->start, 0x400 * 512);
	/* Entry 1: 83, start 0x4800, size 0x5000 sectors. */
	p = numbered(l, 2);
	assert_non_null(p);
	assert_int_equal(p->mbr_type, 0x83);
	assert_int_equal(p->start, 0x4800 * 512);
	assert_int_equal(p->size, 0x5000 * 512);
	/* Entry 3: start 0x27a00, size 0x1f4000 sectors (ANDROID). */
	p = numbered(l, 4);
	assert_int_equal(p->start, 0x27a00ull * 512);
	assert_int_equal(p->size, 0x1f4000ull * 512);
	/* EBR1 entry 0 is relative to EBR1: 0x21b600 + 0x400 sectors. */
	p = numbered(l, 5);
	assert_int_equal(p->start, (0x21b600ull + 0x400) * 512);
	assert_int_equal(p->size, 0x71000ull * 512);
	/* EBR1 entry 1: 0x28c600 + 0xffd739ff = 0xffffffff: runs to the end. */
	p = numbered(l, 6);
	assert_true(p->to_end);
	assert_false(p->has_size);
	assert_null(numbered(l, 7));
	mtkfw_layout_free(l);
	free(mbr);
	free(ebr1);
}

static void a516_three_in_ebr1(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(mbr, "AllegroROM_4.2.2_mt6572/A516_S117/scatter/MBR");
	char *ebr1 = corpus_file("AllegroROM_4.2.2_mt6572/A516_S117/scatter/EBR1");
	size_t n1, n2;
	uint8_t *m = slurp(mbr, &n1), *e = slurp(ebr1, &n2);
	mtkfw_layout *l;

	assert_int_equal(mtkfw_mbr_parse(&l, m, n1, e, n2, NULL, 0, "A516"), 0);
	/* p5..p7 from EBR1; p7: 0x2be600 + 0xffd419ff = 0xffffffff. */
	assert_int_equal(numbered(l, 5)->start, (0x7f600ull + 0x400) * 512);
	assert_int_equal(numbered(l, 6)->start, (0x27f600ull + 0x400) * 512);
	assert_true(numbered(l, 7)->to_end);
	assert_int_equal(numbered(l, 7)->start, (0x2be600ull + 0x400) * 512);
	mtkfw_layout_free(l);
	free(m);
	free(e);
	free(mbr);
	free(ebr1);
}

/* The scatter beside each table describes it, and our builder makes the same bytes. */
static void tables_match_their_scatter(void **state)
{
	int ran = 0;
	(void)state;
	for (size_t i = 0; i < sizeof(pkgs) / sizeof(pkgs[0]); i++) {
		char *sc = pkg_file(&pkgs[i], pkgs[i].scatter), *mbr = pkg_file(&pkgs[i], "MBR"),
		     *ebr1 = pkg_file(&pkgs[i], "EBR1");
		struct mtkfw_mbr_table t[MTKFW_MBR_MAX_TABLES];
		struct mtkfw_layout_diffs d;
		mtkfw_layout *s, *m;
		size_t n, len;
		uint8_t *bytes;

		if (!sc || !mbr || !ebr1) {
			free(sc), free(mbr), free(ebr1);
			continue;
		}
		assert_int_equal(mtkfw_scatter_load(&s, sc), 0);
		assert_int_equal(mtkfw_mbr_load(&m, mbr, ebr1, NULL), 0);
		assert_int_equal(mtkfw_layout_compare(&d, s, m), 0);
		for (size_t k = 0; k < d.count; k++)
			print_message("%s: %s\n", pkgs[i].dir, d.items[k].message);
		assert_int_equal(d.count, 0);
		mtkfw_layout_diffs_clear(&d);

		assert_int_equal(mtkfw_mbr_build(s, t, &n), 0);
		assert_int_equal(n, 2);
		bytes = slurp(mbr, &len);
		assert_memory_equal(t[0].data, bytes, 512);
		free(bytes);
		bytes = slurp(ebr1, &len);
		assert_memory_equal(t[1].data, bytes, 512);
		assert_string_equal(t[1].name, "EBR1");
		assert_int_equal(t[1].offset, mtkfw_layout_find(s, "EBR1")->start);
		free(bytes);
		mtkfw_layout_free(s);
		mtkfw_layout_free(m);
		free(sc), free(mbr), free(ebr1);
		ran++;
	}
	if (!ran)
		skip();
}

/* A table from another phone disagrees, and says where. */
static void foreign_table_differs(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(sc, "wiko_s4050ap_part_layout/MT6572_Android_scatter.txt");
	char *mbr = corpus_file("MTK6572-pe900s/MBR"), *ebr1 = corpus_file("MTK6572-pe900s/EBR1");
	struct mtkfw_layout_diffs d;
	mtkfw_layout *s, *m;
	bool android = false;

	if (!mbr || !ebr1)
		skip();
	assert_int_equal(mtkfw_scatter_load(&s, sc), 0);
	assert_int_equal(mtkfw_mbr_load(&m, mbr, ebr1, NULL), 0);
	assert_int_equal(mtkfw_layout_compare(&d, s, m), 0);
	assert_true(d.count > 0);
	for (size_t k = 0; k < d.count; k++)
		android |= strcmp(d.items[k].name, "ANDROID") == 0;
	assert_true(android);
	mtkfw_layout_diffs_clear(&d);
	mtkfw_layout_free(s);
	mtkfw_layout_free(m);
	free(sc), free(mbr), free(ebr1);
}

/* A user-area readback: the EBRs are found inside it, read by range. */
static void readback_image(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(mbr, "AllegroROM_4.2.2_mt6572/A516_S117/scatter/MBR");
	char *ebr1 = corpus_file("AllegroROM_4.2.2_mt6572/A516_S117/scatter/EBR1");
	char *dir = make_tempdir(), img[512];
	size_t n;
	uint8_t *m = slurp(mbr, &n), *e = slurp(ebr1, &n);
	mtkfw_layout *l;
	int fd;

	snprintf(img, sizeof(img), "%s/user.img", dir);
	fd = open(img, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, m, 512, 0), 512);
	assert_int_equal(pwrite(fd, e, 512, 0x80000), 512);
	close(fd);
	assert_int_equal(mtkfw_layout_load(&l, img, NULL, NULL), 0);
	assert_int_equal(l->format, MTKFW_LAYOUT_MBR);
	assert_true(numbered(l, 7)->to_end);
	mtkfw_layout_free(l);
	/* Cut before EBR1: it must be given. */
	assert_int_equal(truncate(img, 0x80000), 0);
	assert_int_equal(mtkfw_layout_load(&l, img, NULL, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "EBR1"));
	rm_rf(dir);
	free(dir), free(m), free(e), free(mbr), free(ebr1);
}

/* Seven MBR partitions need EBR2: EBR1's fourth entry links to it (relative to EBR1), its data
 * entries count from EBR2, and the chain parses back to the same places. */
static void ebr2_chain(void **state)
{
	static const char *const names[] = { "PROTECT_F", "PROTECT_S", "PRELOAD", "ANDROID", "CACHE", "USRDATA", "FAT" };
	struct mtkfw_mbr_table t[MTKFW_MBR_MAX_TABLES];
	struct mtkfw_layout_diffs d;
	struct mtkfw_partition *p;
	mtkfw_layout *l, *m;
	uint64_t at = 0x100000;
	size_t n;
	(void)state;

	assert_int_equal(mtkfw_layout_new(&l, MTKFW_LAYOUT_YAML), 0);
	assert_int_equal(mtkfw_layout_add(&p, l, "MBR"), 0);
	p->linear_start = 0x600000, p->region = strdup("EMMC_USER"), p->has_size = true, p->size = 0x80000;
	assert_int_equal(mtkfw_layout_add(&p, l, "EBR1"), 0);
	p->linear_start = 0x680000, p->region = strdup("EMMC_USER"), p->has_size = true, p->size = 0x80000;
	for (size_t i = 0; i < 7; i++) {
		if (i == 5) {
			assert_int_equal(mtkfw_layout_add(&p, l, "EBR2"), 0);
			p->linear_start = 0x600000 + at, p->region = strdup("EMMC_USER"), p->has_size = true;
			p->size = 0x80000;
			at += 0x80000;
		}
		assert_int_equal(mtkfw_layout_add(&p, l, names[i]), 0);
		p->linear_start = 0x600000 + at, p->region = strdup("EMMC_USER"), p->has_size = true;
		p->size = 0x100000 * (i + 1);
		at += p->size;
	}
	assert_int_equal(mtkfw_layout_decode(l), 0);
	assert_int_equal(mtkfw_mbr_build(l, t, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(t[2].name, "EBR2");
	/* EBR1 entry 3: type 05, start EBR2 − EBR1 in sectors, size 0xFFFFFFFF. */
	assert_int_equal(t[1].data[0x1BE + 48 + 4], 0x05);
	assert_int_equal(rd_le32(t[1].data + 0x1BE + 48 + 8), (t[2].offset - t[1].offset) / 512);
	assert_int_equal(rd_le32(t[1].data + 0x1BE + 48 + 12), 0xFFFFFFFF);
	assert_int_equal(mtkfw_mbr_parse(&m, t[0].data, 512, t[1].data, 512, t[2].data, 512, "built"), 0);
	assert_int_equal(mtkfw_layout_compare(&d, l, m), 0);
	for (size_t k = 0; k < d.count; k++)
		print_message("%s\n", d.items[k].message);
	assert_int_equal(d.count, 0);
	assert_int_equal(numbered(m, 7)->start, mtkfw_layout_find(l, "USRDATA")->start);
	assert_int_equal(numbered(m, 8)->start, mtkfw_layout_find(l, "FAT")->start);
	assert_true(numbered(m, 8)->to_end);
	assert_null(numbered(m, 9));
	mtkfw_layout_diffs_clear(&d);
	mtkfw_layout_free(m);
	mtkfw_layout_free(l);
}

/* A firmware's YAML and OTA scatters describe one layout; another phone's does not. */
static void scatter_against_scatter(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(y, "MTK6572-pe900s/MT6572_Android_scatter.txt");
	char *o = corpus_file("MTK6572-pe900s/ota_scatter.txt");
	char *f = corpus_file("fly-iq-4407-scatter/MT6572_Android_scatter.txt");
	struct mtkfw_layout_diffs d;
	mtkfw_layout *a, *b, *c;

	if (!o || !f)
		skip();
	assert_int_equal(mtkfw_scatter_load(&a, y), 0);
	assert_int_equal(mtkfw_scatter_load(&b, o), 0);
	assert_int_equal(mtkfw_scatter_load(&c, f), 0);
	assert_int_equal(mtkfw_layout_compare(&d, a, b), 0);
	assert_int_equal(d.count, 0);
	mtkfw_layout_diffs_clear(&d);
	assert_int_equal(mtkfw_layout_compare(&d, a, c), 0);
	assert_true(d.count > 0);
	mtkfw_layout_diffs_clear(&d);
	mtkfw_layout_free(a);
	mtkfw_layout_free(b);
	mtkfw_layout_free(c);
	free(y), free(o), free(f);
}

static void mbr_hostile(void **state)
{
	uint8_t s[1024] = { 0 }, e[512] = { 0 };
	mtkfw_layout *l;
	(void)state;

	assert_int_equal(mtkfw_mbr_parse(&l, s, 100, NULL, 0, NULL, 0, "x"), MTKFW_ERR_TRUNCATED);
	assert_int_equal(mtkfw_mbr_parse(&l, s, 512, NULL, 0, NULL, 0, "x"), MTKFW_ERR_FORMAT);
	s[510] = 0x55, s[511] = 0xAA;
	/* An extended partition at 0x400 sectors, EBR1 not given. */
	s[0x1BE + 4] = 0x05;
	wr_le32(s + 0x1BE + 8, 0x400);
	wr_le32(s + 0x1BE + 12, 0xFFFFFFFF);
	assert_int_equal(mtkfw_mbr_parse(&l, s, 512, NULL, 0, NULL, 0, "x"), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_mbr_parse(&l, s, 512, e, 100, NULL, 0, "x"), MTKFW_ERR_TRUNCATED);
	assert_int_equal(mtkfw_mbr_parse(&l, s, 512, e, 512, NULL, 0, "x"), MTKFW_ERR_FORMAT); /* no 55 AA */
	/* An EBR that links to itself. */
	e[510] = 0x55, e[511] = 0xAA;
	e[0x1BE + 16 * 3 + 4] = 0x05;
	wr_le32(e + 0x1BE + 16 * 3 + 8, 0);
	wr_le32(e + 0x1BE + 16 * 3 + 12, 0xFFFFFFFF);
	assert_int_equal(mtkfw_mbr_parse(&l, s, 512, e, 512, NULL, 0, "x"), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "loop"));
	/* Absurd numbers are only numbers: starts and sizes fit 64 bits. */
	memset(e + 0x1BE, 0xFF, 16);
	e[0x1BE + 4] = 0x83;
	memset(e + 0x1BE + 48, 0, 16);
	assert_int_equal(mtkfw_mbr_parse(&l, s, 512, e, 512, NULL, 0, "x"), 0);
	assert_int_equal(numbered(l, 5)->start, 0x80000 + 0xFFFFFFFFull * 512);
	mtkfw_layout_free(l);
}

static void dumchar_a516(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "AllegroROM_4.2.2_mt6572/A516_S117/Other/dumchar_info");
	char *sc = corpus_file("AllegroROM_4.2.2_mt6572/A516_S117/scatter/MT6572_Android_scatter.txt");
	struct mtkfw_layout_diffs d;
	mtkfw_layout *l, *s;
	const struct mtkfw_partition *p;

	assert_int_equal(mtkfw_layout_load(&l, path, NULL, NULL), 0);
	assert_int_equal(l->format, MTKFW_LAYOUT_DUMCHAR);
	assert_int_equal(l->count, 20);
	p = mtkfw_layout_find(l, "ANDROID");
	assert_string_equal(p->name, "android");
	assert_int_equal(p->start, 0xff40000);
	assert_int_equal(p->size, 0x40000000);
	assert_int_equal(p->number, 5);
	assert_string_equal(p->map_to, "/dev/block/mmcblk0p5");
	assert_int_equal(mtkfw_layout_find(l, "preloader")->area, MTKFW_AREA_BOOT1);
	p = mtkfw_layout_find(l, "bmtpool");
	assert_true(p->end_relative);
	assert_int_equal(p->end_offset, 0x1500000);
	if (sc) {
		assert_int_equal(mtkfw_scatter_load(&s, sc), 0);
		assert_int_equal(mtkfw_layout_compare(&d, s, l), 0);
		for (size_t k = 0; k < d.count; k++)
			print_message("%s\n", d.items[k].message);
		assert_int_equal(d.count, 0);
		mtkfw_layout_diffs_clear(&d);
		mtkfw_layout_free(s);
	}
	mtkfw_layout_free(l);
	free(path);
	free(sc);
}

static void dumchar_hostile(void **state)
{
	mtkfw_layout *l;
	(void)state;
	const char *bad[] = {
		"", "garbage\n", "Part_Name Size StartAddr Type MapTo\n",
		"Part_Name Size StartAddr Type MapTo\nx 0xZZ 0x0 2 /dev/x\n",
		"Part_Name Size StartAddr Type MapTo\nx 0x1 0x0 2\n",
		"Part_Name Size StartAddr Type MapTo\nx 0x1 0x0 2 /dev/x extra\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(mtkfw_dumchar_parse(&l, bad[i], strlen(bad[i]), "d"), MTKFW_ERR_FORMAT);
	const char *huge = "Part_Name Size StartAddr Type MapTo\nx 0x1 0x0 2 /dev/block/mmcblk0p99999999999999999999\n";
	assert_int_equal(mtkfw_dumchar_parse(&l, huge, strlen(huge), "d"), 0);
	assert_int_equal(l->parts[0].number, 0);
	mtkfw_layout_free(l);
}

/* Found on a public phone dump (gmd_info): a copy pasted from a terminal keeps the command line
 * above the header, and the column notes below the table. Both are text around the table, not
 * rows: 2 partitions here, the pool end-relative. */
static void dumchar_pasted_session(void **state)
{
	mtkfw_layout *l;
	(void)state;
	const char *t = "root@android:/ # cat /proc/dumchar_info\n"
			"Part_Name\tSize\tStartAddr\tType\tMapTo\n"
			"preloader    0x0000000000600000   0x0000000000000000   2   /dev/misc-sd\n"
			"bmtpool      0x0000000001500000   0x00000000ff9f00a8   2   /dev/block/mmcblk0\n"
			"Part_Name:Partition name you should open;\nSize:size of partition\n\n";
	assert_int_equal(mtkfwi_dumchar_header_line(t, strlen(t)), 1);
	assert_int_equal(mtkfw_dumchar_parse(&l, t, strlen(t), "d"), 0);
	assert_int_equal(l->count, 2);
	assert_int_equal(l->parts[0].area, MTKFW_AREA_BOOT1);
	assert_true(l->parts[1].end_relative);
	assert_int_equal(l->parts[1].end_offset, 0x1500000);
	mtkfw_layout_free(l);
	/* the header further down is not searched for: a text that merely mentions it stays foreign */
	t = "a\nb\nc\nPart_Name Size StartAddr Type MapTo\nx 0x1 0x0 2 /dev/x\n";
	assert_int_equal(mtkfwi_dumchar_header_line(t, strlen(t)), -1);
	assert_int_equal(mtkfw_dumchar_parse(&l, t, strlen(t), "d"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfwi_dumchar_header_line("x\0y\nPart_Name\n", 15), -1);
}

/* Found in a public MT6572 backup (MTK Droid Tools' firmware.info): the dumchar rows with no
 * header line. layout said "expected 'NAME 0xADDRESS'" (read as a legacy scatter), info
 * "unrecognised data". A line of five other words stays foreign. */
static void dumchar_headerless_rows(void **state)
{
	mtkfw_layout *l;
	(void)state;
	const char *t = "preloader 0x0000000001400000 0x0000000000000000 2 /dev/misc-sd\r\n"
			"mbr 0x0000000000080000 0x0000000000000000 2 /dev/block/mmcblk0\r\n"
			"android 0x000000003b600000 0x0000000003740000 2 /dev/block/mmcblk0p4\r\n"
			"bmtpool 0x0000000001500000 0x00000000febf00a8 2 /dev/block/mmcblk0\r\n";
	assert_int_equal(mtkfwi_dumchar_header_line(t, strlen(t)), -1);
	assert_true(mtkfwi_dumchar_headerless(t, strlen(t)));
	assert_int_equal(mtkfw_dumchar_parse(&l, t, strlen(t), "firmware.info"), 0);
	assert_int_equal(l->count, 4);
	assert_int_equal(l->parts[0].area, MTKFW_AREA_BOOT1);
	assert_int_equal(l->parts[2].start, 0x3740000);
	assert_int_equal(l->parts[2].number, 4);
	assert_true(l->parts[3].end_relative);
	mtkfw_layout_free(l);
	const char *other[] = { "a b c d e\n", "x 0x1 0x0 2 dev/x\n", "x 1 0 2 /dev/x\n", "x 0x1 0x0 2 /dev/x y\n", "" };
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		assert_false(mtkfwi_dumchar_headerless(other[i], strlen(other[i])));
		assert_int_equal(mtkfw_dumchar_parse(&l, other[i], strlen(other[i]), "d"), MTKFW_ERR_FORMAT);
	}
}

static void pmt_round_trip(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(sc, "wiko_s4050ap_part_layout/MT6572_Android_scatter.txt");
	uint8_t r[MTKFW_PMT_REGION_SIZE];
	mtkfw_layout *s, *p;

	assert_int_equal(mtkfw_scatter_load(&s, sc), 0);
	assert_int_equal(mtkfw_pmt_build(s, r, sizeof(r)), 0);
	assert_memory_equal(r, "1vTP1.0", 8);
	assert_memory_equal(r + 8, "PRELOADER", 10);
	assert_int_equal(mtkfw_pmt_parse(&p, r, sizeof(r), "pmt"), 0);
	assert_int_equal(p->count, s->count);
	for (size_t i = 0; i < s->count; i++) {
		assert_string_equal(p->parts[i].name, s->parts[i].name);
		assert_int_equal(p->parts[i].size, s->parts[i].size);
		assert_int_equal(p->parts[i].linear_start, s->parts[i].linear_start);
	}
	assert_true(mtkfw_layout_find(p, "BMTPOOL")->end_relative);
	mtkfw_layout_free(s);
	/* Damage: tail signature, a name without its NUL, truncation, no entries. */
	r[MTKFW_PMT_REGION_SIZE - 1] ^= 1;
	assert_int_equal(mtkfw_pmt_parse(&s, r, sizeof(r), "pmt"), MTKFW_ERR_FORMAT);
	r[MTKFW_PMT_REGION_SIZE - 1] ^= 1;
	memset(r + 8, 'A', 64);
	assert_int_equal(mtkfw_pmt_parse(&s, r, sizeof(r), "pmt"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_pmt_parse(&s, r, 100, "pmt"), MTKFW_ERR_TRUNCATED);
	memset(r + 8, 0, 64);
	assert_int_equal(mtkfw_pmt_parse(&s, r, sizeof(r), "pmt"), MTKFW_ERR_FORMAT);
	mtkfw_layout_free(p);
	free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wiko_mbr_values),
		cmocka_unit_test(a516_three_in_ebr1),
		cmocka_unit_test(tables_match_their_scatter),
		cmocka_unit_test(foreign_table_differs),
		cmocka_unit_test(readback_image),
		cmocka_unit_test(ebr2_chain),
		cmocka_unit_test(scatter_against_scatter),
		cmocka_unit_test(mbr_hostile),
		cmocka_unit_test(dumchar_a516),
		cmocka_unit_test(dumchar_hostile),
		cmocka_unit_test(dumchar_pasted_session),
		cmocka_unit_test(dumchar_headerless_rows),
		cmocka_unit_test(pmt_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
