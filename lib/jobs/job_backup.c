/* The backup and restore jobs: the phone's identity saved, and put back onto the same phone. */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

int mtkfw_job_backup(struct mtkfw_job_outcome *out, const struct mtkfw_backup_job *opts, mtkfw_ctx *ctx)
{
	struct mtkfw_backup_opts bo = { .version = 1, .data_nvram = opts->data_nvram };
	mtkfw_layout *layout = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_BACKUP, ctx);
	/* A bad scatter is refused before the phone is touched. */
	if (opts->scatter && (rc = mtkfw_scatter_load(&layout, opts->scatter)))
		return mtkfwi_job_end(&j, rc);
	if (!(rc = mtkfwi_job_connect(&j, &opts->connect, true, MTKFW_USB_HIGH, NULL)) && layout)
		rc = mtkfw_layout_resolve(layout, mtkfw_device_info(j.dev)->user_size);
	if (!rc)
		rc = mtkfwi_job_backup_dir(&j, opts->dir, opts->backups_dir, &out->backup_dir);
	if (!rc)
		rc = mtkfw_device_backup_ext(&out->files, j.dev, layout, out->backup_dir, &bo, ctx);
	if (!rc)
		out->result = MTKFW_RESULT_DONE;
	mtkfw_layout_free(layout);
	return mtkfwi_job_end(&j, rc);
}

/* The names a restore wrote: the backup's items, those of `only` when it names any. */
static int note_restored(struct job *j, const struct mtkfw_backup *b, const struct mtkfw_name_list *only)
{
	const char **names = mtkfw_calloc(b->count + 1, sizeof(*names));
	size_t n = 0;

	if (!names)
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < b->count; i++)
		if ((!only->count || mtkfwi_job_names_has(only, b->items[i].name)) && !(names[n++] = mtkfw_strdup(b->items[i].name)))
			break;
	j->out->restored.names = names;
	j->out->restored.count = n;
	return n && !names[n - 1] ? MTKFW_ERR_NOMEM : 0;
}

int mtkfw_job_restore(struct mtkfw_job_outcome *out, const struct mtkfw_restore_job *opts, mtkfw_ctx *ctx)
{
	char *only = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_RESTORE, ctx);
	if (opts->only.count && !(only = mtkfwi_job_names_join(&opts->only)))
		return mtkfwi_job_end(&j, mtkfw_error_last()->code);
	if ((rc = mtkfw_backup_load(&out->backup, opts->backup))) {
		free(only);
		return mtkfwi_job_end(&j, rc);
	}
	if (!(out->backup_dir = mtkfw_strdup(opts->backup))) {
		free(only);
		return mtkfwi_job_end(&j, MTKFW_ERR_NOMEM);
	}
	rc = mtkfwi_job_connect(&j, &opts->connect, true, MTKFW_USB_HIGH, NULL);
	if (!rc && !(rc = mtkfw_device_restore(j.dev, out->backup, only, ctx))) {
		/* What was written back, read again as the identity check reads it. */
		if (!(rc = note_restored(&j, out->backup, &opts->only)) &&
		    !(rc = mtkfwi_job_prove_identity(&j, out->backup, NULL, &opts->only)))
			out->result = MTKFW_RESULT_RESTORED;
	}
	if (rc) {
		mtkfwi_job_take_fault(&j);
		/* Only what the phone did is a result; a refusal before DA2 wrote nothing. */
		if (j.dev && mtkfw_device_info(j.dev)->stage >= MTKFW_STAGE_DA2)
			out->result = rc == MTKFW_ERR_CANCELLED && !out->identity_unproven ? MTKFW_RESULT_INTERRUPTED
											 : MTKFW_RESULT_FAILED;
	}
	free(only);
	return mtkfwi_job_end(&j, rc);
}
