/* The device jobs' documents: flash (plan, pre-flight, outcome), format and erase, restore,
 * reboot. */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <stdio.h>

bool mtkfw_refusal_option(char *buf, size_t n, const struct mtkfw_flash_refusal *r)
{
	char parts[MTKFW_REFUSAL_PARTS * MTKFW_PART_NAME_MAX] = "";

	for (size_t i = 0, used = 0; i < r->part_count && used < sizeof(parts); i++)
		used += (size_t)snprintf(parts + used, sizeof(parts) - used, "%s%s", i ? "," : "", r->parts[i]);
	switch (r->remedy) {
	case MTKFW_REMEDY_SKIP:
		snprintf(buf, n, "--skip %s", parts);
		return true;
	case MTKFW_REMEDY_SKIP_OR_PORT:
		snprintf(buf, n, "--skip %s (keep the phone's own lk and kernel), or port the package onto the phone's lk "
			 "and kernel first (mtkfw port)", parts);
		return true;
	case MTKFW_REMEDY_MODE_UPGRADE:
		snprintf(buf, n, "--mode upgrade");
		return true;
	case MTKFW_REMEDY_WRITE_TOO:
		snprintf(buf, n, "write %s too: drop it from --skip (or add it to --only)", parts);
		return true;
	case MTKFW_REMEDY_INCLUDE_IDENTITY:
		snprintf(buf, n, "--include-identity");
		return true;
	case MTKFW_REMEDY_FIX_PACKAGE:
		snprintf(buf, n, "fix the package");
		return false;
	case MTKFW_REMEDY_OTHER_CHIP:
		snprintf(buf, n, "this package is for another chip");
		return false;
	case MTKFW_REMEDY_KEEP_SIZES:
		snprintf(buf, n, "use a layout that keeps the identity partitions' sizes");
		return false;
	default:
		if (n)
			buf[0] = '\0';
		return false;
	}
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

bool mtkfw_flash_change_option(char *buf, size_t n, const mtkfw_flash_plan *plan)
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

static json_t *change(const mtkfw_flash_plan *plan)
{
	const struct mtkfw_flash_change *c = &plan->change;
	json_t *j;

	if (!plan->findings.errors)
		return json_null();
	j = json_object();
	json_object_set_new(j, "skip", mtkfw_json_text(c->skip));
	json_object_set_new(j, "only", mtkfw_json_text(c->only));
	json_object_set_new(j, "mode", c->mode >= 0 ? json_string(mtkfw_flash_mode_name(c->mode)) : json_null());
	json_object_set_new(j, "port", json_boolean(c->port));
	json_object_set_new(j, "blocked", c->blocked ? json_string(mtkfw_flash_remedy_name(c->blocked)) : json_null());
	return j;
}

static json_t *refusal(const struct mtkfw_flash_refusal *r)
{
	json_t *j, *parts;

	if (r->remedy == MTKFW_REMEDY_NONE)
		return json_null();
	j = json_object();
	parts = json_array();
	for (size_t i = 0; i < r->part_count; i++)
		json_array_append_new(parts, mtkfw_json_text(r->parts[i]));
	json_object_set_new(j, "code", mtkfw_json_text(r->code));
	json_object_set_new(j, "remedy", json_string(mtkfw_flash_remedy_name(r->remedy)));
	json_object_set_new(j, "partitions", parts);
	return j;
}

static json_t *step(const struct mtkfw_flash_step *st)
{
	json_t *j = json_object();

	json_object_set_new(j, "kind", json_string(mtkfw_step_kind_name(st->kind)));
	json_object_set_new(j, "name", mtkfw_json_text(st->name));
	json_object_set_new(j, "area", json_string(mtkfw_area_name(st->area)));
	json_object_set_new(j, "offset", mtkfw_json_u64(st->offset));
	json_object_set_new(j, "length", mtkfw_json_u64(st->length));
	json_object_set_new(j, "file", mtkfw_json_text(st->path));
	json_object_set_new(j, "sparse", json_boolean(st->sparse));
	json_object_set_new(j, "erased", json_boolean(st->erased));
	json_object_set_new(j, "boot1_headers", json_boolean(st->boot1_wrap));
	json_object_set_new(j, "payload", mtkfw_json_u64(st->payload));
	json_object_set_new(j, "sha256", st->kind == MTKFW_STEP_WRITE ? mtkfw_json_hex(st->sha256, 32) : json_null());
	json_object_set_new(j, "state", json_string(mtkfw_step_state_name(st->state)));
	return j;
}

json_t *mtkfwi_json_flash(const struct mtkfw_job_outcome *o)
{
	const mtkfw_flash_plan *plan = o->plan;
	json_t *root = json_object(), *fs = json_array(), *steps = json_array();
	char words[1024];

	mtkfw_flash_change_option(words, sizeof(words), plan);
	json_object_set_new(root, "package", mtkfw_json_text(plan->package));
	json_object_set_new(root, "mode", json_string(mtkfw_flash_mode_name(plan->mode)));
	json_object_set_new(root, "cid", mtkfw_json_hex(plan->cid, 16));
	json_object_set_new(root, "refused", json_boolean(plan->findings.errors > 0));
	json_object_set_new(root, "remedy", words[0] ? json_string(words) : json_null());
	json_object_set_new(root, "refusal", refusal(&plan->refusal));
	json_object_set_new(root, "change", change(plan));
	json_object_set_new(root, "layout_changed", json_boolean(plan->layout_changed));
	for (size_t i = 0; i < plan->findings.count; i++)
		json_array_append_new(fs, mtkfwi_json_finding(&plan->findings.items[i]));
	for (size_t i = 0; i < plan->count; i++)
		json_array_append_new(steps, step(&plan->steps[i]));
	json_object_set_new(root, "findings", fs);
	json_object_set_new(root, "steps", steps);
	json_object_set_new(root, "total_bytes", mtkfw_json_u64(plan->total_bytes));
	mtkfwi_json_write_result(root, o);
	return root;
}

json_t *mtkfwi_json_format(const struct mtkfw_job_outcome *o)
{
	json_t *root = json_object(), *arr = json_array();

	for (size_t i = 0; i < o->erased_count; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "partition", mtkfw_json_text(o->erased[i].name));
		json_object_set_new(e, "area", json_string(mtkfw_area_name(o->erased[i].area)));
		json_object_set_new(e, "offset", mtkfw_json_u64(o->erased[i].offset));
		json_object_set_new(e, "length", mtkfw_json_u64(o->erased[i].length));
		json_array_append_new(arr, e);
	}
	json_object_set_new(root, "erased", arr);
	json_object_set_new(root, "identity_restored", json_boolean(o->identity_restored));
	mtkfwi_json_write_result(root, o);
	return root;
}

