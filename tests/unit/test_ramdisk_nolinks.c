/*
 * A ramdisk extracted into a folder that cannot hold symlinks (FAT or exFAT; Windows without
 * Developer Mode): symlink() fails with EPERM there. This program's own symlink() stands in
 * for such a file system (it interposes on the C library's for the library linked in). The
 * links stay in the member list (the manifest) and the ramdisk rebuilds with them; before,
 * the whole extraction failed on the first link.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int symlink(const char *target, const char *path)
{
	(void)target;
	(void)path;
	errno = EPERM;
	return -1;
}


static void links_kept_in_the_list(void **state)
{
	static uint8_t buf[4096];
	char *dir = make_tempdir(), path[4096];
	struct mtkfw_ramdisk rd, back;
	uint8_t *out = NULL;
	size_t n, out_len = 0;
	struct stat st;
	bool found = false;

	(void)state;
	n = newc_ent(buf, 0, "etc", 040755, NULL);
	n = newc_ent(buf, n, "etc/fstab", 0100640, "/dev/a /b ext4\n");
	n = newc_ent(buf, n, "vendor", 0120777, "system/vendor");
	n = newc_ent(buf, n, "init", 0100750, "#!init\n");
	n = newc_ent(buf, n, "TRAILER!!!", 0, NULL);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), 0);
	/* Every file after the link was written; the link itself is not on disk. */
	snprintf(path, sizeof(path), "%s/init", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 7);
	snprintf(path, sizeof(path), "%s/vendor", dir);
	assert_int_not_equal(lstat(path, &st), 0);
	/* Rebuilt from the list and the folder: the link is back, with its target. */
	assert_int_equal(mtkfw_ramdisk_build(&out, &out_len, &rd, dir), 0);
	assert_int_equal(mtkfw_ramdisk_list(&back, out, out_len), 0);
	for (size_t i = 0; i < back.count; i++)
		if (!strcmp(back.entries[i].path, "vendor")) {
			assert_true(S_ISLNK(back.entries[i].mode));
			assert_string_equal(back.entries[i].link, "system/vendor");
			found = true;
		}
	assert_true(found);
	free(out);
	mtkfw_ramdisk_clear(&back);
	mtkfw_ramdisk_clear(&rd);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links_kept_in_the_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
