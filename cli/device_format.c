/* `mtkfw device format`, `erase` and `reboot`: guarded like a flash (identity backup first,
 * identity partitions refused unless asked for, identity restored after a format of all). */
#include "cli_progress.h"
#include "device_flash_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The next name of comma list `*p` into `name` (cut to its size); false at the end. */
static bool next_name(const char **p, char *name, size_t size)
{
	const char *c;
	size_t k;

	if (!*p || !**p)
		return false;
	c = strchr(*p, ',');
	k = c ? (size_t)(c - *p) : strlen(*p);
	snprintf(name, size, "%.*s", (int)(k < size ? k : size - 1), *p);
	*p += k + (c ? 1 : 0);
	return true;
}

/* The identity backup before erasing `list` (NULL: the whole user area): the ranges that go
 * tell the backup whether USRDATA is among them. */
static int backup_before_erase(struct cli_env *env, mtkfw_device *dev, const mtkfw_layout *layout, const char *list,
			       const char *dir, struct mtkfw_backup **b)
{
	struct mtkfw_span spans[64];
	struct mtkfw_backup_opts bo = { .version = 1, .erasing = spans };
	char name[MTKFW_PART_NAME_MAX];

	if (!list)
		spans[bo.erasing_count++] = (struct mtkfw_span){ MTKFW_AREA_USER, 0, mtkfw_device_info(dev)->user_size };
	for (const char *p = list; bo.erasing_count < sizeof(spans) / sizeof(spans[0]) &&
				   next_name(&p, name, sizeof(name));) {
		const struct mtkfw_partition *part;

		if ((part = mtkfw_layout_find(layout, name)) && part->has_start && part->has_size)
			spans[bo.erasing_count++] = (struct mtkfw_span){ part->area, part->start, part->size };
	}
	return mtkfw_device_backup_ext(b, dev, layout, dir, &bo, env->ctx);
}

/* Erase `list` (NULL: the whole user area) after a backup; identity put back after --all
 * unless --include-identity says it goes too. */
static int format_run(struct cli_env *env, struct dev_opts *o, const struct flash_opts *f, const char *list)
{
	mtkfw_device *dev = NULL;
	mtkfw_layout *layout = NULL;
	struct mtkfw_backup *b = NULL;
	char *dir = NULL, name[MTKFW_PART_NAME_MAX];
	int rc;

	/* The names are refused before the phone is touched. */
	for (const char *p = list; !f->include_identity && next_name(&p, name, sizeof(name));)
		if (mtkfw_is_identity_partition(name)) {
			cli_error(env, "refused: %s holds the phone's identity (IMEI, MACs, calibration); "
				  "add --include-identity to erase it anyway", name);
			return EXIT_UNSAFE;
		}
	cli_progress_lines(env);
	rc = dev_open(env, o, true, &dev);
	if (!rc)
		rc = flash_phone_layout(env, dev, o->scatter, &layout);
	if (!rc && list && !layout) {
		cli_error(env, "the phone has no PMT: give its scatter with --scatter to find %s", list);
		mtkfw_device_close(dev);
		return EXIT_USAGE;
	}
	if (!rc) {
		if (f->backup)
			dir = strdup(f->backup);
		else
			rc = mtkfw_backup_default_dir(&dir, mtkfw_device_info(dev)->cid);
		if (!rc && !dir)
			rc = MTKFW_ERR_NOMEM;
	}
	/* The backup, always, before anything is erased; with USRDATA's /data/nvram tree when
	 * USRDATA goes too. */
	if (!rc)
		rc = backup_before_erase(env, dev, layout, list, dir, &b);
	if (!rc && !env->quiet)
		printf("identity backup: %s\n", dir);
	if (!rc && !list) {
		rc = mtkfw_device_erase(dev, MTKFW_AREA_USER, 0, mtkfw_device_info(dev)->user_size, env->ctx);
		if (!rc && !env->quiet)
			printf("erased    user area (%llu bytes)\n", (unsigned long long)mtkfw_device_info(dev)->user_size);
		if (!rc && !f->include_identity) {
			rc = mtkfw_device_restore(dev, b, MTKFW_IDENTITY_ITEMS, env->ctx);
			if (!rc && !env->quiet)
				printf("restored  identity (NVRAM, PRO_INFO, PROTECT_F/S, SECCFG), read back equal\n");
		}
	}
	for (const char *p = list; !rc && next_name(&p, name, sizeof(name));) {
		const struct mtkfw_partition *part;

		if (!(part = mtkfw_layout_find(layout, name)) || !part->has_start || !part->has_size || !part->size) {
			cli_error(env, "%s: no such partition with a known place and size on this phone", name);
			rc = EXIT_USAGE;
			goto out;
		}
		if ((rc = mtkfw_device_erase(dev, part->area, part->start, part->size, env->ctx)))
			break;
		if (!env->quiet)
			printf("erased    %-12s %llu bytes at 0x%llx\n", part->name, (unsigned long long)part->size,
			       (unsigned long long)part->start);
	}
	if (rc)
		rc = cli_fail(env);
out:
	mtkfw_backup_free(b);
	free(dir);
	mtkfw_layout_free(layout);
	mtkfw_device_close(dev);
	return rc;
}

int device_format(int argc, char **argv, struct cli_env *env)
{
	struct flash_opts f;
	struct dev_opts o;
	int rc = flash_take_opts(env, &argc, argv, &f);

	if (rc || (rc = dev_parse(env, argc, argv, &o)))
		return rc;
	if (f.mode || f.skip || f.journal || f.resume || f.dry_run || o.range || o.area || o.partitions || o.only || o.json)
		return cli_usage_error(env, "format takes --all or a LIST, --include-identity, --scatter, --backup and the connection options");
	if (o.all == (optind < argc) || optind < argc - 1)
		return cli_usage_error(env, "give either --all or one comma-separated LIST of partitions");
	return format_run(env, &o, &f, o.all ? NULL : argv[optind]);
}

int device_erase(int argc, char **argv, struct cli_env *env)
{
	struct flash_opts f;
	struct dev_opts o;
	int rc = flash_take_opts(env, &argc, argv, &f);

	if (rc || (rc = dev_parse(env, argc, argv, &o)))
		return rc;
	if (f.mode || f.skip || f.journal || f.resume || f.dry_run || o.all || o.range || o.area || o.partitions || o.only ||
	    o.json)
		return cli_usage_error(env, "erase takes PART, --include-identity, --scatter, --backup and the connection options");
	if (optind != argc - 1 || strchr(argv[optind], ','))
		return cli_usage_error(env, "give one partition to erase");
	return format_run(env, &o, &f, argv[optind]);
}

int device_reboot(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	int rc = dev_parse(env, argc, argv, &o);

	if (rc)
		return rc;
	if (optind != argc || o.all || o.range || o.area || o.partitions || o.only || o.json || o.scatter)
		return cli_usage_error(env, "reboot takes only the connection options");
	if ((rc = dev_open(env, &o, true, &dev))) {
		mtkfw_device_close(dev);
		return cli_fail(env);
	}
	if (mtkfw_device_reboot(dev))
		return cli_fail(env);
	if (!env->quiet)
		printf("the phone reboots\n");
	return 0;
}
