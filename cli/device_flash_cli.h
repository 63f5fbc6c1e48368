/* `mtkfw device flash/format/erase/reboot` (cli/device_flash.c, cli/device_format.c). */
#ifndef MTKFW_CLI_DEVICE_FLASH_H
#define MTKFW_CLI_DEVICE_FLASH_H

#include "device_cli.h"

/* The options only these subcommands take; the rest goes to dev_parse(). */
struct flash_opts {
	const char *mode, *skip, *backup, *journal;
	bool resume, dry_run, include_identity;
};

/* Take the flash options out of argv (compacting it; argc updated), so that the shared
 * device option parser sees only its own. Returns 0 or an exit code. */
int flash_take_opts(struct cli_env *env, int *argc, char **argv, struct flash_opts *f);

/* The phone's layout: --scatter FILE, else its PMT, else NULL (message cleared). */
int flash_phone_layout(struct cli_env *env, mtkfw_device *dev, const char *scatter, mtkfw_layout **out);

int device_flash(int argc, char **argv, struct cli_env *env);
int device_format(int argc, char **argv, struct cli_env *env);
int device_erase(int argc, char **argv, struct cli_env *env);
int device_reboot(int argc, char **argv, struct cli_env *env);

#endif
