/* Device jobs on a thread, their events and results (jobs.h). */
#include "jobs.h"

#include "api_render.h"
#include "os.h"

#include "core/internal.h"

#include <mtkfw/flash.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define JOB_HISTORY 16

struct job {
	int id;
	char kind[32];
	struct web_job_params *params; /* owned */
	bool running;
	int exit;
	json_t *result;
	/* progress bookkeeping, touched by the job's thread only */
	uint64_t overall_total, overall_done, stage_done;
	char stage[96];
	uint64_t last_post_ms;
	int last_pct;
};

struct web_jobs {
	pthread_mutex_t lock;
	struct web_events *ev;
	struct web_job_env env;
	struct job *hist[JOB_HISTORY]; /* job id at (id % JOB_HISTORY) */
	int next_id;
	struct job *current; /* running, or NULL */
	pthread_t thread;
	bool joinable;
	volatile int stopping;
};

int web_jobs_new(struct web_jobs **out, struct web_events *ev, const struct mtkfw_defaults *defaults,
		 const char *tmp_dir)
{
	struct web_jobs *j = calloc(1, sizeof(*j));

	*out = NULL;
	if (!j)
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
	pthread_mutex_init(&j->lock, NULL);
	j->ev = ev;
	j->env.defaults = defaults;
	j->env.tmp_dir = tmp_dir;
	j->env.stopping = &j->stopping;
	j->next_id = 1;
	*out = j;
	return 0;
}

static void job_free(struct job *b)
{
	if (!b)
		return;
	web_job_params_free(b->params);
	json_decref(b->result);
	free(b);
}

void web_jobs_free(struct web_jobs *j)
{
	if (!j)
		return;
	web_jobs_stop(j);
	for (size_t i = 0; i < JOB_HISTORY; i++)
		job_free(j->hist[i]);
	pthread_mutex_destroy(&j->lock);
	free(j);
}

struct running {
	struct web_jobs *jobs;
	struct job *job;
};

static bool counts_overall(const char *stage)
{
	return !strncmp(stage, "write ", 6) || !strncmp(stage, "verify ", 7);
}

static void post_step(struct running *r, const char *stage, const char *state)
{
	json_t *o = json_object();

	json_object_set_new(o, "job", json_integer(r->job->id));
	json_object_set_new(o, "stage", json_string(stage));
	json_object_set_new(o, "state", json_string(state));
	web_events_post(r->jobs->ev, "step", o);
}

static void post_progress(struct running *r, const char *stage, uint64_t done, uint64_t total)
{
	struct job *b = r->job;
	json_t *o = json_object();

	json_object_set_new(o, "job", json_integer(b->id));
	json_object_set_new(o, "stage", json_string(stage));
	json_object_set_new(o, "done", json_integer((json_int_t)done));
	json_object_set_new(o, "total", json_integer((json_int_t)total));
	if (b->overall_total) {
		uint64_t d = b->overall_done + (counts_overall(stage) ? done : 0);
		json_t *ov = json_object();

		json_object_set_new(ov, "done", json_integer((json_int_t)(d < b->overall_total ? d : b->overall_total)));
		json_object_set_new(ov, "total", json_integer((json_int_t)b->overall_total));
		json_object_set_new(o, "overall", ov);
	}
	web_events_post(r->jobs->ev, "progress", o);
}

/* The library's progress: a step event when the stage changes, progress at most ten times a
 * second (and always at a stage's end); a stopping server cancels here, at a safe point. */
static int on_progress(const char *stage, uint64_t done, uint64_t total, void *user)
{
	struct running *r = user;
	struct job *b = r->job;
	uint64_t now = web_now_ms();
	int pct = total ? (int)(done * 100 / total) : -1;

	if (strcmp(b->stage, stage) != 0) {
		if (b->stage[0]) {
			post_step(r, b->stage, "finished");
			if (counts_overall(b->stage))
				b->overall_done += b->stage_done;
		}
		snprintf(b->stage, sizeof(b->stage), "%s", stage);
		b->stage_done = 0;
		b->last_pct = -2;
		post_step(r, stage, "started");
	}
	b->stage_done = done;
	if ((total && done >= total) || now - b->last_post_ms >= 100 || pct / 5 != b->last_pct / 5) {
		post_progress(r, stage, done, total);
		b->last_post_ms = now;
		b->last_pct = pct;
	}
	return r->jobs->stopping ? 1 : 0;
}

static void on_log(mtkfw_log_level level, const char *message, void *user)
{
	struct running *r = user;
	json_t *o;

	if (level == MTKFW_LOG_DEBUG)
		return;
	o = json_object();
	json_object_set_new(o, "job", json_integer(r->job->id));
	json_object_set_new(o, "level", json_string(level == MTKFW_LOG_WARN ? "warning" : "info"));
	json_object_set_new(o, "message", json_string(message));
	web_events_post(r->jobs->ev, "log", o);
}

/* The job's own events: each as an "event" (kind, and the step and its state, the note), the
 * wait for the phone and the notes also as log lines for people. */
