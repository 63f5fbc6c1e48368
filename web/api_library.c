/* The API's library writes, label and report: what `mtkfw library label|report --json` do and
 * print (api_render.h). */
#include "api_render.h"

#include "api_answer.h"

#include "core/internal.h"

#include <mtkfw/catalog.h>

#include <string.h>

static int package_doc(char **doc, const struct mtkfw_job_outcome *o)
{
	return mtkfw_json_catalog_package(doc, &o->library_package);
}

int web_render_library_label(json_t **out, const struct mtkfw_defaults *d, int64_t id, const char *text)
{
	struct mtkfw_library_label_job job = { .version = 1, .id = id, .text = text };
	struct mtkfw_job_outcome o;
	int rc;

	*out = NULL;
	if (!(job.db = web_library_file(out, d)))
		return 2;
	/* The package after the write, as `library label --json` prints it. */
	mtkfw_job_library_label(&o, &job, NULL);
	rc = web_answer(out, &o, NULL, package_doc, NULL, 0);
	mtkfw_job_outcome_clear(&o);
	return rc;
}

int web_render_library_report(json_t **out, const struct mtkfw_defaults *d, const struct web_report_params *r)
{
	struct mtkfw_library_report_job job = { .version = 1, .id = r->id, .phone = r->phone, .note = r->note };
	struct mtkfw_job_outcome o;
	int rc;

	*out = NULL;
	/* The words as `library report --result` and `--cid` take them: a usage error otherwise. */
	if ((job.result = mtkfw_catalog_result_parse(r->result ? r->result : "")) < 0) {
		mtkfw_seterr(MTKFW_ERR_INVALID, "--result: booted, display-dead, no-radio, bootloop or dead");
		return web_answer_failed(out, NULL, 0);
	}
	if (r->cid && mtkfw_cid_parse(job.cid, r->cid, strlen(r->cid)) != 0) {
		mtkfw_seterr_prefix("--cid");
		return web_answer_failed(out, NULL, 0);
	}
	job.has_cid = r->cid != NULL;
	if (!(job.db = web_library_file(out, d)))
		return 2;
	mtkfw_job_library_report(&o, &job, NULL);
	rc = web_answer(out, &o, NULL, package_doc, &r->phone, 1);
	mtkfw_job_outcome_clear(&o);
	return rc;
}
