/* The documents of the package commands without a job: checksum, layout, scatter (mtkfw/json.h). */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <mtkfw/package.h>

int mtkfw_json_checksum(char **out, const mtkfw_package *pkg, const mtkfw_checksum_ini *ini,
			const struct mtkfw_checksum_report *r)
{
	json_t *root = json_object(), *items = json_array();

	*out = NULL;
	json_object_set_new(root, "checksum_ini", mtkfw_json_text(pkg->checksum_path));
	json_object_set_new(root, "scatter", mtkfw_json_text(pkg->scatter_path));
	json_object_set_new(root, "style", json_string(mtkfw_checksum_style_name(ini->style)));
	json_object_set_new(root, "enabled", json_boolean(ini->enabled));
	for (size_t i = 0; i < r->count; i++) {
		const struct mtkfw_checksum_result *x = &r->items[i];
		json_t *o = json_object();
		/* Only these statuses come from summing the file. */
		bool summed = x->status == MTKFW_CHECKSUM_OK || x->status == MTKFW_CHECKSUM_MISMATCH ||
			      x->status == MTKFW_CHECKSUM_ZERO;

		json_object_set_new(o, "key", mtkfw_json_text(x->key));
		json_object_set_new(o, "file", mtkfw_json_text(x->file));
		json_object_set_new(o, "found", json_string(mtkfw_found_name(x->found)));
		json_object_set_new(o, "status", json_string(mtkfw_checksum_status_name(x->status)));
		json_object_set_new(o, "expected", mtkfw_json_u64(x->expected));
		json_object_set_new(o, "actual", summed ? mtkfw_json_u64(x->actual) : json_null());
		json_object_set_new(o, "problem", mtkfw_json_text(x->problem));
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "entries", items);
	json_object_set_new(root, "mismatches", mtkfw_json_u64(r->mismatches));
	json_object_set_new(root, "unchecked", mtkfw_json_u64(r->missing));
	json_object_set_new(root, "unreadable", mtkfw_json_u64(r->unreadable));
	return mtkfw_json_dump(out, root);
}

/* A number, or null when the layout does not say it. */
static json_t *u64_or_null(bool has, uint64_t v)
{
	return has ? mtkfw_json_u64(v) : json_null();
}

static json_t *partition(const struct mtkfw_partition *p, const mtkfw_layout *ref)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", mtkfw_json_text(p->name));
	json_object_set_new(o, "number", p->number ? json_integer(p->number) : json_null());
	json_object_set_new(o, "area", json_string(mtkfw_area_name(p->area)));
	json_object_set_new(o, "start", u64_or_null(p->has_start, p->start));
	json_object_set_new(o, "size", u64_or_null(p->has_size, p->size));
	json_object_set_new(o, "to_end", json_boolean(p->to_end));
	json_object_set_new(o, "end_relative", json_boolean(p->end_relative));
	json_object_set_new(o, "from_end", u64_or_null(p->end_relative, p->end_offset));
	if (p->mbr_type)
		json_object_set_new(o, "mbr_type", json_integer(p->mbr_type));
	if (ref)
		json_object_set_new(o, "scatter_name", mtkfw_json_text(p->name ? p->name : mtkfw_layout_scatter_name(ref, p)));
	return o;
}

int mtkfw_json_layout(char **out, const mtkfw_layout *l, const mtkfw_layout *ref, const struct mtkfw_layout_diffs *diffs)
{
	json_t *root = json_object(), *parts = json_array();

	*out = NULL;
	json_object_set_new(root, "source", json_string(mtkfw_layout_format_name(l->format)));
	json_object_set_new(root, "mbr_start", u64_or_null(l->has_mbr_start, l->mbr_start));
	for (size_t i = 0; i < l->count; i++)
		json_array_append_new(parts, partition(&l->parts[i], ref));
	json_object_set_new(root, "partitions", parts);
	if (diffs) {
		json_t *d = json_array();

		for (size_t i = 0; i < diffs->count; i++) {
			json_t *o = json_object();

			json_object_set_new(o, "name", mtkfw_json_text(diffs->items[i].name));
			json_object_set_new(o, "message", mtkfw_json_text(diffs->items[i].message));
			json_array_append_new(d, o);
		}
		json_object_set_new(root, "differences", d);
	}
	return mtkfw_json_dump(out, root);
}

/* A scatter entry with the file's own numbers (linear starts), its unknown keys in `extra`. */
static json_t *scatter_partition(const struct mtkfw_partition *p)
{
	json_t *o = json_object(), *extra = json_object();

	json_object_set_new(o, "name", mtkfw_json_text(p->name));
	json_object_set_new(o, "index", mtkfw_json_text(p->index));
	json_object_set_new(o, "file", mtkfw_json_text(p->file));
	json_object_set_new(o, "download", json_boolean(p->download));
	json_object_set_new(o, "type", mtkfw_json_text(p->type));
	json_object_set_new(o, "region", mtkfw_json_text(p->region));
	json_object_set_new(o, "operation", mtkfw_json_text(p->operation));
	json_object_set_new(o, "linear_start", mtkfw_json_u64(p->linear_start));
	json_object_set_new(o, "physical_start", u64_or_null(p->has_physical, p->physical_start));
	json_object_set_new(o, "size", u64_or_null(p->has_size, p->size));
	json_object_set_new(o, "boundary_check", p->has_flags ? json_boolean(p->boundary_check) : json_null());
	json_object_set_new(o, "is_reserved", p->has_flags || p->reserved ? json_boolean(p->reserved) : json_null());
	for (size_t i = 0; i < p->extra_count; i++)
		json_object_set_new(extra, p->extra[i].key, mtkfw_json_text(p->extra[i].value));
	json_object_set_new(o, "extra", extra);
	return o;
}

int mtkfw_json_scatter(char **out, const mtkfw_layout *l)
{
	json_t *root = json_object(), *parts = json_array();

	*out = NULL;
	json_object_set_new(root, "format", json_string(mtkfw_layout_format_name(l->format)));
	json_object_set_new(root, "config_version", mtkfw_json_text(l->config_version));
	json_object_set_new(root, "platform", mtkfw_json_text(l->platform));
	json_object_set_new(root, "project", mtkfw_json_text(l->project));
	json_object_set_new(root, "storage", mtkfw_json_text(l->storage));
	json_object_set_new(root, "block_size", u64_or_null(l->has_block_size, l->block_size));
	json_object_set_new(root, "mbr_start", mtkfw_json_u64(l->mbr_start));
	json_object_set_new(root, "mbr_start_guessed", json_boolean(l->mbr_start_guessed));
	for (size_t i = 0; i < l->count; i++)
		json_array_append_new(parts, scatter_partition(&l->parts[i]));
	json_object_set_new(root, "partitions", parts);
	return mtkfw_json_dump(out, root);
}
