/* `mtkfw device format`, `erase` and `reboot`: guarded like a flash (identity backup first,
 * identity partitions refused unless asked for, identity restored after a format of all). */
#include "cli_progress.h"
#include "device_flash_cli.h"
#include "device_result.h"
#include "interrupt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
				   mtkfw_name_next(&p, name, sizeof(name));) {
		const struct mtkfw_partition *part;

		if ((part = mtkfw_layout_find(layout, name)) && part->has_start && part->has_size)
			spans[bo.erasing_count++] = (struct mtkfw_span){ part->area, part->start, part->size };
	}
	return mtkfw_device_backup_ext(b, dev, layout, dir, &bo, env->ctx);
}

/* What a format or erase did: the ranges erased, whether the identity went back, and the
 * outcome; rendered once, as text or JSON. */
struct format_report {
	struct device_result res;
	struct {
		char name[MTKFW_PART_NAME_MAX];
		int area;
		uint64_t offset, length;
	} erased[64];
	size_t count;
	bool identity_restored;
};

static void note_erased(struct format_report *r, const char *name, int area, uint64_t offset, uint64_t length)
{
	if (r->count == sizeof(r->erased) / sizeof(r->erased[0]))
		return; /* a LIST is cut to as many names anyway (backup_before_erase) */
	snprintf(r->erased[r->count].name, sizeof(r->erased[0].name), "%s", name);
	r->erased[r->count].area = area;
	r->erased[r->count].offset = offset;
	r->erased[r->count].length = length;
	r->count++;
}

static void render_format(const struct format_report *r, bool json)
{
	if (json) {
		json_t *root = json_object(), *arr = json_array();

		for (size_t i = 0; i < r->count; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "partition", json_string(r->erased[i].name));
			json_object_set_new(e, "area", json_string(mtkfw_area_name(r->erased[i].area)));
			json_object_set_new(e, "offset", cli_json_u64(r->erased[i].offset));
			json_object_set_new(e, "length", cli_json_u64(r->erased[i].length));
			json_array_append_new(arr, e);
		}
		json_object_set_new(root, "erased", arr);
		json_object_set_new(root, "identity_restored", json_boolean(r->identity_restored));
		device_result_json(root, &r->res);
		cli_json_print(root);
		return;
	}
	if (r->res.backup)
		printf("identity backup: %s\n", r->res.backup);
	for (size_t i = 0; i < r->count; i++)
		if (!strcmp(r->erased[i].name, "ALL"))
			printf("erased    user area (%llu bytes)\n", (unsigned long long)r->erased[i].length);
		else
			printf("erased    %-12s %llu bytes at 0x%llx\n", r->erased[i].name,
			       (unsigned long long)r->erased[i].length, (unsigned long long)r->erased[i].offset);
	if (r->identity_restored)
		printf("restored  identity (NVRAM, PRO_INFO, PROTECT_F/S, SECCFG), read back equal\n");
	device_result_text(&(struct device_result){ .fault = r->res.fault });
	device_tree_text(r->res.saved);
}

/* Erase `list` (NULL: the whole user area) after a backup; identity put back after --all
 * unless --include-identity says it goes too. */
