/*
 * mtkfw check: content sniffing on hand-made heads, the package model (by name, by content,
 * errors), every rule on packages made by mtkfw-samplegen (clean, then each classic mistake),
 * and real corpus folders with values checked by hand (xxd, python byte sums).
 */
#include "testutil.h"

#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- findings model ------------------------------------------------------------------ */

static void findings_model(void **state)
{
	mtkfw_findings f = { 0 };

	(void)state;
	assert_int_equal(mtkfw_findings_add(&f, MTKFW_SEV_ERROR, "image-too-big", "UBOOT", "lk.bin is %d", 5), 0);
	assert_int_equal(mtkfw_findings_add(&f, MTKFW_SEV_INFO, "no-file", NULL, "x"), 0);
	assert_int_equal(mtkfw_findings_add(&f, 7, "odd", NULL, "clamped"), 0);
	assert_int_equal(f.count, 3);
	assert_int_equal(f.errors, 2);
	assert_int_equal(f.infos, 1);
	assert_string_equal(f.items[0].message, "lk.bin is 5");
	assert_non_null(mtkfw_findings_find(&f, "image-too-big", "uboot"));
	assert_null(mtkfw_findings_find(&f, "image-too-big", "LOGO"));
	assert_null(f.items[1].partition);
	assert_string_equal(mtkfw_severity_name(MTKFW_SEV_WARNING), "warning");
	assert_int_equal(mtkfw_findings_add(&f, 0, NULL, NULL, "x"), MTKFW_ERR_INVALID);
	mtkfw_findings_clear(&f);
	assert_int_equal(f.count, 0);
	assert_null(f.items);
}

/* Every error code check can give is in the catalogue, so `mtkfw explain CODE` answers. */
static void codes_explained(void **state)
{
	static const char *const codes[] = { "image-too-big", "file-missing", "checksum-mismatch", "overlap",
					     "misaligned", "mbr-disagrees", "platform-mismatch", "identity-download",
					     "preloader-no-emi", "project-mismatch" };

	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		mtkfw_explain *x;

		print_message("explain %s\n", codes[i]);
		assert_int_equal(mtkfw_explain_query(&x, codes[i]), 0);
		assert_int_equal(x->count, 1);
		assert_string_equal(x->matches[0]->numbering, "mtkfw");
		mtkfw_explain_free(x);
	}
}

/* ---- sniffing ------------------------------------------------------------------------ */

