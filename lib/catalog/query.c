/*
 * Reading the catalogue back: list, full-text search, one package in full, forgetting one,
 * and checking what is still on disk.
 */
#include "core/file.h"
#include "core/internal.h"
#include "catalog/catalog_internal.h"
#include "catalog/scan.h"

#include <stdio.h>
#include <sys/stat.h>

static char *dup_or_null(const char *s)
{
	return s ? mtkfw_strdup(s) : NULL;
}

static void entry_clear(struct mtkfw_catalog_entry *e)
{
	free(e->path);
	free(e->kind);
	free(e->state);
	free(e->error);
	free(e->platform);
	free(e->project);
	free(e->model);
	for (size_t i = 0; i < e->label_count; i++)
		free(e->labels[i]);
	free(e->labels);
	memset(e, 0, sizeof(*e));
}

#define ENTRY_COLUMNS "id, path, kind, state, error, platform, project, model"

static int entry_read(struct mtkfw_catalog_entry *e, struct cdb_stmt *st)
{
	memset(e, 0, sizeof(*e));
	e->id = mtkfwi_cdb_int(st, 0);
	e->path = dup_or_null(mtkfwi_cdb_text(st, 1));
	e->kind = dup_or_null(mtkfwi_cdb_text(st, 2));
	e->state = dup_or_null(mtkfwi_cdb_text(st, 3));
	e->error = dup_or_null(mtkfwi_cdb_text(st, 4));
	e->platform = dup_or_null(mtkfwi_cdb_text(st, 5));
	e->project = dup_or_null(mtkfwi_cdb_text(st, 6));
	e->model = dup_or_null(mtkfwi_cdb_text(st, 7));
	if (!e->path || !e->kind || !e->state) {
		entry_clear(e);
		return mtkfw_nomem();
	}
	return 0;
}

static int label_add(struct mtkfw_catalog_entry *e, const char *text)
{
	char **n = mtkfw_reallocarray(e->labels, e->label_count + 1, sizeof(*n));

	if (!n)
		return MTKFW_ERR_NOMEM;
	e->labels = n;
	if (!(n[e->label_count] = mtkfw_strdup(text ? text : "")))
		return MTKFW_ERR_NOMEM;
	e->label_count++;
	return 0;
}

