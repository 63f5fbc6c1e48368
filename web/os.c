/* The web's OS calls (os.h) for POSIX systems; a Windows build brings its own file. */
#include "os.h"

#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/error.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int web_random(uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return mtkfw_seterr(MTKFW_ERR_IO, "getrandom: %s", strerror(errno));
		}
		got += (size_t)r;
	}
	return 0;
}

char *web_realpath(const char *path)
{
	char *r = realpath(path, NULL);

	if (!r)
		mtkfw_seterr(errno == ENOENT || errno == ENOTDIR ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", path,
			     strerror(errno));
	return r;
}

bool web_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool web_is_char_device(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

int web_list_dir(const char *dir, size_t max, int (*each)(const struct web_dirent *e, void *user), void *user)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;
	int rc = 0;

	if (!d)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		struct web_dirent e = { de->d_name, false, 0 };
		struct stat st;
		char *full;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n++ >= max) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %zu entries", dir, max);
			break;
		}
		full = mtkfw_path_join(dir, de->d_name);
		/* stat, not lstat: a link to a folder is shown as the folder it leads to; where it
		 * leads is checked against the roots when it is opened. */
		if (full && stat(full, &st) == 0) {
			e.dir = S_ISDIR(st.st_mode);
			e.size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
		}
		free(full);
		rc = each(&e, user);
	}
	closedir(d);
	return rc;
}

char *web_temp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[PATH_MAX];

	snprintf(tmpl, sizeof(tmpl), "%s/mtkfw-web-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl)) {
		mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", tmpl, strerror(errno));
		return NULL;
	}
	return strdup(tmpl);
}

static int remove_one(const struct web_dirent *e, void *user)
{
	char *full = mtkfw_path_join(user, e->name);

	if (full)
		unlink(full);
	free(full);
	return 0;
}

void web_temp_dir_remove(const char *dir)
{
	if (!dir)
		return;
	web_list_dir(dir, 100000, remove_one, (void *)dir);
	rmdir(dir);
}

int web_open_browser(const char *url)
{
	char *argv[] = { "xdg-open", (char *)url, NULL };
	pid_t pid;
	int rc = posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ);

	if (rc != 0)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "xdg-open: %s (open %s yourself)", strerror(rc), url);
	return 0;
}

uint64_t web_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}
