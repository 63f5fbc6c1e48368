/*
 * The flash plan without a phone: packages made by mtkfw-samplegen, a phone described by hand
 * (CID, sizes, its table), and the plan's steps and pre-flight findings checked against values
 * worked out here (scatter offsets by hand, SHA-256 of the files, the EMMC_BOOT header), plus
 * the journal's round trip and its refusals.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>
#include "core/file.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const uint8_t CID[16] = { 0x15, 0x01, 0x00, 0x44, 0x4a, 0x34, 0x41, 0x33, 0x42, 0x01, 0x23, 0x45, 0x67, 0x89, 0x0a, 0x00 };
static const uint8_t OTHER[16] = { 0x90, 0x01, 0x4a, 0x48, 0x38, 0x47, 0x34, 0x61, 0x34, 0x0a, 0x11, 0x22, 0x33, 0x44, 0x55, 0xc0 };
#define USER_SIZE 0xE8F80000ull /* a 4 GB card's user area */
#define BOOT1_SIZE 0x400000ull

static char *gen(const char *args)
{
	const char *bin = getenv("MTKFW_SAMPLEGEN");
	char *dir, cmd[2048];

	if (!bin || access(bin, X_OK) != 0)
		return NULL;
	dir = make_tempdir();
	snprintf(cmd, sizeof(cmd), "'%s' '%s/pkg' --cid 150100444a3441334201234567890a00 %s >/dev/null 2>&1", bin, dir,
		 args ? args : "");
	assert_int_equal(system(cmd), 0);
	return dir;
}

#define GEN_OR_SKIP(var, args)                                       \
	char *var = gen(args);                                       \
	if (!var) {                                                  \
		print_message("skip: MTKFW_SAMPLEGEN not built\n"); \
		skip();                                              \
	}

static mtkfw_package *open_pkg(const char *dir)
{
	char *p = mtkfw_path_join(dir, "pkg");
	mtkfw_package *pkg = NULL;

	assert_int_equal(mtkfw_package_open(&pkg, p), 0);
	assert_int_equal(mtkfw_layout_resolve(pkg->layout, USER_SIZE), 0);
	free(p);
	return pkg;
}

static uint64_t phone_user_size = USER_SIZE;

static mtkfw_flash_plan *plan_for(const mtkfw_package *pkg, const uint8_t *cid, const mtkfw_layout *table, int mode,
				  const char *only, const char *skip_list)
{
	struct mtkfw_flash_phone ph = { .chip = "MT6572", .user_size = phone_user_size, .boot1_size = BOOT1_SIZE, .table = table };
	struct mtkfw_flash_opts o = { .version = 1, .mode = mode, .only = only, .skip = skip_list };
	mtkfw_flash_plan *plan = NULL;

	memcpy(ph.cid, cid, 16);
	assert_int_equal(mtkfw_flash_plan_build(&plan, pkg, &ph, &o, NULL), 0);
	return plan;
}

static const struct mtkfw_flash_step *step(const mtkfw_flash_plan *plan, int kind, const char *name)
{
	for (size_t i = 0; i < plan->count; i++)
		if (plan->steps[i].kind == kind && !strcmp(plan->steps[i].name, name))
			return &plan->steps[i];
	return NULL;
}

/* SHA-256 of a file zero-padded to a multiple of 512 bytes. */
static void padded_sha(const char *path, uint8_t out[32])
{
	size_t n = 0;
	uint8_t *buf = slurp(path, &n), zero[512] = { 0 };
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned k = 0;

	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, buf, n);
	if (n % 512)
		EVP_DigestUpdate(md, zero, 512 - n % 512);
	EVP_DigestFinal_ex(md, out, &k);
	EVP_MD_CTX_free(md);
	free(buf);
}

static void test_names(void **state)
{
	(void)state;
	for (int m = 0; m < 3; m++)
		assert_int_equal(mtkfw_flash_mode_parse(mtkfw_flash_mode_name(m)), m);
	assert_int_equal(mtkfw_flash_mode_parse("sideways"), -1);
	assert_int_equal(mtkfw_flash_mode_parse(NULL), -1);
	for (int s = 0; s < 3; s++)
		assert_int_equal(mtkfw_step_state_parse(mtkfw_step_state_name(s)), s);
	assert_true(mtkfw_is_identity_partition("nvram"));
	assert_true(mtkfw_is_identity_partition("PROTECT_S"));
	assert_false(mtkfw_is_identity_partition("PROTECT"));
	assert_false(mtkfw_is_identity_partition("LOGO"));
}

