/* `mtkfw device readback`: a range of an eMMC area into a file, or all of boot1 and the user
 * area into a folder with a manifest. */
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

int device_readback(int argc, char **argv, struct cli_env *env)
{
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	mtkfw_area area = MTKFW_AREA_USER;
	uint64_t start = 0, len = 0;
	const char *out;
	int rc = dev_parse(env, argc, argv, &o);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, optind < argc ? "one OUT only" : "where to? give OUT");
	out = argv[optind];
	if (o.all == !!o.range)
		return cli_usage_error(env, "give exactly one of --all and --range");
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
	if (o.json && !o.all)
		return cli_usage_error(env, "--json goes with --all");
	if (o.range && !parse_range(env, o.range, &start, &len))
		return EXIT_USAGE;
	cli_progress_lines(env);
	rc = dev_open(env, &o, true, &dev);
	if (!rc) {
		if (o.all) {
			rc = mtkfw_device_dump_all(dev, out, env->ctx);
		} else {
			uint8_t sha[32];

			rc = mtkfw_device_read_to_file(dev, area, start, len, out, sha, env->ctx);
			if (!rc && !o.json && !env->quiet) {
				char *h = cli_hex(sha, 32);

				fprintf(stderr, "%s: %llu bytes, sha256 %s\n", out, (unsigned long long)len, h ? h : "?");
				free(h);
			}
		}
	}
	if (rc) {
		rc = cli_fail(env);
		mtkfw_device_close(dev);
		return rc;
	}
	if (o.json)
		device_info_render(env, mtkfw_device_info(dev), o.port, true);
	mtkfw_device_close(dev);
	return EXIT_DONE;
}
