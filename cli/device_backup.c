/* `mtkfw device backup` and `mtkfw device restore`: the phone's identity, saved and put back. */
#include "cli_progress.h"
#include "device_result.h"
#include "interrupt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void device_render_items(const struct mtkfw_backup *b, bool json)
{
	char *cid = cli_hex(b->cid, 16);

	if (json) {
		json_t *root = json_object(), *items = json_array();

		json_object_set_new(root, "dir", json_string(b->dir));
		json_object_set_new(root, "chip", json_string(b->chip));
		json_object_set_new(root, "cid", cli_json_str_or_null(cid));
		for (size_t i = 0; i < b->count; i++) {
			const struct mtkfw_backup_item *it = &b->items[i];
			json_t *j = json_object();
			char *sha = cli_hex(it->sha256, 32);

			json_object_set_new(j, "name", json_string(it->name));
			json_object_set_new(j, "area", json_string(mtkfw_area_name(it->area)));
			json_object_set_new(j, "offset", cli_json_u64(it->offset));
			json_object_set_new(j, "size", cli_json_u64(it->size));
			json_object_set_new(j, "sha256", cli_json_str_or_null(sha));
			json_object_set_new(j, "file", json_string(it->file));
			json_array_append_new(items, j);
			free(sha);
		}
		json_object_set_new(root, "items", items);
		json_object_set_new(root, "data_nvram", device_tree_json(b));
		json_object_set_new(root, "system_modem", device_modem_json(b));
		cli_json_print(root);
	} else {
		printf("backup of %s eMMC %s in %s\n", b->chip, cid ? cid : "?", b->dir);
		for (size_t i = 0; i < b->count; i++) {
			const struct mtkfw_backup_item *it = &b->items[i];
			char *sha = cli_hex(it->sha256, 32);

			printf("  %-10s %-5s 0x%08llx %10llu  %s\n", it->name, mtkfw_area_name(it->area),
			       (unsigned long long)it->offset, (unsigned long long)it->size, sha ? sha : "?");
			free(sha);
		}
		device_tree_text(b);
	}
	free(cid);
}

/* Take --with-data-nvram out of argv (backup's own option; the shared parser refuses it for
 * the other subcommands). */
static bool take_flag(int *argc, char **argv, const char *flag)
{
	bool seen = false;
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], flag))
			seen = true;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	*argc = out;
	return seen;
}

int device_backup(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	struct mtkfw_backup_opts bo = { .version = 1 };
	mtkfw_device *dev = NULL;
	mtkfw_layout *layout = NULL;
	struct mtkfw_backup *b = NULL;
	char *dir = NULL;
	int rc;

	bo.data_nvram = take_flag(&argc, argv, "--with-data-nvram");
	if ((rc = dev_parse(env, argc, argv, &o)))
		return rc;
	if (optind < argc - 1)
		return cli_usage_error(env, "one OUT folder at most");
	if (o.all || o.range || o.area || o.only || o.partitions)
		return cli_usage_error(env, "--all, --range, --partitions, --area and --only do not go with backup");
	if ((rc = dev_open_scatter(env, &o, &dev, &layout)) == EXIT_USAGE)
		return cli_fail(env);
	if (!rc)
		rc = dev_backup_dir(optind < argc ? argv[optind] : NULL, dev, &dir);
	if (!rc)
		rc = mtkfw_device_backup_ext(&b, dev, layout, dir, &bo, env->ctx);
	if (rc)
		rc = cli_fail(env);
	else
		device_render_items(b, o.json);
	mtkfw_backup_free(b);
	free(dir);
	mtkfw_layout_free(layout);
	mtkfw_device_close(dev);
	return rc;
}

/* `name` is in the comma list (any case), or there is no list. */
static bool in_list(const char *list, const char *name)
{
	return !list || mtkfw_name_in_list(list, name);
}

/* The restore's report: which items went back, and the outcome. */
static void render_restore(const struct mtkfw_backup *b, const char *only, const struct device_result *r, bool json)
{
	if (json) {
		json_t *root = json_object(), *names = json_array();

		json_object_set_new(root, "dir", json_string(b->dir));
		for (size_t i = 0; r->fault.kind == MTKFW_WRITE_KEPT && !strcmp(r->result, "restored") && i < b->count; i++)
			if (in_list(only, b->items[i].name))
				json_array_append_new(names, json_string(b->items[i].name));
		json_object_set_new(root, "restored", names);
		device_result_json(root, r);
		/* Never written back: mtkfw writes no file system through the DA. */
		json_object_set_new(root, "data_nvram_restored", json_false());
		json_object_set_new(root, "system_modem_restored", json_false());
		cli_json_print(root);
		return;
	}
	if (!strcmp(r->result, "restored")) {
		printf("restored and verified:");
		for (size_t i = 0; i < b->count; i++)
			if (in_list(only, b->items[i].name))
				printf(" %s", b->items[i].name);
		printf("\n");
	}
	device_result_text(&(struct device_result){ .result = r->result, .fault = r->fault });
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
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	struct mtkfw_backup *b = NULL;
	struct device_result res = { .result = "restored" };
	struct mtkfw_identity_proof proof;
	int rc = dev_parse(env, argc, argv, &o);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, "give the BACKUP folder");
	if (o.all || o.range || o.area || o.scatter || o.partitions)
		return cli_usage_error(env, "restore takes --only, --json and the connection options");
	if (mtkfw_backup_load(&b, argv[optind]) != 0)
		return cli_fail(env);
	cli_progress_lines(env);
	rc = dev_open(env, &o, true, &dev);
	if (!rc)
		rc = mtkfw_device_restore(dev, b, o.only, env->ctx);
	res.saved = b;
	if (rc && mtkfw_error_last()->code == MTKFW_ERR_CANCELLED && cli_interrupted() && dev &&
	    mtkfw_device_info(dev)->stage >= MTKFW_STAGE_DA2) {
		res.result = "interrupted";
		rc = cli_fail_status(env, MTKFW_ERR_CANCELLED, "interrupted between two packets; the restore is not "
				     "complete: run the same command again to finish");
		if (o.json)
			render_restore(b, o.only, &res, o.json);
	} else if (rc) {
		res.result = "failed";
		device_result_take_fault(&res, dev);
		rc = cli_fail(env);
		/* Only what the phone did is a report; a refusal before any write has the error line. */
		if (dev && mtkfw_device_info(dev)->stage >= MTKFW_STAGE_DA2 && (o.json || !env->quiet))
			render_restore(b, o.only, &res, o.json);
	} else {
		/* What was written back, read again as the identity check reads it. */
		if ((rc = device_identity_prove(env, &res, &proof, dev, b, NULL, o.only)))
			res.result = "failed";
		if (o.json || !env->quiet)
			render_restore(b, o.only, &res, o.json);
		if (!rc)
			rc = device_identity_verdict(env, &res, false, o.json);
	}
	mtkfw_backup_free(b);
	mtkfw_device_close(dev);
	return rc;
}
