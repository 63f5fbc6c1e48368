/*
 * lib/firmware kernel + lk: the bounded decompressors (each format made here with its own
 * library's encoder), the payload finder inside a zImage, an MTK header and a boot image, the
 * driver-name rules, and the corpus kernels and lk images. Corpus expectations were read with
 * `strings` (lk) and python's zlib/lzma + `strings` (kernels), not from mtkfw's output.
 */
#include "testutil.h"

#include "core/bytes.h"
#include "firmware/fw_internal.h"

#include <mtkfw/mtkfw.h>

#include <lz4.h>
#include <lzma.h>
#include <lzo/lzo1x.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A fake decompressed kernel: filler, the banner, driver names as C strings. */
static uint8_t *fake_image(size_t *len)
{
	static const char *const strs[] = {
		"Linux version 3.4.67 (test@host) (gcc version 4.8 (GCC) ) #1 SMP PREEMPT\n",
		"hx8389b_qhd_dsi_vdo", "nt35590_hd720_dsi_cmd_auo", "gc0329yuv", "ov5647mipiraw", "GT9XX",
		"gt9xx", "ps2_cmd_aborted", "lcm_compare_id", "dsi1_vdo",
	};
	size_t n = 300000, pos = 1000;
	uint8_t *b = calloc(1, n);

	assert_non_null(b);
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)((i * 7919u) >> 3); /* compressible but not trivial */
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		b[pos - 1] = 0;
		memcpy(b + pos, strs[i], strlen(strs[i]) + 1);
		pos += strlen(strs[i]) + 1 + 4000;
	}
	*len = n;
	return b;
}

static uint8_t *enc_gzip(const uint8_t *in, size_t n, size_t *out)
{
	z_stream s = { 0 };
	uint8_t *b = malloc(n + 1024);

	assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
	s.next_in = (Bytef *)in;
	s.avail_in = (uInt)n;
	s.next_out = b;
	s.avail_out = (uInt)(n + 1024);
	assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
	*out = s.total_out;
	deflateEnd(&s);
	return b;
}

static uint8_t *enc_xz(const uint8_t *in, size_t n, size_t *out, bool alone)
{
	uint8_t *b = malloc(n + 4096);
	lzma_stream s = LZMA_STREAM_INIT;

	if (!alone) {
		size_t pos = 0;

		assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, in, n, b, &pos, n + 4096), LZMA_OK);
		*out = pos;
		return b;
	}
	{
		lzma_options_lzma opt;

		lzma_lzma_preset(&opt, 6);
		assert_int_equal(lzma_alone_encoder(&s, &opt), LZMA_OK);
	}
	s.next_in = in;
	s.avail_in = n;
	s.next_out = b;
	s.avail_out = n + 4096;
	assert_int_equal(lzma_code(&s, LZMA_FINISH), LZMA_STREAM_END);
	*out = s.total_out;
	lzma_end(&s);
	return b;
}

/* LZ4 legacy frame: magic, then [size][block] per 8 MiB, then the kernel's trailing length. */
static uint8_t *enc_lz4(const uint8_t *in, size_t n, size_t *out)
{
	uint8_t *b = malloc(LZ4_compressBound((int)n) + 16);
	int c;

	wr_le32(b, 0x184C2102);
	c = LZ4_compress_default((const char *)in, (char *)b + 8, (int)n, LZ4_compressBound((int)n));
	assert_true(c > 0);
	wr_le32(b + 4, (uint32_t)c);
	wr_le32(b + 8 + c, (uint32_t)n);
	*out = 12 + (size_t)c;
	return b;
}

/* An lzop file as `lzop` writes it (version 0x1030, no checksums), one block. */
static uint8_t *enc_lzo(const uint8_t *in, size_t n, size_t *out)
{
	static const uint8_t magic[9] = { 0x89, 'L', 'Z', 'O', 0, 0x0D, 0x0A, 0x1A, 0x0A };
	uint8_t *b = malloc(n + n / 16 + 1024), *wrk = malloc(LZO1X_1_MEM_COMPRESS);
	size_t p = 0;
	lzo_uint c = 0;

	assert_int_equal(lzo_init(), LZO_E_OK);
	memcpy(b, magic, 9);
	p = 9;
	wr_be16(b + p, 0x1030); /* version */
	wr_be16(b + p + 2, 0x2080); /* library version */
	wr_be16(b + p + 4, 0x0940); /* version needed to extract (present from 0x0940 on) */
	p += 6;
	b[p++] = 1; /* method: LZO1X-1 */
	b[p++] = 5; /* level */
	wr_be32(b + p, 0); /* flags */
	p += 4;
	wr_be32(b + p, 0); /* mode */
	wr_be32(b + p + 4, 0); /* mtime low */
	wr_be32(b + p + 8, 0); /* mtime high */
	p += 12;
	b[p++] = 0; /* no file name */
	wr_be32(b + p, 0); /* header checksum (not verified) */
	p += 4;
	assert_int_equal(lzo1x_1_compress(in, n, b + p + 8, &c, wrk), LZO_E_OK);
	wr_be32(b + p, (uint32_t)n);
	wr_be32(b + p + 4, (uint32_t)c);
	p += 8 + c;
	wr_be32(b + p, 0);
	*out = p + 4;
	free(wrk);
	return b;
}

