/* lib/layout: scatter files (YAML V1.1.x, legacy, OTA), decoding, writing, round trips, and
 * hostile input. Corpus values were read from the files with grep/xxd, not from our output. */
#include "testutil.h"

#include "core/file.h"
#include "core/internal.h"
#include "layout/layout_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static mtkfw_layout *load_corpus(const char *path)
{
	mtkfw_layout *l = NULL;
	int rc = mtkfw_scatter_load(&l, path);

	if (rc)
		print_message("%s\n", mtkfw_error_last()->message);
	assert_int_equal(rc, 0);
	assert_non_null(l);
	return l;
}

static mtkfw_layout *parse_str(const char *text, int want)
{
	mtkfw_layout *l = NULL;
	int rc = mtkfw_scatter_parse(&l, text, strlen(text), "t.txt");

	if (rc != want)
		print_message("rc %d: %s\n", rc, mtkfw_error_last()->message);
	assert_int_equal(rc, want);
	if (want)
		assert_null(l);
	return l;
}

static void wiko_yaml(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "wiko_s4050ap_part_layout/MT6572_Android_scatter.txt");
	mtkfw_layout *l = load_corpus(path);
	const struct mtkfw_partition *p;

	assert_int_equal(l->format, MTKFW_LAYOUT_YAML);
	assert_string_equal(l->config_version, "V1.1.1");
	assert_string_equal(l->platform, "MT6572");
	assert_string_equal(l->project, "s4050ap");
	assert_string_equal(l->storage, "EMMC");
	assert_int_equal(l->block_size, 0x20000);
	assert_int_equal(l->count, 19); /* grep -c '^- partition_index' */
	assert_int_equal(l->mbr_start, 0xC00000);
	assert_false(l->mbr_start_guessed);

	p = mtkfw_layout_find(l, "nvram"); /* names match without case */
	assert_non_null(p);
	assert_string_equal(p->name, "NVRAM");
	assert_int_equal(p->linear_start, 0x1000000);
	assert_int_equal(p->size, 0x500000);
	assert_string_equal(p->operation, "BINREGION");
	assert_int_equal(p->area, MTKFW_AREA_USER);
	assert_int_equal(p->start, 0x1000000 - 0xC00000);

	p = mtkfw_layout_find(l, "PRELOADER");
	assert_int_equal(p->area, MTKFW_AREA_BOOT1);
	assert_int_equal(p->start, 0);
	assert_string_equal(p->file, "preloader_s4050ap.bin");
	assert_string_equal(p->type, "SV5_BL_BIN");
	assert_true(p->has_physical);
	assert_int_equal(p->physical_start, 0);

	/* BMTPOOL 0xFFFF00a8: 0xa8 blocks of 0x20000 = 0x1500000, equal to its partition_size. */
	p = mtkfw_layout_find(l, "BMTPOOL");
	assert_int_equal(p->linear_start, 0xFFFF00a8);
	assert_true(p->end_relative);
	assert_false(p->has_start);
	assert_int_equal(p->end_offset, 0x1500000);
	assert_int_equal(p->end_offset, p->size);
	assert_null(p->file);
	assert_false(p->download);
	assert_true(p->reserved);
	assert_false(p->boundary_check);
	assert_int_equal(mtkfw_layout_resolve(l, 0x1D2000000ull), 0);
	assert_true(p->has_start);
	assert_int_equal(p->start, 0x1D2000000ull - 0x1500000);
	assert_int_equal(mtkfw_layout_resolve(l, 0x1000), MTKFW_ERR_LIMIT);
	mtkfw_layout_free(l);
	free(path);
}

static void accu_chek_crlf_readback(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "accu-check_solo_scatter/MT6572_Android_scatter.txt");
	mtkfw_layout *l = load_corpus(path);
	const struct mtkfw_partition *p;

	assert_int_equal(l->count, 21);
	p = mtkfw_layout_find(l, "MBR");
	assert_null(p->file); /* file_name: NONE */
	assert_false(p->download);
	assert_string_equal(p->operation, "INVISIBLE");
	assert_int_equal(p->physical_start, 0xC00000); /* readback style: physical = linear */
	assert_int_equal(l->mbr_start, 0xC00000);
	assert_string_equal(mtkfw_layout_find(l, "PRELOADER")->operation, "BOOTLOADER");
	mtkfw_layout_free(l);
	free(path);
}

