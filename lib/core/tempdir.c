/* Scratch folders for jobs that need files on disk for a while (an archive's package taken out,
 * a phone's partitions read for a port): made private, listed in the temp registry, removed
 * whole (include/mtkfw/core.h). */
#include "core/internal.h"
#include "core/tmpreg.h"

#include <errno.h>
#include <stdio.h>

int mtkfw_tempdir_make(struct mtkfw_tempdir *out, const char *parent, const char *prefix)
{
	if (!out || !prefix || strchr(prefix, '/'))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_tempdir_make: bad arguments");
	memset(out, 0, sizeof(*out));
	if (asprintf(&out->path, "%s/%s-XXXXXX", parent && *parent ? parent : "/tmp", prefix) < 0) {
		out->path = NULL;
		return mtkfw_nomem();
	}
	if (!mkdtemp(out->path)) {
		int rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot make a temporary folder: %s",
				      parent && *parent ? parent : "/tmp", strerror(errno));

		free(out->path);
		out->path = NULL;
		return rc;
	}
	/* Listed before anything is put in it: a signal from now on removes it. */
	out->reg = mtkfw_tmp_track(out->path, true);
	return 0;
}

void mtkfw_tempdir_clear(struct mtkfw_tempdir *t)
{
	if (!t)
		return;
	if (t->path)
		mtkfw_remove_tree(t->path);
	mtkfw_tmp_forget(t->reg);
	free(t->path);
	memset(t, 0, sizeof(*t));
}
