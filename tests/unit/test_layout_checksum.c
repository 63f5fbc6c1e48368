/* Checksum.ini: parse/write (lib/layout), verify/generate against a package's files
 * (lib/firmware/package_checksum.c). The corpus values were checked with an independent byte
 * sum (python: sum(bytes) & 0xFFFF) of the x5511B files. */
#include "testutil.h"

#include "core/internal.h"
#include "layout/layout_internal.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void x5511b_ini(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "device_x5511B_dump/Checksum.ini");
	mtkfw_checksum_ini *ini;
	char *text;
	size_t len, olen;
	uint8_t *orig;

	assert_int_equal(mtkfw_checksum_ini_load(&ini, path), 0);
	assert_int_equal(ini->style, MTKFW_CHECKSUM_V1);
	assert_string_equal(ini->version, "V1");
	assert_string_equal(ini->tool, "v5.1540.00");
	assert_string_equal(ini->change_id, "1556272127");
	assert_true(ini->enabled);
	assert_int_equal(ini->count, 11);
	assert_string_equal(ini->entries[0].key, "preloader");
	assert_int_equal(ini->entries[0].value, 0x7EAD);
	assert_string_equal(ini->entries[8].key, "system");
	assert_int_equal(ini->entries[8].value, 0x09ED);
	/* Written back byte for byte, CRLF and the zero-padded 0x09ED included. */
	assert_int_equal(mtkfw_checksum_ini_write(&text, &len, ini), 0);
	orig = slurp(path, &olen);
	assert_int_equal(len, olen);
	assert_memory_equal(text, orig, len);
	free(orig);
	free(text);
	mtkfw_checksum_ini_free(ini);
	free(path);
}

static void x5511b_verify(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "device_x5511B_dump/Checksum.ini");
	char *lk = corpus_file("device_x5511B_dump/lk-verified.bin");
	char *dir = strdup(path);
	struct mtkfw_checksum_report r;
	mtkfw_checksum_ini *ini;
	mtkfw_package *pkg;
	uint16_t s16;
	uint32_t s32;

	*strrchr(dir, '/') = 0;
	assert_int_equal(mtkfw_checksum_file(lk, &s16, &s32), 0);
	assert_int_equal(s16, 0x5FFB);
	assert_int_equal(s16, s32 & 0xFFFF);
	assert_int_equal(mtkfw_checksum_ini_load(&ini, path), 0);
	assert_int_equal(mtkfw_package_open(&pkg, dir), 0);
	assert_int_equal(mtkfw_package_checksum_verify(&r, pkg, ini), 0);
	assert_int_equal(r.count, 11);
	assert_int_equal(r.mismatches, 0);
	assert_int_equal(r.missing, 5); /* boot, recovery, system, cache, userdata are not shipped */
	assert_string_equal(r.items[1].file, "lk-verified.bin");
	assert_int_equal(r.items[1].found, MTKFW_FOUND_SIGNED);
	assert_int_equal(r.items[1].status, MTKFW_CHECKSUM_OK);
	assert_int_equal(r.items[2].status, MTKFW_CHECKSUM_MISSING);
	mtkfw_checksum_report_clear(&r);
	mtkfw_checksum_ini_free(ini);
	mtkfw_package_free(pkg);
	free(path), free(lk), free(dir);
}

static const char pkg_scatter[] =
	"- general: MTK_PLATFORM_CFG\n  info: \n    - config_version: V1.1.1\n      platform: MT6572\n"
	"- partition_index: SYS0\n  partition_name: PRELOADER\n  file_name: pre.bin\n  is_download: true\n"
	"  linear_start_addr: 0x0\n"
	"- partition_index: SYS1\n  partition_name: UBOOT\n  file_name: lk.bin\n  is_download: true\n"
	"  linear_start_addr: 0x600000\n"
	"- partition_index: SYS2\n  partition_name: NVRAM\n  file_name: NONE\n  is_download: false\n"
	"  linear_start_addr: 0x700000\n";