static void test_download_plan(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_package *pkg = open_pkg(dir);
	mtkfw_flash_plan *plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	const struct mtkfw_flash_step *pl, *lk, *er, *sys;
	char *lkpath = mtkfw_path_join(dir, "pkg/lk.bin");
	uint8_t sha[32];
	uint64_t pl_size;

	(void)state;
	assert_int_equal(plan->findings.errors, 0);
	/* No PMT on the phone: said, but only a warning. */
	assert_non_null(mtkfw_findings_find(&plan->findings, "no-phone-table", NULL));
	assert_non_null(mtkfw_findings_find(&plan->findings, "preloader-emi-ok", "PRELOADER"));
	/* The preloader goes to boot1 at 0 behind EMMC_BOOT (at 0) and BRLYT (at 0x200). */
	assert_non_null(pl = step(plan, MTKFW_STEP_WRITE, "PRELOADER"));
	assert_int_equal(pl->area, MTKFW_AREA_BOOT1);
	assert_int_equal(pl->offset, 0);
	assert_true(pl->boot1_wrap);
	assert_memory_equal(pl->data, "EMMC_BOOT", 9);
	assert_memory_equal(pl->data + 0x200, "BRLYT", 5);
	assert_int_equal(mtkfw_file_size(pl->path, &pl_size), 0);
	assert_true(pl->data_len >= pl_size + 0x800);
	assert_int_equal(pl->length % 512, 0);
	/* UBOOT: linear 0x2920000 in the scatter, MBR at linear 0xC00000: user offset 0x1D20000. */
	assert_non_null(lk = step(plan, MTKFW_STEP_WRITE, "UBOOT"));
	assert_int_equal(lk->area, MTKFW_AREA_USER);
	assert_int_equal(lk->offset, 0x1D20000);
	padded_sha(lkpath, sha);
	assert_memory_equal(lk->sha256, sha, 32);
	assert_false(lk->sparse);
	/* The sparse system image: its partition erased first, then only RAW/FILL sent. */
	assert_non_null(er = step(plan, MTKFW_STEP_ERASE, "ANDROID"));
	assert_non_null(sys = step(plan, MTKFW_STEP_WRITE, "ANDROID"));
	assert_true(er < sys);
	assert_int_equal(er->offset, sys->offset);
	assert_true(sys->sparse && sys->erased);
	assert_true(sys->payload > 0 && sys->payload < sys->length);
	/* Identity partitions are never written by a download; no format, no restore. */
	for (size_t i = 0; i < plan->count; i++) {
		assert_false(mtkfw_is_identity_partition(plan->steps[i].name));
		assert_int_not_equal(plan->steps[i].kind, MTKFW_STEP_RESTORE);
	}
	assert_null(step(plan, MTKFW_STEP_WRITE, "PMT"));
	mtkfw_flash_plan_free(plan);

	/* --only and --skip narrow it; an unknown name is a usage error. */
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, "uboot,LOGO", "logo");
	assert_int_equal(plan->count, 1);
	assert_string_equal(plan->steps[0].name, "UBOOT");
	mtkfw_flash_plan_free(plan);
	{
		struct mtkfw_flash_phone ph = { .chip = "MT6572", .user_size = USER_SIZE, .boot1_size = BOOT1_SIZE };
		struct mtkfw_flash_opts o = { .version = 1, .only = "NOSUCH" };

		assert_int_equal(mtkfw_flash_plan_build(&plan, pkg, &ph, &o, NULL), MTKFW_ERR_INVALID);
		assert_non_null(strstr(mtkfw_error_last()->message, "NOSUCH"));
		o.only = NULL;
		o.version = 2;
		assert_int_equal(mtkfw_flash_plan_build(&plan, pkg, &ph, &o, NULL), MTKFW_ERR_INVALID);
		/* Another chip: refused with no option to change it. */
		o.version = 1;
		ph.chip = "MT6582";
		assert_int_equal(mtkfw_flash_plan_build(&plan, pkg, &ph, &o, NULL), 0);
		assert_non_null(mtkfw_findings_find(&plan->findings, "platform-mismatch", NULL));
		assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_OTHER_CHIP);
		assert_string_equal(plan->refusal.code, "platform-mismatch");
		mtkfw_flash_plan_free(plan);
	}
	free(lkpath);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