static int format_run(struct cli_env *env, struct dev_opts *o, const struct flash_opts *f, const char *list)
{
	mtkfw_device *dev = NULL;
	mtkfw_layout *layout = NULL;
	struct mtkfw_backup *b = NULL;
	struct format_report rep = { .res.result = list ? "erased" : "formatted" };
	struct mtkfw_identity_proof proof;
	char *dir = NULL, name[MTKFW_PART_NAME_MAX];
	bool erasing = false;
	int rc;

	/* The names are refused before the phone is touched. */
	for (const char *p = list; !f->include_identity && mtkfw_name_next(&p, name, sizeof(name));)
		if (mtkfw_is_identity_partition(name)) {
			return cli_fail_status(env, MTKFW_ERR_REFUSED,
					       "refused: %s holds the phone's identity (IMEI, MACs, calibration); "
					       "add --include-identity to erase it anyway", name);
		}
	cli_progress_lines(env);
	rc = dev_open(env, o, true, &dev);
	if (!rc)
		rc = flash_phone_layout(env, dev, o->scatter, &layout);
	if (!rc && list && !layout) {
		mtkfw_device_close(dev);
		return cli_fail_status(env, MTKFW_ERR_NOTFOUND,
				       "the phone has no PMT: give its scatter with --scatter to find %s", list);
	}
	if (!rc)
		rc = dev_backup_dir(f->backup, dev, &dir);
	/* Every name is found before the backup and the first erase: a typo erases nothing. */
	for (const char *p = list; !rc && mtkfw_name_next(&p, name, sizeof(name));) {
		const struct mtkfw_partition *part = mtkfw_layout_find(layout, name);

		if (!part || !part->has_start || !part->has_size || !part->size) {
			rc = cli_fail_status(env, MTKFW_ERR_NOTFOUND,
					     "%s: no such partition with a known place and size on this phone", name);
			goto out;
		}
	}
	/* The backup, always, before anything is erased; with USRDATA's /data/nvram tree when
	 * USRDATA goes too. */
	if (!rc)
		rc = backup_before_erase(env, dev, layout, list, dir, &b);
	if (!rc) {
		rep.res.backup = dir;
		rep.res.saved = b;
	}
	if (!rc && !list) {
		uint64_t user = mtkfw_device_info(dev)->user_size;

		/* From the first erased byte to the identity read back equal, the phone has no
		 * identity: a first Ctrl-C waits for the end of both. */
		cli_interrupt_hold(env, true);
		erasing = true;
		if (!(rc = mtkfw_device_erase(dev, MTKFW_AREA_USER, 0, user, env->ctx)))
			note_erased(&rep, "ALL", MTKFW_AREA_USER, 0, user);
		if (!rc && !f->include_identity)
			rep.identity_restored = !(rc = mtkfw_device_restore(dev, b, MTKFW_IDENTITY_ITEMS, env->ctx));
		cli_interrupt_hold(env, false);
		if (!rc && cli_interrupted()) {
			rep.res.result = "interrupted";
			rc = cli_fail_status(env, MTKFW_ERR_CANCELLED, "interrupted: the erase of the user area was "
					     "finished and the identity put back first; the phone has no partition table "
					     "now (flash a package, or restore %s)", dir);
		}
	}
	for (const char *p = list; !rc && mtkfw_name_next(&p, name, sizeof(name));) {
		const struct mtkfw_partition *part = mtkfw_layout_find(layout, name);

		if ((rc = mtkfw_device_erase_named(dev, part->name, part->area, part->start, part->size, env->ctx)))
			break;
		note_erased(&rep, part->name, part->area, part->start, part->size);
	}
	if (rc && rc != EXIT_FINDING) {
		const mtkfw_error *e = mtkfw_error_last();

		rep.res.result = "failed";
		device_result_take_fault(&rep.res, dev);
		/* An erase is checked by position: name the range it was. */
		if (rep.res.fault.kind && !rep.res.fault.partition[0])
			snprintf(rep.res.fault.partition, sizeof(rep.res.fault.partition), "%s",
				 list && layout ? name : "ALL");
		/* One line with the cause and the way back: once the erase of everything began, the
		 * identity is on the phone only when its restore finished. */
		if (erasing && !rep.identity_restored && !f->include_identity) {
			rc = cli_fail_status(env, e->code, "%s; the user area may be erased and the identity is not back "
					     "on the phone: put it back with 'mtkfw device restore %s'", e->message, dir);
		} else if (e->code == MTKFW_ERR_CANCELLED && cli_interrupted() && rep.res.backup) {
			rep.res.result = "interrupted";
			rc = cli_fail_status(env, MTKFW_ERR_CANCELLED, "interrupted between two packets; a partition may "
					     "be half erased: run the same command again to finish (identity backup %s)", dir);
		} else {
			rc = cli_fail(env);
		}
	}
	/* Done: the identity read back and compared with the backup just taken. */
	if (!rc && (rc = device_identity_prove(env, &rep.res, &proof, dev, b, layout, NULL)))
		rep.res.result = "failed";
	/* A report once the backup is made: from there on the phone was changed. */
	if (rep.res.backup && (o->json || !env->quiet))
		render_format(&rep, o->json);
	if (!rc)
		rc = device_identity_verdict(env, &rep.res, f->include_identity, o->json);
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
	if (f.mode || f.skip || f.journal || f.resume || f.dry_run || o.range || o.area || o.partitions || o.only)
		return cli_usage_error(env, "format takes --all or a LIST, --include-identity, --scatter, --backup, --json and the connection options");
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
	if (f.mode || f.skip || f.journal || f.resume || f.dry_run || o.all || o.range || o.area || o.partitions || o.only)
		return cli_usage_error(env, "erase takes PART, --include-identity, --scatter, --backup, --json and the connection options");
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
