/*
 * manifest.json, version 1 (docs/man/mtkfw-device.1 lists the fields):
 *
 *   { "format": "mtkfw-manifest", "version": 1, "kind": "backup"|"partitions"|"dump",
 *     "tool": "mtkfw 0.1.0", "created": "2025-01-31T12:00:00Z",
 *     "phone": { "chip", "cid", "boot1_size", "user_size" },
 *     "layout": { "format", "source", "partitions": [ { "name", "area", "start", "size",
 *                 "linear_start" } ] } | null,
 *     "files": [ { "name", "file", "area", "offset", "size", "sha256" } ],
 *     "trees": [ { "dir", "source", "note", "truncated",
 *                  "entries": [ { "path", "type", "mode", "uid", "gid", "size", "sha256",
 *                                 "target", "skipped" } ] } ] }
 *
 * Numbers are JSON integers, the CID and SHA-256 lowercase hex (contracts.md). A reader of
 * version 1 ignores keys it does not know, so later versions may add some; a higher version
 * number means a change an old reader must not guess at.
 */
#include "core/hex.h"
#include "core/internal.h"
#include "core/json_text.h"
#include "firmware/manifest_internal.h"

#include <jansson.h>
#include <stdio.h>

#define FORMAT_NAME "mtkfw-manifest"

/* ---- writing ----------------------------------------------------------------------------- */

static json_t *u64_json(uint64_t v)
{
	return v <= INT64_MAX ? json_integer((json_int_t)v) : NULL;
}

/* Set `key` to `v` (stolen); false when `v` is NULL (out of memory, or a number over 2^63). */
static bool put(json_t *o, const char *key, json_t *v)
{
	return v && json_object_set_new(o, key, v) == 0;
}

static json_t *hex_json(const uint8_t *p, size_t n)
{
	char buf[65];

	mtkfw_hex_encode(buf, p, n);
	return json_string(buf);
}

