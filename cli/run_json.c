/*
 * A command run in this process with its JSON report handed back instead of printed: how
 * `mtkfw web` answers /api/v1/ with exactly what `mtkfw ARGS --json` prints (one renderer).
 * It stands in until the library's job calls and JSON module serve every front end; then the
 * web's adapter (web/api_render.c) calls those and this file goes.
 *
 * Commands keep state that is one per process (getopt's optind, stdout, the pending --json
 * error, the device session), so runs take turns under one lock.
 */
#include "cli.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t turn = PTHREAD_MUTEX_INITIALIZER;

/* getopt keeps scanning state between calls (where it stopped in a cluster, which arguments it
 * moved aside); setting optind to 1 does not clear it, so a second command in one process would
 * parse with the first one's leftovers. optind 0 makes glibc start afresh on the next call:
 * make that call here, on an empty list, so that code setting optind = 1 later (subcommands)
 * finds a clean state. */
static void getopt_afresh(void)
{
	char *none[] = { "mtkfw", NULL };
	int err = opterr;

	opterr = 0;
	optind = 0;
	getopt(1, none, "");
	opterr = err;
	optind = 1;
}

/* Commands permute and shorten argv (getopt, subcommand shifts): they get a private copy. */
#define RUN_MAX_ARGS 64

int cli_run_json(json_t **out, const char *const *args, mtkfw_ctx *ctx)
{
	char *argv[RUN_MAX_ARGS + 1];
	struct cli_env env = { 0 };
	json_t *report = NULL;
	int argc = 0, rc;

	*out = NULL;
	while (args[argc] && argc < RUN_MAX_ARGS)
		argc++;
	if (argc == 0 || args[argc] || !(env.cmd = cli_find_command(args[0]))) {
		/* A front end asking for a command this build lacks (a newer page, an older binary). */
		char msg[128];

		snprintf(msg, sizeof(msg), "%s: not a command of this mtkfw", argc ? args[0] : "(none)");
		env.json = true;
		pthread_mutex_lock(&turn);
		cli_json_error_set(&env, MTKFW_ERR_UNSUPPORTED, msg);
		cli_json_capture(&report);
		cli_json_error_flush();
		cli_json_capture(NULL);
		pthread_mutex_unlock(&turn);
		*out = report;
		return EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++)
		argv[i] = (char *)args[i]; /* getopt permutes the pointers; the strings stay unwritten */
	argv[argc] = NULL;
	/* The usual folders (journals, backups, the library), as main.c gives every command. */
	if (mtkfw_defaults_get(&env.defaults) != 0)
		return EXIT_FINDING; /* out of memory, as main.c: no report */
	env.ctx = ctx;
	env.quiet = true; /* no bars or stage lines: the caller's progress callback stays on ctx */
	env.json = (env.cmd->flags & CLI_JSON) != 0;
	env.argc = argc;
	env.argv = argv;

	pthread_mutex_lock(&turn);
	cli_json_capture(&report);
	getopt_afresh();
	rc = env.cmd->run(argc, argv, &env);
	if (rc != EXIT_DONE)
		cli_json_error_flush(); /* {"error": ...} when the command printed no report */
	json_decref(cli_json_error_take());
	cli_json_capture(NULL);
	fflush(stderr);
	pthread_mutex_unlock(&turn);
	mtkfw_defaults_clear(&env.defaults);
	*out = report;
	return rc;
}
