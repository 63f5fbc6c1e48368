/* One JSON shape for a copied ext4 tree (ext4 extract, the backup's data_nvram). */
#include "ext4_tree_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *cli_ext4_tree_entries(const mtkfw_ext4_tree *t, const char *prefix)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < t->count; i++) {
		const mtkfw_ext4_node *n = &t->nodes[i];
		json_t *e = json_object();
		char *sha = n->type == MTKFW_EXT4_FILE && !n->skipped[0] ? cli_hex(n->sha256, 32) : NULL;
		size_t k = (prefix ? strlen(prefix) : 0) + strlen(n->path) + 2;
		char *path = malloc(k);

		if (path)
			snprintf(path, k, "%s%s%s", prefix ? prefix : "", prefix ? "/" : "", n->path);
		json_object_set_new(e, "path", cli_json_str_or_null(path));
		json_object_set_new(e, "type", json_string(mtkfw_ext4_type_name(n->type)));
		json_object_set_new(e, "mode", cli_json_u64(n->mode));
		json_object_set_new(e, "uid", cli_json_u64(n->uid));
		json_object_set_new(e, "gid", cli_json_u64(n->gid));
		json_object_set_new(e, "size", cli_json_u64(n->size));
		json_object_set_new(e, "sha256", cli_json_str_or_null(sha));
		json_object_set_new(e, "target", cli_json_str_or_null(n->target));
		json_object_set_new(e, "linked", json_boolean(n->linked));
		json_object_set_new(e, "skipped", cli_json_str_or_null(n->skipped[0] ? n->skipped : NULL));
		json_array_append_new(arr, e);
		free(sha);
		free(path);
	}
	return arr;
}
