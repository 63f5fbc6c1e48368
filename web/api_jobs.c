/* The jobs mtkfw web runs on its job thread (jobs.c): the phone's, and the long offline ones
 * (library add, library match of the phone on the cable, port), from their parameters to the
 * CLI's JSON (api_render.h). */
#include "api_render.h"

#include "api_answer.h"
#include "os.h"

#include "core/internal.h"

#include <mtkfw/frontend.h>

#include <stdlib.h>
#include <string.h>

static bool is(const struct web_job_params *p, const char *job)
{
	return p->job && !strcmp(p->job, job);
}

static bool phone_job(const struct web_job_params *p)
{
	static const char *const jobs[] = { "detect", "info", "readback", "backup", "restore", "flash", "format", "erase",
					    "reboot", NULL };

	for (size_t i = 0; jobs[i]; i++)
		if (is(p, jobs[i]))
			return true;
	return false;
}

int web_job_check(const struct web_job_params *p)
{
	const char *j = p->job ? p->job : "";

	if (is(p, "flash") && !p->subject)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "flash: which package?");
	if (is(p, "readback") && (!p->subject || (!p->all && !p->partitions)))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "readback: an output folder and --all or partitions");
	if (is(p, "restore") && !p->subject)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "restore: which backup?");
	if (is(p, "format") && !p->all && !p->partitions)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "format: all, or which partitions?");
	if (is(p, "erase") && (!p->partitions || strchr(p->partitions, ',')))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "erase: one partition");
	if (is(p, "library-add") && !p->subject)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library add: which folder?");
	if (is(p, "port") && (!p->subject || !p->phone || (!p->out && !p->dry_run)))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "port: a base, a phone and an output (or a dry run)");
	if (!phone_job(p) && !is(p, "library-add") && !is(p, "library-match") && !is(p, "port"))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a job mtkfw web runs", j);
	return 0;
}

/* The string members of web_job_params, for the copy. */
#define EACH_STRING(X)                                                                                          \
	X(job) X(port) X(da) X(preloader) X(subject) X(mode) X(skip) X(only) X(partitions) X(backup) X(phone)      \
	X(out) X(keep) X(take) X(list)

struct web_job_params *web_job_params_copy(const struct web_job_params *p)
{
	struct web_job_params *c = malloc(sizeof(*c));
	bool ok = true;

	if (!c)
		return NULL;
	*c = *p;
#define COPY(m) c->m = p->m ? strdup(p->m) : NULL; ok = ok && (c->m || !p->m);
	EACH_STRING(COPY)
#undef COPY
	if (!ok) {
		web_job_params_free(c);
		return NULL;
	}
	return c;
}

void web_job_params_free(struct web_job_params *p)
{
	if (!p)
		return;
#define FREE(m) free((char *)p->m);
	EACH_STRING(FREE)
#undef FREE
	free(p);
}

/* A comma list (names checked by api.c: no empty one, no comma inside) cut into `store`. */
struct names {
	char *buf;
	const char **store;
};

static int split(struct names *n, const char *list, size_t max, struct mtkfw_name_list *out)
{
	size_t count = 0;

	out->names = NULL;
	out->count = 0;
	if (!list)
		return 0;
	if (!(n->buf = strdup(list)) || !(n->store = calloc(max, sizeof(*n->store))))
		return mtkfw_nomem();
	for (char *s = n->buf, *next; s; s = next) {
		if ((next = strchr(s, ',')))
			*next++ = '\0';
		if (count == max)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "more than %zu names in one list", max);
		n->store[count++] = s;
	}
	out->names = n->store;
	out->count = count;
	return 0;
}

static void names_clear(struct names *n)
{
	free(n->buf);
	free(n->store);
}

#define LIST_MAX 256 /* names in one list: more than a phone has partitions */

