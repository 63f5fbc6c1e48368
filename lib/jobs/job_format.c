/*
 * The format and erase jobs, guarded like a flash: identity partitions refused unless asked
 * for, every name found before anything is written, an identity backup first, the identity
 * put back after a format of all, and read back at the end.
 */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

#include <stdio.h>

/* A LIST is cut to as many names as a backup notes ranges for. */
#define FORMAT_MAX_PARTS 64

/* The identity backup before erasing `names` (none: the whole user area): the ranges that go
 * tell the backup whether USRDATA (or ANDROID) is among them. */
static int backup_before_erase(struct job *j, const mtkfw_layout *layout, const struct mtkfw_name_list *names,
			       const char *dir)
{
	struct mtkfw_span spans[FORMAT_MAX_PARTS];
	struct mtkfw_backup_opts bo = { .version = 1, .erasing = spans };

	if (!names->count)
		spans[bo.erasing_count++] = (struct mtkfw_span){ MTKFW_AREA_USER, 0, mtkfw_device_info(j->dev)->user_size };
	for (size_t i = 0; i < names->count && bo.erasing_count < FORMAT_MAX_PARTS; i++) {
		const struct mtkfw_partition *part = mtkfw_layout_find(layout, names->names[i]);

		if (part && part->has_start && part->has_size)
			spans[bo.erasing_count++] = (struct mtkfw_span){ part->area, part->start, part->size };
	}
	return mtkfw_device_backup_ext(&j->out->backup, j->dev, layout, dir, &bo, j->ctx);
}

static int note_erased(struct job *j, const char *name, int area, uint64_t offset, uint64_t length)
{
	struct mtkfw_job_outcome *o = j->out;
	struct mtkfw_erased_range *e = mtkfw_reallocarray(o->erased, o->erased_count + 1, sizeof(*e));

	if (!e)
		return MTKFW_ERR_NOMEM;
	o->erased = e;
	e = &e[o->erased_count++];
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->area = area;
	e->offset = offset;
	e->length = length;
	return 0;
}

