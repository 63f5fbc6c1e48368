/*
 * Saved profiles (profile → JSON → profile is stable, malformed JSON refused), CID text, the
 * compat risks on targets built by hand (as the flasher's pre-flight builds them from what a
 * phone reports) and on corpus folders. Corpus facts: the A516 preloader's one EMI id is
 * 15 01 00 4E 35 55 30 30 4D (xxd at 0x17EEC); the Mobiwire boot1's first is
 * 90 01 4A 48 34 47 32 61 11 (xxd at 0x189AC + 0x74).
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>
#include "analysis/compat_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void cid_text(void **state)
{
	uint8_t cid[16];
	(void)state;
	assert_int_equal(mtkfw_cid_parse(cid, "1501004e355530304d0123456789abcd", 32), 0);
	assert_int_equal(cid[0], 0x15);
	assert_int_equal(cid[8], 0x4d);
	assert_int_equal(cid[15], 0xcd);
	assert_int_equal(mtkfw_cid_parse(cid, " 0x90:01:4A:48:34:47:32:61:11:00:11:22:33:44:55:66\n", 51), 0);
	assert_int_equal(cid[0], 0x90);
	assert_int_equal(cid[15], 0x66);
	assert_int_equal(mtkfw_cid_parse(cid, "1501004e", 8), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_cid_parse(cid, "1501004e355530304d0123456789abcdef", 34), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_cid_parse(cid, "1501004e355530304d0123456789abcg", 32), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_cid_parse(cid, "", 0), MTKFW_ERR_FORMAT);
}

/* profile → JSON → profile → JSON gives the same text, and the fields compat uses survive. */
static void roundtrip(const char *rel)
{
	struct mtkfw_profile p, q;
	char *j1, *j2;

	CORPUS_OR_SKIP(path, rel);
	assert_int_equal(mtkfw_profile_path(&p, path, NULL), 0);
	assert_int_equal(mtkfw_profile_to_json(&j1, &p, "in"), 0);
	assert_int_equal(mtkfw_profile_from_json(&q, j1, strlen(j1), "saved.json"), 0);
	assert_int_equal(mtkfw_profile_to_json(&j2, &q, "in"), 0);
	assert_string_equal(j1, j2);
	assert_int_equal(q.has_preloader, p.has_preloader);
	if (p.has_preloader) {
		assert_int_equal(q.preloader.emi.count, p.preloader.emi.count);
		for (uint32_t i = 0; i < p.preloader.emi.count; i++) {
			assert_int_equal(q.preloader.emi.entries[i].id_length, p.preloader.emi.entries[i].id_length);
			assert_memory_equal(q.preloader.emi.entries[i].id, p.preloader.emi.entries[i].id,
					    p.preloader.emi.entries[i].id_length);
			assert_int_equal(q.preloader.emi.entries[i].type, p.preloader.emi.entries[i].type);
			assert_int_equal(q.preloader.emi.entries[i].dram_size, p.preloader.emi.entries[i].dram_size);
		}
	}
	assert_int_equal(q.lk_lcm.count, p.lk_lcm.count);
	assert_int_equal(q.has_layout, p.has_layout);
	if (p.has_layout) {
		/* Decoded again from the saved numbers, each partition lands where it did. */
		assert_int_equal(q.layout->count, p.layout->count);
		for (size_t i = 0; i < p.layout->count; i++) {
			assert_int_equal(q.layout->parts[i].area, p.layout->parts[i].area);
			assert_int_equal(q.layout->parts[i].has_start, p.layout->parts[i].has_start);
			assert_int_equal(q.layout->parts[i].start, p.layout->parts[i].start);
		}
	}
	mtkfw_profile_clear(&p);
	mtkfw_profile_clear(&q);
	free(j1);
	free(j2);
	free(path);
}

static void roundtrip_package(void **state)
{
	(void)state;
	roundtrip("AllegroROM_4.2.2_mt6572/A516_S117/scatter");
}

static void roundtrip_readback(void **state)
{
	(void)state;
	roundtrip("Mobiwire_S10");
}

static void roundtrip_kernel(void **state)
{
	(void)state;
	roundtrip("android_device_lenovo_a369i-twrp/kernel");
}

