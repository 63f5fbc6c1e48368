/* How a writing `mtkfw device` subcommand (flash, format, erase, restore) ended, as data: one
 * struct, rendered as text or added to the subcommand's JSON (cli/device_result.c). */
#ifndef MTKFW_CLI_DEVICE_RESULT_H
#define MTKFW_CLI_DEVICE_RESULT_H

#include "device_cli.h"

struct device_result {
	const char *result;                /* "flashed", "formatted", "failed", ... */
	struct mtkfw_write_outcome fault;  /* kind MTKFW_WRITE_KEPT: none */
	const char *backup;                /* the identity backup folder, NULL when none was made */
	const struct mtkfw_backup *saved;  /* that backup as loaded (for its /data/nvram tree), or NULL */
	const struct mtkfw_identity_proof *identity; /* read back after the write, or NULL */
};

/* Take the session's write outcome into `r` (nothing when the phone kept every write). */
void device_result_take_fault(struct device_result *r, const mtkfw_device *dev);

/* Add "result", "fault", "backup", "data_nvram", "system_modem" and "identity" to `root`. */
void device_result_json(json_t *root, const struct device_result *r);

/* The same as lines on stdout: the fault, the backup and its /data/nvram tree. */
void device_result_text(const struct device_result *r);

/* Read the identity back after a write (mtkfw_device_identity_proof) into `*p` and point
 * r->identity at it, for the report. 0, or the exit code of the phone's failure. */
int device_identity_prove(struct cli_env *env, struct device_result *r, struct mtkfw_identity_proof *p,
			  mtkfw_device *dev, const struct mtkfw_backup *b, const mtkfw_layout *now, const char *only);
/* After the report: its last line, "identity intact" with the hashes or what changed (text
 * only); a change is an error line and exit 1, unless `asked` (--include-identity: erased on
 * purpose), then a warning and 0. Nothing when r->identity is NULL. */
int device_identity_verdict(struct cli_env *env, const struct device_result *r, bool asked, bool json);

/* USRDATA's /data/nvram tree of a backup: null when it was not asked for. */
json_t *device_tree_json(const struct mtkfw_backup *b);
/* The radio files of a backup (system_modem/): null when none were saved or asked for. */
json_t *device_modem_json(const struct mtkfw_backup *b);
/* The summary lines of both (nothing when neither was saved or asked for). */
void device_tree_text(const struct mtkfw_backup *b);

#endif