static int format_run(struct mtkfw_job_outcome *out, int job, const struct mtkfw_format_job *opts, mtkfw_ctx *ctx)
{
	const struct mtkfw_name_list *names = &opts->partitions;
	mtkfw_layout *layout = NULL;
	const char *at = NULL; /* the partition being erased */
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, job, ctx);
	/* The names are refused before the phone is touched. */
	for (size_t i = 0; !opts->include_identity && i < names->count; i++)
		if (mtkfw_is_identity_partition(names->names[i])) {
			struct mtkfw_flash_refusal *r = &out->refusal;

			snprintf(r->code, sizeof(r->code), "identity");
			r->remedy = MTKFW_REMEDY_INCLUDE_IDENTITY;
			snprintf(r->parts[0], sizeof(r->parts[0]), "%s", names->names[i]);
			r->part_count = 1;
			out->result = MTKFW_RESULT_REFUSED;
			return mtkfwi_job_end(&j, mtkfw_seterr(MTKFW_ERR_REFUSED,
							"refused: %s holds the phone's identity (IMEI, MACs, calibration)",
							names->names[i]));
		}
	if (names->count > FORMAT_MAX_PARTS)
		return mtkfwi_job_end(&j, mtkfw_seterr(MTKFW_ERR_LIMIT, "at most %d partitions to erase at once", FORMAT_MAX_PARTS));
	rc = mtkfwi_job_connect(&j, &opts->connect, true, job == MTKFW_JOB_FORMAT ? MTKFW_USB_HIGH : MTKFW_USB_KEEP, NULL);
	if (!rc)
		rc = mtkfwi_job_phone_layout(&j, opts->scatter, &layout);
	if (!rc && names->count && !layout)
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "the phone has no PMT: give its scatter to find %s", names->names[0]);
	/* Every name is found before the backup and the first erase: a typo erases nothing. */
	for (size_t i = 0; !rc && i < names->count; i++) {
		const struct mtkfw_partition *part = mtkfw_layout_find(layout, names->names[i]);

		if (!part || !part->has_start || !part->has_size || !part->size)
			rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no such partition with a known place and size on this phone",
					  names->names[i]);
	}
	if (!rc)
		rc = mtkfwi_job_backup_dir(&j, opts->backup_dir, opts->backups_dir, &out->backup_dir);
	/* The backup, always, before anything is erased. */
	if (!rc && !(rc = backup_before_erase(&j, layout, names, out->backup_dir)))
		rc = mtkfwi_job_event(&j, MTKFW_EVENT_STARTED, NULL, NULL, NULL);
	if (!rc && !names->count) {
		uint64_t user = mtkfw_device_info(j.dev)->user_size;

		at = "ALL";
		/* From the first erased byte to the identity written back, the phone has no identity:
		 * a cancel waits for the end of both (then the job stops, the phone without a table). */
		mtkfwi_ctx_hold(ctx, true);
		out->user_area_erasing = true;
		if (!(rc = mtkfw_device_erase(j.dev, MTKFW_AREA_USER, 0, user, ctx)))
			rc = note_erased(&j, "ALL", MTKFW_AREA_USER, 0, user);
		if (!rc && !opts->include_identity &&
		    !(rc = mtkfw_device_restore(j.dev, out->backup, MTKFW_IDENTITY_ITEMS, ctx)))
			out->identity_restored = true;
		mtkfwi_ctx_hold(ctx, false);
		if (!rc && (rc = mtkfw_cancelled(ctx)))
			out->result = MTKFW_RESULT_INTERRUPTED;
	}
	for (size_t i = 0; !rc && i < names->count; i++) {
		const struct mtkfw_partition *part = mtkfw_layout_find(layout, names->names[i]);

		at = part->name;
		if (!(rc = mtkfw_device_erase_named(j.dev, part->name, part->area, part->start, part->size, ctx)))
			rc = note_erased(&j, part->name, part->area, part->start, part->size);
	}
	if (rc && out->backup && out->result != MTKFW_RESULT_INTERRUPTED) {
		/* Cancelled between two packets of a named partition's erase: the same job finishes it. */
		out->result = rc == MTKFW_ERR_CANCELLED && !(out->user_area_erasing && !out->identity_restored)
				      ? MTKFW_RESULT_INTERRUPTED : MTKFW_RESULT_FAILED;
		mtkfwi_job_take_fault(&j);
		/* An erase is checked by position: name the range it was. */
		if (out->fault.kind && !out->fault.partition[0] && at)
			snprintf(out->fault.partition, sizeof(out->fault.partition), "%s", at);
	}
	/* Done: the identity read back and compared with the backup just taken. */
	if (!rc)
		rc = mtkfwi_job_prove_identity(&j, out->backup, layout, NULL);
	if (!rc)
		out->result = names->count ? MTKFW_RESULT_ERASED : MTKFW_RESULT_FORMATTED;
	else if (out->backup && out->result != MTKFW_RESULT_INTERRUPTED)
		out->result = MTKFW_RESULT_FAILED;
	mtkfw_layout_free(layout);
	return mtkfwi_job_end(&j, rc);
}

int mtkfw_job_format(struct mtkfw_job_outcome *out, const struct mtkfw_format_job *opts, mtkfw_ctx *ctx)
{
	return format_run(out, MTKFW_JOB_FORMAT, opts, ctx);
}

int mtkfw_job_erase(struct mtkfw_job_outcome *out, const struct mtkfw_format_job *opts, mtkfw_ctx *ctx)
{
	if (opts->partitions.count != 1) {
		memset(out, 0, sizeof(*out));
		out->job = MTKFW_JOB_ERASE;
		out->status = mtkfw_seterr(MTKFW_ERR_INVALID, "erase: one partition");
		return out->status;
	}
	return format_run(out, MTKFW_JOB_ERASE, opts, ctx);
}