static struct mtkfw_catalog_entry *find_entry(struct mtkfw_catalog_list *l, int64_t id)
{
	size_t lo = 0, hi = l->count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (l->items[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->count && l->items[lo].id == id ? &l->items[lo] : NULL;
}

int mtkfw_catalog_list(struct mtkfw_catalog_list *out, mtkfw_catalog *cat, const char *text)
{
	struct cdb *db = cat->db;
	struct cdb_stmt *st = NULL;
	char *query = NULL, *sql = NULL;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (text) {
		if ((rc = db->be->search_query(&query, text)) != 0)
			return rc;
		if (asprintf(&sql, "SELECT " ENTRY_COLUMNS " FROM packages WHERE id IN (%s) ORDER BY id",
			     db->be->search_match) < 0) {
			free(query);
			return mtkfw_nomem();
		}
		rc = mtkfwi_cdb_query(&st, db, sql, "s", query);
	} else {
		rc = mtkfwi_cdb_query(&st, db, "SELECT " ENTRY_COLUMNS " FROM packages ORDER BY id", "");
	}
	free(sql);
	while (cdb_next(st, &rc)) {
		if (out->count == cap) {
			struct mtkfw_catalog_entry *n = mtkfw_reallocarray(out->items, cap ? 2 * cap : 64, sizeof(*n));

			if (!n) {
				rc = MTKFW_ERR_NOMEM;
				break;
			}
			out->items = n;
			cap = cap ? 2 * cap : 64;
		}
		if ((rc = entry_read(&out->items[out->count], st)) != 0)
			break;
		out->count++;
	}
	mtkfwi_cdb_done(st);
	if (rc < 0)
		goto fail;
	/* The labels, in one pass. */
	if (text)
		rc = asprintf(&sql,
			      "SELECT package_id, text FROM labels WHERE package_id IN (%s) ORDER BY package_id, id",
			      db->be->search_match) < 0
			     ? mtkfw_nomem()
			     : mtkfwi_cdb_query(&st, db, sql, "s", query);
	else
		rc = mtkfwi_cdb_query(&st, db, "SELECT package_id, text FROM labels ORDER BY package_id, id", "");
	free(sql);
	while (cdb_next(st, &rc)) {
		struct mtkfw_catalog_entry *e = find_entry(out, mtkfwi_cdb_int(st, 0));

		if (e && (rc = label_add(e, mtkfwi_cdb_text(st, 1))) != 0)
			break;
	}
	mtkfwi_cdb_done(st);
	if (rc < 0)
		goto fail;
	free(query);
	return 0;
fail:
	free(query);
	mtkfw_catalog_list_clear(out);
	return rc;
}

void mtkfw_catalog_list_clear(struct mtkfw_catalog_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		entry_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ---- one package ------------------------------------------------------------------------- */

static int show_files(struct mtkfw_catalog_package *p, struct cdb *db)
{
	struct cdb_stmt *st = NULL;
	int rc = mtkfwi_cdb_query(&st, db, "SELECT rel, size, mtime, sha256, hashed, checksum FROM files WHERE package_id = ? "
				    "ORDER BY rel",
			   "i", p->entry.id);

	while (cdb_next(st, &rc)) {
		struct mtkfw_catalog_file *n = mtkfw_reallocarray(p->files, p->file_count + 1, sizeof(*n));

		if (!n) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		p->files = n;
		n = &n[p->file_count++];
		memset(n, 0, sizeof(*n));
		n->rel = dup_or_null(mtkfwi_cdb_text(st, 0));
		n->size = (uint64_t)mtkfwi_cdb_int(st, 1);
		n->mtime_ns = mtkfwi_cdb_int(st, 2);
		n->sha256 = dup_or_null(mtkfwi_cdb_text(st, 3));
		n->sampled = mtkfwi_cdb_text(st, 4) && strcmp(mtkfwi_cdb_text(st, 4), "sample") == 0;
		n->checksum = dup_or_null(mtkfwi_cdb_text(st, 5));
		if (!n->rel) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
	}
	mtkfwi_cdb_done(st);
	return rc < 0 ? rc : 0;
}

static int show_notes(struct mtkfw_catalog_package *p, struct cdb *db)
{
	struct cdb_stmt *st = NULL;
	int rc = mtkfwi_cdb_query(&st, db, "SELECT text FROM labels WHERE package_id = ? ORDER BY id", "i", p->entry.id);

	while (cdb_next(st, &rc))
		rc = label_add(&p->entry, mtkfwi_cdb_text(st, 0));
	mtkfwi_cdb_done(st);
	if (rc < 0)
		return rc;
	rc = mtkfwi_cdb_query(&st, db,
		       "SELECT id, result, note, phone_cid, phone_key, created_at, origin FROM outcomes "
		       "WHERE package_id = ? ORDER BY id",
		       "i", p->entry.id);
	while (cdb_next(st, &rc)) {
		struct mtkfw_catalog_outcome *n = mtkfw_reallocarray(p->outcomes, p->outcome_count + 1, sizeof(*n));

		if (!n) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		p->outcomes = n;
		n = &n[p->outcome_count++];
		memset(n, 0, sizeof(*n));
		n->id = mtkfwi_cdb_int(st, 0);
		n->result = dup_or_null(mtkfwi_cdb_text(st, 1));
		n->note = dup_or_null(mtkfwi_cdb_text(st, 2));
		n->phone_cid = dup_or_null(mtkfwi_cdb_text(st, 3));
		n->phone_key = dup_or_null(mtkfwi_cdb_text(st, 4));
		n->created_at = mtkfwi_cdb_int(st, 5);
		n->origin = dup_or_null(mtkfwi_cdb_text(st, 6));
		if (!n->result) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
	}
	mtkfwi_cdb_done(st);
	return rc < 0 ? rc : 0;
}

int mtkfwi_cat_holders(struct mtkfw_catalog_holder **out, size_t *count, struct cdb *db, const char *hash, int64_t id)
{
	struct cdb_stmt *st = NULL;
	int rc;

	*out = NULL;
	*count = 0;
	/* A shop's name sorts before no name; one row per location (path), as the shops recorded them. */
	rc = hash ? mtkfwi_cdb_query(&st, db,
				     "SELECT shop, path FROM packages WHERE content_hash = ? AND state IN ('ok', 'imported') "
				     "ORDER BY shop IS NULL, shop, path",
				     "s", hash)
		  : mtkfwi_cdb_query(&st, db, "SELECT shop, path FROM packages WHERE id = ?", "i", id);
	while (cdb_next(st, &rc)) {
		struct mtkfw_catalog_holder *nn;

		if (*count >= CAT_HOLDERS_MAX)
			continue; /* a content held in thousands of places: the first are told */
		if (!(nn = mtkfw_reallocarray(*out, *count + 1, sizeof(**out)))) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		*out = nn;
		nn[*count].shop = dup_or_null(mtkfwi_cdb_text(st, 0));
		nn[*count].path = dup_or_null(mtkfwi_cdb_text(st, 1));
		(*count)++;
		if (!nn[*count - 1].path) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
	}
	mtkfwi_cdb_done(st);
	if (rc < 0) {
		mtkfwi_cat_holders_free(*out, *count);
		*out = NULL;
		*count = 0;
	}
	return rc < 0 ? rc : 0;
}

void mtkfwi_cat_holders_free(struct mtkfw_catalog_holder *h, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(h[i].shop);
		free(h[i].path);
	}
	free(h);
}

int mtkfw_catalog_show(struct mtkfw_catalog_package *out, mtkfw_catalog *cat, int64_t id)
{
	struct cdb_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = mtkfwi_cdb_query(&st, cat->db,
		       "SELECT " ENTRY_COLUMNS ", archive, content_hash, checksum, origin, size, added_at, seen_at, "
		       "(SELECT profile FROM fingerprints f WHERE f.package_id = packages.id), shop FROM packages WHERE id = ?",
		       "i", id);
	if (rc)
		return rc;
	rc = mtkfwi_cdb_step(st);
	if (rc == 1) {
		rc = entry_read(&out->entry, st);
		out->archive = dup_or_null(mtkfwi_cdb_text(st, 8));
		out->content_hash = dup_or_null(mtkfwi_cdb_text(st, 9));
		out->checksum = dup_or_null(mtkfwi_cdb_text(st, 10));
		out->origin = dup_or_null(mtkfwi_cdb_text(st, 11));
		out->size = (uint64_t)mtkfwi_cdb_int(st, 12);
		out->added_at = mtkfwi_cdb_int(st, 13);
		out->seen_at = mtkfwi_cdb_int(st, 14);
		out->fingerprint = dup_or_null(mtkfwi_cdb_text(st, 15));
		out->shop = dup_or_null(mtkfwi_cdb_text(st, 16));
	} else if (rc == 0) {
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "library: no package %lld", (long long)id);
	}
	mtkfwi_cdb_done(st);
	if (!rc)
		rc = show_files(out, cat->db);
	if (!rc)
		rc = show_notes(out, cat->db);
	if (!rc)
		rc = mtkfwi_cat_holders(&out->shops, &out->shop_count, cat->db, out->content_hash, id);
	if (rc)
		mtkfw_catalog_package_clear(out);
	return rc;
}

void mtkfw_catalog_package_clear(struct mtkfw_catalog_package *p)
{
	if (!p)
		return;
	entry_clear(&p->entry);
	free(p->archive);
	free(p->content_hash);
	free(p->checksum);
	free(p->origin);
	free(p->fingerprint);
	free(p->shop);
	mtkfwi_cat_holders_free(p->shops, p->shop_count);
	for (size_t i = 0; i < p->file_count; i++) {
		free(p->files[i].rel);
		free(p->files[i].sha256);
		free(p->files[i].checksum);
	}
	free(p->files);
	for (size_t i = 0; i < p->outcome_count; i++) {
		free(p->outcomes[i].result);
		free(p->outcomes[i].note);
		free(p->outcomes[i].phone_cid);
		free(p->outcomes[i].phone_key);
		free(p->outcomes[i].origin);
	}
	free(p->outcomes);
	memset(p, 0, sizeof(*p));
}

int mtkfw_catalog_forget(mtkfw_catalog *cat, int64_t id)
{
	struct cdb *db = cat->db;
	int64_t found = 0;
	int rc = mtkfwi_cdb_begin(db);

	if (!rc)
		rc = mtkfwi_cdb_run(db, &found, "SELECT id FROM packages WHERE id = ?", "i", id);
	if (!rc && !found)
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "library: no package %lld", (long long)id);
	if (!rc)
		rc = mtkfwi_cdb_run(db, NULL, db->be->search_drop, "i", id);
	if (!rc)
		rc = mtkfwi_cdb_run(db, NULL, "DELETE FROM packages WHERE id = ?", "i", id);
	{
		int e = mtkfwi_cdb_end(db, rc == 0);

		return rc ? rc : e;
	}
}

