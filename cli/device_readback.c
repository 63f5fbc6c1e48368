/*
 * `mtkfw device readback`: a range of an eMMC area into a file; named partitions into a folder
 * (located by --scatter or the phone's PMT); or all of boot1 and the user area into a folder,
 * with the phone's partition table as a scatter and its fingerprint (device.json).
 */
#include "cli_progress.h"
#include "device_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parse_range(struct cli_env *env, const char *text, uint64_t *start, uint64_t *len)
{
	const char *colon = strchr(text, ':');
	char head[64];

	if (!colon || (size_t)(colon - text) >= sizeof(head)) {
		cli_usage_error(env, "--range wants START:LEN, got '%s'", text);
		return false;
	}
	memcpy(head, text, (size_t)(colon - text));
	head[colon - text] = 0;
	if (!cli_parse_size(env, "--range START", head, start) || !cli_parse_size(env, "--range LEN", colon + 1, len))
		return false;
	if (!*len) {
		cli_usage_error(env, "--range: the length is 0");
		return false;
	}
	return true;
}

/* The extras of a full dump: the phone's fingerprint, and its PMT as a scatter when it has one. */
static int dump_extras(struct cli_env *env, mtkfw_device *dev, const char *dir)
{
	char path[4096];
	mtkfw_layout *pmt = NULL;
	json_t *j = device_info_json(mtkfw_device_info(dev), NULL);
	int rc;

	snprintf(path, sizeof(path), "%s/device.json", dir);
	rc = j ? json_dump_file(j, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : -1;
	json_decref(j);
	if (rc != 0) {
		return cli_fail_status(env, MTKFW_ERR_IO, "%s: cannot write it", path);
	}
	rc = mtkfw_device_read_pmt(&pmt, dev, env->ctx);
	if (rc == MTKFW_ERR_NOTFOUND) {
		cli_warn(env, "no PMT on the phone: no scatter generated");
		return EXIT_DONE;
	}
	snprintf(path, sizeof(path), "%s/MT6572_Android_scatter.txt", dir);
	if (!rc)
		rc = mtkfw_scatter_save(pmt, MTKFW_LAYOUT_YAML, path);
	mtkfw_layout_free(pmt);
	return rc ? cli_fail(env) : EXIT_DONE;
}

int device_readback(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	mtkfw_layout *layout = NULL;
	struct mtkfw_backup *parts = NULL;
	mtkfw_area area = MTKFW_AREA_USER;
	uint64_t start = 0, len = 0;
	const char *out;
	int rc = dev_parse(env, argc, argv, &o);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, optind < argc ? "one OUT only" : "where to? give OUT");
	out = argv[optind];
	if ((o.all ? 1 : 0) + (o.range ? 1 : 0) + (o.partitions ? 1 : 0) != 1)
		return cli_usage_error(env, "give exactly one of --all, --range and --partitions");
	if (o.only)
		return cli_usage_error(env, "--only belongs to restore");
	if (o.scatter && !o.partitions)
		return cli_usage_error(env, "--scatter goes with --partitions");
	if (o.json && o.range)
		return cli_usage_error(env, "--json goes with --all and --partitions");
	if (o.area) {
		if (!o.range)
			return cli_usage_error(env, "--area goes with --range");
		if (strcmp(o.area, "user") == 0)
			area = MTKFW_AREA_USER;
		else if (strcmp(o.area, "boot1") == 0)
			area = MTKFW_AREA_BOOT1;
		else
			return cli_usage_error(env, "--area: user or boot1, not '%s'", o.area);
	}
	if (o.force && !o.range)
		return cli_usage_error(env, "--force belongs to readback --range");
	if (o.range && !parse_range(env, o.range, &start, &len))
		return EXIT_USAGE;
	/* Refused before the phone is touched: a read of gigabytes must not end in a refusal. */
	if (o.range && (rc = cli_check_output(env, out, o.force)))
		return rc;
	if ((rc = dev_open_scatter(env, &o, &dev, &layout)) == EXIT_USAGE)
		return cli_fail(env);
	if (!rc) {
		if (o.all) {
			rc = mtkfw_device_dump_all(dev, out, env->ctx);
		} else if (o.partitions) {
			rc = mtkfw_device_read_partitions(&parts, dev, layout, o.partitions, out, env->ctx);
		} else {
			uint8_t sha[32];

			rc = mtkfw_device_read_to_file(dev, area, start, len, out, sha, env->ctx);
			if (!rc && !env->quiet) {
				char *h = cli_hex(sha, 32);

				fprintf(stderr, "%s: %llu bytes, sha256 %s\n", out, (unsigned long long)len, h ? h : "?");
				free(h);
			}
		}
	}
	if (rc) {
		rc = cli_fail(env);
	} else if (o.all) {
		rc = dump_extras(env, dev, out);
		if (!rc && o.json)
			device_info_render(env, mtkfw_device_info(dev), dev_port(&o, dev), true);
	} else if (parts) {
		device_render_items(parts, o.json);
	}
	mtkfw_backup_free(parts);
	mtkfw_layout_free(layout);
	mtkfw_device_close(dev);
	return rc;
}