static void json_errors(void **state)
{
	static const char *const bad[] = {
		"",
		"[1, 2]",
		"{\"platform\": 5}",
		"{\"preloader\": {\"emi_version\": \"v11\", \"emi\": [{\"type\": \"MCP(eMMC+LPDDR2)\", \"flash_id\": \"abc\"}]}}",
		"{\"preloader\": {\"emi_version\": \"v11\", \"emi\": [{\"type\": \"nonsense\", \"flash_id\": \"15\"}]}}",
		("{\"preloader\": {\"emi_version\": \"v11\", \"emi\": [{\"type\": \"0x202\", \"flash_id\": "
		 "\"000102030405060708090a0b0c0d0e0f10\"}]}}"),
		"{\"preloader\": {\"kind\": \"floppy\"}}",
		"{\"lk\": {\"lcm\": [1]}}",
		"{\"layout\": {\"partitions\": [{\"name\": 5}]}}",
		"{\"layout\": {\"partitions\": [{\"name\": \"A\", \"size\": -1}]}}",
		"{\"logo\": \"big\"}",
		"{\"platform\": \"MT6572\", \"platform\": \"MT6582\"}",
		"{\"layout\": {\"partitions\": [",
	};
	struct mtkfw_profile p;
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = mtkfw_profile_from_json(&p, bad[i], strlen(bad[i]), "x.json");

		if (rc != MTKFW_ERR_FORMAT)
			fail_msg("case %zu: rc %d", i, rc);
		assert_non_null(strstr(mtkfw_error_last()->message, "x.json"));
	}
	/* Too many entries: a limit, not an allocation of the attacker's choosing. */
	{
		size_t n = 200, cap = 32 + n * 50;
		char *t = malloc(cap), *w = t;

		w += sprintf(w, "{\"preloader\": {\"emi_version\": \"v11\", \"emi\": [");
		for (size_t i = 0; i < n; i++)
			w += sprintf(w, "%s{\"type\": \"0x0202\", \"flash_id\": \"15\"}", i ? "," : "");
		sprintf(w, "]}}");
		assert_int_equal(mtkfw_profile_from_json(&p, t, strlen(t), "x.json"), MTKFW_ERR_LIMIT);
		free(t);
	}
	/* A hand-written minimal profile is fine. */
	{
		static const char min[] = "{\"platform\": \"MT6572\"}";

		assert_int_equal(mtkfw_profile_from_json(&p, min, strlen(min), "x.json"), 0);
	}
	assert_string_equal(p.platform, "MT6572");
	mtkfw_profile_clear(&p);
}

static const struct mtkfw_risk *risk(const struct mtkfw_compat *c, const char *code)
{
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->risks[i].code, code) == 0)
			return &c->risks[i];
	fail_msg("no risk %s", code);
	return NULL;
}

/* The pre-flight's use: the package loaded from disk, the phone described by its CID alone. */
static void cid_only_phone(void **state)
{
	static const uint8_t a516_chip[16] = { 0x15, 0x01, 0x00, 0x4e, 0x35, 0x55, 0x30, 0x30, 0x4d, 0x01 };
	static const uint8_t hynix[16] = { 0x90, 0x01, 0x4a, 0x48, 0x34, 0x47, 0x32, 0x61, 0x11 };
	struct mtkfw_target fw, phone;
	struct mtkfw_compat c;
	(void)state;
	CORPUS_OR_SKIP(path, "AllegroROM_4.2.2_mt6572/A516_S117/scatter");
	assert_int_equal(mtkfw_target_load(&fw, path, NULL), 0);
	assert_true(fw.profile.has_layout);
	memset(&phone, 0, sizeof(phone));
	phone.has_cid = true;
	memcpy(phone.cid, a516_chip, 16);
	assert_int_equal(mtkfw_compat_check(&c, &fw, &phone), 0);
	assert_int_equal(c.count, 10);
	assert_int_equal(risk(&c, "dram")->level, MTKFW_RISK_OK);
	assert_null(risk(&c, "dram")->remedy);
	assert_int_equal(risk(&c, "display")->level, MTKFW_RISK_UNKNOWN);
	assert_int_equal(c.verdict, MTKFW_VERDICT_SAFE); /* unknown does not make it risky */
	mtkfw_compat_clear(&c);

	memcpy(phone.cid, hynix, 16);
	assert_int_equal(mtkfw_compat_check(&c, &fw, &phone), 0);
	assert_int_equal(risk(&c, "dram")->level, MTKFW_RISK_UNSAFE);
	assert_non_null(strstr(risk(&c, "dram")->evidence, "90014a483447326111"));
	assert_non_null(risk(&c, "dram")->remedy);
	assert_int_equal(c.verdict, MTKFW_VERDICT_UNSAFE);
	mtkfw_compat_clear(&c);
	/* The DA's word-reversed report of the A516 chip matches too. */
	{
		uint8_t rev[16];

		for (int w = 0; w < 4; w++)
			for (int b = 0; b < 4; b++)
				rev[4 * w + b] = a516_chip[4 * w + 3 - b];
		memcpy(phone.cid, rev, 16);
		assert_int_equal(mtkfw_compat_check(&c, &fw, &phone), 0);
		assert_int_equal(risk(&c, "dram")->level, MTKFW_RISK_OK);
		mtkfw_compat_clear(&c);
	}
	mtkfw_target_clear(&fw);
	free(path);
}

