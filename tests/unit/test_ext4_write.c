/*
 * lib/image/ext4_write.c: images made by mke2fs (e2fsprogs) from trees written here, labels
 * and capabilities set with debugfs; then files and folders removed and grafted from another
 * image through our calls, and e2fsprogs itself is the referee: `e2fsck -fn` finds nothing to
 * fix, `debugfs` reads the modes, owners and attributes back. Error paths: a full file system,
 * a path already there, one that is missing, an image not opened for writing. Skips without
 * mke2fs.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir, src[4200], dst[4200];

static void put(const char *rel, const char *text, size_t n)
{
	char p[4400];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	write_file(p, text, n ? n : strlen(text));
}

static int setup(void **state)
{
	char p[4400];
	static char big[300000];
	(void)state;

	dir = make_tempdir();
	snprintf(src, sizeof(src), "%s/src.img", dir);
	snprintf(dst, sizeof(dst), "%s/dst.img", dir);
	/* The phone's side: modules with labels and a capability, a modem folder, a link. */
	for (const char *d = "s s/lib s/lib/modules s/etc s/etc/mddb d d/lib d/lib/modules d/etc"; *d;) {
		size_t k = strcspn(d, " ");

		snprintf(p, sizeof(p), "%s/%.*s", dir, (int)k, d);
		mkdir(p, 0755);
		d += k + (d[k] ? 1 : 0);
	}
	put("s/lib/modules/wlan.ko", "phone wlan module\n", 0);
	put("s/lib/modules/ccci.ko", "phone ccci module\n", 0);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 4096);
	put("s/etc/mddb/BPLGUInfo_phone", big, sizeof(big));
	snprintf(p, sizeof(p), "%s/s/lib/modules/current", dir);
	symlink("wlan.ko", p);
	/* The base's side: its own modules and a file that stays. */
	put("d/lib/modules/base.ko", "base module\n", 0);
	put("d/lib/modules/base2.ko", "second base module\n", 0);
	put("d/build.prop", "ro.build.version.release=4.4.2\n", 0);
	if (sh_run("mke2fs -q -F -t ext4 -b 4096 -I 256 -d '%s/s' '%s' 4M >/dev/null 2>&1", dir, src) != 0 ||
	    sh_run("mke2fs -q -F -t ext4 -b 4096 -I 256 -d '%s/d' '%s' 8M >/dev/null 2>&1", dir, dst) != 0) {
		tempdir_free(&dir);
		return 0; /* tests skip */
	}
	/* vfs_cap_data v2: magic and flags, then CAP_NET_RAW (bit 13) permitted. */
	put("cap.bin", "\001\000\000\002\000\040\000\000\000\000\000\000\000\000\000\000\000\000\000\000", 20);
	if (sh_run("debugfs -w -R 'ea_set /lib/modules/wlan.ko security.selinux u:object_r:system_file:s0' '%s' "
	       ">/dev/null 2>&1 && debugfs -w -R 'ea_set -f %s/cap.bin /lib/modules/ccci.ko security.capability' "
	       "'%s' >/dev/null 2>&1 && debugfs -w -R 'sif /lib/modules/wlan.ko mode 0100640' '%s' >/dev/null 2>&1 "
	       "&& debugfs -w -R 'sif /lib/modules/wlan.ko uid 1000' '%s' >/dev/null 2>&1 && "
	       "debugfs -w -R 'ea_set /lib/modules security.selinux u:object_r:modules_dir:s0' '%s' >/dev/null 2>&1",
	       src, dir, src, src, src, src) != 0)
		fail_msg("debugfs could not label the source image");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tempdir_free(&dir);
	return 0;
}

#define NEED_FIXTURE() NEED_TEMPDIR(dir, "mke2fs not found")

/* The output of a debugfs request on `img`, in a malloc'd string. */
static char *debugfs(const char *img, const char *req)
{
	char out[4400];
	size_t n;
	uint8_t *b;

	snprintf(out, sizeof(out), "%s/debugfs.out", dir);
	assert_int_equal(sh_run("debugfs -R '%s' '%s' >'%s' 2>/dev/null", req, img, out), 0);
	b = slurp(out, &n);
	return (char *)b;
}

static void e2fsck_clean(const char *img)
{
	int rc = sh_run("e2fsck -fn '%s' >'%s/fsck.out' 2>&1", img, dir);

	if (rc != 0) {
		size_t n;
		char path[4400];
		uint8_t *b;

		snprintf(path, sizeof(path), "%s/fsck.out", dir);
		b = slurp(path, &n);
		print_error("%s\n", (char *)b);
		free(b);
		fail_msg("e2fsck -fn found problems in %s", img);
	}
}

