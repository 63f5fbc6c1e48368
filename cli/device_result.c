/* The outcome of a writing device subcommand, as data (issue #8): a card that keeps nothing or
 * reads back differently each time is a result a script branches on, not only an error line. */
#include "device_result.h"
#include "ext4_tree_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void device_result_take_fault(struct device_result *r, const mtkfw_device *dev)
{
	r->fault = *mtkfw_device_write_outcome(dev);
}

static json_t *fault_json(const struct mtkfw_write_outcome *f)
{
	json_t *j;

	if (f->kind == MTKFW_WRITE_KEPT)
		return json_null();
	j = json_object();
	json_object_set_new(j, "kind", json_string(mtkfw_write_fault_name(f->kind)));
	json_object_set_new(j, "partition", f->partition[0] ? json_string(f->partition) : json_null());
	json_object_set_new(j, "area", json_string(mtkfw_area_name(f->area)));
	json_object_set_new(j, "offset", cli_json_u64(f->offset));
	json_object_set_new(j, "length", cli_json_u64(f->length));
	return j;
}

json_t *device_tree_json(const struct mtkfw_backup *b)
{
	json_t *j;

	if (!b || (!b->data_nvram.count && !b->data_nvram_note))
		return json_null();
	j = json_object();
	json_object_set_new(j, "entries", cli_ext4_tree_entries(&b->data_nvram, MTKFW_BACKUP_NVRAM_DIR));
	json_object_set_new(j, "bytes", cli_json_u64(b->data_nvram.bytes));
	json_object_set_new(j, "truncated", json_boolean(b->data_nvram.truncated));
	json_object_set_new(j, "note", cli_json_str_or_null(b->data_nvram_note));
	return j;
}

void device_tree_text(const struct mtkfw_backup *b)
{
	if (b && b->data_nvram.count)
		printf("  %s/ %zu entries, %llu bytes of files (USRDATA's /data/nvram)\n", MTKFW_BACKUP_NVRAM_DIR,
		       b->data_nvram.count, (unsigned long long)b->data_nvram.bytes);
	if (b && b->data_nvram_note)
		printf("  note: %s\n", b->data_nvram_note);
}

void device_result_json(json_t *root, const struct device_result *r)
{
	json_object_set_new(root, "result", cli_json_str_or_null(r->result));
	json_object_set_new(root, "fault", fault_json(&r->fault));
	json_object_set_new(root, "backup", cli_json_str_or_null(r->backup));
	json_object_set_new(root, "data_nvram", device_tree_json(r->saved));
}

void device_result_text(const struct device_result *r)
{
	const struct mtkfw_write_outcome *f = &r->fault;

	if (f->kind != MTKFW_WRITE_KEPT)
		printf("fault:    %s %s %s 0x%llx+0x%llx\n", mtkfw_write_fault_name(f->kind),
		       f->partition[0] ? f->partition : "-", mtkfw_area_name(f->area), (unsigned long long)f->offset,
		       (unsigned long long)f->length);
	if (r->saved && (r->saved->data_nvram.count || r->saved->data_nvram_note)) {
		printf("backup:   %s\n", r->backup ? r->backup : r->saved->dir);
		device_tree_text(r->saved);
	}
}
