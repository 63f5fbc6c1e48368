/*
 * The flash journal: a small JSON file, rewritten atomically after every step, that says which
 * package goes onto which phone, where the identity backup is, and how far each step got. A
 * resumed flash takes the states over only when everything about the plan is the same, so a
 * verified step is never written twice and a changed package is never half-mixed in.
 */
#include "device/flash_internal.h"
#include "device/backup.h"
#include "core/file.h"
#include "core/hex.h"
#include "core/internal.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <sys/stat.h>

#define JOURNAL_MAX (1u << 20)

int mtkfw_flash_journal_path(char **out, const char *dir, const uint8_t cid[16])
{
	char c[33], buf[4096];

	*out = NULL;
	if (!dir)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "no folder for flash journals: name the journal file");
	mtkfw_hex_encode(c, cid, 16);
	snprintf(buf, sizeof(buf), "%s/%s.json", dir, c);
	return (*out = mtkfw_strdup(buf)) ? 0 : MTKFW_ERR_NOMEM;
}

int mtkfw_flash_journal_save(const mtkfw_flash_plan *plan, const char *backup_dir, const char *path)
{
	json_t *root = json_object(), *steps = json_array();
	char cid[33], sha[65], *text;
	int rc;

	mtkfw_hex_encode(cid, plan->cid, 16);
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "package", json_string(plan->package));
	json_object_set_new(root, "cid", json_string(cid));
	json_object_set_new(root, "mode", json_string(mtkfw_flash_mode_name(plan->mode)));
	json_object_set_new(root, "backup", backup_dir ? json_string(backup_dir) : json_null());
	for (size_t i = 0; i < plan->count; i++) {
		const struct mtkfw_flash_step *st = &plan->steps[i];
		json_t *j = json_object();

		mtkfw_hex_encode(sha, st->sha256, 32);
		json_object_set_new(j, "kind", json_string(mtkfw_step_kind_name(st->kind)));
		json_object_set_new(j, "name", json_string(st->name));
		json_object_set_new(j, "area", json_string(mtkfw_area_name(st->area)));
		json_object_set_new(j, "offset", json_integer((json_int_t)st->offset));
		json_object_set_new(j, "length", json_integer((json_int_t)st->length));
		json_object_set_new(j, "sha256", json_string(sha));
		json_object_set_new(j, "state", json_string(mtkfw_step_state_name(st->state)));
		json_array_append_new(steps, j);
	}
	json_object_set_new(root, "steps", steps);
	text = json_dumps(root, JSON_INDENT(1));
	json_decref(root);
	if (!text)
		return mtkfw_nomem();
	rc = mtkfwi_device_make_dirs(path, false);
	if (!rc)
		rc = mtkfw_write_file_atomic(path, text, strlen(text));
	free(text);
	return rc;
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int mtkfw_flash_journal_apply(mtkfw_flash_plan *plan, const char *path, char **backup_dir)
{
	uint8_t *text = NULL;
	size_t len = 0;
	json_t *root, *steps;
	json_error_t err;
	char cid[33], sha[65];
	const char *s = NULL;
	int rc;

	*backup_dir = NULL;
	{
		struct stat st;

		if (stat(path, &st) != 0)
			return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no journal: nothing to resume", path);
	}
	if ((rc = mtkfw_read_file(path, JOURNAL_MAX, &text, &len)))
		return rc;
	root = json_loadb((const char *)text, len, 0, &err);
	free(text);
	if (!root)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s", path, err.line, err.text);
	mtkfw_hex_encode(cid, plan->cid, 16);
	steps = json_object_get(root, "steps");
	if (!json_is_array(steps) || !(s = str(root, "cid")) || strcmp(s, cid)) {
		rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: the journal is for another phone (eMMC CID %s)", path, s ? s : "?");
		goto out;
	}
	if (!(s = str(root, "package")) || strcmp(s, plan->package)) {
		rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: the journal is for the package %s, not %s", path, s ? s : "?",
				  plan->package);
		goto out;
	}
	if (!(s = str(root, "mode")) || strcmp(s, mtkfw_flash_mode_name(plan->mode))) {
		rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: the interrupted flash used --mode %s", path, s ? s : "?");
		goto out;
	}
	if (json_array_size(steps) != plan->count) {
		rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: the journal has %zu %s, this flash %zu: the package or options changed",
				  path, json_array_size(steps), mtkfw_plural(json_array_size(steps), "step", "steps"), plan->count);
		goto out;
	}
	for (size_t i = 0; i < plan->count; i++) {
		struct mtkfw_flash_step *st = &plan->steps[i];
		json_t *j = json_array_get(steps, i);
		int state = mtkfw_step_state_parse(str(j, "state"));

		mtkfw_hex_encode(sha, st->sha256, 32);
		if (!(s = str(j, "name")) || strcmp(s, st->name) || !(s = str(j, "sha256")) || strcmp(s, sha) ||
		    (uint64_t)json_integer_value(json_object_get(j, "offset")) != st->offset ||
		    (uint64_t)json_integer_value(json_object_get(j, "length")) != st->length || state < 0) {
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: step %zu (%s) differs from this flash: the package changed",
					  path, i + 1, st->name);
			goto out;
		}
	}
	/* Every step matches: only now take the states over, so a refused journal changes nothing. */
	for (size_t i = 0; i < plan->count; i++)
		plan->steps[i].state = mtkfw_step_state_parse(str(json_array_get(steps, i), "state"));
	if ((s = str(root, "backup")) && !(*backup_dir = mtkfw_strdup(s)))
		rc = MTKFW_ERR_NOMEM;
out:
	json_decref(root);
	return rc;
}
