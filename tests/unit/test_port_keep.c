/*
 * lib/port/keep.c: the port's keep-list. The default list (data/port-keep.txt, built in) parses,
 * gives a reason for every entry and keeps the board's parts the issue names; a list writes back
 * to the same entries; malformed entries, duplicates, binary and oversized text are refused
 * with the line; --keep and --take edit a list.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct mtkfw_keep_entry *find(const mtkfw_keep_list *l, int kind, const char *name)
{
	for (size_t i = 0; i < l->count; i++)
		if (l->items[i].kind == kind && !strcmp(l->items[i].name, name))
			return &l->items[i];
	return NULL;
}

static void default_list(void **state)
{
	static const char *const parts[] = { "PRELOADER", "UBOOT", "BOOTIMG", "RECOVERY", "LOGO", "SEC_RO" };
	static const char *const paths[] = { "/etc/firmware/modem*", "/etc/mddb", "/custom/etc/firmware", "/lib/modules" };
	static const char *const rd[] = { "fstab", "fstab.*", "init.project.rc", "init.${board}.rc", "ueventd.*.rc",
					  "meta_init.project.rc" };
	mtkfw_keep_list l;
	(void)state;

	assert_int_equal(mtkfw_keep_default(&l), 0);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		assert_non_null(find(&l, MTKFW_KEEP_PARTITION, parts[i]));
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		assert_non_null(find(&l, MTKFW_KEEP_PATH, paths[i]));
	for (size_t i = 0; i < sizeof(rd) / sizeof(rd[0]); i++)
		assert_non_null(find(&l, MTKFW_KEEP_RAMDISK, rd[i]));
	for (size_t i = 0; i < l.count; i++) {
		/* Every entry says why it is there, comes from its line, and is not strict. */
		assert_true(strlen(l.items[i].why) > 20);
		assert_true(l.items[i].line > 0);
		assert_false(l.items[i].strict);
		/* The identity and the layout are the port's own rules, never listed. */
		assert_false(mtkfw_is_identity_partition(l.items[i].name));
		assert_true(strcmp(l.items[i].name, "MBR") && strcmp(l.items[i].name, "EBR1") &&
			    strcmp(l.items[i].name, "ANDROID"));
	}
	mtkfw_keep_list_clear(&l);
	assert_int_equal(l.count, 0);
	assert_null(l.items);
}

static void round_trip(void **state)
{
	static const char text[] = "# mine\r\n"
				   "UBOOT\tmy own lk\r\n"
				   "   /etc/firmware/WMT.cfg    wifi calibration  \n"
				   "/lib/modules/\n"
				   "\n"
				   "ramdisk:init.${board}.rc the hardware's init\n"
				   "LOGO";
	mtkfw_keep_list a, b;
	char *out;
	size_t len;
	(void)state;

	assert_int_equal(mtkfw_keep_parse(&a, text, sizeof(text) - 1, "mine", true), 0);
	assert_int_equal(a.count, 5);
	assert_string_equal(a.items[0].name, "UBOOT");
	assert_string_equal(a.items[0].why, "my own lk");
	assert_int_equal(a.items[0].line, 2);
	assert_true(a.items[0].strict);
	assert_string_equal(a.items[1].name, "/etc/firmware/WMT.cfg");
	assert_string_equal(a.items[1].why, "wifi calibration");
	assert_string_equal(a.items[2].name, "/lib/modules"); /* trailing '/' dropped */
	assert_string_equal(a.items[2].why, "");
	assert_int_equal(a.items[3].kind, MTKFW_KEEP_RAMDISK);
	assert_string_equal(a.items[3].name, "init.${board}.rc");
	assert_int_equal(a.items[4].line, 7);
	assert_int_equal(mtkfw_keep_write(&out, &len, &a), 0);
	assert_string_equal(out, "UBOOT\tmy own lk\n/etc/firmware/WMT.cfg\twifi calibration\n/lib/modules\n"
				 "ramdisk:init.${board}.rc\tthe hardware's init\nLOGO\n");
	assert_int_equal(mtkfw_keep_parse(&b, out, len, "again", false), 0);
	assert_int_equal(b.count, a.count);
	for (size_t i = 0; i < a.count; i++) {
		assert_int_equal(a.items[i].kind, b.items[i].kind);
		assert_string_equal(a.items[i].name, b.items[i].name);
		assert_string_equal(a.items[i].why, b.items[i].why);
	}
	free(out);
	mtkfw_keep_list_clear(&a);
	mtkfw_keep_list_clear(&b);
}

static void expect_bad(const char *text, const char *says)
{
	mtkfw_keep_list l;

	assert_int_equal(mtkfw_keep_parse(&l, text, strlen(text), "bad.list", false), MTKFW_ERR_FORMAT);
	if (!strstr(mtkfw_error_last()->message, says))
		fail_msg("'%s': message '%s' lacks '%s'", text, mtkfw_error_last()->message, says);
	assert_non_null(strstr(mtkfw_error_last()->message, "bad.list"));
	assert_int_equal(l.count, 0);
}