static void names_and_verdicts(void **state)
{
	(void)state;
	assert_string_equal(mtkfw_risk_level_name(MTKFW_RISK_OK), "ok");
	assert_string_equal(mtkfw_risk_level_name(MTKFW_RISK_UNKNOWN), "unknown");
	assert_string_equal(mtkfw_risk_level_name(MTKFW_RISK_RISKY), "risky");
	assert_string_equal(mtkfw_risk_level_name(MTKFW_RISK_UNSAFE), "unsafe");
	assert_string_equal(mtkfw_risk_level_name(42), "unknown");
	assert_string_equal(mtkfw_verdict_name(MTKFW_VERDICT_SAFE), "safe");
	assert_string_equal(mtkfw_verdict_name(MTKFW_VERDICT_RISKY), "risky");
	assert_string_equal(mtkfw_verdict_name(MTKFW_VERDICT_UNSAFE), "unsafe");
}

/* A readback folder: the phone's own EMI table, lk and MBR/EBR, found by content. */
static void readback_folder(void **state)
{
	struct mtkfw_target t;
	(void)state;
	CORPUS_OR_SKIP(path, "Mobiwire_S10");
	assert_int_equal(mtkfw_target_load(&t, path, NULL), 0);
	assert_true(t.readback);
	assert_true(t.profile.has_preloader);
	assert_int_equal(t.profile.preloader.kind, MTKFW_PRELOADER_BOOT1);
	assert_int_equal(t.profile.preloader.emi.count, 6);
	assert_non_null(t.table);
	assert_int_equal(t.table->format, MTKFW_LAYOUT_MBR);
	assert_false(t.has_cid);
	mtkfw_target_clear(&t);
	free(path);
}

static void target_errors(void **state)
{
	struct mtkfw_target t;
	char *dir = make_tempdir(), *f = malloc(strlen(dir) + 32);
	(void)state;
	assert_int_equal(mtkfw_target_load(&t, dir, NULL), MTKFW_ERR_NOTFOUND);
	sprintf(f, "%s/p.json", dir);
	write_file(f, "{\"hello\": 1}", 12);
	assert_int_equal(mtkfw_target_load(&t, f, NULL), MTKFW_ERR_FORMAT);
	write_file(f, "{\"emmc\": {\"cid\": \"1501\"}}", 25);
	assert_int_equal(mtkfw_target_load(&t, f, NULL), MTKFW_ERR_FORMAT);
	write_file(f, "{\"emmc\": {\"cid\": \"1501004e355530304d0123456789abcd\"}}", 53);
	assert_int_equal(mtkfw_target_load(&t, f, NULL), 0);
	assert_true(t.has_cid);
	assert_int_equal(t.cid[0], 0x15);
	assert_true(t.readback);
	mtkfw_target_clear(&t);
	rm_rf(dir);
	free(dir);
	free(f);
}

/* Copy `n` bytes of corpus file `rel` to offset `off` of the open dump. */
static void place(int fd, const char *rel, uint64_t off)
{
	size_t len;
	char *path = corpus_file(rel);
	uint8_t *b;

	assert_non_null(path);
	b = slurp(path, &len);
	assert_int_equal(pwrite(fd, b, len, (off_t)off), (ssize_t)len);
	free(b);
	free(path);
}

/*
 * A full user-area dump as mtkfw device readback --all wrote it (user.img + the old manifest.txt),
 * assembled from the Mobiwire S10's partition dumps at the offsets its scatter gives (MBR_START
 * 0x1400000: UBOOT 0x3120000 → 0x1D20000, LOGO 0x3E40000 → 0x2A40000) and a PMT built from that
 * scatter 1 MiB below the end of a sparse 4 GiB file. lk and logo must be found through the PMT
 * alone, read by range.
 */
