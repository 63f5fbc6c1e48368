/*
 * mtkfw: the dispatcher. Finds the command in the table, answers --help for every command,
 * sets up the context (log and progress go to stderr), runs the command and checks that
 * stdout was written without error.
 */
#include "cli.h"
#include "interrupt.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CLI_COMMAND(n) extern const struct cli_command cli_cmd_##n;
#include "cli_commands.inc"
#undef CLI_COMMAND

static const struct cli_command *const commands[] = {
#define CLI_COMMAND(n) &cli_cmd_##n,
#include "cli_commands.inc"
#undef CLI_COMMAND
	NULL, /* the table may be empty while commands are being written */
};

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void print_overview(FILE *fp)
{
	fprintf(fp, "usage: mtkfw [--version] [--help] COMMAND [ARGS]\n\n"
		    "MediaTek MT6572 firmware toolkit: read, check, rebuild and flash firmware safely.\n\n"
		    "Commands:\n");
	for (size_t i = 0; commands[i]; i++)
		if (!(commands[i]->flags & CLI_HIDDEN))
			fprintf(fp, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(fp, "\nRun 'mtkfw COMMAND --help' for a command's options; 'man mtkfw' for exit codes.\n");
}

static int is_help(const char *a)
{
	return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

static void log_to_stderr(mtkfw_log_level level, const char *msg, void *user)
{
	const struct cli_env *env = user;

	if (level == MTKFW_LOG_DEBUG && !getenv("MTKFW_DEBUG"))
		return;
	if (env->quiet && level < MTKFW_LOG_WARN)
		return;
	fprintf(stderr, "%s%s\n", level == MTKFW_LOG_WARN ? "warning: " : "", msg);
}

/* `mtkfw help [COMMAND]` */
static int run_help(int argc, char **argv, struct cli_env *env)
{
	const struct cli_command *cmd;

	if (argc < 2) {
		print_overview(stdout);
		return EXIT_DONE;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return cli_usage_error(env, "'%s' is not a mtkfw command", argv[1]);
	return cli_help_man(cmd, env);
}

static const char *const help_usage[] = { "mtkfw help [COMMAND]", NULL };
static const struct cli_command help_command = {
	"help", run_help, 0, "show the commands, or one command's options", help_usage, "",
};

static int finish_stdout(int rc)
{
	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "mtkfw: could not write the output: %s\n", strerror(errno));
		return rc ? rc : EXIT_FINDING;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_env env = { 0 };
	const struct cli_command *cmd;
	int rc;

	/* First of all: a Ctrl-C from now on is handled (the context gets the flag below). */
	cli_interrupt_setup(NULL);
	signal(SIGPIPE, SIG_IGN);
	/* A file-size limit (ulimit -f) makes a write fail with EFBIG, reported like a full disk,
	 * instead of killing the program with a half-written temporary file. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		print_overview(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("mtkfw %s\n", mtkfw_version());
		return finish_stdout(EXIT_DONE);
	}
	if (is_help(argv[1])) {
		print_overview(stdout);
		return finish_stdout(EXIT_DONE);
	}
	cmd = strcmp(argv[1], "help") == 0 ? &help_command : find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "mtkfw: '%s' is not a mtkfw command; see 'mtkfw help'\n", argv[1]);
		return EXIT_USAGE;
	}
	env.cmd = cmd;
	/* --help anywhere before "--" wins, so every command answers it the same way. */
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (is_help(argv[i])) {
			cli_usage(cmd, stdout, true);
			return finish_stdout(EXIT_DONE);
		}
	}
	/* --json before "--" means a failure is reported on stdout too, whatever the command. */
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0 && (cmd->flags & CLI_JSON); i++)
		env.json = env.json || strcmp(argv[i], "--json") == 0;
	env.argc = argc - 1;
	env.argv = argv + 1;
	env.stdout_tty = isatty(STDOUT_FILENO);
	env.stderr_tty = isatty(STDERR_FILENO);
	env.color = env.stderr_tty && !getenv("NO_COLOR") && !(getenv("TERM") && !strcmp(getenv("TERM"), "dumb"));
	if (mtkfw_defaults_get(&env.defaults) != 0 || mtkfw_ctx_new(&env.ctx) != 0) {
		fprintf(stderr, "mtkfw: out of memory\n");
		return EXIT_FINDING;
	}
	mtkfw_ctx_set_log(env.ctx, log_to_stderr, &env);
	cli_interrupt_setup(&env);
	optind = 1;
	rc = cmd->run(argc - 1, argv + 1, &env);
	if (rc != EXIT_DONE)
		cli_json_error_flush();
	json_decref(cli_json_error_take());
	mtkfw_ctx_free(env.ctx);
	mtkfw_defaults_clear(&env.defaults);
	return cli_interrupt_exit(finish_stdout(rc));
}