static void decompress_each_format(void **state)
{
	size_t n, c, o;
	uint8_t *img = fake_image(&n), *z, *out;
	(void)state;
	for (int f = MTKFW_COMP_GZIP; f <= MTKFW_COMP_LZO; f++) {
		z = f == MTKFW_COMP_GZIP ? enc_gzip(img, n, &c)
		    : f == MTKFW_COMP_XZ ? enc_xz(img, n, &c, false)
		    : f == MTKFW_COMP_LZMA ? enc_xz(img, n, &c, true)
		    : f == MTKFW_COMP_LZ4 ? enc_lz4(img, n, &c) : enc_lzo(img, n, &c);
		if (mtkfw_decompress(&out, &o, (mtkfw_compression)f, z, c, 1u << 20) != 0)
			fail_msg("%s: %s", mtkfw_compression_name((mtkfw_compression)f), mtkfw_error_last()->message);
		assert_int_equal(o, n);
		assert_memory_equal(out, img, n);
		free(out);
		/* the bound holds: 100 KiB of room for 300 KB of output */
		assert_int_equal(mtkfw_decompress(&out, &o, (mtkfw_compression)f, z, c, 100000), MTKFW_ERR_LIMIT);
		assert_null(out);
		/* a stream cut in half fails cleanly (lz4 keeps no complete block) */
		assert_true(mtkfw_decompress(&out, &o, (mtkfw_compression)f, z, c / 2, 1u << 20) != 0 ||
			    f == MTKFW_COMP_LZMA);
		free(out);
		free(z);
	}
	free(img);
}

/* A zImage-like container: ARM zImage magic at 0x24, a decoy gzip magic in the "decompressor
 * code", then the payload. Wrapped again in an MTK header and in a boot image. */
static void payload_finder(void **state)
{
	size_t n, c;
	uint8_t *img = fake_image(&n), *z = enc_xz(img, n, &c, false);
	size_t zlen = 0x4000 + c;
	uint8_t *zi = calloc(1, zlen), *mk, *boot;
	struct mtkfw_kernel_info k;
	(void)state;
	wr_le32(zi + 0x24, 0x016F2818);
	memcpy(zi + 0x200, "\x1F\x8B\x08\x00garbage", 11);
	memcpy(zi + 0x4000, z, c);
	assert_int_equal(mtkfw_kernel_info(&k, zi, zlen, "zImage"), 0);
	assert_int_equal(k.compression, MTKFW_COMP_XZ);
	assert_int_equal(k.payload_offset, 0x4000);
	assert_int_equal(k.image_size, n);
	assert_string_equal(k.version, "Linux version 3.4.67 (test@host) (gcc version 4.8 (GCC) ) #1 SMP PREEMPT");
	assert_int_equal(k.lcm.count, 2);
	assert_string_equal(k.lcm.names[0], "hx8389b_qhd_dsi_vdo");
	assert_string_equal(k.lcm.names[1], "nt35590_hd720_dsi_cmd_auo");
	assert_int_equal(k.camera.count, 2);
	assert_int_equal(k.touch.count, 1); /* GT9XX and gt9xx are one */
	assert_string_equal(k.touch.names[0], "gt9xx");
	mtkfw_kernel_info_clear(&k);

	mk = calloc(1, 512 + zlen);
	memset(mk, 0xFF, 512);
	wr_le32(mk, 0x58881688);
	wr_le32(mk + 4, (uint32_t)zlen);
	memcpy(mk + 8, "KERNEL\0\0", 8);
	memcpy(mk + 512, zi, zlen);
	assert_int_equal(mtkfw_kernel_info(&k, mk, 512 + zlen, "mtk"), 0);
	assert_int_equal(k.payload_offset, 512 + 0x4000);
	mtkfw_kernel_info_clear(&k);

	boot = calloc(1, 2048 + 512 + zlen + 2048);
	memcpy(boot, "ANDROID!", 8);
	wr_le32(boot + 8, (uint32_t)(512 + zlen));
	wr_le32(boot + 36, 2048);
	memcpy(boot + 2048, mk, 512 + zlen);
	assert_int_equal(mtkfw_kernel_info(&k, boot, 2048 + 512 + zlen + 2048, "boot.img"), 0);
	assert_int_equal(k.payload_offset, 2048 + 512 + 0x4000);
	mtkfw_kernel_info_clear(&k);
	/* kernel_size past the end, bad page size, no payload at all */
	wr_le32(boot + 8, 0x7FFFFFFF);
	assert_int_equal(mtkfw_kernel_info(&k, boot, 4096, "boot.img"), MTKFW_ERR_TRUNCATED);
	wr_le32(boot + 36, 3);
	assert_int_equal(mtkfw_kernel_info(&k, boot, 4096, "boot.img"), MTKFW_ERR_FORMAT);
	memset(zi + 0x4000, 0, c);
	assert_int_equal(mtkfw_kernel_info(&k, zi, zlen, "empty"), MTKFW_ERR_FORMAT);
	free(boot);
	free(mk);
	free(zi);
	free(z);
	free(img);
}

