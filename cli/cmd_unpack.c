/* mtkfw unpack FILE DIR: a boot/recovery image, logo.bin, MTK-header image or ramdisk into a
 * folder with a manifest.json that `mtkfw repack` rebuilds from. */
#include "cli.h"

#include <mtkfw/image.h>

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw unpack [--force] [--size WxH] [--json] FILE DIR",
	NULL,
};

static const char options[] =
	"  -f, --force         replace DIR when it exists and is not empty\n"
	"      --size WxH      logo resolution, when the panel table guesses wrong\n"
	"      --json          report as JSON on stdout\n";

static bool parse_wxh(const char *s, struct mtkfw_unpack_opts *o)
{
	char *end;
	unsigned long w = strtoul(s, &end, 10), h;

	if (end == s || (*end != 'x' && *end != 'X'))
		return false;
	s = end + 1;
	h = strtoul(s, &end, 10);
	if (end == s || *end || !w || !h || w > 65535 || h > 65535)
		return false;
	o->width = (uint16_t)w;
	o->height = (uint16_t)h;
	return true;
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "size", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct mtkfw_unpack_opts opts = { 0 };
	struct mtkfw_unpack_report rep;
	bool json = false;
	int c;

	while ((c = cli_getopt(env, argc, argv, "f", longopts)) != -1) {
		switch (c) {
		case 'f': opts.force = true; break;
		case 's':
			if (!parse_wxh(optarg, &opts))
				return cli_usage_error(env, "--size wants WIDTHxHEIGHT, like 480x854");
			break;
		case 'j': json = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(env, "wants a FILE and a DIR");
	if (mtkfw_unpack(&rep, argv[optind], argv[optind + 1], &opts, env->ctx))
		return cli_fail(env);
	if (json) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string(mtkfw_image_kind_name(rep.kind)));
		json_object_set_new(o, "file", json_string(argv[optind]));
		json_object_set_new(o, "dir", json_string(argv[optind + 1]));
		json_object_set_new(o, "detail", json_string(rep.detail));
		return cli_json_print(o);
	}
	printf("%s: %s -> %s\n", argv[optind], rep.detail, argv[optind + 1]);
	return EXIT_DONE;
}

const struct cli_command cli_cmd_unpack = {
	"unpack", run, CLI_JSON, "unpack a boot/recovery image, logo, MTK-header image or ramdisk",
	usage, options,
};
