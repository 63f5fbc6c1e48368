/* `mtkfw device backup` and `mtkfw device restore`: the phone's identity, saved and put back
 * (lib/jobs/job_backup.c). */
#include "device_flash_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void device_items_text(const struct mtkfw_backup *b)
{
	char *cid = cli_hex(b->cid, 16);

	printf("backup of %s eMMC %s in %s\n", b->chip, cid ? cid : "?", b->dir);
	for (size_t i = 0; i < b->count; i++) {
		const struct mtkfw_backup_item *it = &b->items[i];
		char *sha = cli_hex(it->sha256, 32);

		printf("  %-10s %-5s 0x%08llx %10llu  %s\n", it->name, mtkfw_area_name(it->area),
		       (unsigned long long)it->offset, (unsigned long long)it->size, sha ? sha : "?");
		free(sha);
	}
	device_tree_text(b);
	free(cid);
}

int device_backup(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_backup_job job = { .version = 1, .backups_dir = env->defaults.backups_dir };
	struct mtkfw_job_outcome out = { 0 };
	struct mtkfw_job_end end;
	const char *dirs[1];
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY | DEV_NVRAM, &o);

	if (rc)
		return rc;
	if (optind < argc - 1)
		return cli_usage_error(env, "one OUT folder at most");
	if (o.all || o.range || o.area || o.only || o.partitions)
		return cli_usage_error(env, "--all, --range, --partitions, --area and --only do not go with backup");
	job.dir = optind < argc ? argv[optind] : NULL;
	job.scatter = o.scatter;
	job.data_nvram = o.data_nvram;
	dev_connect(env, &o, &job.connect, dirs);
	mtkfw_job_backup(&out, &job, env->ctx);
	rc = cli_job_end(env, &out, NULL, &end);
	if (end.report && o.json)
		rc = cli_json_print_outcome(env, &out);
	else if (end.report)
		device_items_text(out.files);
	mtkfw_job_outcome_clear(&out);
	return rc;
}

/* The restore's report as text: which items went back, the fault, the trees left for manual use. */
static void restore_text(const struct mtkfw_job_outcome *out)
{
	const struct mtkfw_backup *b = out->backup;

	if (out->result == MTKFW_RESULT_RESTORED) {
		printf("restored and verified:");
		for (size_t i = 0; i < out->restored.count; i++)
			printf(" %s", out->restored.names[i]);
		printf("\n");
	}
	device_fault_text(out);
	/* mtkfw writes no file system through the DA: the tree is the user's to put back. */
	if (b->data_nvram.count)
		printf("not restored: USRDATA's /data/nvram tree (%zu entries) stays in %s/%s for manual use\n",
		       b->data_nvram.count, b->dir, MTKFW_BACKUP_NVRAM_DIR);
	if (b->system_modem.count)
		printf("not restored: the phone's radio files (%zu entries) stay in %s/%s: put them back into /system "
		       "(see mtkfw-device(1), \"Radio files\")\n", b->system_modem.count, b->dir, MTKFW_BACKUP_MODEM_DIR);
}

int device_restore(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_restore_job job = { .version = 1 };
	struct mtkfw_job_outcome out = { 0 };
	struct mtkfw_job_end end;
	const char *names[64], *dirs[1];
	char *list = NULL;
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY, &o);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, "give the BACKUP folder");
	if (o.all || o.range || o.area || o.scatter || o.partitions)
		return cli_usage_error(env, "restore takes --only, --json and the connection options");
	if (o.only && (!(list = strdup(o.only)) || !dev_names(env, "--only", list, names, 64, &job.only))) {
		free(list);
		return EXIT_USAGE;
	}
	job.backup = argv[optind];
	dev_connect(env, &o, &job.connect, dirs);
	mtkfw_job_restore(&out, &job, env->ctx);
	/* Only what the phone did is a report; a refusal before any write has the error line. */
	rc = cli_job_end(env, &out, NULL, &end);
	if (end.report && o.json)
		cli_json_print_outcome(env, &out);
	else if (end.report && !env->quiet && out.result != MTKFW_RESULT_INTERRUPTED)
		restore_text(&out);
	if (!out.status)
		device_identity_text(env, &out);
	free(list);
	mtkfw_job_outcome_clear(&out);
	return rc;
}
