/*
 * Sharing what a shop knows: the catalogue (fingerprints, files' hashes, labels, outcomes; no
 * firmware bytes) as JSON lines — a header line naming the format and its version, then one
 * line per package. Importing matches packages by their content hash: a package the library
 * has already gets the labels and outcomes it lacks; one it does not have is kept as
 * "imported" (its files are elsewhere), so a match can still name it. An export is untrusted
 * input: every line, count and string is bounded and checked, and a bad line fails the whole
 * import, which is one transaction.
 */
#include "core/file.h"
#include "core/internal.h"
#include "core/json_text.h"
#include "catalog/catalog_internal.h"
#include "catalog/exchange.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

#define FORMAT_NAME "mtkfw-library"
#define FORMAT_VERSION 1
#define LINE_MAX_BYTES (8u << 20) /* one package with its fingerprint and outcomes */
#define FILES_MAX 10000
#define LABELS_MAX 1000
#define OUTCOMES_MAX 10000

/* ---- export -------------------------------------------------------------------------------- */

static json_t *str(const char *s)
{
	return mtkfw_json_text(s);
}

static int put_line(struct mtkfw_atomic *a, json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	int rc;

	json_decref(o);
	if (!s)
		return mtkfw_nomem();
	rc = mtkfw_atomic_write(a, s, strlen(s));
	if (!rc)
		rc = mtkfw_atomic_write(a, "\n", 1);
	free(s);
	return rc;
}

static json_t *package_line(struct cdb *db, struct cdb_stmt *st, int *rc)
{
	int64_t id = mtkfwi_cdb_int(st, 0);
	const char *fp = mtkfwi_cdb_text(st, 8);
	json_t *o = json_object(), *files = json_array(), *labels = json_array(), *outs = json_array();
	struct cdb_stmt *q = NULL;

	json_object_set_new(o, "type", json_string("package"));
	json_object_set_new(o, "hash", str(mtkfwi_cdb_text(st, 1)));
	json_object_set_new(o, "path", str(mtkfwi_cdb_text(st, 2)));
	json_object_set_new(o, "kind", str(mtkfwi_cdb_text(st, 3)));
	json_object_set_new(o, "state", str(mtkfwi_cdb_text(st, 4)));
	json_object_set_new(o, "error", str(mtkfwi_cdb_text(st, 5)));
	json_object_set_new(o, "size", json_integer(mtkfwi_cdb_int(st, 6)));
	json_object_set_new(o, "checksum", str(mtkfwi_cdb_text(st, 7)));
	json_object_set_new(o, "shop", str(mtkfwi_cdb_text(st, 9)));
	json_object_set_new(o, "fingerprint", fp ? json_loads(fp, 0, NULL) : json_null());
	*rc = mtkfwi_cdb_query(&q, db, "SELECT rel, size, sha256, hashed, checksum FROM files WHERE package_id = ? ORDER BY rel",
			"i", id);
	while (cdb_next(q, rc))
		json_array_append_new(files, json_pack("{s:o, s:I, s:o, s:b, s:o}", "name", str(mtkfwi_cdb_text(q, 0)), "size",
						       (json_int_t)mtkfwi_cdb_int(q, 1), "sha256", str(mtkfwi_cdb_text(q, 2)), "sampled",
						       mtkfwi_cdb_text(q, 3) && !strcmp(mtkfwi_cdb_text(q, 3), "sample"), "checksum",
						       str(mtkfwi_cdb_text(q, 4))));
	mtkfwi_cdb_done(q);
	q = NULL;
	if (!*rc)
		*rc = mtkfwi_cdb_query(&q, db, "SELECT text, created_at FROM labels WHERE package_id = ? ORDER BY id", "i", id);
	while (cdb_next(q, rc))
		json_array_append_new(labels, json_pack("{s:o, s:I}", "text", str(mtkfwi_cdb_text(q, 0)), "time",
							(json_int_t)mtkfwi_cdb_int(q, 1)));
	mtkfwi_cdb_done(q);
	q = NULL;
	if (!*rc)
		*rc = mtkfwi_cdb_query(&q, db,
				"SELECT result, note, phone_cid, phone_key, phone, created_at FROM outcomes WHERE package_id = ? "
				"ORDER BY id",
				"i", id);
	while (cdb_next(q, rc))
		json_array_append_new(outs, json_pack("{s:o, s:o, s:o, s:o, s:o, s:I}", "result", str(mtkfwi_cdb_text(q, 0)), "note",
						      str(mtkfwi_cdb_text(q, 1)), "phone_cid", str(mtkfwi_cdb_text(q, 2)), "phone_key",
						      str(mtkfwi_cdb_text(q, 3)), "phone",
						      mtkfwi_cdb_text(q, 4) ? json_loads(mtkfwi_cdb_text(q, 4), 0, NULL) : json_null(),
						      "time", (json_int_t)mtkfwi_cdb_int(q, 5)));
	mtkfwi_cdb_done(q);
	json_object_set_new(o, "files", files);
	json_object_set_new(o, "labels", labels);
	json_object_set_new(o, "outcomes", outs);
	return o;
}