/* ---- what is still on disk ------------------------------------------------------------------ */

struct pending {
	int64_t id;
	char *path, *folder, *archive, *kind, *hash;
};

/* The first difference between the files stored for `id` and the folder on disk, or NULL. */
static int compare_disk(struct cdb *db, const struct pending *p, char **detail)
{
	struct cdb_stmt *st = NULL;
	size_t stored = 0;
	int rc;

	*detail = NULL;
	if ((rc = mtkfwi_cdb_query(&st, db, "SELECT rel, size, mtime FROM files WHERE package_id = ? ORDER BY rel", "i", p->id)) != 0)
		return rc;
	while (!*detail && (rc = mtkfwi_cdb_step(st)) == 1) {
		char *path = mtkfw_path_join(p->folder, mtkfwi_cdb_text(st, 0) ? mtkfwi_cdb_text(st, 0) : "");
		struct stat s;

		stored++;
		if (!path) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		if (stat(path, &s) != 0)
			rc = asprintf(detail, "%s is gone", mtkfwi_cdb_text(st, 0)) < 0 ? mtkfw_nomem() : 0;
		else if ((int64_t)s.st_size != mtkfwi_cdb_int(st, 1) ||
			 (int64_t)s.st_mtim.tv_sec * 1000000000 + s.st_mtim.tv_nsec != mtkfwi_cdb_int(st, 2))
			rc = asprintf(detail, "%s changed (size or time)", mtkfwi_cdb_text(st, 0)) < 0 ? mtkfw_nomem() : 0;
		free(path);
	}
	mtkfwi_cdb_done(st);
	if (rc < 0 || *detail || strcmp(p->kind, "part") == 0)
		return rc < 0 ? rc : 0;
	{
		/* Files that came since (a folder package is all of its folder's files). */
		struct scan_dir d;
		size_t now = 0;

		if (mtkfwi_scan_list(&d, p->folder) != 0)
			return 0;
		for (size_t i = 0; i < d.count; i++)
			now += !d.items[i].is_dir && !mtkfwi_scan_archive_name(d.items[i].name);
		mtkfwi_scan_dir_free(&d);
		if (now != stored && asprintf(detail, "%zu files now, %zu when it was added", now, stored) < 0)
			return mtkfw_nomem();
	}
	return 0;
}

