/* mtkfw web: the toolkit as a local web page (the server is web/; this parses and waits). */
#include "cli.h"
#include "interrupt.h"

#include "os.h"
#include "core/os.h"
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw web [--listen 127.0.0.1:PORT] [--root DIR]... [--open]",
	NULL,
};

static const char options[] =
	"  --listen ADDR:PORT  where to serve: a loopback address only, 127.0.0.1 or [::1]\n"
	"                      (default 127.0.0.1:6572; port 0 picks a free one)\n"
	"  --root DIR          a folder the page may read and write in (repeatable; default your\n"
	"                      home folder); mtkfw's own folders and the firmware library's\n"
	"                      package folders are always allowed\n"
	"  --open              open the page in the browser\n"
	"The first line on stdout is the URL to open, with its ?token=: every request needs that\n"
	"token. Ctrl-C stops the server; a job on the phone stops at a safe point first.\n";

#define MAX_ROOTS 16

/* mtkfw's data and state folders (identity backups, DA, preloaders, journals). */
static int add_data_roots(const char **roots, int n, char **owned, int *nowned)
{
	static const struct {
		const char *env, *fallback;
	} dirs[] = { { "XDG_DATA_HOME", ".local/share" }, { "XDG_STATE_HOME", ".local/state" } };
	const char *home = getenv("HOME");

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && n < MAX_ROOTS; i++) {
		const char *base = getenv(dirs[i].env);
		char *p = NULL;

		size_t n_p = (base ? strlen(base) : 0) + (home ? strlen(home) : 0) + 32;

		if ((base && *base) || (home && *home))
			p = malloc(n_p);
		if (p && base && *base)
			snprintf(p, n_p, "%s/mtkfw", base);
		else if (p)
			snprintf(p, n_p, "%s/%s/mtkfw", home, dirs[i].fallback);
		/* Made now if absent, so that a backup the page makes there can be restored. */
		if (p && (web_make_dirs(p) == 0 || web_exists(p))) {
			roots[n++] = p;
			owned[(*nowned)++] = p;
		} else {
			free(p);
		}
	}
	return n;
}

/* Is `path` inside one of the first n roots (as the user gave them; the server resolves links)? */
static bool under_roots(const char *path, const char **roots, int n)
{
	for (int i = 0; i < n; i++) {
		size_t l = strlen(roots[i]);

		while (l > 1 && mtkfw_os_is_sep(roots[i][l - 1]))
			l--;
		if (!strncmp(path, roots[i], l) && (path[l] == '\0' || mtkfw_os_is_sep(path[l])))
			return true;
	}
	return false;
}

/* The folders of the firmware library's packages (its list, as `mtkfw library list`), so the
 * page can flash what the library matches; nothing in a build without the library. */
static int add_library_roots(const struct cli_env *env, const char **roots, int n, char **owned, int *nowned)
{
	struct mtkfw_library_search_job job = { .version = 1, .db = env->defaults.library_file };
	struct mtkfw_job_outcome out;
	const char *given = getenv("MTKFW_LIBRARY");

	/* No library yet, nothing to ask (and no "no library here" at every start); a library named
	 * by $MTKFW_LIBRARY may be a server's. */
	if (!job.db || ((!given || !*given) && !web_exists(job.db)))
		return n;
	if (mtkfw_job_library_search(&out, &job, NULL) != 0) {
		mtkfw_job_outcome_clear(&out);
		return n;
	}
	for (size_t i = 0; i < out.library_list.count && n < MAX_ROOTS; i++) {
		const char *path = out.library_list.items[i].path;
		char *dir, *cut;

		if (!path || !mtkfw_os_is_absolute(path))
			continue;
		if (!(dir = strdup(path)))
			break;
		if ((cut = strchr(dir, '!')) != NULL) /* ARCHIVE!/member: the archive's folder */
			*cut = '\0';
		if (!web_is_dir(dir)) { /* a scatter or an archive: its folder */
			cut = NULL;
			for (char *q = dir; *q; q++)
				if (mtkfw_os_is_sep(*q))
					cut = q;
			if (cut)
				*(cut == dir ? cut + 1 : cut) = '\0';
		}
		/* A package whose folder has gone since it was added (a removed card, a deleted
		 * download) is no folder to allow, and must not keep the server from starting. */
		if (under_roots(dir, roots, n) || !*dir || !strcmp(dir, "/") || !web_is_dir(dir)) {
			free(dir);
			continue;
		}
		roots[n++] = dir;
		owned[(*nowned)++] = dir;
	}
	mtkfw_job_outcome_clear(&out);
	return n;
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "root", required_argument, NULL, 'r' },
		{ "open", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *roots[MAX_ROOTS];
	char *owned[MAX_ROOTS];
	int c, nroots = 0, nowned = 0, rc = EXIT_DONE;
	const char *tmp = getenv("TMPDIR");
	struct web_options o = { .listen = "127.0.0.1:6572", .defaults = &env->defaults, .tmp_dir = tmp && *tmp ? tmp : NULL };
	bool open_it = false;
	web_server *srv;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'l': o.listen = optarg; break;
		case 'r':
			if (nroots >= MAX_ROOTS - 2)
				return cli_usage_error(env, "at most %d --root folders", MAX_ROOTS - 2);
			roots[nroots++] = optarg;
			break;
		case 'o': open_it = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage_error(env, "no arguments besides the options");
	if (nroots == 0) {
		const char *home = getenv("HOME");

		if (!home || !*home)
			return cli_usage_error(env, "HOME is not set: name the folders with --root DIR");
		roots[nroots++] = home;
	}
	nroots = add_data_roots(roots, nroots, owned, &nowned);
	nroots = add_library_roots(env, roots, nroots, owned, &nowned);
	o.roots = roots;
	o.nroots = (size_t)nroots;

	web_stop_on_signals();
	/* Ctrl-C is this thread's alone: the server's threads start with it blocked, so it never
	 * interrupts a connection mid-send (a page would lose the end of a cancelled job) or a
	 * job's read from the phone; the job hears of it through its progress callback. */
	web_stop_signals_block(true);
	rc = web_server_start(&srv, &o);
	web_stop_signals_block(false);
	if (rc != 0) {
		rc = cli_fail(env);
		goto out;
	}
	/* The first line is the URL, for people and for scripts that start the server. */
	printf("%s\n", web_server_url(srv));
	fflush(stdout);
	if (!env->quiet)
		fprintf(stderr, "mtkfw web: serving on this computer only; the page may use %s%s; Ctrl-C stops\n",
			roots[0], nroots > 1 ? ", mtkfw's own folders and the library's" : "");
	if (open_it && web_open_browser(web_server_url(srv)) != 0)
		cli_warn(env, "%s", mtkfw_error_last()->message);
	web_wait_for_stop(cli_interrupted);
	fprintf(stderr, "mtkfw web: stopping (a job on the phone stops at a safe point first)\n");
	web_server_stop(srv);
out:
	for (int i = 0; i < nowned; i++)
		free(owned[i]);
	return rc;
}

const struct cli_command cli_cmd_web = {
	.name = "web",
	.run = run,
	.flags = 0,
	.summary = "the toolkit as a local web page, for the bench (loopback only, with a token)",
	.usage = usage,
	.options = options,
};