static void v112_lowercase_extra_keys(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "device_x5511B_dump/MT6737M_Android_scatter.txt");
	mtkfw_layout *l = load_corpus(path);
	const struct mtkfw_partition *p;

	assert_string_equal(l->config_version, "V1.1.2");
	assert_int_equal(l->count, 26);
	p = mtkfw_layout_find(l, "PRELOADER");
	assert_non_null(p);
	assert_string_equal(p->name, "preloader"); /* kept as written */
	assert_int_equal(p->size, 0x40000);
	assert_int_equal(p->extra_count, 2);
	assert_string_equal(p->extra[0].key, "empty_boot_needed");
	assert_string_equal(p->extra[0].value, "false");
	assert_string_equal(p->extra[1].key, "reserve");
	mtkfw_layout_free(l);
	free(path);
}

static void legacy_s960(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "device_lenovo_s960_twrp_tree/MT6589_Android_scatter_emmc.txt");
	mtkfw_layout *l = load_corpus(path);
	const struct mtkfw_partition *p;

	assert_int_equal(l->format, MTKFW_LAYOUT_LEGACY);
	assert_int_equal(l->count, 22); /* grep -c '^{' */
	assert_string_equal(l->platform, "MT6589"); /* from the file name */
	p = mtkfw_layout_find(l, "PMT");
	assert_non_null(p);
	assert_string_equal(p->name, "PMT"); /* __NODL_ removed */
	assert_false(p->download);
	assert_int_equal(p->linear_start, 0x700000);
	assert_false(p->has_size);
	assert_true(mtkfw_layout_find(l, "UBOOT")->download);
	assert_int_equal(l->mbr_start, 0x600000);
	assert_int_equal(mtkfw_layout_find(l, "PRELOADER")->area, MTKFW_AREA_BOOT1);
	p = mtkfw_layout_find(l, "BMTPOOL");
	assert_true(p->end_relative);
	assert_int_equal(p->end_offset, 0xa8 * 0x20000);
	mtkfw_layout_free(l);
	free(path);
}

static void ota_pe900s(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "MTK6572-pe900s/ota_scatter.txt");
	mtkfw_layout *l = load_corpus(path);

	assert_int_equal(l->format, MTKFW_LAYOUT_OTA);
	assert_int_equal(l->count, 19);
	assert_int_equal(mtkfw_layout_find(l, "FAT")->linear_start, 0x6cd40000);
	assert_int_equal(l->mbr_start, 0xc00000);
	assert_int_equal(mtkfw_layout_find(l, "LOGO")->start, 0x3640000 - 0xc00000);
	mtkfw_layout_free(l);
	free(path);
}

static const char *const corpus_scatters[] = {
	"wiko_s4050ap_part_layout/MT6572_Android_scatter.txt",
	"accu-check_solo_scatter/MT6572_Android_scatter.txt",
	"fly-iq-4407-scatter/MT6572_Android_scatter.txt",
	"AllegroROM_4.2.2_mt6572/A516_S117/scatter/MT6572_Android_scatter.txt",
	"Mobiwire_S10/MT6572_Android_scatter.txt",
	"MTK6572-pe900s/MT6572_Android_scatter.txt",
	"MTK6572-pe900s/ota_scatter.txt",
	"android_kernel_xbasic/MT6572_Android_scatter.txt",
	"android_kernel_xbasic/ota_scatter.txt",
	"device_lenovo_s960_twrp_tree/MT6589_Android_scatter_emmc.txt",
	"android_device_acer_acer_e39/MT6582_Android_scatter.txt",
	"mtk-wish-android-tablet/MT6582_Android_scatter.txt",
	"device_x5511B_dump/MT6737M_Android_scatter.txt",
};

