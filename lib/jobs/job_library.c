/*
 * The firmware library's jobs (`mtkfw library ...`): each opens the catalogue named in its
 * options, does one thing and leaves what it found in the outcome.
 */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

#include <stdio.h>

int mtkfwi_job_open_catalog(mtkfw_catalog **cat, const char *db, const char *shop, unsigned flags)
{
	int rc;

	*cat = NULL;
	if (!db || !*db)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library: no catalogue named");
	if ((rc = mtkfw_catalog_open(cat, db, flags)) == 0 && (rc = mtkfw_catalog_set_shop(*cat, shop)) != 0) {
		mtkfw_catalog_free(*cat);
		*cat = NULL;
	}
	return rc;
}

/* The end of every library job: the catalogue closed, the result set when it went well. */
static int end(struct job *j, mtkfw_catalog *cat, int rc)
{
	mtkfw_catalog_free(cat);
	if (!rc)
		j->out->result = MTKFW_RESULT_DONE;
	return mtkfwi_job_end(j, rc);
}

/* Tell the caller about one package as the job goes on: "PATH: what". */
static int note(struct job *j, const char *path, const char *what)
{
	char *text = NULL;
	int rc;

	if (asprintf(&text, "%s: %s", path, what) < 0)
		return mtkfw_nomem();
	rc = mtkfwi_job_event(j, MTKFW_EVENT_NOTE, NULL, NULL, text);
	free(text);
	return rc;
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
	if ((rc = mtkfwi_job_open_catalog(&cat, opts->db, opts->shop, MTKFW_CATALOG_CREATE | MTKFW_CATALOG_WRITE)) ||
	    (rc = mtkfw_catalog_add(&out->library_add, cat, opts->paths.names, opts->paths.count, &ao, ctx)))
		return end(&j, cat, rc);
	for (size_t i = 0; !rc && i < r->failed_count; i++)
		rc = note(&j, r->failed[i].path, r->failed[i].error);
	return end(&j, cat, rc);
}

/* The words as one search text, each followed by a space. */
static char *words_text(const struct mtkfw_name_list *w)
{
	size_t n = 1;
	char *text;

	for (size_t i = 0; i < w->count; i++)
		n += strlen(w->names[i]) + 1;
	if (!(text = calloc(1, n))) {
		mtkfw_nomem();
		return NULL;
	}
	for (size_t i = 0; i < w->count; i++) {
		strcat(text, w->names[i]);
		strcat(text, " ");
	}
	return text;
}

int mtkfw_job_library_search(struct mtkfw_job_outcome *out, const struct mtkfw_library_search_job *opts,
			     mtkfw_ctx *ctx)
{
	mtkfw_catalog *cat = NULL;
	char *text = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_SEARCH, ctx);
	if (opts->words.count && !(text = words_text(&opts->words)))
		return end(&j, NULL, mtkfw_error_last()->code);
	if (!(rc = mtkfwi_job_open_catalog(&cat, opts->db, NULL, 0)))
		rc = mtkfw_catalog_list(&out->library_list, cat, text);
	free(text);
	return end(&j, cat, rc);
}

int mtkfw_job_library_show(struct mtkfw_job_outcome *out, const struct mtkfw_library_job *opts, mtkfw_ctx *ctx)
{
	const struct mtkfw_catalog_package *p = &out->library_package;
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_SHOW, ctx);
	if ((rc = mtkfwi_job_open_catalog(&cat, opts->db, NULL, 0)) || (rc = mtkfw_catalog_show(&out->library_package, cat, opts->id)))
		return end(&j, cat, rc);
	/* A fingerprint that no longer reads (written by another version) leaves the package
	 * shown without it. */
	if (p->fingerprint)
		out->has_target = mtkfw_target_from_json(&out->target, p->fingerprint, strlen(p->fingerprint),
							 p->entry.path) == 0;
	return end(&j, cat, 0);
}

int mtkfw_job_library_forget(struct mtkfw_job_outcome *out, const struct mtkfw_library_job *opts, mtkfw_ctx *ctx)
{
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_FORGET, ctx);
	if (!(rc = mtkfwi_job_open_catalog(&cat, opts->db, NULL, MTKFW_CATALOG_WRITE)))
		rc = mtkfw_catalog_forget(cat, opts->id);
	return end(&j, cat, rc);
}