static void test_foreign_preloader(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_package *pkg = open_pkg(dir);
	mtkfw_flash_plan *plan = plan_for(pkg, OTHER, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	const struct mtkfw_finding *f;

	(void)state;
	assert_int_equal(plan->findings.errors, 1);
	assert_non_null(f = mtkfw_findings_find(&plan->findings, "preloader-no-emi", "PRELOADER"));
	assert_non_null(strstr(f->message, "90014a4838473461340a1122334455c0"));
	assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_SKIP);
	assert_string_equal(plan->refusal.code, "preloader-no-emi");
	assert_int_equal(plan->refusal.part_count, 1);
	assert_string_equal(plan->refusal.parts[0], "PRELOADER");
	mtkfw_flash_plan_free(plan);
	/* The remedy works: the phone keeps its own preloader. */
	plan = plan_for(pkg, OTHER, NULL, MTKFW_FLASH_DOWNLOAD, NULL, "preloader");
	assert_int_equal(plan->findings.errors, 0);
	assert_null(step(plan, MTKFW_STEP_WRITE, "PRELOADER"));
	assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_NONE);
	assert_int_equal(plan->refusal.part_count, 0);
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

/* A package carrying a boot1 readback (EMMC_BOOT/BRLYT already in front) as its preloader: the
 * EMI rule still applies, and the file goes as it is, not wrapped twice. */
static void test_boot1_preloader(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	char *pl = mtkfw_path_join(dir, "pkg/preloader_sample72_emmc.bin");
	size_t n = 0, wn = 0;
	uint8_t *raw = slurp(pl, &n), *wrapped = NULL;
	mtkfw_package *pkg;
	mtkfw_flash_plan *plan;
	const struct mtkfw_flash_step *st;

	(void)state;
	assert_int_equal(mtkfw_boot1_wrap(&wrapped, &wn, raw, n, 0), 0);
	write_file(pl, wrapped, wn);
	pkg = open_pkg(dir);
	plan = plan_for(pkg, OTHER, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_non_null(mtkfw_findings_find(&plan->findings, "preloader-no-emi", "PRELOADER"));
	mtkfw_flash_plan_free(plan);
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_null(mtkfw_findings_find(&plan->findings, "preloader-no-emi", "PRELOADER"));
	assert_non_null(st = step(plan, MTKFW_STEP_WRITE, "PRELOADER"));
	assert_false(st->boot1_wrap);
	assert_null(st->data);
	assert_int_equal(st->length, (wn + 511) / 512 * 512);
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	free(raw);
	free(wrapped);
	free(pl);
	rm_rf(dir);
	free(dir);
}

/* A plan hashes plain images in the check's Checksum.ini read (lib/analysis/image_pass.h):
 * the digests must be the ones a separate read gives, padding included, with or without a
 * Checksum.ini to share the read with. */
static void check_raw_digests(const mtkfw_flash_plan *plan, int *n)
{
	uint8_t sha[32];

	*n = 0;
	for (size_t i = 0; i < plan->count; i++) {
		const struct mtkfw_flash_step *st = &plan->steps[i];

		if (st->kind != MTKFW_STEP_WRITE || st->data || st->sparse || !st->path)
			continue;
		padded_sha(st->path, sha);
		assert_memory_equal(st->sha256, sha, 32);
		(*n)++;
	}
}

/* Every write step's digest, in step order, for comparing two plans. */
struct digests {
	size_t n, sparse, unpadded;
	uint8_t sha[64][32];
};

static void collect(const mtkfw_flash_plan *plan, struct digests *d)
{
	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < plan->count && d->n < 64; i++) {
		const struct mtkfw_flash_step *st = &plan->steps[i];

		if (st->kind != MTKFW_STEP_WRITE)
			continue;
		memcpy(d->sha[d->n++], st->sha256, 32);
		d->sparse += st->sparse;
		d->unpadded += st->sparse && !st->erased; /* the whole expansion, DONT_CARE too */
	}
}

