/*
 * What people learnt about a package: the labels read off a board, and what happened when it
 * was flashed onto a phone. Both are written in one short transaction each, and a label goes
 * into the package's full-text document at once.
 */
#include "core/hash.h"
#include "core/internal.h"
#include "catalog/catalog_internal.h"

#include <time.h>

#define LABEL_MAX 200
#define NOTE_MAX 2000

/* Text people typed: bounded, no control characters (it is shown and exported as is). */
static int plain_text(const char *what, const char *s, size_t max, bool empty_ok)
{
	size_t n = s ? strlen(s) : 0;

	if (!n && !empty_ok)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library: an empty %s", what);
	if (n > max)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "library: a %s of %zu bytes (at most %zu)", what, n, max);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "library: a %s with a control character", what);
	return 0;
}

static int exists(struct cdb *db, int64_t id)
{
	int64_t found = 0;
	int rc = mtkfwi_cdb_run(db, &found, "SELECT id FROM packages WHERE id = ?", "i", id);

	if (!rc && !found)
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "library: no package %lld", (long long)id);
	return rc;
}

int mtkfw_catalog_label(mtkfw_catalog *cat, int64_t id, const char *text)
{
	struct cdb *db = cat->db;
	int rc = plain_text("label", text, LABEL_MAX, false);

	if (rc)
		return rc;
	if ((rc = mtkfwi_cdb_begin(db)) != 0)
		return rc;
	rc = exists(db, id);
	if (!rc)
		rc = mtkfwi_cdb_run(db, NULL,
			     "INSERT INTO labels (package_id, text, created_at) VALUES (?, ?, ?) "
			     "ON CONFLICT (package_id, text) DO NOTHING",
			     "isi", id, text, (int64_t)time(NULL));
	if (!rc)
		rc = mtkfwi_cat_reindex(db, id);
	{
		int e = mtkfwi_cdb_end(db, rc == 0);

		return rc ? rc : e;
	}
}

/* What tells one phone from another when successes are counted: its CID, else a hash of its
 * fingerprint. */
static int phone_key(const struct mtkfw_target *t, const char *json, char out[65])
{
	uint8_t d[32];
	int rc;

	if (t->has_cid) {
		mtkfwi_cat_hex(out, t->cid, 16);
		return 0;
	}
	if ((rc = mtkfw_sha256(d, json, strlen(json))))
		return rc;
	mtkfwi_cat_hex(out, d, 32);
	return 0;
}

int mtkfw_catalog_report(mtkfw_catalog *cat, int64_t id, const struct mtkfw_target *phone, int result,
			 const char *note)
{
	struct cdb *db = cat->db;
	char *json = NULL, key[65], cid[33];
	int rc;

	if (!phone || !mtkfw_catalog_result_name(result))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library report: no phone, or an unknown result");
	if ((rc = plain_text("note", note, NOTE_MAX, true)) != 0)
		return rc;
	if ((rc = mtkfw_target_to_json(&json, phone, phone->path)) != 0)
		return rc;
	rc = phone_key(phone, json, key);
	if (phone->has_cid)
		mtkfwi_cat_hex(cid, phone->cid, 16);
	if (!rc)
		rc = mtkfwi_cdb_begin(db);
	if (!rc) {
		rc = exists(db, id);
		if (!rc)
			rc = mtkfwi_cdb_run(db, NULL,
				     "INSERT INTO outcomes (package_id, result, note, phone_cid, phone_key, phone, created_at) "
				     "VALUES (?, ?, ?, ?, ?, ?, ?)",
				     "isssssi", id, mtkfw_catalog_result_name(result), note && *note ? note : NULL,
				     phone->has_cid ? cid : NULL, key, json, (int64_t)time(NULL));
		if (!rc)
			rc = mtkfwi_cat_count_outcomes(db, id);
		{
			int e = mtkfwi_cdb_end(db, rc == 0);

			rc = rc ? rc : e;
		}
	}
	free(json);
	return rc;
}
