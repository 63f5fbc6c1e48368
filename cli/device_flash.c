/* `mtkfw device flash`: the pre-flight report, then the flash with its identity backup,
 * verification and journal. The decisions live in lib/device/flash_plan.c; this renders. */
#include "cli_progress.h"
#include "device_flash_cli.h"
#include "device_result.h"
#include "interrupt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int flash_take_opts(struct cli_env *env, int *argc, char **argv, struct flash_opts *f)
{
	static const struct {
		const char *name;
		bool arg;
	} known[] = { { "--mode", true }, { "--skip", true }, { "--backup", true }, { "--journal", true },
		      { "--resume", false }, { "--dry-run", false }, { "--include-identity", false } };
	int out = 1;

	memset(f, 0, sizeof(*f));
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i], *val = NULL;
		size_t k = 0, n;
		bool hit = false;

		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		for (; k < sizeof(known) / sizeof(known[0]); k++) {
			n = strlen(known[k].name);
			if (!strncmp(a, known[k].name, n) && (a[n] == 0 || (a[n] == '=' && known[k].arg))) {
				hit = true;
				if (known[k].arg) {
					if (a[n] == '=')
						val = a + n + 1;
					else if (i + 1 < *argc)
						val = argv[++i];
					else
						return cli_usage_error(env, "option '%s' needs a value", known[k].name);
				}
				break;
			}
		}
		if (!hit) {
			argv[out++] = argv[i];
			continue;
		}
		switch (k) {
		case 0: f->mode = val; break;
		case 1: f->skip = val; break;
		case 2: f->backup = val; break;
		case 3: f->journal = val; break;
		case 4: f->resume = true; break;
		case 5: f->dry_run = true; break;
		default: f->include_identity = true; break;
		}
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

int flash_phone_layout(struct cli_env *env, mtkfw_device *dev, const char *scatter, mtkfw_layout **out)
{
	int rc;

	*out = NULL;
	if (scatter) {
		if ((rc = mtkfw_scatter_load(out, scatter)) == 0 &&
		    (rc = mtkfw_layout_resolve(*out, mtkfw_device_info(dev)->user_size)) != 0) {
			mtkfw_layout_free(*out);
			*out = NULL;
		}
		return rc;
	}
	rc = mtkfw_device_read_pmt(out, dev, env->ctx);
	if (rc == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		return 0;
	}
	return rc;
}

/* Why no option lets a refused flash through, in words. */
static const char *blocked_words(int remedy)
{
	switch (remedy) {
	case MTKFW_REMEDY_OTHER_CHIP: return "this package is for another chip";
	case MTKFW_REMEDY_KEEP_SIZES: return "use a layout that keeps the identity partitions' sizes";
	default: return "fix the package";
	}
}

/* Append `a` then `b` to `buf` (of `n` bytes, holding `*k`) without running past it. */
static void add_words(char *buf, size_t n, size_t *k, const char *a, const char *b)
{
	int w = *k < n ? snprintf(buf + *k, n - *k, "%s%s", a, b) : 0;

	*k += w > 0 ? (size_t)w : 0;
}

/* What changes a refused plan's whole decision, in this command's words: the options, every
 * refusal's together (true), or why no option does (false). */
static bool change_words(const mtkfw_flash_plan *plan, char *buf, size_t n)
{
	const struct mtkfw_flash_change *c = &plan->change;
	size_t k = 0;

	buf[0] = '\0';
	if (!plan->findings.errors)
		return false;
	if (c->blocked != MTKFW_REMEDY_NONE) {
		snprintf(buf, n, "%s", blocked_words(c->blocked));
		return false;
	}
	if (c->skip)
		add_words(buf, n, &k, c->skip[0] ? "--skip " : "without --skip", c->skip);
	if (c->only)
		add_words(buf, n, &k, k ? " --only " : "--only ", c->only);
	if (c->mode >= 0)
		add_words(buf, n, &k, k ? " --mode " : "--mode ", mtkfw_flash_mode_name(c->mode));
	if (c->port)
		add_words(buf, n, &k, k ? " " : "",
			  "(that keeps the phone's own lk and kernel; or port the package onto them first: mtkfw port)");
	return k > 0;
}