static int check_add(struct mtkfw_catalog_check *c, const struct pending *p, int disk, char *detail, char *moved_to)
{
	struct mtkfw_catalog_check_item *n = mtkfw_reallocarray(c->items, c->count + 1, sizeof(*n));

	if (!n) {
		free(detail);
		free(moved_to);
		return MTKFW_ERR_NOMEM;
	}
	c->items = n;
	n = &n[c->count];
	n->id = p->id;
	n->path = mtkfw_strdup(p->path);
	n->disk = disk;
	n->detail = detail;
	n->moved_to = moved_to;
	if (!n->path) {
		free(detail);
		free(moved_to);
		return MTKFW_ERR_NOMEM;
	}
	c->count++;
	return 0;
}

/* Gone here: is the same content known at a path that exists? */
static int moved_to(struct cdb *db, const char *shop, const struct pending *p, char **out)
{
	struct cdb_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (!p->hash)
		return 0;
	if ((rc = mtkfwi_cdb_query(&st, db,
			    "SELECT path, archive FROM packages WHERE content_hash = ? AND id <> ? AND state = 'ok' AND "
			    CAT_SHOP_HERE " ORDER BY id",
			    "sis", p->hash, p->id, shop)) != 0)
		return rc;
	while (!*out && (rc = mtkfwi_cdb_step(st)) == 1) {
		struct stat s;
		const char *a = mtkfwi_cdb_text(st, 1), *path = mtkfwi_cdb_text(st, 0);

		if (path && stat(a ? a : path, &s) == 0 && !(*out = mtkfw_strdup(path)))
			rc = MTKFW_ERR_NOMEM;
	}
	mtkfwi_cdb_done(st);
	return rc < 0 ? rc : 0;
}

