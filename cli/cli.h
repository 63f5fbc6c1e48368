/*
 * The mtkfw command-line program: shared declarations for the command files.
 *
 * Each command lives in cli/cmd_NAME.c and defines `const struct cli_command cli_cmd_NAME`;
 * the build collects them into the command table (see cli/CMakeLists.txt), so adding a
 * command touches no shared file. A command has one shape: usage lines, option help, parse
 * with cli_getopt(), act through the library, render its report as text or JSON.
 */
#ifndef MTKFW_CLI_H
#define MTKFW_CLI_H

#include <mtkfw/frontend.h>
#include <mtkfw/mtkfw.h>

#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit codes: ../shared/contracts.md and docs/man/mtkfw.1. */
enum {
	EXIT_DONE = 0,    /* done; nothing wrong */
	EXIT_FINDING = 1, /* a finding, or an operation failed */
	EXIT_USAGE = 2,   /* usage error or unreadable input */
	EXIT_UNSAFE = 3,  /* refused as unsafe */
};

/* What the dispatcher must set up for a command. */
enum cli_flags {
	CLI_JSON = 1 << 0,          /* has --json */
	CLI_DEVICE = 1 << 1,        /* talks to a phone */
	CLI_WRITES_DEVICE = 1 << 2, /* may write to a phone */
	CLI_HIDDEN = 1 << 3,        /* not listed by `mtkfw help` (developer tools) */
};

struct cli_env;

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv, struct cli_env *env);
	unsigned flags;
	const char *summary;      /* one line for `mtkfw help` */
	const char *const *usage; /* synopsis lines, NULL-terminated; must match the man page */
	const char *options;      /* option help, printed by --help */
};

struct cli_env {
	const struct cli_command *cmd;
	mtkfw_ctx *ctx;
	bool stdout_tty; /* draw progress bars only on a terminal */
	bool stderr_tty;
	bool color;      /* terminal and no NO_COLOR */
	bool quiet;
	bool json;       /* --json given: a failure is reported on stdout as JSON too */
	int argc;        /* the command's arguments (argv[0] is the command), for cli_fail */
	char **argv;
	/* The usual folders (DA, preloaders, backups, journals), from the environment once
	 * (include/mtkfw/frontend.h): the library reads none. */
	struct mtkfw_defaults defaults;
};

/* Print the command's usage (and with `full`, its options) to `fp`. */
void cli_usage(const struct cli_command *cmd, FILE *fp, bool full);

/* Report a usage error: "mtkfw CMD: MESSAGE", the synopsis, and return EXIT_USAGE. */
int cli_usage_error(const struct cli_env *env, const char *fmt, ...) MTKFW_PRINTF(2, 3);

/* One clear line on stderr: "mtkfw CMD: MESSAGE". */
void cli_error(const struct cli_env *env, const char *fmt, ...) MTKFW_PRINTF(2, 3);
void cli_warn(const struct cli_env *env, const char *fmt, ...) MTKFW_PRINTF(2, 3);

/* Write a name that came from an input file (an archive member, a link target) so that it
 * cannot drive the terminal: control bytes, DEL, C1 controls, bytes that are not UTF-8 and the
 * backslash itself become \xHH; printable ASCII and other UTF-8 pass. */
void cli_put_name(FILE *fp, const char *s);

/* Report the library's last error on stderr and return the exit code it deserves: 2 for
 * unreadable or malformed input, 3 for a refusal, 1 for everything else. With --json the same
 * failure goes to stdout as {"error": {"code", "message", "file"}} (cli/json_error.c). */
int cli_fail(const struct cli_env *env);
/* The same for a failure the CLI itself finds: `status` (an mtkfw_status) gives the code. */
int cli_fail_status(const struct cli_env *env, int status, const char *fmt, ...) MTKFW_PRINTF(3, 4);

/* The pending failure for --json (cli/json_error.c): recorded by cli_fail and usage errors,
 * taken into the command's report by cli_json_print, or printed alone by the dispatcher. */
void cli_json_error_set(const struct cli_env *env, int status, const char *message);
json_t *cli_json_error_take(void);
void cli_json_error_flush(void);
/* How a job ended (mtkfw_job_end, the rule the web UI answers by too): its line said (stderr;
 * under --json also the "error" when the rule puts it there), `e` filled for the renderers (is
 * there a report?), the exit code returned. `opts` may be NULL; the DA's place and whether a
 * signal stopped the job are filled in here. */
int cli_job_end(const struct cli_env *env, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *opts,
		struct mtkfw_job_end *e);
/* The exit code for a library status (as cli_fail, without printing). */
int cli_exit_for(int status);

/*
 * getopt_long for commands: same arguments; an unknown option or a missing argument prints a
 * usage error and makes it return '?', after which the command returns EXIT_USAGE.
 */
int cli_getopt(struct cli_env *env, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/* The one rule for outputs (mtkfw_output_check): an OUT that exists is refused unless --force.
 * Called before any work starts. Returns 0 when OUT may be written, else the exit code after
 * the one error line ("OUT exists: add --force to replace it", exit 3). */
int cli_check_output(const struct cli_env *env, const char *path, bool force);

/* Parse a size/offset option (decimal, 0x, K/M/G); on error reports a usage error. */
bool cli_parse_size(struct cli_env *env, const char *opt, const char *text, uint64_t *out);

/* Write `root` as JSON on stdout (2-space indent, keys in insertion order) and free it. */
int cli_json_print(json_t *root);

/* A document the library wrote, printed as cli_json_print does (0, or -1 when it cannot be). */
int cli_json_print_text(const char *doc);
/* A job's outcome as JSON on stdout: the library writes the document (mtkfw_json_outcome), a
 * failure recorded for --json rides along as its "error". 0, or the exit code of a failure. */
int cli_json_print_outcome(const struct cli_env *env, const struct mtkfw_job_outcome *out);

/* The command named `name`, or NULL (cli/main.c's table). */
const struct cli_command *cli_find_command(const char *name);

/* JSON helpers that keep the renderers short. */
json_t *cli_json_str_or_null(const char *s);
json_t *cli_json_u64(uint64_t v);

/* A hex string of `n` bytes (lowercase, no 0x); malloc'd. */
char *cli_hex(const uint8_t *p, size_t n);

/* `one` when n is 1, else `many`: "1 error", "2 errors". */
const char *cli_plural(uint64_t n, const char *one, const char *many);

/* `mtkfw help COMMAND`: the manual page (man -l on a terminal), else the options and where the
 * page is (cli/help_man.c). */
int cli_help_man(const struct cli_command *cmd, const struct cli_env *env);

/* Terminal colour: returns `escape` when colour is on, else "". */
const char *cli_color(const struct cli_env *env, const char *escape);
#define CLI_RED "\033[31m"
#define CLI_YELLOW "\033[33m"
#define CLI_GREEN "\033[32m"
#define CLI_BOLD "\033[1m"
#define CLI_RESET "\033[0m"

#endif
