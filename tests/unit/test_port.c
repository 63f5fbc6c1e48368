/*
 * lib/port: plan, build and proof on packages mtkfw-samplegen makes. The base is a sister board
 * (other panels, another board's modem, Android 4.4.2); the phone is its own stock package (a
 * scatter agreeing with its MBR/EBR, Android 4.2.2, its modem and a labelled module). The plan
 * is checked entry by entry; the errors the plan must stop at (no kernel, no layout, a strict
 * keep entry the phone lacks, listed identity or layout partitions, a system too large or too
 * full) each leave a clear message; the build is read back through the library (the phone's
 * modem and the base's build.prop in the new system image, the phone's kernel in the boot
 * image). Skips without mtkfw-samplegen or mke2fs.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir, base[4200], phone[4200];

static int setup(void **state)
{
	const char *gen = getenv("MTKFW_SAMPLEGEN");
	(void)state;

	dir = make_tempdir();
	snprintf(base, sizeof(base), "%s/base", dir);
	snprintf(phone, sizeof(phone), "%s/phone", dir);
	if (!gen ||
	    sh_run("'%s' '%s' --project sister72 --sister --modem SISTER72_WET_KK --android 4.4.2 >/dev/null 2>&1", gen,
		   base) != 0 ||
	    sh_run("'%s' '%s' --modem SAMPLE72_WET_JB >/dev/null 2>&1", gen, phone) != 0 ||
	    sh_run("test -f '%s/system.img' && test -f '%s/system.img'", base, phone) != 0)
		tempdir_free(&dir); /* tests skip */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tempdir_free(&dir);
	return 0;
}

#define NEED_FIXTURE() NEED_TEMPDIR(dir, "mtkfw-samplegen or mke2fs missing")

static const struct mtkfw_port_part *part(const mtkfw_port_plan *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (!strcmp(p->parts[i].name, name))
			return &p->parts[i];
	fail_msg("no partition %s in the plan", name);
	return NULL;
}

static const struct mtkfw_port_path *path(const mtkfw_port_plan *p, const char *name)
{
	for (size_t i = 0; i < p->system.count; i++)
		if (!strcmp(p->system.paths[i].path, name))
			return &p->system.paths[i];
	return NULL;
}

static bool has_name(const struct mtkfw_names *n, const char *s)
{
	for (size_t i = 0; i < n->count; i++)
		if (!strcmp(n->names[i], s))
			return true;
	return false;
}

static void plan_sister(void **state)
{
	mtkfw_port_plan *p;
	const struct mtkfw_partition *pl;
	(void)state;

	NEED_FIXTURE();
	assert_int_equal(mtkfw_port_plan_build(&p, base, phone, NULL, NULL), 0);
	assert_string_equal(p->layout_from, "the phone's scatter, which agrees with its MBR/EBR");
	assert_string_equal(p->scatter_name, "MT6572_Android_scatter.txt");
	/* The board's parts from the phone, the table too; identity never downloaded. */
	for (const char *const *n = (const char *const[]){ "PRELOADER", "MBR", "EBR1", "UBOOT", "RECOVERY", "SEC_RO", "LOGO", NULL };
	     *n; n++) {
		assert_int_equal(part(p, *n)->source, MTKFW_PORT_PHONE);
		assert_non_null(part(p, *n)->from.path);
		assert_non_null(strstr(part(p, *n)->from.path, "/phone/"));
	}
	for (const char *const *n = (const char *const[]){ "NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S", "SECCFG", NULL };
	     *n; n++) {
		assert_int_equal(part(p, *n)->source, MTKFW_PORT_NONE);
		assert_null(part(p, *n)->file);
		assert_false(mtkfw_layout_find(p->layout, *n)->download);
	}
	assert_string_equal(part(p, "PRELOADER")->file, "preloader_sample72_emmc.bin");
	assert_int_equal(part(p, "CACHE")->source, MTKFW_PORT_BASE);
	assert_int_equal(part(p, "MISC")->source, MTKFW_PORT_NONE);
	/* The preloader stays in the boot area of the package's scatter. */
	pl = mtkfw_layout_find(p->layout, "PRELOADER");
	assert_int_equal(pl->area, MTKFW_AREA_BOOT1);
	assert_true(pl->download);
	/* Other Android versions: the phone's kernel on the base's ramdisk with the board files. */
	assert_int_equal(part(p, "BOOTIMG")->source, MTKFW_PORT_BUILT);
	assert_int_equal(p->boot.ramdisk, MTKFW_PORT_BASE);
	assert_string_equal(p->boot.phone_android, "4.2.2");
	assert_string_equal(p->boot.base_android, "4.4.2");
	assert_string_equal(p->boot.board, "mt6572");
	assert_int_equal(p->boot.board_files.count, 2);
	assert_true(has_name(&p->boot.board_files, "fstab.mt6572"));
	assert_true(has_name(&p->boot.board_files, "init.project.rc"));
	assert_non_null(strstr(part(p, "BOOTIMG")->reason, "Android 4.4.2"));
	/* The system: the base's, with the phone's radio and modules replacing the base's. */
	assert_int_equal(part(p, "ANDROID")->source, MTKFW_PORT_BUILT);
	assert_int_equal(p->system.count, 3);
	assert_int_equal(path(p, "/etc/firmware/modem_1_wg_n.img")->source, MTKFW_PORT_PHONE);
	assert_true(path(p, "/etc/firmware/modem_1_wg_n.img")->in_base);
	assert_int_equal(path(p, "/etc/mddb")->source, MTKFW_PORT_PHONE);
	assert_int_equal(path(p, "/lib/modules")->source, MTKFW_PORT_PHONE);
	assert_true(p->system.need_bytes > 0x10000);
	assert_true(p->system.fs_bytes == 8u << 20 && p->system.partition == 0x28A00000);
	mtkfw_port_plan_free(p);
}

