/*
 * build.prop, logo summary, the panel table and mtkfw_profile_path on single files and folders.
 * Corpus values come from grep (build.prop, scatter) and python's zlib (logo sizes: 819,840
 * bytes for the A516's boot logo, 768,000 for the Mobiwire's).
 */
#include "testutil.h"

#include "core/bytes.h"
#include "firmware/fw_internal.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void buildprop_rules(void **state)
{
	static const char text[] = "# comment\r\nro.product.model=First\nro.product.model = Lenovo A516 \r\n"
				   "ro.product.brand=LENOVO\n  ro.mediatek.platform=MT6572\nro.build.fingerprint=\n"
				   "ro.product.modelx=nope\n";
	struct mtkfw_buildprop bp;
	(void)state;
	assert_int_equal(mtkfw_buildprop_parse(&bp, text, strlen(text), "bp"), 0);
	assert_string_equal(bp.model, "Lenovo A516"); /* the last value wins, trimmed */
	assert_string_equal(bp.brand, "LENOVO");
	assert_string_equal(bp.platform, "MT6572");
	assert_string_equal(bp.fingerprint, "");
	assert_null(bp.device);
	assert_null(bp.baseband);
	mtkfw_buildprop_clear(&bp);
	assert_int_equal(mtkfw_buildprop_parse(&bp, "just text\nno pairs\n", 19, "bp"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_buildprop_parse(&bp, "a=b\0c=d", 7, "bp"), MTKFW_ERR_FORMAT);
}

static void buildprop_corpus(void **state)
{
	struct mtkfw_buildprop bp;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(path, "AllegroROM_4.2.2_mt6572/CUSTPackage/build.prop");
	buf = slurp(path, &len);
	assert_int_equal(mtkfw_buildprop_parse(&bp, (const char *)buf, len, "build.prop"), 0);
	assert_string_equal(bp.model, "Lenovo A516");
	assert_string_equal(bp.brand, "LENOVO");
	assert_string_equal(bp.device, "A516_ALLEGROROM");
	assert_string_equal(bp.display_id, "A516_AllegroROM_140127");
	assert_string_equal(bp.version, "4.2.2");
	assert_string_equal(bp.platform, "MT6572");
	assert_string_equal(bp.mtk_release, "ALPS.JB3.MP.V1");
	assert_string_equal(bp.fingerprint,
			    "LENOVO/A516_AllegroROM/A516_ALLEGROROM:4.2.2/JDQ39/1379405516:user/test-keys");
	mtkfw_buildprop_clear(&bp);
	free(buf);
	free(path);
}

/* A two-image logo made here: header, count, total, offsets, zlib images. */
static uint8_t *make_logo(size_t img0, size_t *len)
{
	uint8_t *raw = calloc(1, img0), *b;
	uLongf c = compressBound(img0);
	size_t body;

	b = calloc(1, 512 + 16 + c + 16);
	assert_int_equal(compress2(b + 512 + 16, &c, raw, img0, 9), Z_OK);
	memset(b, 0xFF, 512);
	wr_le32(b, 0x58881688);
	memcpy(b + 8, "LOGO\0\0\0\0", 8);
	body = 16 + c + 4;
	wr_le32(b + 4, (uint32_t)body);
	wr_le32(b + 512, 2);
	wr_le32(b + 516, (uint32_t)body);
	wr_le32(b + 520, 16);
	wr_le32(b + 524, (uint32_t)(16 + c));
	*len = 512 + body;
	free(raw);
	return b;
}

static void logo_info(void **state)
{
	struct mtkfw_logo_info li;
	size_t len;
	uint8_t *b = make_logo(320 * 480 * 2, &len);
	(void)state;
	assert_int_equal(mtkfw_logo_info(&li, b, len, "logo"), 0);
	assert_int_equal(li.count, 2);
	assert_int_equal(li.width, 320);
	assert_int_equal(li.height, 480);
	assert_int_equal(li.bpp, 16);
	/* the image module's parser wants the MTK header */
	assert_true(mtkfw_logo_info(&li, b + 512, len - 512, "logo") < 0);
	/* total past the end, count absurd, offset outside, truncated image */
	wr_le32(b + 516, 0x7FFFFFFF);
	assert_int_equal(mtkfw_logo_info(&li, b, len, "logo"), MTKFW_ERR_TRUNCATED);
	wr_le32(b + 516, (uint32_t)(len - 512));
	wr_le32(b + 512, 0x10000000);
	assert_int_equal(mtkfw_logo_info(&li, b, len, "logo"), MTKFW_ERR_LIMIT);
	wr_le32(b + 512, 2);
	wr_le32(b + 520, 4);
	assert_int_equal(mtkfw_logo_info(&li, b, len, "logo"), MTKFW_ERR_FORMAT);
	wr_le32(b + 520, 16);
	wr_le32(b + 524, 40);
	assert_true(mtkfw_logo_info(&li, b, len, "logo") < 0);
	free(b);
}

static void logo_corpus(void **state)
{
	struct mtkfw_logo_info li;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(p1, "AllegroROM_4.2.2_mt6572/A516_S117/scatter/logo.bin");
	buf = slurp(p1, &len);
	assert_int_equal(mtkfw_logo_info(&li, buf, len, "logo"), 0);
	assert_int_equal(li.count, 43);
	assert_int_equal(li.first_size, 819840);
	assert_int_equal(li.width, 480);
	assert_int_equal(li.height, 854);
	free(buf);
	free(p1);
	{
		CORPUS_OR_SKIP(p2, "Mobiwire_S10/logo.bin"); /* a 3 MiB readback, zero-padded */
		buf = slurp(p2, &len);
		assert_int_equal(mtkfw_logo_info(&li, buf, len, "logo"), 0);
		assert_int_equal(li.count, 39);
		assert_int_equal(li.first_size, 768000);
		assert_int_equal(li.width, 480);
		assert_int_equal(li.height, 800);
		assert_int_equal(li.bpp, 16);
		free(buf);
		free(p2);
	}
}

static void profile_a516_folder(void **state)
{
	struct mtkfw_profile p;
	(void)state;
	CORPUS_OR_SKIP(dir, "AllegroROM_4.2.2_mt6572/A516_S117/scatter");
	assert_int_equal(mtkfw_profile_path(&p, dir, NULL), 0);
	assert_string_equal(p.platform, "MT6572");
	assert_string_equal(p.project, "a516_row");
	assert_string_equal(p.storage, "EMMC");
	assert_true(p.has_preloader && p.has_lk && p.has_logo && p.has_layout);
	assert_false(p.has_kernel);
	assert_string_equal(p.source.preloader, "preloader_a516_row.bin");
	assert_int_equal(p.preloader.emi.count, 1);
	assert_int_equal(p.lk_lcm.count, 2);
	assert_int_equal(p.logo.width, 480);
	assert_int_equal(p.layout->mbr_start, 0x600000);
	assert_int_equal(p.layout->count, 20); /* grep -c partition_name: */
	assert_int_equal(p.problem_count, 0);
	mtkfw_profile_clear(&p);
	free(dir);
}

static void profile_errors(void **state)
{
	struct mtkfw_profile p;
	char *dir = make_tempdir(), *f = malloc(strlen(dir) + 32);
	static const uint8_t junk[64] = { 1, 2, 3 };
	(void)state;
	assert_int_equal(mtkfw_profile_path(&p, dir, NULL), MTKFW_ERR_NOTFOUND);
	sprintf(f, "%s/junk.bin", dir);
	write_file(f, junk, sizeof(junk));
	assert_int_equal(mtkfw_profile_path(&p, f, NULL), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_profile_path(&p, dir, NULL), MTKFW_ERR_NOTFOUND);
	/* a broken preloader alone in a folder: the folder's only problem becomes the error */
	sprintf(f, "%s/preloader.bin", dir);
	write_file(f, "MMM\x01\x38\x00\x00\x00" "FILE_INFO\0\0\0", 20);
	assert_int_equal(mtkfw_profile_path(&p, dir, NULL), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "preloader.bin"));
	assert_int_equal(mtkfw_profile_path(&p, f, NULL), MTKFW_ERR_TRUNCATED);
	/* with a good build.prop next to it the folder profiles, and the preloader is a problem */
	sprintf(f, "%s/build.prop", dir);
	write_file(f, "ro.product.device=demo\nro.mediatek.platform=MT6572\n", 51);
	assert_int_equal(mtkfw_profile_path(&p, dir, NULL), 0);
	assert_string_equal(p.project, "demo");
	assert_int_equal(p.problem_count, 1);
	mtkfw_profile_clear(&p);
	sprintf(f, "%s/nope", dir);
	assert_int_equal(mtkfw_profile_path(&p, f, NULL), MTKFW_ERR_NOTFOUND);
	rm_rf(dir);
	free(dir);
	free(f);
}

