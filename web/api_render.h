/*
 * The adapter between the API and the renderers: every answer of /api/v1/ is what `mtkfw ...
 * --json` prints for the same job, written by the one renderer the CLI uses.
 *
 * Today the library has no job calls and no JSON module yet (issue 18, branch `jobs`): the
 * renderers live in cli/, so these functions run the CLI's command in this process through
 * `run` (cli_run_json) and hand its JSON over. When the library's JSON module and job calls
 * land, only this file changes: each function calls the job and the library's renderer.
 * Paths given here are already resolved under the roots (roots.c).
 */
#ifndef MTKFW_WEB_API_RENDER_H
#define MTKFW_WEB_API_RENDER_H

#include "web.h"

#include <stdbool.h>
#include <stdint.h>

/* Offline reports; each returns the CLI's exit code and its JSON in *out. */
int web_render_info(web_report_fn run, json_t **out, const char *path);
int web_render_check(web_report_fn run, json_t **out, const char *pkg);
int web_render_profile(web_report_fn run, json_t **out, const char *path);
int web_render_compat(web_report_fn run, json_t **out, const char *firmware, const char *target);
/* `query` a code, a symbol or a message; or `log` a log file (one of the two). */
int web_render_explain(web_report_fn run, json_t **out, const char *query, const char *log);
int web_render_library_search(web_report_fn run, json_t **out, const char *text);
int web_render_library_match(web_report_fn run, json_t **out, const char *target);

/* What a job on the phone (or a long offline job) is asked to do. Strings are checked and
 * resolved by the caller; NULL / false means "not given". */
struct web_job_params {
	const char *job;       /* detect info readback backup restore flash format | library-add
				* library-match | port */
	const char *port, *da, *preloader;
	const char *subject;   /* flash: PKG; backup, readback: OUT; restore: BACKUP; library-add:
				* PATH; port: BASE */
	const char *mode;      /* flash: download | upgrade | format-all */
	const char *skip, *only, *partitions; /* comma lists of checked names */
	const char *backup;    /* flash, format: where the identity backup goes */
	const char *phone, *out; /* port */
	const char *keep, *take; /* port: comma lists of keep-list entries */
	const char *list;      /* port: a keep-list file */
	bool dry_run, all, resume, force;
	char wait_ms[24];      /* detect: how long to wait for the port ("" default) */
};

/* The job's argument list for web_jobs_start (at most `max` entries, NULL-terminated);
 * mtkfw status (INVALID for an unknown job or a missing subject). */
int web_job_args(const struct web_job_params *p, const char **argv, size_t max);

#endif
