/* The API's offline reports: the library's jobs run on the request's thread, rendered as the
 * CLI renders them (api_render.h). */
#include "api_render.h"

#include "api_answer.h"

#include "core/internal.h"

#include <mtkfw/compat.h>
#include <mtkfw/explain.h>
#include <mtkfw/frontend.h>
#include <mtkfw/identify.h>

#include <stdlib.h>

int web_render_info(json_t **out, const char *path)
{
	struct mtkfw_info info;
	char *doc = NULL;
	int rc;

	if (mtkfw_identify(&info, path) != 0)
		return web_answer_failed(out, &path, 1);
	rc = mtkfw_json_info(&doc, path, &info, NULL);
	mtkfw_info_clear(&info);
	if (rc != 0) {
		free(doc);
		return web_answer_failed(out, &path, 1);
	}
	*out = web_parsed(doc);
	return 0;
}

int web_render_check(json_t **out, const char *pkg)
{
	struct mtkfw_check_job job = { .version = 1, .package = pkg };
	struct mtkfw_job_outcome o;
	int rc;

	mtkfw_job_check(&o, &job, NULL);
	rc = web_answer(out, &o, NULL, web_outcome_doc, &pkg, 1);
	mtkfw_job_outcome_clear(&o);
	return rc;
}

int web_render_profile(json_t **out, const char *path)
{
	struct mtkfw_profile_job job = { .version = 1, .input = path };
	struct mtkfw_job_outcome o;
	int rc;

	mtkfw_job_profile(&o, &job, NULL);
	rc = web_answer(out, &o, NULL, web_outcome_doc, &path, 1);
	mtkfw_job_outcome_clear(&o);
	return rc;
}

int web_render_compat(json_t **out, const char *firmware, const char *target)
{
	struct mtkfw_compat_job job = { .version = 1, .firmware = firmware, .target = target };
	const char *inputs[] = { firmware, target };
	struct mtkfw_job_outcome o;
	int rc;

	mtkfw_job_compat(&o, &job, NULL);
	rc = web_answer(out, &o, NULL, web_outcome_doc, inputs, 2);
	mtkfw_job_outcome_clear(&o);
	return rc;
}

int web_render_explain(json_t **out, const char *query, const char *log)
{
	const char *input = query ? query : log;
	char *doc = NULL;
	int rc;

	if (query) {
		mtkfw_explain *e;

		if (mtkfw_explain_query(&e, query) != 0)
			return web_answer_failed(out, &input, 1);
		rc = mtkfw_json_explain(&doc, e->query, (const mtkfw_error_info *const *)e->matches, e->count);
		mtkfw_explain_free(e);
	} else {
		mtkfw_log_scan *s;

		if (mtkfw_explain_log(&s, log, NULL) != 0)
			return web_answer_failed(out, &input, 1);
		rc = mtkfw_json_log_scan(&doc, s);
		mtkfw_log_scan_free(s);
	}
	if (rc != 0) {
		free(doc);
		return web_answer_failed(out, &input, 1);
	}
	*out = web_parsed(doc);
	return 0;
}

static int search_doc(char **doc, const struct mtkfw_job_outcome *o)
{
	return mtkfw_json_catalog_list(doc, &o->library_list);
}

int web_render_library_search(json_t **out, const struct mtkfw_defaults *d, const char *text)
{
	struct mtkfw_library_search_job job = { .version = 1, .words = { &text, 1 } };
	struct mtkfw_job_outcome o;
	int rc;

	*out = NULL;
	if (!(job.db = web_library_file(out, d)))
		return 2;
	mtkfw_job_library_search(&o, &job, NULL);
	rc = web_answer(out, &o, NULL, search_doc, &text, 1);
	mtkfw_job_outcome_clear(&o);
	return rc;
}

int web_render_library_match(json_t **out, const struct mtkfw_defaults *d, const char *target)
{
	struct mtkfw_library_match_job job = { .version = 1, .target = target, .shop = d->shop };
	struct mtkfw_job_outcome o;
	int rc;

	*out = NULL;
	if (!(job.db = web_library_file(out, d)))
		return 2;
	mtkfw_job_library_match(&o, &job, NULL);
	rc = web_answer(out, &o, NULL, web_match_doc, &target, 1);
	mtkfw_job_outcome_clear(&o);
	return rc;
}