static json_t *change_json(const mtkfw_flash_plan *plan)
{
	const struct mtkfw_flash_change *c = &plan->change;

	if (!plan->findings.errors)
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:b, s:o}", "skip", cli_json_str_or_null(c->skip), "only",
			 cli_json_str_or_null(c->only), "mode",
			 c->mode >= 0 ? json_string(mtkfw_flash_mode_name(c->mode)) : json_null(), "port", c->port,
			 "blocked", c->blocked ? json_string(mtkfw_flash_remedy_name(c->blocked)) : json_null());
}

static json_t *refusal_json(const struct mtkfw_flash_refusal *r)
{
	json_t *j, *parts;

	if (r->remedy == MTKFW_REMEDY_NONE)
		return json_null();
	j = json_object();
	parts = json_array();
	for (size_t i = 0; i < r->part_count; i++)
		json_array_append_new(parts, json_string(r->parts[i]));
	json_object_set_new(j, "code", json_string(r->code));
	json_object_set_new(j, "remedy", json_string(mtkfw_flash_remedy_name(r->remedy)));
	json_object_set_new(j, "partitions", parts);
	return j;
}

static void render_json(const mtkfw_flash_plan *plan, const struct device_result *r)
{
	json_t *root = json_object(), *fs = json_array(), *steps = json_array();
	char *cid = cli_hex(plan->cid, 16), words[1024];

	change_words(plan, words, sizeof(words));
	json_object_set_new(root, "package", json_string(plan->package));
	json_object_set_new(root, "mode", json_string(mtkfw_flash_mode_name(plan->mode)));
	json_object_set_new(root, "cid", cli_json_str_or_null(cid));
	json_object_set_new(root, "refused", json_boolean(plan->findings.errors > 0));
	json_object_set_new(root, "remedy", words[0] ? json_string(words) : json_null());
	json_object_set_new(root, "refusal", refusal_json(&plan->refusal));
	json_object_set_new(root, "change", change_json(plan));
	json_object_set_new(root, "layout_changed", json_boolean(plan->layout_changed));
	for (size_t i = 0; i < plan->findings.count; i++) {
		const struct mtkfw_finding *f = &plan->findings.items[i];
		json_t *j = json_object();

		json_object_set_new(j, "severity", json_string(mtkfw_severity_name(f->severity)));
		json_object_set_new(j, "code", json_string(f->code));
		json_object_set_new(j, "partition", cli_json_str_or_null(f->partition));
		json_object_set_new(j, "message", json_string(f->message));
		json_array_append_new(fs, j);
	}
	for (size_t i = 0; i < plan->count; i++) {
		static const char *const kinds[] = { "erase", "write", "restore" };
		const struct mtkfw_flash_step *st = &plan->steps[i];
		json_t *j = json_object();
		char *sha = cli_hex(st->sha256, 32);

		json_object_set_new(j, "kind", json_string(kinds[st->kind]));
		json_object_set_new(j, "name", json_string(st->name));
		json_object_set_new(j, "area", json_string(mtkfw_area_name(st->area)));
		json_object_set_new(j, "offset", cli_json_u64(st->offset));
		json_object_set_new(j, "length", cli_json_u64(st->length));
		json_object_set_new(j, "file", cli_json_str_or_null(st->path));
		json_object_set_new(j, "sparse", json_boolean(st->sparse));
		json_object_set_new(j, "erased", json_boolean(st->erased));
		json_object_set_new(j, "boot1_headers", json_boolean(st->boot1_wrap));
		json_object_set_new(j, "payload", cli_json_u64(st->payload));
		json_object_set_new(j, "sha256", st->kind == MTKFW_STEP_WRITE ? cli_json_str_or_null(sha) : json_null());
		json_object_set_new(j, "state", json_string(mtkfw_step_state_name(st->state)));
		json_array_append_new(steps, j);
		free(sha);
	}
	json_object_set_new(root, "findings", fs);
	json_object_set_new(root, "steps", steps);
	json_object_set_new(root, "total_bytes", cli_json_u64(plan->total_bytes));
	device_result_json(root, r);
	cli_json_print(root);
	free(cid);
}

