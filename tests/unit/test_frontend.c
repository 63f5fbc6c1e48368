/*
 * The front ends' helper: the usual folders from the environment, in the order the manual
 * gives ($MTKFW_DA first, then the data folder's DA when it is there; XDG before HOME).
 */
#include "testutil.h"

#include <mtkfw/frontend.h>

#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

static void clear_env(void)
{
	unsetenv("MTKFW_DA");
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	unsetenv("MTKFW_SYSFS_ROOT");
	unsetenv("MTKFW_DEV_ROOT");
	unsetenv("MTKFW_LIBRARY");
	unsetenv("XDG_RUNTIME_DIR");
}

static void xdg_then_home(void **state)
{
	struct mtkfw_defaults d;
	char *dir = make_tempdir(), path[4096];

	(void)state;
	clear_env();
	setenv("HOME", dir, 1);
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	snprintf(path, sizeof(path), "%s/.local/share/mtkfw", dir);
	assert_string_equal(d.data_dir, path);
	snprintf(path, sizeof(path), "%s/.local/share/mtkfw/backups", dir);
	assert_string_equal(d.backups_dir, path);
	snprintf(path, sizeof(path), "%s/.local/share/mtkfw/preloaders", dir);
	assert_string_equal(d.preloader_dir, path);
	snprintf(path, sizeof(path), "%s/.local/state/mtkfw/journal", dir);
	assert_string_equal(d.journal_dir, path);
	snprintf(path, sizeof(path), "%s/.local/share/mtkfw/MTK_AllInOne_DA.bin", dir);
	assert_string_equal(d.da_place, path);
	assert_null(d.da_file); /* nothing there */
	assert_null(d.ports.sysfs_root);
	mtkfw_defaults_clear(&d);

	setenv("XDG_DATA_HOME", "/x/data", 1);
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("MTKFW_SYSFS_ROOT", "/fake/sys", 1);
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	assert_string_equal(d.data_dir, "/x/data/mtkfw");
	assert_string_equal(d.journal_dir, "/x/state/mtkfw/journal");
	assert_string_equal(d.ports.sysfs_root, "/fake/sys");
	mtkfw_defaults_clear(&d);
	assert_null(d.data_dir);
	rm_rf(dir);
	free(dir);
}

/* The folders main's interrupts and library brought: port locks and the firmware library. */
static void locks_and_library(void **state)
{
	struct mtkfw_defaults d;

	(void)state;
	clear_env();
	setenv("HOME", "/h", 1);
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	assert_string_equal(d.lock_dir, "/run/lock/mtkfw"); /* root without a session */
	assert_string_equal(d.library_file, "/h/.local/share/mtkfw/library.sqlite");
	mtkfw_defaults_clear(&d);
	setenv("XDG_RUNTIME_DIR", "/run/user/7", 1);
	setenv("MTKFW_LIBRARY", "/shop/lib.sqlite", 1);
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	assert_string_equal(d.lock_dir, "/run/user/7/mtkfw");
	assert_string_equal(d.library_file, "/shop/lib.sqlite"); /* $MTKFW_LIBRARY first */
	mtkfw_defaults_clear(&d);
	/* No data folder and no $MTKFW_LIBRARY: no library, the lock folder still. */
	clear_env();
	unsetenv("HOME");
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	assert_null(d.library_file);
	assert_string_equal(d.lock_dir, "/run/lock/mtkfw");
	mtkfw_defaults_clear(&d);
}

static void da_order(void **state)
{
	struct mtkfw_defaults d;
	char *dir = make_tempdir(), path[4096];

	(void)state;
	clear_env();
	setenv("XDG_DATA_HOME", dir, 1);
	snprintf(path, sizeof(path), "%s/mtkfw", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/mtkfw/MTK_AllInOne_DA.bin", dir);
	write_file(path, "MTK_DOWNLOAD_AGENT", 18);
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	assert_string_equal(d.da_file, path); /* the data folder's, when it is there */
	mtkfw_defaults_clear(&d);
	setenv("MTKFW_DA", "/given/da.bin", 1);
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	assert_string_equal(d.da_file, "/given/da.bin"); /* $MTKFW_DA first */
	mtkfw_defaults_clear(&d);
	/* Neither XDG nor HOME: no folders, and no failure. */
	clear_env();
	unsetenv("HOME");
	assert_int_equal(mtkfw_defaults_get(&d), 0);
	assert_null(d.data_dir);
	assert_null(d.journal_dir);
	assert_null(d.da_file);
	mtkfw_defaults_clear(&d);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xdg_then_home),
		cmocka_unit_test(da_order),
		cmocka_unit_test(locks_and_library),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