/*
 * Android 10 and later: the system's build.prop names the phone with ro.product.system.* and
 * ro.system.build.*, and a folder may hold the product's build.prop too, which tells less.
 * Before, a real MT6765 dump profiled as "(unknown) (unknown) (device (unknown))" from the
 * product's file, the first by name.
 */
static void split_buildprops(void **state)
{
	static const char product[] = "ro.product.product.brand=alps\nro.product.product.model=mssi\n";
	static const char sys[] = "ro.product.system.brand=alps\nro.product.system.model=mssi\n"
				  "ro.product.system.device=mssi_64\nro.system.build.fingerprint=alps/sys/mssi:13/x:user\n"
				  "ro.build.version.release=13\nro.build.display.id=demo_OS_1\n";
	static const char both[] = "ro.product.system.model=qualified\nro.product.model=plain\n";
	struct mtkfw_buildprop bp;
	struct mtkfw_profile p;
	char *dir = make_tempdir(), f[4096];
	(void)state;
	assert_int_equal(mtkfw_buildprop_parse(&bp, sys, strlen(sys), "bp"), 0);
	assert_string_equal(bp.model, "mssi");
	assert_string_equal(bp.device, "mssi_64");
	assert_string_equal(bp.fingerprint, "alps/sys/mssi:13/x:user");
	mtkfw_buildprop_clear(&bp);
	assert_int_equal(mtkfw_buildprop_parse(&bp, both, strlen(both), "bp"), 0);
	assert_string_equal(bp.model, "plain"); /* the plain key wins */
	mtkfw_buildprop_clear(&bp);
	snprintf(f, sizeof(f), "%s/product_build.prop", dir);
	write_file(f, product, strlen(product));
	snprintf(f, sizeof(f), "%s/system_build.prop", dir);
	write_file(f, sys, strlen(sys));
	assert_int_equal(mtkfw_profile_path(&p, dir, NULL), 0);
	assert_string_equal(p.source.build, "system_build.prop");
	assert_string_equal(p.build.display_id, "demo_OS_1");
	mtkfw_profile_clear(&p);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buildprop_rules),     cmocka_unit_test(buildprop_corpus),
		cmocka_unit_test(logo_info),
		cmocka_unit_test(logo_corpus),         cmocka_unit_test(profile_a516_folder),
		cmocka_unit_test(profile_errors),      cmocka_unit_test(split_buildprops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