static void test_one_read(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	char *lk = mtkfw_path_join(dir, "pkg/lk.bin"), *ini = mtkfw_path_join(dir, "pkg/Checksum.ini");
	size_t n = 0;
	uint8_t *raw = slurp(lk, &n), *grown = calloc(1, n + 100);
	mtkfw_package *pkg;
	mtkfw_flash_plan *plan;
	static struct digests with[3], without[3];
	int count = 0, count2 = 0;

	(void)state;
	assert_int_equal(access(ini, R_OK), 0);
	/* lk.bin 100 bytes longer: no longer a multiple of 512, so its hash needs the padding
	 * (and its Checksum.ini value is stale: a finding, the plan is still made). logo.bin
	 * (12478 bytes) needs padding as made. */
	memset(grown + n, 0x5A, 100); /* not zeros: they would leave the byte sum as it was */
	memcpy(grown, raw, n);
	write_file(lk, grown, n + 100);
	pkg = open_pkg(dir);
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_non_null(mtkfw_findings_find(&plan->findings, "checksum-mismatch", "UBOOT"));
	check_raw_digests(plan, &count);
	assert_true(count >= 3); /* UBOOT, BOOTIMG, RECOVERY, LOGO, SEC_RO, MBR, EBR1 */
	assert_int_equal(step(plan, MTKFW_STEP_WRITE, "UBOOT")->length, (n + 100 + 511) / 512 * 512);
	collect(plan, &with[0]);
	assert_true(with[0].sparse >= 2); /* ANDROID, USRDATA (CACHE too), on erased ranges */
	mtkfw_flash_plan_free(plan);
	/* format-all: every sparse image on the erased card. */
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_FORMAT_ALL, NULL, NULL);
	collect(plan, &with[1]);
	mtkfw_flash_plan_free(plan);
	/* A 1.5 GB card: USRDATA's partition (0x34500000 + 0x40000000 in the user area) runs past
	 * its end, so it is not erased first; its image (small) fits and is written whole. */
	phone_user_size = 0x60000000;
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	collect(plan, &with[2]);
	assert_true(with[2].unpadded >= 1);
	mtkfw_flash_plan_free(plan);
	phone_user_size = USER_SIZE;
	mtkfw_package_free(pkg);
	/* Without a Checksum.ini the plan reads the files itself: the same digests. */
	assert_int_equal(unlink(ini), 0);
	pkg = open_pkg(dir);
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	check_raw_digests(plan, &count2);
	assert_int_equal(count2, count);
	collect(plan, &without[0]);
	mtkfw_flash_plan_free(plan);
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_FORMAT_ALL, NULL, NULL);
	collect(plan, &without[1]);
	mtkfw_flash_plan_free(plan);
	phone_user_size = 0x60000000;
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	collect(plan, &without[2]);
	mtkfw_flash_plan_free(plan);
	phone_user_size = USER_SIZE;
	for (int m = 0; m < 3; m++) {
		assert_int_equal(with[m].n, without[m].n);
		assert_int_equal(with[m].sparse, without[m].sparse);
		for (size_t i = 0; i < with[m].n; i++)
			assert_memory_equal(with[m].sha[i], without[m].sha[i], 32);
	}
	mtkfw_package_free(pkg);
	free(raw);
	free(grown);
	free(lk);
	free(ini);
	rm_rf(dir);
	free(dir);
}

/* A sparse image of FILL blocks: `total` blocks of `blk` bytes in one 44-byte file. */
static void write_fill_sparse(const char *path, uint32_t blk, uint32_t total)
{
	uint8_t b[44] = { 0x3a, 0xff, 0x26, 0xed, 1, 0, 0, 0, 28, 0, 12, 0 };

	memcpy(b + 12, &blk, 4); /* the test hosts are little-endian, as the format */
	memcpy(b + 16, &total, 4);
	b[20] = 1;
	b[28] = 0xc2, b[29] = 0xca;
	memcpy(b + 32, &total, 4);
	b[36] = 16;
	memset(b + 40, 0x5a, 4);
	write_file(path, b, sizeof(b));
}

/*
 * issue 14, found 2 at the flash: what must fit the partition is a sparse image's expanded
 * size, not the 44 bytes of its file; and a file that claims exabytes does not make a plan.
 */
static void test_sparse_expanded_size(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	char *img = mtkfw_path_join(dir, "pkg/system.img");
	const uint64_t android = 0x28A00000; /* ANDROID's partition_size in samplegen's scatter */
	mtkfw_package *pkg;
	mtkfw_flash_plan *plan = NULL;
	struct mtkfw_flash_phone ph = { .chip = "MT6572", .user_size = USER_SIZE, .boot1_size = BOOT1_SIZE };
	struct mtkfw_flash_opts o = { .version = 1, .mode = MTKFW_FLASH_DOWNLOAD };
	const struct mtkfw_finding *f;

	(void)state;
	write_fill_sparse(img, 4096, (uint32_t)(android / 4096) + 1);
	pkg = open_pkg(dir);
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_non_null(f = mtkfw_findings_find(&plan->findings, "image-too-big", "ANDROID"));
	if (!strstr(f->message, "system.img expanded is 681578496 bytes, the partition only 0x28a00000"))
		fail_msg("message: %s", f->message);
	assert_null(step(plan, MTKFW_STEP_WRITE, "ANDROID"));
	mtkfw_flash_plan_free(plan);
	/* exactly the partition: planned, as a sparse write */
	write_fill_sparse(img, 4096, (uint32_t)(android / 4096));
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_null(mtkfw_findings_find(&plan->findings, "image-too-big", "ANDROID"));
	assert_true(step(plan, MTKFW_STEP_WRITE, "ANDROID")->sparse);
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	/* 256 TiB in 44 bytes: over the sparse limit, no plan at all */
	write_fill_sparse(img, 65536, 0xFFFFFFFF);
	pkg = open_pkg(dir);
	memcpy(ph.cid, CID, 16);
	assert_int_equal(mtkfw_flash_plan_build(&plan, pkg, &ph, &o, NULL), MTKFW_ERR_LIMIT);
	assert_non_null(strstr(mtkfw_error_last()->message, "expands to 281474976645120 bytes"));
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	free(img);
	rm_rf(dir);
	free(dir);
}