int mtkfw_catalog_export(size_t *count, mtkfw_catalog *cat, const char *file)
{
	struct mtkfw_atomic a;
	struct cdb_stmt *st = NULL;
	int64_t n = 0;
	int rc;

	*count = 0;
	if ((rc = mtkfwi_cdb_run(cat->db, &n, "SELECT count(*) FROM packages WHERE content_hash IS NOT NULL", "")) != 0)
		return rc;
	if ((rc = mtkfw_atomic_open(&a, file)) != 0)
		return rc;
	rc = put_line(&a, json_pack("{s:s, s:s, s:i, s:I, s:I}", "type", "header", "format", FORMAT_NAME, "version",
				    FORMAT_VERSION, "time", (json_int_t)time(NULL), "packages", (json_int_t)n));
	if (!rc)
		rc = mtkfwi_cdb_query(&st, cat->db,
			       "SELECT id, content_hash, path, kind, state, error, size, checksum, "
			       "(SELECT profile FROM fingerprints f WHERE f.package_id = packages.id), shop FROM packages "
			       "WHERE content_hash IS NOT NULL ORDER BY id",
			       "");
	while (cdb_next(st, &rc)) {
		json_t *o = package_line(cat->db, st, &rc);

		if (rc) {
			json_decref(o);
			break;
		}
		if ((rc = put_line(&a, o)) != 0)
			break;
		(*count)++;
	}
	mtkfwi_cdb_done(st);
	if (rc) {
		mtkfw_atomic_abort(&a);
		return rc;
	}
	return mtkfw_atomic_commit(&a);
}

/* ---- import -------------------------------------------------------------------------------- */

struct imp {
	struct cdb *db;
	const char *origin;
	struct mtkfw_catalog_import_report *r;
	size_t line;
	int64_t now;
};

static int bad(struct imp *x, const char *what)
{
	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: %s", x->origin, x->line, what);
}