static void sniff_heads(void **state)
{
	uint8_t h[8192];
	struct mtkfw_sniff s;

	(void)state;
	/* MediaTek MBR: 55AA, first entry extended (type 5); an EBR starts with a type 0x83 entry */
	memset(h, 0, sizeof(h));
	h[510] = 0x55, h[511] = 0xAA, h[0x1BE + 4] = 0x05;
	mtkfw_sniff(&s, h, 512);
	assert_int_equal(s.kind, MTKFW_KIND_MBR);
	h[0x1BE + 4] = 0x83;
	mtkfw_sniff(&s, h, 512);
	assert_int_equal(s.kind, MTKFW_KIND_EBR);
	h[0x1BE] = 0x33; /* not a boot flag: not a partition table */
	mtkfw_sniff(&s, h, 512);
	assert_int_equal(s.kind, MTKFW_KIND_UNKNOWN);
	mtkfw_sniff(&s, h, 511); /* too short for the signature */
	assert_int_equal(s.kind, MTKFW_KIND_UNKNOWN);

	/* raw ext4: magic 0xEF53 at 1024 + 0x38, volume name at 1024 + 0x78 */
	memset(h, 0, sizeof(h));
	wr_le16(h + 1024 + 0x38, 0xEF53);
	memcpy(h + 1024 + 0x78, "system", 6);
	mtkfw_sniff(&s, h, 2048);
	assert_int_equal(s.kind, MTKFW_KIND_EXT4);
	assert_string_equal(s.label, "system");
	mtkfw_sniff(&s, h, 1024 + 0x40); /* superblock cut short */
	assert_int_equal(s.kind, MTKFW_KIND_UNKNOWN);

	/* sparse whose first chunk is RAW: the superblock is 1024 bytes into its data (28 + 12) */
	memset(h, 0, sizeof(h));
	wr_le32(h, 0xED26FF3A);
	wr_le16(h + 4, 1), wr_le16(h + 8, 28), wr_le16(h + 10, 12);
	wr_le32(h + 12, 4096);
	wr_le16(h + 28, 0xCAC1), wr_le32(h + 32, 1);
	wr_le16(h + 40 + 1024 + 0x38, 0xEF53);
	memcpy(h + 40 + 1024 + 0x78, "cache", 5);
	mtkfw_sniff(&s, h, 4096);
	assert_int_equal(s.kind, MTKFW_KIND_SPARSE);
	assert_string_equal(s.label, "cache");
	wr_le16(h + 28, 0xCAC3); /* DONT_CARE first: still sparse, no label */
	mtkfw_sniff(&s, h, 4096);
	assert_int_equal(s.kind, MTKFW_KIND_SPARSE);
	assert_string_equal(s.label, "");

	/* boot image, page 2048, kernel 600 bytes: the ramdisk is at page 2 */
	memset(h, 0, sizeof(h));
	memcpy(h, "ANDROID!", 8);
	wr_le32(h + 8, 600), wr_le32(h + 16, 700), wr_le32(h + 36, 2048);
	mtkfw_sniff(&s, h, 2048); /* ramdisk beyond the head */
	assert_int_equal(s.kind, MTKFW_KIND_BOOTIMG);
	assert_int_equal(s.ramdisk_offset, 4096);
	wr_le32(h + 4096, MTKFW_MTKHDR_MAGIC);
	memcpy(h + 4096 + 8, "RECOVERY", 8);
	mtkfw_sniff(&s, h, sizeof(h));
	assert_int_equal(s.kind, MTKFW_KIND_RECOVERY);
	assert_int_equal(s.ramdisk_offset, 0);
	wr_le32(h + 36, 3000); /* not a power of two: no ramdisk guess */
	mtkfw_sniff(&s, h, sizeof(h));
	assert_int_equal(s.kind, MTKFW_KIND_BOOTIMG);
	assert_int_equal(s.ramdisk_offset, 0);

	/* MTK headers, GFH, EMMC_BOOT, SEC_RO, text */
	memset(h, 0xFF, 512);
	wr_le32(h, MTKFW_MTKHDR_MAGIC);
	memset(h + 8, 0, 32);
	memcpy(h + 8, "LOGO", 4);
	mtkfw_sniff(&s, h, 512);
	assert_int_equal(s.kind, MTKFW_KIND_LOGO);
	memcpy(h + 8, "LK\0\0", 4);
	mtkfw_sniff(&s, h, 512);
	assert_int_equal(s.kind, MTKFW_KIND_LK);
	mtkfw_sniff(&s, (const uint8_t *)"MMM\x01\x38\x00\x00\x00" "FILE_INFO\0\0\0", 20);
	assert_int_equal(s.kind, MTKFW_KIND_PRELOADER);
	mtkfw_sniff(&s, (const uint8_t *)"EMMC_BOOT\0\0\0", 12);
	assert_int_equal(s.kind, MTKFW_KIND_BOOT1);
	mtkfw_sniff(&s, (const uint8_t *)"AND_AC_REGION\0\0\0", 16);
	assert_int_equal(s.kind, MTKFW_KIND_SECRO);
	mtkfw_sniff(&s, (const uint8_t *)"- partition_index: SYS0\n  partition_name: PRELOADER\n", 52);
	assert_int_equal(s.kind, MTKFW_KIND_SCATTER);
	mtkfw_sniff(&s, (const uint8_t *)"[CheckSum]\r\nlk=0x1\r\n", 20);
	assert_int_equal(s.kind, MTKFW_KIND_CHECKSUM);
	mtkfw_sniff(&s, (const uint8_t *)"hello", 5);
	assert_int_equal(s.kind, MTKFW_KIND_UNKNOWN);
	mtkfw_sniff(&s, NULL, 0);
	assert_int_equal(s.kind, MTKFW_KIND_UNKNOWN);
	assert_string_equal(mtkfw_file_kind_name(MTKFW_KIND_RECOVERY), "recovery");
	assert_string_equal(mtkfw_file_kind_name(99), "unknown");
}

