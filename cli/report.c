/* Findings and risks as text (their JSON is lib/json's), for every command that shows them (cli/report.h). */
#include "report.h"

void cli_findings_text(const struct cli_env *env, const mtkfw_findings *f)
{
	for (size_t i = 0; i < f->count; i++) {
		const struct mtkfw_finding *x = &f->items[i];
		const char *color = x->severity == MTKFW_SEV_ERROR	 ? CLI_RED
				    : x->severity == MTKFW_SEV_WARNING ? CLI_YELLOW
								       : "";

		printf("%s%s%s %s %s: %s\n", cli_color(env, color), mtkfw_severity_name(x->severity),
		       *color ? cli_color(env, CLI_RESET) : "", x->code, x->partition ? x->partition : "-", x->message);
	}
}

void cli_risks_text(const struct cli_env *env, const struct mtkfw_compat *c)
{
	static const char *const colors[] = { CLI_GREEN, "", CLI_YELLOW, CLI_RED };

	for (size_t i = 0; i < c->count; i++) {
		const struct mtkfw_risk *r = &c->risks[i];
		int lv = r->level >= 0 && r->level <= MTKFW_RISK_UNSAFE ? r->level : MTKFW_RISK_UNKNOWN;

		printf("%-9s %s%-7s%s %s\n", r->code, cli_color(env, colors[lv]), mtkfw_risk_level_name(lv),
		       cli_color(env, *colors[lv] ? CLI_RESET : ""), r->evidence);
		if (r->remedy)
			printf("%-17s remedy: %s\n", "", r->remedy);
	}
}