/* ptgen's own output, written back byte for byte. */
static const char *const ptgen_identical[] = {
	"MTK6572-pe900s/MT6572_Android_scatter.txt",
	"MTK6572-pe900s/ota_scatter.txt",
	"android_kernel_xbasic/MT6572_Android_scatter.txt",
	"AllegroROM_4.2.2_mt6572/A516_S117/scatter/MT6572_Android_scatter.txt",
	"fly-iq-4407-scatter/MT6572_Android_scatter.txt",
	"device_lenovo_s960_twrp_tree/MT6589_Android_scatter_emmc.txt",
};

static void round_trip_same_format(void **state)
{
	int ran = 0;
	(void)state;
	for (size_t i = 0; i < sizeof(corpus_scatters) / sizeof(corpus_scatters[0]); i++) {
		char *path = corpus_file(corpus_scatters[i]), why[160] = "";
		mtkfw_layout *a, *b;
		char *text;
		size_t len;

		if (!path)
			continue;
		a = load_corpus(path);
		assert_int_equal(mtkfw_scatter_write(&text, &len, a, a->format), 0);
		assert_int_equal(mtkfw_scatter_parse(&b, text, len, path), 0);
		if (!mtkfwi_layout_model_equal(a, b, why, sizeof(why)))
			fail_msg("%s: round trip differs: %s", corpus_scatters[i], why);
		for (size_t k = 0; k < sizeof(ptgen_identical) / sizeof(ptgen_identical[0]); k++) {
			if (strcmp(ptgen_identical[k], corpus_scatters[i]) == 0) {
				size_t olen;
				uint8_t *orig = slurp(path, &olen);
				assert_int_equal(olen, len);
				assert_memory_equal(orig, text, len);
				free(orig);
			}
		}
		free(text);
		mtkfw_layout_free(a);
		mtkfw_layout_free(b);
		free(path);
		ran++;
	}
	if (!ran)
		skip();
}

/* YAML → legacy → YAML keeps what legacy can say: names, download flags, addresses; and the
 * filled-in YAML has ptgen's values for the rest. */
static void yaml_legacy_yaml(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "MTK6572-pe900s/MT6572_Android_scatter.txt");
	mtkfw_layout *a = load_corpus(path), *b, *c;
	char *t1, *t2;
	size_t n1, n2;

	assert_int_equal(mtkfw_scatter_write(&t1, &n1, a, MTKFW_LAYOUT_LEGACY), 0);
	assert_non_null(strstr(t1, "__NODL_BMTPOOL 0xFFFF00a8\n{\n}\n"));
	assert_int_equal(mtkfw_scatter_parse(&b, t1, n1, "MT6572_Android_scatter.txt"), 0);
	assert_int_equal(b->format, MTKFW_LAYOUT_LEGACY);
	assert_int_equal(mtkfw_scatter_write(&t2, &n2, b, MTKFW_LAYOUT_YAML), 0);
	assert_int_equal(mtkfw_scatter_parse(&c, t2, n2, "x"), 0);
	assert_int_equal(c->count, a->count);
	assert_int_equal(c->mbr_start, a->mbr_start);
	for (size_t i = 0; i < a->count; i++) {
		const struct mtkfw_partition *p = &a->parts[i], *q = &c->parts[i];

		assert_string_equal(p->name, q->name);
		assert_int_equal(p->download, q->download);
		assert_int_equal(p->linear_start, q->linear_start);
		assert_int_equal(p->area, q->area);
		assert_int_equal(p->start, q->start);
		/* Sizes come back from the next partition's start (not for the last ones). */
		if (i + 3 < a->count)
			assert_int_equal(p->size, q->size);
		assert_string_equal(p->operation, q->operation);
		assert_string_equal(p->region, q->region);
	}
	assert_string_equal(mtkfw_layout_find(c, "ANDROID")->file, "system.img");
	assert_string_equal(mtkfw_layout_find(c, "BMTPOOL")->operation, "RESERVED");
	assert_int_equal(mtkfw_layout_find(c, "BMTPOOL")->size, 0x1500000);
	assert_string_equal(c->platform, "MT6572");
	free(t1);
	free(t2);
	mtkfw_layout_free(a);
	mtkfw_layout_free(b);
	mtkfw_layout_free(c);
	free(path);
}