json_t *mtkfwi_json_restore(const struct mtkfw_job_outcome *o)
{
	json_t *root = json_object(), *names = json_array();

	json_object_set_new(root, "dir", mtkfw_json_text(o->backup ? o->backup->dir : o->backup_dir));
	/* What went back: only when all of it did. */
	for (size_t i = 0; o->result == MTKFW_RESULT_RESTORED && o->fault.kind == MTKFW_WRITE_KEPT && i < o->restored.count; i++)
		json_array_append_new(names, mtkfw_json_text(o->restored.names[i]));
	json_object_set_new(root, "restored", names);
	mtkfwi_json_write_result(root, o);
	/* Never written back: mtkfw writes no file system through the DA. */
	json_object_set_new(root, "data_nvram_restored", json_false());
	json_object_set_new(root, "system_modem_restored", json_false());
	return root;
}

json_t *mtkfwi_json_reboot(const struct mtkfw_job_outcome *o)
{
	json_t *root = json_object();
	const struct mtkfw_device_info *d = &o->device;
	/* The CID as the session read it (the DA's eMMC report): which phone went, for a shop's log. */
	bool cid = o->connected && d->stage >= MTKFW_STAGE_DA1 && d->storage == MTKFW_STORAGE_EMMC;

	/* A report only when the phone took the command (mtkfw_job_end): a failure is the error. */
	json_object_set_new(root, "rebooted", json_boolean(o->result == MTKFW_RESULT_DONE));
	json_object_set_new(root, "port", mtkfw_json_text(o->port));
	json_object_set_new(root, "chip", mtkfw_json_text(o->connected ? d->chip : NULL));
	json_object_set_new(root, "cid", cid ? mtkfw_json_hex(d->cid, 16) : json_null());
	return root;
}
