/*
 * mtkfw library: the shop's firmware catalogue. Which library (a file, or a PostgreSQL URI): --db, else
 * $MTKFW_LIBRARY, else $XDG_DATA_HOME/mtkfw/library.sqlite (the library reads no environment;
 * this file resolves it). Subcommands share one option parser; each says which options it
 * takes.
 */
#include "cli.h"
#include "cli_sub.h"
#include "library_cli.h"
#include "device_cli.h"
#include "report.h"

#include <mtkfw/catalog.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const usage[] = {
	"mtkfw library add [--db FILE] [--shop NAME] [--full-hash] [--json] PATH...",
	"mtkfw library list [--db FILE] [--json]",
	"mtkfw library search [--db FILE] [--json] TEXT...",
	"mtkfw library show [--db FILE] [--json] ID",
	"mtkfw library forget [--db FILE] ID",
	"mtkfw library check [--db FILE] [--shop NAME] [--json]",
	"mtkfw library match [--db FILE] [--shop NAME] [--board TEXT] [--cid HEX] [--limit N] [--all] [--json] TARGET",
	"mtkfw library match [--db FILE] [--shop NAME] [--board TEXT] [--limit N] [--all] [--json] [--port PATH] [--da FILE] [--preloader FILE] [--wait MS]",
	"mtkfw library label [--db FILE] [--json] ID TEXT...",
	"mtkfw library report [--db FILE] [--json] ID --phone TARGET --result booted|display-dead|no-radio|bootloop|dead [--cid HEX] [--note TEXT]",
	"mtkfw library export [--db FILE] [--force] FILE",
	"mtkfw library import [--db FILE] [--json] FILE",
	NULL,
};

static const char options[] =
	"Subcommands:\n"
	"  add         find every package under the PATHs (folders walked, archives read: .zip,\n"
	"              .7z, .rar, .tar*) and store its fingerprint; unchanged ones are not read\n"
	"              again, vanished ones are marked gone, bad ones recorded with their error\n"
	"  list        every package: id, state, platform, project, path, labels\n"
	"  search      the packages whose stored strings match every word of TEXT (a PCB label,\n"
	"              a project, a panel driver, a model; words match as prefixes)\n"
	"  show        one package: its fingerprint (as mtkfw profile), files, labels, outcomes\n"
	"  forget      remove a package and its labels and outcomes from the library\n"
	"  check       compare the library with the disk: packages changed, moved or gone\n"
	"  match       rank the packages for a phone: TARGET is what mtkfw compat takes (a\n"
	"              readback or backup folder, a saved profile, a package); hard gates\n"
	"              (platform, storage, the phone's eMMC in the preloader's EMI table, no\n"
	"              failed flash on this eMMC), then panel, touch and camera, radio, names,\n"
	"              ALPS branch and kernel, layout, outcomes; each with compat's verdict;\n"
	"              without TARGET, the phone on the cable (found as mtkfw device finds it,\n"
	"              or --port) is read: its chip, CID, boot1, PMT, lk, boot, logo, and the\n"
	"              system's build.prop and modem\n"
	"  label       attach a label read off the board (\"ZH-A516-MB-V1.0\") to a package:\n"
	"              searched like every other string, counted as a name by match\n"
	"  report      what happened when a package was flashed onto a phone (TARGET: what\n"
	"              was read of it, as for match); booted on distinct phones counts for a\n"
	"              package, a failure on a phone with the same eMMC vetoes it\n"
	"  export      write the library (fingerprints, hashes, labels, outcomes; no firmware\n"
	"              bytes) to FILE as versioned JSON lines, to share with another shop\n"
	"  import      read such a FILE: packages known here (same content hash) get its\n"
	"              labels and outcomes, the others are kept as imported\n"
	"\nOptions:\n"
	"  --db FILE   the library: a file, or a PostgreSQL connection string, a libpq URI\n"
	"              (postgresql://...) or keywords (\"host=... dbname=...\"); default:\n"
	"              $MTKFW_LIBRARY, else $XDG_DATA_HOME/mtkfw/library.sqlite\n"
	"  --shop NAME add, check, match: the shop this machine indexes for, in a library\n"
	"              several shops share (default: $MTKFW_SHOP, else the host name); a\n"
	"              match marks a package no copy of which is here \"at SHOP\"\n"
	"  --full-hash add: hash and sum every image whole (default: file system images and\n"
	"              images over 64 MiB by their size, first and last 64 KiB)\n"
	"  --board TEXT match: what the board says (a PCB label), compared with names\n"
	"  --cid HEX   match: the phone's eMMC CID (32 hex digits), over the target's\n"
	"  --limit N   match: how many candidates (default 10; every one with --all)\n"
	"  --all       match: also the packages that fail a gate, with the gate\n"
	"  --port, --da, --preloader, --wait\n"
	"              match on the phone on the cable: as for mtkfw device\n"
	"  --phone TARGET, --result RESULT, --note TEXT\n"
	"              report: the phone, what happened, a note\n"
	"  --force     export: replace an existing FILE\n"
	"  --json      the report as JSON on stdout; label and report: the package after\n"
	"              the write, as show prints it\n";

