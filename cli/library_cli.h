/* The firmware library as the CLI finds it (cli/library_cli.c): its file, and the preloader
 * look-up `mtkfw device` hands to the session for a phone in BROM mode. */
#ifndef MTKFW_CLI_LIBRARY_H
#define MTKFW_CLI_LIBRARY_H

#include "cli.h"

/* The library file: `given` (--db), else $MTKFW_LIBRARY, else $XDG_DATA_HOME/mtkfw/library.sqlite
 * (~/.local/share when XDG_DATA_HOME is unset). With `create`, the default folder is made.
 * malloc'd; NULL after an error message when nothing names one. */
char *cli_library_path(const struct cli_env *env, const char *given, bool create);

/* For struct mtkfw_device_opts.preloader_lookup: the library's preloader whose EMI table lists
 * `cid`, read whole (at most 8 MiB). No library, or none there: MTKFW_ERR_NOTFOUND. */
int cli_library_preloader(void *env, const uint8_t cid[16], uint8_t **buf, size_t *len, char **name);

#endif