static void full_dump(void **state)
{
	const uint64_t user = 4ull << 30;
	mtkfw_layout *sc = NULL;
	struct mtkfw_target t, fw;
	struct mtkfw_compat c;
	uint8_t pmt[MTKFW_PMT_REGION_SIZE];
	char *dir, *img, *man;
	int fd;
	(void)state;
	CORPUS_OR_SKIP(scatter, "Mobiwire_S10/MT6572_Android_scatter.txt");
	CORPUS_OR_SKIP(a516, "AllegroROM_4.2.2_mt6572/A516_S117/scatter");
	dir = make_tempdir();
	img = malloc(strlen(dir) + 32);
	man = malloc(strlen(dir) + 32);
	sprintf(img, "%s/user.img", dir);
	sprintf(man, "%s/manifest.txt", dir);
	fd = open(img, O_RDWR | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)user), 0);
	place(fd, "Mobiwire_S10/MBR", 0);
	place(fd, "Mobiwire_S10/EBR1", 0x80000);
	place(fd, "Mobiwire_S10/lk.bin", 0x3120000 - 0x1400000);
	place(fd, "Mobiwire_S10/logo.bin", 0x3E40000 - 0x1400000);
	assert_int_equal(mtkfw_scatter_load(&sc, scatter), 0);
	assert_int_equal(mtkfw_pmt_build(sc, pmt, sizeof(pmt)), 0);
	assert_int_equal(pwrite(fd, pmt, sizeof(pmt), (off_t)(user - (1u << 20))), (ssize_t)sizeof(pmt));
	close(fd);
	mtkfw_layout_free(sc);
	/* The text manifest readback --all wrote before manifest.json (its hashes are not checked here). */
	{
		static const char text[] =
			"# mtkfw readback: chip MT6572, eMMC CID 90014a48344732611100000000000000\n"
			"# sha256 area offset size file\n"
			"0000000000000000000000000000000000000000000000000000000000000000 boot1 0 4194304 boot1.img\n"
			"0000000000000000000000000000000000000000000000000000000000000000 user 0 4294967296 user.img\n";

		write_file(man, text, strlen(text));
	}

	assert_int_equal(mtkfw_target_load(&t, dir, NULL), 0);
	assert_true(t.readback);
	assert_true(t.has_cid);
	assert_int_equal(t.cid[0], 0x90);
	assert_string_equal(t.profile.platform, "MT6572");
	assert_non_null(t.table);
	assert_int_equal(t.table->format, MTKFW_LAYOUT_PMT);
	assert_int_equal(t.user_size, user);
	assert_true(t.profile.has_lk);
	assert_string_equal(t.profile.source.lk, "user.img@UBOOT");
	assert_int_equal(t.profile.lk_lcm.count, 3);
	assert_string_equal(t.profile.lk_lcm.names[0], "ili9806e_dsi_wvga_vdo_hlt");
	assert_true(t.profile.has_logo);
	assert_int_equal(t.profile.logo.width, 480);
	assert_int_equal(t.profile.logo.height, 800);
	assert_false(t.profile.has_kernel); /* BOOTIMG is all zeros here: a problem, not a failure */
	assert_true(t.profile.problem_count >= 1);

	assert_int_equal(mtkfw_target_load(&fw, a516, NULL), 0);
	assert_int_equal(mtkfw_compat_check(&c, &fw, &t), 0);
	assert_int_equal(risk(&c, "dram")->level, MTKFW_RISK_UNSAFE);
	assert_int_equal(risk(&c, "display")->level, MTKFW_RISK_UNSAFE);
	assert_int_equal(c.verdict, MTKFW_VERDICT_UNSAFE);
	mtkfw_compat_clear(&c);
	mtkfw_target_clear(&fw);
	mtkfw_target_clear(&t);

	/* The dump alone (no manifest) is a target too. */
	assert_int_equal(mtkfw_target_load(&t, img, NULL), 0);
	assert_true(t.profile.has_lk);
	assert_false(t.has_cid);
	mtkfw_target_clear(&t);
	rm_rf(dir);
	free(dir);
	free(img);
	free(man);
	free(scatter);
	free(a516);
}

/* A driver list by hand (never freed: static strings). */
#define NAMES(...) \
	((struct mtkfw_names){ (char *[]){ __VA_ARGS__ }, sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *) })

static const struct mtkfw_risk *risk_of(const struct mtkfw_compat *c, const char *code)
{
	for (size_t i = 0; i < c->count; i++)
		if (!strcmp(c->risks[i].code, code))
			return &c->risks[i];
	return NULL;
}