/* ptgen's defaults (file names, types, operation types, regions, flags by partition name) are
 * the knowledge a legacy → YAML conversion uses: on ptgen-made scatters, converting to legacy and
 * back, with the project put back, gives the very file. */
static void ptgen_defaults_rebuild_yaml(void **state)
{
	static const char *const files[] = {
		"MTK6572-pe900s/MT6572_Android_scatter.txt",
		"android_kernel_xbasic/MT6572_Android_scatter.txt",
		"fly-iq-4407-scatter/MT6572_Android_scatter.txt",
	};
	int ran = 0;
	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *path = corpus_file(files[i]), *t1, *t2;
		mtkfw_layout *a, *b;
		size_t n1, n2, olen;
		uint8_t *orig;

		if (!path)
			continue;
		a = load_corpus(path);
		assert_int_equal(mtkfw_scatter_write(&t1, &n1, a, MTKFW_LAYOUT_LEGACY), 0);
		assert_int_equal(mtkfw_scatter_parse(&b, t1, n1, "MT6572_Android_scatter.txt"), 0);
		b->project = strdup(a->project);
		assert_int_equal(mtkfw_scatter_write(&t2, &n2, b, MTKFW_LAYOUT_YAML), 0);
		orig = slurp(path, &olen);
		if (olen != n2 || memcmp(orig, t2, n2) != 0)
			fail_msg("%s: legacy -> yaml does not rebuild the ptgen file", files[i]);
		free(orig), free(t1), free(t2), free(path);
		mtkfw_layout_free(a);
		mtkfw_layout_free(b);
		ran++;
	}
	if (!ran)
		skip();
}

static void user_start_lookup(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "AllegroROM_4.2.2_mt6572/A516_S117/scatter/MT6572_Android_scatter.txt");
	mtkfw_layout *l = load_corpus(path);
	uint64_t v;

	assert_int_equal(mtkfw_layout_user_start(&v, l, "logo"), 0);
	assert_int_equal(v, 0x3040000 - 0x600000);
	assert_int_equal(mtkfw_layout_user_start(&v, l, "PRELOADER"), MTKFW_ERR_UNSUPPORTED);
	assert_int_equal(mtkfw_layout_user_start(&v, l, "BMTPOOL"), MTKFW_ERR_UNSUPPORTED);
	assert_int_equal(mtkfw_layout_user_start(&v, l, "NOPE"), MTKFW_ERR_NOTFOUND);
	mtkfw_layout_free(l);
	free(path);
}

