/* The readback part of `mtkfw profile`: what only a phone's readback has (CID, its own
 * partition table, the panel lk chose, identity files), as text; its JSON is the library's
 * (mtkfw_json_outcome, which writes mtkfw_target_to_json's document). */
#ifndef MTKFW_CLI_PROFILE_READBACK_H
#define MTKFW_CLI_PROFILE_READBACK_H

#include "cli.h"

#include <mtkfw/compat.h>

/* Text lines (nothing when `t` is not a readback). */
void readback_text(const struct mtkfw_target *t);

#endif
