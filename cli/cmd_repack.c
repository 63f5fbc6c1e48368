/* mtkfw repack DIR FILE: rebuild what `mtkfw unpack` took apart; the manifest says what. */
#include "cli.h"

#include <mtkfw/image.h>

static const char *const usage[] = {
	"mtkfw repack [--force] [--json] DIR FILE",
	NULL,
};

static const char options[] = "      --force         replace a FILE that exists\n"
			       "      --json          report as JSON on stdout\n";

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct mtkfw_unpack_report rep;
	bool json = false, force = false;
	int c, rc;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (c == 'j')
			json = true;
		else if (c == 'f')
			force = true;
		else
			return EXIT_USAGE;
	}
	if (argc - optind != 2)
		return cli_usage_error(env, "wants a DIR and a FILE");
	if ((rc = cli_check_output(env, argv[optind + 1], force)))
		return rc;
	if (mtkfw_repack(&rep, argv[optind], argv[optind + 1], env->ctx))
		return cli_fail(env);
	if (json) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string(mtkfw_image_kind_name(rep.kind)));
		json_object_set_new(o, "dir", json_string(argv[optind]));
		json_object_set_new(o, "file", json_string(argv[optind + 1]));
		json_object_set_new(o, "detail", json_string(rep.detail));
		{
			json_t *st = json_array();

			for (int p = 0; p < MTKFW_BOOT_NPARTS; p++)
				if (rep.mtk_stripped & (1u << p))
					json_array_append_new(st, json_string(mtkfw_bootimg_part_name(p)));
			json_object_set_new(o, "mtk_header_stripped", st);
		}
		return cli_json_print(o);
	}
	printf("%s: %s\n", argv[optind + 1], rep.detail);
	return EXIT_DONE;
}

const struct cli_command cli_cmd_repack = {
	"repack", run, CLI_JSON, "rebuild an image from the folder 'mtkfw unpack' wrote", usage, options,
};
