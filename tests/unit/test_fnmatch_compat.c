/*
 * The Windows build's fnmatch (lib/core/fnmatch_win32.c; mingw has none) compiled here under
 * another name and held against glibc's fnmatch with flags 0 in the C locale: the port's
 * keep-list and board patterns must pick the same files on both systems.
 */
#include "testutil.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

int win_fnmatch(const char *pattern, const char *string, int flags);
#define fnmatch win_fnmatch
#include "core/fnmatch_win32.c"
#undef fnmatch

static void same(const char *pat, const char *str)
{
	int want = fnmatch(pat, str, 0) == 0, got = win_fnmatch(pat, str, 0) == 0;

	if (want != got)
		fail_msg("fnmatch('%s', '%s'): glibc %s, ours %s", pat, str, want ? "match" : "no match",
			 got ? "match" : "no match");
}

static void written_cases(void **state)
{
	static const char *const pats[] = {
		"*", "*.so", "lib/*.so", "etc/firmware/*", "system/lib/hw/*.mt6572.so", "a?c", "[abc]x",
		"[!abc]x", "[^abc]x", "[a-c]*", "[]]", "[]a]x", "[!]]", "[a-]", "[-a]", "[", "[a", "a[",
		"\\*", "\\[a]", "a\\b", "[[:digit:]]*", "[[:alpha:][:digit:]]", "[[:nope:]]", "*a*b*c",
		"**x", "*/", "?*?", "", "[\\]]", "[a\\-c]", ".*", "*.[ch]", "a*b?c[de]f",
	};
	static const char *const strs[] = {
		"", "a", "abc", "a/c", "axc", "bx", "dx", "]", "]x", "ax", "-", "*", "[a]", "[", "a[",
		"ab", "a\\b", "7up", "x", "lib/libc.so", "lib/sub/x.so", "etc/firmware/fw.bin",
		"system/lib/hw/gralloc.mt6572.so", "aXbYc", "abcabc", "xx", "dir/", "\\", ".hidden", "f.c",
		"a1bxcdf", "a1bxcef",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
		for (size_t j = 0; j < sizeof(strs) / sizeof(strs[0]); j++)
			same(pats[i], strs[j]);
}

/* Random patterns and names from the bytes that mean something to fnmatch. */
static void random_cases(void **state)
{
	static const char pat_bytes[] = "ab/.*?[]!^-\\:";
	static const char str_bytes[] = "ab/.-]![\\";
	char pat[12], str[10];
	unsigned seed = 20;

	(void)state;
	for (int n = 0; n < 300000; n++) {
		size_t pl = (size_t)rand_r(&seed) % (sizeof(pat) - 1), sl = (size_t)rand_r(&seed) % (sizeof(str) - 1);

		for (size_t i = 0; i < pl; i++)
			pat[i] = pat_bytes[(size_t)rand_r(&seed) % (sizeof(pat_bytes) - 1)];
		pat[pl] = 0;
		for (size_t i = 0; i < sl; i++)
			str[i] = str_bytes[(size_t)rand_r(&seed) % (sizeof(str_bytes) - 1)];
		str[sl] = 0;
		/* Collating symbols ([.x.]) are left out on purpose (fnmatch_win32.c). */
		if (!strstr(pat, "[."))
			same(pat, str);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(written_cases),
		cmocka_unit_test(random_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
