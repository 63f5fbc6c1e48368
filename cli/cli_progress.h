/* Progress display for commands that copy large files. */
#ifndef MTKFW_CLI_PROGRESS_H
#define MTKFW_CLI_PROGRESS_H

#include "cli.h"

/* Draw progress on stderr when it is a terminal; otherwise nothing. */
void cli_progress_on(struct cli_env *env);

#endif
