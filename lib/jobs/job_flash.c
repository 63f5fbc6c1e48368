/*
 * The flash job: the package opened, the phone's layout and its own parts read, the plan and
 * its pre-flight (lib/device/flash_plan.c decides), the journal taken over when resuming, the
 * backup folder chosen, the plan run (lib/device/flash_run.c), a fault matched to its step,
 * and the identity read back where the package puts it.
 */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

#include <stdio.h>

static void step_started(const struct mtkfw_flash_step *st, void *user)
{
	mtkfwi_job_event(user, MTKFW_EVENT_STEP_STARTED, st, NULL, NULL);
}

static void step_finished(const struct mtkfw_flash_step *st, void *user)
{
	mtkfwi_job_event(user, MTKFW_EVENT_STEP_FINISHED, st, NULL, NULL);
}

/* The plan, built from what the phone reports and runs. */
static int plan_for_phone(struct job *j, const mtkfw_package *pkg, const struct mtkfw_flash_opts *po,
			  const mtkfw_layout *table)
{
	const struct mtkfw_device_info *in = mtkfw_device_info(j->dev);
	struct mtkfw_profile parts = { 0 };
	struct mtkfw_flash_phone ph = { .chip = in->chip, .user_size = in->user_size, .boot1_size = in->boot1_size,
					.table = table, .parts = &parts };
	int rc;

	/* What the phone runs where lk, the kernel and the system would go, read first. */
	if ((rc = mtkfw_flash_read_phone_parts(&parts, j->dev, pkg, po, table ? table : pkg->layout, j->ctx)))
		return rc;
	memcpy(ph.cid, in->cid, 16);
	rc = mtkfw_flash_plan_build(&j->out->plan, pkg, &ph, po, j->ctx);
	mtkfw_profile_clear(&parts);
	return rc;
}

/* The journal: the one named, else the phone's in the journal folder; taken over when resuming
 * (its backup folder too). */
static int journal_for(struct job *j, const struct mtkfw_flash_job *opts)
{
	struct mtkfw_job_outcome *o = j->out;
	int rc;

	if (opts->journal)
		o->journal = mtkfw_strdup(opts->journal);
	else if ((rc = mtkfw_flash_journal_path(&o->journal, opts->journal_dir, o->plan->cid)))
		return rc;
	if (!o->journal)
		return MTKFW_ERR_NOMEM;
	if (o->plan->findings.errors || !opts->resume)
		return 0;
	rc = mtkfw_flash_journal_apply(o->plan, o->journal, &o->backup_dir);
	if (rc == MTKFW_ERR_NOTFOUND) {
		/* Interrupted before its first step was recorded: nothing to skip, start afresh. */
		char note[4200];

		mtkfw_error_clear();
		snprintf(note, sizeof(note), "no journal at %s: flashing from the start", o->journal);
		return mtkfwi_job_event(j, MTKFW_EVENT_NOTE, NULL, NULL, note);
	}
	if (!rc)
		o->resumed = true;
	return rc;
}

/* An erase is checked by position: the step whose range the fault is names it. */
static void fault_to_step(struct mtkfw_job_outcome *o)
{
	for (size_t i = 0; o->fault.kind && !o->fault.partition[0] && i < o->plan->count; i++) {
		const struct mtkfw_flash_step *st = &o->plan->steps[i];

		if (st->area == o->fault.area && st->offset == o->fault.offset && st->length == o->fault.length)
			snprintf(o->fault.partition, sizeof(o->fault.partition), "%s", st->name);
	}
}

static int run_plan(struct job *j, const struct mtkfw_flash_job *opts, const mtkfw_package *pkg,
		    const mtkfw_layout *table)
{
	struct mtkfw_job_outcome *o = j->out;
	struct mtkfw_flash_run_opts ro = { .version = 1, .phone_layout = table ? NULL : pkg->layout,
					   .package_layout = pkg->layout, .step_start = step_started,
					   .step_done = step_finished, .user = j };
	int rc = 0;

	if (!o->backup_dir)
		rc = mtkfwi_job_backup_dir(j, opts->backup_dir, opts->backups_dir, &o->backup_dir);
	if (rc || (rc = mtkfwi_job_event(j, MTKFW_EVENT_STARTED, NULL, NULL, NULL)))
		return rc;
	ro.journal = o->journal;
	ro.backup_dir = o->backup_dir;
	rc = mtkfw_flash_run(j->dev, o->plan, &ro, j->ctx);
	mtkfwi_job_take_fault(j);
	fault_to_step(o);
	mtkfwi_job_load_backup(j, o->backup_dir);
	if (rc) {
		/* Cancelled at a packet boundary: the journal says what is verified, --resume finishes. */
		o->result = rc == MTKFW_ERR_CANCELLED ? MTKFW_RESULT_INTERRUPTED : MTKFW_RESULT_FAILED;
		return rc;
	}
	o->result = MTKFW_RESULT_FLASHED;
	/* The identity read back where the package's layout now puts it, against the backup. */
	if (o->backup && (rc = mtkfwi_job_prove_identity(j, o->backup, pkg->layout, NULL)))
		o->result = MTKFW_RESULT_FAILED;
	return rc;
}

int mtkfw_job_flash(struct mtkfw_job_outcome *out, const struct mtkfw_flash_job *opts, mtkfw_ctx *ctx)
{
	struct mtkfw_flash_opts po = { .version = 1, .mode = opts->mode };
	char *only = NULL, *skip = NULL;
	mtkfw_package *pkg = NULL;
	mtkfw_layout *table = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_FLASH, ctx);
	/* Everything that can fail without the phone fails first. */
	if ((opts->only.count && !(only = mtkfwi_job_names_join(&opts->only))) ||
	    (opts->skip.count && !(skip = mtkfwi_job_names_join(&opts->skip)))) {
		rc = mtkfw_error_last()->code;
		goto out;
	}
	po.only = only;
	po.skip = skip;
	if ((rc = mtkfw_package_open(&pkg, opts->package)))
		goto out;
	if ((rc = mtkfwi_job_connect(&j, &opts->connect, true, MTKFW_USB_HIGH, pkg)) || (rc = mtkfwi_job_phone_layout(&j, NULL, &table)) ||
	    (rc = mtkfw_layout_resolve(pkg->layout, mtkfw_device_info(j.dev)->user_size)) ||
	    (rc = plan_for_phone(&j, pkg, &po, table)) || (rc = journal_for(&j, opts)) ||
	    (rc = mtkfwi_job_event(&j, MTKFW_EVENT_PLAN, NULL, NULL, NULL)))
		goto out;
	if (out->plan->findings.errors) {
		out->refusal = out->plan->refusal;
		out->result = MTKFW_RESULT_REFUSED;
		rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "refused before any write (%zu pre-flight %s, first: %s)",
				  out->plan->findings.errors, mtkfw_plural(out->plan->findings.errors, "error", "errors"),
				  out->refusal.code[0] ? out->refusal.code : "?");
		goto out;
	}
	if (opts->dry_run) {
		out->result = MTKFW_RESULT_DRY_RUN;
		goto out;
	}
	rc = run_plan(&j, opts, pkg, table);
out:
	free(only);
	free(skip);
	mtkfw_layout_free(table);
	rc = mtkfwi_job_end(&j, rc);
	mtkfw_package_free(pkg);
	return rc;
}
