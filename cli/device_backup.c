/* `mtkfw device backup` and `mtkfw device restore`: the phone's identity, saved and put back. */
#include "cli_progress.h"
#include "device_cli.h"

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
	}
	free(cid);
}

int device_backup(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	mtkfw_layout *layout = NULL;
	struct mtkfw_backup *b = NULL;
	char *dir = NULL;
	int rc = dev_parse(env, argc, argv, &o);

	if (rc)
		return rc;
	if (optind < argc - 1)
		return cli_usage_error(env, "one OUT folder at most");
	if (o.all || o.range || o.area || o.only || o.partitions)
		return cli_usage_error(env, "--all, --range, --partitions, --area and --only do not go with backup");
	/* Everything that can fail without the phone fails first. */
	if (o.scatter && mtkfw_scatter_load(&layout, o.scatter) != 0)
		return cli_fail(env);
	cli_progress_lines(env);
	rc = dev_open(env, &o, true, &dev);
	if (!rc && layout)
		rc = mtkfw_layout_resolve(layout, mtkfw_device_info(dev)->user_size);
	if (!rc) {
		if (optind < argc)
			dir = strdup(argv[optind]);
		else
			rc = mtkfw_backup_default_dir(&dir, mtkfw_device_info(dev)->cid);
		if (!rc && !dir)
			rc = MTKFW_ERR_NOMEM;
	}
	if (!rc)
		rc = mtkfw_device_backup(&b, dev, layout, dir, env->ctx);
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
	size_t n = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);

		if (k == n && !strncasecmp(p, name, n))
			return true;
		p += k + (c ? 1 : 0);
	}
	return !list;
}

int device_restore(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	struct mtkfw_backup *b = NULL;
	int rc = dev_parse(env, argc, argv, &o);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, "give the BACKUP folder");
	if (o.all || o.range || o.area || o.scatter || o.json || o.partitions)
		return cli_usage_error(env, "restore takes --only and the connection options");
	if (mtkfw_backup_load(&b, argv[optind]) != 0)
		return cli_fail(env);
	cli_progress_lines(env);
	rc = dev_open(env, &o, true, &dev);
	if (!rc)
		rc = mtkfw_device_restore(dev, b, o.only, env->ctx);
	if (rc) {
		rc = cli_fail(env);
	} else if (!env->quiet) {
		printf("restored and verified:");
		for (size_t i = 0; i < b->count; i++)
			if (in_list(o.only, b->items[i].name))
				printf(" %s", b->items[i].name);
		printf("\n");
	}
	mtkfw_backup_free(b);
	mtkfw_device_close(dev);
	return rc;
}