static void partition_kinds(void **state)
{
	const char *vol;

	(void)state;
	assert_int_equal(mtkfw_partition_kind("preloader", NULL), MTKFW_KIND_PRELOADER);
	assert_int_equal(mtkfw_partition_kind("EBR2", NULL), MTKFW_KIND_EBR);
	assert_int_equal(mtkfw_partition_kind("EBR", NULL), MTKFW_KIND_UNKNOWN);
	assert_int_equal(mtkfw_partition_kind("UBOOT", NULL), MTKFW_KIND_LK);
	assert_int_equal(mtkfw_partition_kind("boot", NULL), MTKFW_KIND_BOOTIMG);
	assert_int_equal(mtkfw_partition_kind("USRDATA", &vol), MTKFW_KIND_EXT4);
	assert_string_equal(vol, "userdata");
	assert_int_equal(mtkfw_partition_kind("NVRAM", &vol), MTKFW_KIND_UNKNOWN);
	assert_string_equal(vol, "");
	assert_int_equal(mtkfw_partition_kind(NULL, NULL), MTKFW_KIND_UNKNOWN);
}

/* ---- generated packages ---------------------------------------------------------------- */

/* Run mtkfw-samplegen into a fresh folder; NULL (test skipped) when it is not built. */
static char *gen(const char *broken)
{
	const char *bin = getenv("MTKFW_SAMPLEGEN");
	char *dir, cmd[2048];

	if (!bin || access(bin, X_OK) != 0)
		return NULL;
	dir = make_tempdir();
	snprintf(cmd, sizeof(cmd), "'%s' '%s/pkg' %s%s 2>/dev/null", bin, dir, broken ? "--broken " : "",
		 broken ? broken : "");
	assert_int_equal(system(cmd), 0);
	return dir;
}

#define GEN_OR_SKIP(var, broken)                                         \
	char *var = gen(broken);                                         \
	if (!var) {                                                      \
		print_message("skip: MTKFW_SAMPLEGEN not built\n");     \
		skip();                                                  \
	}

static char *sub(const char *dir, const char *rel)
{
	char *p = mtkfw_path_join(dir, rel);

	assert_non_null(p);
	return p;
}

static void check_dir(mtkfw_findings *f, const char *dir)
{
	char *pkg = sub(dir, "pkg");

	assert_int_equal(mtkfw_check_package(f, pkg, NULL), 0);
	for (size_t i = 0; i < f->count; i++)
		print_message("  %s %s %s: %s\n", mtkfw_severity_name(f->items[i].severity), f->items[i].code,
			      f->items[i].partition ? f->items[i].partition : "-", f->items[i].message);
	free(pkg);
}

