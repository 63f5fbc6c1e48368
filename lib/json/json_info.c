/* The document of `mtkfw info`: what a file is and that format's fields; a ramdisk's members. */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <mtkfw/modem.h>

#include <stdlib.h>
#include <sys/stat.h>

/* ls's type letter of a cpio member's mode. */
static const char *type_char(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return "d";
	case S_IFLNK: return "l";
	case S_IFCHR: return "c";
	case S_IFBLK: return "b";
	case S_IFIFO: return "p";
	case S_IFSOCK: return "s";
	default: return "-";
	}
}

static json_t *members(const struct mtkfw_ramdisk *rd)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < rd->count; i++) {
		const struct mtkfw_cpio_entry *e = &rd->entries[i];
		json_t *m = json_object();

		json_object_set_new(m, "path", mtkfw_json_text(e->path));
		json_object_set_new(m, "type", json_string(type_char(e->mode)));
		json_object_set_new(m, "mode", mtkfw_json_u64(e->mode & 07777));
		json_object_set_new(m, "uid", mtkfw_json_u64(e->uid));
		json_object_set_new(m, "gid", mtkfw_json_u64(e->gid));
		json_object_set_new(m, "size", mtkfw_json_u64(e->size));
		json_object_set_new(m, "link", mtkfw_json_text(e->link));
		json_array_append_new(arr, m);
	}
	return arr;
}

/* The modem's own document (mtkfw_modem_to_json) as a member; null when it cannot be made. */
static json_t *modem(const struct mtkfw_modem *m)
{
	char *doc = NULL;
	json_t *o = NULL;

	if (mtkfw_modem_to_json(&doc, m) == 0)
		o = json_loads(doc, 0, NULL);
	free(doc);
	return o ? o : json_null();
}

int mtkfw_json_info(char **out, const char *path, const struct mtkfw_info *in, const struct mtkfw_ramdisk *list)
{
	json_t *o = json_object();

	*out = NULL;
	json_object_set_new(o, "file", mtkfw_json_text(path));
	json_object_set_new(o, "type", mtkfw_json_text(in->type));
	json_object_set_new(o, "description", mtkfw_json_text(in->description));
	json_object_set_new(o, "file_size", mtkfw_json_u64(in->file_size));
	for (size_t i = 0; i < in->nfields && i < MTKFW_INFO_MAX_FIELDS; i++) {
		const struct mtkfw_info_field *f = &in->fields[i];

		json_object_set_new(o, f->key,
				    f->kind == MTKFW_INFO_INT || f->kind == MTKFW_INFO_ADDR ? mtkfw_json_u64(f->num)
				    : f->kind == MTKFW_INFO_BOOL			      ? json_boolean(f->num)
										      : mtkfw_json_text(f->str));
	}
	if (in->modem)
		json_object_set_new(o, "modem", modem(in->modem));
	if (list)
		json_object_set_new(o, "members_list", members(list));
	return mtkfw_json_dump(out, o);
}