static void test_oversize(void **state)
{
	GEN_OR_SKIP(dir, "--broken oversize");
	mtkfw_package *pkg = open_pkg(dir);
	mtkfw_flash_plan *plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);

	(void)state;
	assert_true(plan->findings.errors >= 1);
	assert_non_null(mtkfw_findings_find(&plan->findings, "image-too-big", "UBOOT"));
	assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_SKIP);
	assert_string_equal(plan->refusal.code, "image-too-big");
	assert_int_equal(plan->refusal.part_count, 1);
	assert_string_equal(plan->refusal.parts[0], "UBOOT");
	mtkfw_flash_plan_free(plan);
	/* Not written, not an error. */
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, "UBOOT");
	assert_int_equal(plan->findings.errors, 0);
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

static void test_wrong_type(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	char *logo = mtkfw_path_join(dir, "pkg/logo.bin"), *boot = mtkfw_path_join(dir, "pkg/boot.img");
	size_t n = 0;
	uint8_t *buf = slurp(logo, &n);
	mtkfw_package *pkg;
	mtkfw_flash_plan *plan;

	(void)state;
	write_file(boot, buf, n);
	pkg = open_pkg(dir);
	plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_non_null(mtkfw_findings_find(&plan->findings, "wrong-image-type", "BOOTIMG"));
	assert_true(plan->findings.errors >= 1);
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	free(buf);
	free(logo);
	free(boot);
	rm_rf(dir);
	free(dir);
}

/* The phone's table: the package's own scatter with LOGO 1 MiB smaller. */
static mtkfw_layout *moved_table(const mtkfw_package *pkg)
{
	mtkfw_layout *t = NULL;

	assert_int_equal(mtkfw_scatter_load(&t, pkg->scatter_path), 0);
	assert_int_equal(mtkfw_layout_resolve(t, USER_SIZE), 0);
	for (size_t i = 0; i < t->count; i++)
		if (!strcmp(t->parts[i].name, "LOGO"))
			t->parts[i].size -= 0x100000;
	return t;
}

/* A flash refused for two reasons names both options (issue #13 hole 6: it named the first
 * only, and the flash run with it was refused again); each named option is one that works. */