/* The finder recognises every format the kernel build can use. */
static void finder_each_format(void **state)
{
	size_t n, c;
	uint8_t *img = fake_image(&n);
	(void)state;
	for (int f = MTKFW_COMP_GZIP; f <= MTKFW_COMP_LZO; f++) {
		uint8_t *z = f == MTKFW_COMP_GZIP ? enc_gzip(img, n, &c)
			     : f == MTKFW_COMP_XZ ? enc_xz(img, n, &c, false)
			     : f == MTKFW_COMP_LZMA ? enc_xz(img, n, &c, true)
			     : f == MTKFW_COMP_LZ4 ? enc_lz4(img, n, &c) : enc_lzo(img, n, &c);
		/* 512 KiB of "code" follows the payload, as in a real zImage. */
		uint8_t *zi = calloc(1, 0x1000 + c + 0x80000);
		struct mtkfw_kernel_info k;

		wr_le32(zi + 0x24, 0x016F2818);
		memcpy(zi + 0x1000, z, c);
		for (size_t i = 0; i < 0x80000; i++)
			zi[0x1000 + c + i] = (uint8_t)(i * 31 + 7);
		assert_int_equal(mtkfw_kernel_info(&k, zi, 0x1000 + c + 0x80000, "zImage"), 0);
		assert_int_equal(k.compression, f);
		assert_int_equal(k.payload_offset, 0x1000);
		assert_int_equal(k.image_size, n);
		mtkfw_kernel_info_clear(&k);
		free(zi);
		free(z);
	}
	free(img);
}

static void name_rules(void **state)
{
	static const char *const lcm_yes[] = { "hx8369b_fwvga_dsi_vdo", "otm8018b_dsi_vdo", "ili9806e_dsi_wvga_vdo_hlt",
					       "st7701_wvga_dsi_vdo", "nt35590_hd720_dsi_cmd_auo", "r61408_wvga_dsi_cmd" };
	static const char *const lcm_no[] = { "ps2_cmd_aborted", "dsi1_vdo", "lcm_compare_id", "ov5645_mipi_yuv",
					      "disp_drv_dsi_init", "HX8369B_FWVGA_DSI_VDO", "hx8369b", "" };
	static const char *const cam_yes[] = { "gc0329yuv", "ov5647mipiraw", "s5k3h7ymipiraw", "ov5645_mipi_yuv" };
	static const char *const cam_no[] = { "withdraw", "mipiraw", "gc0329", "s5_raw" };
	(void)state;
	for (size_t i = 0; i < sizeof(lcm_yes) / sizeof(*lcm_yes); i++)
		assert_true(mtkfwi_fw_is_lcm_name(lcm_yes[i], strlen(lcm_yes[i])));
	for (size_t i = 0; i < sizeof(lcm_no) / sizeof(*lcm_no); i++)
		assert_false(mtkfwi_fw_is_lcm_name(lcm_no[i], strlen(lcm_no[i])));
	for (size_t i = 0; i < sizeof(cam_yes) / sizeof(*cam_yes); i++)
		assert_true(mtkfwi_fw_is_camera_name(cam_yes[i], strlen(cam_yes[i])));
	for (size_t i = 0; i < sizeof(cam_no) / sizeof(*cam_no); i++)
		assert_false(mtkfwi_fw_is_camera_name(cam_no[i], strlen(cam_no[i])));
	assert_true(mtkfwi_fw_is_touch_name("FT5306", 6));
	assert_true(mtkfwi_fw_is_touch_name("synaptics-s3203", 15));
	assert_false(mtkfwi_fw_is_touch_name("synaptics-sX", 12));
	assert_false(mtkfwi_fw_is_touch_name("touch", 5));
	/* the touch table: lower case, unique */
	for (size_t i = 0; i < mtkfwi_fw_touch_driver_count; i++)
		for (size_t j = i + 1; j < mtkfwi_fw_touch_driver_count; j++)
			assert_true(strcmp(mtkfwi_fw_touch_drivers[i], mtkfwi_fw_touch_drivers[j]) != 0);
}

