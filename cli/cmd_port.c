/*
 * mtkfw port: make a sister board's firmware (BASE) fit this phone, as one checked step: the
 * plan (what comes from where, and why), the package built whole or not at all, and the proof
 * (check, and compat against the phone).
 */
#include "cli.h"
#include "report.h"

#include <mtkfw/port.h>

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw port BASE --phone PHONE -o OUT [--keep LIST] [--take LIST] [--list FILE] [--force] [--json]",
	"mtkfw port BASE --phone PHONE --dry-run [--keep LIST] [--take LIST] [--list FILE] [--json]",
	NULL,
};

static const char options[] =
	"BASE is the sister board's firmware package (a folder or its scatter). PHONE is the phone's\n"
	"readback or backup folder (mtkfw device readback/backup), the virtual phone's disk folder, or\n"
	"the phone's own stock package.\n"
	"  --phone PHONE   the phone the port is for\n"
	"  -o, --out OUT   the package to write (whole or not at all)\n"
	"  --keep LIST     also take these from the phone: partitions and system paths, comma-separated\n"
	"                  (UBOOT,/etc/firmware/WMT.cfg); each must exist on the phone\n"
	"  --take LIST     take these from the base instead (entries of the keep-list: LOGO,/lib/modules)\n"
	"  --list FILE     a keep-list of your own instead of the default (data/port-keep.txt's form)\n"
	"  --dry-run       print the plan: each partition and system path, where it comes from and why\n"
	"  --force         replace an OUT that exists and is not empty\n"
	"  --json          {parts, system, boot, proof} as JSON on stdout\n"
	"Exit status: 0 the port is built and proven (check has no error; compat's dram, display,\n"
	"touch, camera, radio, layout and identity rows are ok), 1 built but not proven, 2 usage or\n"
	"unreadable input, 3 refused (a base system that does not fit, a non-empty OUT).\n";

static json_t *plan_json(const mtkfw_port_plan *p)
{
	json_t *parts = json_array(), *sys = json_array(), *boot = json_object(), *files = json_array(),
	       *dropped = json_array();

	for (size_t i = 0; i < p->count; i++)
		json_array_append_new(parts, json_pack("{s:s, s:s, s:o, s:s}", "partition", p->parts[i].name, "source",
						       mtkfw_port_source_name(p->parts[i].source), "file",
						       cli_json_str_or_null(p->parts[i].file), "reason", p->parts[i].reason));
	for (size_t i = 0; i < p->system.count; i++)
		json_array_append_new(sys, json_pack("{s:s, s:s, s:s}", "path", p->system.paths[i].path, "source",
						     mtkfw_port_source_name(p->system.paths[i].source), "reason",
						     p->system.paths[i].reason));
	json_array_append_new(sys, json_pack("{s:s, s:s, s:s}", "path", "/", "source", "base", "reason",
					     "everything not listed: the base's system"));
	for (size_t i = 0; i < p->boot.board_files.count; i++)
		json_array_append_new(files, json_string(p->boot.board_files.names[i]));
	for (size_t i = 0; i < p->boot.dropped.count; i++)
		json_array_append_new(dropped, json_string(p->boot.dropped.names[i]));
	json_object_set_new(boot, "source", json_string(mtkfw_port_source_name(p->boot.source)));
	json_object_set_new(boot, "kernel", json_string(p->boot.source == MTKFW_PORT_BASE ? "base" : "phone"));
	json_object_set_new(boot, "ramdisk", json_string(mtkfw_port_source_name(p->boot.ramdisk)));
	json_object_set_new(boot, "phone_android", cli_json_str_or_null(p->boot.phone_android));
	json_object_set_new(boot, "base_android", cli_json_str_or_null(p->boot.base_android));
	json_object_set_new(boot, "board", cli_json_str_or_null(p->boot.board));
	json_object_set_new(boot, "board_files", files);
	json_object_set_new(boot, "dropped", dropped);
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "base", p->base, "phone", p->phone, "layout",
			 p->layout_from, "scatter", p->scatter_name, "parts", parts, "system", sys, "boot", boot);
}

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
	printf("  %-36s %-6s %s\n", "/", "base", "everything not listed: the base's system");
}

static json_t *proof_json(const struct mtkfw_port_proof *pr)
{
	json_t *failed = json_array();

	for (size_t i = 0; i < pr->failed_count; i++)
		json_array_append_new(failed, json_string(pr->failed[i]));
	return json_pack("{s:b, s:o, s:{s:b, s:o}, s:{s:s, s:o}}", "ok", pr->ok, "failed", failed, "check", "ok",
			 pr->check.errors == 0, "findings", cli_findings_json(&pr->check), "compat", "verdict",
			 mtkfw_verdict_name(pr->compat.verdict), "risks", cli_risks_json(&pr->compat));
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

/* Apply a comma list of --keep or --take entries to the list. */
static int edit_list(struct cli_env *env, mtkfw_keep_list *l, const char *items, bool keep)
{
	char *copy = strdup(items), *save = NULL;
	int rc = 0;

	if (!copy)
		return cli_fail(env);
	for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save))
		if ((keep ? mtkfw_keep_add(l, t, "named with --keep") : mtkfw_keep_take(l, t)) != 0) {
			/* A malformed entry, or one the list has not: the command line is wrong. */
			cli_fail(env);
			rc = EXIT_USAGE;
		}
	free(copy);
	return rc;
}

