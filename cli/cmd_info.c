/* mtkfw info FILE: what a file is, and that format's main fields. */
#include "cli.h"
#include "modem_text.h"

#include <mtkfw/identify.h>
#include <mtkfw/image.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const usage[] = {
	"mtkfw info [--json] [--list] FILE",
	NULL,
};

static const char options[] =
	"      --json          the type and its fields as JSON on stdout\n"
	"      --list          also list a ramdisk's members (as cpio -tv would)\n";

/* A ramdisk's members as text lines (cpio -tv's columns). */
static int list_members(struct cli_env *env, const char *path)
{
	static const char types[] = "pc-d-b---l-s"; /* ls's letter by the mode's type bits */
	struct mtkfw_ramdisk rd;

	if (mtkfw_ramdisk_list_file(&rd, path))
		return cli_fail(env);
	printf("  members:\n");
	for (size_t i = 0; i < rd.count; i++) {
		const struct mtkfw_cpio_entry *e = &rd.entries[i];
		unsigned t = (e->mode & S_IFMT) >> 12;

		printf("    %c%04o %5u %5u %9llu  ", t >= 1 && t <= 12 ? types[t - 1] : '-', e->mode & 07777, e->uid,
		       e->gid, (unsigned long long)e->size);
		/* Names from the archive: never raw to the terminal. */
		cli_put_name(stdout, e->path);
		if (e->link) {
			fputs(" -> ", stdout);
			cli_put_name(stdout, e->link);
		}
		putchar('\n');
	}
	mtkfw_ramdisk_clear(&rd);
	return EXIT_DONE;
}

/* The JSON is the library's (mtkfw_json_info), as /api/v1/info answers it. */
static int json_report(struct cli_env *env, const char *path, const struct mtkfw_info *in, bool list)
{
	struct mtkfw_ramdisk rd;
	char *doc = NULL;
	int rc;

	if (list && mtkfw_ramdisk_list_file(&rd, path))
		return cli_fail(env);
	rc = mtkfw_json_info(&doc, path, in, list ? &rd : NULL);
	if (list)
		mtkfw_ramdisk_clear(&rd);
	rc = rc ? cli_fail(env) : cli_json_print_text(doc) ? EXIT_FINDING : EXIT_DONE;
	free(doc);
	return rc;
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
	if (in->modem)
		cli_modem_text(in->modem);
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "list", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct mtkfw_info info;
	bool json = false, list = false, is_ramdisk;
	int c, rc = EXIT_DONE;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (c == 'j')
			json = true;
		else if (c == 'l')
			list = true;
		else
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cli_usage_error(env, "wants one FILE");
	if (mtkfw_identify(&info, argv[optind]))
		return cli_fail(env);
	is_ramdisk = !strcmp(info.type, "ramdisk");
	if (list && !is_ramdisk)
		cli_warn(env, "--list: a %s has no members to list", info.type);
	if (json) {
		rc = json_report(env, argv[optind], &info, list && is_ramdisk);
	} else {
		to_text(argv[optind], &info);
		if (list && is_ramdisk)
			rc = list_members(env, argv[optind]);
	}
	mtkfw_info_clear(&info);
	return rc;
}

const struct cli_command cli_cmd_info = {
	"info", run, CLI_JSON, "identify a file: image, logo, ramdisk, preloader, scatter, ...", usage, options,
};
