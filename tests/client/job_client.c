/*
 * A front end in miniature, built against the installed headers and `pkg-config mtkfw` alone
 * (tests/cli/t_job_client.sh): it backs a phone up and flashes a package through the job
 * calls, following progress and events as a front end would, and writes each outcome as the
 * JSON the CLI prints for the same job.
 *
 * usage: job_client PORT DA PACKAGE OUTDIR
 *   OUTDIR/backup/ and backup.json: the backup job; OUTDIR/flash-backup/, journal.json and
 *   flash.json: the flash job. Prints one line of counts; exits 1 on any failure.
 */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct watch {
	char stage[128];
	uint64_t done;
	unsigned progress, backwards, events[8], steps_open;
	int bad_order;
};

static int on_progress(const char *stage, uint64_t done, uint64_t total, void *user)
{
	struct watch *w = user;

	(void)total;
	w->progress++;
	if (strcmp(stage, w->stage) == 0 && done < w->done)
		w->backwards++;
	snprintf(w->stage, sizeof(w->stage), "%s", stage);
	w->done = done;
	return 0;
}

static int on_event(const struct mtkfw_event *ev, void *user)
{
	struct watch *w = user;

	if (ev->kind >= 0 && ev->kind < 8)
		w->events[ev->kind]++;
	if (!ev->outcome || strcmp(ev->job, mtkfw_job_name(ev->outcome->job)) != 0)
		w->bad_order++;
	/* Every step that starts finishes before the next starts. */
	if (ev->kind == MTKFW_EVENT_STEP_STARTED)
		w->bad_order += w->steps_open++ != 0 || !ev->step;
	if (ev->kind == MTKFW_EVENT_STEP_FINISHED) {
		w->bad_order += w->steps_open-- != 1 || !ev->step || ev->step->state != MTKFW_STEP_VERIFIED;
	}
	/* The plan comes before any write, with its steps. */
	if (ev->kind == MTKFW_EVENT_PLAN)
		w->bad_order += !ev->outcome->plan || ev->outcome->plan->count == 0 || w->events[MTKFW_EVENT_STARTED];
	return 0;
}

static int save_json(const struct mtkfw_job_outcome *o, const char *dir, const char *name)
{
	char path[4096], *doc = NULL;
	FILE *f;
	int rc = mtkfw_json_outcome(&doc, o);

	if (rc)
		return rc;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "w")) || fprintf(f, "%s\n", doc) < 0 || fclose(f) != 0) {
		free(doc);
		return -1;
	}
	free(doc);
	return 0;
}

static int fail(const char *what)
{
	fprintf(stderr, "job_client: %s: %s\n", what, mtkfw_error_last()->message);
	return 1;
}

int main(int argc, char **argv)
{
	struct watch w = { .stage = "" };
	struct mtkfw_job_outcome out;
	mtkfw_ctx *ctx = NULL;
	char backup[4096], flash_backup[4096], journal[4096];

	if (argc != 5) {
		fprintf(stderr, "usage: job_client PORT DA PACKAGE OUTDIR\n");
		return 2;
	}
	snprintf(backup, sizeof(backup), "%s/backup", argv[4]);
	snprintf(flash_backup, sizeof(flash_backup), "%s/flash-backup", argv[4]);
	snprintf(journal, sizeof(journal), "%s/journal.json", argv[4]);
	if (mtkfw_ctx_new(&ctx))
		return fail("context");
	mtkfw_ctx_set_progress(ctx, on_progress, &w);
	mtkfw_ctx_set_event(ctx, on_event, &w);

	{
		struct mtkfw_backup_job job = { .version = 1, .dir = backup };

		job.connect.port = argv[1];
		job.connect.da_file = argv[2];
		if (mtkfw_job_backup(&out, &job, ctx) || out.result != MTKFW_RESULT_DONE || !out.files ||
		    !out.files->count)
			return fail("backup");
		if (save_json(&out, argv[4], "backup.json"))
			return fail("backup JSON");
		mtkfw_job_outcome_clear(&out);
	}
	{
		struct mtkfw_flash_job job = { .version = 1, .package = argv[3], .mode = MTKFW_FLASH_DOWNLOAD,
					       .backup_dir = flash_backup, .journal = journal };

		job.connect.port = argv[1];
		job.connect.da_file = argv[2];
		if (mtkfw_job_flash(&out, &job, ctx) || out.result != MTKFW_RESULT_FLASHED)
			return fail("flash");
		if (!out.identity_checked || !out.identity.intact || !out.backup)
			return fail("flash: the identity was not proven intact");
		if (save_json(&out, argv[4], "flash.json"))
			return fail("flash JSON");
		mtkfw_job_outcome_clear(&out);
	}
	mtkfw_ctx_free(ctx);
	if (w.backwards || w.bad_order || !w.progress || w.events[MTKFW_EVENT_CONNECTED] != 2 ||
	    w.events[MTKFW_EVENT_PLAN] != 1 || w.events[MTKFW_EVENT_STARTED] != 1 ||
	    w.events[MTKFW_EVENT_STEP_FINISHED] == 0 ||
	    w.events[MTKFW_EVENT_STEP_STARTED] != w.events[MTKFW_EVENT_STEP_FINISHED]) {
		fprintf(stderr, "job_client: events out of order: %u backwards, %u misplaced, %u progress, %u connected, "
			"%u plans, %u started, %u/%u steps\n", w.backwards, w.bad_order, w.progress,
			w.events[MTKFW_EVENT_CONNECTED], w.events[MTKFW_EVENT_PLAN], w.events[MTKFW_EVENT_STARTED],
			w.events[MTKFW_EVENT_STEP_STARTED], w.events[MTKFW_EVENT_STEP_FINISHED]);
		return 1;
	}
	printf("job client ok: %u progress calls, %u steps\n", w.progress, w.events[MTKFW_EVENT_STEP_FINISHED]);
	return 0;
}