/* The source image and a writable destination; the destination's bytes are saved first and put
 * back by finish(), so each test starts from the image mke2fs made. */
static void begin(mtkfw_ext4 **s, mtkfw_ext4 **d)
{
	assert_int_equal(sh_run("cp '%s' '%s.orig'", dst, dst), 0);
	assert_int_equal(mtkfw_ext4_open(s, src), 0);
	assert_int_equal(mtkfw_ext4_open_rw(d, dst), 0);
}

/* Commit, close, let e2fsck judge the result, restore the destination. */
static void finish(mtkfw_ext4 *s, mtkfw_ext4 *d)
{
	assert_int_equal(mtkfw_ext4_commit(d), 0);
	mtkfw_ext4_free(d);
	mtkfw_ext4_free(s);
	e2fsck_clean(dst);
	assert_int_equal(sh_run("cp '%s.orig' '%s'", dst, dst), 0);
}

static void graft_modules(void **state)
{
	mtkfw_ext4 *s, *d;
	struct mtkfw_ext4_geometry g0, g1;
	uint64_t nodes = 0, bytes = 0, n2 = 0;
	uint8_t *buf;
	size_t n;
	char *out;
	(void)state;

	NEED_FIXTURE();
	sh_run("cp '%s' '%s.orig'", dst, dst);
	assert_int_equal(mtkfw_ext4_open(&s, src), 0);
	assert_int_equal(mtkfw_ext4_open_rw(&d, dst), 0);
	assert_int_equal(mtkfw_ext4_geometry(&g0, d), 0);
	assert_int_equal(g0.block_size, 4096);
	assert_int_equal(g0.blocks, 2048);
	assert_int_equal(mtkfw_ext4_usage(s, "/lib/modules", &bytes, &nodes), 0);
	assert_int_equal(nodes, 4); /* the folder, two modules, the link */
	assert_true(bytes >= 3 * 4096);

	/* The base's modules go, the phone's come in with the folder's own label. */
	assert_int_equal(mtkfw_ext4_remove(d, "/lib/modules"), 0);
	assert_int_equal(mtkfw_ext4_graft(d, "/lib/modules", s, "/lib/modules", &n2), 0);
	assert_int_equal(n2, 4);
	/* A tree whose parents the base lacks (/etc/mddb): made on the way. */
	assert_int_equal(mtkfw_ext4_graft(d, "/etc/mddb/BPLGUInfo_phone", s, "/etc/mddb/BPLGUInfo_phone", NULL), 0);
	/* What is read back through the same handle before the commit. */
	assert_int_equal(mtkfw_ext4_read(&buf, &n, d, "/lib/modules/current", 100), 0);
	assert_string_equal((char *)buf, "phone wlan module\n");
	free(buf);
	assert_int_equal(mtkfw_ext4_commit(d), 0);
	mtkfw_ext4_free(d);
	mtkfw_ext4_free(s);

	e2fsck_clean(dst);
	out = debugfs(dst, "ls -l /lib/modules");
	assert_null(strstr(out, "base.ko"));
	assert_non_null(strstr(out, "wlan.ko"));
	assert_non_null(strstr(out, "ccci.ko"));
	free(out);
	out = debugfs(dst, "stat /lib/modules/wlan.ko");
	assert_non_null(strstr(out, "Mode:  0640"));
	assert_non_null(strstr(out, "User:  1000"));
	free(out);
	out = debugfs(dst, "ea_get /lib/modules/wlan.ko security.selinux");
	assert_non_null(strstr(out, "u:object_r:system_file:s0"));
	free(out);
	out = debugfs(dst, "ea_get -x /lib/modules/ccci.ko security.capability");
	assert_non_null(strstr(out, "01 00 00 02 00 20 00 00"));
	free(out);
	out = debugfs(dst, "ea_get /lib/modules security.selinux");
	assert_non_null(strstr(out, "u:object_r:modules_dir:s0"));
	free(out);
	out = debugfs(dst, "cat /build.prop");
	assert_string_equal(out, "ro.build.version.release=4.4.2\n");
	free(out);

	/* The big file's bytes are the source's, and the room it took is accounted. */
	assert_int_equal(mtkfw_ext4_open(&d, dst), 0);
	assert_int_equal(mtkfw_ext4_read(&buf, &n, d, "/etc/mddb/BPLGUInfo_phone", 1u << 20), 0);
	assert_int_equal(n, 300000);
	{
		char p[4400];
		size_t m;
		uint8_t *want;

		snprintf(p, sizeof(p), "%s/s/etc/mddb/BPLGUInfo_phone", dir);
		want = slurp(p, &m);
		assert_memory_equal(buf, want, m);
		free(want);
	}
	free(buf);
	assert_int_equal(mtkfw_ext4_geometry(&g1, d), 0);
	assert_true(g1.free_blocks < g0.free_blocks);
	mtkfw_ext4_free(d);
	sh_run("cp '%s.orig' '%s'", dst, dst);
}

