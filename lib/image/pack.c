/* Helpers shared by unpack/repack: folder, member files, manifest, hex and text fields. */
#include "image/pack.h"

#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

int mtkfwi_pk_prepare_dir(const char *dir)
{
	if (mkdir(dir, 0755) == 0)
		return 0;
	return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create the folder: %s", dir, strerror(errno));
}

int mtkfwi_pk_write(const char *dir, const char *name, const void *buf, size_t n)
{
	char *path;
	int rc = mtkfw_path_under(dir, name, &path);

	if (rc)
		return rc;
	rc = mtkfw_write_file_atomic(path, buf, n);
	free(path);
	return rc;
}

int mtkfwi_pk_read(const char *dir, const char *name, size_t max, uint8_t **out, size_t *len)
{
	return mtkfw_read_member(dir, name, max, out, len);
}

char *mtkfwi_pk_hex(const uint8_t *p, size_t n)
{
	static const char d[] = "0123456789abcdef";
	char *s = malloc(2 * n + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = d[p[i] >> 4];
		s[2 * i + 1] = d[p[i] & 15];
	}
	s[2 * n] = '\0';
	return s;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int mtkfwi_pk_unhex(const char *s, uint8_t *out, size_t n, const char *what)
{
	if (strlen(s) != 2 * n)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": %s: wanted %zu hex digits, found %zu",
				    what, 2 * n, strlen(s));
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": %s: not hex", what);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

bool mtkfwi_pk_all_byte(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

json_t *mtkfwi_pk_manifest_new(const char *type)
{
	json_t *m = json_object();

	json_object_set_new(m, "format", json_string("mtkfw-unpack"));
	json_object_set_new(m, "version", json_integer(1));
	json_object_set_new(m, "type", json_string(type));
	return m;
}

int mtkfwi_pk_manifest_save(const char *dir, json_t *m)
{
	char *text = json_dumps(m, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	int rc;

	if (!text)
		return mtkfw_nomem();
	rc = mtkfwi_pk_write(dir, PK_MANIFEST, text, strlen(text));
	if (!rc)
		rc = 0;
	free(text);
	return rc;
}

int mtkfwi_pk_manifest_load(const char *dir, json_t **out)
{
	uint8_t *buf;
	size_t len;
	json_error_t err;
	json_t *m;
	const char *fmt;
	int rc = mtkfwi_pk_read(dir, PK_MANIFEST, 16u << 20, &buf, &len);

	if (rc)
		return rc == MTKFW_ERR_IO ? mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no readable " PK_MANIFEST
							 " (not a folder written by mtkfw unpack?)", dir) : rc;
	m = json_loadb((const char *)buf, len, 0, &err);
	free(buf);
	if (!m)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s/" PK_MANIFEST ": line %d: %s", dir, err.line, err.text);
	if (!json_is_object(m) || mtkfwi_pk_get_str(m, "format", &fmt) || !fmt || strcmp(fmt, "mtkfw-unpack")) {
		json_decref(m);
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s/" PK_MANIFEST ": not an mtkfw unpack manifest", dir);
	}
	*out = m;
	return 0;
}

int mtkfwi_pk_get_u64(const json_t *o, const char *key, uint64_t max, uint64_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": '%s' is missing", key);
	if (!json_is_integer(v) || json_integer_value(v) < 0 || (uint64_t)json_integer_value(v) > max)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": '%s' must be an integer from 0 to %llu",
				    key, (unsigned long long)max);
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

int mtkfwi_pk_get_u32(const json_t *o, const char *key, uint32_t *out)
{
	uint64_t v;
	int rc = mtkfwi_pk_get_u64(o, key, UINT32_MAX, &v);

	if (!rc)
		*out = (uint32_t)v;
	return rc;
}

int mtkfwi_pk_get_str(const json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": '%s' must be a string", key);
	*out = json_string_value(v);
	return 0;
}

void mtkfwi_pk_put_textfield(json_t *o, const char *key, const uint8_t *p, size_t n)
{
	size_t len = strnlen((const char *)p, n);
	bool clean = mtkfwi_pk_all_byte(p + len, n - len, 0);
	char k[64];

	for (size_t i = 0; clean && i < len; i++)
		if (p[i] < 0x20 || p[i] > 0x7E)
			clean = false;
	if (clean) {
		json_object_set_new(o, key, json_stringn((const char *)p, len));
		return;
	}
	snprintf(k, sizeof(k), "%s_hex", key);
	char *h = mtkfwi_pk_hex(p, n);
	json_object_set_new(o, k, json_string(h ? h : ""));
	free(h);
}

int mtkfwi_pk_get_textfield(const json_t *o, const char *key, uint8_t *out, size_t n)
{
	char k[64];
	const char *s;
	int rc;

	snprintf(k, sizeof(k), "%s_hex", key);
	if ((rc = mtkfwi_pk_get_str(o, k, &s)))
		return rc;
	if (s)
		return mtkfwi_pk_unhex(s, out, n, k);
	if ((rc = mtkfwi_pk_get_str(o, key, &s)))
		return rc;
	memset(out, 0, n);
	if (!s)
		return 0;
	if (strlen(s) > n)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, PK_MANIFEST ": '%s' is %zu bytes, the field holds %zu",
				    key, strlen(s), n);
	memcpy(out, s, strlen(s));
	return 0;
}

json_t *mtkfwi_pk_mtkhdr_json(const struct mtkfw_mtkhdr *h)
{
	json_t *o = json_object();

	mtkfwi_pk_put_textfield(o, "name", h->raw + 8, MTKFW_MTKHDR_NAME_LEN);
	json_object_set_new(o, "size", json_integer(h->size));
	json_object_set_new(o, "addr", json_integer(h->addr));
	json_object_set_new(o, "mode", json_integer(h->mode));
	if (!mtkfw_mtkhdr_padding_is_ff(h)) {
		char *x = mtkfwi_pk_hex(h->raw + 0x30, MTKFW_MTKHDR_SIZE - 0x30);
		json_object_set_new(o, "padding_hex", json_string(x ? x : ""));
		free(x);
	}
	return o;
}

int mtkfwi_pk_mtkhdr_from_json(const json_t *o, uint32_t size, struct mtkfw_mtkhdr *out)
{
	uint8_t name[MTKFW_MTKHDR_NAME_LEN];
	const char *pad;
	int rc;

	if (!json_is_object(o))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": 'mtk' must be an object");
	if ((rc = mtkfwi_pk_get_textfield(o, "name", name, sizeof(name))))
		return rc;
	mtkfw_mtkhdr_init(out, "", size);
	memcpy(out->raw + 8, name, sizeof(name));
	memcpy(out->name, name, sizeof(name));
	out->name[MTKFW_MTKHDR_NAME_LEN] = '\0';
	if ((rc = mtkfwi_pk_get_u32(o, "addr", &out->addr)) || (rc = mtkfwi_pk_get_u32(o, "mode", &out->mode)))
		return rc;
	if ((rc = mtkfwi_pk_get_str(o, "padding_hex", &pad)))
		return rc;
	if (pad && (rc = mtkfwi_pk_unhex(pad, out->raw + 0x30, MTKFW_MTKHDR_SIZE - 0x30, "padding_hex")))
		return rc;
	return 0;
}