struct opts {
	const char *db, *shop;
	bool json, full_hash, force;
	char *db_path; /* resolved */
	/* match */
	const char *board;
	bool has_cid, all;
	uint8_t cid[16];
	uint64_t limit;
	/* report */
	const char *phone, *note;
	int result;
	/* match on the phone on the cable */
	struct dev_opts dev;
};

enum { O_DB = 256, O_JSON, O_FULL_HASH, O_BOARD, O_CID, O_LIMIT, O_ALL, O_PHONE, O_RESULT, O_NOTE, O_PORT, O_DA,
       O_PRELOADER, O_WAIT, O_FORCE, O_SHOP, O_LAST };

/* Which options a subcommand takes (bits of 1 << (O_x - O_DB)). */
#define BIT(o) (1u << ((o) - O_DB))

static int parse(struct cli_env *env, int argc, char **argv, struct opts *o, unsigned allowed, const char *sub)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, O_DB },
		{ "json", no_argument, NULL, O_JSON },
		{ "full-hash", no_argument, NULL, O_FULL_HASH },
		{ "board", required_argument, NULL, O_BOARD },
		{ "cid", required_argument, NULL, O_CID },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "all", no_argument, NULL, O_ALL },
		{ "phone", required_argument, NULL, O_PHONE },
		{ "result", required_argument, NULL, O_RESULT },
		{ "note", required_argument, NULL, O_NOTE },
		{ "port", required_argument, NULL, O_PORT },
		{ "da", required_argument, NULL, O_DA },
		{ "preloader", required_argument, NULL, O_PRELOADER },
		{ "wait", required_argument, NULL, O_WAIT },
		{ "force", no_argument, NULL, O_FORCE },
		{ "shop", required_argument, NULL, O_SHOP },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->shop = env->defaults.shop;
	o->result = -1;
	o->dev.wait_ms = 60000;
	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (c < O_DB || c >= O_LAST)
			return EXIT_USAGE;
		if (!(allowed & BIT(c)))
			return cli_usage_error(env, "%s is not an option of 'library %s'", argv[optind - 1], sub);
		switch (c) {
		case O_DB: o->db = optarg; break;
		case O_SHOP: o->shop = optarg; break;
		case O_JSON: o->json = true; break;
		case O_FULL_HASH: o->full_hash = true; break;
		case O_FORCE: o->force = true; break;
		case O_BOARD: o->board = optarg; break;
		case O_ALL: o->all = true; break;
		case O_CID:
			if (mtkfw_cid_parse(o->cid, optarg, strlen(optarg)) != 0)
				return cli_usage_error(env, "--cid: %s", mtkfw_error_last()->message);
			o->has_cid = true;
			break;
		case O_PHONE: o->phone = optarg; break;
		case O_PORT: o->dev.port = optarg; break;
		case O_DA: o->dev.da = optarg; break;
		case O_PRELOADER: o->dev.preloader = optarg; break;
		case O_WAIT:
			if (!cli_parse_size(env, "--wait", optarg, &o->dev.wait_ms))
				return EXIT_USAGE;
			if (o->dev.wait_ms > 3600000)
				return cli_usage_error(env, "--wait: at most 3600000 ms");
			o->dev.wait_set = true;
			break;
		case O_NOTE: o->note = optarg; break;
		case O_RESULT:
			if ((o->result = mtkfw_catalog_result_parse(optarg)) < 0)
				return cli_usage_error(env, "--result: booted, display-dead, no-radio, bootloop or dead");
			break;
		case O_LIMIT:
			if (!cli_parse_size(env, "--limit", optarg, &o->limit))
				return EXIT_USAGE;
			if (!o->limit || o->limit > 100000)
				return cli_usage_error(env, "--limit: from 1 to 100000");
			break;
		}
	}
	return 0;
}