static void plan_options(void **state)
{
	mtkfw_keep_list k;
	struct mtkfw_port_opts o = { .version = 1, .keep = &k };
	mtkfw_port_plan *p;
	(void)state;

	NEED_FIXTURE();
	/* --take BOOTIMG,/lib/modules,LOGO: the base's boot image, modules and logo. */
	assert_int_equal(mtkfw_keep_default(&k), 0);
	assert_int_equal(mtkfw_keep_take(&k, "BOOTIMG"), 0);
	assert_int_equal(mtkfw_keep_take(&k, "/lib/modules"), 0);
	assert_int_equal(mtkfw_keep_take(&k, "LOGO"), 0);
	assert_int_equal(mtkfw_port_plan_build(&p, base, phone, &o, NULL), 0);
	assert_int_equal(part(p, "BOOTIMG")->source, MTKFW_PORT_BASE);
	assert_int_equal(part(p, "LOGO")->source, MTKFW_PORT_BASE);
	assert_null(path(p, "/lib/modules"));
	assert_int_equal(p->system.count, 2);
	mtkfw_port_plan_free(p);
	/* A strict entry the phone has not stops the plan, with its name. */
	assert_int_equal(mtkfw_keep_add(&k, "/etc/firmware/WMT.cfg", NULL), 0);
	assert_int_equal(mtkfw_port_plan_build(&p, base, phone, &o, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "/etc/firmware/WMT.cfg"));
	assert_null(p);
	mtkfw_keep_list_clear(&k);
	/* What a keep-list may not name. */
	for (const char *const *n = (const char *const[]){ "NVRAM", "SECCFG", "MBR", "EBR1", "ANDROID", NULL }; *n; n++) {
		assert_int_equal(mtkfw_keep_default(&k), 0);
		assert_int_equal(mtkfw_keep_add(&k, *n, NULL), 0);
		assert_int_equal(mtkfw_port_plan_build(&p, base, phone, &o, NULL), MTKFW_ERR_INVALID);
		assert_non_null(strstr(mtkfw_error_last()->message, *n));
		mtkfw_keep_list_clear(&k);
	}
	/* A partition the phone's layout has not. */
	assert_int_equal(mtkfw_keep_default(&k), 0);
	assert_int_equal(mtkfw_keep_add(&k, "FAT", NULL), 0);
	assert_int_equal(mtkfw_port_plan_build(&p, base, phone, &o, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "FAT"));
	mtkfw_keep_list_clear(&k);
	/* Same Android on both sides: the phone's boot image as it is. */
	assert_int_equal(mtkfw_port_plan_build(&p, phone, phone, NULL, NULL), 0);
	assert_int_equal(part(p, "BOOTIMG")->source, MTKFW_PORT_PHONE);
	assert_int_equal(p->boot.ramdisk, MTKFW_PORT_PHONE);
	mtkfw_port_plan_free(p);
	o.version = 2;
	assert_int_equal(mtkfw_port_plan_build(&p, base, phone, &o, NULL), MTKFW_ERR_INVALID);
}

