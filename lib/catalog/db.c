/*
 * The engine-neutral half of the storage seam (db.h): picking the backend from the location,
 * binding parameters from a type string, nested write transactions.
 */
#include "core/internal.h"
#include "catalog/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

extern const struct cdb_backend mtkfwi_cdb_sqlite;
extern const struct cdb_backend mtkfwi_cdb_pg;

struct cdb_stmt {
	struct cdb *db;
	void *h;
};

bool mtkfwi_cdb_is_conninfo(const char *location)
{
	const char *p = location;

	if (strncasecmp(p, "postgresql://", 13) == 0 || strncasecmp(p, "postgres://", 11) == 0)
		return true;
	/* libpq's keyword form: "host=... dbname=...", the first thing a keyword and '=' (spaces
	 * allowed around them, as libpq allows). */
	while (*p == ' ' || *p == '\t')
		p++;
	if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
		return false;
	while ((*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=';
}

int mtkfwi_cdb_open(struct cdb **out, const char *location, bool create)
{
	struct cdb *db;
	int rc;

	*out = NULL;
	if (!location || !*location)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library: no database location given");
	db = mtkfw_calloc(1, sizeof(*db));
	if (!db)
		return MTKFW_ERR_NOMEM;
	/* The backend renames the catalogue in its open when the location holds a secret. */
	db->be = mtkfwi_cdb_is_conninfo(location) ? &mtkfwi_cdb_pg : &mtkfwi_cdb_sqlite;
	db->name = mtkfw_strdup(location);
	if (!db->name) {
		free(db);
		return MTKFW_ERR_NOMEM;
	}
	/* (*...): on Windows open( is the OS seam's macro (core/os_win32.h); this is the member. */
	rc = (*db->be->open)(db, location, create);
	if (rc) {
		free(db->name);
		free(db);
		return rc;
	}
	*out = db;
	return 0;
}

void mtkfwi_cdb_close(struct cdb *db)
{
	if (!db)
		return;
	db->be->close(db);
	free(db->name);
	free(db);
}

int mtkfwi_cdb_exec(struct cdb *db, const char *sql)
{
	return db->be->exec(db, sql);
}

static int bind_all(struct cdb_stmt *st, const char *types, va_list ap)
{
	const struct cdb_backend *be = st->db->be;
	int rc = 0;

	for (int i = 0; types && types[i] && !rc; i++) {
		switch (types[i]) {
		case 's': {
			const char *v = va_arg(ap, const char *);

			rc = v ? be->bind_text(st->db, st->h, i + 1, v) : be->bind_null(st->db, st->h, i + 1);
			break;
		}
		case 'i':
			rc = be->bind_int(st->db, st->h, i + 1, va_arg(ap, int64_t));
			break;
		case 'n':
			rc = be->bind_null(st->db, st->h, i + 1);
			break;
		default:
			rc = mtkfw_seterr(MTKFW_ERR_INVALID, "library: bad parameter type '%c'", types[i]);
		}
	}
	return rc;
}

static int prep(struct cdb_stmt **out, struct cdb *db, const char *sql)
{
	struct cdb_stmt *st = mtkfw_calloc(1, sizeof(*st));
	int rc;

	*out = NULL;
	if (!st)
		return MTKFW_ERR_NOMEM;
	st->db = db;
	rc = db->be->prepare(db, sql, &st->h);
	if (rc) {
		mtkfwi_cdb_done(st);
		return rc;
	}
	*out = st;
	return 0;
}

static int vquery(struct cdb_stmt **out, struct cdb *db, const char *sql, const char *types, va_list ap)
{
	int rc = prep(out, db, sql);

	/* A statement's ? count and its type string are written apart: a slip is caught here, by
	 * every test that runs the statement, rather than binding the wrong column. */
	if (!rc && db->be->param_count((*out)->h) != (int)strlen(types))
		rc = mtkfw_seterr(MTKFW_ERR_INVALID, "library: a statement with %d parameters was given %zu",
				  db->be->param_count((*out)->h), strlen(types));
	if (rc && *out) {
		mtkfwi_cdb_done(*out);
		*out = NULL;
	} else if (!rc && (rc = bind_all(*out, types, ap)) != 0) {
		mtkfwi_cdb_done(*out);
		*out = NULL;
	}
	return rc;
}

int mtkfwi_cdb_query(struct cdb_stmt **out, struct cdb *db, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vquery(out, db, sql, types, ap);
	va_end(ap);
	return rc;
}

int mtkfwi_cdb_prepare(struct cdb_stmt **out, struct cdb *db, const char *sql)
{
	return prep(out, db, sql);
}

int mtkfwi_cdb_bind_text(struct cdb_stmt *st, int i, const char *v)
{
	return v ? st->db->be->bind_text(st->db, st->h, i, v) : st->db->be->bind_null(st->db, st->h, i);
}

int mtkfwi_cdb_bind_int(struct cdb_stmt *st, int i, int64_t v)
{
	return st->db->be->bind_int(st->db, st->h, i, v);
}

int mtkfwi_cdb_step(struct cdb_stmt *st)
{
	return st->db->be->step(st->db, st->h);
}

const char *mtkfwi_cdb_text(struct cdb_stmt *st, int col)
{
	return st->db->be->col_text(st->h, col);
}

int64_t mtkfwi_cdb_int(struct cdb_stmt *st, int col)
{
	return st->db->be->col_int(st->h, col);
}

bool mtkfwi_cdb_null(struct cdb_stmt *st, int col)
{
	return st->db->be->col_null(st->h, col);
}

void mtkfwi_cdb_done(struct cdb_stmt *st)
{
	if (!st)
		return;
	if (st->h)
		st->db->be->finalize(st->h);
	free(st);
}

/* `st` to its end, its rows unread: sent ahead when the backend can (db.h's send). */
static int run_blind(struct cdb_stmt *st)
{
	int rc;

	if (st->db->depth > 0 && st->db->be->send)
		return st->db->be->send(st->db, st->h);
	while ((rc = mtkfwi_cdb_step(st)) == 1)
		;
	return rc;
}

int mtkfwi_cdb_run(struct cdb *db, int64_t *id, const char *sql, const char *types, ...)
{
	struct cdb_stmt *st = NULL;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vquery(&st, db, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	if (!id)
		rc = run_blind(st);
	while (id && (rc = mtkfwi_cdb_step(st)) == 1) {
		*id = mtkfwi_cdb_int(st, 0);
		id = NULL;
	}
	while (rc == 1)
		rc = mtkfwi_cdb_step(st);
	mtkfwi_cdb_done(st);
	return rc;
}

int mtkfwi_cdb_begin(struct cdb *db)
{
	int rc;

	if (db->depth++ > 0)
		return 0;
	db->failed = false;
	rc = db->be->exec(db, db->be->begin_write);
	if (rc)
		db->depth = 0;
	return rc;
}

int mtkfwi_cdb_end(struct cdb *db, bool ok)
{
	int rc;

	if (!ok)
		db->failed = true;
	if (db->depth == 0 || --db->depth > 0)
		return 0;
	if (db->failed) {
		/* Keep the error that made us roll back: it is the one worth showing. */
		mtkfw_error saved = *mtkfw_error_last();
		char msg[512];

		snprintf(msg, sizeof(msg), "%s", saved.message);
		db->be->exec(db, "ROLLBACK");
		mtkfw_seterr(saved.code, "%s", msg);
		return saved.code ? saved.code : MTKFW_ERR_IO;
	}
	rc = db->be->exec(db, "COMMIT");
	if (rc)
		db->be->exec(db, "ROLLBACK");
	return rc;
}

/* Rows per statement: every engine's parameter limit (SQLite's oldest is 999) holds. */
#define ROWS_PARAMS_MAX 900

static int insert_chunk(struct cdb *db, const char *head, const char *tail, const char *types, size_t first,
			size_t count, void (*row)(void *ctx, size_t i, union cdb_val *v), void *ctx)
{
	size_t ncol = strlen(types), len = strlen(head) + strlen(tail) + count * (4 * ncol + 4) + 1, used;
	struct cdb_stmt *st = NULL;
	union cdb_val v[64];
	char *sql = malloc(len);
	int rc, p = 1;

	if (!sql)
		return mtkfw_nomem();
	used = (size_t)snprintf(sql, len, "%s", head);
	for (size_t r = 0; r < count; r++) {
		used += (size_t)snprintf(sql + used, len - used, "%s(", r ? ", " : " ");
		for (size_t c = 0; c < ncol; c++)
			used += (size_t)snprintf(sql + used, len - used, c ? ", ?" : "?");
		used += (size_t)snprintf(sql + used, len - used, ")");
	}
	snprintf(sql + used, len - used, "%s%s", *tail ? " " : "", tail);
	rc = prep(&st, db, sql);
	free(sql);
	for (size_t r = 0; !rc && r < count; r++) {
		row(ctx, first + r, v);
		for (size_t c = 0; !rc && c < ncol; c++, p++)
			rc = types[c] == 'i' ? mtkfwi_cdb_bind_int(st, p, v[c].i) : mtkfwi_cdb_bind_text(st, p, v[c].s);
	}
	if (!rc)
		rc = run_blind(st);
	mtkfwi_cdb_done(st);
	return rc;
}

int mtkfwi_cdb_insert_rows(struct cdb *db, const char *head, const char *tail, const char *types, size_t rows,
			   void (*row)(void *ctx, size_t i, union cdb_val *v), void *ctx)
{
	size_t ncol = strlen(types), per;
	int rc = 0;

	if (ncol == 0 || ncol > 64)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library: a row of %zu values", ncol);
	per = ROWS_PARAMS_MAX / ncol;
	for (size_t first = 0; !rc && first < rows; first += per)
		rc = insert_chunk(db, head, tail, types, first, rows - first < per ? rows - first : per, row, ctx);
	return rc;
}

void mtkfwi_cdb_analyze(struct cdb *db, size_t packages)
{
	mtkfw_error saved;

	if (!db->be->analyze || packages < CDB_ANALYZE_MIN || db->depth > 0)
		return;
	saved = *mtkfw_error_last();
	if (db->be->exec(db, db->be->analyze) == 0)
		return;
	if (saved.code)
		mtkfw_seterr(saved.code, "%s", saved.message);
	else
		mtkfw_error_clear();
}
