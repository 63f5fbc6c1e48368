/*
 * The adapter between the API and the library: every answer of /api/v1/ is what `mtkfw ...
 * --json` prints for the same job, because both front ends call the same job of mtkfw/jobs.h
 * and render it with the same function of mtkfw/json.h; mtkfw_job_end gives both the exit code
 * (X-Mtkfw-Exit) and the failure ({"error": ...}). Reports run on the request's own thread,
 * side by side with a job on the phone. Paths given here are already resolved under the roots
 * (roots.c). One file a job: api_render.c the offline reports, api_library.c the library's
 * writes, api_jobs.c the jobs of the job thread; api_answer.c how each ends in an answer.
 */
#ifndef MTKFW_WEB_API_RENDER_H
#define MTKFW_WEB_API_RENDER_H

#include "web.h"

#include <mtkfw/core.h>

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct mtkfw_defaults;

/* Offline reports (api_render.c); each returns the CLI's exit code and its JSON document in *out. */
int web_render_info(json_t **out, const char *path);
int web_render_check(json_t **out, const char *pkg);
int web_render_profile(json_t **out, const char *path);
int web_render_compat(json_t **out, const char *firmware, const char *target);
/* `query` a code, a symbol or a message; or `log` a log file (one of the two). */
int web_render_explain(json_t **out, const char *query, const char *log);
int web_render_library_search(json_t **out, const struct mtkfw_defaults *d, const char *text);
int web_render_library_match(json_t **out, const struct mtkfw_defaults *d, const char *target);
/* Library label and report (api_library.c): written, then answered with the package as
 * `mtkfw library label --json` and `report --json` print it (show's document); a failure is
 * their error. */
int web_render_library_label(json_t **out, const struct mtkfw_defaults *d, int64_t id, const char *text);
struct web_report_params {
	int64_t id;
	const char *phone;  /* resolved under the roots */
	const char *result; /* booted | display-dead | no-radio | bootloop | dead */
	const char *note;   /* or NULL */
	const char *cid;    /* 32 hex digits, or NULL */
};
int web_render_library_report(json_t **out, const struct mtkfw_defaults *d, const struct web_report_params *r);

/* What a job on the phone (or a long offline job) is asked to do (api_jobs.c). Strings are
 * checked and resolved by the caller; NULL / false means "not given". */
struct web_job_params {
	const char *job;       /* detect info readback backup restore flash format erase reboot | library-add
				* library-match | port */
	const char *port, *da, *preloader;
	const char *subject;   /* flash: PKG; backup, readback: OUT; restore: BACKUP; library-add:
				* PATH; port: BASE */
	const char *mode;      /* flash: download | upgrade | format-all */
	const char *skip, *only, *partitions; /* comma lists of checked names */
	const char *backup;    /* flash, format, erase: where the identity backup goes */
	const char *phone, *out; /* port */
	const char *keep, *take; /* port: comma lists of keep-list entries */
	const char *list;      /* port: a keep-list file */
	bool dry_run, all, resume, force;
	bool wait_set;         /* detect: wait_ms given */
	unsigned wait_ms;      /* detect: how long to wait for the port */
};

/* Is `p` a job this server runs, with what it needs? mtkfw status (INVALID with the reason),
 * before anything starts. */
int web_job_check(const struct web_job_params *p);

/* A copy of `p` owning its strings (web_job_params_free), for the job's thread. */
struct web_job_params *web_job_params_copy(const struct web_job_params *p);
void web_job_params_free(struct web_job_params *p);

/* Where the jobs find the usual folders. */
struct web_job_env {
	const struct mtkfw_defaults *defaults;
	const char *tmp_dir;       /* $TMPDIR: archives taken out, a phone read for a match; NULL: /tmp */
	volatile int *stopping;    /* set when the server stops the job (its message says so) */
};

/* Run job `p` with `ctx` (its progress and events) and hand over the CLI's JSON for it;
 * returns the CLI's exit code. */
int web_job_run(json_t **out, const struct web_job_params *p, const struct web_job_env *env, mtkfw_ctx *ctx);

#endif
