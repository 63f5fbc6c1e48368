/* mtkfw checksum: verify a package's Checksum.ini against its files, or write one. */
#include "cli.h"

#include <mtkfw/layout.h>
#include <mtkfw/package.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	"\nPKG is a scatter file or the folder holding it; Checksum.ini sits beside the scatter. Each\n"
	"partition's file is the one check and device flash use: the scatter's name (its signed\n"
	"NAME-verified.EXT first), else a file of the folder found by its content.\n";

static int do_write(struct cli_env *env, const mtkfw_package *pkg, bool v3)
{
	mtkfw_checksum_ini *ini = NULL, *old = NULL;
	char *path = NULL;
	int rc = EXIT_DONE, style;

	/* Rewrite an existing file under its own name, in its own form, keeping its tool line. */
	if (pkg->checksum_path && mtkfw_checksum_ini_load(&old, pkg->checksum_path) != 0)
		old = NULL;
	style = v3 ? MTKFW_CHECKSUM_V3 : old ? old->style : MTKFW_CHECKSUM_V1;
	if (mtkfw_package_checksum_generate(&ini, pkg, style) != 0)
		goto fail;
	if (old && style == MTKFW_CHECKSUM_V1 && old->style == MTKFW_CHECKSUM_V1) {
		ini->tool = old->tool, old->tool = NULL;
		ini->change_id = old->change_id, old->change_id = NULL;
	}
	if (pkg->checksum_path)
		path = strdup(pkg->checksum_path);
	else if ((path = malloc(strlen(pkg->dir) + sizeof("/Checksum.ini"))))
		sprintf(path, "%s/Checksum.ini", pkg->dir);
	if (!path || mtkfw_checksum_ini_save(ini, path) != 0)
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

/* " (signed)", " (by content)": a file other than the one the scatter names. */
static const char *how(int found)
{
	return found == MTKFW_FOUND_SIGNED ? " (signed)" : found == MTKFW_FOUND_CONTENT ? " (by content)" : "";
}

static int do_verify(struct cli_env *env, const mtkfw_package *pkg, bool json)
{
	struct mtkfw_checksum_report r;
	mtkfw_checksum_ini *ini = NULL;
	const char *path = pkg->checksum_path;
	int rc;

	if (!path) {
		char *none = NULL;

		(void)mtkfw_checksum_ini_find(&none, pkg->dir); /* sets the "no Checksum.ini" error */
		free(none);
		return cli_fail(env);
	}
	if (mtkfw_checksum_ini_load(&ini, path) != 0 || mtkfw_package_checksum_verify(&r, pkg, ini) != 0) {
		rc = cli_fail(env);
		mtkfw_checksum_ini_free(ini);
		return rc;
	}
	if (json) {
		char *doc = NULL;

		if (mtkfw_json_checksum(&doc, pkg, ini, &r) != 0)
			(void)cli_fail(env); /* out of memory: said; the exit code still follows the sums */
		else
			cli_json_print_text(doc);
		free(doc);
	} else {
		printf("%s (%s, checksums %s)\n", path, mtkfw_checksum_style_name(ini->style),
		       ini->enabled ? "enabled" : "switched off");
		for (size_t i = 0; i < r.count; i++) {
			const struct mtkfw_checksum_result *x = &r.items[i];

			switch (x->status) {
			case MTKFW_CHECKSUM_OK:
				printf("ok        %-12s %s%s 0x%llX\n", x->key, x->file, how(x->found),
				       (unsigned long long)x->actual);
				break;
			case MTKFW_CHECKSUM_MISMATCH:
				printf("MISMATCH  %-12s %s%s sums to 0x%llX, Checksum.ini says 0x%llX\n", x->key, x->file,
				       how(x->found), (unsigned long long)x->actual, (unsigned long long)x->expected);
				break;
			case MTKFW_CHECKSUM_ZERO:
				printf("ZERO      %-12s %s: the value 0x0 is refused by SP Flash Tool\n", x->key, x->file);
				break;
			case MTKFW_CHECKSUM_MISSING:
				printf("missing   %-12s %s is not in the folder, by name or by content: not checked\n", x->key,
				       x->file);
				break;
			case MTKFW_CHECKSUM_NOPART:
				printf("unknown   %-12s no partition of the scatter has this name\n", x->key);
				break;
			case MTKFW_CHECKSUM_SKIPPED:
				printf("skipped   %-12s not downloaded: SP Flash Tool does not check it\n", x->key);
				break;
			case MTKFW_CHECKSUM_UNREADABLE:
				printf("UNREADABLE %-11s %s\n", x->key, x->problem ? x->problem : "?");
				break;
			default:
				printf("no file   %-12s the scatter gives this partition no file\n", x->key);
			}
		}
		printf("%zu checked, %zu differ, %zu not checked%s\n", r.count - r.missing - r.unreadable, r.mismatches,
		       r.missing, r.unreadable ? ", some unreadable" : "");
	}
	for (size_t i = 0; i < r.count; i++)
		if (r.items[i].status == MTKFW_CHECKSUM_MISMATCH || r.items[i].status == MTKFW_CHECKSUM_ZERO)
			cli_error(env, "%s: checksum of %s (%s) does not match", path, r.items[i].file, r.items[i].key);
		else if (r.items[i].status == MTKFW_CHECKSUM_UNREADABLE)
			cli_error(env, "%s", r.items[i].problem);
	/* A file that cannot be read is unreadable input (2); a sum that differs is a finding (1). */
	rc = r.unreadable ? EXIT_USAGE : r.mismatches ? EXIT_FINDING : EXIT_DONE;
	mtkfw_checksum_report_clear(&r);
	mtkfw_checksum_ini_free(ini);
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
	mtkfw_package *pkg = NULL;
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
	/* The package model: the same scatter and the same file per partition as check and flash. */
	if (mtkfw_package_open(&pkg, argv[optind]) != 0)
		rc = cli_fail(env);
	else
		rc = write ? do_write(env, pkg, v3) : do_verify(env, pkg, json);
	mtkfw_package_free(pkg);
	return rc;
}

const struct cli_command cli_cmd_checksum = {
	"checksum", run, CLI_JSON, "verify a package's Checksum.ini against its files, or write one",
	usage, options,
};
