/*
 * Ctrl-C and SIGTERM: the first one asks the work to stop at its next safe point (the
 * library's context checks the flag between packets and blocks, and removes what it had not
 * committed), the command ends with one line and exit 128+signal. A second one, when the work
 * does not stop, removes every uncommitted temporary path at once (async-signal-safe) and
 * exits. The library owns no handler: these are the CLI's.
 */
#ifndef MTKFW_CLI_INTERRUPT_H
#define MTKFW_CLI_INTERRUPT_H

#include "cli.h"

/* Install the handlers and give the context the flag (env NULL: the handlers only, first
 * thing in main; again with the context once it exists). */
void cli_interrupt_setup(struct cli_env *env);

/* The signal that asked the command to stop (SIGINT, SIGTERM), 0 when none did. */
int cli_interrupted(void);

/* After the command returned `rc`: a command stopped by a signal exits 128+signal (whatever
 * failure it reported on the way); one that finished before it noticed keeps its result.
 * Removes any temporary path still listed. */
int cli_interrupt_exit(int rc);

#endif
