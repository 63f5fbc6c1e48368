/* The jobs without a phone: check a package, profile a firmware, compare two sides. */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

int mtkfw_job_check(struct mtkfw_job_outcome *out, const struct mtkfw_check_job *opts, mtkfw_ctx *ctx)
{
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_CHECK, ctx);
	if ((rc = mtkfw_check_package(&out->findings, opts->package, ctx)))
		return mtkfwi_job_end(&j, rc);
	for (size_t i = 0; !rc && i < out->findings.count; i++)
		rc = mtkfwi_job_event(&j, MTKFW_EVENT_FINDING, NULL, &out->findings.items[i], NULL);
	if (!rc)
		out->result = MTKFW_RESULT_DONE;
	return mtkfwi_job_end(&j, rc);
}

int mtkfw_job_profile(struct mtkfw_job_outcome *out, const struct mtkfw_profile_job *opts, mtkfw_ctx *ctx)
{
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_PROFILE, ctx);
	if (!(rc = mtkfw_target_load(&out->target, opts->input, ctx))) {
		out->has_target = true;
		out->result = MTKFW_RESULT_DONE;
	}
	return mtkfwi_job_end(&j, rc);
}

int mtkfw_job_compat(struct mtkfw_job_outcome *out, const struct mtkfw_compat_job *opts, mtkfw_ctx *ctx)
{
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_COMPAT, ctx);
	if ((rc = mtkfw_target_load(&out->firmware, opts->firmware, ctx)))
		return mtkfwi_job_end(&j, rc);
	out->has_firmware = true;
	if ((rc = mtkfw_target_load(&out->target, opts->target, ctx)))
		return mtkfwi_job_end(&j, rc);
	out->has_target = true;
	if ((rc = mtkfw_compat_check(&out->compat, &out->firmware, &out->target)))
		return mtkfwi_job_end(&j, rc);
	out->has_compat = true;
	out->result = MTKFW_RESULT_DONE;
	return mtkfwi_job_end(&j, rc);
}