static int run(int argc, char **argv, struct cli_env *env)
{
	enum { O_PHONE = 256, O_KEEP, O_TAKE, O_LIST, O_DRY, O_FORCE, O_JSON };
	static const struct option longopts[] = {
		{ "phone", required_argument, NULL, O_PHONE }, { "out", required_argument, NULL, 'o' },
		{ "keep", required_argument, NULL, O_KEEP },   { "take", required_argument, NULL, O_TAKE },
		{ "list", required_argument, NULL, O_LIST },   { "dry-run", no_argument, NULL, O_DRY },
		{ "force", no_argument, NULL, O_FORCE },       { "json", no_argument, NULL, O_JSON },
		{ NULL, 0, NULL, 0 },
	};
	const char *phone = NULL, *out = NULL, *list = NULL;
	const char *keeps[32], *takes[32];
	size_t nkeep = 0, ntake = 0;
	bool dry = false, force = false, json = false;
	mtkfw_keep_list keep = { 0 };
	mtkfw_port_plan *plan = NULL;
	struct mtkfw_port_proof proof = { 0 };
	struct mtkfw_port_opts po = { .version = 1, .keep = &keep };
	struct mtkfw_port_build_opts bo = { .version = 1 };
	json_t *root;
	int c, rc;

	while ((c = cli_getopt(env, argc, argv, "o:", longopts)) != -1) {
		switch (c) {
		case O_PHONE: phone = optarg; break;
		case 'o': out = optarg; break;
		case O_LIST: list = optarg; break;
		case O_DRY: dry = true; break;
		case O_FORCE: force = true; break;
		case O_JSON: json = true; break;
		case O_KEEP:
		case O_TAKE:
			if ((c == O_KEEP ? nkeep : ntake) == 32)
				return cli_usage_error(env, "more than 32 --%s options", c == O_KEEP ? "keep" : "take");
			if (c == O_KEEP)
				keeps[nkeep++] = optarg;
			else
				takes[ntake++] = optarg;
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(env, optind < argc ? "one BASE only" : "give the BASE firmware");
	if (!phone)
		return cli_usage_error(env, "give the phone with --phone PHONE");
	if (!dry && !out)
		return cli_usage_error(env, "give OUT with -o OUT (or --dry-run to see the plan)");
	if (dry && (out || force))
		return cli_usage_error(env, "--dry-run writes nothing: no -o OUT, no --force");
	bo.force = force;
	if ((list ? mtkfw_keep_load(&keep, list) : mtkfw_keep_default(&keep)) != 0)
		return cli_fail(env);
	rc = 0;
	for (size_t i = 0; i < nkeep && !rc; i++)
		rc = edit_list(env, &keep, keeps[i], true);
	for (size_t i = 0; i < ntake && !rc; i++)
		rc = edit_list(env, &keep, takes[i], false);
	if (rc)
		goto out;
	if (mtkfw_port_plan_build(&plan, argv[optind], phone, &po, env->ctx) != 0) {
		rc = cli_fail(env);
		goto out;
	}
	if (!dry) {
		if (mtkfw_port_build(plan, out, &bo, env->ctx) != 0 || mtkfw_port_prove(&proof, out, phone, env->ctx) != 0) {
			rc = cli_fail(env);
			goto out;
		}
	}
	if (json) {
		root = plan_json(plan);
		json_object_set_new(root, "out", cli_json_str_or_null(out));
		json_object_set_new(root, "proof", dry ? json_null() : proof_json(&proof));
		cli_json_print(root);
	} else {
		plan_text(plan);
		if (!dry)
			proof_text(env, &proof, out, phone);
	}
	if (!dry && !proof.ok) {
		char rows[256] = "";
		size_t used = 0;

		for (size_t i = 0; i < proof.failed_count && used < sizeof(rows); i++)
			for (size_t k = 0; k < proof.compat.count; k++)
				if (!strcmp(proof.compat.risks[k].code, proof.failed[i]) && used < sizeof(rows))
					used += (size_t)snprintf(rows + used, sizeof(rows) - used, "%s%s %s", i ? ", " : "",
								 proof.failed[i],
								 mtkfw_risk_level_name(proof.compat.risks[k].level));
		cli_error(env, "%s: built, but not proven: %s%s%zu check error%s", out, rows, *rows ? "; " : "",
			  proof.check.errors, proof.check.errors == 1 ? "" : "s");
		rc = EXIT_FINDING;
	}
out:
	mtkfw_port_proof_clear(&proof);
	mtkfw_port_plan_free(plan);
	mtkfw_keep_list_clear(&keep);
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
