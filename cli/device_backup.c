/* `mtkfw device backup` and `mtkfw device restore`: the phone's identity, saved and put back. */
#include "cli_progress.h"
#include "device_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* USRDATA's /data/nvram tree: null when it was not asked for; paths below the backup folder. */
static json_t *tree_json(const struct mtkfw_backup *b)
{
	const mtkfw_ext4_tree *t = &b->data_nvram;
	json_t *j, *arr;

	if (!t->count && !b->data_nvram_note)
		return json_null();
	j = json_object();
	arr = json_array();
	for (size_t i = 0; i < t->count; i++) {
		const mtkfw_ext4_node *n = &t->nodes[i];
		json_t *e = json_object();
		char *sha = n->type == MTKFW_EXT4_FILE && !n->skipped[0] ? cli_hex(n->sha256, 32) : NULL;
		size_t k = strlen(MTKFW_BACKUP_NVRAM_DIR) + strlen(n->path) + 2;
		char *path = malloc(k);

		if (path)
			snprintf(path, k, "%s/%s", MTKFW_BACKUP_NVRAM_DIR, n->path);
		json_object_set_new(e, "path", cli_json_str_or_null(path));
		json_object_set_new(e, "type", json_string(mtkfw_ext4_type_name(n->type)));
		json_object_set_new(e, "mode", cli_json_u64(n->mode));
		json_object_set_new(e, "uid", cli_json_u64(n->uid));
		json_object_set_new(e, "gid", cli_json_u64(n->gid));
		json_object_set_new(e, "size", cli_json_u64(n->size));
		json_object_set_new(e, "sha256", cli_json_str_or_null(sha));
		json_object_set_new(e, "target", cli_json_str_or_null(n->target));
		json_object_set_new(e, "skipped", cli_json_str_or_null(n->skipped[0] ? n->skipped : NULL));
		json_array_append_new(arr, e);
		free(sha);
		free(path);
	}
	json_object_set_new(j, "entries", arr);
	json_object_set_new(j, "bytes", cli_json_u64(t->bytes));
	json_object_set_new(j, "truncated", json_boolean(t->truncated));
	json_object_set_new(j, "note", cli_json_str_or_null(b->data_nvram_note));
	return j;
}

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
		json_object_set_new(root, "data_nvram", tree_json(b));
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
		if (b->data_nvram.count)
			printf("  %s/ %zu entries, %llu bytes of files (USRDATA's /data/nvram)\n", MTKFW_BACKUP_NVRAM_DIR,
			       b->data_nvram.count, (unsigned long long)b->data_nvram.bytes);
		if (b->data_nvram_note)
			printf("  note: %s\n", b->data_nvram_note);
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
		/* mtkfw writes no file system through the DA: the tree is the user's to put back. */
		if (b->data_nvram.count)
			printf("not restored: USRDATA's /data/nvram tree (%zu entries) stays in %s/%s for manual use\n",
			       b->data_nvram.count, b->dir, MTKFW_BACKUP_NVRAM_DIR);
	}
	mtkfw_backup_free(b);
	mtkfw_device_close(dev);
	return rc;
}