static void find_in_folder(void **state)
{
	char *dir = make_tempdir(), p[512], *found;
	(void)state;

	assert_int_equal(mtkfw_scatter_find(&found, dir), MTKFW_ERR_NOTFOUND);
	snprintf(p, sizeof(p), "%s/ota_scatter.txt", dir);
	write_file(p, "A 0x0\n", 6);
	assert_int_equal(mtkfw_scatter_find(&found, dir), 0);
	assert_string_equal(mtkfw_path_base(found), "ota_scatter.txt"); /* the only one */
	free(found);
	snprintf(p, sizeof(p), "%s/MT6572_Android_scatter.txt", dir);
	write_file(p, "A 0x0\n", 6);
	snprintf(p, sizeof(p), "%s/notes.txt", dir);
	write_file(p, "x", 1);
	assert_int_equal(mtkfw_scatter_find(&found, dir), 0);
	assert_string_equal(mtkfw_path_base(found), "MT6572_Android_scatter.txt");
	free(found);
	/* A copy Windows makes beside it sorts first by name (' ' before '.'): the shorter name,
	 * the original, is the one (issue #13: check and checksum took different ones). A folder
	 * named like a scatter is not one. */
	snprintf(p, sizeof(p), "%s/MT6572_Android_scatter - Copy.txt", dir);
	write_file(p, "A 0x0\n", 6);
	snprintf(p, sizeof(p), "%s/MT6572_Android_scatter.TXT.txt", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(mtkfw_scatter_find(&found, dir), 0);
	assert_string_equal(mtkfw_path_base(found), "MT6572_Android_scatter.txt");
	free(found);
	/* Of two names of one length, the first by name. */
	snprintf(p, sizeof(p), "%s/MT6571_Android_scatter.txt", dir);
	write_file(p, "A 0x0\n", 6);
	assert_int_equal(mtkfw_scatter_find(&found, dir), 0);
	assert_string_equal(mtkfw_path_base(found), "MT6571_Android_scatter.txt");
	free(found);
	rm_rf(dir);
	free(dir);
}

/* Readback tools' scatters: the table of their placeholder projects, checked whole, against
 * real scatters (MTK Droid Tools wrote MTDTtest into the Mobiwire S10 and the MT6582 tablet
 * ones, grep) and the one mtkfw writes for a PMT; firmware builds' projects are not in it. */
static void readback_writers(void **state)
{
	static const char *const firmware[] = { "MTK6572-pe900s/MT6572_Android_scatter.txt",
						"fly-iq-4407-scatter/MT6572_Android_scatter.txt",
						"wiko_s4050ap_part_layout/MT6572_Android_scatter.txt",
						"device_x5511B_dump/MT6737M_Android_scatter.txt" };
	static const char *const mtdt[] = { "Mobiwire_S10/MT6572_Android_scatter.txt",
					    "mtk-wish-android-tablet/MT6582_Android_scatter.txt" };
	const struct mtkfw_scatter_writer *w;
	mtkfw_layout *l;
	char *text;
	size_t n, len;
	uint8_t pmt[MTKFW_PMT_REGION_SIZE];
	(void)state;

	w = mtkfw_scatter_writers(&n);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++) {
		char upper[64];

		assert_non_null(w[i].project);
		assert_non_null(w[i].tool);
		assert_int_equal(mtkfw_layout_new(&l, MTKFW_LAYOUT_YAML), 0);
		snprintf(upper, sizeof(upper), "%s", w[i].project);
		for (char *c = upper; *c; c++)
			*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
		l->project = strdup(upper);
		assert_string_equal(mtkfw_scatter_readback_tool(l), w[i].tool);
		mtkfw_layout_free(l);
		for (size_t k = 0; k < i; k++)
			assert_true(strcasecmp(w[k].project, w[i].project) != 0);
	}
	/* mtkfw's own scatter of a phone's PMT, as readback --all writes it. */
	l = parse_str("- general: MTK_PLATFORM_CFG\n  info:\n    - config_version: V1.1.1\n      platform: MT6572\n"
		      "- partition_index: SYS0\n  partition_name: MBR\n  file_name: MBR\n  is_download: true\n"
		      "  linear_start_addr: 0x600000\n  partition_size: 0x80000\n", 0);
	assert_int_equal(mtkfw_pmt_build(l, pmt, sizeof(pmt)), 0);
	mtkfw_layout_free(l);
	assert_int_equal(mtkfw_pmt_parse(&l, pmt, sizeof(pmt), "pmt"), 0);
	assert_int_equal(mtkfw_scatter_write(&text, &len, l, MTKFW_LAYOUT_YAML), 0);
	mtkfw_layout_free(l);
	assert_int_equal(mtkfw_scatter_parse(&l, text, len, "readback scatter"), 0);
	assert_non_null(mtkfw_scatter_readback_tool(l));
	mtkfw_layout_free(l);
	free(text);
	for (size_t i = 0; i < sizeof(mtdt) / sizeof(mtdt[0]); i++) {
		char *path = corpus_file(mtdt[i]);

		if (!path)
			continue;
		l = load_corpus(path);
		assert_string_equal(mtkfw_scatter_readback_tool(l), "MTK Droid Tools");
		mtkfw_layout_free(l);
		free(path);
	}
	for (size_t i = 0; i < sizeof(firmware) / sizeof(firmware[0]); i++) {
		char *path = corpus_file(firmware[i]);

		if (!path)
			continue;
		l = load_corpus(path);
		assert_non_null(l->project);
		assert_null(mtkfw_scatter_readback_tool(l));
		mtkfw_layout_free(l);
		free(path);
	}
}

