/*
 * Folder outputs, whole or not at all (ext4 extract, unpack): the folder is built under a
 * temporary name beside OUT and renamed to OUT once everything in it is written; on any
 * failure (a full disk, a refused member, an interruption) the temporary folder is removed and
 * OUT is as it was. The temporary folder is in the temp registry (core/tmpreg.h) meanwhile.
 */
#ifndef MTKFW_CORE_OUTDIR_H
#define MTKFW_CORE_OUTDIR_H

#include <stdbool.h>

struct mtkfw_outdir {
	char *tmp;  /* where the contents go */
	char *path; /* OUT */
	int reg;
};

/* Start building `path`. An OUT that exists and is not an empty folder is refused
 * (mtkfw_output_check's words) unless `force`, before anything is made. */
int mtkfw_outdir_open(struct mtkfw_outdir *d, const char *path, bool force);
/* Give the folder `mode` and rename it to OUT; an OUT being replaced is moved aside first and
 * removed only once the new one is in place. Frees the struct's strings either way; on
 * failure the temporary folder is removed too. */
int mtkfw_outdir_commit(struct mtkfw_outdir *d, unsigned mode);
/* A failure met while writing inside the temporary folder names OUT, not the hidden name:
 * the last error's message has d->tmp replaced by d->path. */
void mtkfw_outdir_name_output(const struct mtkfw_outdir *d);
/* Remove the temporary folder; safe on a zeroed struct and after commit. */
void mtkfw_outdir_abort(struct mtkfw_outdir *d);

#endif