/* Everything a job takes, built from the parameters and kept until it ends. */
struct job_opts {
	const char *dirs[1];
	struct mtkfw_connect_opts connect;
	struct names lists[4];
	union {
		struct mtkfw_info_job info;
		struct mtkfw_readback_job readback;
		struct mtkfw_backup_job backup;
		struct mtkfw_restore_job restore;
		struct mtkfw_flash_job flash;
		struct mtkfw_format_job format;
		struct mtkfw_library_add_job add;
		struct mtkfw_library_match_job match;
		struct mtkfw_port_job port;
	} u;
};

static int add_doc(char **doc, const struct mtkfw_job_outcome *o)
{
	/* The bytes an add read are the CLI's measure of its own process; the server has no
	 * such measure of one job among others. */
	return mtkfw_json_catalog_add(doc, &o->library_add);
}

static int run_phone_job(struct mtkfw_job_outcome *o, const struct web_job_params *p, struct job_opts *j,
			 const struct mtkfw_defaults *d, mtkfw_ctx *ctx)
{
	int rc = 0;

	if (is(p, "detect") || is(p, "info") || is(p, "reboot")) {
		j->u.info = (struct mtkfw_info_job){ .version = 1, .connect = j->connect };
		return is(p, "detect") ? mtkfw_job_detect(o, &j->u.info, ctx)
		       : is(p, "info") ? mtkfw_job_info(o, &j->u.info, ctx)
				       : mtkfw_job_reboot(o, &j->u.info, ctx);
	}
	if (is(p, "readback")) {
		struct mtkfw_readback_job *r = &j->u.readback;

		*r = (struct mtkfw_readback_job){ .version = 1, .connect = j->connect, .out = p->subject,
						  .kind = p->all ? MTKFW_READBACK_ALL : MTKFW_READBACK_PARTITIONS };
		if (!p->all)
			rc = split(&j->lists[0], p->partitions, LIST_MAX, &r->partitions);
		return rc ? rc : mtkfw_job_readback(o, r, ctx);
	}
	if (is(p, "backup")) {
		j->u.backup = (struct mtkfw_backup_job){ .version = 1, .connect = j->connect, .dir = p->subject,
							 .backups_dir = d->backups_dir };
		return mtkfw_job_backup(o, &j->u.backup, ctx);
	}
	if (is(p, "restore")) {
		struct mtkfw_restore_job *r = &j->u.restore;

		*r = (struct mtkfw_restore_job){ .version = 1, .connect = j->connect, .backup = p->subject };
		rc = split(&j->lists[0], p->only, LIST_MAX, &r->only);
		return rc ? rc : mtkfw_job_restore(o, r, ctx);
	}
	if (is(p, "flash")) {
		struct mtkfw_flash_job *f = &j->u.flash;

		*f = (struct mtkfw_flash_job){ .version = 1, .connect = j->connect, .package = p->subject,
					       .resume = p->resume, .dry_run = p->dry_run, .backup_dir = p->backup,
					       .backups_dir = d->backups_dir, .journal_dir = d->journal_dir };
		if ((f->mode = mtkfw_flash_mode_parse(p->mode ? p->mode : "download")) < 0)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "--mode: download, upgrade or format-all");
		if ((rc = split(&j->lists[0], p->only, LIST_MAX, &f->only)) ||
		    (rc = split(&j->lists[1], p->skip, LIST_MAX, &f->skip)))
			return rc;
		return mtkfw_job_flash(o, f, ctx);
	}
	/* format, erase (one partition, checked): the identity backup first, as the CLI's */
	j->u.format = (struct mtkfw_format_job){ .version = 1, .connect = j->connect, .backup_dir = p->backup,
						 .backups_dir = d->backups_dir };
	if (!p->all)
		rc = split(&j->lists[0], p->partitions, LIST_MAX, &j->u.format.partitions);
	if (rc)
		return rc;
	return is(p, "erase") ? mtkfw_job_erase(o, &j->u.format, ctx) : mtkfw_job_format(o, &j->u.format, ctx);
}

