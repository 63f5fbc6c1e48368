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

static int render_json(const mtkfw_layout *l)
{
	char *doc = NULL;
	int rc = mtkfw_json_scatter(&doc, l);

	rc = rc ? rc : cli_json_print_text(doc);
	free(doc);
	return rc;
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
		format = mtkfw_layout_format_parse(to);
		if (format != MTKFW_LAYOUT_YAML && format != MTKFW_LAYOUT_LEGACY && format != MTKFW_LAYOUT_OTA)
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

			rc = mtkfw_scatter_write(&text, &len, l, format);
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