/* compat's rows in the pre-flight (lib/device/flash_parts.c): shown even when ok. */
static bool is_part_rule(const char *code)
{
	return !strcmp(code, "display") || !strcmp(code, "touch") || !strcmp(code, "camera") || !strcmp(code, "radio");
}

static void render_text(const mtkfw_flash_plan *plan, bool steps)
{
	char *cid = cli_hex(plan->cid, 16);

	printf("pre-flight: %s, --mode %s, phone eMMC %s\n", plan->package, mtkfw_flash_mode_name(plan->mode),
	       cid ? cid : "?");
	for (size_t i = 0; i < plan->findings.count; i++) {
		const struct mtkfw_finding *f = &plan->findings.items[i];

		if (f->severity == MTKFW_SEV_INFO && strcmp(f->code, "layout-changed") && strcmp(f->code, "preloader-emi-ok") &&
		    !is_part_rule(f->code))
			continue; /* check's notes about unticked partitions: `mtkfw check` shows them */
		printf("  %-7s %-18s %-10s %s\n", mtkfw_severity_name(f->severity), f->code, f->partition ? f->partition : "-",
		       f->message);
	}
	printf("  %zu %s, %zu %s\n", plan->findings.errors, cli_plural(plan->findings.errors, "error", "errors"),
	       plan->findings.warnings, cli_plural(plan->findings.warnings, "warning", "warnings"));
	if (steps) {
		printf("plan: %zu steps, %llu bytes to send\n", plan->count, (unsigned long long)plan->total_bytes);
		for (size_t i = 0; i < plan->count; i++) {
			const struct mtkfw_flash_step *st = &plan->steps[i];
			static const char *const kinds[] = { "erase", "write", "restore" };

			printf("  %-7s %-12s %-5s 0x%09llx %11llu%s%s%s\n", kinds[st->kind], st->name, mtkfw_area_name(st->area),
			       (unsigned long long)st->offset, (unsigned long long)st->length,
			       st->sparse ? (st->erased ? "  sparse, DONT_CARE skipped" : "  sparse") : "",
			       st->boot1_wrap ? "  with EMMC_BOOT/BRLYT headers" : "",
			       st->state == MTKFW_STEP_VERIFIED ? "  (verified before)" : "");
		}
	}
	free(cid);
}

static void step_line(const struct mtkfw_flash_step *st, void *user)
{
	const struct cli_env *env = user;
	char *sha = cli_hex(st->sha256, 32);

	if (!env->quiet) {
		if (st->kind == MTKFW_STEP_ERASE)
			printf("erased    %-12s %llu bytes\n", st->name, (unsigned long long)st->length);
		else if (st->kind == MTKFW_STEP_RESTORE)
			printf("restored  %-12s identity written back and read back equal\n", st->name);
		else
			printf("verified  %-12s %llu bytes, read back SHA-256 %.16s\n", st->name,
			       (unsigned long long)st->payload, sha ? sha : "?");
		fflush(stdout);
	}
	free(sha);
}

