/* The end of every answer the adapter gives: a job's outcome as the CLI renders it (api_answer.h). */
#include "api_answer.h"

#include "core/internal.h"

#include <mtkfw/frontend.h>

#include <stdlib.h>

int web_outcome_doc(char **doc, const struct mtkfw_job_outcome *o)
{
	return mtkfw_json_outcome(doc, o);
}

json_t *web_parsed(char *doc)
{
	json_t *o = doc ? json_loads(doc, 0, NULL) : NULL;

	free(doc);
	return o;
}

int web_answer(json_t **out, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *eo, web_doc_fn report,
	       const char *const *inputs, size_t n)
{
	struct mtkfw_job_end e;
	char *doc = NULL, *with = NULL;

	*out = NULL;
	mtkfw_job_end(&e, o, eo);
	if (e.report && report(&doc, o) != 0) {
		/* The renderer failed (out of memory): that is the answer, as the CLI's cli_fail. */
		struct mtkfw_job_outcome f = { .job = -1, .status = mtkfw_error_last()->code,
					       .message = (char *)mtkfw_error_last()->message };

		free(doc);
		return web_answer(out, &f, NULL, report, inputs, n);
	}
	if (e.status && e.in_json && mtkfw_json_error(&with, doc, e.status, e.message, inputs, n) == 0) {
		free(doc);
		doc = with;
	}
	*out = web_parsed(doc);
	return e.exit;
}

int web_answer_failed(json_t **out, const char *const *inputs, size_t n)
{
	const mtkfw_error *err = mtkfw_error_last();
	struct mtkfw_job_outcome f = { .job = -1, .status = err->code ? err->code : MTKFW_ERR_IO,
				       .message = (char *)err->message };

	return web_answer(out, &f, NULL, web_outcome_doc, inputs, n);
}

const char web_no_library[] = "no library given: use --db FILE (neither MTKFW_LIBRARY, XDG_DATA_HOME nor HOME "
			      "is set)";

const char *web_library_file(json_t **out, const struct mtkfw_defaults *d)
{
	char *doc = NULL;

	if (d->library_file)
		return d->library_file;
	if (mtkfw_json_error(&doc, NULL, MTKFW_ERR_INVALID, web_no_library, NULL, 0) == 0)
		*out = web_parsed(doc);
	return NULL;
}

int web_match_doc(char **doc, const struct mtkfw_job_outcome *o)
{
	return mtkfw_json_catalog_match(doc, &o->target, o->match_input, &o->library_match);
}
