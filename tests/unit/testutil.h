/* Shared helpers for the cmocka unit tests. */
#ifndef MTKFW_TESTUTIL_H
#define MTKFW_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Full path of a file in ../shared/corpus, or NULL when the corpus (or the file) is absent:
 * a test then calls skip(). The result is malloc'd. */
char *corpus_file(const char *rel);

/* Skip the current test when the corpus file is absent; returns its path otherwise. */
#define CORPUS_OR_SKIP(var, rel)            \
	char *var = corpus_file(rel);       \
	if (!var) {                         \
		print_message("skip: corpus file %s absent\n", rel); \
		skip();                     \
	}

/* A fresh empty temp folder (malloc'd path); removed with rm_rf(). */
char *make_tempdir(void);
void rm_rf(const char *path);

/* A folder fixture made by a group setup, NULL when a tool it needs is missing: the group's
 * teardown removes it (tempdir_free), and each test skips without it (NEED_TEMPDIR). */
void tempdir_free(char **dir);
#define NEED_TEMPDIR(dir, why)                               \
	do {                                                 \
		if (!(dir)) {                                \
			print_message("skip: %s\n", why);   \
			skip();                              \
		}                                            \
	} while (0)

/* Run a shell command made printf's way (fixtures made with mke2fs, debugfs, samplegen);
 * system()'s status. */
int sh_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write bytes to a file (test fixture); fails the test on error. */
void write_file(const char *path, const void *buf, size_t n);
/* Read a whole file; fails the test on error. */
uint8_t *slurp(const char *path, size_t *len);

#endif