/* The library the job opens: --db, else the usual one (`create`: its folder made). */
static int db_path(struct cli_env *env, struct opts *o, bool create)
{
	return (o->db_path = cli_library_path(env, o->db, create)) ? 0 : EXIT_USAGE;
}

/* Every subcommand's end: the library's name freed, the exit code passed on. */
static int done(struct opts *o, int rc)
{
	free(o->db_path);
	return rc;
}

static bool parse_id(struct cli_env *env, const char *s, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v <= 0) {
		cli_usage_error(env, "'%s' is not a package id (a number from 'library list')", s);
		return false;
	}
	*id = v;
	return true;
}

/* ---- add -------------------------------------------------------------------------------------- */

struct bar {
	bool tty;
	double last;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Folders walked, on a terminal only. */
static int draw(const char *stage, uint64_t done, uint64_t total, void *user)
{
	struct bar *b = user;
	double t = now_s();
	int pct = total ? (int)(done * 100 / total) : 0;

	if (!b->tty || (done < total && t - b->last < 0.1))
		return 0;
	b->last = t;
	fprintf(stderr, "\r%s [%-30.*s] %3d%% %" PRIu64 "/%" PRIu64 " folders", stage, pct * 30 / 100,
		"##############################", pct, done, total);
	if (done >= total)
		fputc('\n', stderr);
	return 0;
}

static int lib_add(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_add_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct mtkfw_job_end end;
	const struct mtkfw_catalog_add_report *r = &out.library_add;
	int failed = 0;
	struct bar bar = { env->stderr_tty && !env->quiet, 0 };
	const char *tmp = getenv("TMPDIR");
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_SHOP) | BIT(O_JSON) | BIT(O_FULL_HASH), "add");

	if (rc)
		return rc;
	if (optind >= argc)
		return cli_usage_error(env, "expected at least one PATH");
	if ((rc = db_path(env, &o, true)) != 0)
		return rc;
	job.db = o.db_path;
	job.shop = o.shop;
	job.paths.names = (const char *const *)argv + optind;
	job.paths.count = (size_t)(argc - optind);
	job.full_hash = o.full_hash;
	job.tmp_dir = tmp && *tmp ? tmp : NULL;
	if (bar.tty)
		mtkfw_ctx_set_progress(env->ctx, draw, &bar);
	mtkfw_job_library_add(&out, &job, env->ctx);
	if ((rc = cli_job_end(env, &out, NULL, &end)) != 0 && !end.report)
		goto out;
	if (o.json) {
		char *doc = NULL;

		if (mtkfw_json_catalog_add(&doc, r) != 0 || cli_json_print_text(doc) != 0)
			failed = cli_fail(env);
		free(doc);
	} else {
		for (size_t i = 0; i < r->package_count; i++) {
			const struct mtkfw_catalog_ref *p = &r->packages[i];

			if (p->change != MTKFW_CATALOG_UNCHANGED)
				printf("%-9s %6" PRId64 "  %-8s %-24s %s\n", mtkfw_catalog_change_name(p->change), p->id,
				       p->platform ? p->platform : "?", p->project ? p->project : "?", p->path);
		}
		for (size_t i = 0; i < r->failed_count; i++)
			printf("failed            %s\n                  %s\n", r->failed[i].path, r->failed[i].error);
		printf("added %zu, updated %zu, unchanged %zu, moved %zu, gone %zu, failed %zu\n", r->added, r->updated,
		       r->unchanged, r->moved, r->gone, r->failed_count);
		printf("read %.1f MiB of the packages' %.1f MiB on disk\n", (double)r->bytes_read / 1048576.0,
		       (double)r->bytes_on_disk / 1048576.0);
	}
	rc = failed ? failed : rc;
