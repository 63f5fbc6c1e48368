/*
 * How a job ended, as the front ends report it (mtkfw/json.h: mtkfw_job_end): the exit code,
 * whether there is a report, and the one line, in the words of the mtkfw command line. The CLI
 * and the web UI both read it here, so `mtkfw ... --json` and /api/v1/ cannot drift apart.
 */
#include "json/json_internal.h"
#include "core/internal.h"

#include <mtkfw/da.h> /* MTKFW_DA_FILE_NAME */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int mtkfw_exit_code(int status)
{
	switch (status) {
	case 0:
		return 0;
	case MTKFW_ERR_INVALID:
	case MTKFW_ERR_FORMAT:
	case MTKFW_ERR_TRUNCATED:
	case MTKFW_ERR_UNSUPPORTED:
	case MTKFW_ERR_NOTFOUND:
	case MTKFW_ERR_LIMIT:
		return 2;
	case MTKFW_ERR_REFUSED:
		return 3;
	default: /* READONLY too: the phone failed */
		return 1;
	}
}

static void vline(struct mtkfw_job_end *e, int status, bool in_json, const char *fmt, va_list ap) MTKFW_PRINTF(4, 0);
static void vline(struct mtkfw_job_end *e, int status, bool in_json, const char *fmt, va_list ap)
{
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	e->status = status;
	e->in_json = in_json;
}

/* A line for people alone (the report carries the rest); the caller sets the exit code. */
static void line(struct mtkfw_job_end *e, int status, bool in_json, const char *fmt, ...) MTKFW_PRINTF(4, 5);
static void line(struct mtkfw_job_end *e, int status, bool in_json, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(e, status, in_json, fmt, ap);
	va_end(ap);
}

/* A failure: its line in the JSON too, and the exit code its status deserves. */
static void failure(struct mtkfw_job_end *e, int status, const char *fmt, ...) MTKFW_PRINTF(3, 4);
static void failure(struct mtkfw_job_end *e, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(e, status, true, fmt, ap);
	va_end(ap);
	e->exit = mtkfw_exit_code(status);
}

/* The job's own failure, as it said it. */
static void fail(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *op)
{
	int status = o->status ? o->status : MTKFW_ERR_IO;
	const char *msg = o->message && *o->message ? o->message : mtkfw_status_name(status);

	/* Stopped by the front end: the library removed what it had not committed. */
	if (status == MTKFW_ERR_CANCELLED && op->interrupted)
		msg = "interrupted; nothing written";
	failure(e, status, "%s", msg);
}

/* A phone job's failure: a missing DA is named with where one goes. */
static void dev_fail(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *op)
{
	if (o->da_missing)
		failure(e, MTKFW_ERR_NOTFOUND,
			"no download agent: pass --da FILE, set MTKFW_DA, or put %s in %s (technicians find it in the SP "
			"Flash Tool folder)", MTKFW_DA_FILE_NAME, op->da_place ? op->da_place : "$XDG_DATA_HOME/mtkfw/");
	else
		fail(e, o, op);
}

/* A write that did not finish (flash, restore, format, erase): what is left and the way on. */
static void write_fail(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *op)
{
	const char *dir = o->backup_dir ? o->backup_dir : "the backup folder";

	/* The write is done; only its proof failed (a link fault or a signal while reading back). */
	if (o->identity_unproven) {
		failure(e, o->status ? o->status : MTKFW_ERR_IO,
			"%s; the write is complete, but the identity could not be read back to prove it untouched: run "
			"the same command again to check it (backup in %s)",
			o->status == MTKFW_ERR_CANCELLED ? "interrupted" : o->message ? o->message : "?", dir);
		return;
	}
	if (o->result != MTKFW_RESULT_INTERRUPTED) {
		dev_fail(e, o, op);
		return;
	}
	switch (o->job) {
	case MTKFW_JOB_FLASH:
		failure(e, MTKFW_ERR_CANCELLED, "interrupted between two packets; finish with the same command and "
			"--resume (journal %s, identity backup %s)", o->journal ? o->journal : "?", dir);
		break;
	case MTKFW_JOB_RESTORE:
		failure(e, MTKFW_ERR_CANCELLED, "interrupted between two packets; the restore is not complete: run "
			"the same command again to finish");
		break;
	default:
		/* A format of all stops only once the erase is over and the identity back. */
		if (o->user_area_erasing)
			failure(e, MTKFW_ERR_CANCELLED, "interrupted: the erase of the user area was finished and the "
				"identity put back first; the phone has no partition table now (flash a package, or "
				"restore %s)", dir);
		else
			failure(e, MTKFW_ERR_CANCELLED, "interrupted between two packets; a partition may be half "
				"erased: run the same command again to finish (identity backup %s)", dir);
		break;
	}
}

