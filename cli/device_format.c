/* `mtkfw device format`, `erase` and `reboot`: the options into a job (lib/jobs/job_format.c
 * guards them like a flash), its outcome rendered (reboot's report: {rebooted, port, chip, cid}). */
#include "device_flash_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void format_text(const struct mtkfw_job_outcome *out)
{
	if (out->backup)
		printf("identity backup: %s\n", out->backup_dir);
	for (size_t i = 0; i < out->erased_count; i++)
		if (!strcmp(out->erased[i].name, "ALL"))
			printf("erased    user area (%llu bytes)\n", (unsigned long long)out->erased[i].length);
		else
			printf("erased    %-12s %llu bytes at 0x%llx\n", out->erased[i].name,
			       (unsigned long long)out->erased[i].length, (unsigned long long)out->erased[i].offset);
	if (out->identity_restored)
		printf("restored  identity (NVRAM, PRO_INFO, PROTECT_F/S, SECCFG), read back equal\n");
	device_fault_text(out);
	device_tree_text(out->backup);
}

/* Erase `list` (NULL: the whole user area) after a backup. */
static int format_run(struct cli_env *env, const struct dev_opts *o, char *list, bool erase)
{
	const char *names[64], *dirs[1];
	struct mtkfw_format_job job = { .version = 1, .include_identity = o->include_identity, .scatter = o->scatter,
					.backup_dir = o->backup, .backups_dir = env->defaults.backups_dir };
	struct mtkfw_job_outcome out = { 0 };
	struct mtkfw_job_end_opts eo = { .include_identity = o->include_identity };
	struct mtkfw_job_end end;
	int rc;

	if (list && !dev_names(env, "LIST", list, names, 64, &job.partitions))
		return EXIT_USAGE;
	dev_connect(env, o, &job.connect, dirs);
	if (erase)
		mtkfw_job_erase(&out, &job, env->ctx);
	else
		mtkfw_job_format(&out, &job, env->ctx);
	/* The line (a refusal with the option that lets it through, a failure with the way back)
	 * and the exit code are mtkfw_job_end's. A report once the backup is made: from there on
	 * the phone was changed. */
	rc = cli_job_end(env, &out, &eo, &end);
	if (end.report && env->json)
		cli_json_print_outcome(env, &out);
	else if (end.report && !env->quiet)
		format_text(&out);
	if (!out.status)
		device_identity_text(env, &out);
	mtkfw_job_outcome_clear(&out);
	return rc;
}

int device_format(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY | DEV_WRITES, &o);

	if (rc)
		return rc;
	if (o.mode || o.skip || o.journal || o.resume || o.dry_run || o.range || o.area || o.partitions || o.only)
		return cli_usage_error(env, "format takes --all or a LIST, --include-identity, --scatter, --backup, --json and the connection options");
	if (o.all == (optind < argc) || optind < argc - 1)
		return cli_usage_error(env, "give either --all or one comma-separated LIST of partitions");
	return format_run(env, &o, o.all ? NULL : argv[optind], false);
}

int device_erase(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY | DEV_WRITES, &o);

	if (rc)
		return rc;
	if (o.mode || o.skip || o.journal || o.resume || o.dry_run || o.all || o.range || o.area || o.partitions || o.only)
		return cli_usage_error(env, "erase takes PART, --include-identity, --scatter, --backup, --json and the connection options");
	if (optind != argc - 1 || strchr(argv[optind], ','))
		return cli_usage_error(env, "give one partition to erase");
	return format_run(env, &o, argv[optind], true);
}

int device_reboot(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_info_job job = { .version = 1 };
	struct mtkfw_job_outcome out = { 0 };
	struct mtkfw_job_end end;
	const char *dirs[1];
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY, &o);

	if (rc)
		return rc;
	if (optind != argc || o.all || o.range || o.area || o.partitions || o.only || o.scatter)
		return cli_usage_error(env, "reboot takes only the connection options and --json");
	dev_connect(env, &o, &job.connect, dirs);
	mtkfw_job_reboot(&out, &job, env->ctx);
	rc = cli_job_end(env, &out, NULL, &end);
	if (end.report && env->json)
		rc = cli_json_print_outcome(env, &out);
	else if (end.report && !env->quiet)
		printf("the phone reboots\n");
	mtkfw_job_outcome_clear(&out);
	return rc;
}