static void hand_made_forms(void **state)
{
	mtkfw_layout *l;
	(void)state;

	/* CRLF, trailing blanks, an unknown key, an empty name, no MBR partition. */
	l = parse_str("- general: MTK_PLATFORM_CFG\r\n  info: \r\n    - config_version: V1.1.3  \r\n"
		      "      platform: MT6572\r\n- partition_index: SYS0\r\n  partition_name: \r\n"
		      "  file_name: NONE\r\n  is_download: false\r\n  linear_start_addr: 0x0\r\n"
		      "  is_upgradable: true\r\n- partition_index: SYS1\r\n  partition_name: boot\r\n"
		      "  file_name: boot.img\r\n  is_download: TRUE\r\n  linear_start_addr: 0x700000\r\n"
		      "  region: EMMC_USER\r\n", 0);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->config_version, "V1.1.3");
	assert_string_equal(l->parts[0].name, "");
	assert_string_equal(l->parts[0].extra[0].key, "is_upgradable");
	assert_true(l->parts[1].download);
	assert_int_equal(l->mbr_start, 0x700000); /* first EMMC_USER partition */
	mtkfw_layout_free(l);

	/* Neither an MBR nor a region: ptgen's 6 MiB fallback, flagged. */
	l = parse_str("A 0x0\nB 0x800000\n", 0);
	assert_int_equal(l->format, MTKFW_LAYOUT_OTA);
	assert_true(l->mbr_start_guessed);
	assert_int_equal(l->mbr_start, 0x600000);
	assert_int_equal(l->parts[1].start, 0x200000);
	mtkfw_layout_free(l);

	l = parse_str("# comment\n__NODL_X 0x10 {}\nY 0x20\n{\n  stuff inside\n}\n", 0);
	assert_int_equal(l->format, MTKFW_LAYOUT_LEGACY);
	assert_false(l->parts[0].download);
	assert_string_equal(l->parts[1].name, "Y");
	mtkfw_layout_free(l);
}

static void hostile_input(void **state)
{
	mtkfw_layout *l;
	char *big;
	size_t n;
	(void)state;

	parse_str("", MTKFW_ERR_FORMAT);
	parse_str("\n\n# only comments\n", MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_scatter_parse(&l, "\x7f" "ELF\0\0\x01", 7, "x"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_scatter_parse(&l, "A 0x0\nB\0 0x1\n", 13, "x"), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "line 2"));
	parse_str("- partition_index: SYS0\n  partition_name: A\n  linear_start_addr: 0x1FFFFFFFFFFFFFFFF\n",
		  MTKFW_ERR_FORMAT);
	assert_string_equal(mtkfw_error_last()->message,
			    "t.txt: line 3: linear_start_addr is '0x1FFFFFFFFFFFFFFFF', not a number below 2^64");
	parse_str("- partition_index: SYS0\n  partition_name: A\n  is_download: maybe\n  linear_start_addr: 0\n",
		  MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "line 3"));
	parse_str("- partition_index: SYS0\n  file_name: a\n  linear_start_addr: 0\n", MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "without partition_name"));
	parse_str("- partition_index: SYS0\n  partition_name: A\n  partition_name: B\n  linear_start_addr: 0\n",
		  MTKFW_ERR_FORMAT);
	parse_str("- partition_index: SYS0\n  partition_name: A\n", MTKFW_ERR_FORMAT);
	parse_str("- partition_index: SYS0\n  partition_name: A\n  garbage line\n", MTKFW_ERR_FORMAT);
	parse_str("A 0x0\n{\n", MTKFW_ERR_TRUNCATED);
	parse_str("A 0x0\n}\n", MTKFW_ERR_FORMAT);
	parse_str("A 0xZZ\nB 0x1\n", MTKFW_ERR_FORMAT);
	parse_str("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA 0x0\n",
		  MTKFW_ERR_LIMIT);

	/* A line longer than the limit, and a 10 MB line (over the size limit). */
	n = 10u << 20;
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'A', n);
	memcpy(big, "A 0x0\n", 6);
	big[n] = 0;
	assert_int_equal(mtkfw_scatter_parse(&l, big, 6 + MTKFW_SCATTER_MAX_LINE + 1, "big"), MTKFW_ERR_LIMIT);
	assert_non_null(strstr(mtkfw_error_last()->message, "line 2"));
	assert_int_equal(mtkfw_scatter_parse(&l, big, n, "big"), MTKFW_ERR_LIMIT);
	free(big);

	/* 10,000 partitions. */
	big = malloc(10000 * 24 + 1);
	assert_non_null(big);
	n = 0;
	for (int i = 0; i < 10000; i++)
		n += (size_t)sprintf(big + n, "P%d 0x%x\n", i, i * 512);
	assert_int_equal(mtkfw_scatter_parse(&l, big, n, "many"), MTKFW_ERR_LIMIT);
	assert_non_null(strstr(mtkfw_error_last()->message, "more than 1024 partitions"));
	free(big);
}