int device_flash(int argc, char **argv, struct cli_env *env)
{
	struct flash_opts f;
	struct dev_opts o;
	struct mtkfw_flash_opts po = { .version = 1 };
	mtkfw_package *pkg = NULL;
	mtkfw_device *dev = NULL;
	mtkfw_layout *table = NULL;
	mtkfw_flash_plan *plan = NULL;
	char *journal = NULL, *backup = NULL;
	struct mtkfw_backup *saved = NULL;
	struct device_result res = { .result = NULL };
	struct mtkfw_profile parts = { 0 };
	struct mtkfw_identity_proof proof;
	bool have_parts = false;
	int rc = flash_take_opts(env, &argc, argv, &f);

	if (rc || (rc = dev_parse(env, argc, argv, &o)))
		return rc;
	if (optind != argc - 1)
		return cli_usage_error(env, "give the package (a folder or its scatter file)");
	if (o.all || o.range || o.area || o.partitions || o.scatter || f.include_identity)
		return cli_usage_error(env, "flash takes --mode, --only, --skip, --resume, --dry-run and the connection options");
	if ((po.mode = mtkfw_flash_mode_parse(f.mode ? f.mode : "download")) < 0)
		return cli_usage_error(env, "--mode: download, upgrade or format-all");
	po.only = o.only;
	po.skip = f.skip;
	/* Everything that can fail without the phone fails first. */
	if (mtkfw_package_open(&pkg, argv[optind]) != 0)
		return cli_fail(env);
	if (!o.package) {
		const struct mtkfw_package_file *pl = mtkfw_package_file(pkg, NULL, MTKFW_KIND_PRELOADER);

		o.package = pkg->dir;
		/* DRAM is set up with the preloader this package would flash, wherever check found it. */
		o.package_preloader = pl ? pl->path : NULL;
	}
	cli_progress_lines(env);
	rc = dev_open(env, &o, true, &dev);
	if (!rc)
		rc = flash_phone_layout(env, dev, NULL, &table);
	if (!rc)
		rc = mtkfw_layout_resolve(pkg->layout, mtkfw_device_info(dev)->user_size);
	/* What the phone runs where lk and the kernel would go, read before anything is decided. */
	if (!rc && !(rc = mtkfw_flash_read_phone_parts(&parts, dev, pkg, &po, table ? table : pkg->layout, env->ctx)))
		have_parts = true;
	if (!rc) {
		const struct mtkfw_device_info *in = mtkfw_device_info(dev);
		struct mtkfw_flash_phone ph = { .chip = in->chip, .user_size = in->user_size, .boot1_size = in->boot1_size,
						.table = table, .parts = &parts };

		memcpy(ph.cid, in->cid, 16);
		rc = mtkfw_flash_plan_build(&plan, pkg, &ph, &po, env->ctx);
	}
	if (rc) {
		rc = cli_fail(env);
		goto out;
	}
	if (f.journal)
		journal = strdup(f.journal);
	else if ((rc = mtkfw_flash_journal_path(&journal, plan->cid))) {
		rc = cli_fail(env);
		goto out;
	}
	if (!plan->findings.errors && f.resume) {
		rc = mtkfw_flash_journal_apply(plan, journal, &backup);
		if (rc == MTKFW_ERR_NOTFOUND) {
			/* Interrupted before its first step was recorded: nothing to skip, start afresh. */
			if (!env->quiet)
				cli_warn(env, "no journal at %s: flashing from the start", journal);
			mtkfw_error_clear();
			rc = 0;
		} else if (rc) {
			rc = cli_fail(env);
			goto out;
		}
	}
	if (!o.json) {
		render_text(plan, true);
		fflush(stdout); /* the report before any message on stderr */
	}
	if (plan->findings.errors) {
		char words[1024];
		bool option = change_words(plan, words, sizeof(words));

		if (o.json)
			render_json(plan, &(struct device_result){ .result = "refused" });
		/* Every refusal's option together: a flash refused twice is let through by both. */
		cli_error(env, "refused before any write (%zu pre-flight %s, first: %s); %s%s", plan->findings.errors,
			  cli_plural(plan->findings.errors, "error", "errors"),
			  plan->refusal.code[0] ? plan->refusal.code : "?",
			  option ? "what changes the decision: " : "no option changes it: ", words[0] ? words : "fix the package");
		rc = EXIT_UNSAFE;
		goto out;
	}
	if (f.dry_run) {
		if (o.json)
			render_json(plan, &(struct device_result){ .result = "dry-run" });
		goto out;
	}
	if (!backup) {
		if (f.backup)
			backup = strdup(f.backup);
		else if ((rc = mtkfw_backup_default_dir(&backup, plan->cid))) {
			rc = cli_fail(env);
			goto out;
		}
	}
	if (!o.json && !env->quiet) {
		printf("identity backup: %s\njournal: %s\n", backup, journal);
		fflush(stdout);
	}
	{
		struct mtkfw_flash_run_opts ro = { .version = 1, .journal = journal, .backup_dir = backup,
						   .phone_layout = table ? NULL : pkg->layout,
						   .package_layout = pkg->layout, .step_done = o.json ? NULL : step_line,
						   .user = env };

		rc = mtkfw_flash_run(dev, plan, &ro, env->ctx);
	}
	res.backup = backup;
	device_result_take_fault(&res, dev);
	/* An erase is checked by position: its step names it. */
	for (size_t i = 0; res.fault.kind && !res.fault.partition[0] && i < plan->count; i++) {
		const struct mtkfw_flash_step *st = &plan->steps[i];

		if (st->area == res.fault.area && st->offset == res.fault.offset && st->length == res.fault.length)
			snprintf(res.fault.partition, sizeof(res.fault.partition), "%s", st->name);
	}
	if (rc && mtkfw_error_last()->code == MTKFW_ERR_CANCELLED && cli_interrupted()) {
		/* Stopped by a signal at a packet boundary: the journal says what is verified. */
		fflush(stdout);
		rc = cli_fail_status(env, MTKFW_ERR_CANCELLED, "interrupted between two packets; finish with the same "
				     "command and --resume (journal %s, identity backup %s)", journal, backup);
		if (o.json)
			render_json(plan, &(struct device_result){ .result = "interrupted", .backup = backup });
		goto out;
	}
	if (rc) {
		bool worn = mtkfw_error_last()->code == MTKFW_ERR_READONLY;

		fflush(stdout);
		rc = cli_fail(env);
		/* What was done so far, the fault and the backup are data for a script too. */
		res.result = "failed";
		if (mtkfw_backup_load(&saved, backup) != 0)
			mtkfw_error_clear(); /* stopped before the backup was made: nothing to show */
		res.saved = saved;
		if (o.json)
			render_json(plan, &res);
		else if (!env->quiet)
			device_result_text(&res);
		if (!env->quiet && worn)
			fprintf(stderr, "note: the identity backup is in %s; the journal is kept, but --resume cannot help "
				"until the eMMC takes writes: read out what it holds, then replace it\n", backup);
		else if (!env->quiet)
			fprintf(stderr, "note: the identity backup is in %s; finish with the same command and --resume\n",
				backup);
		goto out;
	}
	res.result = "flashed";
	if (mtkfw_backup_load(&saved, backup) != 0)
		mtkfw_error_clear(); /* the flash is done; a report without the tree is still true */
	res.saved = saved;
	/* The identity read back where the package's layout now puts it, against the backup. */
	if (saved && (rc = device_identity_prove(env, &res, &proof, dev, saved, pkg->layout, NULL)))
		res.result = "failed";
	if (o.json) {
		render_json(plan, &res);
	} else if (!env->quiet) {
		printf("flashed: every written range read back equal; identity backup in %s\n", backup);
		device_tree_text(saved);
	}
	if (!rc)
		rc = device_identity_verdict(env, &res, false, o.json);
out:
	if (have_parts)
		mtkfw_profile_free(&parts);
	mtkfw_backup_free(saved);
	free(journal);
	free(backup);
	mtkfw_flash_plan_free(plan);
	mtkfw_layout_free(table);
	mtkfw_device_close(dev);
	mtkfw_package_free(pkg);
	return rc;
}