/* A copy of the phone's package with `edit` (a shell command run in it) applied. */
static void phone_copy(char *out, size_t n, const char *name, const char *edit)
{
	snprintf(out, n, "%s/%s", dir, name);
	assert_int_equal(sh_run("rm -rf '%s' && cp -r '%s' '%s' && cd '%s' && %s", out, phone, out, out, edit), 0);
}

static void plan_refusals(void **state)
{
	char ph[4300];
	mtkfw_port_plan *p;
	(void)state;

	NEED_FIXTURE();
	/* No boot image: no kernel to keep. */
	phone_copy(ph, sizeof(ph), "noboot", "rm boot.img");
	assert_int_equal(mtkfw_port_plan_build(&p, base, ph, NULL, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "no readable kernel"));
	/* An erased one. */
	phone_copy(ph, sizeof(ph), "zeroboot", "head -c 65536 /dev/zero >boot.img");
	assert_int_equal(mtkfw_port_plan_build(&p, base, ph, NULL, NULL), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "no readable kernel"));
	/* No layout at all. */
	phone_copy(ph, sizeof(ph), "nolayout", "rm MT6572_Android_scatter.txt MBR EBR1");
	assert_int_equal(mtkfw_port_plan_build(&p, base, ph, NULL, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "no layout"));
	/* A scatter that its MBR contradicts, and no PMT to settle it. */
	phone_copy(ph, sizeof(ph), "contra", "sed -i 's/linear_start_addr: 0x4900000/linear_start_addr: 0x4a00000/' "
					     "MT6572_Android_scatter.txt");
	assert_int_equal(mtkfw_port_plan_build(&p, base, ph, NULL, NULL), MTKFW_ERR_MISMATCH);
	/* An ANDROID partition smaller than the base's file system: refused with both numbers. */
	phone_copy(ph, sizeof(ph), "small", "rm MBR EBR1 && sed -i '/partition_name: ANDROID/,/partition_size/ "
					    "s/partition_size: 0x28a00000/partition_size: 0x100000/' MT6572_Android_scatter.txt");
	assert_int_equal(mtkfw_port_plan_build(&p, base, ph, NULL, NULL), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "8388608 bytes"));
	assert_non_null(strstr(mtkfw_error_last()->message, "1048576"));
	/* Modules too big for the room the base's system has. */
	phone_copy(ph, sizeof(ph), "bigmods",
		   "mkdir -p t/lib/modules && head -c 12000000 /dev/urandom >t/lib/modules/huge.ko && "
		   "printf 'ro.build.version.release=4.2.2\\n' >t/build.prop && "
		   "mke2fs -q -F -t ext4 -b 4096 -d t system.img 32M >/dev/null 2>&1 && rm -r t");
	assert_int_equal(mtkfw_port_plan_build(&p, base, ph, NULL, NULL), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "do not fit"));
	assert_null(p);
}

/* A phone scatter naming one file for two partitions: each gets a file of its own. */
static void plan_file_names(void **state)
{
	char ph[4300];
	mtkfw_port_plan *p;
	(void)state;

	NEED_FIXTURE();
	phone_copy(ph, sizeof(ph), "dupname", "sed -i 's/file_name: cache.img/file_name: system.img/' MT6572_Android_scatter.txt");
	assert_int_equal(mtkfw_port_plan_build(&p, base, ph, NULL, NULL), 0);
	assert_string_equal(part(p, "ANDROID")->file, "system.img");
	assert_string_equal(part(p, "CACHE")->file, "cache.img");
	mtkfw_port_plan_free(p);
}

