/* `mtkfw ext4 ls` and `ext4 extract` as JSON: a directory's entries, an extraction's manifest. */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <mtkfw/ext4.h>

/* A name from a file system: kept when it is UTF-8, else every byte above 0x7F becomes U+FFFD
 * (a refused string would silently drop its key). */
static json_t *fs_name(const char *s)
{
	json_t *j = json_string(s);
	size_t n = strlen(s), o = 0;
	char *t;

	if (j)
		return j;
	if (!(t = malloc(3 * n + 1)))
		return json_null();
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x80) {
			t[o++] = (char)ch;
		} else {
			memcpy(t + o, "\xef\xbf\xbd", 3);
			o += 3;
		}
	}
	t[o] = 0;
	j = json_string(t);
	free(t);
	return j ? j : json_null();
}

int mtkfw_json_ext4_ls(char **out, const char *image, const char *path, const mtkfw_ext4_dir *d)
{
	json_t *root = json_object(), *arr = json_array();

	json_object_set_new(root, "image", fs_name(image));
	json_object_set_new(root, "path", fs_name(path));
	for (size_t i = 0; i < d->count; i++) {
		const mtkfw_ext4_entry *e = &d->entries[i];
		json_t *o = json_object();

		json_object_set_new(o, "name", fs_name(e->name));
		json_object_set_new(o, "type", json_string(mtkfw_ext4_type_name(e->type)));
		json_object_set_new(o, "inode", mtkfw_json_u64(e->inode));
		json_object_set_new(o, "mode", mtkfw_json_u64(e->mode & 07777));
		json_object_set_new(o, "uid", mtkfw_json_u64(e->uid));
		json_object_set_new(o, "gid", mtkfw_json_u64(e->gid));
		json_object_set_new(o, "links", mtkfw_json_u64(e->links));
		json_object_set_new(o, "size", mtkfw_json_u64(e->size));
		json_object_set_new(o, "mtime", json_integer(e->mtime));
		json_object_set_new(o, "target", e->target ? fs_name(e->target) : json_null());
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "entries", arr);
	return mtkfw_json_dump(out, root);
}

int mtkfw_json_ext4_extract(char **out, const char *image, const char *path, const char *outdir,
			    const mtkfw_ext4_tree *t)
{
	json_t *root = json_object();
	size_t files = 0, skipped = 0;

	for (size_t i = 0; i < t->count; i++) {
		files += t->nodes[i].type == MTKFW_EXT4_FILE && !t->nodes[i].skipped[0];
		skipped += t->nodes[i].skipped[0] != 0;
	}
	json_object_set_new(root, "image", fs_name(image));
	json_object_set_new(root, "path", fs_name(path));
	json_object_set_new(root, "out", fs_name(outdir));
	json_object_set_new(root, "entries", mtkfwi_json_ext4_entries(t, NULL));
	json_object_set_new(root, "files", mtkfw_json_u64(files));
	json_object_set_new(root, "bytes", mtkfw_json_u64(t->bytes));
	json_object_set_new(root, "skipped", mtkfw_json_u64(skipped));
	json_object_set_new(root, "truncated", json_boolean(t->truncated));
	return mtkfw_json_dump(out, root);
}