out:
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

/* ---- list, search ----------------------------------------------------------------------------- */

static void entries_text(const struct mtkfw_catalog_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_catalog_entry *e = &l->items[i];

		printf("%6" PRId64 "  %-8s %-8s %-24s %s", e->id, e->state, e->platform ? e->platform : "?",
		       e->project ? e->project : "?", e->path);
		for (size_t k = 0; k < e->label_count; k++)
			printf("%s%s", k ? ", " : "  [", e->labels[k]);
		printf("%s\n", e->label_count ? "]" : "");
		if (e->error)
			printf("        %s\n", e->error);
	}
}

static int list_or_search(int argc, char **argv, struct cli_env *env, bool search)
{
	struct mtkfw_library_search_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct mtkfw_job_end_opts eo = { 0 };
	struct mtkfw_job_end end;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_JSON), search ? "search" : "list");

	if (rc)
		return rc;
	if (search && optind >= argc)
		return cli_usage_error(env, "expected the TEXT to search for");
	if (!search && optind < argc)
		return cli_usage_error(env, "'library list' takes no arguments (search takes TEXT)");
	if ((rc = db_path(env, &o, false)) != 0)
		return rc;
	job.db = o.db_path;
	job.words.names = (const char *const *)argv + optind;
	job.words.count = (size_t)(argc - optind);
	mtkfw_job_library_search(&out, &job, env->ctx);
	eo.library_list = !search;
	/* A search that finds nothing is a finding (exit 1), as grep does. */
	if ((rc = cli_job_end(env, &out, &eo, &end)) != 0 && !end.report)
		goto out;
	if (o.json) {
		char *doc = NULL;

		if (mtkfw_json_catalog_list(&doc, &out.library_list) != 0 || cli_json_print_text(doc) != 0)
			rc = cli_fail(env);
		free(doc);
	} else {
		entries_text(&out.library_list);
	}
out:
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

static int lib_list(int argc, char **argv, struct cli_env *env)
{
	return list_or_search(argc, argv, env, false);
}

static int lib_search(int argc, char **argv, struct cli_env *env)
{
	return list_or_search(argc, argv, env, true);
}

/* ---- show ------------------------------------------------------------------------------------- */

/* show --json, and label and report --json after the write: one document for a package. */
static int package_json(const struct cli_env *env, const struct mtkfw_catalog_package *p)
{
	char *doc = NULL;
	int rc = 0;

	if (mtkfw_json_catalog_package(&doc, p) != 0 || cli_json_print_text(doc) != 0)
		rc = cli_fail(env);
	free(doc);
	return rc;
}

static void names_text(const char *label, const struct mtkfw_names *n)
{
	printf("  %-9s", label);
	for (size_t i = 0; i < n->count; i++)
		printf("%s%s", i ? ", " : " ", n->names[i]);
	printf("%s\n", n->count ? "" : " (none found)");
}