static mtkfw_package *make_pkg(const char *dir)
{
	uint8_t ff[1000], inc[256];
	char p[512];
	mtkfw_package *pkg;

	memset(ff, 0xFF, sizeof(ff)); /* 1000 × 255 = 0x3E418 */
	for (int i = 0; i < 256; i++)
		inc[i] = (uint8_t)i; /* 0 + ... + 255 = 0x7F80 */
	snprintf(p, sizeof(p), "%s/pre.bin", dir);
	write_file(p, ff, sizeof(ff));
	snprintf(p, sizeof(p), "%s/lk.bin", dir);
	write_file(p, inc, sizeof(inc));
	snprintf(p, sizeof(p), "%s/MT6572_Android_scatter.txt", dir);
	write_file(p, pkg_scatter, strlen(pkg_scatter));
	assert_int_equal(mtkfw_package_open(&pkg, dir), 0);
	return pkg;
}

static void generate_verify_v1_v3(void **state)
{
	char *dir = make_tempdir(), p[512], *text;
	mtkfw_checksum_ini *ini, *back;
	struct mtkfw_checksum_report r;
	mtkfw_package *l = make_pkg(dir);
	size_t len;
	(void)state;

	assert_int_equal(mtkfw_package_checksum_generate(&ini, l, MTKFW_CHECKSUM_V1), 0);
	assert_int_equal(ini->count, 2); /* NVRAM has no file */
	assert_int_equal(ini->entries[0].value, 0xE418);
	assert_int_equal(ini->entries[1].value, 0x7F80);
	assert_int_equal(mtkfw_checksum_ini_write(&text, &len, ini), 0);
	assert_string_equal(text, "[VERSION]\r\nVERSION=V1\r\n[IsEnableChecksum]\r\nCHECKSUM_SWITCH=1\r\n[CheckSum]\r\n"
				  "PRELOADER=0xE418\r\nUBOOT=0x7F80\r\n");
	assert_int_equal(mtkfw_checksum_ini_parse(&back, text, len, "ini"), 0);
	free(text);
	assert_int_equal(mtkfw_package_checksum_verify(&r, l, back), 0);
	assert_int_equal(r.mismatches, 0);
	assert_int_equal(r.missing, 0);
	mtkfw_checksum_report_clear(&r);

	/* One byte changed: a mismatch naming the file. */
	snprintf(p, sizeof(p), "%s/lk.bin", dir);
	write_file(p, "x", 1);
	assert_int_equal(mtkfw_package_checksum_verify(&r, l, back), 0);
	assert_int_equal(r.mismatches, 1);
	assert_int_equal(r.items[1].status, MTKFW_CHECKSUM_MISMATCH);
	assert_int_equal(r.items[1].actual, 'x');
	assert_string_equal(r.items[1].file, "lk.bin");
	mtkfw_checksum_report_clear(&r);
	mtkfw_checksum_ini_free(back);
	mtkfw_checksum_ini_free(ini);

	/* v3: upper-case keys, " = ", 32-bit sums; lower-case keys still match. */
	assert_int_equal(mtkfw_package_checksum_generate(&ini, l, MTKFW_CHECKSUM_V3), 0);
	assert_int_equal(ini->entries[0].value, 0x3E418);
	assert_int_equal(mtkfw_checksum_ini_write(&text, &len, ini), 0);
	assert_non_null(strstr(text, "PRELOADER = 0x3E418\r\n"));
	assert_null(strstr(text, "[VERSION]"));
	free(text);
	mtkfw_checksum_ini_free(ini);
	const char *v3 = "[IsEnableChecksum]\nCHECKSUM_SWITCH = 0\n[CheckSum]\npreloader = 0x3E418\nUboot = 0x0\nFOO = 0x1\n";
	assert_int_equal(mtkfw_checksum_ini_parse(&ini, v3, strlen(v3), "ini"), 0);
	assert_int_equal(ini->style, MTKFW_CHECKSUM_V3);
	assert_false(ini->enabled);
	assert_int_equal(mtkfw_package_checksum_verify(&r, l, ini), 0);
	assert_int_equal(r.items[0].status, MTKFW_CHECKSUM_OK);
	assert_int_equal(r.items[1].status, MTKFW_CHECKSUM_ZERO);
	assert_int_equal(r.items[2].status, MTKFW_CHECKSUM_NOPART);
	assert_int_equal(r.mismatches, 1);
	assert_int_equal(r.missing, 1);
	mtkfw_checksum_report_clear(&r);
	mtkfw_checksum_ini_free(ini);

	/* A downloaded file missing: no Checksum.ini is made. */
	mtkfw_package_free(l);
	snprintf(p, sizeof(p), "%s/pre.bin", dir);
	remove(p);
	assert_int_equal(mtkfw_package_open(&l, dir), 0);
	assert_int_equal(mtkfw_package_checksum_generate(&ini, l, MTKFW_CHECKSUM_V1), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "pre.bin"));
	mtkfw_package_free(l);
	rm_rf(dir);
	free(dir);
}

