/* Progress display for commands that copy large files or talk to the phone. */
#ifndef MTKFW_CLI_PROGRESS_H
#define MTKFW_CLI_PROGRESS_H

#include "cli.h"

/* Draw progress on stderr when it is a terminal; otherwise nothing. */
void cli_progress_on(struct cli_env *env);

/* As cli_progress_on, and when stderr is not a terminal, one line per finished stage (a
 * partition, an area) with its size and speed, for logs of long device work. */
void cli_progress_lines(struct cli_env *env);

#endif