/* After a write: the identity read back. Changed when it was not let go is a finding (exit 1);
 * the report carries the rows, so the line is for people only. */
static void identity_verdict(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o, bool asked)
{
	const struct mtkfw_identity_proof *p = &o->identity;
	/* A restore writes from a backup and makes none. */
	const char *backup = o->job == MTKFW_JOB_RESTORE ? NULL : o->backup_dir;
	char what[512] = "";
	size_t used = 0;

	if (!o->identity_checked || p->intact)
		return;
	for (size_t i = 0; i < p->count && used < sizeof(what); i++)
		if (!p->rows[i].same)
			used += (size_t)snprintf(what + used, sizeof(what) - used, "%s%s", used ? ", " : "", p->rows[i].name);
	if (used < sizeof(what) && (p->data_nvram == MTKFW_TREE_CHANGED || p->data_nvram == MTKFW_TREE_GONE))
		snprintf(what + used, sizeof(what) - used, "%s/data/nvram", used ? ", " : "");
	if (asked) {
		line(e, MTKFW_ERR_MISMATCH, false, "identity changed (%s), as --include-identity asked; the backup is in %s",
		     what, backup ? backup : "the backup folder");
		e->warning = true;
		return;
	}
	line(e, MTKFW_ERR_MISMATCH, false, "identity changed: %s no longer what the backup taken before holds (%s)", what,
	     backup ? backup : "the backup folder");
	e->exit = 1;
}

/* Every step verified: the writes are done (what failed after them is the identity's check). */
static bool all_verified(const mtkfw_flash_plan *plan)
{
	for (size_t i = 0; plan && i < plan->count; i++)
		if (plan->steps[i].state != MTKFW_STEP_VERIFIED)
			return false;
	return plan != NULL;
}

static void flash_end(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *op)
{
	switch (o->result) {
	case MTKFW_RESULT_REFUSED: {
		char words[1024] = "";
		bool option = o->plan && mtkfw_flash_change_option(words, sizeof(words), o->plan);

		/* The report holds the refusal; the line says what changes it. Every refusal's option
		 * together: a flash refused twice is let through by both. */
		e->report = true;
		line(e, MTKFW_ERR_REFUSED, false, "%s; %s%s", o->message ? o->message : "refused",
		     option ? "what changes the decision: " : "no option changes it: ", words[0] ? words : "fix the package");
		e->exit = 3;
		return;
	}
	case MTKFW_RESULT_INTERRUPTED:
		e->report = true;
		write_fail(e, o, op);
		return;
	case MTKFW_RESULT_FAILED:
		e->report = true;
		if (all_verified(o->plan))
			write_fail(e, o, op); /* written and verified; the identity could not be read back */
		else
			fail(e, o, op);
		return;
	default:
		break;
	}
	if (o->status) {
		dev_fail(e, o, op);
		return;
	}
	e->report = true;
	if (o->result != MTKFW_RESULT_DRY_RUN)
		identity_verdict(e, o, false);
}

static void format_end(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *op)
{
	if (o->result == MTKFW_RESULT_REFUSED) {
		char words[64];

		mtkfw_refusal_option(words, sizeof(words), &o->refusal);
		failure(e, MTKFW_ERR_REFUSED, "%s; add %s to erase it anyway", o->message ? o->message : "refused", words);
		return;
	}
	/* Once the erase of everything began, the identity is on the phone only when its restore
	 * finished: the cause and the way back in the one line. */
	if (o->status && o->result == MTKFW_RESULT_FAILED && o->user_area_erasing && !o->identity_restored &&
	    !op->include_identity)
		failure(e, o->status, "%s; the user area may be erased and the identity is not back on the phone: put "
			"it back with 'mtkfw device restore %s'", o->message ? o->message : "?",
			o->backup_dir ? o->backup_dir : "?");
	else if (o->status)
		write_fail(e, o, op);
	/* A report once the backup is made: from there on the phone was changed. */
	e->report = o->backup != NULL;
	if (!o->status)
		identity_verdict(e, o, op->include_identity);
}