/* A scatter naming a file outside the folder: only the folder is looked in (by the name's last
 * step), never the path it names. */
static void escaping_file_name(void **state)
{
	const char *sc = "PRELOADER 0x0\n";
	char *dir = make_tempdir(), p[512];
	mtkfw_package *pkg;
	mtkfw_checksum_ini *ini;
	struct mtkfw_checksum_report r;
	const char *t = "[CheckSum]\nPRELOADER=0x1\n";
	(void)state;

	snprintf(p, sizeof(p), "%s/MT6572_Android_scatter.txt", dir);
	write_file(p, sc, strlen(sc));
	assert_int_equal(mtkfw_package_open(&pkg, dir), 0);
	free(pkg->layout->parts[0].file);
	pkg->layout->parts[0].file = strdup("../../etc/passwd");
	mtkfw_package_free(pkg);
	/* Reopened with that name in the scatter itself. */
	write_file(p, "- partition_index: SYS0\n  partition_name: PRELOADER\n  file_name: ../../etc/passwd\n"
		      "  is_download: true\n  linear_start_addr: 0x0\n",
		   strlen("- partition_index: SYS0\n  partition_name: PRELOADER\n  file_name: ../../etc/passwd\n"
			  "  is_download: true\n  linear_start_addr: 0x0\n"));
	assert_int_equal(mtkfw_package_open(&pkg, dir), 0);
	assert_null(pkg->files[0].path);
	assert_int_equal(mtkfw_package_checksum_generate(&ini, pkg, MTKFW_CHECKSUM_V1), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_checksum_ini_parse(&ini, t, strlen(t), "ini"), 0);
	assert_int_equal(mtkfw_package_checksum_verify(&r, pkg, ini), 0);
	assert_int_equal(r.items[0].status, MTKFW_CHECKSUM_MISSING);
	mtkfw_checksum_report_clear(&r);
	mtkfw_checksum_ini_free(ini);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

static void hostile_ini(void **state)
{
	mtkfw_checksum_ini *ini;
	(void)state;
	const char *bad[] = {
		"", "garbage\n", "[VERSION]\nVERSION=V1\n", "key=0x1\n[CheckSum]\n", "[CheckSum]\nA=0xZZ\n",
		"[CheckSum]\nA=1\na=2\n", "[CheckSum]\n=0x1\n", "[CheckSum\nA=1\n", "[CheckSum]\nA=0x1FFFFFFFFFFFFFFFF\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (mtkfw_checksum_ini_parse(&ini, bad[i], strlen(bad[i]), "ini") != MTKFW_ERR_FORMAT)
			fail_msg("accepted: %s", bad[i]);
	}
	assert_int_equal(mtkfw_checksum_ini_parse(&ini, "[CheckSum]\nA\0=1\n", 14, "ini"), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "line 2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(x5511b_ini),
		cmocka_unit_test(x5511b_verify),
		cmocka_unit_test(generate_verify_v1_v3),
		cmocka_unit_test(escaping_file_name),
		cmocka_unit_test(hostile_ini),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