/* Scatters remade from a readback (a public MT6572 one among them) write BMTPOOL as 0xFFFF0000, a
 * count of 0 blocks, beside its real partition_size: the pool is the size, kept at the end,
 * not a zero-byte reservation that puts its 0x1500000 bytes past the end of the disk. */
static void bmtpool_zero_count_uses_size(void **state)
{
	mtkfw_layout *l;
	const struct mtkfw_partition *p;
	(void)state;

	l = parse_str("- partition_index: SYS0\n  partition_name: MBR\n  linear_start_addr: 0xC00000\n"
		      "  partition_size: 0x80000\n  region: EMMC_USER\n"
		      "- partition_index: SYS1\n  partition_name: BMTPOOL\n  linear_start_addr: 0xFFFF0000\n"
		      "  partition_size: 0x1500000\n  region: EMMC_USER\n"
		      "- partition_index: SYS2\n  partition_name: OTP\n  linear_start_addr: 0xFFFF0002\n"
		      "  partition_size: 0x1500000\n  region: EMMC_USER\n",
		      0);
	p = mtkfw_layout_find(l, "BMTPOOL");
	assert_true(p->end_relative);
	assert_int_equal(p->end_offset, 0x1500000);
	/* a non-zero count still wins: 2 blocks of the default 0x20000 */
	assert_int_equal(mtkfw_layout_find(l, "OTP")->end_offset, 0x40000);
	assert_int_equal(mtkfw_layout_resolve(l, 0x10000000), 0);
	assert_int_equal(p->start, 0x10000000 - 0x1500000);
	mtkfw_layout_free(l);
}

/* GPT-era OTA scatters (an MT8163 one posted in a public write-up, MT6580 ones that SP Flash Tool
 * converts) have no MBR and no regions: PGPT at 0x0 is where the user area starts, and the
 * preloader at the same 0x0 is boot1. Before, both fell back to the 6 MiB guess, so a yaml
 * MT6580 scatter written as OTA read back with every start moved. */
