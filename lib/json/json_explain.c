/* The documents of `mtkfw explain`: catalogue entries, and the known errors of a log. */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <mtkfw/explain.h>

static json_t *entry(const mtkfw_error_info *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "tool", mtkfw_json_text(e->tool));
	json_object_set_new(o, "numbering", mtkfw_json_text(e->numbering));
	json_object_set_new(o, "code", e->has_code ? json_integer(e->code) : json_null());
	json_object_set_new(o, "code_text", e->has_code ? mtkfw_json_text(e->code_text) : json_null());
	json_object_set_new(o, "symbol", *e->symbol ? mtkfw_json_text(e->symbol) : json_null());
	json_object_set_new(o, "severity", mtkfw_json_text(e->severity));
	json_object_set_new(o, "text", mtkfw_json_text(e->text));
	json_object_set_new(o, "cause", mtkfw_json_text(e->cause));
	json_object_set_new(o, "meaning", mtkfw_json_text(e->meaning));
	json_object_set_new(o, "fix", mtkfw_json_text(e->fix));
	return o;
}

int mtkfw_json_explain(char **out, const char *query, const mtkfw_error_info *const *matches, size_t count)
{
	json_t *root = json_object(), *arr = json_array();

	*out = NULL;
	json_object_set_new(root, "query", mtkfw_json_text(query));
	for (size_t i = 0; i < count; i++)
		json_array_append_new(arr, entry(matches[i]));
	json_object_set_new(root, "matches", arr);
	return mtkfw_json_dump(out, root);
}

int mtkfw_json_log_scan(char **out, const mtkfw_log_scan *s)
{
	json_t *root = json_object(), *arr = json_array();

	*out = NULL;
	json_object_set_new(root, "file", mtkfw_json_text(s->file));
	json_object_set_new(root, "lines", mtkfw_json_u64(s->lines));
	json_object_set_new(root, "truncated", json_boolean(s->truncated));
	for (size_t i = 0; i < s->count; i++) {
		const mtkfw_log_error *e = &s->errors[i];
		json_t *o = json_object(), *lines = json_array();

		for (size_t k = 0; k < e->nlines; k++)
			json_array_append_new(lines, mtkfw_json_u64(e->lines[k]));
		json_object_set_new(o, "line", mtkfw_json_u64(e->line));
		json_object_set_new(o, "lines", lines);
		json_object_set_new(o, "count", mtkfw_json_u64(e->count));
		json_object_set_new(o, "text", mtkfw_json_text(e->text));
		json_object_set_new(o, "match", entry(e->match));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "errors", arr);
	return mtkfw_json_dump(out, root);
}
