/*
 * mtkfw compat: will FIRMWARE work on TARGET? One verdict per risk, evidence and remedy.
 */
#include "cli.h"
#include "report.h"

#include <mtkfw/compat.h>

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw compat [--json] FIRMWARE TARGET",
	NULL,
};

static const char options[] =
	"FIRMWARE is a scatter folder, a folder of parts or one part. TARGET is a phone's\n"
	"readback (a folder of partition dumps, boot1.img/user.img, a full user-area dump),\n"
	"a saved profile (mtkfw profile --json) or another firmware.\n"
	"  --json    write the verdict and the risks as JSON on stdout\n"
	"Exit status: 0 safe, 1 risky, 3 unsafe, 2 usage or unreadable input.\n";

static void render_text(const struct cli_env *env, const struct mtkfw_compat *c)
{
	cli_risks_text(env, c);
	printf("verdict: %s\n", mtkfw_verdict_name(c->verdict));
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = { { "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 } };
	struct mtkfw_compat_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct mtkfw_job_end end;
	bool json = false;
	int ch;

	while ((ch = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (ch == 'j')
			json = true;
		else
			return EXIT_USAGE;
	}
	if (argc - optind != 2)
		return cli_usage_error(env, "expected FIRMWARE and TARGET");
	job.firmware = argv[optind];
	job.target = argv[optind + 1];
	mtkfw_job_compat(&out, &job, env->ctx);
	ch = cli_job_end(env, &out, NULL, &end);
	if (end.report && json)
		cli_json_print_outcome(env, &out);
	else if (end.report)
		render_text(env, &out.compat);
	mtkfw_job_outcome_clear(&out);
	return ch;
}

const struct cli_command cli_cmd_compat = {
	"compat", run, CLI_JSON, "will a firmware work on a phone: memory, display, layout, kernel, identity",
	usage, options,
};