static void gpt_ota_user_area_at_pgpt(void **state)
{
	mtkfw_layout *l, *o;
	char *t;
	size_t n;
	(void)state;

	l = parse_str("preloader 0x0\npgpt 0x0\nproinfo 0x80000\nsystem 0xb800000\nsgpt 0xFFFF0004\n", 0);
	assert_false(l->mbr_start_guessed);
	assert_int_equal(l->mbr_start, 0);
	assert_int_equal(l->parts[0].area, MTKFW_AREA_BOOT1);
	assert_int_equal(l->parts[1].area, MTKFW_AREA_USER);
	assert_int_equal(l->parts[2].start, 0x80000);
	assert_int_equal(l->parts[3].start, 0xb800000);
	assert_int_equal(l->parts[4].end_offset, 4 * 0x20000);
	mtkfw_layout_free(l);

	/* yaml with regions → OTA → the same user-area starts */
	l = parse_str("- partition_index: SYS0\n  partition_name: PRELOADER\n  linear_start_addr: 0x0\n"
		      "  region: EMMC_BOOT_1\n- partition_index: SYS1\n  partition_name: PGPT\n"
		      "  linear_start_addr: 0x0\n  region: EMMC_USER\n- partition_index: SYS2\n"
		      "  partition_name: PROINFO\n  linear_start_addr: 0x80000\n  region: EMMC_USER\n",
		      0);
	assert_int_equal(mtkfw_scatter_write(&t, &n, l, MTKFW_LAYOUT_OTA), 0);
	assert_int_equal(mtkfw_scatter_parse(&o, t, n, "o"), 0);
	for (size_t i = 0; i < l->count; i++) {
		assert_int_equal(o->parts[i].area, l->parts[i].area);
		assert_int_equal(o->parts[i].start, l->parts[i].start);
	}
	free(t);
	mtkfw_layout_free(o);
	mtkfw_layout_free(l);
}

static void write_refuses_unnamed(void **state)
{
	mtkfw_layout *l;
	struct mtkfw_partition *p;
	char *t;
	size_t n;
	(void)state;

	assert_int_equal(mtkfw_layout_new(&l, MTKFW_LAYOUT_YAML), 0);
	assert_int_equal(mtkfw_layout_add(&p, l, "has space"), 0);
	assert_int_equal(mtkfw_scatter_write(&t, &n, l, MTKFW_LAYOUT_LEGACY), MTKFW_ERR_UNSUPPORTED);
	assert_int_equal(mtkfw_scatter_write(&t, &n, l, MTKFW_LAYOUT_YAML), 0);
	free(t);
	assert_int_equal(mtkfw_layout_add(&p, l, NULL), 0);
	assert_int_equal(mtkfw_scatter_write(&t, &n, l, MTKFW_LAYOUT_YAML), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_scatter_write(&t, &n, l, 99), MTKFW_ERR_INVALID);
	mtkfw_layout_free(l);
}

/* fuzz_scatter: blanks, a byte order mark, blanks, "0000000" made an OTA line whose name was
 * the mark; written back, the mark opened the file, was dropped on reading, and the line had no
 * name ("expected 'NAME 0xADDRESS', found ' 0x0'"). A mark is no name. */
static void bom_is_no_name(void **state)
{
	mtkfw_layout *l;
	const char *t = "   \xEF\xBB\xBF   0000000\naddr: 0xFFFF0";
	(void)state;

	assert_int_equal(mtkfw_scatter_parse(&l, t, strlen(t), "x"), MTKFW_ERR_FORMAT);
	t = "\xEF\xBB\xBFpreloader 0x0\npgpt 0x0\nboot_para 0x8000\n"; /* one opening the file still goes */
	assert_int_equal(mtkfw_scatter_parse(&l, t, strlen(t), "x"), 0);
	assert_string_equal(l->parts[0].name, "preloader");
	mtkfw_layout_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wiko_yaml),
		cmocka_unit_test(accu_chek_crlf_readback),
		cmocka_unit_test(v112_lowercase_extra_keys),
		cmocka_unit_test(legacy_s960),
		cmocka_unit_test(ota_pe900s),
		cmocka_unit_test(round_trip_same_format),
		cmocka_unit_test(yaml_legacy_yaml),
		cmocka_unit_test(ptgen_defaults_rebuild_yaml),
		cmocka_unit_test(user_start_lookup),
		cmocka_unit_test(find_in_folder),
		cmocka_unit_test(readback_writers),
		cmocka_unit_test(hand_made_forms),
		cmocka_unit_test(hostile_input),
		cmocka_unit_test(write_refuses_unnamed),
		cmocka_unit_test(bmtpool_zero_count_uses_size),
		cmocka_unit_test(gpt_ota_user_area_at_pgpt),
		cmocka_unit_test(bom_is_no_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
