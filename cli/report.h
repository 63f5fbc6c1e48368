/*
 * Renderers of the two report models more than one command shows: `check` findings and
 * `compat` risks (check, compat, and port's proof print them the same way).
 */
#ifndef MTKFW_CLI_REPORT_H
#define MTKFW_CLI_REPORT_H

#include "cli.h"

/* [{severity, code, partition, message}] */
json_t *cli_findings_json(const mtkfw_findings *f);
/* One line a finding: "severity code partition: message" (colour on a terminal). */
void cli_findings_text(const struct cli_env *env, const mtkfw_findings *f);
/* [{code, level, evidence, remedy}] */
json_t *cli_risks_json(const struct mtkfw_compat *c);
/* One line a risk ("code level evidence"), its remedy under it. */
void cli_risks_text(const struct cli_env *env, const struct mtkfw_compat *c);

#endif