/* Where a package's content is held: "shop path" each, the shop "?" for a row from before
 * shops were recorded. */
static void shops_text(const struct mtkfw_catalog_holder *h, size_t n, const char *lead)
{
	for (size_t i = 0; i < n; i++)
		printf("%s%s %s\n", lead, h[i].shop ? h[i].shop : "?", h[i].path);
}

static void show_text(const struct mtkfw_catalog_package *p, const struct mtkfw_target *t)
{
	const struct mtkfw_profile *pr = t ? &t->profile : NULL;

	printf("id:        %" PRId64 "\npath:      %s\nkind:      %s\nstate:     %s\n", p->entry.id, p->entry.path,
	       p->entry.kind, p->entry.state);
	if (p->entry.error)
		printf("error:     %s\n", p->entry.error);
	if (pr) {
		printf("platform:  %s\nproject:   %s\nstorage:   %s\n", pr->platform ? pr->platform : "?",
		       pr->project ? pr->project : "?", pr->storage ? pr->storage : "?");
		if (pr->has_preloader && pr->preloader.has_emi) {
			printf("preloader: %s, EMI %s, %u entr%s\n", pr->preloader.emi.file_name, pr->preloader.emi.version,
			       pr->preloader.emi.count, pr->preloader.emi.count == 1 ? "y" : "ies");
			for (uint32_t i = 0; pr->preloader.emi.entries && i < pr->preloader.emi.count; i++) {
				const struct mtkfw_emi_entry *e = &pr->preloader.emi.entries[i];
				char *id = cli_hex(e->id, e->id_length <= MTKFW_EMI_ID_MAX ? e->id_length : MTKFW_EMI_ID_MAX);

				printf("  %2u  %-20s %-10s %-7s %4llu MiB\n", i, id && *id ? id : "-", e->maker ? e->maker : "?",
				       *e->product ? e->product : "-", (unsigned long long)(e->dram_size >> 20));
				free(id);
			}
		}
		if (pr->has_lk)
			names_text("lk LCM:", &pr->lk_lcm);
		if (pr->has_kernel) {
			printf("kernel:    %s\n", pr->kernel.version ? pr->kernel.version : "?");
			names_text("LCM:", &pr->kernel.lcm);
			names_text("touch:", &pr->kernel.touch);
			names_text("camera:", &pr->kernel.camera);
		}
		if (pr->has_build)
			printf("build:     %s %s (device %s, board %s), Android %s, %s\n", pr->build.brand ? pr->build.brand : "?",
			       pr->build.model ? pr->build.model : "?", pr->build.device ? pr->build.device : "?",
			       pr->build.board ? pr->build.board : "?", pr->build.version ? pr->build.version : "?",
			       pr->build.mtk_release ? pr->build.mtk_release : "?");
		if (pr->has_logo && pr->logo.width)
			printf("logo:      %ux%u\n", pr->logo.width, pr->logo.height);
		if (pr->has_layout)
			printf("layout:    %zu partitions\n", pr->layout->count);
	}
	if (t && t->has_cid) {
		char *cid = cli_hex(t->cid, 16);

		printf("eMMC CID:  %s\n", cid ? cid : "?");
		free(cid);
	}
	if (p->checksum)
		printf("Checksum.ini: %s\n", p->checksum);
	for (size_t i = 0; i < p->file_count; i++)
		printf("file:      %-28s %10" PRIu64 "  %s%s%s%s\n", p->files[i].rel, p->files[i].size,
		       p->files[i].sha256 ? p->files[i].sha256 : "-", p->files[i].sampled ? " (head+tail)" : "",
		       p->files[i].checksum ? " checksum " : "", p->files[i].checksum ? p->files[i].checksum : "");
	shops_text(p->shops, p->shop_count, "held:      ");
	for (size_t i = 0; i < p->entry.label_count; i++)
		printf("label:     %s\n", p->entry.labels[i]);
	for (size_t i = 0; i < p->outcome_count; i++)
		printf("outcome:   %s%s%s%s%s\n", p->outcomes[i].result, p->outcomes[i].phone_cid ? " on eMMC " : "",
		       p->outcomes[i].phone_cid ? p->outcomes[i].phone_cid : "", p->outcomes[i].note ? ": " : "",
		       p->outcomes[i].note ? p->outcomes[i].note : "");
}

