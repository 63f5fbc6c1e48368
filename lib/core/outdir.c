/* Folder outputs built beside OUT and renamed into place (core/outdir.h). */
#include "core/outdir.h"
#include "core/file.h"
#include "core/internal.h"
#include "core/tmpreg.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* OUT is there and holds something, or is not a folder. */
static bool out_taken(const char *out)
{
	struct stat st;
	struct dirent *e;
	bool full = false;
	DIR *d;

	if (lstat(out, &st) != 0)
		return false;
	if (!S_ISDIR(st.st_mode) || !(d = opendir(out)))
		return true;
	while (!full && (e = readdir(d)))
		full = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return full;
}

int mtkfw_output_check(const char *path, bool force)
{
	struct stat st;

	if (!path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "no output named");
	if (force || lstat(path, &st) != 0)
		return 0;
	/* An empty folder is where a folder output may go; the folder code asks out_taken. */
	return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s exists: add --force to replace it", path);
}

int mtkfw_outdir_check(const char *path, bool force)
{
	return !force && path && out_taken(path) ? mtkfw_output_check(path, false) : mtkfw_output_check(path, true);
}

int mtkfw_outdir_open(struct mtkfw_outdir *d, const char *path, bool force)
{
	memset(d, 0, sizeof(*d));
	if (!force && out_taken(path))
		return mtkfw_output_check(path, false);
	if (!(d->path = mtkfw_strdup(path)) || !(d->tmp = mtkfw_tmp_template(path))) {
		mtkfw_outdir_abort(d);
		return MTKFW_ERR_NOMEM;
	}
	if (!mkdtemp(d->tmp)) {
		int rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create a folder beside it: %s", path, strerror(errno));

		free(d->tmp);
		d->tmp = NULL;
		mtkfw_outdir_abort(d);
		return rc;
	}
	d->reg = mtkfw_tmp_track(d->tmp, true);
	return 0;
}

/* A free name beside OUT for the old one while the new one moves in. */
static char *aside_name(const char *out)
{
	char *t = mtkfw_tmp_template(out);

	if (t && !mkdtemp(t)) {
		mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot move it aside: %s", out, strerror(errno));
		free(t);
		return NULL;
	}
	/* rename() onto an empty folder is allowed for a folder, not for a file: free the name. */
	if (t)
		rmdir(t);
	return t;
}

int mtkfw_outdir_commit(struct mtkfw_outdir *d, unsigned mode)
{
	struct stat st;
	char *old = NULL;
	int rc = 0;

	if (chmod(d->tmp, mode & 07777) != 0)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", d->path, strerror(errno));
	if (!rc && lstat(d->path, &st) == 0 && !(S_ISDIR(st.st_mode) && rmdir(d->path) == 0)) {
		if (!(old = aside_name(d->path)))
			rc = mtkfw_error_last()->code;
		else if (rename(d->path, old) != 0) {
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot move it aside: %s", d->path, strerror(errno));
			free(old);
			old = NULL;
		}
	}
	if (!rc && rename(d->tmp, d->path) != 0) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot put the folder in place: %s", d->path, strerror(errno));
		if (old && rename(old, d->path) == 0) {
			free(old);
			old = NULL;
		}
	}
	if (old) {
		mtkfw_remove_tree(old);
		free(old);
	}
	if (rc) {
		mtkfw_outdir_abort(d);
		return rc;
	}
	mtkfw_tmp_forget(d->reg);
	free(d->tmp);
	free(d->path);
	memset(d, 0, sizeof(*d));
	return 0;
}

void mtkfw_outdir_name_output(const struct mtkfw_outdir *d)
{
	const mtkfw_error *e = mtkfw_error_last();
	const char *at;
	char *msg;

	if (!d->tmp || !e->code || !(at = strstr(e->message, d->tmp)) || !(msg = mtkfw_strdup(e->message)))
		return;
	at = msg + (at - e->message);
	mtkfw_seterr(e->code, "%.*s%s%s", (int)(at - msg), msg, d->path, at + strlen(d->tmp));
	free(msg);
}

void mtkfw_outdir_abort(struct mtkfw_outdir *d)
{
	if (d->tmp)
		mtkfw_remove_tree(d->tmp);
	mtkfw_tmp_forget(d->reg);
	free(d->tmp);
	free(d->path);
	memset(d, 0, sizeof(*d));
}