int web_job_run(json_t **out, const struct web_job_params *p, const struct web_job_env *env, mtkfw_ctx *ctx)
{
	const struct mtkfw_defaults *d = env->defaults;
	struct mtkfw_job_outcome o = { 0 };
	struct mtkfw_job_end_opts eo = { .da_place = d->da_place };
	struct job_opts *j = calloc(1, sizeof(*j));
	web_doc_fn report = web_outcome_doc;
	const char *given[] = { p->subject, p->phone, p->out, p->list, p->da, p->preloader, p->backup };
	const char *inputs[sizeof(given) / sizeof(given[0])];
	size_t n = 0;
	int rc = 0;

	/* The job's files, for the "file" a failure names (as the CLI's arguments are). */
	for (size_t i = 0; i < sizeof(given) / sizeof(given[0]); i++)
		if (given[i])
			inputs[n++] = given[i];

	*out = NULL;
	if (!j) {
		mtkfw_nomem();
		return web_answer_failed(out, inputs, n);
	}
	/* The connection as `mtkfw device` makes it from the same options. */
	mtkfw_defaults_connect(&j->connect, d, j->dirs);
	j->connect.port = p->port;
	j->connect.wait_ms = p->wait_set ? p->wait_ms : 60000;
	if (p->wait_set)
		j->connect.reenum_wait_ms = p->wait_ms ? p->wait_ms : 1;
	if (p->da)
		j->connect.da_file = p->da;
	j->connect.preloader = p->preloader;

	if (phone_job(p)) {
		rc = run_phone_job(&o, p, j, d, ctx);
	} else if (is(p, "library-add")) {
		struct mtkfw_library_add_job *a = &j->u.add;

		/* The data folder's library: its folder is made on first use, as the CLI does. */
		if (d->data_dir && d->library_file && !strncmp(d->library_file, d->data_dir, strlen(d->data_dir)))
			web_make_dirs(d->data_dir);
		*a = (struct mtkfw_library_add_job){ .version = 1, .db = d->library_file, .paths = { &p->subject, 1 },
						     .tmp_dir = env->tmp_dir, .shop = d->shop };
		report = add_doc;
		rc = a->db ? mtkfw_job_library_add(&o, a, ctx) : mtkfw_seterr(MTKFW_ERR_INVALID, "%s", web_no_library);
	} else if (is(p, "library-match")) {
		/* The phone on the cable. */
		j->u.match = (struct mtkfw_library_match_job){ .version = 1, .db = d->library_file, .connect = j->connect,
							       .tmp_dir = env->tmp_dir, .shop = d->shop };
		report = web_match_doc;
		rc = j->u.match.db ? mtkfw_job_library_match(&o, &j->u.match, ctx)
				   : mtkfw_seterr(MTKFW_ERR_INVALID, "%s", web_no_library);
	} else if (is(p, "port")) {
		struct mtkfw_port_job *pj = &j->u.port;

		*pj = (struct mtkfw_port_job){ .version = 1, .base = p->subject, .phone = p->phone, .out = p->out,
					       .keep_file = p->list, .dry_run = p->dry_run, .force = p->force,
					       .catalog = d->library_file,
					       /* A dry run has no OUT to put its temporary folders beside. */
					       .tmp_dir = p->dry_run ? env->tmp_dir : NULL };
		if (!(rc = split(&j->lists[0], p->keep, MTKFW_KEEP_MAX, &pj->keep)) &&
		    !(rc = split(&j->lists[1], p->take, MTKFW_KEEP_MAX, &pj->take)))
			rc = mtkfw_job_port(&o, pj, ctx);
	} else {
		rc = web_job_check(p);
	}
	/* A job that could not start (a list too long) fills no outcome: its error is the answer. */
	if (rc && !o.status) {
		rc = web_answer_failed(out, inputs, n);
	} else {
		eo.interrupted = env->stopping && *env->stopping;
		rc = web_answer(out, &o, &eo, report, inputs, n);
	}
	mtkfw_job_outcome_clear(&o);
	for (size_t i = 0; i < sizeof(j->lists) / sizeof(j->lists[0]); i++)
		names_clear(&j->lists[i]);
	free(j);
	return rc;
}