static int lib_show(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_JSON), "show");

	if (rc)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(env, "expected one package ID");
	if (!parse_id(env, argv[optind], &job.id))
		return EXIT_USAGE;
	if ((rc = db_path(env, &o, false)) != 0)
		return rc;
	job.db = o.db_path;
	if (mtkfw_job_library_show(&out, &job, env->ctx) != 0) {
		rc = cli_fail(env);
		goto out;
	}
	if (o.json)
		rc = package_json(env, &out.library_package);
	else
		show_text(&out.library_package, out.has_target ? &out.target : NULL);
out:
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

/* ---- forget, check ---------------------------------------------------------------------------- */

static int lib_forget(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB), "forget");

	if (rc)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(env, "expected one package ID");
	if (!parse_id(env, argv[optind], &job.id))
		return EXIT_USAGE;
	if ((rc = db_path(env, &o, false)) != 0)
		return rc;
	job.db = o.db_path;
	if (mtkfw_job_library_forget(&out, &job, env->ctx) != 0)
		rc = cli_fail(env);
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}


static int lib_check(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	const struct mtkfw_catalog_check *c = &out.library_check;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_SHOP) | BIT(O_JSON), "check");

	if (rc)
		return rc;
	if (optind < argc)
		return cli_usage_error(env, "'library check' takes no arguments");
	if ((rc = db_path(env, &o, false)) != 0)
		return rc;
	job.db = o.db_path;
	job.shop = o.shop;
	if (mtkfw_job_library_check(&out, &job, env->ctx) != 0) {
		rc = cli_fail(env);
		goto out;
	}
	if (o.json) {
		char *doc = NULL;

		if (mtkfw_json_catalog_check(&doc, c) != 0 || cli_json_print_text(doc) != 0)
			rc = cli_fail(env);
		free(doc);
	} else {
		for (size_t i = 0; i < c->count; i++)
			printf("%6" PRId64 "  %-8s %s%s%s%s%s\n", c->items[i].id, mtkfw_catalog_disk_name(c->items[i].disk),
			       c->items[i].path, c->items[i].detail ? ": " : "", c->items[i].detail ? c->items[i].detail : "",
			       c->items[i].moved_to ? " -> " : "", c->items[i].moved_to ? c->items[i].moved_to : "");
		printf("%zu packages checked, %zu changed, moved or gone\n", c->checked, c->count);
	}
	if (!rc)
		rc = c->count ? EXIT_FINDING : EXIT_DONE;
out:
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

/* ---- match ------------------------------------------------------------------------------------ */

