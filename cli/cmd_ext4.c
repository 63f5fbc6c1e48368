/* mtkfw ext4: list folders and read files of ext4 images (raw or sparse), no mounting. */
#include "cli.h"
#include "cli_sub.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const usage[] = {
	"mtkfw ext4 ls IMAGE PATH [--offset N] [--json]",
	"mtkfw ext4 cat IMAGE PATH [--offset N]",
	"mtkfw ext4 extract IMAGE PATH OUT [--offset N] [--force] [--json]",
	NULL,
};

static const char options[] =
	"  ls                 list a folder (or show one entry) of the image\n"
	"  cat                write a file of the image to stdout\n"
	"  extract            copy folder PATH (its contents) or file PATH into a new folder\n"
	"                     OUT, whole or not at all (made beside OUT, then renamed); links,\n"
	"                     devices and fifos are listed, never created\n"
	"  --force            extract: replace an OUT that exists and is not empty\n"
	"  --offset N         the file system starts N bytes into IMAGE (USRDATA in a full dump\n"
	"                     of the user area: its start from `mtkfw layout`)\n"
	"  --json             ls, extract: JSON on stdout (extract: the manifest)\n"
	"IMAGE is a raw ext4 image or an Android sparse image; PATH starts at the image's root.\n";

/* Names are bytes: JSON needs UTF-8, so other bytes become U+FFFD rather than vanish. */
/* Text output escapes control bytes so a hostile name cannot drive the terminal. */
static void print_name(const char *s)
{
	cli_put_name(stdout, s);
}

static void mode_string(const mtkfw_ext4_entry *e, char out[11])
{
	static const char types[] = "?-dlcbps";
	static const char rwx[] = "rwxrwxrwx";

	out[0] = types[e->type];
	for (int i = 0; i < 9; i++)
		out[1 + i] = (e->mode & (0400u >> i)) ? rwx[i] : '-';
	if (e->mode & 04000)
		out[3] = (e->mode & 0100) ? 's' : 'S';
	if (e->mode & 02000)
		out[6] = (e->mode & 010) ? 's' : 'S';
	if (e->mode & 01000)
		out[9] = (e->mode & 01) ? 't' : 'T';
	out[10] = 0;
}