int mtkfw_job_library_check(struct mtkfw_job_outcome *out, const struct mtkfw_library_job *opts, mtkfw_ctx *ctx)
{
	const struct mtkfw_catalog_check *c = &out->library_check;
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_CHECK, ctx);
	if ((rc = mtkfwi_job_open_catalog(&cat, opts->db, opts->shop, 0)) || (rc = mtkfw_catalog_check(&out->library_check, cat, ctx)))
		return end(&j, cat, rc);
	for (size_t i = 0; !rc && i < c->count; i++)
		rc = note(&j, c->items[i].path,
			  c->items[i].detail ? c->items[i].detail : mtkfw_catalog_disk_name(c->items[i].disk));
	return end(&j, cat, rc);
}

/* After a label or an outcome: the package as it now stands, read from the catalogue the write
 * went to, so every front end shows what was recorded (as `library show` would). */
static int shown(struct job *j, mtkfw_catalog *cat, int64_t id)
{
	return mtkfw_catalog_show(&j->out->library_package, cat, id);
}

int mtkfw_job_library_label(struct mtkfw_job_outcome *out, const struct mtkfw_library_label_job *opts, mtkfw_ctx *ctx)
{
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_LABEL, ctx);
	if (!(rc = mtkfwi_job_open_catalog(&cat, opts->db, NULL, MTKFW_CATALOG_WRITE)) &&
	    !(rc = mtkfw_catalog_label(cat, opts->id, opts->text)))
		rc = shown(&j, cat, opts->id);
	return end(&j, cat, rc);
}

int mtkfw_job_library_report(struct mtkfw_job_outcome *out, const struct mtkfw_library_report_job *opts,
			     mtkfw_ctx *ctx)
{
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_REPORT, ctx);
	if (!opts->phone || !mtkfw_catalog_result_name(opts->result))
		return end(&j, NULL, mtkfw_seterr(MTKFW_ERR_INVALID, "library report: give the phone and a result"));
	if ((rc = mtkfwi_job_open_catalog(&cat, opts->db, NULL, MTKFW_CATALOG_WRITE)) ||
	    (rc = mtkfw_target_load(&out->target, opts->phone, ctx)))
		return end(&j, cat, rc);
	out->has_target = true;
	if (opts->has_cid) {
		out->target.has_cid = true;
		memcpy(out->target.cid, opts->cid, 16);
	}
	if (!(rc = mtkfw_catalog_report(cat, opts->id, &out->target, opts->result, opts->note)))
		rc = shown(&j, cat, opts->id);
	return end(&j, cat, rc);
}

int mtkfw_job_library_export(struct mtkfw_job_outcome *out, const struct mtkfw_library_file_job *opts, mtkfw_ctx *ctx)
{
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_EXPORT, ctx);
	if (!opts->file)
		return end(&j, NULL, mtkfw_seterr(MTKFW_ERR_INVALID, "library export: no file named"));
	/* mtkfw's one rule for outputs, kept before the catalogue is opened. */
	if ((rc = mtkfw_output_check(opts->file, opts->force)) || (rc = mtkfwi_job_open_catalog(&cat, opts->db, NULL, 0)))
		return end(&j, cat, rc);
	return end(&j, cat, mtkfw_catalog_export(&out->library_exported, cat, opts->file));
}

int mtkfw_job_library_import(struct mtkfw_job_outcome *out, const struct mtkfw_library_file_job *opts, mtkfw_ctx *ctx)
{
	mtkfw_catalog *cat = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_LIBRARY_IMPORT, ctx);
	if (!opts->file)
		return end(&j, NULL, mtkfw_seterr(MTKFW_ERR_INVALID, "library import: no file named"));
	if (!(rc = mtkfwi_job_open_catalog(&cat, opts->db, NULL, MTKFW_CATALOG_CREATE | MTKFW_CATALOG_WRITE)))
		rc = mtkfw_catalog_import(&out->library_import, cat, opts->file);
	return end(&j, cat, rc);
}
