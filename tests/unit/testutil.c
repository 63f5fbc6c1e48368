#include "testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *corpus_file(const char *rel)
{
	/* MTKFW_CORPUS set by the caller wins over the configured one (tests/CMakeLists.txt). */
	const char *root = getenv("MTKFW_CORPUS") ? getenv("MTKFW_CORPUS") : getenv("MTKFW_CORPUS_DEFAULT");
	struct stat st;
	char *p;

	if (!root || !*root)
		return NULL;
	p = malloc(strlen(root) + strlen(rel) + 2);
	assert_non_null(p);
	sprintf(p, "%s/%s", root, rel);
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

char *make_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char *p = malloc(4096);

	assert_non_null(p);
	snprintf(p, 4096, "%s/mtkfw-test-XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(p));
	return p;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

void rm_rf(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void write_file(const char *path, const void *buf, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = 0;
	*len = (size_t)n;
	return buf;
}

void tempdir_free(char **dir)
{
	if (*dir) {
		rm_rf(*dir);
		free(*dir);
		*dir = NULL;
	}
}

int sh_run(const char *fmt, ...)
{
	char cmd[32768];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		fail_msg("sh_run: command longer than %zu bytes", sizeof(cmd));
	return system(cmd);
}
