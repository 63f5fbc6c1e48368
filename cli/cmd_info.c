/* mtkfw info FILE: what a file is, and that format's main fields. */
#include "cli.h"

#include <mtkfw/identify.h>

static const char *const usage[] = {
	"mtkfw info [--json] FILE",
	NULL,
};

static const char options[] = "      --json          the type and its fields as JSON on stdout\n";

static json_t *to_json(const char *path, const struct mtkfw_info *in)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", json_string(path));
	json_object_set_new(o, "type", json_string(in->type));
	json_object_set_new(o, "description", json_string(in->description));
	json_object_set_new(o, "file_size", cli_json_u64(in->file_size));
	for (size_t i = 0; i < in->nfields; i++) {
		const struct mtkfw_info_field *f = &in->fields[i];

		json_object_set_new(o, f->key, f->kind == MTKFW_INFO_INT || f->kind == MTKFW_INFO_ADDR ? cli_json_u64(f->num)
					       : f->kind == MTKFW_INFO_BOOL ? json_boolean(f->num)
									 : json_string(f->str));
	}
	return o;
}

static void to_text(const char *path, const struct mtkfw_info *in)
{
	printf("%s: %s\n", path, in->description);
	printf("  %-22s %s\n", "type", in->type);
	printf("  %-22s %llu\n", "file_size", (unsigned long long)in->file_size);
	for (size_t i = 0; i < in->nfields; i++) {
		const struct mtkfw_info_field *f = &in->fields[i];

		if (f->kind == MTKFW_INFO_INT)
			printf("  %-22s %llu\n", f->key, (unsigned long long)f->num);
		else if (f->kind == MTKFW_INFO_ADDR)
			printf("  %-22s 0x%08llx\n", f->key, (unsigned long long)f->num);
		else if (f->kind == MTKFW_INFO_BOOL)
			printf("  %-22s %s\n", f->key, f->num ? "yes" : "no");
		else
			printf("  %-22s %s\n", f->key, f->str);
	}
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct mtkfw_info info;
	bool json = false;
	int c;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (c == 'j')
			json = true;
		else
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cli_usage_error(env, "wants one FILE");
	if (mtkfw_identify(&info, argv[optind]))
		return cli_fail(env);
	if (json)
		cli_json_print(to_json(argv[optind], &info));
	else
		to_text(argv[optind], &info);
	mtkfw_info_free(&info);
	return EXIT_DONE;
}

const struct cli_command cli_cmd_info = {
	"info", run, CLI_JSON, "identify a file: image, logo, ramdisk, preloader, scatter, ...", usage, options,
};
