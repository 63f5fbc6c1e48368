/* The API's reports as the CLI renders them (api_render.h: why, and what changes later). */
#include "api_render.h"

#include "core/internal.h"

#include <string.h>

static int run_args(web_report_fn run, json_t **out, const char *const *args)
{
	return run(out, args, NULL);
}

int web_render_info(web_report_fn run, json_t **out, const char *path)
{
	const char *args[] = { "info", "--json", "--", path, NULL };

	return run_args(run, out, args);
}

int web_render_check(web_report_fn run, json_t **out, const char *pkg)
{
	const char *args[] = { "check", "--json", "--", pkg, NULL };

	return run_args(run, out, args);
}

int web_render_profile(web_report_fn run, json_t **out, const char *path)
{
	const char *args[] = { "profile", "--json", "--", path, NULL };

	return run_args(run, out, args);
}

int web_render_compat(web_report_fn run, json_t **out, const char *firmware, const char *target)
{
	const char *args[] = { "compat", "--json", "--", firmware, target, NULL };

	return run_args(run, out, args);
}

int web_render_explain(web_report_fn run, json_t **out, const char *query, const char *log)
{
	const char *args[] = { "explain", "--json", "--", query ? query : log, NULL };

	return run_args(run, out, args);
}

int web_render_library_search(web_report_fn run, json_t **out, const char *text)
{
	const char *args[] = { "library", "search", "--json", "--", text, NULL };

	return run_args(run, out, args);
}

int web_render_library_match(web_report_fn run, json_t **out, const char *target)
{
	const char *args[] = { "library", "match", "--json", "--", target, NULL };

	return run_args(run, out, args);
}

/* argv under construction, bounded. */
struct argl {
	const char **v;
	size_t n, max;
	bool over;
};

static void add(struct argl *a, const char *s)
{
	if (a->n + 1 < a->max)
		a->v[a->n++] = s;
	else
		a->over = true;
}

static void add_opt(struct argl *a, const char *opt, const char *val)
{
	if (val && *val) {
		add(a, opt);
		add(a, val);
	}
}

/* The options every phone job shares. */
static void add_session(struct argl *a, const struct web_job_params *p)
{
	add_opt(a, "--port", p->port);
	add_opt(a, "--da", p->da);
	add_opt(a, "--preloader", p->preloader);
}

int web_job_args(const struct web_job_params *p, const char **argv, size_t max)
{
	struct argl a = { argv, 0, max, false };
	const char *j = p->job ? p->job : "";
	static const char *const device_jobs[] = { "detect", "info", "readback", "backup", "restore", "flash", "format", NULL };
	bool device = false;

	for (size_t i = 0; device_jobs[i]; i++)
		device = device || !strcmp(j, device_jobs[i]);
	if (device) {
		add(&a, "device");
		add(&a, j);
		add(&a, "--json");
		if (!strcmp(j, "detect")) {
			add_opt(&a, "--port", p->port);
			add_opt(&a, "--wait", p->wait_ms);
		} else {
			add_session(&a, p);
		}
		if (!strcmp(j, "flash")) {
			if (!p->subject)
				return mtkfw_seterr(MTKFW_ERR_INVALID, "flash: which package?");
			add_opt(&a, "--mode", p->mode);
			add_opt(&a, "--skip", p->skip);
			add_opt(&a, "--only", p->only);
			add_opt(&a, "--backup", p->backup);
			if (p->dry_run)
				add(&a, "--dry-run");
			if (p->resume)
				add(&a, "--resume");
		} else if (!strcmp(j, "readback")) {
			if (!p->subject || (!p->all && !p->partitions))
				return mtkfw_seterr(MTKFW_ERR_INVALID, "readback: an output folder and --all or partitions");
			if (p->all)
				add(&a, "--all");
			else
				add_opt(&a, "--partitions", p->partitions);
		} else if (!strcmp(j, "restore")) {
			if (!p->subject)
				return mtkfw_seterr(MTKFW_ERR_INVALID, "restore: which backup?");
			add_opt(&a, "--only", p->only);
		} else if (!strcmp(j, "format")) {
			if (!p->all && !p->partitions)
				return mtkfw_seterr(MTKFW_ERR_INVALID, "format: all, or which partitions?");
			add_opt(&a, "--backup", p->backup);
			if (p->all)
				add(&a, "--all");
		}
		if (p->subject || (!strcmp(j, "format") && !p->all)) {
			add(&a, "--");
			add(&a, p->subject ? p->subject : p->partitions);
		}
	} else if (!strcmp(j, "library-add")) {
		if (!p->subject)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "library add: which folder?");
		add(&a, "library");
		add(&a, "add");
		add(&a, "--json");
		add(&a, "--");
		add(&a, p->subject);
	} else if (!strcmp(j, "library-match")) {
		/* The phone on the cable. */
		add(&a, "library");
		add(&a, "match");
		add(&a, "--json");
		add_session(&a, p);
	} else if (!strcmp(j, "port")) {
		if (!p->subject || !p->phone || (!p->out && !p->dry_run))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "port: a base, a phone and an output (or a dry run)");
		add(&a, "port");
		add(&a, "--json");
		add_opt(&a, "--phone", p->phone);
		add_opt(&a, "--keep", p->keep);
		add_opt(&a, "--take", p->take);
		add_opt(&a, "--list", p->list);
		if (p->dry_run) {
			add(&a, "--dry-run");
		} else {
			add_opt(&a, "--out", p->out);
			if (p->force)
				add(&a, "--force");
		}
		add(&a, "--");
		add(&a, p->subject);
	} else {
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a job mtkfw web runs", j);
	}
	if (a.over)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: too many arguments", j);
	argv[a.n] = NULL;
	return 0;
}