/* A port built but not proven: the rows that failed, the report holding the rest. */
static void port_end(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o)
{
	const struct mtkfw_port_proof *pr = &o->port_proof;
	char rows[256] = "";
	size_t used = 0;

	e->report = true;
	if (!o->has_port_proof || pr->ok)
		return;
	for (size_t i = 0; i < pr->failed_count && used < sizeof(rows); i++)
		for (size_t k = 0; k < pr->compat.count; k++)
			if (!strcmp(pr->compat.risks[k].code, pr->failed[i]) && used < sizeof(rows))
				used += (size_t)snprintf(rows + used, sizeof(rows) - used, "%s%s %s", i ? ", " : "", pr->failed[i],
							 mtkfw_risk_level_name(pr->compat.risks[k].level));
	line(e, MTKFW_ERR_MISMATCH, false, "%s: built, but not proven: %s%s%zu check error%s",
	     o->port_out ? o->port_out : "?", rows, *rows ? "; " : "", pr->check.errors, pr->check.errors == 1 ? "" : "s");
	e->exit = 1;
}

void mtkfw_job_end(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *opts)
{
	static const struct mtkfw_job_end_opts none;
	const struct mtkfw_job_end_opts *op = opts ? opts : &none;

	memset(e, 0, sizeof(*e));
	switch (o->job) {
	case MTKFW_JOB_DETECT:
	case MTKFW_JOB_INFO:
		/* BROM mode with no EMI table: everything up to the eMMC id is known; say why no more. */
		if (o->status && o->connected && o->device.stage >= MTKFW_STAGE_DA1 && o->device.emi_needed &&
		    o->status == MTKFW_ERR_NOTFOUND) {
			e->report = true;
			line(e, o->status, false, "%s", o->message ? o->message : "no EMI table for this eMMC");
			e->warning = true;
		} else if (o->status) {
			dev_fail(e, o, op);
		} else {
			e->report = true;
		}
		return;
	case MTKFW_JOB_READBACK:
	case MTKFW_JOB_BACKUP:
	case MTKFW_JOB_REBOOT:
		if (o->status)
			dev_fail(e, o, op);
		else
			e->report = !(o->job == MTKFW_JOB_READBACK && op->readback_range);
		return;
	case MTKFW_JOB_RESTORE:
		if (o->status) {
			write_fail(e, o, op);
			/* Only what the phone did is a report; a refusal before any write has the line. */
			e->report = o->result == MTKFW_RESULT_FAILED || o->result == MTKFW_RESULT_INTERRUPTED;
		} else {
			e->report = true;
			identity_verdict(e, o, false);
		}
		return;
	case MTKFW_JOB_FLASH:
		flash_end(e, o, op);
		return;
	case MTKFW_JOB_FORMAT:
	case MTKFW_JOB_ERASE:
		format_end(e, o, op);
		return;
	case MTKFW_JOB_PORT:
	case MTKFW_JOB_LIBRARY_MATCH:
		/* Both may read the phone on the cable. */
		if (o->status)
			dev_fail(e, o, op);
		else if (o->job == MTKFW_JOB_PORT)
			port_end(e, o);
		else {
			/* Nothing that passes the gates: a finding. */
			e->report = true;
			e->exit = o->library_match.count && !o->library_match.items[0].gate_count ? 0 : 1;
		}
		return;
	default:
		break;
	}
	/* The offline jobs. */
	if (o->status) {
		fail(e, o, op);
		/* A package that cannot be read is unreadable input, whatever the library's reason. */
		if (o->job == MTKFW_JOB_CHECK && e->exit == 1)
			e->exit = 2;
		return;
	}
	/* Label and report answer with the package after the write (library show's document). */
	e->report = o->job != MTKFW_JOB_LIBRARY_FORGET && o->job != MTKFW_JOB_LIBRARY_EXPORT;
	switch (o->job) {
	case MTKFW_JOB_CHECK:
		e->exit = o->findings.errors ? 1 : 0;
		break;
	case MTKFW_JOB_COMPAT:
		e->exit = o->compat.verdict == MTKFW_VERDICT_UNSAFE ? 3 : o->compat.verdict == MTKFW_VERDICT_RISKY ? 1 : 0;
		break;
	case MTKFW_JOB_LIBRARY_ADD:
		e->exit = o->library_add.failed_count ? 1 : 0;
		break;
	case MTKFW_JOB_LIBRARY_CHECK:
		e->exit = o->library_check.count ? 1 : 0;
		break;
	case MTKFW_JOB_LIBRARY_SEARCH:
		/* A search that finds nothing is a finding (exit 1), as grep does; a list is not. */
		e->exit = !op->library_list && !o->library_list.count ? 1 : 0;
		break;
	default:
		break;
	}
}
