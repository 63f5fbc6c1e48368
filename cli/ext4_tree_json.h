/* The nodes of a copied ext4 tree as JSON, for `ext4 extract` and the device backup's
 * /data/nvram tree (one shape in both). */
#ifndef MTKFW_CLI_EXT4_TREE_JSON_H
#define MTKFW_CLI_EXT4_TREE_JSON_H

#include "cli.h"

/* An array of {path, type, mode, uid, gid, size, sha256, target, skipped}; each path is
 * `prefix`/node path (no prefix when NULL). */
json_t *cli_ext4_tree_entries(const mtkfw_ext4_tree *t, const char *prefix);

#endif
