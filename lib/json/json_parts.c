/* The pieces several JSON documents share (json_internal.h): one shape each, written once. */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <stdio.h>

json_t *mtkfwi_json_finding(const struct mtkfw_finding *f)
{
	json_t *j = json_object();

	json_object_set_new(j, "severity", json_string(mtkfw_severity_name(f->severity)));
	json_object_set_new(j, "code", mtkfw_json_text(f->code));
	json_object_set_new(j, "partition", mtkfw_json_text(f->partition));
	json_object_set_new(j, "message", mtkfw_json_text(f->message));
	return j;
}

json_t *mtkfwi_json_ext4_entries(const mtkfw_ext4_tree *t, const char *prefix)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < t->count; i++) {
		const mtkfw_ext4_node *n = &t->nodes[i];
		json_t *e = json_object();
		size_t k = (prefix ? strlen(prefix) : 0) + strlen(n->path) + 2;
		char *path = malloc(k);

		if (path)
			snprintf(path, k, "%s%s%s", prefix ? prefix : "", prefix ? "/" : "", n->path);
		json_object_set_new(e, "path", mtkfw_json_text(path));
		json_object_set_new(e, "type", json_string(mtkfw_ext4_type_name(n->type)));
		json_object_set_new(e, "mode", mtkfw_json_u64(n->mode));
		json_object_set_new(e, "uid", mtkfw_json_u64(n->uid));
		json_object_set_new(e, "gid", mtkfw_json_u64(n->gid));
		json_object_set_new(e, "size", mtkfw_json_u64(n->size));
		json_object_set_new(e, "sha256", n->type == MTKFW_EXT4_FILE && !n->skipped[0] ? mtkfw_json_hex(n->sha256, 32)
										      : json_null());
		json_object_set_new(e, "target", mtkfw_json_text(n->target));
		json_object_set_new(e, "linked", json_boolean(n->linked));
		json_object_set_new(e, "skipped", mtkfw_json_text(n->skipped[0] ? n->skipped : NULL));
		json_array_append_new(arr, e);
		free(path);
	}
	return arr;
}

static json_t *tree(const mtkfw_ext4_tree *t, const char *note, const char *dir)
{
	json_t *j;

	if (!t->count && !note)
		return json_null();
	j = json_object();
	json_object_set_new(j, "entries", mtkfwi_json_ext4_entries(t, dir));
	json_object_set_new(j, "bytes", mtkfw_json_u64(t->bytes));
	json_object_set_new(j, "truncated", json_boolean(t->truncated));
	json_object_set_new(j, "note", mtkfw_json_text(note));
	return j;
}

json_t *mtkfwi_json_backup_nvram(const struct mtkfw_backup *b)
{
	return b ? tree(&b->data_nvram, b->data_nvram_note, MTKFW_BACKUP_NVRAM_DIR) : json_null();
}

json_t *mtkfwi_json_backup_modem(const struct mtkfw_backup *b)
{
	return b ? tree(&b->system_modem, b->system_modem_note, MTKFW_BACKUP_MODEM_DIR) : json_null();
}

json_t *mtkfwi_json_backup_items(const struct mtkfw_backup *b)
{
	json_t *root = json_object(), *items = json_array();

	json_object_set_new(root, "dir", mtkfw_json_text(b->dir));
	json_object_set_new(root, "chip", mtkfw_json_text(b->chip));
	json_object_set_new(root, "cid", mtkfw_json_hex(b->cid, 16));
	for (size_t i = 0; i < b->count; i++) {
		const struct mtkfw_backup_item *it = &b->items[i];
		json_t *j = json_object();

		json_object_set_new(j, "name", mtkfw_json_text(it->name));
		json_object_set_new(j, "area", json_string(mtkfw_area_name(it->area)));
		json_object_set_new(j, "offset", mtkfw_json_u64(it->offset));
		json_object_set_new(j, "size", mtkfw_json_u64(it->size));
		json_object_set_new(j, "sha256", mtkfw_json_hex(it->sha256, 32));
		json_object_set_new(j, "file", mtkfw_json_text(it->file));
		json_array_append_new(items, j);
	}
	json_object_set_new(root, "items", items);
	json_object_set_new(root, "data_nvram", mtkfwi_json_backup_nvram(b));
	json_object_set_new(root, "system_modem", mtkfwi_json_backup_modem(b));
	return root;
}

