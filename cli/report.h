/*
 * Text renderers of the two report models more than one command shows: `check` findings and
 * `compat` risks (check, compat, and port's proof print them the same way; their JSON is
 * lib/json's, mtkfw/json.h).
 */
#ifndef MTKFW_CLI_REPORT_H
#define MTKFW_CLI_REPORT_H

#include "cli.h"

/* One line a finding: "severity code partition: message" (colour on a terminal). */
void cli_findings_text(const struct cli_env *env, const mtkfw_findings *f);
/* One line a risk ("code level evidence"), its remedy under it. */
void cli_risks_text(const struct cli_env *env, const struct mtkfw_compat *c);

#endif