static void match_text(const struct cli_env *env, const struct mtkfw_target *t, const struct mtkfw_catalog_match *m)
{
	static const char *const colors[] = { CLI_GREEN, CLI_YELLOW, "", CLI_RED };
	const struct mtkfw_profile *p = &t->profile;
	char *cid = m->has_cid ? cli_hex(m->cid, 16) : NULL;

	printf("phone: %s, %s, eMMC %s%s%s%s, panel %s\n", p->platform ? p->platform : "platform unknown",
	       p->storage ? p->storage : "storage unknown", cid ? cid : "CID unknown", cid ? " (" : "",
	       cid ? (mtkfw_emmc_maker(m->cid[0]) ? mtkfw_emmc_maker(m->cid[0]) : "unknown maker") : "", cid ? ")" : "",
	       t->lcm ? t->lcm : p->has_lk && p->lk_lcm.count ? p->lk_lcm.names[0] : "unknown");
	free(cid);
	if (m->claims.summary)
		printf("%s\n", m->claims.summary);
	for (size_t i = 0; i < m->count; i++) {
		const struct mtkfw_catalog_candidate *c = &m->items[i];
		int v = c->compat.verdict;

		printf("%2d. %s%-6s%s #%" PRId64 " %s (%s)%s%s%s\n", c->rank, cli_color(env, colors[v > 3 ? 2 : v]),
		       mtkfw_verdict_name(v), cli_color(env, CLI_RESET), c->id, c->path, c->project ? c->project : "?",
		       c->gate_count ? "  [gated]" : "", c->elsewhere ? "  at " : "", c->elsewhere ? c->at_shop : "");
		if (c->elsewhere || c->shop_count > 1) /* one copy, here: nothing to add */
			shops_text(c->shops, c->shop_count, "      held: ");
		for (size_t k = 0; k < c->reason_count; k++)
			printf("      %s\n", c->reasons[k]);
	}
	printf("%zu of %zu packages passed the gates%s\n", m->considered, m->library,
	       m->count < m->considered ? "; the best shown (--limit)" : "");
}

static int lib_match(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_match_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct mtkfw_job_end end;
	const char *tmp = getenv("TMPDIR"), *dirs[1];
	struct opts o;
	int rc = parse(env, argc, argv, &o,
		       BIT(O_DB) | BIT(O_SHOP) | BIT(O_JSON) | BIT(O_BOARD) | BIT(O_CID) | BIT(O_LIMIT) | BIT(O_ALL) | BIT(O_PORT) |
			       BIT(O_DA) | BIT(O_PRELOADER) | BIT(O_WAIT),
		       "match");

	if (rc)
		return rc;
	if (argc - optind > 1)
		return cli_usage_error(env, "expected one TARGET (a readback or backup folder, a saved profile, a package), "
					    "or none for the phone on the cable");
	if (argc - optind == 1 && (o.dev.port || o.dev.da || o.dev.preloader || o.dev.wait_set))
		return cli_usage_error(env, "--port, --da, --preloader and --wait are for the phone on the cable (no TARGET)");
	if ((rc = db_path(env, &o, false)) != 0)
		return rc;
	job.db = o.db_path;
	job.shop = o.shop;
	job.target = argc - optind == 1 ? argv[optind] : NULL;
	if (!job.target) {
		o.dev.json = o.json;
		dev_connect(env, &o.dev, &job.connect, dirs);
		job.tmp_dir = tmp && *tmp ? tmp : NULL;
	}
	job.board = o.board;
	job.has_cid = o.has_cid;
	memcpy(job.cid, o.cid, 16);
	job.limit = (size_t)o.limit;
	job.all = o.all;
	mtkfw_job_library_match(&out, &job, env->ctx);
	/* Nothing that passes the gates: a finding (mtkfw_job_end). */
	if ((rc = cli_job_end(env, &out, NULL, &end)) != 0 && !end.report)
		goto out;
	if (o.json) {
		char *doc = NULL;

		if (mtkfw_json_catalog_match(&doc, &out.target, out.match_input, &out.library_match) != 0 ||
		    cli_json_print_text(doc) != 0)
			rc = cli_fail(env);
		free(doc);
	} else {
		match_text(env, &out.target, &out.library_match);
	}
out:
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

/* ---- label, report --------------------------------------------------------------------------- */

static int lib_label(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_label_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	char *text = NULL;
	size_t n = 0;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_JSON), "label");

	if (rc)
		return rc;
	if (argc - optind < 2)
		return cli_usage_error(env, "expected a package ID and the label's TEXT");
	if (!parse_id(env, argv[optind], &job.id))
		return EXIT_USAGE;
	for (int i = optind + 1; i < argc; i++)
		n += strlen(argv[i]) + 1;
	if (!(text = calloc(1, n + 1)))
		return EXIT_FINDING;
	for (int i = optind + 1; i < argc; i++) {
		if (i > optind + 1)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	if ((rc = db_path(env, &o, false)) != 0)
		goto out;
	job.db = o.db_path;
	job.text = text;
	if (mtkfw_job_library_label(&out, &job, env->ctx) != 0)
		rc = cli_fail(env);
	else if (o.json)
		rc = package_json(env, &out.library_package);
	mtkfw_job_outcome_clear(&out);
out:
	free(text);
	return done(&o, rc);
}

