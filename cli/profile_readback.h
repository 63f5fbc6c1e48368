/* The readback part of `mtkfw profile`: what only a phone's readback has (CID, its own
 * partition table, the panel lk chose, identity files), rendered as text and JSON. */
#ifndef MTKFW_CLI_PROFILE_READBACK_H
#define MTKFW_CLI_PROFILE_READBACK_H

#include "cli.h"

#include <mtkfw/compat.h>

/* The "readback" object, or JSON null when `t` is not a phone's readback. */
json_t *readback_json(const struct mtkfw_target *t);
/* Text lines (nothing when `t` is not a readback). */
void readback_text(const struct mtkfw_target *t);

#endif
