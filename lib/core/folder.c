/*
 * Folders written whole or not at all: a job that fills a folder (ext4 extract, a port) makes
 * it in a temporary folder beside the one the user named, on the same file system, and renames
 * it into place only once everything is in it. A half-made folder never looks finished.
 */
#define _XOPEN_SOURCE 700
#include "core/file.h"
#include "core/internal.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

void mtkfw_folder_remove(const char *path)
{
	/* Links are removed, never followed. */
	if (path)
		nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

bool mtkfw_folder_is_full(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	bool full = false;

	if (lstat(path, &st) != 0)
		return false;
	if (!S_ISDIR(st.st_mode) || !(d = opendir(path)))
		return true;
	while (!full && (e = readdir(d)))
		full = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return full;
}

int mtkfw_folder_temp_beside(const char *out, const char *tag, char **tmp)
{
	size_t k = strlen(out) + strlen(tag) + 16;
	char *t = malloc(k);

	*tmp = NULL;
	if (!t)
		return mtkfw_nomem();
	snprintf(t, k, "%s.%s-XXXXXX", out, tag);
	if (!mkdtemp(t)) {
		int rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create a folder beside it: %s", out, strerror(errno));

		free(t);
		return rc;
	}
	*tmp = t;
	return 0;
}

int mtkfw_folder_place(const char *tmp, const char *out)
{
	struct stat st;
	char *old = NULL;
	int rc = 0;

	if (lstat(out, &st) == 0) {
		if (S_ISDIR(st.st_mode) && rmdir(out) == 0) {
			/* It was empty. */
		} else {
			size_t k = strlen(tmp) + 5;

			if (!(old = malloc(k)))
				return mtkfw_nomem();
			snprintf(old, k, "%s.old", tmp);
			/* Moved aside, removed only once the new one is in place. */
			if (rename(out, old) != 0) {
				rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot move it aside: %s", out, strerror(errno));
				free(old);
				return rc;
			}
		}
	}
	if (rename(tmp, out) != 0) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot put the new folder in place: %s", out, strerror(errno));
		if (old)
			(void)rename(old, out);
	} else if (old) {
		mtkfw_folder_remove(old);
	}
	free(old);
	return rc;
}
