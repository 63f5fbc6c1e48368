/*
 * The library's match job: a target read (or the phone on the cable read into a private
 * folder laid out like a readback, so both are loaded by the same code and ranked the same
 * way), then the catalogue's packages ranked for it.
 */
#include "jobs/jobs_internal.h"
#include "core/internal.h"
#include "core/tmpreg.h"

#include <errno.h>
#include <stdio.h>

/* The phone on the cable into a new folder under `tmp` (*dir, malloc'd, listed for removal
 * on a signal: *reg); the session ends here, before the ranking. */
static int read_phone(struct job *j, const struct mtkfw_library_match_job *o, char **dir, int *reg)
{
	int rc;

	if (asprintf(dir, "%s/mtkfw-phone-XXXXXX", o->tmp_dir && *o->tmp_dir ? o->tmp_dir : "/tmp") < 0) {
		*dir = NULL;
		return mtkfw_nomem();
	}
	if (!mkdtemp(*dir)) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot make a temporary folder: %s", *dir, strerror(errno));
		free(*dir);
		*dir = NULL;
		return rc;
	}
	*reg = mtkfw_tmp_track(*dir, true);
	if (!(rc = mtkfwi_job_connect(j, &o->connect, true, MTKFW_USB_KEEP, NULL)))
		rc = mtkfwi_job_read_for_match(j, *dir);
	mtkfwi_job_note_device(j);
	mtkfw_device_close(j->dev);
	j->dev = NULL;
	return rc;
}

int mtkfw_job_library_match(struct mtkfw_job_outcome *out, const struct mtkfw_library_match_job *opts, mtkfw_ctx *ctx)
{
	struct mtkfw_catalog_match_opts mo = { .version = 1, .board = opts->board, .has_cid = opts->has_cid,
					       .limit = opts->limit, .all = opts->all };
	mtkfw_catalog *cat = NULL;
	char *dir = NULL;
	int reg = 0;
	struct job j;
	int rc;

	memcpy(mo.cid, opts->cid, 16);
	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_MATCH, ctx);
	rc = mtkfwi_job_open_catalog(&cat, opts->db, opts->shop, 0);
	if (!rc && opts->target && !(out->match_input = mtkfw_strdup(opts->target)))
		rc = mtkfw_nomem();
	if (!rc && !opts->target)
		rc = read_phone(&j, opts, &dir, &reg);
	if (!rc && !(rc = mtkfw_target_load(&out->target, dir ? dir : opts->target, ctx))) {
		out->has_target = true;
		rc = mtkfw_catalog_match(&out->library_match, cat, &out->target, &mo, ctx);
	}
	if (!rc)
		out->result = MTKFW_RESULT_DONE;
	if (dir) {
		mtkfw_remove_tree(dir);
		mtkfw_tmp_forget(reg);
		free(dir);
	}
	mtkfw_catalog_free(cat);
	return mtkfwi_job_end(&j, rc);
}