static void malformed(void **state)
{
	mtkfw_keep_list l;
	char *big;
	(void)state;

	expect_bad("UBOOT ok\n/etc/../x\n", "line 2");
	expect_bad("/etc//x", "empty");
	expect_bad("/./x", "\".\"");
	expect_bad("/", "whole system");
	expect_bad("/*/modules", "last name");
	expect_bad("/etc/[ab]", "'['");
	expect_bad("NV-RAM", "partition name");
	expect_bad("ramdisk:sbin/adbd", "root");
	expect_bad("ramdisk:..", "file name");
	expect_bad("/a\\b", "backslash");
	expect_bad("UBOOT one\n# two\nuboot again\n", "listed twice (line 1)");
	expect_bad("/lib/modules\n/lib/modules/\n", "twice");
	assert_int_equal(mtkfw_keep_parse(&l, "UBOOT\0x", 7, "bin", false), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "NUL"));
	/* Absurd sizes and counts. */
	big = malloc(MTKFW_KEEP_TEXT_MAX + 1);
	assert_non_null(big);
	memset(big, '#', MTKFW_KEEP_TEXT_MAX + 1);
	assert_int_equal(mtkfw_keep_parse(&l, big, MTKFW_KEEP_TEXT_MAX + 1, "big", false), MTKFW_ERR_LIMIT);
	{
		size_t n = 0;

		for (int i = 0; i <= MTKFW_KEEP_MAX; i++)
			n += (size_t)sprintf(big + n, "/f%d\n", i);
		assert_int_equal(mtkfw_keep_parse(&l, big, n, "many", false), MTKFW_ERR_LIMIT);
	}
	memset(big, 'A', MTKFW_KEEP_NAME_MAX + 1);
	big[0] = '/';
	assert_int_equal(mtkfw_keep_parse(&l, big, MTKFW_KEEP_NAME_MAX + 1, "long", false), MTKFW_ERR_FORMAT);
	free(big);
	/* Empty text is an empty list. */
	assert_int_equal(mtkfw_keep_parse(&l, "", 0, "empty", false), 0);
	assert_int_equal(l.count, 0);
	mtkfw_keep_list_clear(&l);
}

static void edit(void **state)
{
	mtkfw_keep_list l;
	(void)state;

	assert_int_equal(mtkfw_keep_default(&l), 0);
	size_t n = l.count;

	/* --keep: a new entry is strict; one already there becomes strict. */
	assert_int_equal(mtkfw_keep_add(&l, "/etc/firmware/WMT.cfg", "named with --keep"), 0);
	assert_int_equal(l.count, n + 1);
	assert_true(find(&l, MTKFW_KEEP_PATH, "/etc/firmware/WMT.cfg")->strict);
	assert_int_equal(mtkfw_keep_add(&l, "/lib/modules/", NULL), 0);
	assert_int_equal(l.count, n + 1);
	assert_true(find(&l, MTKFW_KEEP_PATH, "/lib/modules")->strict);
	assert_int_equal(mtkfw_keep_add(&l, "/etc/x y", NULL), MTKFW_ERR_INVALID);
	assert_non_null(strstr(mtkfw_error_last()->message, "--keep"));
	/* --take: case of partition names ignored, a path's trailing '/' too. */
	assert_int_equal(mtkfw_keep_take(&l, "logo"), 0);
	assert_null(find(&l, MTKFW_KEEP_PARTITION, "LOGO"));
	assert_int_equal(mtkfw_keep_take(&l, "/lib/modules/"), 0);
	assert_null(find(&l, MTKFW_KEEP_PATH, "/lib/modules"));
	assert_int_equal(mtkfw_keep_take(&l, "ramdisk:fstab"), 0);
	assert_null(find(&l, MTKFW_KEEP_RAMDISK, "fstab"));
	assert_non_null(find(&l, MTKFW_KEEP_RAMDISK, "fstab.*"));
	assert_int_equal(mtkfw_keep_take(&l, "NVRAM"), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "NVRAM"));
	assert_int_equal(mtkfw_keep_take(&l, "LOGO"), MTKFW_ERR_NOTFOUND);
	assert_int_equal(l.count, n - 2);
	mtkfw_keep_list_clear(&l);
	assert_string_equal(mtkfw_keep_kind_name(MTKFW_KEEP_RAMDISK), "ramdisk");
	assert_string_equal(mtkfw_keep_kind_name(9), "?");
}

static void load_file(void **state)
{
	char *dir = make_tempdir(), path[4200];
	mtkfw_keep_list l;
	(void)state;

	snprintf(path, sizeof(path), "%s/my.list", dir);
	write_file(path, "UBOOT mine\n", 11);
	assert_int_equal(mtkfw_keep_load(&l, path), 0);
	assert_int_equal(l.count, 1);
	assert_true(l.items[0].strict);
	mtkfw_keep_list_clear(&l);
	snprintf(path, sizeof(path), "%s/none.list", dir);
	assert_int_equal(mtkfw_keep_load(&l, path), MTKFW_ERR_NOTFOUND);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_list), cmocka_unit_test(round_trip), cmocka_unit_test(malformed),
		cmocka_unit_test(edit),		cmocka_unit_test(load_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
