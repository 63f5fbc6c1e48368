/* `mtkfw device flash/format/erase/reboot` (cli/device_flash.c, cli/device_format.c). */
#ifndef MTKFW_CLI_DEVICE_FLASH_H
#define MTKFW_CLI_DEVICE_FLASH_H

#include "device_cli.h"

/* The summary lines of a backup's /data/nvram tree and radio files (nothing when neither was
 * saved or asked for). */
void device_tree_text(const struct mtkfw_backup *b);
/* The fault and the backup's trees of a write that failed, as lines on stdout. */
void device_fault_text(const struct mtkfw_job_outcome *out);
/* After a write's report: its last line, "identity intact" with the hashes or what changed
 * (text only; the verdict's error line and exit code are cli_job_end's). Nothing when the
 * identity was not read back. */
void device_identity_text(const struct cli_env *env, const struct mtkfw_job_outcome *out);

int device_flash(int argc, char **argv, struct cli_env *env);
int device_format(int argc, char **argv, struct cli_env *env);
int device_erase(int argc, char **argv, struct cli_env *env);
int device_reboot(int argc, char **argv, struct cli_env *env);

#endif
