/* mtkfw scatter: print a scatter file's partitions, or convert it to another scatter format. */
#include "cli.h"

#include <mtkfw/layout.h>

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw scatter [--json] FILE",
	"mtkfw scatter --to yaml|legacy|ota -o OUT [--force] FILE",
	NULL,
};

static const char options[] =
	"  --json              print the partitions as JSON (the file's own numbers)\n"
	"  --to FORMAT         convert to a yaml (V1.1.x), legacy or ota scatter\n"
	"  -o, --output OUT    where the converted scatter goes ('-' for standard output)\n"
	"      --force         replace an OUT that exists\n";

static json_t *part_json(const struct mtkfw_partition *p)
{
	json_t *o = json_object(), *extra = json_object();

	json_object_set_new(o, "name", cli_json_str_or_null(p->name));
	json_object_set_new(o, "index", cli_json_str_or_null(p->index));
	json_object_set_new(o, "file", cli_json_str_or_null(p->file));
	json_object_set_new(o, "download", json_boolean(p->download));
	json_object_set_new(o, "type", cli_json_str_or_null(p->type));
	json_object_set_new(o, "region", cli_json_str_or_null(p->region));
	json_object_set_new(o, "operation", cli_json_str_or_null(p->operation));
	json_object_set_new(o, "linear_start", cli_json_u64(p->linear_start));
	json_object_set_new(o, "physical_start", p->has_physical ? cli_json_u64(p->physical_start) : json_null());
	json_object_set_new(o, "size", p->has_size ? cli_json_u64(p->size) : json_null());
	json_object_set_new(o, "boundary_check", p->has_flags ? json_boolean(p->boundary_check) : json_null());
	json_object_set_new(o, "is_reserved", p->has_flags || p->reserved ? json_boolean(p->reserved) : json_null());
	for (size_t i = 0; i < p->extra_count; i++)
		json_object_set_new(extra, p->extra[i].key, json_string(p->extra[i].value));
	json_object_set_new(o, "extra", extra);
	return o;
}

static int render_json(const mtkfw_layout *l)
{
	json_t *root = json_object(), *parts = json_array();

	json_object_set_new(root, "format", json_string(mtkfw_layout_format_name(l->format)));
	json_object_set_new(root, "config_version", cli_json_str_or_null(l->config_version));
	json_object_set_new(root, "platform", cli_json_str_or_null(l->platform));
	json_object_set_new(root, "project", cli_json_str_or_null(l->project));
	json_object_set_new(root, "storage", cli_json_str_or_null(l->storage));
	json_object_set_new(root, "block_size", l->has_block_size ? cli_json_u64(l->block_size) : json_null());
	json_object_set_new(root, "mbr_start", cli_json_u64(l->mbr_start));
	json_object_set_new(root, "mbr_start_guessed", json_boolean(l->mbr_start_guessed));
	for (size_t i = 0; i < l->count; i++)
		json_array_append_new(parts, part_json(&l->parts[i]));
	json_object_set_new(root, "partitions", parts);
	return cli_json_print(root);
}

static void render_text(const mtkfw_layout *l)
{
	printf("%s: %s scatter", l->source, mtkfw_layout_format_name(l->format));
	if (l->config_version)
		printf(" %s", l->config_version);
	printf(", platform %s, project %s, storage %s, %zu partitions\n", l->platform ? l->platform : "?",
	       l->project ? l->project : "?", l->storage ? l->storage : "?", l->count);
	printf("user area starts at linear 0x%llx%s\n", (unsigned long long)l->mbr_start,
	       l->mbr_start_guessed ? " (assumed: no MBR, PGPT or EMMC_USER partition)" : "");
	printf("%-16s %-3s %-12s %-12s %-12s %-12s %s\n", "NAME", "DL", "LINEAR", "SIZE", "REGION", "OPERATION",
	       "FILE");
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		char size[24];

		if (p->has_size)
			snprintf(size, sizeof(size), "0x%llx", (unsigned long long)p->size);
		else
			snprintf(size, sizeof(size), "-");
		printf("%-16s %-3s 0x%-10llx %-12s %-12s %-12s %s\n", p->name, p->download ? "yes" : "no",
		       (unsigned long long)p->linear_start, size, p->region ? p->region : "-",
		       p->operation ? p->operation : "-", p->file ? p->file : "-");
	}
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to = NULL, *output = NULL;
	bool json = false, force = false;
	int c, format = 0, rc;
	mtkfw_layout *l;

	while ((c = cli_getopt(env, argc, argv, "o:", longopts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 't': to = optarg; break;
		case 'o': output = optarg; break;
		case 'f': force = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(env, "give one scatter FILE");
	if (to) {
		if (!strcmp(to, "yaml"))
			format = MTKFW_LAYOUT_YAML;
		else if (!strcmp(to, "legacy"))
			format = MTKFW_LAYOUT_LEGACY;
		else if (!strcmp(to, "ota"))
			format = MTKFW_LAYOUT_OTA;
		else
			return cli_usage_error(env, "--to takes yaml, legacy or ota, not '%s'", to);
		if (!output)
			return cli_usage_error(env, "--to needs -o OUT");
		if (json)
			return cli_usage_error(env, "--json prints; --to converts: give one of them");
	} else if (output || force) {
		return cli_usage_error(env, "%s needs --to FORMAT", output ? "-o" : "--force");
	}
	if (output && strcmp(output, "-") && (rc = cli_check_output(env, output, force)))
		return rc;
	if (mtkfw_scatter_load(&l, argv[optind]) != 0)
		return cli_fail(env);
	if (to) {
		if (strcmp(output, "-") == 0) {
			char *text;
			size_t len;

			rc = mtkfw_scatter_write(l, format, &text, &len);
			if (rc == 0) {
				fwrite(text, 1, len, stdout);
				free(text);
			}
		} else {
			rc = mtkfw_scatter_save(l, format, output);
		}
		mtkfw_layout_free(l);
		return rc ? cli_fail(env) : EXIT_DONE;
	}
	if (l->mbr_start_guessed && !env->quiet)
		cli_warn(env, "%s: no MBR and no EMMC_USER partition: MBR start 0x600000 assumed", l->source);
	if (json)
		rc = render_json(l);
	else
		render_text(l), rc = 0;
	mtkfw_layout_free(l);
	return rc ? EXIT_FINDING : EXIT_DONE;
}

const struct cli_command cli_cmd_scatter = {
	"scatter", run, CLI_JSON, "print a scatter file's partitions, or convert it (yaml, legacy, ota)",
	usage, options,
};
