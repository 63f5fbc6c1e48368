/* "mtkfw COMMAND SUB [args]": the one way a command picks its subcommand. */
#ifndef MTKFW_CLI_SUB_H
#define MTKFW_CLI_SUB_H

#include "cli.h"

/* A subcommand: its word, and for commands that dispatch by table the function that runs it
 * (NULL where the command acts on the index itself). A table ends with { NULL }. */
struct cli_sub {
	const char *name;
	int (*run)(int argc, char **argv, struct cli_env *env);
};

/*
 * Find SUB (argv[1]) in `subs`, then shift argc/argv past the command word so SUB is argv[0]
 * and cli_getopt reads SUB's own arguments from a fresh start. Returns SUB's index, or -1 after
 * a usage error naming the subcommands (the command then returns EXIT_USAGE).
 */
int cli_subcommand(struct cli_env *env, int *argc, char ***argv, const struct cli_sub *subs);

#endif
