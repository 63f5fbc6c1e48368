/* The modem (include/mtkfw/modem.h) for people and for JSON documents the CLI builds:
 * `mtkfw info` and `mtkfw profile` show it with these two, so they cannot drift apart. */
#ifndef MTKFW_CLI_MODEM_TEXT_H
#define MTKFW_CLI_MODEM_TEXT_H

#include "cli.h"

#include <mtkfw/modem.h>

/* One "  key  value" line per known field, then the mddb names. */
void cli_modem_text(const struct mtkfw_modem *m);
/* The library's modem JSON object (mtkfw_modem_to_json) as a jansson value; NULL when out of
 * memory. */
json_t *cli_modem_json(const struct mtkfw_modem *m);

#endif