/* Removing everything given back: the free counts return to where they were. */
static void remove_gives_back(void **state)
{
	mtkfw_ext4 *s, *d;
	struct mtkfw_ext4_geometry g0, g1;
	(void)state;

	NEED_FIXTURE();
	begin(&s, &d);
	assert_int_equal(mtkfw_ext4_geometry(&g0, d), 0);
	assert_int_equal(mtkfw_ext4_graft(d, "/phone", s, "/", NULL), 0);
	assert_int_equal(mtkfw_ext4_remove(d, "/phone"), 0);
	assert_int_equal(mtkfw_ext4_geometry(&g1, d), 0);
	assert_int_equal(g1.free_blocks, g0.free_blocks);
	assert_int_equal(g1.free_inodes, g0.free_inodes);
	finish(s, d);
}

/* Enough names in one folder to need more directory blocks than mke2fs gave it. */
static void folder_grows(void **state)
{
	mtkfw_ext4 *s, *d;
	char name[64];
	(void)state;

	NEED_FIXTURE();
	begin(&s, &d);
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "/many/a_rather_long_module_name_number_%03d.ko", i);
		assert_int_equal(mtkfw_ext4_graft(d, name, s, "/lib/modules/wlan.ko", NULL), 0);
	}
	finish(s, d);
}

static void errors(void **state)
{
	mtkfw_ext4 *s, *d, *ro;
	char tiny[4400], p[4400];
	int rc;
	(void)state;

	NEED_FIXTURE();
	assert_int_equal(mtkfw_ext4_open(&s, src), 0);
	assert_int_equal(mtkfw_ext4_open(&ro, dst), 0);
	/* Read-only handles are not written. */
	assert_int_equal(mtkfw_ext4_remove(ro, "/build.prop"), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_ext4_commit(ro), MTKFW_ERR_INVALID);
	mtkfw_ext4_free(ro);
	sh_run("cp '%s' '%s.orig'", dst, dst);
	assert_int_equal(mtkfw_ext4_open_rw(&d, dst), 0);
	assert_int_equal(mtkfw_ext4_remove(d, "/nope"), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_ext4_remove(d, "/lib/.."), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_ext4_remove(d, "/"), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_ext4_graft(d, "/build.prop", s, "/lib/modules/wlan.ko", NULL), MTKFW_ERR_INVALID);
	assert_non_null(strstr(mtkfw_error_last()->message, "already there"));
	assert_int_equal(mtkfw_ext4_graft(d, "/build.prop/x", s, "/lib/modules/wlan.ko", NULL), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_ext4_graft(d, "/x", s, "/no/such", NULL), MTKFW_ERR_NOTFOUND);
	mtkfw_ext4_free(d);
	sh_run("cp '%s.orig' '%s'", dst, dst);

	/* A file system with no room: the copy fails with the room left named. */
	snprintf(tiny, sizeof(tiny), "%s/tiny.img", dir);
	snprintf(p, sizeof(p), "%s/empty", dir);
	mkdir(p, 0755);
	assert_int_equal(sh_run("mke2fs -q -F -t ext4 -b 1024 -N 64 -d '%s' '%s' 256K >/dev/null 2>&1", p, tiny), 0);
	assert_int_equal(mtkfw_ext4_open_rw(&d, tiny), 0);
	rc = mtkfw_ext4_graft(d, "/mddb", s, "/etc/mddb", NULL);
	assert_int_equal(rc, MTKFW_ERR_LIMIT);
	assert_non_null(strstr(mtkfw_error_last()->message, "full"));
	mtkfw_ext4_free(d);
	/* Not an image, and not a regular file. */
	assert_int_equal(mtkfw_ext4_open_rw(&d, dir), MTKFW_ERR_INVALID);
	snprintf(p, sizeof(p), "%s/s/build.prop.none", dir);
	assert_int_equal(mtkfw_ext4_open_rw(&d, p), MTKFW_ERR_NOTFOUND);
	snprintf(p, sizeof(p), "%s/s/lib/modules/wlan.ko", dir);
	assert_true(mtkfw_ext4_open_rw(&d, p) < 0);
	mtkfw_ext4_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(graft_modules),
		cmocka_unit_test(remove_gives_back),
		cmocka_unit_test(folder_grows),
		cmocka_unit_test(errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