static json_t *layout_json(const mtkfw_layout *l)
{
	json_t *o = json_object(), *parts = json_array();
	bool ok = o && parts;

	for (size_t i = 0; ok && i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		json_t *e;

		if (!p->name)
			continue; /* an MBR's unnamed entries: the named layout says where they are */
		e = json_object();

		ok = e && put(e, "name", mtkfw_json_text(p->name)) && put(e, "area", json_string(mtkfw_area_name(p->area))) &&
		     put(e, "start", p->has_start ? u64_json(p->start) : json_null()) &&
		     put(e, "size", p->has_size ? u64_json(p->size) : json_null()) &&
		     put(e, "linear_start", u64_json(p->linear_start));
		ok = ok && json_array_append_new(parts, e) == 0;
		if (!ok)
			json_decref(e);
	}
	ok = ok && put(o, "format", json_string(mtkfw_layout_format_name(l->format))) &&
	     put(o, "source", mtkfw_json_text(l->source)) && put(o, "partitions", parts);
	if (!ok) {
		json_decref(parts);
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *item_json(const struct mtkfw_manifest_item *it)
{
	json_t *o = json_object();

	if (o && put(o, "name", json_string(it->name)) && put(o, "file", json_string(it->file)) &&
	    put(o, "area", json_string(mtkfw_area_name(it->area))) && put(o, "offset", u64_json(it->offset)) &&
	    put(o, "size", u64_json(it->size)) && put(o, "sha256", hex_json(it->sha256, 32)))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *node_json(const mtkfw_ext4_node *n)
{
	bool hashed = n->type == MTKFW_EXT4_FILE && !n->skipped[0];
	json_t *o = json_object();

	if (o && put(o, "path", mtkfw_json_text(n->path)) && put(o, "type", json_string(mtkfw_ext4_type_name(n->type))) &&
	    put(o, "mode", json_integer(n->mode)) && put(o, "uid", json_integer(n->uid)) &&
	    put(o, "gid", json_integer(n->gid)) &&
	    /* ext4 files stop at 16 TiB; a size past 2^63 is a damaged inode's, kept as the
	     * largest JSON integer rather than failing the backup that records it. */
	    put(o, "size", u64_json(n->size > INT64_MAX ? (uint64_t)INT64_MAX : n->size)) &&
	    put(o, "sha256", hashed ? hex_json(n->sha256, 32) : json_null()) &&
	    put(o, "target", mtkfw_json_text(n->target)) &&
	    put(o, "skipped", n->skipped[0] ? mtkfw_json_text(n->skipped) : json_null()))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *tree_json(const struct mtkfw_manifest_tree *t)
{
	json_t *o = json_object(), *entries = json_array();
	bool ok = o && entries;

	for (size_t i = 0; ok && i < t->tree.count; i++) {
		json_t *e = node_json(&t->tree.nodes[i]);

		ok = e && json_array_append_new(entries, e) == 0;
	}
	ok = ok && put(o, "dir", json_string(t->dir)) && put(o, "source", mtkfw_json_text(t->source)) &&
	     put(o, "note", mtkfw_json_text(t->note)) && put(o, "truncated", json_boolean(t->tree.truncated)) &&
	     put(o, "entries", entries);
	if (!ok) {
		json_decref(entries);
		json_decref(o);
		return NULL;
	}
	return o;
}

int mtkfw_manifest_write(char **out, size_t *len, const mtkfw_manifest *m)
{
	json_t *root, *phone, *files, *trees;
	bool ok;
	char *text;

	if (!m || !out || !len)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	*out = NULL;
	root = json_object();
	phone = json_object();
	files = json_array();
	trees = json_array();
	ok = root && phone && files && trees;
	ok = ok && put(phone, "chip", m->chip[0] ? mtkfw_json_text(m->chip) : json_null()) &&
	     put(phone, "cid", m->has_cid ? hex_json(m->cid, 16) : json_null()) &&
	     put(phone, "boot1_size", m->boot1_size ? u64_json(m->boot1_size) : json_null()) &&
	     put(phone, "user_size", m->user_size ? u64_json(m->user_size) : json_null());
	for (size_t i = 0; ok && i < m->count; i++) {
		json_t *e = item_json(&m->items[i]);

		ok = e && json_array_append_new(files, e) == 0;
	}
	for (size_t i = 0; ok && i < m->tree_count; i++) {
		json_t *e = tree_json(&m->trees[i]);

		ok = e && json_array_append_new(trees, e) == 0;
	}
	/* Keys in the order a person reads them: what, whose, where, which files. */
	ok = ok && put(root, "format", json_string(FORMAT_NAME)) &&
	     put(root, "version", json_integer(MTKFW_MANIFEST_VERSION)) &&
	     put(root, "kind", json_string(mtkfw_manifest_kind_name(m->kind))) &&
	     put(root, "tool", mtkfw_json_text(m->tool)) && put(root, "created", mtkfw_json_text(m->created));
	if (ok) {
		ok = put(root, "phone", phone);
		phone = NULL;
	}
	ok = ok && put(root, "layout", m->layout ? layout_json(m->layout) : json_null());
	if (ok) {
		ok = put(root, "files", files) && put(root, "trees", trees);
		files = trees = NULL;
	}
	json_decref(phone);
	json_decref(files);
	json_decref(trees);
	text = ok ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(root);
	if (!text)
		return mtkfw_seterr(ok ? MTKFW_ERR_NOMEM : MTKFW_ERR_LIMIT,
				    "manifest: %s", ok ? "out of memory" : "a number over 2^63, or out of memory");
	*len = strlen(text);
	/* jansson's allocator is malloc: the caller frees with free(). */
	*out = text;
	if (*len + 1 > MTKFW_MANIFEST_MAX_BYTES) {
		free(text);
		*out = NULL;
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "manifest: over %u bytes", MTKFW_MANIFEST_MAX_BYTES);
	}
	return 0;
}

/* ---- reading ----------------------------------------------------------------------------- */

struct rd {
	const char *src;
	const char *where; /* "files[3]" ... */
};

static int bad(const struct rd *r, const char *key, const char *what)
{
	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s%s%s: %s", r->src, r->where, r->where[0] ? "." : "", key, what);
}

/* A string member (NULL when absent or null if `optional`). */
static int get_str(const struct rd *r, json_t *o, const char *key, bool optional, const char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if ((!v || json_is_null(v)) && optional)
		return 0;
	if (!json_is_string(v))
		return bad(r, key, optional ? "not a string" : "missing, or not a string");
	*out = json_string_value(v);
	return 0;
}

/* A non-negative integer member; `*has` false when absent or null and `has` is given. */
static int get_u64(const struct rd *r, json_t *o, const char *key, bool *has, uint64_t *out)
{
	json_t *v = json_object_get(o, key);

	*out = 0;
	if (has) {
		*has = false;
		if (!v || json_is_null(v))
			return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return bad(r, key, has ? "not a non-negative integer" : "missing, or not a non-negative integer");
	*out = (uint64_t)json_integer_value(v);
	if (has)
		*has = true;
	return 0;
}

static int dup_opt(char **dst, const char *s)
{
	if (!s)
		return 0;
	return (*dst = mtkfw_strdup(s)) ? 0 : MTKFW_ERR_NOMEM;
}

static int read_phone(mtkfw_manifest *m, json_t *o, struct rd *r)
{
	const char *chip, *cid;
	bool has;
	int rc;

	r->where = "phone";
	if (!json_is_object(o))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"phone\" missing, or not an object", r->src);
	if ((rc = get_str(r, o, "chip", true, &chip)) || (rc = get_str(r, o, "cid", true, &cid)) ||
	    (rc = get_u64(r, o, "boot1_size", &has, &m->boot1_size)) || (rc = get_u64(r, o, "user_size", &has, &m->user_size)))
		return rc;
	if (chip && !mtkfwi_manifest_safe_name(chip, sizeof(m->chip)))
		return bad(r, "chip", "not a chip name");
	if (chip)
		snprintf(m->chip, sizeof(m->chip), "%s", chip);
	if (cid && mtkfw_hex_decode(cid, m->cid, 16))
		return bad(r, "cid", "not 32 hex digits");
	m->has_cid = cid != NULL;
	return 0;
}

static int format_parse(const char *word)
{
	for (int f = MTKFW_LAYOUT_YAML; f <= MTKFW_LAYOUT_DUMCHAR; f++)
		if (!strcmp(word, mtkfw_layout_format_name(f)))
			return f;
	return MTKFW_LAYOUT_NONE;
}

static int read_layout(mtkfw_manifest *m, json_t *o, struct rd *r)
{
	json_t *parts = json_object_get(o, "partitions");
	const char *fmt, *source;
	char where[48];
	size_t i;
	json_t *e;
	int rc;

	r->where = "layout";
	if (!json_is_object(o))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"layout\" is neither an object nor null", r->src);
	if ((rc = get_str(r, o, "format", false, &fmt)) || (rc = get_str(r, o, "source", true, &source)))
		return rc;
	if (!json_is_array(parts))
		return bad(r, "partitions", "missing, or not an array");
	if (json_array_size(parts) > MTKFW_LAYOUT_MAX_PARTS)
		return bad(r, "partitions", "more partitions than a layout may have");
	if ((rc = mtkfw_layout_new(&m->layout, format_parse(fmt))) || (rc = dup_opt(&m->layout->source, source)))
		return rc;
	json_array_foreach(parts, i, e) {
		const char *name, *area;
		struct mtkfw_partition *p;

		snprintf(where, sizeof(where), "layout.partitions[%zu]", i);
		r->where = where;
		if (!json_is_object(e))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s is not an object", r->src, where);
		if ((rc = get_str(r, e, "name", false, &name)) || (rc = get_str(r, e, "area", false, &area)))
			return rc;
		/* Names are kept as the table wrote them (even ""): data, never a file name. */
		if (strlen(name) > 255)
			return bad(r, "name", "longer than a partition name may be");
		if ((rc = mtkfw_layout_add(&p, m->layout, name)))
			return rc;
		for (p->area = MTKFW_AREA_NAND; p->area > MTKFW_AREA_UNKNOWN && strcmp(area, mtkfw_area_name(p->area));)
			p->area--;
		if (p->area == MTKFW_AREA_UNKNOWN && strcmp(area, mtkfw_area_name(MTKFW_AREA_UNKNOWN)))
			return bad(r, "area", "not an eMMC area");
		if ((rc = get_u64(r, e, "start", &p->has_start, &p->start)) ||
		    (rc = get_u64(r, e, "size", &p->has_size, &p->size)) ||
		    (rc = get_u64(r, e, "linear_start", NULL, &p->linear_start)))
			return rc;
	}
	return 0;
}

static int read_item(mtkfw_manifest *m, json_t *e, struct rd *r)
{
	struct mtkfw_manifest_item it;

	memset(&it, 0, sizeof(it));
	const char *name, *file, *area, *sha;
	int rc;

	if (!json_is_object(e))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s is not an object", r->src, r->where);
	if ((rc = get_str(r, e, "name", false, &name)) || (rc = get_str(r, e, "file", false, &file)) ||
	    (rc = get_str(r, e, "area", false, &area)) || (rc = get_str(r, e, "sha256", false, &sha)) ||
	    (rc = get_u64(r, e, "offset", NULL, &it.offset)) || (rc = get_u64(r, e, "size", NULL, &it.size)))
		return rc;
	if (strlen(name) >= sizeof(it.name) || strlen(file) >= sizeof(it.file))
		return bad(r, strlen(name) >= sizeof(it.name) ? "name" : "file", "too long");
	snprintf(it.name, sizeof(it.name), "%s", name);
	snprintf(it.file, sizeof(it.file), "%s", file);
	if ((it.area = mtkfwi_manifest_area_parse(area)) == MTKFW_AREA_UNKNOWN)
		return bad(r, "area", "not boot1, boot2 or user");
	if (mtkfw_hex_decode(sha, it.sha256, 32))
		return bad(r, "sha256", "not 64 hex digits");
	if ((rc = mtkfw_manifest_add_item(m, &it)))
		return mtkfw_seterr_prefix(r->src);
	return 0;
}

static int read_node(mtkfw_ext4_node *n, json_t *e, struct rd *r)
{
	const char *path, *type, *sha, *target, *skipped;
	uint64_t mode, uid, gid;
	int rc;

	if (!json_is_object(e))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s is not an object", r->src, r->where);
	if ((rc = get_str(r, e, "path", false, &path)) || (rc = get_str(r, e, "type", false, &type)) ||
	    (rc = get_str(r, e, "sha256", true, &sha)) || (rc = get_str(r, e, "target", true, &target)) ||
	    (rc = get_str(r, e, "skipped", true, &skipped)) || (rc = get_u64(r, e, "mode", NULL, &mode)) ||
	    (rc = get_u64(r, e, "uid", NULL, &uid)) || (rc = get_u64(r, e, "gid", NULL, &gid)) ||
	    (rc = get_u64(r, e, "size", NULL, &n->size)))
		return rc;
	n->type = mtkfw_ext4_type_parse(type);
	if (n->type == MTKFW_EXT4_UNKNOWN && strcmp(type, "unknown"))
		return bad(r, "type", "not a node type");
	if (mode > 07777 || uid > UINT32_MAX || gid > UINT32_MAX)
		return bad(r, mode > 07777 ? "mode" : "uid", "out of range");
	n->mode = (uint32_t)mode;
	n->uid = (uint32_t)uid;
	n->gid = (uint32_t)gid;
	if (!mtkfwi_manifest_safe_path(path))
		return bad(r, "path", "not a path inside the tree's folder");
	if (skipped && !mtkfwi_manifest_safe_name(skipped, sizeof(n->skipped)))
		return bad(r, "skipped", "not a reason word");
	if (skipped)
		snprintf(n->skipped, sizeof(n->skipped), "%s", skipped);
	/* A hash exactly where the writer puts one: a copied file. */
	if ((n->type == MTKFW_EXT4_FILE && !skipped) != (sha != NULL))
		return bad(r, "sha256", "given where nothing was copied, or missing for a copied file");
	if (sha && mtkfw_hex_decode(sha, n->sha256, 32))
		return bad(r, "sha256", "not 64 hex digits");
	if (target && (n->type != MTKFW_EXT4_SYMLINK || !mtkfwi_manifest_word(target) || strlen(target) > MTKFW_EXT4_TREE_PATH))
		return bad(r, "target", "only a symbolic link has one: printable, at most 1024 bytes");
	if (!(n->path = mtkfw_strdup(path)) || (target && !(n->target = mtkfw_strdup(target))))
		return MTKFW_ERR_NOMEM;
	return 0;
}

static int read_tree(mtkfw_manifest *m, json_t *o, struct rd *r, size_t index)
{
	json_t *entries = json_object_get(o, "entries"), *trunc = json_object_get(o, "truncated"), *e;
	const char *dir, *source, *note;
	mtkfw_ext4_tree t = { 0 };
	char where[64];
	size_t i;
	int rc;

	snprintf(where, sizeof(where), "trees[%zu]", index);
	r->where = where;
	if (!json_is_object(o))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s is not an object", r->src, where);
	if ((rc = get_str(r, o, "dir", false, &dir)) || (rc = get_str(r, o, "source", true, &source)) ||
	    (rc = get_str(r, o, "note", true, &note)))
		return rc;
	if (!json_is_array(entries))
		return bad(r, "entries", "missing, or not an array");
	if (json_array_size(entries) > MTKFW_EXT4_TREE_NODES)
		return bad(r, "entries", "more entries than a copied tree may have");
	if (trunc && !json_is_boolean(trunc))
		return bad(r, "truncated", "not true or false");
	t.truncated = json_is_true(trunc);
	if (json_array_size(entries) && !(t.nodes = mtkfw_calloc(json_array_size(entries), sizeof(*t.nodes))))
		return MTKFW_ERR_NOMEM;
	json_array_foreach(entries, i, e) {
		snprintf(where, sizeof(where), "trees[%zu].entries[%zu]", index, i);
		t.count++;
		if ((rc = read_node(&t.nodes[i], e, r)))
			break;
		if (t.nodes[i].type == MTKFW_EXT4_FILE && !t.nodes[i].skipped[0])
			t.bytes += t.nodes[i].size;
	}
	if (!rc && (rc = mtkfw_manifest_add_tree(m, dir, source, note, &t)))
		mtkfw_seterr_prefix(r->src);
	mtkfw_ext4_tree_clear(&t);
	return rc;
}

int mtkfwi_manifest_parse_json(mtkfw_manifest *m, const char *text, size_t len, const char *name)
{
	struct rd r = { name, "" };
	json_error_t err;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err), *layout, *files, *trees, *e;
	const char *fmt, *kind, *tool, *created;
	uint64_t version;
	size_t i;
	int rc;

	if (!root)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s", name, err.line, err.text);
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")), FORMAT_NAME)) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: JSON, but not an mtkfw manifest (no \"format\": \"%s\")", name,
				  FORMAT_NAME);
		goto out;
	}
	if ((rc = get_str(&r, root, "format", false, &fmt)) || (rc = get_u64(&r, root, "version", NULL, &version)))
		goto out;
	if (version == 0 || version > MTKFW_MANIFEST_VERSION) {
		rc = mtkfw_seterr(version ? MTKFW_ERR_UNSUPPORTED : MTKFW_ERR_FORMAT,
				  "%s: manifest version %llu; this mtkfw reads 1 to %d%s", name, (unsigned long long)version,
				  MTKFW_MANIFEST_VERSION, version ? ": a newer mtkfw wrote it" : "");
		goto out;
	}
	m->version = (unsigned)version;
	if ((rc = get_str(&r, root, "kind", false, &kind)) || (rc = get_str(&r, root, "tool", true, &tool)) ||
	    (rc = get_str(&r, root, "created", true, &created)))
		goto out;
	if ((m->kind = mtkfw_manifest_kind_parse(kind)) < 0) {
		rc = bad(&r, "kind", "not backup, partitions or dump");
		goto out;
	}
	if ((rc = dup_opt(&m->tool, tool)) || (rc = dup_opt(&m->created, created)) ||
	    (rc = read_phone(m, json_object_get(root, "phone"), &r)))
		goto out;
	layout = json_object_get(root, "layout");
	if (layout && !json_is_null(layout) && (rc = read_layout(m, layout, &r)))
		goto out;
	r.where = "";
	files = json_object_get(root, "files");
	trees = json_object_get(root, "trees");
	if (!json_is_array(files) || (trees && !json_is_null(trees) && !json_is_array(trees))) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"%s\" is not an array", name, json_is_array(files) ? "trees" : "files");
		goto out;
	}
	if (json_array_size(files) > MTKFW_MANIFEST_MAX_ITEMS || json_array_size(trees) > MTKFW_MANIFEST_MAX_TREES) {
		rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more files or trees than a manifest may have", name);
		goto out;
	}
	json_array_foreach(files, i, e) {
		char where[32];

		snprintf(where, sizeof(where), "files[%zu]", i);
		r.where = where;
		if ((rc = read_item(m, e, &r)))
			goto out;
	}
	json_array_foreach(trees, i, e)
		if ((rc = read_tree(m, e, &r, i)))
			goto out;
out:
	json_decref(root);
	return rc;
}
