/* `mtkfw device flash`: the options into a flash job, its pre-flight and steps shown as they
 * come, its outcome rendered. The job (lib/jobs/job_flash.c) does the work. */
#include "device_flash_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* compat's rows in the pre-flight (lib/device/flash_parts.c): shown even when ok. */
static bool is_part_rule(const char *code)
{
	return !strcmp(code, "display") || !strcmp(code, "touch") || !strcmp(code, "camera") || !strcmp(code, "radio");
}

static void plan_text(const mtkfw_flash_plan *plan)
{
	char *cid = cli_hex(plan->cid, 16);

	printf("pre-flight: %s, --mode %s, phone eMMC %s\n", plan->package, mtkfw_flash_mode_name(plan->mode),
	       cid ? cid : "?");
	for (size_t i = 0; i < plan->findings.count; i++) {
		const struct mtkfw_finding *f = &plan->findings.items[i];

		if (f->severity == MTKFW_SEV_INFO && strcmp(f->code, "layout-changed") && strcmp(f->code, "preloader-emi-ok") &&
		    !is_part_rule(f->code))
			continue; /* check's notes about unticked partitions: `mtkfw check` shows them */
		printf("  %-7s %-18s %-10s %s\n", mtkfw_severity_name(f->severity), f->code, f->partition ? f->partition : "-",
		       f->message);
	}
	printf("  %zu %s, %zu %s\n", plan->findings.errors, cli_plural(plan->findings.errors, "error", "errors"),
	       plan->findings.warnings, cli_plural(plan->findings.warnings, "warning", "warnings"));
	printf("plan: %zu steps, %llu bytes to send\n", plan->count, (unsigned long long)plan->total_bytes);
	for (size_t i = 0; i < plan->count; i++) {
		const struct mtkfw_flash_step *st = &plan->steps[i];

		printf("  %-7s %-12s %-5s 0x%09llx %11llu%s%s%s\n", mtkfw_step_kind_name(st->kind), st->name,
		       mtkfw_area_name(st->area), (unsigned long long)st->offset, (unsigned long long)st->length,
		       st->sparse ? (st->erased ? "  sparse, DONT_CARE skipped" : "  sparse") : "",
		       st->boot1_wrap ? "  with EMMC_BOOT/BRLYT headers" : "",
		       st->state == MTKFW_STEP_VERIFIED ? "  (verified before)" : "");
	}
	free(cid);
}

static void step_text(const struct mtkfw_flash_step *st)
{
	char *sha = cli_hex(st->sha256, 32);

	if (st->kind == MTKFW_STEP_ERASE)
		printf("erased    %-12s %llu bytes\n", st->name, (unsigned long long)st->length);
	else if (st->kind == MTKFW_STEP_RESTORE)
		printf("restored  %-12s identity written back and read back equal\n", st->name);
	else
		printf("verified  %-12s %llu bytes, read back SHA-256 %.16s\n", st->name, (unsigned long long)st->payload,
		       sha ? sha : "?");
	fflush(stdout);
	free(sha);
}

/* A flash followed as it goes: the pre-flight report once the plan is made, the backup folder
 * and journal before the first write, a line per step done; the rest as every job shows it. */
static int flash_event(const struct mtkfw_event *ev, void *user)
{
	const struct cli_env *env = user;
	const struct mtkfw_job_outcome *o = ev->outcome;

	if (ev->kind == MTKFW_EVENT_WAITING || ev->kind == MTKFW_EVENT_NOTE)
		return dev_event(ev, user);
	if (env->json)
		return 0;
	if (ev->kind == MTKFW_EVENT_PLAN) {
		plan_text(o->plan);
		fflush(stdout); /* the report before any message on stderr */
	} else if (ev->kind == MTKFW_EVENT_STARTED && !env->quiet) {
		printf("identity backup: %s\njournal: %s\n", o->backup_dir, o->journal);
		fflush(stdout);
	} else if (ev->kind == MTKFW_EVENT_STEP_FINISHED && !env->quiet) {
		step_text(ev->step);
	}
	return 0;
}