static void ls_text(const mtkfw_ext4_dir *d)
{
	for (size_t i = 0; i < d->count; i++) {
		const mtkfw_ext4_entry *e = &d->entries[i];
		char mode[11], when[32] = "-";
		time_t t = (time_t)e->mtime;
		struct tm tm;

		mode_string(e, mode);
		if (gmtime_r(&t, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		printf("%s %3u %5u %5u %10llu %s ", mode, e->links, e->uid, e->gid, (unsigned long long)e->size, when);
		print_name(e->name);
		if (e->target) {
			printf(" -> ");
			print_name(e->target);
		}
		putchar('\n');
	}
}

static int to_stdout(const void *buf, size_t n, void *user)
{
	(void)user;
	return fwrite(buf, 1, n, stdout) == n ? 0 : -1;
}

/* What was copied: one line per entry left out, a summary; or the whole manifest as JSON. */
static void extract_render(const char *image, const char *path, const char *out, const mtkfw_ext4_tree *t, bool json)
{
	size_t files = 0;

	if (json) {
		char *doc = NULL;

		if (mtkfw_json_ext4_extract(&doc, image, path, out, t) == 0)
			cli_json_print_text(doc);
		free(doc);
		return;
	}
	for (size_t i = 0; i < t->count; i++)
		files += t->nodes[i].type == MTKFW_EXT4_FILE && !t->nodes[i].skipped[0];
	for (size_t i = 0; i < t->count; i++) {
		const mtkfw_ext4_node *n = &t->nodes[i];

		if (n->skipped[0]) {
			printf("skipped   %-10s ", n->skipped);
			print_name(n->path);
			putchar('\n');
		} else if (n->type != MTKFW_EXT4_FILE && n->type != MTKFW_EXT4_DIR && !n->linked) {
			printf("not made  %-10s ", mtkfw_ext4_type_name(n->type));
			print_name(n->path);
			putchar('\n');
		}
	}
	printf("extracted %zu entries (%zu files, %llu bytes) to %s%s\n", t->count, files,
	       (unsigned long long)t->bytes, out, t->truncated ? "; the entry limit cut the copy short" : "");
}

static int extract(struct cli_env *env, mtkfw_ext4 *fs, char **argv, bool force, bool json)
{
	struct mtkfw_ext4_extract_opts o = { .version = 1, .force = force };
	mtkfw_ext4_tree t;
	bool partial = false;

	if (mtkfw_ext4_extract(&t, fs, argv[1], argv[2], &o, env->ctx) != 0)
		return cli_fail(env);
	extract_render(argv[0], argv[1], argv[2], &t, json);
	for (size_t i = 0; i < t.count; i++)
		partial |= t.nodes[i].skipped[0] != 0;
	partial |= t.truncated;
	/* What was left out is a finding: the copy is not the whole of PATH. */
	if (partial)
		cli_warn(env, "%s: not everything was copied (see the skipped entries)", argv[1]);
	mtkfw_ext4_tree_clear(&t);
	return partial ? EXIT_FINDING : EXIT_DONE;
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "offset", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum { LS, CAT, EXTRACT };
	static const struct cli_sub subs[] = { [LS] = { "ls", NULL }, [CAT] = { "cat", NULL },
					       [EXTRACT] = { "extract", NULL }, { NULL, NULL } };
	mtkfw_ext4 *fs;
	bool json = false, force = false;
	uint64_t offset = 0;
	int sub, c, rc;

	if ((sub = cli_subcommand(env, &argc, &argv, subs)) < 0)
		return EXIT_USAGE;
	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (c == '?')
			return EXIT_USAGE;
		if (c == 'j')
			json = true;
		if (c == 'f')
			force = true;
		if (c == 'o' && !cli_parse_size(env, "--offset", optarg, &offset))
			return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	if (argc != (sub == EXTRACT ? 3 : 2))
		return cli_usage_error(env, sub == EXTRACT ? "extract needs IMAGE, PATH and OUT" : "%s needs IMAGE and PATH",
				       subs[sub].name);
	if (json && sub == CAT)
		return cli_usage_error(env, "--json is for ls and extract");
	if (force && sub != EXTRACT)
		return cli_usage_error(env, "--force is for extract");
	if (mtkfw_ext4_open_at(&fs, argv[0], offset) != 0)
		return cli_fail(env);
	if (sub == EXTRACT) {
		rc = extract(env, fs, argv, force, json);
		mtkfw_ext4_free(fs);
		return rc;
	}
	if (sub == LS) {
		mtkfw_ext4_dir d;

		rc = mtkfw_ext4_list(&d, fs, argv[1]);
		if (!rc) {
			char *doc = NULL;

			if (json && !(rc = mtkfw_json_ext4_ls(&doc, argv[0], argv[1], &d)))
				cli_json_print_text(doc);
			else if (!json)
				ls_text(&d);
			free(doc);
			mtkfw_ext4_dir_clear(&d);
		}
	} else {
		rc = mtkfw_ext4_cat(fs, argv[1], to_stdout, NULL);
	}
	/* `mtkfw ext4 cat ... | head` closing the pipe is not an error worth a message. */
	if (rc == MTKFW_ERR_CANCELLED && ferror(stdout) && errno == EPIPE) {
		mtkfw_ext4_free(fs);
		return EXIT_FINDING;
	}
	if (rc) {
		rc = cli_fail(env);
		mtkfw_ext4_free(fs);
		return rc;
	}
	mtkfw_ext4_free(fs);
	return EXIT_DONE;
}

const struct cli_command cli_cmd_ext4 = {
	"ext4", run, CLI_JSON, "list folders, read files and extract trees of ext4 images (raw or sparse)", usage, options,
};
