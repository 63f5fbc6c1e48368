/* mtkfw sparse: Android sparse images <-> raw images, and what a sparse image holds. */
#include "cli.h"
#include "cli_progress.h"
#include "cli_sub.h"

#include <string.h>

static const char *const usage[] = {
	"mtkfw sparse info IN [--json]",
	"mtkfw sparse expand IN OUT [--force]",
	"mtkfw sparse make IN OUT [--block-size N] [--force]",
	NULL,
};

static const char options[] =
	"  info               header, chunk counts and sizes of a sparse image\n"
	"  expand             sparse -> raw (don't-care becomes holes; CRCs are checked)\n"
	"  make               raw -> sparse (fill blocks and holes are not stored)\n"
	"  --json             info as JSON on stdout (with every chunk)\n"
	"  --block-size N     block size for make (default 4096; a multiple of 4 up to 64K)\n"
	"  --force            expand, make: replace an OUT that exists\n";

/* The header and counts: everything of the report but the chunk list. */
static json_t *info_json_head(const char *path, mtkfw_sparse *s)
{
	const mtkfw_sparse_header *h = mtkfw_sparse_get_header(s);
	mtkfw_sparse_stats st;
	json_t *root = json_object();

	mtkfw_sparse_get_stats(&st, s);
	json_object_set_new(root, "file", json_string(path));
	json_object_set_new(root, "major", json_integer(h->major));
	json_object_set_new(root, "minor", json_integer(h->minor));
	json_object_set_new(root, "block_size", cli_json_u64(h->blk_sz));
	json_object_set_new(root, "total_blocks", cli_json_u64(h->total_blks));
	json_object_set_new(root, "total_chunks", cli_json_u64(h->total_chunks));
	json_object_set_new(root, "image_checksum", cli_json_u64(h->image_checksum));
	json_object_set_new(root, "raw_size", cli_json_u64(mtkfw_sparse_raw_size(s)));
	json_object_set_new(root, "raw_chunks", cli_json_u64(st.raw_chunks));
	json_object_set_new(root, "fill_chunks", cli_json_u64(st.fill_chunks));
	json_object_set_new(root, "dont_care_chunks", cli_json_u64(st.dont_care_chunks));
	json_object_set_new(root, "crc32_chunks", cli_json_u64(st.crc_chunks));
	json_object_set_new(root, "raw_bytes", cli_json_u64(st.raw_bytes));
	json_object_set_new(root, "fill_bytes", cli_json_u64(st.fill_bytes));
	json_object_set_new(root, "dont_care_bytes", cli_json_u64(st.dont_care_bytes));
	return root;
}

static int chunk_json(const mtkfw_sparse_chunk *c, size_t i, void *user)
{
	FILE *f = user;

	fprintf(f, "%s\n    {\"type\": \"%s\", \"blocks\": %u, \"out_offset\": %llu, \"out_len\": %llu, \"in_offset\": %llu",
		i ? "," : "", mtkfw_sparse_chunk_type_name(c->type), c->blocks, (unsigned long long)c->out_offset,
		(unsigned long long)c->out_len, (unsigned long long)c->in_offset);
	if (c->type == MTKFW_SPARSE_FILL || c->type == MTKFW_SPARSE_CRC32)
		fprintf(f, ", \"value\": %u", c->value);
	fputc('}', f);
	return ferror(f) ? 1 : 0; /* stop: the dispatcher reports the failed stdout */
}

/*
 * The JSON report, streamed: a file may hold 4 million chunks, and a document tree of them
 * took gigabytes. The head is rendered by jansson (as every report), then the chunks are
 * written one by one as they are walked (one object a line), so memory stays flat. The
 * handle comes from mtkfw_sparse_open_headers: the walk re-reads the headers it checked.
 */