static json_t *fault(const struct mtkfw_write_outcome *f)
{
	json_t *j;

	if (f->kind == MTKFW_WRITE_KEPT)
		return json_null();
	j = json_object();
	json_object_set_new(j, "kind", json_string(mtkfw_write_fault_name(f->kind)));
	json_object_set_new(j, "partition", mtkfw_json_text(f->partition[0] ? f->partition : NULL));
	json_object_set_new(j, "area", json_string(mtkfw_area_name(f->area)));
	json_object_set_new(j, "offset", mtkfw_json_u64(f->offset));
	json_object_set_new(j, "length", mtkfw_json_u64(f->length));
	return j;
}

static json_t *identity(const struct mtkfw_identity_proof *p)
{
	json_t *j = json_object(), *rows = json_array(), *t;

	for (size_t i = 0; i < p->count; i++) {
		json_t *row = json_object();

		json_object_set_new(row, "name", mtkfw_json_text(p->rows[i].name));
		json_object_set_new(row, "sha256_before", mtkfw_json_hex(p->rows[i].sha256_before, 32));
		json_object_set_new(row, "sha256_after", mtkfw_json_hex(p->rows[i].sha256_after, 32));
		json_array_append_new(rows, row);
	}
	json_object_set_new(j, "intact", json_boolean(p->intact));
	json_object_set_new(j, "partitions", rows);
	if (p->data_nvram == MTKFW_TREE_NOT_SAVED) {
		t = json_null();
	} else {
		bool now = p->data_nvram == MTKFW_TREE_SAME || p->data_nvram == MTKFW_TREE_CHANGED;

		t = json_object();
		json_object_set_new(t, "state", json_string(mtkfw_tree_fate_name(p->data_nvram)));
		json_object_set_new(t, "sha256_before", mtkfw_json_hex(p->data_nvram_before, 32));
		json_object_set_new(t, "sha256_after", now ? mtkfw_json_hex(p->data_nvram_after, 32) : json_null());
		json_object_set_new(t, "copy_intact", p->data_nvram == MTKFW_TREE_GONE ? json_boolean(p->data_nvram_copy_intact)
										       : json_null());
		json_object_set_new(t, "first_difference", mtkfw_json_text(p->data_nvram_first[0] ? p->data_nvram_first : NULL));
	}
	json_object_set_new(j, "data_nvram", t);
	return j;
}

void mtkfwi_json_write_result(json_t *root, const struct mtkfw_job_outcome *o)
{
	/* A refusal or a dry run wrote nothing: no backup, no trees, no identity to show. */
	bool wrote = o->result != MTKFW_RESULT_REFUSED && o->result != MTKFW_RESULT_DRY_RUN;
	/* The backup folder: a flash names the one it ran with (made, or about to be); a format or
	 * an erase the one it made; a restore makes none. */
	const char *backup = !wrote || o->job == MTKFW_JOB_RESTORE ? NULL
			     : o->job == MTKFW_JOB_FLASH || o->backup ? o->backup_dir : NULL;
	const struct mtkfw_backup *saved = wrote ? o->backup : NULL;

	json_object_set_new(root, "result", json_string(mtkfw_job_result_name(o->result)));
	json_object_set_new(root, "fault", fault(&o->fault));
	json_object_set_new(root, "backup", mtkfw_json_text(backup));
	json_object_set_new(root, "data_nvram", mtkfwi_json_backup_nvram(saved));
	json_object_set_new(root, "system_modem", mtkfwi_json_backup_modem(saved));
	json_object_set_new(root, "identity", wrote && o->identity_checked ? identity(&o->identity) : json_null());
}