static void test_remedy_every_option(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_package *pkg = open_pkg(dir);
	mtkfw_layout *same = NULL, *moved = moved_table(pkg);
	mtkfw_flash_plan *plan;

	(void)state;
	/* Another eMMC and a moved layout: --skip PRELOADER and --mode upgrade, the user's own
	 * --skip kept. */
	plan = plan_for(pkg, OTHER, moved, MTKFW_FLASH_DOWNLOAD, NULL, "logo");
	assert_int_equal(plan->findings.errors, 2);
	assert_int_equal(plan->change.blocked, MTKFW_REMEDY_NONE);
	assert_string_equal(plan->change.skip, "logo,PRELOADER");
	assert_null(plan->change.only);
	assert_int_equal(plan->change.mode, MTKFW_FLASH_UPGRADE);
	assert_false(plan->change.port);
	/* The first refusal alone names one of the two. */
	assert_int_not_equal(plan->refusal.remedy, MTKFW_REMEDY_NONE);
	mtkfw_flash_plan_free(plan);
	plan = plan_for(pkg, OTHER, moved, MTKFW_FLASH_UPGRADE, NULL, "logo,PRELOADER");
	assert_int_equal(plan->findings.errors, 0);
	assert_null(plan->change.skip);
	assert_int_equal(plan->change.mode, -1);
	mtkfw_flash_plan_free(plan);

	/* The PMT rewritten with MBR in --skip and PRELOADER refused: MBR leaves --skip,
	 * PRELOADER joins it. */
	assert_int_equal(mtkfw_scatter_load(&same, pkg->scatter_path), 0);
	assert_int_equal(mtkfw_layout_resolve(same, USER_SIZE), 0);
	plan = plan_for(pkg, OTHER, same, MTKFW_FLASH_FORMAT_ALL, NULL, "MBR");
	assert_non_null(mtkfw_findings_find(&plan->findings, "table-skipped", "MBR"));
	assert_string_equal(plan->change.skip, "PRELOADER");
	assert_null(plan->change.only);
	mtkfw_flash_plan_free(plan);
	plan = plan_for(pkg, OTHER, same, MTKFW_FLASH_FORMAT_ALL, NULL, "PRELOADER");
	assert_int_equal(plan->findings.errors, 0);
	mtkfw_flash_plan_free(plan);
	/* With --only, what must be written joins it. */
	plan = plan_for(pkg, CID, same, MTKFW_FLASH_FORMAT_ALL, "UBOOT,EBR1", NULL);
	assert_non_null(mtkfw_findings_find(&plan->findings, "table-skipped", "MBR"));
	assert_null(plan->change.skip);
	assert_string_equal(plan->change.only, "UBOOT,EBR1,MBR");
	mtkfw_flash_plan_free(plan);
	/* A refusal no option changes says so, whatever else could be changed. */
	{
		struct mtkfw_flash_phone ph = { .chip = "MT6582", .user_size = USER_SIZE, .boot1_size = BOOT1_SIZE };
		struct mtkfw_flash_opts o = { .version = 1 };

		memcpy(ph.cid, OTHER, 16);
		assert_int_equal(mtkfw_flash_plan_build(&plan, pkg, &ph, &o, NULL), 0);
		assert_int_equal(plan->change.blocked, MTKFW_REMEDY_OTHER_CHIP);
		mtkfw_flash_plan_free(plan);
	}
	mtkfw_layout_free(same);
	mtkfw_layout_free(moved);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

static void test_layout_change(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_package *pkg = open_pkg(dir);
	mtkfw_layout *same = NULL, *moved = moved_table(pkg);
	mtkfw_flash_plan *plan;
	const struct mtkfw_flash_step *pmt, *last;

	(void)state;
	assert_int_equal(mtkfw_scatter_load(&same, pkg->scatter_path), 0);
	assert_int_equal(mtkfw_layout_resolve(same, USER_SIZE), 0);
	plan = plan_for(pkg, CID, same, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_int_equal(plan->findings.errors, 0);
	assert_false(plan->layout_changed);
	mtkfw_flash_plan_free(plan);

	plan = plan_for(pkg, CID, moved, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_true(plan->layout_changed);
	assert_non_null(mtkfw_findings_find(&plan->findings, "layout-changed", "LOGO"));
	assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_MODE_UPGRADE);
	assert_string_equal(plan->refusal.code, "layout-changed");
	mtkfw_flash_plan_free(plan);

	/* Upgrade: allowed; a new PMT 1 MiB below the end, the identity put back last. */
	plan = plan_for(pkg, CID, moved, MTKFW_FLASH_UPGRADE, NULL, NULL);
	assert_int_equal(plan->findings.errors, 0);
	assert_non_null(pmt = step(plan, MTKFW_STEP_WRITE, "PMT"));
	assert_int_equal(pmt->offset, USER_SIZE - 0x100000);
	assert_memory_equal(pmt->data, "1vTP", 4); /* "PTv1" as a little-endian word, as phones keep it */
	last = &plan->steps[plan->count - 1];
	assert_int_equal(last->kind, MTKFW_STEP_RESTORE);
	mtkfw_flash_plan_free(plan);

	/* A layout that makes NVRAM smaller than the phone's: the identity would not fit back. */
	for (size_t i = 0; i < moved->count; i++)
		if (!strcmp(moved->parts[i].name, "NVRAM"))
			moved->parts[i].size += 0x100000;
	plan = plan_for(pkg, CID, moved, MTKFW_FLASH_UPGRADE, NULL, NULL);
	assert_non_null(mtkfw_findings_find(&plan->findings, "identity-shrinks", "NVRAM"));
	assert_true(plan->findings.errors >= 1);
	mtkfw_flash_plan_free(plan);

	/* The PMT rewritten but the MBR skipped: refused, tables must agree. */
	plan = plan_for(pkg, CID, same, MTKFW_FLASH_FORMAT_ALL, NULL, "MBR");
	assert_non_null(mtkfw_findings_find(&plan->findings, "table-skipped", "MBR"));
	assert_null(mtkfw_findings_find(&plan->findings, "table-skipped", "EBR1"));
	mtkfw_flash_plan_free(plan);

	/* Format-all: the whole user area erased first, nothing else erased again. */
	plan = plan_for(pkg, CID, same, MTKFW_FLASH_FORMAT_ALL, NULL, NULL);
	assert_int_equal(plan->steps[0].kind, MTKFW_STEP_ERASE);
	assert_int_equal(plan->steps[0].offset, 0);
	assert_int_equal(plan->steps[0].length, USER_SIZE);
	for (size_t i = 1; i < plan->count; i++)
		assert_int_not_equal(plan->steps[i].kind, MTKFW_STEP_ERASE);
	assert_true(step(plan, MTKFW_STEP_WRITE, "ANDROID")->erased);
	assert_int_equal(plan->steps[plan->count - 1].kind, MTKFW_STEP_RESTORE);
	mtkfw_flash_plan_free(plan);
	mtkfw_layout_free(same);
	mtkfw_layout_free(moved);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

static void test_journal(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_package *pkg = open_pkg(dir);
	mtkfw_flash_plan *plan = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL), *again;
	char *path = mtkfw_path_join(dir, "state/j/journal.json"), *bk = NULL;
	size_t n = 0;
	uint8_t *text;
	char *p;

	(void)state;
	assert_int_equal(mtkfw_flash_journal_apply(plan, path, &bk), MTKFW_ERR_NOTFOUND);
	plan->steps[0].state = MTKFW_STEP_VERIFIED;
	plan->steps[1].state = MTKFW_STEP_WRITTEN;
	assert_int_equal(mtkfw_flash_journal_save(plan, "/backups/x", path), 0);

	again = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_int_equal(mtkfw_flash_journal_apply(again, path, &bk), 0);
	assert_string_equal(bk, "/backups/x");
	free(bk);
	assert_int_equal(again->steps[0].state, MTKFW_STEP_VERIFIED);
	assert_int_equal(again->steps[1].state, MTKFW_STEP_WRITTEN);
	assert_int_equal(again->steps[2].state, MTKFW_STEP_PENDING);
	mtkfw_flash_plan_free(again);

	/* Another mode, another phone, fewer steps: refused. */
	again = plan_for(pkg, CID, NULL, MTKFW_FLASH_FORMAT_ALL, NULL, NULL);
	assert_int_equal(mtkfw_flash_journal_apply(again, path, &bk), MTKFW_ERR_MISMATCH);
	mtkfw_flash_plan_free(again);
	again = plan_for(pkg, OTHER, NULL, MTKFW_FLASH_DOWNLOAD, NULL, "PRELOADER");
	assert_int_equal(mtkfw_flash_journal_apply(again, path, &bk), MTKFW_ERR_MISMATCH);
	mtkfw_flash_plan_free(again);
	again = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, "LOGO");
	assert_int_equal(mtkfw_flash_journal_apply(again, path, &bk), MTKFW_ERR_MISMATCH);
	mtkfw_flash_plan_free(again);

	/* A changed image: its SHA-256 differs from the journal's. */
	text = slurp(path, &n);
	assert_non_null(p = strstr((char *)text, "\"sha256\": \""));
	p[11] = p[11] == '0' ? '1' : '0';
	write_file(path, text, n);
	again = plan_for(pkg, CID, NULL, MTKFW_FLASH_DOWNLOAD, NULL, NULL);
	assert_int_equal(mtkfw_flash_journal_apply(again, path, &bk), MTKFW_ERR_MISMATCH);
	/* Garbage and truncation. */
	write_file(path, text, n / 2);
	assert_int_equal(mtkfw_flash_journal_apply(again, path, &bk), MTKFW_ERR_FORMAT);
	write_file(path, "[1,2,3]", 7);
	assert_int_equal(mtkfw_flash_journal_apply(again, path, &bk), MTKFW_ERR_MISMATCH);
	assert_null(bk);
	mtkfw_flash_plan_free(again);
	free(text);
	free(path);
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

/* A plan with the phone's own lk and kernel as read (ph.parts). */
static mtkfw_flash_plan *plan_parts(const mtkfw_package *pkg, const struct mtkfw_profile *parts, const char *only,
				    const char *skip_list)
{
	struct mtkfw_flash_phone ph = { .chip = "MT6572", .user_size = USER_SIZE, .boot1_size = BOOT1_SIZE, .parts = parts };
	struct mtkfw_flash_opts o = { .version = 1, .mode = MTKFW_FLASH_DOWNLOAD, .only = only, .skip = skip_list };
	mtkfw_flash_plan *plan = NULL;

	memcpy(ph.cid, CID, 16);
	assert_int_equal(mtkfw_flash_plan_build(&plan, pkg, &ph, &o, NULL), 0);
	return plan;
}

/* compat's display, touch and camera rules in the pre-flight: a phone whose lk lists other
 * panels than the package's lk and kernel refuses the flash, typed (code, remedy, partitions);
 * the option named lifts it; a phone whose parts were not read is a warning. */
static void test_display(void **state)
{
	GEN_OR_SKIP(dir, NULL);
	mtkfw_package *pkg = open_pkg(dir);
	char *other[] = { "ili9806e_dsi_wvga_vdo_hlt", "st7701_wvga_dsi_vdo" };
	char *same[] = { "otm8018b_dsi_vdo_lcm_drv" };
	char *touch[] = { "ft5336" };
	struct mtkfw_profile phone = { .has_lk = true, .lk_lcm = { other, 2 }, .has_kernel = true,
				       .kernel = { .touch = { touch, 1 } } };
	const struct mtkfw_finding *f;
	mtkfw_flash_plan *plan;

	(void)state;
	plan = plan_parts(pkg, &phone, NULL, NULL);
	assert_non_null(f = mtkfw_findings_find(&plan->findings, "display", "UBOOT"));
	assert_int_equal(f->severity, MTKFW_SEV_ERROR);
	assert_non_null(strstr(f->message, "ili9806e_dsi_wvga_vdo_hlt"));
	assert_string_equal(plan->refusal.code, "display");
	assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_SKIP_OR_PORT);
	assert_int_equal(plan->refusal.part_count, 2);
	assert_string_equal(plan->refusal.parts[0], "UBOOT");
	assert_string_equal(plan->refusal.parts[1], "BOOTIMG");
	assert_string_equal(mtkfw_flash_remedy_name(plan->refusal.remedy), "skip-or-port");
	assert_string_equal(plan->change.skip, "UBOOT,BOOTIMG");
	assert_true(plan->change.port);
	/* The same touch driver: a note, not a warning. */
	assert_non_null(f = mtkfw_findings_find(&plan->findings, "touch", "UBOOT"));
	assert_int_equal(f->severity, MTKFW_SEV_INFO);
	mtkfw_flash_plan_free(plan);
	/* --only with the kernel alone: only BOOTIMG is named. */
	plan = plan_parts(pkg, &phone, "BOOTIMG,LOGO", NULL);
	assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_SKIP_OR_PORT);
	assert_int_equal(plan->refusal.part_count, 1);
	assert_string_equal(plan->refusal.parts[0], "BOOTIMG");
	mtkfw_flash_plan_free(plan);
	/* The remedy works. */
	plan = plan_parts(pkg, &phone, NULL, "uboot,bootimg");
	assert_null(mtkfw_findings_find(&plan->findings, "display", NULL));
	assert_int_equal(plan->findings.errors, 0);
	assert_int_equal(plan->refusal.remedy, MTKFW_REMEDY_NONE);
	mtkfw_flash_plan_free(plan);
	/* A phone with one of the package's panels (the "_lcm_drv" kept by the package's lk). */
	phone.lk_lcm = (struct mtkfw_names){ same, 1 };
	plan = plan_parts(pkg, &phone, NULL, NULL);
	assert_non_null(f = mtkfw_findings_find(&plan->findings, "display", "UBOOT"));
	assert_int_equal(f->severity, MTKFW_SEV_INFO);
	assert_int_equal(plan->findings.errors, 0);
	mtkfw_flash_plan_free(plan);
	/* Not read: unknown, a warning that says so. */
	plan = plan_parts(pkg, NULL, NULL, NULL);
	assert_non_null(f = mtkfw_findings_find(&plan->findings, "display", "UBOOT"));
	assert_int_equal(f->severity, MTKFW_SEV_WARNING);
	assert_non_null(strstr(f->message, "were not read"));
	assert_int_equal(plan->findings.errors, 0);
	mtkfw_flash_plan_free(plan);
	mtkfw_package_free(pkg);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_download_plan),
		cmocka_unit_test(test_foreign_preloader),
		cmocka_unit_test(test_boot1_preloader),
		cmocka_unit_test(test_one_read),
		cmocka_unit_test(test_oversize),
		cmocka_unit_test(test_sparse_expanded_size),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_layout_change),
		cmocka_unit_test(test_remedy_every_option),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_journal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