int mtkfw_catalog_check(struct mtkfw_catalog_check *out, mtkfw_catalog *cat, mtkfw_ctx *ctx)
{
	struct cdb *db = cat->db;
	struct cdb_stmt *st = NULL;
	struct pending *all = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	/* Only this shop's packages: another shop's files are on its disks, not missing from ours. */
	rc = mtkfwi_cdb_query(&st, db,
		       "SELECT id, path, folder, archive, kind, content_hash FROM packages WHERE state IN ('ok', 'failed', 'gone') "
		       "AND " CAT_SHOP_HERE " ORDER BY id",
		       "s", cat->shop);
	while (cdb_next(st, &rc)) {
		struct pending *nn = mtkfw_reallocarray(all, n + 1, sizeof(*all));

		if (!nn) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		all = nn;
		all[n].id = mtkfwi_cdb_int(st, 0);
		all[n].path = dup_or_null(mtkfwi_cdb_text(st, 1));
		all[n].folder = dup_or_null(mtkfwi_cdb_text(st, 2));
		all[n].archive = dup_or_null(mtkfwi_cdb_text(st, 3));
		all[n].kind = dup_or_null(mtkfwi_cdb_text(st, 4));
		all[n].hash = dup_or_null(mtkfwi_cdb_text(st, 5));
		n++;
	}
	mtkfwi_cdb_done(st);
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		const struct pending *p = &all[i];
		struct stat s;
		char *detail = NULL, *to = NULL;

		if ((rc = mtkfw_progress(ctx, "library check", i, n)) != 0)
			break;
		if (!p->path || !p->kind)
			continue;
		out->checked++;
		if (stat(p->archive ? p->archive : p->path, &s) != 0) {
			rc = moved_to(db, cat->shop, p, &to);
			if (!rc)
				rc = check_add(out, p, to ? MTKFW_CATALOG_DISK_MOVED : MTKFW_CATALOG_DISK_GONE, NULL, to);
			continue;
		}
		if (p->archive) {
			int64_t same = 0;

			/* This shop's record of the archive (its own, else one from before shops): another
			 * shop's archive at this path is another file. */
			rc = mtkfwi_cdb_run(db, &same,
				     "SELECT CASE WHEN size = ? AND mtime = ? THEN 1 ELSE 0 END FROM archives "
				     "WHERE path = ? AND " CAT_SHOP_HERE " ORDER BY shop IS NULL LIMIT 1",
				     "iiss", (int64_t)s.st_size, (int64_t)s.st_mtim.tv_sec * 1000000000 + s.st_mtim.tv_nsec,
				     p->archive, cat->shop);
			if (!rc && !same)
				rc = check_add(out, p, MTKFW_CATALOG_DISK_CHANGED, mtkfw_strdup("the archive changed"), NULL);
			continue;
		}
		if (!p->folder)
			continue;
		rc = compare_disk(db, p, &detail);
		if (!rc && detail)
			rc = check_add(out, p, MTKFW_CATALOG_DISK_CHANGED, detail, NULL);
	}
	if (!rc)
		rc = mtkfw_progress(ctx, "library check", n, n);
	for (size_t i = 0; i < n; i++) {
		free(all[i].path);
		free(all[i].folder);
		free(all[i].archive);
		free(all[i].kind);
		free(all[i].hash);
	}
	free(all);
	if (rc < 0) {
		mtkfw_catalog_check_clear(out);
		return rc;
	}
	return 0;
}

void mtkfw_catalog_check_clear(struct mtkfw_catalog_check *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++) {
		free(c->items[i].path);
		free(c->items[i].detail);
		free(c->items[i].moved_to);
	}
	free(c->items);
	memset(c, 0, sizeof(*c));
}