static void clean_package(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_package *pkg;
	mtkfw_findings f;
	char *p = sub(dir, "pkg");

	(void)state;
	assert_int_equal(mtkfw_package_open(&pkg, p), 0);
	assert_string_equal(mtkfw_path_base(pkg->scatter_path), "MT6572_Android_scatter.txt");
	assert_int_equal(pkg->layout->count, 19);
	assert_int_equal(pkg->layout->mbr_start, 0xC00000);
	for (size_t i = 0; i < pkg->layout->count; i++) {
		const struct mtkfw_partition *part = &pkg->layout->parts[i];

		/* every named file is found by its name, and its content is what the name says */
		if (part->file) {
			assert_int_equal(pkg->files[i].found, MTKFW_FOUND_NAME);
			if (mtkfw_partition_kind(part->name, NULL) != MTKFW_KIND_UNKNOWN &&
			    mtkfw_partition_kind(part->name, NULL) != MTKFW_KIND_EXT4)
				assert_int_equal(pkg->files[i].sniff.kind, mtkfw_partition_kind(part->name, NULL));
		} else {
			assert_int_equal(pkg->files[i].found, MTKFW_FOUND_NONE);
		}
	}
	assert_non_null(pkg->checksum_path);
	mtkfw_package_free(pkg);
	check_dir(&f, dir);
	assert_int_equal(f.count, 0); /* not even a note: Checksum.ini matches every image */
	mtkfw_findings_clear(&f);
	/* the scatter file itself is a package too */
	free(p);
	p = sub(dir, "pkg/MT6572_Android_scatter.txt");
	assert_int_equal(mtkfw_check_package(&f, p, NULL), 0);
	assert_int_equal(f.errors, 0);
	mtkfw_findings_clear(&f);
	free(p);
	rm_rf(dir);
	free(dir);
}

static void broken_kinds(void **state)
{
	static const struct {
		const char *kind, *code, *partition;
	} cases[] = {
		{ "oversize", "image-too-big", "UBOOT" },
		{ "missing", "file-missing", "BOOTIMG" },
		{ "mbr", "mbr-disagrees", "ANDROID" },
		{ "platform", "platform-mismatch", "PRELOADER" },
		{ "platform", "platform-mismatch", "ANDROID" },
		{ "identity", "identity-download", "NVRAM" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		GEN_OR_SKIP(dir, cases[i].kind);
		mtkfw_findings f;
		const struct mtkfw_finding *x;

		print_message("--broken %s\n", cases[i].kind);
		check_dir(&f, dir);
		x = mtkfw_findings_find(&f, cases[i].code, cases[i].partition);
		assert_non_null(x);
		assert_int_equal(x->severity, MTKFW_SEV_ERROR);
		if (!strcmp(cases[i].code, "image-too-big")) /* 0x60000 + 512 bytes, see samplegen */
			assert_non_null(strstr(x->message, "393728 bytes"));
		mtkfw_findings_clear(&f);
		rm_rf(dir);
		free(dir);
	}
}

static void stale_checksum(void **state)
{
	GEN_OR_SKIP(dir, "stale-checksum");
	mtkfw_findings f;

	(void)state;
	check_dir(&f, dir);
	assert_non_null(mtkfw_findings_find(&f, "checksum-mismatch", "SEC_RO"));
	assert_int_equal(f.errors, 1);
	mtkfw_findings_clear(&f);
	rm_rf(dir);
	free(dir);
}

static void rename_file(const char *dir, const char *from, const char *to)
{
	char *a = sub(dir, from), *b = sub(dir, to);

	assert_int_equal(rename(a, b), 0);
	free(a);
	free(b);
}

/* Readbacks name files their own way: each is found by content, and named files that hold
 * the wrong thing are flagged. */
static void found_by_content(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_findings f;
	const struct mtkfw_finding *x;

	(void)state;
	rename_file(dir, "pkg/preloader_sample72_emmc.bin", "pkg/ROM_0");
	rename_file(dir, "pkg/recovery.img", "pkg/ROM_3");
	rename_file(dir, "pkg/boot.img", "pkg/ROM_2");
	rename_file(dir, "pkg/system.img", "pkg/ROM_9");
	rename_file(dir, "pkg/EBR1", "pkg/ROM_1");
	check_dir(&f, dir);
	assert_int_equal(f.errors, 0);
	x = mtkfw_findings_find(&f, "found-by-content", "RECOVERY");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "ROM_3"));
	x = mtkfw_findings_find(&f, "found-by-content", "BOOTIMG");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "ROM_2"));
	assert_non_null(mtkfw_findings_find(&f, "found-by-content", "PRELOADER"));
	assert_non_null(mtkfw_findings_find(&f, "found-by-content", "ANDROID"));
	assert_non_null(mtkfw_findings_find(&f, "found-by-content", "EBR1"));
	mtkfw_findings_clear(&f);

	/* logo.bin and lk.bin swapped: found by name, but the content says otherwise */
	rename_file(dir, "pkg/logo.bin", "pkg/tmp");
	rename_file(dir, "pkg/lk.bin", "pkg/logo.bin");
	rename_file(dir, "pkg/tmp", "pkg/lk.bin");
	check_dir(&f, dir);
	assert_non_null(mtkfw_findings_find(&f, "wrong-content", "UBOOT"));
	assert_non_null(mtkfw_findings_find(&f, "wrong-content", "LOGO"));
	mtkfw_findings_clear(&f);
	rm_rf(dir);
	free(dir);
}

