/* mtkfw info FILE: what a file is, and that format's main fields. */
#include "cli.h"
#include "modem_text.h"

#include <mtkfw/identify.h>
#include <mtkfw/image.h>

#include <string.h>
#include <sys/stat.h>

static const char *const usage[] = {
	"mtkfw info [--json] [--list] FILE",
	NULL,
};

static const char options[] =
	"      --json          the type and its fields as JSON on stdout\n"
	"      --list          also list a ramdisk's members (as cpio -tv would)\n";

static const char *type_char(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return "d";
	case S_IFLNK: return "l";
	case S_IFCHR: return "c";
	case S_IFBLK: return "b";
	case S_IFIFO: return "p";
	case S_IFSOCK: return "s";
	default: return "-";
	}
}

/* The members of a ramdisk: into the JSON object, or as text lines. */
static int list_members(struct cli_env *env, const char *path, json_t *o)
{
	struct mtkfw_ramdisk rd;
	json_t *arr = o ? json_array() : NULL;

	if (mtkfw_ramdisk_list_file(&rd, path)) {
		json_decref(arr);
		return cli_fail(env);
	}
	if (!o)
		printf("  members:\n");
	for (size_t i = 0; i < rd.count; i++) {
		const struct mtkfw_cpio_entry *e = &rd.entries[i];

		if (o) {
			json_t *m = json_object();

			json_object_set_new(m, "path", json_string(e->path));
			json_object_set_new(m, "type", json_string(type_char(e->mode)));
			json_object_set_new(m, "mode", cli_json_u64(e->mode & 07777));
			json_object_set_new(m, "uid", cli_json_u64(e->uid));
			json_object_set_new(m, "gid", cli_json_u64(e->gid));
			json_object_set_new(m, "size", cli_json_u64(e->size));
			json_object_set_new(m, "link", cli_json_str_or_null(e->link));
			json_array_append_new(arr, m);
		} else {
			printf("    %s%04o %5u %5u %9llu  ", type_char(e->mode), e->mode & 07777, e->uid, e->gid,
			       (unsigned long long)e->size);
			/* Names from the archive: never raw to the terminal. */
			cli_put_name(stdout, e->path);
			if (e->link) {
				fputs(" -> ", stdout);
				cli_put_name(stdout, e->link);
			}
			putchar('\n');
		}
	}
	if (o)
		json_object_set_new(o, "members_list", arr);
	mtkfw_ramdisk_clear(&rd);
	return EXIT_DONE;
}

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
	if (in->modem)
		json_object_set_new(o, "modem", cli_modem_json(in->modem));
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
		json_t *o = to_json(argv[optind], &info);

		if (list && is_ramdisk && (rc = list_members(env, argv[optind], o)) != EXIT_DONE) {
			json_decref(o);
		} else {
			cli_json_print(o);
		}
	} else {
		to_text(argv[optind], &info);
		if (list && is_ramdisk)
			rc = list_members(env, argv[optind], NULL);
	}
	mtkfw_info_clear(&info);
	return rc;
}

const struct cli_command cli_cmd_info = {
	"info", run, CLI_JSON, "identify a file: image, logo, ramdisk, preloader, scatter, ...", usage, options,
};