struct kcase {
	const char *file, *version_prefix, *lcm, *touch, *camera;
	mtkfw_compression comp;
};

static void corpus_kernels(void **state)
{
	static const struct kcase cases[] = {
		{ "AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage", "Linux version 3.4.5 (buildslave@nj-bs5)",
		  "hx8369b_fwvga_dsi_vdo", "gt9xx", "sp0a19yuv", MTKFW_COMP_GZIP },
		{ "android_device_alps_mt6572/kernel", "Linux version 3.4.5 (whl@server0-br)", NULL, "ft5306", "ov7695yuv",
		  MTKFW_COMP_GZIP },
		{ "android_device_lenovo_a369i-twrp/kernel", "Linux version 3.4.67 (frog@api)", "otm8018b_fwvga_dsi_vdo_boe",
		  "msg2133", "hi704yuv", MTKFW_COMP_XZ },
		{ "MT6572-82-92-Recovery-Device-Tree/kernel", "Linux version 3.10.72+ (root@WX-122-169)",
		  "otm9605a_qhd_dsi_vdo_tianma", "synaptics-s3203", "s5k4h8mipiraw", MTKFW_COMP_XZ },
	};
	int done = 0;
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = corpus_file(cases[i].file);
		struct mtkfw_kernel_info k;
		size_t len;
		uint8_t *buf;
		bool found;

		if (!path)
			continue;
		buf = slurp(path, &len);
		assert_int_equal(mtkfw_kernel_info(&k, buf, len, cases[i].file), 0);
		assert_int_equal(k.compression, cases[i].comp);
		assert_true(strncmp(k.version, cases[i].version_prefix, strlen(cases[i].version_prefix)) == 0);
		if (cases[i].lcm) {
			found = false;
			for (size_t j = 0; j < k.lcm.count; j++)
				found = found || strcmp(k.lcm.names[j], cases[i].lcm) == 0;
			assert_true(found);
		}
		found = false;
		for (size_t j = 0; j < k.touch.count; j++)
			found = found || strcmp(k.touch.names[j], cases[i].touch) == 0;
		assert_true(found);
		found = false;
		for (size_t j = 0; j < k.camera.count; j++)
			found = found || strcmp(k.camera.names[j], cases[i].camera) == 0;
		assert_true(found);
		mtkfw_kernel_info_clear(&k);
		free(buf);
		free(path);
		done++;
	}
	if (!done)
		skip();
}

/* `strings lk.bin` shows exactly these driver names. */
static void corpus_lk(void **state)
{
	static const char *const mobiwire[] = { "ili9806e_dsi_wvga_vdo_hlt", "otm8019a_wvga_dsi_vdo", "st7701_wvga_dsi_vdo" };
	static const char *const a516[] = { "hx8369b_fwvga_dsi_vdo", "otm8018b_dsi_vdo" };
	struct mtkfw_names n;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(p1, "Mobiwire_S10/lk.bin");
	buf = slurp(p1, &len);
	assert_int_equal(mtkfw_lk_lcm(&n, buf, len, "lk"), 0);
	assert_int_equal(n.count, 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(n.names[i], mobiwire[i]);
	mtkfw_names_clear(&n);
	assert_int_equal(mtkfw_lk_lcm(&n, buf, 600, "lk"), MTKFW_ERR_TRUNCATED);
	free(buf);
	free(p1);
	{
		CORPUS_OR_SKIP(p2, "AllegroROM_4.2.2_mt6572/A516_S117/scatter/lk.bin");
		buf = slurp(p2, &len);
		assert_int_equal(mtkfw_lk_lcm(&n, buf, len, "lk"), 0);
		assert_int_equal(n.count, 2);
		for (int i = 0; i < 2; i++)
			assert_string_equal(n.names[i], a516[i]);
		mtkfw_names_clear(&n);
		free(buf);
		free(p2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decompress_each_format), cmocka_unit_test(payload_finder),
		cmocka_unit_test(finder_each_format),     cmocka_unit_test(name_rules),
		cmocka_unit_test(corpus_kernels),
		cmocka_unit_test(corpus_lk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
