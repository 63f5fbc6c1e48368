/* The jobs that only ask the phone: detect, info, and reboot. */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

int mtkfw_job_detect(struct mtkfw_job_outcome *out, const struct mtkfw_info_job *opts, mtkfw_ctx *ctx)
{
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_DETECT, ctx);
	if (!(rc = mtkfwi_job_connect(&j, &opts->connect, false, MTKFW_USB_KEEP, NULL)))
		out->result = MTKFW_RESULT_DONE;
	return mtkfwi_job_end(&j, rc);
}

int mtkfw_job_info(struct mtkfw_job_outcome *out, const struct mtkfw_info_job *opts, mtkfw_ctx *ctx)
{
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_INFO, ctx);
	if (!(rc = mtkfwi_job_connect(&j, &opts->connect, true, MTKFW_USB_KEEP, NULL)))
		out->result = MTKFW_RESULT_DONE;
	return mtkfwi_job_end(&j, rc);
}

int mtkfw_job_reboot(struct mtkfw_job_outcome *out, const struct mtkfw_info_job *opts, mtkfw_ctx *ctx)
{
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_REBOOT, ctx);
	if (!(rc = mtkfwi_job_connect(&j, &opts->connect, true, MTKFW_USB_KEEP, NULL))) {
		mtkfwi_job_note_device(&j);
		rc = mtkfw_device_reboot(j.dev); /* ends the session: closed and freed */
		j.dev = NULL;
		if (!rc)
			out->result = MTKFW_RESULT_DONE;
	}
	return mtkfwi_job_end(&j, rc);
}