/* Edit the generated scatter: replace the first `from` after `anchor` by `to`. */
static void edit_scatter(const char *dir, const char *anchor, const char *from, const char *to)
{
	char *p = sub(dir, "pkg/MT6572_Android_scatter.txt");
	size_t len;
	char *t = (char *)slurp(p, &len), *a, *w, *out;

	a = strstr(t, anchor);
	assert_non_null(a);
	w = strstr(a, from);
	assert_non_null(w);
	out = malloc(len + strlen(to) + 1);
	assert_non_null(out);
	memcpy(out, t, (size_t)(w - t));
	strcpy(out + (w - t), to);
	strcat(out, w + strlen(from));
	write_file(p, out, strlen(out));
	free(out);
	free(t);
	free(p);
}

static void layout_rules(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_findings f;
	const struct mtkfw_finding *x;

	(void)state;
	/* RECOVERY one MiB earlier: it overlaps BOOTIMG (0x2980000 + 0x600000 = 0x2F80000) */
	edit_scatter(dir, "partition_name: RECOVERY", "linear_start_addr: 0x2f80000", "linear_start_addr: 0x2e80000");
	/* SEC_RO 0x100 bytes off a sector */
	edit_scatter(dir, "partition_name: SEC_RO", "linear_start_addr: 0x3580000", "linear_start_addr: 0x3580100");
	check_dir(&f, dir);
	x = mtkfw_findings_find(&f, "overlap", "RECOVERY");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "BOOTIMG"));
	x = mtkfw_findings_find(&f, "misaligned", "SEC_RO");
	assert_non_null(x);
	assert_int_equal(x->severity, MTKFW_SEV_ERROR);
	mtkfw_findings_clear(&f);
	rm_rf(dir);
	free(dir);
}

/* The contract: a partition that is not downloaded is never an error. */
static void not_downloaded(void **state)
{
	GEN_OR_SKIP(dir, "oversize");
	mtkfw_findings f;

	(void)state;
	edit_scatter(dir, "partition_name: UBOOT", "is_download: true", "is_download: false");
	check_dir(&f, dir);
	assert_int_equal(f.errors, 0);
	assert_null(mtkfw_findings_find(&f, "image-too-big", NULL));
	mtkfw_findings_clear(&f);
	rm_rf(dir);
	free(dir);
}

