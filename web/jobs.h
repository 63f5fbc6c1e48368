/*
 * Device jobs for the page: one at a time (there is one phone on the cable), each on a thread of
 * its own, its progress, steps and log posted as events, its result kept for GET /api/v1/jobs.
 */
#ifndef MTKFW_WEB_JOBS_H
#define MTKFW_WEB_JOBS_H

#include "events.h"
#include "web.h"

#include <jansson.h>
#include <stdint.h>

struct web_jobs;

struct mtkfw_defaults;
struct web_job_params;

/* `defaults` (the usual folders) and `tmp_dir` ($TMPDIR or NULL) outlive the jobs. */
int web_jobs_new(struct web_jobs **out, struct web_events *ev, const struct mtkfw_defaults *defaults,
		 const char *tmp_dir);
/* Stops a running job first (web_jobs_stop). */
void web_jobs_free(struct web_jobs *j);

/*
 * Start job `p` (copied; its kind p->job: "flash", "backup" ...) on a thread: the library's job
 * with the job's own context, its progress, steps and notes posted as events (web_job_run).
 * `overall_bytes`, when not 0, is what the writes of the plan add up to: overall progress then
 * counts the write and verify stages against twice that. `*id` the job's number. REFUSED (only)
 * while another job runs.
 */
int web_jobs_start(struct web_jobs *j, const struct web_job_params *p, uint64_t overall_bytes, int *id);

/* {"id", "kind", "state": running|done, "exit", "result"} of job `id` (0: the latest), or NULL. */
json_t *web_jobs_state(struct web_jobs *j, int id);

/* Ask the running job to stop at its next safe point and wait for it. */
void web_jobs_stop(struct web_jobs *j);

#endif
