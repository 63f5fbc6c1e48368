/*
 * `mtkfw device readback`: a range of an eMMC area into a file; named partitions into a folder
 * (located by --scatter or the phone's PMT); or all of boot1 and the user area into a folder,
 * with the phone's partition table as a scatter and its fingerprint (device.json). The job is
 * lib/jobs/job_readback.c.
 */
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

int device_readback(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_readback_job job = { .version = 1, .area = MTKFW_AREA_USER };
	struct mtkfw_job_outcome out = { 0 };
	struct mtkfw_job_end end;
	struct mtkfw_job_end_opts eo = { 0 };
	const char *names[256], *dirs[1];
	char *list = NULL;
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY | DEV_FORCE, &o);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, optind < argc ? "one OUT only" : "where to? give OUT");
	job.out = argv[optind];
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
		job.area = mtkfw_area_parse(o.area);
		if (job.area != MTKFW_AREA_USER && job.area != MTKFW_AREA_BOOT1)
			return cli_usage_error(env, "--area: user or boot1, not '%s'", o.area);
	}
	if (o.force && !o.range)
		return cli_usage_error(env, "--force belongs to readback --range");
	job.force = o.force;
	if (o.range && !parse_range(env, o.range, &job.offset, &job.length))
		return EXIT_USAGE;
	job.kind = o.all ? MTKFW_READBACK_ALL : o.range ? MTKFW_READBACK_RANGE : MTKFW_READBACK_PARTITIONS;
	if (o.partitions && (!(list = strdup(o.partitions)) ||
			     !dev_names(env, "--partitions", list, names, sizeof(names) / sizeof(names[0]), &job.partitions))) {
		free(list);
		return EXIT_USAGE;
	}
	job.scatter = o.scatter;
	dev_connect(env, &o, &job.connect, dirs);
	mtkfw_job_readback(&out, &job, env->ctx);
	eo.readback_range = job.kind == MTKFW_READBACK_RANGE;
	rc = cli_job_end(env, &out, &eo, &end);
	if (!out.status && job.kind == MTKFW_READBACK_RANGE) {
		if (!env->quiet) {
			char *h = cli_hex(out.sha256, 32);

			fprintf(stderr, "%s: %llu bytes, sha256 %s\n", job.out, (unsigned long long)job.length, h ? h : "?");
			free(h);
		}
	} else if (end.report && o.json) {
		rc = cli_json_print_outcome(env, &out);
	} else if (end.report && out.files) {
		device_items_text(out.files);
	}
	free(list);
	mtkfw_job_outcome_clear(&out);
	return rc;
}