static int info_json(const struct cli_env *env, const char *path, mtkfw_sparse *s)
{
	json_t *root = info_json_head(path, s);
	char *head = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER), *end;
	int rc;

	json_decref(root);
	if (!head || !(end = strrchr(head, '}'))) {
		free(head);
		cli_error(env, "out of memory");
		return EXIT_FINDING;
	}
	/* "{ ...head keys...\n}": the closing brace comes after the chunks. */
	while (end > head && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	*end = 0;
	fputs(head, stdout);
	free(head);
	fputs(",\n  \"chunks\": [", stdout);
	/* A walk error (the file changed since the open) ends the document unfinished: the
	 * failure is on stderr and in the exit code. */
	if ((rc = mtkfw_sparse_each_chunk(s, chunk_json, stdout)) == 0)
		fputs(mtkfw_sparse_chunk_count(s) ? "\n  ]\n}\n" : "]\n}\n", stdout);
	if (rc < 0)
		return cli_fail(env);
	return EXIT_DONE; /* rc > 0: stdout failed, which the dispatcher reports */
}

static void info_text(const char *path, mtkfw_sparse *s)
{
	const mtkfw_sparse_header *h = mtkfw_sparse_get_header(s);
	mtkfw_sparse_stats st;

	mtkfw_sparse_get_stats(&st, s);
	printf("%s: Android sparse image v%u.%u\n", path, h->major, h->minor);
	printf("  block size      %u\n", h->blk_sz);
	printf("  blocks          %u (raw size %llu)\n", h->total_blks, (unsigned long long)mtkfw_sparse_raw_size(s));
	printf("  chunks          %u: %llu raw, %llu fill, %llu dont_care, %llu crc32\n", h->total_chunks,
	       (unsigned long long)st.raw_chunks, (unsigned long long)st.fill_chunks,
	       (unsigned long long)st.dont_care_chunks, (unsigned long long)st.crc_chunks);
	printf("  bytes           %llu raw, %llu fill, %llu dont_care\n", (unsigned long long)st.raw_bytes,
	       (unsigned long long)st.fill_bytes, (unsigned long long)st.dont_care_bytes);
	if (h->image_checksum)
		printf("  image checksum  0x%08x\n", h->image_checksum);
	else
		printf("  image checksum  none\n");
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "block-size", required_argument, NULL, 'b' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum { INFO, EXPAND, MAKE };
	static const struct cli_sub subs[] = {
		[INFO] = { "info", NULL }, [EXPAND] = { "expand", NULL }, [MAKE] = { "make", NULL }, { NULL, NULL },
	};
	bool json = false, have_bs = false, force = false;
	uint64_t bs = 4096;
	int sub, c, rc;

	if ((sub = cli_subcommand(env, &argc, &argv, subs)) < 0)
		return EXIT_USAGE;
	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (c == '?')
			return EXIT_USAGE;
		if (c == 'j')
			json = true;
		else if (c == 'f')
			force = true;
		else if (c == 'b') {
			if (!cli_parse_size(env, "--block-size", optarg, &bs))
				return EXIT_USAGE;
			have_bs = true;
		}
	}
	argc -= optind;
	argv += optind;
	if (sub == INFO) {
		mtkfw_sparse *s;

		if (argc != 1 || have_bs || force)
			return cli_usage_error(env, "info takes one image and no --block-size or --force");
		/* No chunk map: a report needs only the counts and one walk over the headers. */
		if (mtkfw_sparse_open_headers(&s, argv[0]) != 0)
			return cli_fail(env);
		rc = EXIT_DONE;
		if (json)
			rc = info_json(env, argv[0], s);
		else
			info_text(argv[0], s);
		mtkfw_sparse_free(s);
		return rc;
	}
	if (argc != 2)
		return cli_usage_error(env, "%s needs IN and OUT", subs[sub].name);
	if (json)
		return cli_usage_error(env, "--json is only for info");
	if ((rc = cli_check_output(env, argv[1], force)))
		return rc;
	cli_progress_on(env);
	if (sub == EXPAND) {
		if (have_bs)
			return cli_usage_error(env, "--block-size is only for make");
		rc = mtkfw_sparse_expand(argv[0], argv[1], env->ctx);
	} else {
		if (bs > UINT32_MAX)
			return cli_usage_error(env, "--block-size %llu is too large", (unsigned long long)bs);
		rc = mtkfw_sparse_make(argv[0], argv[1], (uint32_t)bs, env->ctx);
	}
	return rc ? cli_fail(env) : EXIT_DONE;
}

const struct cli_command cli_cmd_sparse = {
	"sparse", run, CLI_JSON, "Android sparse images: info, expand to raw, make from raw", usage, options,
};