static void package_errors(void **state)
{
	static const char good[] =
		"- general: MTK_PLATFORM_CFG\n  info:\n    - config_version: V1.1.1\n      platform: MT6572\n"
		"- partition_index: SYS0\n  partition_name: PRELOADER\n  file_name: NONE\n  is_download: false\n"
		"  linear_start_addr: 0x0\n  physical_start_addr: 0x0\n  partition_size: 0x40000\n"
		"  region: EMMC_BOOT_1\n";
	char *dir = make_tempdir(), *p;
	mtkfw_package *pkg;
	mtkfw_findings f;

	(void)state;
	assert_int_equal(mtkfw_package_open(&pkg, "/nonexistent/mtkfw"), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_package_open(&pkg, dir), MTKFW_ERR_NOTFOUND); /* no scatter */
	assert_non_null(strstr(mtkfw_error_last()->message, "scatter"));
	p = sub(dir, "X_Android_scatter.txt");
	write_file(p, "\x01\x02garbage\xff", 11);
	assert_true(mtkfw_check_package(&f, dir, NULL) < 0);
	assert_int_equal(f.count, 0);
	free(p);
	/* a readback scatter named its own way, with the preferred name beside another */
	p = sub(dir, "X_Android_scatter.txt");
	write_file(p, good, strlen(good));
	free(p);
	p = sub(dir, "old_scatter.txt");
	write_file(p, "garbage", 7);
	free(p);
	p = sub(dir, "MT6572_Android_ota_scatter.txt"); /* an OTA scatter ranks last */
	write_file(p, "garbage", 7);
	assert_int_equal(mtkfw_package_open(&pkg, dir), 0);
	assert_string_equal(mtkfw_path_base(pkg->scatter_path), "X_Android_scatter.txt");
	assert_int_equal(pkg->files[0].found, MTKFW_FOUND_NONE);
	mtkfw_package_free(pkg);
	free(p);
	rm_rf(dir);
	free(dir);
}

/* ---- real folders ------------------------------------------------------------------------ */

/* Lenovo A516 (AllegroROM): MBR/EBR1 agree with the scatter (compared with xxd by hand:
 * EBR1 at 0x80000 user, USRDATA to the end); preloader_a516_row.bin carries
 * MTK_BLOADER_INFO_v11 and "preloader_a516_row.bin" (strings), project a516_row; boot,
 * recovery, system, cache and userdata are not in the folder. */
static void corpus_a516(void **state)
{
	CORPUS_OR_SKIP(dir, "AllegroROM_4.2.2_mt6572/A516_S117/scatter");
	mtkfw_findings f;

	(void)state;
	assert_int_equal(mtkfw_check_package(&f, dir, NULL), 0);
	assert_int_equal(f.errors, 5);
	assert_non_null(mtkfw_findings_find(&f, "file-missing", "BOOTIMG"));
	assert_non_null(mtkfw_findings_find(&f, "file-missing", "USRDATA"));
	assert_null(mtkfw_findings_find(&f, "file-missing", "UBOOT"));
	assert_null(mtkfw_findings_find(&f, "mbr-disagrees", NULL));
	assert_null(mtkfw_findings_find(&f, "platform-mismatch", NULL));
	assert_null(mtkfw_findings_find(&f, "project-mismatch", NULL));
	assert_null(mtkfw_findings_find(&f, "image-too-big", NULL));
	/* PRELOAD: is_download true with file_name NONE (the scatter, line by line) */
	assert_int_equal(mtkfw_findings_find(&f, "no-file", "PRELOAD")->severity, MTKFW_SEV_INFO);
	mtkfw_findings_clear(&f);
	free(dir);
}

/* Mobiwire S10 (MTK Droid Tools readback): the scatter names preloader.bin, the folder has
 * preloader_and_dsp, which starts with EMMC_BOOT (xxd); its EMI table names
 * preloader_up40_h405f_meo.bin while the scatter's project is MTDTtest, the tool's own mark:
 * no project-mismatch (it was a false 4032 warning against the phone's own preloader). */
