/* The modem (include/mtkfw/modem.h) for people: `mtkfw info` and `mtkfw profile` show it with
 * this one function, so they cannot drift apart (the JSON is the library's). */
#ifndef MTKFW_CLI_MODEM_TEXT_H
#define MTKFW_CLI_MODEM_TEXT_H

#include "cli.h"

#include <mtkfw/modem.h>

/* One "  key  value" line per known field, then the mddb names. */
void cli_modem_text(const struct mtkfw_modem *m);

#endif