static void build_and_prove(void **state)
{
	mtkfw_port_plan *p;
	struct mtkfw_port_build_opts bo = { .version = 1 };
	struct mtkfw_port_proof pr;
	char out[4300], f[4400];
	mtkfw_ext4 *fs;
	struct mtkfw_modem m;
	uint8_t *a, *b;
	size_t al, bl;
	struct mtkfw_bootimg ba, bb;
	struct stat st;
	(void)state;

	NEED_FIXTURE();
	snprintf(out, sizeof(out), "%s/out", dir);
	assert_int_equal(mtkfw_port_plan_build(&p, base, phone, NULL, NULL), 0);
	assert_int_equal(mtkfw_port_build(p, out, &bo, NULL), 0);
	/* Nothing left beside OUT. */
	assert_int_equal(sh_run("test -z \"$(ls -d '%s'.* 2>/dev/null)\"", out), 0);
	/* The system image: the phone's modem, the base's build.prop. */
	snprintf(f, sizeof(f), "%s/system.img", out);
	assert_int_equal(mtkfw_ext4_open(&fs, f), 0);
	assert_int_equal(mtkfw_modem_find(&m, fs, "system.img"), 0);
	assert_string_equal(m.project, "SAMPLE72_WET_JB");
	assert_int_equal(m.mddb.count, 1);
	assert_int_equal(mtkfw_modem_names(&m, m.mddb.names[0]), MTKFW_MODEM_NAMES_IT);
	mtkfw_modem_clear(&m);
	assert_int_equal(mtkfw_ext4_read(&a, &al, fs, "/build.prop", 1u << 20), 0);
	assert_non_null(strstr((char *)a, "ro.build.version.release=4.4.2"));
	free(a);
	assert_int_equal(mtkfw_ext4_read(&a, &al, fs, "/lib/modules/sample72_emmc_wlan.ko", 4096), 0);
	free(a);
	assert_int_equal(mtkfw_ext4_read(&a, &al, fs, "/lib/modules/sister72_wlan.ko", 4096), MTKFW_ERR_NOTFOUND);
	mtkfw_ext4_free(fs);
	/* The boot image: the phone's kernel part, byte for byte; the header the phone's. */
	snprintf(f, sizeof(f), "%s/boot.img", out);
	a = slurp(f, &al);
	snprintf(f, sizeof(f), "%s/boot.img", phone);
	b = slurp(f, &bl);
	assert_int_equal(mtkfw_bootimg_parse(&ba, a, al), 0);
	assert_int_equal(mtkfw_bootimg_parse(&bb, b, bl), 0);
	assert_int_equal(ba.part_size[MTKFW_BOOT_KERNEL], bb.part_size[MTKFW_BOOT_KERNEL]);
	assert_memory_equal(a + ba.part_offset[MTKFW_BOOT_KERNEL], b + bb.part_offset[MTKFW_BOOT_KERNEL],
			    bb.part_size[MTKFW_BOOT_KERNEL]);
	assert_true(ba.part_mtk[MTKFW_BOOT_RAMDISK]);
	assert_string_equal(ba.mtk[MTKFW_BOOT_RAMDISK].name, "ROOTFS");
	free(a);
	free(b);
	/* The proof. */
	assert_int_equal(mtkfw_port_prove(&pr, out, phone, NULL), 0);
	assert_int_equal(pr.check.errors, 0);
	for (size_t i = 0; i < pr.failed_count; i++)
		print_error("not ok: %s\n", pr.failed[i]);
	assert_true(pr.ok);
	mtkfw_port_proof_clear(&pr);
	/* OUT is there now: refused without force, replaced with it. */
	assert_int_equal(mtkfw_port_build(p, out, &bo, NULL), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "--force"));
	bo.force = true;
	snprintf(f, sizeof(f), "%s/stale", out);
	write_file(f, "x", 1);
	assert_int_equal(mtkfw_port_build(p, out, &bo, NULL), 0);
	assert_int_equal(stat(f, &st), -1);
	mtkfw_port_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan_sister),
		cmocka_unit_test(plan_options),
		cmocka_unit_test(plan_refusals),
		cmocka_unit_test(plan_file_names),
		cmocka_unit_test(build_and_prove),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
