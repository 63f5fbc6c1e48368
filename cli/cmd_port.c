/*
 * mtkfw port: make a sister board's firmware (BASE) fit this phone, as one checked step: the
 * plan (what comes from where, and why), the package built whole or not at all, and the proof
 * (check, and compat against the phone).
 */
#include "cli.h"
#include "device_cli.h"
#include "report.h"

#include <mtkfw/jobs.h>

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw port BASE --phone PHONE -o OUT [--keep LIST] [--take LIST] [--list FILE] [--db FILE] [--force] [--json]",
	"mtkfw port BASE --phone PHONE --dry-run [--keep LIST] [--take LIST] [--list FILE] [--db FILE] [--json]",
	"mtkfw port BASE --phone device [--port PORT] [--da FILE] (-o OUT | --dry-run) [--keep LIST] [--take LIST] [--list FILE] [--db FILE] [--force] [--json]",
	NULL,
};

static const char options[] =
	"BASE is the sister board's firmware package: a folder or its scatter, an archive (.zip, .7z,\n"
	".rar, .tar*) holding one, ARCHIVE!/member for one of several, or a package's id in the\n"
	"firmware library (mtkfw library list); from an archive only what the port reads is taken\n"
	"out, into a temporary folder beside OUT that is removed at the end. PHONE is the phone's\n"
	"readback or backup folder (mtkfw device readback/backup), the virtual phone's disk folder, or\n"
	"the phone's own stock package; \"device\" (or --port PORT) is the phone on the cable, whose\n"
	"boot area, PMT, partition tables, kept partitions and system are read (never written) into a\n"
	"temporary folder beside OUT, removed at the end.\n"
	"  --phone PHONE   the phone the port is for\n"
	"  -o, --out OUT   the package to write (whole or not at all)\n"
	"  --keep LIST     also take these from the phone: partitions and system paths, comma-separated\n"
	"                  (UBOOT,/etc/firmware/WMT.cfg); each must exist on the phone\n"
	"  --take LIST     take these from the base instead (entries of the keep-list: LOGO,/lib/modules)\n"
	"  --list FILE     a keep-list of your own instead of the default (data/port-keep.txt's form)\n"
	"  --port PORT     the phone's serial port (default: the first MediaTek port that appears)\n"
	"  --da FILE       the download agent (default: $MTKFW_DA, else $XDG_DATA_HOME/mtkfw/MTK_AllInOne_DA.bin)\n"
	"  --db FILE       the library a BASE id is looked up in (default: $MTKFW_LIBRARY, else\n"
	"                  $XDG_DATA_HOME/mtkfw/library.sqlite)\n"
	"  --dry-run       print the plan: each partition and system path, where it comes from and why\n"
	"  --force         replace an OUT that exists and is not empty\n"
	"  --json          {parts, system, boot, proof} as JSON on stdout\n"
	"Exit status: 0 the port is built and proven (check has no error; compat's dram, display,\n"
	"touch, camera, radio, layout and identity rows are ok), 1 built but not proven, 2 usage or\n"
	"unreadable input, 3 refused (a base system that does not fit, a non-empty OUT).\n";

static void plan_text(const mtkfw_port_plan *p)
{
	printf("port of %s onto %s\nlayout: %s, written as %s\n\npartitions:\n", p->base, p->phone, p->layout_from,
	       p->scatter_name);
	for (size_t i = 0; i < p->count; i++)
		printf("  %-10s %-6s %-22s %s\n", p->parts[i].name, mtkfw_port_source_name(p->parts[i].source),
		       p->parts[i].file ? p->parts[i].file : "-", p->parts[i].reason);
	printf("\nsystem image (%s):\n", mtkfw_port_source_name(p->system.source));
	for (size_t i = 0; i < p->system.count; i++)
		printf("  %-36s %-6s %s\n", p->system.paths[i].path, mtkfw_port_source_name(p->system.paths[i].source),
		       p->system.paths[i].reason);
	printf("  %-36s %-6s %s\n", "/", mtkfw_port_source_name(MTKFW_PORT_BASE), MTKFW_PORT_REST_REASON);
}

static void proof_text(const struct cli_env *env, const struct mtkfw_port_proof *pr, const char *out, const char *phone)
{
	printf("\nproof: mtkfw check %s\n", out);
	cli_findings_text(env, &pr->check);
	printf("%zu error%s, %zu warning%s, %zu note%s\n", pr->check.errors, pr->check.errors == 1 ? "" : "s",
	       pr->check.warnings, pr->check.warnings == 1 ? "" : "s", pr->check.infos, pr->check.infos == 1 ? "" : "s");
	printf("\nproof: mtkfw compat %s %s\n", out, phone);
	cli_risks_text(env, &pr->compat);
	printf("\n%s%s%s\n", cli_color(env, pr->ok ? CLI_GREEN : CLI_RED),
	       pr->ok ? "port proven: no check error; dram, display, touch, camera, radio, layout and identity ok"
		      : "port NOT proven",
	       cli_color(env, CLI_RESET));
}