static int on_event(const struct mtkfw_event *ev, void *user)
{
	struct running *r = user;
	json_t *o = json_object();

	json_object_set_new(o, "job", json_integer(r->job->id));
	json_object_set_new(o, "kind", json_string(mtkfw_event_kind_name(ev->kind)));
	if (ev->step) {
		json_object_set_new(o, "step", json_string(ev->step->name));
		json_object_set_new(o, "state", json_string(mtkfw_step_state_name(ev->step->state)));
	}
	if (ev->note)
		json_object_set_new(o, "note", json_string(ev->note));
	web_events_post(r->jobs->ev, "event", o);
	if (ev->kind == MTKFW_EVENT_WAITING || (ev->kind == MTKFW_EVENT_NOTE && ev->note)) {
		o = json_object();
		json_object_set_new(o, "job", json_integer(r->job->id));
		json_object_set_new(o, "level", json_string(ev->kind == MTKFW_EVENT_NOTE ? "warning" : "info"));
		json_object_set_new(o, "message", json_string(ev->kind == MTKFW_EVENT_NOTE ? ev->note
								   : "waiting for the phone (power it off, hold Volume, plug it in)..."));
		web_events_post(r->jobs->ev, "log", o);
	}
	return r->jobs->stopping ? 1 : 0;
}

static json_t *state_json(const struct job *b)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(b->id));
	json_object_set_new(o, "kind", json_string(b->kind));
	json_object_set_new(o, "state", json_string(b->running ? "running" : "done"));
	json_object_set_new(o, "exit", b->running ? json_null() : json_integer(b->exit));
	json_object_set_new(o, "result", b->result ? json_incref(b->result) : json_null());
	return o;
}

static void *run_job(void *arg)
{
	struct running r = *(struct running *)arg;
	struct job *b = r.job;
	mtkfw_ctx *ctx = NULL;
	json_t *result = NULL;
	int code;

	free(arg);
	if (mtkfw_ctx_new(&ctx) == 0) {
		mtkfw_ctx_set_progress(ctx, on_progress, &r);
		mtkfw_ctx_set_log(ctx, on_log, &r);
		mtkfw_ctx_set_event(ctx, on_event, &r);
	}
	code = web_job_run(&result, b->params, &r.jobs->env, ctx);
	if (b->stage[0])
		post_step(&r, b->stage, "finished");
	if (code == 0 && b->overall_total) {
		/* Every write and its read-back are done: the overall bar ends full. */
		b->overall_done = b->overall_total;
		post_progress(&r, b->stage[0] ? b->stage : b->kind, 1, 1);
	}
	mtkfw_ctx_free(ctx);
	pthread_mutex_lock(&r.jobs->lock);
	b->result = result;
	b->exit = code;
	b->running = false;
	r.jobs->current = NULL;
	web_events_post(r.jobs->ev, "job", state_json(b));
	pthread_mutex_unlock(&r.jobs->lock);
	return NULL;
}

int web_jobs_start(struct web_jobs *j, const struct web_job_params *p, uint64_t overall_bytes, int *id)
{
	const char *kind = p->job;
	struct job *b;
	struct running *r;
	int rc = 0;

	*id = 0;
	pthread_mutex_lock(&j->lock);
	if (j->current || j->stopping) {
		rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "a %s job is running: one job at a time on the phone",
				  j->current ? j->current->kind : "stopping");
		goto out;
	}
	if (j->joinable) {
		pthread_join(j->thread, NULL);
		j->joinable = false;
	}
	b = calloc(1, sizeof(*b));
	r = calloc(1, sizeof(*r));
	if (!b || !r) {
		free(b);
		free(r);
		rc = mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
		goto out;
	}
	b->params = web_job_params_copy(p);
	snprintf(b->kind, sizeof(b->kind), "%s", kind);
	b->id = j->next_id++;
	b->running = true;
	b->overall_total = overall_bytes * 2;
	if (!b->params) {
		job_free(b);
		free(r);
		rc = mtkfw_seterr(MTKFW_ERR_NOMEM, "%s: out of memory", kind);
		goto out;
	}
	r->jobs = j;
	r->job = b;
	job_free(j->hist[b->id % JOB_HISTORY]);
	j->hist[b->id % JOB_HISTORY] = b;
	j->current = b;
	web_events_post(j->ev, "job", state_json(b));
	if (pthread_create(&j->thread, NULL, run_job, r) != 0) {
		b->running = false;
		b->exit = 1;
		j->current = NULL;
		free(r);
		rc = mtkfw_seterr(MTKFW_ERR_NOMEM, "%s: no thread for the job", kind);
		goto out;
	}
	j->joinable = true;
	*id = b->id;
out:
	pthread_mutex_unlock(&j->lock);
	return rc;
}

json_t *web_jobs_state(struct web_jobs *j, int id)
{
	json_t *o = NULL;
	struct job *b;

	pthread_mutex_lock(&j->lock);
	if (id <= 0)
		id = j->next_id - 1;
	b = id > 0 ? j->hist[id % JOB_HISTORY] : NULL;
	if (b && b->id == id)
		o = state_json(b);
	pthread_mutex_unlock(&j->lock);
	return o;
}

void web_jobs_stop(struct web_jobs *j)
{
	pthread_mutex_lock(&j->lock);
	j->stopping = 1;
	if (j->joinable) {
		pthread_t t = j->thread;

		j->joinable = false;
		pthread_mutex_unlock(&j->lock);
		pthread_join(t, NULL);
		return;
	}
	pthread_mutex_unlock(&j->lock);
}
