/*
 * The firmware library's jobs (`mtkfw library ...`): each opens the catalogue named in its
 * options, does one thing and leaves what it found in the outcome.
 */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

#include <stdio.h>

/* The catalogue every library job starts with: a location is required (the library has no
 * default: the front end resolves one). */
static int open_catalog(mtkfw_catalog **cat, const char *db, unsigned flags)
{
	*cat = NULL;
	if (!db || !*db)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library: no catalogue named");
	return mtkfw_catalog_open(cat, db, flags);
}

/* The end of every library job: the catalogue closed, the result set when it went well. */
static int end(struct job *j, mtkfw_catalog *cat, int rc)
{
	mtkfw_catalog_free(cat);
	if (!rc)
		j->out->result = MTKFW_RESULT_DONE;
	return mtkfwi_job_end(j, rc);
}

int mtkfw_job_library_add(struct mtkfw_job_outcome *out, const struct mtkfw_library_add_job *opts, mtkfw_ctx *ctx)
{
	struct mtkfw_catalog_add_opts ao = { .version = 1, .tmp_dir = opts->tmp_dir, .full_hash = opts->full_hash };
	const struct mtkfw_catalog_add_report *r = &out->library_add;
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_ADD, ctx);
	if (!opts->paths.count)
		return end(&j, NULL, mtkfw_seterr(MTKFW_ERR_INVALID, "library add: no path to look in"));
	if ((rc = open_catalog(&cat, opts->db, MTKFW_CATALOG_CREATE | MTKFW_CATALOG_WRITE)) ||
	    (rc = mtkfw_catalog_add(&out->library_add, cat, opts->paths.names, opts->paths.count, &ao, ctx)))
		return end(&j, cat, rc);
	for (size_t i = 0; !rc && i < r->failed_count; i++) {
		char *note = NULL;

		rc = asprintf(&note, "%s: %s", r->failed[i].path, r->failed[i].error) < 0
			     ? mtkfw_nomem()
			     : mtkfwi_job_event(&j, MTKFW_EVENT_NOTE, NULL, NULL, note);
		free(note);
	}
	return end(&j, cat, rc);
}
