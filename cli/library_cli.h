/* The firmware library as the CLI finds it (cli/library_cli.c). (`mtkfw device` hands the same
 * file to its jobs, which look a BROM-mode phone's preloader up in it: connect_opts.catalog.) */
#ifndef MTKFW_CLI_LIBRARY_H
#define MTKFW_CLI_LIBRARY_H

#include "cli.h"

/* The library file: `given` (--db), else $MTKFW_LIBRARY, else $XDG_DATA_HOME/mtkfw/library.sqlite
 * (~/.local/share when XDG_DATA_HOME is unset; mtkfw/frontend.h). With `create`, the default
 * folder is made. malloc'd; NULL after an error message when nothing names one. */
char *cli_library_path(const struct cli_env *env, const char *given, bool create);

#endif