/* Every step verified: the writes are done (what failed after them is the identity's check). */
static bool all_verified(const mtkfw_flash_plan *plan)
{
	for (size_t i = 0; i < plan->count; i++)
		if (plan->steps[i].state != MTKFW_STEP_VERIFIED)
			return false;
	return true;
}

/* The end of a flash that failed part way, as text: the fault, where the backup is. */
static void failed_text(const struct cli_env *env, const struct mtkfw_job_outcome *out)
{
	if (!env->json && !env->quiet)
		device_fault_text(out);
	if (!env->quiet && out->status == MTKFW_ERR_READONLY)
		fprintf(stderr, "note: the identity backup is in %s; the journal is kept, but --resume cannot help "
			"until the eMMC takes writes: read out what it holds, then replace it\n", out->backup_dir);
	else if (!env->quiet)
		fprintf(stderr, "note: the identity backup is in %s; finish with the same command and --resume\n",
			out->backup_dir);
}

static void flashed_text(const struct mtkfw_job_outcome *out)
{
	printf("flashed: every written range read back equal; identity backup in %s\n", out->backup_dir);
	device_tree_text(out->backup);
}

int device_flash(int argc, char **argv, struct cli_env *env)
{
	const char *only[64], *skip[64], *dirs[1];
	char *only_list = NULL, *skip_list = NULL;
	struct mtkfw_flash_job job = { .version = 1 };
	struct mtkfw_job_outcome out = { 0 };
	struct mtkfw_job_end end;
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY | DEV_WRITES, &o);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, "give the package (a folder or its scatter file)");
	if (o.all || o.range || o.area || o.partitions || o.scatter || o.include_identity)
		return cli_usage_error(env, "flash takes --mode, --only, --skip, --resume, --dry-run and the connection options");
	if ((job.mode = mtkfw_flash_mode_parse(o.mode ? o.mode : "download")) < 0)
		return cli_usage_error(env, "--mode: download, upgrade or format-all");
	if ((o.only && (!(only_list = strdup(o.only)) || !dev_names(env, "--only", only_list, only, 64, &job.only))) ||
	    (o.skip && (!(skip_list = strdup(o.skip)) || !dev_names(env, "--skip", skip_list, skip, 64, &job.skip)))) {
		free(only_list);
		free(skip_list);
		return EXIT_USAGE;
	}
	dev_connect(env, &o, &job.connect, dirs);
	mtkfw_ctx_set_event(env->ctx, flash_event, env);
	job.package = argv[optind];
	job.resume = o.resume;
	job.dry_run = o.dry_run;
	job.backup_dir = o.backup;
	job.backups_dir = env->defaults.backups_dir;
	job.journal = o.journal;
	job.journal_dir = env->defaults.journal_dir;
	mtkfw_job_flash(&out, &job, env->ctx);
	/* The exit code and the line (a refusal with what changes it, a stop with how to resume)
	 * are mtkfw_job_end's, as mtkfw web's; the plan and the steps were shown as they came. */
	rc = cli_job_end(env, &out, NULL, &end);
	if (end.report && env->json) {
		int p = cli_json_print_outcome(env, &out);

		rc = rc ? rc : p;
	}
	if (out.result == MTKFW_RESULT_FAILED && !all_verified(out.plan)) {
		failed_text(env, &out);
	} else if (out.result == MTKFW_RESULT_FAILED || (!out.status && out.result == MTKFW_RESULT_FLASHED)) {
		/* Written and verified (the identity's read-back may have failed). */
		if (!env->json && !env->quiet)
			flashed_text(&out);
		if (!out.status)
			device_identity_text(env, &out);
	}
	mtkfw_job_outcome_clear(&out);
	free(only_list);
	free(skip_list);
	return rc;
}
