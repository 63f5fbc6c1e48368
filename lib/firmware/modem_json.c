/*
 * The modem as JSON: one writer for `info` and `profile` (contracts.md: file, project, flavor,
 * verno, platform, type, build_time; mddb) and the reader saved profiles need. Empty texts are
 * null; the check header's numbers are null for anything but an image.
 */
#include "core/internal.h"
#include "core/json_text.h"
#include "firmware/fw_internal.h"
#include "firmware/modem_internal.h"

#include <stddef.h>
#include <stdio.h>

static json_t *text(const char *s)
{
	return s && *s ? mtkfw_json_text(s) : json_null();
}

static json_t *num(const struct mtkfw_modem *m, uint64_t v)
{
	return m->kind == MTKFW_MODEM_IMAGE ? json_integer((json_int_t)v) : json_null();
}

json_t *mtkfwi_modem_json(const struct mtkfw_modem *m)
{
	json_t *o = json_object(), *a = json_array();
	const char *tn = mtkfw_modem_type_name(m->image_type);

	json_object_set_new(o, "file", text(m->file));
	json_object_set_new(o, "kind", json_string(mtkfw_modem_kind_name(m->kind)));
	json_object_set_new(o, "project", text(m->project));
	json_object_set_new(o, "flavor", text(m->flavor));
	json_object_set_new(o, "verno", text(m->verno));
	json_object_set_new(o, "platform", text(m->platform));
	json_object_set_new(o, "type", text(tn));
	json_object_set_new(o, "build_time", text(m->build_time));
	json_object_set_new(o, "custom_verno", text(m->custom_verno));
	json_object_set_new(o, "branch", text(m->branch));
	json_object_set_new(o, "build_version", text(m->build_version));
	json_object_set_new(o, "image_type", m->image_type ? json_integer(m->image_type) : json_null());
	json_object_set_new(o, "header_version", num(m, m->header_version));
	json_object_set_new(o, "product_version", num(m, m->product_version));
	json_object_set_new(o, "mem_size", num(m, m->mem_size));
	json_object_set_new(o, "image_size", num(m, m->image_size));
	json_object_set_new(o, "header_size", num(m, m->header_size));
	json_object_set_new(o, "file_size", json_integer((json_int_t)m->file_size));
	json_object_set_new(o, "target", text(m->target));
	for (size_t i = 0; i < m->mddb.count; i++)
		json_array_append_new(a, mtkfw_json_text(m->mddb.names[i]));
	json_object_set_new(o, "mddb", a);
	return o;
}

int mtkfw_modem_to_json(char **out, const struct mtkfw_modem *m)
{
	return mtkfw_json_dump(out, mtkfwi_modem_json(m));
}

/* ---- reading a saved profile's object ---------------------------------------------------- */

static int get_text(json_t *o, const char *key, char *dst, size_t cap, const char *name)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: modem \"%s\" is not a string", name, key);
	mtkfwi_modem_field_text(dst, cap, (const uint8_t *)json_string_value(v), cap - 1);
	return 0;
}

static int get_u32(json_t *o, const char *key, uint32_t *dst, const char *name)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 0xFFFFFFFF)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: modem \"%s\" is not a number from 0 to 4294967295", name, key);
	*dst = (uint32_t)json_integer_value(v);
	return 0;
}

static int get_dup(json_t *o, const char *key, char **dst, const char *name)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: modem \"%s\" is not a string", name, key);
	return (*dst = mtkfw_strndup(json_string_value(v), strnlen(json_string_value(v), 4096))) ? 0 : mtkfw_nomem();
}

/* The texts and numbers a saved object carries back into the struct. */
#define TEXT(f) { #f, offsetof(struct mtkfw_modem, f), sizeof(((struct mtkfw_modem *)0)->f) }
static const struct {
	const char *key;
	size_t off, cap;
} texts[] = {
	TEXT(project), TEXT(flavor), TEXT(verno), TEXT(platform), TEXT(build_time), TEXT(custom_verno),
	TEXT(branch), TEXT(build_version),
};
#undef TEXT
#define U32(f) { #f, offsetof(struct mtkfw_modem, f) }
static const struct {
	const char *key;
	size_t off;
} numbers[] = {
	U32(image_type), U32(header_version), U32(product_version), U32(mem_size), U32(image_size), U32(header_size),
};
#undef U32

int mtkfwi_modem_from_json(struct mtkfw_modem *out, json_t *o, const char *name)
{
	json_t *kind = json_object_get(o, "kind"), *a = json_object_get(o, "mddb"), *v, *fs;
	char type[8] = "";
	size_t i;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(o))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"modem\" is not an object", name);
	if (kind && !json_is_null(kind)) {
		const char *k = json_string_value(kind);
		int found = -1;

		for (int j = 0; k && j <= MTKFW_MODEM_MDDB; j++)
			if (strcmp(k, mtkfw_modem_kind_name((mtkfw_modem_kind)j)) == 0)
				found = j;
		if (found < 0)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: modem \"kind\" is not image, stub, dbginfo or mddb", name);
		out->kind = (mtkfw_modem_kind)found;
	}
	rc = get_dup(o, "file", &out->file, name);
	for (i = 0; !rc && i < sizeof(texts) / sizeof(texts[0]); i++)
		rc = get_text(o, texts[i].key, (char *)out + texts[i].off, texts[i].cap, name);
	for (i = 0; !rc && i < sizeof(numbers) / sizeof(numbers[0]); i++)
		rc = get_u32(o, numbers[i].key, (uint32_t *)(void *)((char *)out + numbers[i].off), name);
	/* "type" by name when the number is absent (a profile written by hand) */
	if (!rc)
		rc = get_text(o, "type", type, sizeof(type), name);
	for (uint32_t t = 1; !rc && !out->image_type && mtkfw_modem_type_name(t); t++)
		if (strcmp(type, mtkfw_modem_type_name(t)) == 0)
			out->image_type = t;
	if (!rc && (fs = json_object_get(o, "file_size")) && !json_is_null(fs)) {
		if (!json_is_integer(fs) || json_integer_value(fs) < 0)
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: modem \"file_size\" is not a size", name);
		else
			out->file_size = (uint64_t)json_integer_value(fs);
	}
	if (!rc)
		rc = get_dup(o, "target", &out->target, name);
	if (!rc && a && !json_is_null(a)) {
		if (!json_is_array(a))
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: modem \"mddb\" is not an array", name);
		else if (json_array_size(a) > MTKFW_MODEM_MDDB_MAX)
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: modem \"mddb\" has %zu names, more than %u", name,
					  json_array_size(a), MTKFW_MODEM_MDDB_MAX);
		json_array_foreach(a, i, v) {
			if (rc)
				break;
			if (!json_is_string(v))
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a modem \"mddb\" name is not a string", name);
			else
				rc = mtkfwi_fw_names_add(&out->mddb, json_string_value(v), strnlen(json_string_value(v), 4096));
		}
	}
	if (!rc && out->kind == MTKFW_MODEM_STUB && !out->target)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a modem stub without \"target\"", name);
	if (rc)
		mtkfw_modem_clear(out);
	return rc;
}