static int lib_report(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_report_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_JSON) | BIT(O_PHONE) | BIT(O_RESULT) | BIT(O_NOTE) | BIT(O_CID),
		       "report");

	if (rc)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(env, "expected one package ID");
	if (!parse_id(env, argv[optind], &job.id))
		return EXIT_USAGE;
	if (!o.phone || o.result < 0)
		return cli_usage_error(env, "report needs --phone TARGET and --result");
	if ((rc = db_path(env, &o, false)) != 0)
		return rc;
	job.db = o.db_path;
	job.phone = o.phone;
	job.result = o.result;
	job.note = o.note;
	job.has_cid = o.has_cid;
	memcpy(job.cid, o.cid, 16);
	if (mtkfw_job_library_report(&out, &job, env->ctx) != 0)
		rc = cli_fail(env);
	else if (o.json)
		rc = package_json(env, &out.library_package);
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

/* ---- export, import ------------------------------------------------------------------------- */

static int lib_export(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_file_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_FORCE), "export");

	if (rc)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(env, "expected the FILE to write");
	if ((rc = db_path(env, &o, false)) != 0)
		return rc;
	job.db = o.db_path;
	job.file = argv[optind];
	job.force = o.force;
	if (mtkfw_job_library_export(&out, &job, env->ctx) != 0)
		rc = cli_fail(env);
	else if (!env->quiet)
		fprintf(stderr, "%zu packages written to %s\n", out.library_exported, argv[optind]);
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

static int lib_import(int argc, char **argv, struct cli_env *env)
{
	struct mtkfw_library_file_job job = { .version = 1 };
	struct mtkfw_job_outcome out;
	const struct mtkfw_catalog_import_report *r = &out.library_import;
	struct opts o;
	int rc = parse(env, argc, argv, &o, BIT(O_DB) | BIT(O_JSON), "import");

	if (rc)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(env, "expected the FILE to read");
	if ((rc = db_path(env, &o, true)) != 0)
		return rc;
	job.db = o.db_path;
	job.file = argv[optind];
	if (mtkfw_job_library_import(&out, &job, env->ctx) != 0) {
		rc = cli_fail(env);
		goto out;
	}
	if (o.json) {
		char *doc = NULL;

		if (mtkfw_json_catalog_import(&doc, r) != 0 || cli_json_print_text(doc) != 0)
			rc = cli_fail(env);
		free(doc);
	} else {
		printf("%zu packages read: %zu known here, %zu added as imported; %zu labels and %zu outcomes added\n",
		       r->packages, r->known, r->added, r->labels, r->outcomes);
	}
out:
	mtkfw_job_outcome_clear(&out);
	return done(&o, rc);
}

static const struct cli_sub subcommands[] = {
	{ "add", lib_add },	  { "list", lib_list },	    { "search", lib_search },
	{ "show", lib_show },	  { "forget", lib_forget }, { "check", lib_check },
	{ "match", lib_match },	  { "label", lib_label },   { "report", lib_report },
	{ "export", lib_export }, { "import", lib_import }, { NULL, NULL },
};

static int run(int argc, char **argv, struct cli_env *env)
{
	int i = cli_subcommand(env, &argc, &argv, subcommands);

	return i < 0 ? EXIT_USAGE : subcommands[i].run(argc, argv, env);
}

const struct cli_command cli_cmd_library = {
	"library", run, CLI_JSON, "the firmware library: index packages, search them, find the one that fits a phone",
	usage, options,
};