/* The part rules alone (what the flash pre-flight runs) decide exactly as the whole compat on
 * the same two profiles; an lk that keeps "_lcm_drv" on its panel names and a kernel that does
 * not name the same panels (mtkfw-samplegen's package against itself said "unsafe" before). */
static void part_rules(void **state)
{
	struct mtkfw_target fw = { 0 }, ph = { 0 };
	struct mtkfw_compat whole, parts;
	static const char *const codes[] = { "display", "touch", "camera", "radio" };

	(void)state;
	fw.profile.has_lk = fw.profile.has_kernel = true;
	fw.profile.lk_lcm = NAMES("hx8379a_dsi_vdo_lcm_drv", "otm8018b_dsi_vdo_lcm_drv");
	fw.profile.kernel.lcm = NAMES("hx8379a_dsi_vdo", "otm8018b_dsi_vdo");
	fw.profile.kernel.touch = NAMES("ft5336");
	ph.profile = fw.profile;
	ph.profile.kernel.touch = NAMES("gt9xx");
	assert_int_equal(mtkfw_compat_check(&whole, &fw, &ph), 0);
	assert_int_equal(mtkfwi_compat_part_risks(&parts, &fw.profile, &ph.profile, NULL, true), 0);
	assert_int_equal(parts.count, 4);
	for (size_t i = 0; i < 4; i++) {
		const struct mtkfw_risk *w = risk_of(&whole, codes[i]);

		assert_string_equal(parts.risks[i].code, codes[i]);
		assert_non_null(w);
		assert_int_equal(parts.risks[i].level, w->level);
		assert_string_equal(parts.risks[i].evidence, w->evidence);
	}
	assert_int_equal(parts.risks[0].level, MTKFW_RISK_OK); /* same panels, suffix or not */
	assert_int_equal(parts.risks[1].level, MTKFW_RISK_RISKY); /* the phone's gt9xx is missing */
	assert_int_equal(parts.verdict, MTKFW_VERDICT_RISKY);
	mtkfw_compat_clear(&whole);
	mtkfw_compat_clear(&parts);

	/* None of the phone's panels in what is written: unsafe; the phone's lcm= panel decides
	 * when known, with or without the suffix. */
	ph.profile.lk_lcm = NAMES("ili9806e_dsi_wvga_vdo_hlt_lcm_drv");
	ph.profile.kernel.touch = NAMES("ft5336");
	assert_int_equal(mtkfwi_compat_part_risks(&parts, &fw.profile, &ph.profile, NULL, true), 0);
	assert_int_equal(parts.risks[0].level, MTKFW_RISK_UNSAFE);
	assert_int_equal(parts.verdict, MTKFW_VERDICT_UNSAFE);
	mtkfw_compat_clear(&parts);
	assert_int_equal(mtkfwi_compat_part_risks(&parts, &fw.profile, &ph.profile, "otm8018b_dsi_vdo", true), 0);
	assert_int_equal(parts.risks[0].level, MTKFW_RISK_OK);
	mtkfw_compat_clear(&parts);

	/* Only lk written (the kernel stays the phone's): touch and camera are the phone's own. */
	fw.profile.has_kernel = false;
	assert_int_equal(mtkfwi_compat_part_risks(&parts, &fw.profile, &ph.profile, NULL, true), 0);
	assert_int_equal(parts.risks[0].level, MTKFW_RISK_UNSAFE);
	assert_int_equal(parts.risks[1].level, MTKFW_RISK_OK);
	assert_int_equal(parts.risks[2].level, MTKFW_RISK_OK);
	mtkfw_compat_clear(&parts);
	/* Nothing known of the phone: unknown, never ok. */
	memset(&ph, 0, sizeof(ph));
	assert_int_equal(mtkfwi_compat_part_risks(&parts, &fw.profile, &ph.profile, NULL, true), 0);
	assert_int_equal(parts.risks[0].level, MTKFW_RISK_UNKNOWN);
	mtkfw_compat_clear(&parts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cid_text),          cmocka_unit_test(roundtrip_package),
		cmocka_unit_test(roundtrip_readback), cmocka_unit_test(roundtrip_kernel),
		cmocka_unit_test(json_errors),       cmocka_unit_test(cid_only_phone),
		cmocka_unit_test(names_and_verdicts), cmocka_unit_test(readback_folder),
		cmocka_unit_test(target_errors),     cmocka_unit_test(full_dump),
		cmocka_unit_test(part_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
