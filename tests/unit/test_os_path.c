/*
 * The OS seam's path rules (lib/core/os.h): mtkfw_path_under on this system, and Windows' rules
 * (lib/core/os_path_win32.c, plain C) compiled here under other names, so that a member name
 * that would leave the output folder on Windows is caught by the Linux test run too.
 */
#include "testutil.h"
#include "core/file.h"
#include "core/os.h"

#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

/* Windows' rules, renamed so they sit beside this system's. */
#define mtkfw_os_is_sep win_is_sep
#define mtkfw_os_member_refused win_member_refused
#define mtkfw_os_is_absolute win_is_absolute
bool win_is_sep(char c);
bool win_is_absolute(const char *path);
const char *win_member_refused(const char *rel);
#include "core/os_path_win32.c"
#undef mtkfw_os_is_sep
#undef mtkfw_os_member_refused
#undef mtkfw_os_is_absolute

static void under_this_system(void **state)
{
	char *p = NULL;

	(void)state;
	assert_int_equal(mtkfw_path_under("out", "boot.img", &p), 0);
	assert_string_equal(p, "out/boot.img");
	free(p);
	assert_int_equal(mtkfw_path_under("out/", "a/b/c.bin", &p), 0);
	assert_string_equal(p, "out/a/b/c.bin");
	free(p);
	/* UTF-8 names pass untouched. */
	assert_int_equal(mtkfw_path_under("Прошивка", "固件/boot.img", &p), 0);
	assert_string_equal(p, "Прошивка/固件/boot.img");
	free(p);
	assert_int_equal(mtkfw_path_under("out", "/etc/passwd", &p), MTKFW_ERR_REFUSED);
	assert_null(p);
	assert_int_equal(mtkfw_path_under("out", "a/../../x", &p), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("out", "..", &p), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("out", "", &p), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("out", "a\x01", &p), MTKFW_ERR_REFUSED);
	assert_string_equal(mtkfw_path_base("a/b/boot.img"), "boot.img");
	assert_string_equal(mtkfw_path_base("boot.img"), "boot.img");
	assert_string_equal(mtkfw_path_base("a/"), "");
	assert_true(mtkfw_os_is_sep('/'));
	assert_true(mtkfw_os_is_absolute("/etc"));
	assert_false(mtkfw_os_is_absolute("etc/x"));
	assert_false(mtkfw_os_is_absolute(""));
}

static void windows_separators(void **state)
{
	(void)state;
	assert_true(win_is_sep('/'));
	assert_true(win_is_sep('\\'));
	assert_false(win_is_sep(':'));
	assert_false(win_is_sep('a'));
	/* Absolute: a drive with its root, a leading separator (UNC, the current drive's root). */
	assert_true(win_is_absolute("C:\\Users\\x"));
	assert_true(win_is_absolute("z:/tmp"));
	assert_true(win_is_absolute("\\\\server\\share"));
	assert_true(win_is_absolute("/tmp/x"));
	assert_false(win_is_absolute("C:name")); /* that drive's current folder */
	assert_false(win_is_absolute("C:"));
	assert_false(win_is_absolute("1:\\x"));
	assert_false(win_is_absolute("pkg\\boot.img"));
	assert_false(win_is_absolute(""));
}

static void windows_refusals(void **state)
{
	static const char *const refused[] = {
		"\\Windows\\system32\\x.dll", /* rooted on the current drive */
		"C:\\x", "C:x", "c:/x",        /* drive letters, with or without a root */
		"boot.img:hidden",             /* an alternate data stream */
		"a\\NUL", "con", "aux.txt", "nul.tar.gz", "COM1", "lpt9.bin", "Prn", "COM0", "COM\u00b9.txt",
		"dir\\.. ", "dir/...", "a. ", "trailing.", "sp ", /* trimmed to something else */
		"what?.img", "a*b", "a<b", "a>b", "a|b", "a\"b",
	};
	static const char *const allowed[] = {
		"boot.img", "a/b/c.bin", "a\\b\\c.bin", "./x", "..x", "x..y", ".hidden", "COM",
		"COM10", "console.txt", "nullish", "LPT", "Прошивка/固件/boot.img", "system.img.ext4",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (!win_member_refused(refused[i]))
			fail_msg("'%s' should be refused on Windows", refused[i]);
	}
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		const char *why = win_member_refused(allowed[i]);

		if (why)
			fail_msg("'%s' refused on Windows: %s", allowed[i], why);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(under_this_system),
		cmocka_unit_test(windows_separators),
		cmocka_unit_test(windows_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
