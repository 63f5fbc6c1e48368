/* mtkfw checksum: verify a package's Checksum.ini against its files, or write one. */
#include "cli.h"

#include <mtkfw/layout.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const usage[] = {
	"mtkfw checksum [--json] PKG",
	"mtkfw checksum --write [--v3] PKG",
	NULL,
};

static const char options[] =
	"  --json              print the verdict per file as JSON\n"
	"  --write             compute the sums and write Checksum.ini (atomically)\n"
	"  --v3                write the old SP Flash Tool v3 form (upper-case names, 32-bit sums);\n"
	"                      without it an existing file keeps its form, a new one is V1\n"
	"\nPKG is a scatter file or the folder holding it; Checksum.ini sits beside the scatter.\n";

/* The scatter and its folder from PKG (a scatter file or a folder). */
static int locate(const char *pkg, char **scatter, char **dir)
{
	struct stat st;

	*scatter = *dir = NULL;
	if (stat(pkg, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (mtkfw_scatter_find(pkg, scatter) != 0)
			return -1;
		*dir = strdup(pkg);
	} else {
		const char *slash = strrchr(pkg, '/');

		*scatter = strdup(pkg);
		*dir = slash ? strndup(pkg, (size_t)(slash - pkg + (slash == pkg))) : strdup(".");
	}
	return *scatter && *dir ? 0 : -1;
}

static int do_write(struct cli_env *env, const mtkfw_layout *l, const char *dir, bool v3)
{
	mtkfw_checksum_ini *ini = NULL, *old = NULL;
	char *path = NULL;
	int rc = EXIT_DONE, style;

	/* Rewrite an existing file under its own name, in its own form, keeping its tool line. */
	if (mtkfw_checksum_ini_find(dir, &path) != 0)
		path = NULL;
	else if (mtkfw_checksum_ini_load(&old, path) != 0)
		old = NULL;
	style = v3 ? MTKFW_CHECKSUM_V3 : old ? old->style : MTKFW_CHECKSUM_V1;
	if (mtkfw_checksum_generate(&ini, l, dir, style) != 0)
		goto fail;
	if (old && style == MTKFW_CHECKSUM_V1 && old->style == MTKFW_CHECKSUM_V1) {
		ini->tool = old->tool, old->tool = NULL;
		ini->change_id = old->change_id, old->change_id = NULL;
	}
	if (!path && !(path = malloc(strlen(dir) + sizeof("/Checksum.ini"))))
		goto fail;
	if (!old)
		sprintf(path, "%s/Checksum.ini", dir);
	if (mtkfw_checksum_ini_save(ini, path) != 0)
		goto fail;
	printf("wrote %s: %zu checksums\n", path, ini->count);
	goto out;
fail:
	rc = cli_fail(env);
out:
	free(path);
	mtkfw_checksum_ini_free(ini);
	mtkfw_checksum_ini_free(old);
	return rc;
}

static int do_verify(struct cli_env *env, const mtkfw_layout *l, const char *dir, bool json)
{
	struct mtkfw_checksum_report r;
	mtkfw_checksum_ini *ini = NULL;
	char *path = NULL;
	int rc;

	if (mtkfw_checksum_ini_find(dir, &path) != 0 || mtkfw_checksum_ini_load(&ini, path) != 0 ||
	    mtkfw_checksum_verify(ini, l, dir, &r) != 0) {
		rc = cli_fail(env);
		free(path);
		mtkfw_checksum_ini_free(ini);
		return rc;
	}
	if (json) {
		json_t *root = json_object(), *items = json_array();

		json_object_set_new(root, "checksum_ini", json_string(path));
		json_object_set_new(root, "scatter", json_string(l->source));
		json_object_set_new(root, "style", json_string(mtkfw_checksum_style_name(ini->style)));
		json_object_set_new(root, "enabled", json_boolean(ini->enabled));
		for (size_t i = 0; i < r.count; i++) {
			const struct mtkfw_checksum_result *x = &r.items[i];
			json_t *o = json_object();
			bool summed = x->status == MTKFW_CHECKSUM_OK || x->status == MTKFW_CHECKSUM_MISMATCH ||
				      x->status == MTKFW_CHECKSUM_ZERO;

			json_object_set_new(o, "key", json_string(x->key));
			json_object_set_new(o, "file", cli_json_str_or_null(x->file));
			json_object_set_new(o, "status", json_string(mtkfw_checksum_status_name(x->status)));
			json_object_set_new(o, "expected", cli_json_u64(x->expected));
			json_object_set_new(o, "actual", summed ? cli_json_u64(x->actual) : json_null());
			json_array_append_new(items, o);
		}
		json_object_set_new(root, "entries", items);
		json_object_set_new(root, "mismatches", cli_json_u64(r.mismatches));
		json_object_set_new(root, "unchecked", cli_json_u64(r.missing));
		cli_json_print(root);
	} else {
		printf("%s (%s, checksums %s)\n", path, mtkfw_checksum_style_name(ini->style),
		       ini->enabled ? "enabled" : "switched off");
		for (size_t i = 0; i < r.count; i++) {
			const struct mtkfw_checksum_result *x = &r.items[i];

			switch (x->status) {
			case MTKFW_CHECKSUM_OK:
				printf("ok        %-12s %s 0x%llX\n", x->key, x->file, (unsigned long long)x->actual);
				break;
			case MTKFW_CHECKSUM_MISMATCH:
				printf("MISMATCH  %-12s %s sums to 0x%llX, Checksum.ini says 0x%llX\n", x->key, x->file,
				       (unsigned long long)x->actual, (unsigned long long)x->expected);
				break;
			case MTKFW_CHECKSUM_ZERO:
				printf("ZERO      %-12s %s: the value 0x0 is refused by SP Flash Tool\n", x->key, x->file);
				break;
			case MTKFW_CHECKSUM_MISSING:
				printf("missing   %-12s %s is not in the folder: not checked\n", x->key, x->file);
				break;
			case MTKFW_CHECKSUM_NOPART:
				printf("unknown   %-12s no partition of the scatter has this name\n", x->key);
				break;
			default:
				printf("no file   %-12s the scatter gives this partition no file\n", x->key);
			}
		}
		printf("%zu checked, %zu differ, %zu not checked\n", r.count - r.missing, r.mismatches, r.missing);
	}
	for (size_t i = 0; i < r.count; i++)
		if (r.items[i].status == MTKFW_CHECKSUM_MISMATCH || r.items[i].status == MTKFW_CHECKSUM_ZERO)
			cli_error(env, "%s: checksum of %s (%s) does not match", path, r.items[i].file, r.items[i].key);
	rc = r.mismatches ? EXIT_FINDING : EXIT_DONE;
	mtkfw_checksum_report_free(&r);
	mtkfw_checksum_ini_free(ini);
	free(path);
	return rc;
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "write", no_argument, NULL, 'w' },
		{ "v3", no_argument, NULL, '3' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, write = false, v3 = false;
	char *scatter = NULL, *dir = NULL;
	mtkfw_layout *l = NULL;
	int c, rc;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'w': write = true; break;
		case '3': v3 = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(env, "give one PKG (a scatter file or its folder)");
	if (v3 && !write)
		return cli_usage_error(env, "--v3 goes with --write");
	if (json && write)
		return cli_usage_error(env, "--json reports a verification; --write writes");
	if (locate(argv[optind], &scatter, &dir) != 0 || mtkfw_scatter_load(&l, scatter) != 0)
		rc = cli_fail(env);
	else
		rc = write ? do_write(env, l, dir, v3) : do_verify(env, l, dir, json);
	mtkfw_layout_free(l);
	free(scatter);
	free(dir);
	return rc;
}

const struct cli_command cli_cmd_checksum = {
	"checksum", run, CLI_JSON, "verify a package's Checksum.ini against its files, or write one",
	usage, options,
};