/* The entries of a comma list (--keep, --take) added to `l`; empty ones are skipped. */
static bool add_names(struct cli_env *env, const char *opt, char *list, const char **store, struct mtkfw_name_list *l)
{
	char *save = NULL;

	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (l->count == MTKFW_KEEP_MAX) {
			cli_usage_error(env, "%s: more than %d entries", opt, MTKFW_KEEP_MAX);
			return false;
		}
		store[l->count++] = t;
	}
	l->names = store;
	return true;
}

static int run(int argc, char **argv, struct cli_env *env)
{
	enum { O_PHONE = 256, O_KEEP, O_TAKE, O_LIST, O_DRY, O_FORCE, O_JSON, O_DB, O_PORT, O_DA };
	static const struct option longopts[] = {
		{ "phone", required_argument, NULL, O_PHONE }, { "out", required_argument, NULL, 'o' },
		{ "keep", required_argument, NULL, O_KEEP },   { "take", required_argument, NULL, O_TAKE },
		{ "list", required_argument, NULL, O_LIST },   { "dry-run", no_argument, NULL, O_DRY },
		{ "force", no_argument, NULL, O_FORCE },       { "json", no_argument, NULL, O_JSON },
		{ "db", required_argument, NULL, O_DB },       { "port", required_argument, NULL, O_PORT },
		{ "da", required_argument, NULL, O_DA },
		{ NULL, 0, NULL, 0 },
	};
	static const char *keeps[MTKFW_KEEP_MAX], *takes[MTKFW_KEEP_MAX];
	struct mtkfw_port_job job = { .version = 1 };
	struct dev_opts dev = { .wait_ms = 60000 };
	const char *preloader_dirs[1], *db = NULL, *tmp = getenv("TMPDIR");
	struct mtkfw_job_outcome res;
	struct mtkfw_job_end end;
	char *lists[64];
	size_t nlists = 0;
	bool json = false;
	int c, rc = EXIT_USAGE;

	while ((c = cli_getopt(env, argc, argv, "o:", longopts)) != -1) {
		switch (c) {
		case O_PHONE: job.phone = optarg; break;
		case 'o': job.out = optarg; break;
		case O_LIST: job.keep_file = optarg; break;
		case O_DRY: job.dry_run = true; break;
		case O_FORCE: job.force = true; break;
		case O_DB: db = optarg; break;
		case O_PORT: dev.port = optarg; break;
		case O_DA: dev.da = optarg; break;
		case O_JSON: json = true; break;
		case O_KEEP:
		case O_TAKE:
			/* Each list is split where it is used: --keep and --take keep their order. */
			if (nlists == sizeof(lists) / sizeof(lists[0])) {
				cli_usage_error(env, "more than %zu --keep and --take options", nlists);
				goto out;
			}
			if (!(lists[nlists++] = strdup(optarg)) ||
			    !add_names(env, c == O_KEEP ? "--keep" : "--take", lists[nlists - 1], c == O_KEEP ? keeps : takes,
				       c == O_KEEP ? &job.keep : &job.take)) {
				rc = lists[nlists - 1] ? EXIT_USAGE : cli_fail(env);
				goto out;
			}
			break;
		default: goto out;
		}
	}
	if (optind + 1 != argc) {
		rc = cli_usage_error(env, optind < argc ? "one BASE only" : "give the BASE firmware");
		goto out;
	}
	if (!job.phone && dev.port)
		job.phone = "device";
	if ((dev.port || dev.da) && (!job.phone || strcmp(job.phone, "device") != 0)) {
		rc = cli_usage_error(env, "--port and --da are for a phone on the cable (--phone device)");
		goto out;
	}
	if (!job.phone || (!job.dry_run && !job.out) || (job.dry_run && (job.out || job.force))) {
		rc = cli_usage_error(env, !job.phone ? "give the phone with --phone PHONE"
					  : !job.dry_run ? "give OUT with -o OUT (or --dry-run to see the plan)"
							 : "--dry-run writes nothing: no -o OUT, no --force");
		goto out;
	}
	job.base = argv[optind];
	job.catalog = db ? db : env->defaults.library_file;
	/* A dry run has no OUT to put its temporary folders beside. */
	job.tmp_dir = job.dry_run && tmp && *tmp ? tmp : NULL;
	if (!strcmp(job.phone, "device")) {
		job.phone_on_cable = true;
		job.phone = NULL;
		dev.json = json;
		dev_connect(env, &dev, &job.connect, preloader_dirs);
	}
	mtkfw_job_port(&res, &job, env->ctx);
	/* A proof that does not hold is a finding: its line and exit code are mtkfw_job_end's. */
	rc = cli_job_end(env, &res, NULL, &end);
	if (end.report && json) {
		int p = cli_json_print_outcome(env, &res);

		rc = rc ? rc : p;
	} else if (end.report) {
		plan_text(res.port_plan);
		if (res.has_port_proof)
			proof_text(env, &res.port_proof, job.out, res.port_plan->phone);
	}
	mtkfw_job_outcome_clear(&res);
out:
	for (size_t i = 0; i < nlists; i++)
		free(lists[i]);
	return rc;
}

const struct cli_command cli_cmd_port = {
	.name = "port",
	.run = run,
	.flags = CLI_JSON,
	.summary = "make a sister board's firmware fit this phone: keep its board parts, prove the result",
	.usage = usage,
	.options = options,
};