static void corpus_mobiwire(void **state)
{
	CORPUS_OR_SKIP(dir, "Mobiwire_S10");
	mtkfw_findings f;
	const struct mtkfw_finding *x;

	(void)state;
	assert_int_equal(mtkfw_check_package(&f, dir, NULL), 0);
	x = mtkfw_findings_find(&f, "found-by-content", "PRELOADER");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "preloader_and_dsp"));
	assert_null(mtkfw_findings_find(&f, "project-mismatch", NULL));
	x = mtkfw_findings_find(&f, "readback-scatter", NULL);
	assert_non_null(x);
	assert_non_null(strstr(x->message, "preloader_up40_h405f_meo.bin"));
	assert_non_null(strstr(x->message, "MTK Droid Tools"));
	assert_null(mtkfw_findings_find(&f, "mbr-disagrees", NULL));
	assert_non_null(mtkfw_findings_find(&f, "file-missing", "USRDATA"));
	/* lk.bin and logo.bin are readbacks exactly the partition size (0x60000, 0x300000) */
	assert_null(mtkfw_findings_find(&f, "image-too-big", NULL));
	mtkfw_findings_clear(&f);
	free(dir);
}

/* Wiko s4050ap: the official scatter ticks NVRAM (nvram.bin), PRO_INFO, PROTECT_F and
 * PROTECT_S for download (is_download: true, read in the file). */
static void corpus_wiko(void **state)
{
	CORPUS_OR_SKIP(dir, "wiko_s4050ap_part_layout");
	mtkfw_findings f;

	(void)state;
	assert_int_equal(mtkfw_check_package(&f, dir, NULL), 0);
	assert_non_null(mtkfw_findings_find(&f, "identity-download", "NVRAM"));
	assert_non_null(mtkfw_findings_find(&f, "identity-download", "PROTECT_S"));
	assert_null(mtkfw_findings_find(&f, "identity-download", "SECCFG"));
	mtkfw_findings_clear(&f);
	free(dir);
}

/* Infinix x5511B (MT6737M), a signed build: Checksum.ini says lk=0x5FFB, logo=0x4AE1,
 * secro=0x9071, which are the byte sums of lk-verified.bin, logo-verified.bin and
 * secro-verified.img (python: sum(data) & 0xFFFF); the scatter names lk.bin (sum 0xE0B2),
 * logo.bin (0xD50A), secro.img (0x136D). The signed files are what SP Flash Tool sends and
 * sums, so they are the partitions' files and nothing mismatches (issue #13: check said 8041
 * here while mtkfw checksum said ok). preloader_rlk6737m_65_m0.bin sums to 0x7EAD as listed,
 * and trustzone.bin to 0x85A3 (tee1 and tee2). */
static void corpus_x5511b(void **state)
{
	CORPUS_OR_SKIP(dir, "device_x5511B_dump");
	mtkfw_findings f;
	const struct mtkfw_finding *x;

	(void)state;
	assert_int_equal(mtkfw_check_package(&f, dir, NULL), 0);
	assert_null(mtkfw_findings_find(&f, "platform-mismatch", NULL)); /* MT6737M, EMI v20 */
	assert_non_null(mtkfw_findings_find(&f, "file-missing", "system"));
	assert_null(mtkfw_findings_find(&f, "checksum-mismatch", NULL));
	x = mtkfw_findings_find(&f, "signed-image", "lk");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "lk-verified.bin"));
	assert_non_null(mtkfw_findings_find(&f, "signed-image", "logo"));
	assert_non_null(mtkfw_findings_find(&f, "signed-image", "secro"));
	assert_null(mtkfw_findings_find(&f, "signed-image", "preloader"));
	assert_int_equal(f.errors, 5); /* boot, recovery, system, cache, userdata are not shipped */
	mtkfw_findings_clear(&f);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(findings_model),   cmocka_unit_test(codes_explained),   cmocka_unit_test(sniff_heads),     cmocka_unit_test(partition_kinds),
		cmocka_unit_test(clean_package),    cmocka_unit_test(broken_kinds),    cmocka_unit_test(stale_checksum),
		cmocka_unit_test(found_by_content), cmocka_unit_test(layout_rules),    cmocka_unit_test(not_downloaded),    cmocka_unit_test(package_errors),
		cmocka_unit_test(corpus_a516),      cmocka_unit_test(corpus_mobiwire), cmocka_unit_test(corpus_wiko),
		cmocka_unit_test(corpus_x5511b),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