static const char *get_s(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool is_hex(const char *s, size_t n)
{
	if (!s || strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* Text a label, note or name may be: a string, bounded, no control characters. */
static bool plain(const char *s, size_t max)
{
	size_t n;

	if (!s || (n = strlen(s)) > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static const char *kind_of(const char *k)
{
	static const char *const kinds[] = { "package", "parts", "part", "readback", "backup", "archive" };

	for (size_t i = 0; k && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(k, kinds[i]) == 0)
			return kinds[i];
	return NULL;
}

static int known_by_hash(struct imp *x, const char *hash, int64_t *id)
{
	*id = 0;
	return mtkfwi_cdb_run(x->db, id, "SELECT id FROM packages WHERE content_hash = ? ORDER BY id LIMIT 1", "s", hash);
}

/* A package the library does not have (or another shop's copy of one it has): kept as imported,
 * held by `shop`, its fingerprint indexed as ours are. */
static int add_imported(struct imp *x, json_t *o, const char *hash, const char *shop, int64_t *id)
{
	struct cat_pkg p = { 0 };
	json_t *fp = json_object_get(o, "fingerprint"), *files = json_object_get(o, "files"), *f;
	const char *path = get_s(o, "path"), *kind = kind_of(get_s(o, "kind")), *err = get_s(o, "error");
	int64_t taken = 0;
	int change, rc = 0;
	size_t i;

	if (!plain(path, 4096) || path[0] != '/' || !kind || !json_is_object(fp) || (files && !json_is_array(files)) ||
	    json_array_size(files) > FILES_MAX || (err && !plain(err, 2048)))
		return bad(x, "a package needs an absolute path, a kind, a fingerprint object and at most 10000 files");
	/* The path may be taken at the same shop (another content there before) or by a row of no
	 * shop: the import's row is then told apart by where it came from. Another shop's row at
	 * the same path is no clash (schema 4). A row from an export of no shop clashes with any. */
	if ((rc = shop ? mtkfwi_cdb_run(x->db, &taken, "SELECT id FROM packages WHERE path = ? AND " CAT_SHOP_HERE " LIMIT 1",
					"ss", path, shop)
		       : mtkfwi_cdb_run(x->db, &taken, "SELECT id FROM packages WHERE path = ? LIMIT 1", "s", path)) != 0)
		return rc;
	if (taken ? asprintf(&p.path, "%s:%s", x->origin, path) < 0 : !(p.path = mtkfw_strdup(path)))
		return mtkfw_nomem();
	p.kind = kind;
	p.origin = x->origin;
	p.shop = shop;
	memcpy(p.content_hash, hash, 65);
	if (err && !(p.error = mtkfw_strdup(err))) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	{
		char *text = json_dumps(fp, JSON_COMPACT);

		if (!text) {
			rc = mtkfw_nomem();
			goto out;
		}
		rc = mtkfw_target_from_json(&p.target, text, strlen(text), x->origin);
		free(text);
		if (rc) {
			rc = bad(x, mtkfw_error_last()->message);
			goto out;
		}
		p.has_target = true;
	}
	json_array_foreach(files, i, f) {
		const char *name = get_s(f, "name"), *sha = get_s(f, "sha256"), *ck = get_s(f, "checksum");
		json_t *size = json_object_get(f, "size");
		struct cat_file *cf;

		if (!plain(name, 1024) || !json_is_integer(size) || json_integer_value(size) < 0 ||
		    (sha && !is_hex(sha, 64))) {
			rc = bad(x, "a file needs a name, a size and a SHA-256 of 64 lowercase hex digits or null");
			goto out;
		}
		if ((rc = mtkfwi_cat_files_add(&p.files, name, NULL, (uint64_t)json_integer_value(size), 0)) != 0)
			goto out;
		cf = &p.files.items[p.files.count - 1];
		if (sha)
			memcpy(cf->sha256, sha, 65);
		cf->sampled = json_is_true(json_object_get(f, "sampled"));
		cf->checksum = ck && !strcmp(ck, "ok") ? "ok" : ck && !strcmp(ck, "mismatch") ? "mismatch"
			       : ck && !strcmp(ck, "unchecked") ? "unchecked" : NULL;
		p.size += cf->size;
	}
	{
		const char *ck = get_s(o, "checksum");

		p.checksum = ck && !strcmp(ck, "valid") ? "valid" : ck && !strcmp(ck, "invalid") ? "invalid"
			     : ck && !strcmp(ck, "partial") ? "partial" : NULL;
	}
	rc = mtkfwi_cat_store(x->db, &p, x->now, id, &change);
out:
	mtkfwi_cat_pkg_free(&p);
	return rc;
}

static int import_notes(struct imp *x, json_t *o, int64_t id)
{
	json_t *labels = json_object_get(o, "labels"), *outs = json_object_get(o, "outcomes"), *v;
	bool relabel = false;
	size_t i;
	int rc = 0;

	if ((labels && !json_is_array(labels)) || (outs && !json_is_array(outs)) || json_array_size(labels) > LABELS_MAX ||
	    json_array_size(outs) > OUTCOMES_MAX)
		return bad(x, "labels and outcomes are arrays of at most 1000 and 10000");
	json_array_foreach(labels, i, v) {
		const char *text = get_s(v, "text");
		json_t *t = json_object_get(v, "time");
		int64_t before = 0, after = 0;

		if (!plain(text, 200) || !*text || !json_is_integer(t))
			return bad(x, "a label needs text (at most 200 bytes) and a time");
		rc = mtkfwi_cdb_run(x->db, &before, "SELECT count(*) FROM labels WHERE package_id = ?", "i", id);
		if (!rc)
			rc = mtkfwi_cdb_run(x->db, NULL,
				     "INSERT INTO labels (package_id, text, created_at, origin) VALUES (?, ?, ?, ?) "
				     "ON CONFLICT (package_id, text) DO NOTHING",
				     "isis", id, text, (int64_t)json_integer_value(t), x->origin);
		if (!rc)
			rc = mtkfwi_cdb_run(x->db, &after, "SELECT count(*) FROM labels WHERE package_id = ?", "i", id);
		if (rc)
			return rc;
		if (after > before) {
			x->r->labels++;
			relabel = true;
		}
	}
	json_array_foreach(outs, i, v) {
		const char *res = get_s(v, "result"), *note = get_s(v, "note"), *cid = get_s(v, "phone_cid"),
			   *key = get_s(v, "phone_key");
		json_t *t = json_object_get(v, "time"), *phone = json_object_get(v, "phone");
		int64_t seen = 0;
		char *pj = NULL;

		if (mtkfw_catalog_result_parse(res) < 0 || !json_is_integer(t) || (note && !plain(note, 2000)) ||
		    (cid && !is_hex(cid, 32)) || !key || !(is_hex(key, 32) || is_hex(key, 64)) ||
		    (phone && !json_is_object(phone) && !json_is_null(phone)))
			return bad(x, "an outcome needs a known result, a time, a phone key and a CID of 32 hex digits or null");
		rc = mtkfwi_cdb_run(x->db, &seen,
			     "SELECT count(*) FROM outcomes WHERE package_id = ? AND phone_key = ? AND result = ? AND created_at = ?",
			     "issi", id, key, res, (int64_t)json_integer_value(t));
		if (rc)
			return rc;
		if (seen)
			continue;
		if (json_is_object(phone) && !(pj = json_dumps(phone, JSON_COMPACT)))
			return mtkfw_nomem();
		rc = mtkfwi_cdb_run(x->db, NULL,
			     "INSERT INTO outcomes (package_id, result, note, phone_cid, phone_key, phone, created_at, origin) "
			     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			     "isssssis", id, res, note, cid, key, pj, (int64_t)json_integer_value(t), x->origin);
		free(pj);
		if (rc)
			return rc;
		x->r->outcomes++;
	}
	if (json_array_size(outs) && (rc = mtkfwi_cat_count_outcomes(x->db, id)) != 0)
		return rc;
	return relabel ? mtkfwi_cat_reindex(x->db, id) : 0;
}

static int import_line(struct imp *x, const char *line, size_t len)
{
	json_error_t err;
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	const char *type, *hash, *shop;
	int64_t id = 0;
	int rc = 0;

	if (!o || !json_is_object(o)) {
		json_decref(o);
		return bad(x, o ? "not a JSON object" : err.text);
	}
	type = get_s(o, "type");
	if (x->line == 1) {
		json_t *v = json_object_get(o, "version");

		if (!type || strcmp(type, "header") || !get_s(o, "format") || strcmp(get_s(o, "format"), FORMAT_NAME) ||
		    !json_is_integer(v))
			rc = bad(x, "not an mtkfw library export (no header line naming the format)");
		else if (json_integer_value(v) < 1 || json_integer_value(v) > FORMAT_VERSION)
			rc = mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: an export of version %lld; this mtkfw reads up to %d",
					  x->origin, (long long)json_integer_value(v), FORMAT_VERSION);
		json_decref(o);
		return rc;
	}
	if (!type || strcmp(type, "package")) {
		json_decref(o);
		return 0; /* a later version's other lines: passed over */
	}
	hash = get_s(o, "hash");
	if (!is_hex(hash, 64)) {
		json_decref(o);
		return bad(x, "a package's \"hash\" is not 64 lowercase hex digits");
	}
	shop = get_s(o, "shop");
	if (json_object_get(o, "shop") && !json_is_null(json_object_get(o, "shop")) && (!plain(shop, 64) || !*shop)) {
		json_decref(o);
		return bad(x, "a package's \"shop\" is a name of 1 to 64 bytes without control characters, or null");
	}
	x->r->packages++;
	rc = known_by_hash(x, hash, &id);
	if (!rc && id) {
		int64_t here = 0, loc = 0;

		x->r->known++;
		/* Known content, but held by a shop this library has no copy from: that shop's copy
		 * is recorded too (the labels and outcomes join the package already here). */
		if (shop && !(rc = mtkfwi_cdb_run(x->db, &here, "SELECT count(*) FROM packages WHERE content_hash = ? AND shop = ?",
						  "ss", hash, shop)) && !here)
			rc = add_imported(x, o, hash, shop, &loc);
	} else if (!rc && (rc = add_imported(x, o, hash, shop, &id)) == 0) {
		x->r->added++;
	}
	if (!rc)
		rc = import_notes(x, o, id);
	json_decref(o);
	return rc;
}

static int import_end(struct imp *x, int rc)
{
	int e;

	if (!rc && x->line == 0)
		rc = bad(x, "empty: not an mtkfw library export");
	e = mtkfwi_cdb_end(x->db, rc == 0);
	return rc ? rc : e;
}

int mtkfwi_cat_import_text(struct mtkfw_catalog_import_report *out, mtkfw_catalog *cat, const char *text, size_t len,
		    const char *origin)
{
	struct imp x = { cat->db, origin, out, 0, (int64_t)time(NULL) };
	size_t pos = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = mtkfwi_cdb_begin(cat->db)) != 0)
		return rc;
	while (!rc && pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - text - pos) : len - pos;

		x.line++;
		if (n > LINE_MAX_BYTES)
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %zu is over %u bytes", origin, x.line, LINE_MAX_BYTES);
		else if (n || x.line == 1)
			rc = import_line(&x, text + pos, n);
		pos += n + 1;
	}
	return import_end(&x, rc);
}

/* One line of `f` into *buf (without its newline), at most LINE_MAX_BYTES: 1 a line, 0 the
 * end, or an error. */
static int read_line(FILE *f, const char *name, size_t lineno, char **buf, size_t *cap, size_t *len)
{
	*len = 0;
	for (;;) {
		int c;

		if (*len + 1 >= *cap) {
			size_t ncap = *cap ? 2 * *cap : 1u << 16;
			char *nb;

			if (*cap > LINE_MAX_BYTES)
				return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %zu is over %u bytes", name, lineno, LINE_MAX_BYTES);
			if (!(nb = realloc(*buf, ncap)))
				return mtkfw_nomem();
			*buf = nb;
			*cap = ncap;
		}
		c = getc_unlocked(f);
		if (c == EOF) {
			if (ferror(f))
				return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", name, strerror(errno));
			return *len ? 1 : 0;
		}
		if (c == '\n')
			return 1;
		(*buf)[(*len)++] = (char)c;
	}
}

int mtkfw_catalog_import(struct mtkfw_catalog_import_report *out, mtkfw_catalog *cat, const char *file)
{
	const char *name = mtkfw_path_base(file);
	struct imp x = { cat->db, name, out, 0, (int64_t)time(NULL) };
	FILE *f = mtkfw_fopen_input(file);
	char *buf = NULL;
	size_t cap = 0, len = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!f)
		return mtkfw_error_last()->code;
	/* Line by line: an export of a large library is never read whole. */
	rc = mtkfwi_cdb_begin(cat->db);
	while (!rc && (rc = read_line(f, name, x.line + 1, &buf, &cap, &len)) == 1) {
		x.line++;
		rc = len || x.line == 1 ? import_line(&x, buf, len) : 0;
	}
	free(buf);
	fclose(f);
	if ((rc = import_end(&x, rc)) == 0)
		mtkfwi_cdb_analyze(cat->db, out->added);
	return rc;
}
