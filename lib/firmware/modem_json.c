/*
 * The modem as JSON: one writer for `info` and `profile` (contracts.md: file, project, flavor,
 * verno, platform, type, build_time; mddb) and the reader saved profiles need. Empty texts are
 * null; the check header's numbers are null for anything but an image.
 */
#include "core/internal.h"
#include "core/json_text.h"
#include "firmware/fw_internal.h"
#include "firmware/modem_internal.h"

#include <stdio.h>

static json_t *text(const char *s)
{
	return s && *s ? mtkfw_json_text(s) : json_null();
}

static json_t *num(const struct mtkfw_modem *m, uint64_t v)
{
	return m->kind == MTKFW_MODEM_IMAGE ? json_integer((json_int_t)v) : json_null();
}

json_t *modem_json(const struct mtkfw_modem *m)
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
	json_t *o = modem_json(m);
	char *s = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(o);
	*out = NULL;
	if (!s)
		return mtkfw_nomem();
	*out = mtkfw_strdup(s);
	free(s);
	return *out ? 0 : mtkfw_nomem();
}

/* ---- reading a saved profile's object ---------------------------------------------------- */

static int get_text(json_t *o, const char *key, char *dst, size_t cap, const char *name)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: modem \"%s\" is not a string", name, key);
	modem_field_text(dst, cap, (const uint8_t *)json_string_value(v), cap - 1);
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
	return (*dst = mtkfw_strndup(json_string_value(v), 4096)) ? 0 : mtkfw_nomem();
}

int modem_from_json(struct mtkfw_modem *out, json_t *o, const char *name)
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
	if (!rc)
		rc = get_text(o, "project", out->project, sizeof(out->project), name);
	if (!rc)
		rc = get_text(o, "flavor", out->flavor, sizeof(out->flavor), name);
	if (!rc)
		rc = get_text(o, "verno", out->verno, sizeof(out->verno), name);
	if (!rc)
		rc = get_text(o, "platform", out->platform, sizeof(out->platform), name);
	if (!rc)
		rc = get_text(o, "build_time", out->build_time, sizeof(out->build_time), name);
	if (!rc)
		rc = get_text(o, "custom_verno", out->custom_verno, sizeof(out->custom_verno), name);
	if (!rc)
		rc = get_text(o, "branch", out->branch, sizeof(out->branch), name);
	if (!rc)
		rc = get_text(o, "build_version", out->build_version, sizeof(out->build_version), name);
	if (!rc)
		rc = get_text(o, "type", type, sizeof(type), name);
	if (!rc)
		rc = get_u32(o, "image_type", &out->image_type, name);
	for (uint32_t t = 1; !rc && !out->image_type && mtkfw_modem_type_name(t); t++)
		if (strcmp(type, mtkfw_modem_type_name(t)) == 0)
			out->image_type = t;
	if (!rc)
		rc = get_u32(o, "header_version", &out->header_version, name);
	if (!rc)
		rc = get_u32(o, "product_version", &out->product_version, name);
	if (!rc)
		rc = get_u32(o, "mem_size", &out->mem_size, name);
	if (!rc)
		rc = get_u32(o, "image_size", &out->image_size, name);
	if (!rc)
		rc = get_u32(o, "header_size", &out->header_size, name);
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
				rc = fw_names_add(&out->mddb, json_string_value(v), strnlen(json_string_value(v), 4096));
		}
	}
	if (!rc && out->kind == MTKFW_MODEM_STUB && !out->target)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a modem stub without \"target\"", name);
	if (rc)
		mtkfw_modem_free(out);
	return rc;
}
