/* lib/image/ramdisk.c: detection, listing with every newc header checked, safe extraction. */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Append one newc member (written here, not by libarchive). */
static size_t ent(uint8_t *out, size_t at, const char *name, unsigned mode, const char *data)
{
	size_t nl = strlen(name) + 1, dl = data ? strlen(data) : 0;
	char h[160];

	snprintf(h, sizeof(h), "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", 1u, mode, 0u, 0u, 1u,
		 0u, (unsigned)dl, 0u, 0u, 0u, 0u, (unsigned)nl, 0u);
	memcpy(out + at, h, 110);
	at += 110;
	memcpy(out + at, name, nl);
	at += nl;
	while (at % 4)
		out[at++] = 0;
	if (dl)
		memcpy(out + at, data, dl);
	at += dl;
	while (at % 4)
		out[at++] = 0;
	return at;
}

static size_t trailer(uint8_t *out, size_t at)
{
	return ent(out, at, "TRAILER!!!", 0, NULL);
}

static void list_and_detect(void **state)
{
	static uint8_t buf[4096];
	size_t n = 0;
	struct mtkfw_ramdisk rd;
	(void)state;
	n = ent(buf, n, "sbin", 040755, NULL);
	n = ent(buf, n, "./init", 0100750, "#!/bin/sh\n");
	n = ent(buf, n, "bin", 0120777, "sbin");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_detect(buf, n), MTKFW_COMP_NONE);
	assert_int_equal(mtkfw_ramdisk_detect((const uint8_t *)"\x1f\x8b\x08", 3), MTKFW_COMP_GZIP);
	assert_int_equal(mtkfw_ramdisk_detect((const uint8_t *)"hello!", 6), -1);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(rd.count, 3);
	assert_string_equal(rd.entries[1].path, "init"); /* "./" dropped */
	assert_int_equal(rd.entries[1].mode, 0100750);
	assert_int_equal(rd.entries[1].size, 10);
	assert_string_equal(rd.entries[2].link, "sbin");
	assert_int_equal(rd.comp, MTKFW_COMP_NONE);
	mtkfw_ramdisk_clear(&rd);
}

static void forged_headers(void **state)
{
	static uint8_t buf[4096];
	size_t n;
	struct mtkfw_ramdisk rd;
	(void)state;
	n = ent(buf, 0, "a", 0100644, "data");
	/* no trailer */
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_TRUNCATED);
	n = trailer(buf, n);
	/* a file size past the end */
	memcpy(buf + 54, "7fffffff", 8);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_TRUNCATED);
	memcpy(buf + 54, "00000004", 8);
	/* a name size of gigabytes */
	memcpy(buf + 94, "96000000", 8);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_FORMAT);
	memcpy(buf + 94, "00000002", 8);
	/* a non-hex field */
	buf[30] = 'z';
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_FORMAT);
	buf[30] = '0';
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	mtkfw_ramdisk_clear(&rd);
}

static void extract_refuses_escapes(void **state)
{
	static uint8_t buf[4096];
	char *dir = make_tempdir(), path[4096];
	struct mtkfw_ramdisk rd;
	size_t n;
	struct stat st;
	(void)state;
	/* a member under an earlier symlink member */
	n = ent(buf, 0, "ok", 0100644, "fine");
	n = ent(buf, n, "lnk", 0120777, "/tmp");
	n = ent(buf, n, "lnk/planted", 0100644, "pwned");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "lnk/planted"));
	snprintf(path, sizeof(path), "%s/ok", dir);
	assert_int_not_equal(stat(path, &st), 0); /* refused before anything was written */
	mtkfw_ramdisk_clear(&rd);
	/* .. and absolute names */
	n = ent(buf, 0, "../up", 0100644, "x");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), MTKFW_ERR_REFUSED);
	mtkfw_ramdisk_clear(&rd);
	n = ent(buf, 0, "/etc/x", 0100644, "x");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), MTKFW_ERR_REFUSED);
	mtkfw_ramdisk_clear(&rd);
	/* a sound one extracts, symlink included */
	n = ent(buf, 0, "etc", 040755, NULL);
	n = ent(buf, n, "etc/fstab", 0100640, "/dev/a /b ext4\n");
	n = ent(buf, n, "vendor", 0120777, "system/vendor");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), 0);
	snprintf(path, sizeof(path), "%s/etc/fstab", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 15);
	snprintf(path, sizeof(path), "%s/vendor", dir);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	mtkfw_ramdisk_clear(&rd);
	rm_rf(dir);
	free(dir);
}

/* pe900s ramdisk: gzip (1f 8b), 37 members as GNU cpio lists them, init.rc among them. */
static void corpus_pe900s(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "MTK6572-pe900s/pe900s_ramdisk.img");
	size_t len;
	uint8_t *buf = slurp(path, &len);
	struct mtkfw_ramdisk rd;
	bool init_rc = false;

	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, len), 0);
	assert_int_equal(rd.comp, MTKFW_COMP_GZIP);
	assert_int_equal(rd.count, 37);
	for (size_t i = 0; i < rd.count; i++)
		init_rc |= !strcmp(rd.entries[i].path, "init.rc");
	assert_true(init_rc);
	mtkfw_ramdisk_clear(&rd);
	/* cut short: the gzip stream ends early */
	assert_int_not_equal(mtkfw_ramdisk_list(&rd, buf, len / 2), 0);
	free(buf);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_and_detect),
		cmocka_unit_test(forged_headers),
		cmocka_unit_test(extract_refuses_escapes),
		cmocka_unit_test(corpus_pe900s),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
