/* mtkfw check: everything wrong or risky about a firmware package before a flash. */
#include "cli.h"
#include "report.h"

#include <mtkfw/check.h>

static const char *const usage[] = {
	"mtkfw check [--json] PKG",
	NULL,
};

static const char options[] =
	"  PKG                 a scatter file, or the folder holding one and its images\n"
	"  --json              print {ok, findings: [{severity, code, partition, message}]}\n"
	"Exit status: 0 when no finding is an error, 1 when one is, 2 when PKG is unreadable.\n"
	"`mtkfw explain CODE` explains each finding's code.\n";

static void render_text(const struct cli_env *env, const mtkfw_findings *f, const char *pkg)
{
	cli_findings_text(env, f);
	printf("%s: %s%s%s, %zu error%s, %zu warning%s, %zu note%s\n", pkg,
	       cli_color(env, f->errors ? CLI_RED : CLI_GREEN), f->errors ? "NOT ready to flash" : "ok",
	       cli_color(env, CLI_RESET), f->errors, f->errors == 1 ? "" : "s", f->warnings,
	       f->warnings == 1 ? "" : "s", f->infos, f->infos == 1 ? "" : "s");
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct mtkfw_check_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct mtkfw_job_end end;
	bool json = false;
	int c, rc;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(env, "give one PKG (a scatter file or its folder)");
	job.package = argv[optind];
	mtkfw_job_check(&out, &job, env->ctx);
	rc = cli_job_end(env, &out, NULL, &end);
	if (end.report && json && cli_json_print_outcome(env, &out) != EXIT_DONE)
		rc = EXIT_FINDING;
	else if (end.report && !json)
		render_text(env, &out.findings, argv[optind]);
	mtkfw_job_outcome_clear(&out);
	return rc;
}

const struct cli_command cli_cmd_check = {
	.name = "check",
	.run = run,
	.flags = CLI_JSON,
	.summary = "check a firmware package before a flash (files, sizes, layout, checksums, identity)",
	.usage = usage,
	.options = options,
};
