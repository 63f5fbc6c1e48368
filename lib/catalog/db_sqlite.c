/*
 * The SQLite backend of the catalogue (db.h). A library is one file a shop keeps for years,
 * so opening it is careful: a file that is not SQLite, a SQLite database of another program
 * and a damaged one are refused before anything is written (WAL mode, the schema and every
 * later write come only after the file proved to be ours or new). Two mtkfw processes adding
 * at once both succeed: WAL lets readers run beside the writer, writers take the lock at
 * BEGIN IMMEDIATE and wait for each other (busy timeout) instead of failing half-way.
 */
#include "core/file.h"
#include "core/internal.h"
#include "catalog/db.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* "MTKL" in PRAGMA application_id: file(1) and we can tell an mtkfw library at a glance. */
#define APPLICATION_ID 0x4D544B4C
/* How long a writer waits for another one (a whole package is written in one transaction of
 * a few milliseconds; a long import holds it longer). */
#define BUSY_TIMEOUT_MS 30000

static int fail(struct cdb *db, const char *what)
{
	sqlite3 *h = db->h;
	int code = h ? sqlite3_errcode(h) & 0xFF : SQLITE_ERROR;

	if (code == SQLITE_NOMEM)
		return mtkfw_nomem();
	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: damaged database (%s); it was left as it is: restore it from a backup or "
					"give another --db",
				    db->name, h ? sqlite3_errmsg(h) : "?");
	return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s: %s", db->name, what, h ? sqlite3_errmsg(h) : "cannot open");
}

static int lite_exec(struct cdb *db, const char *sql)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "database error");
	return 0;
}

/* A new library's file goes to WAL. The switch needs the file to itself, and SQLite answers
 * BUSY at once instead of calling the busy handler, so two adds making one new library together
 * failed half the time: wait here as the busy timeout would, the other's switch may be what is
 * in the way (a switch already made is a no-op). */
static int lite_wal(struct cdb *db)
{
	for (int waited = 0;; waited += 20) {
		int rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);

		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xFF) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			return fail(db, "database error");
		sqlite3_sleep(20);
	}
}

/* One integer from a PRAGMA or SELECT; a failure keeps the engine's error. */
static int lite_int(struct cdb *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(db, "cannot read it");
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(db, "cannot read it");
}

/* Before SQLite sees it: an existing file must begin as every SQLite database does (an empty
 * file is a new database to SQLite too). */
static int check_header(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	uint64_t size = 0;
	int fd, rc = mtkfw_open_input(path, &fd, &size);

	if (rc)
		return rc;
	if (size && (size < sizeof(head) || pread(fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
		     memcmp(head, magic, sizeof(magic)) != 0))
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT,
				  "%s: not an SQLite database, so not an mtkfw library; it was left as it is (give "
				  "another --db)",
				  path);
	close(fd);
	return rc;
}

static int lite_open(struct cdb *db, const char *path, bool create)
{
	struct stat st;
	int64_t app = 0, objects = 0;
	int rc;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
		if (!create)
			return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
					    "%s: no library here yet ('mtkfw library add' makes one)", path);
	} else if (S_ISDIR(st.st_mode)) {
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: a folder, not a library file", path);
	} else if ((rc = check_header(path)) != 0) {
		return rc;
	}
	if (sqlite3_open_v2(path, (sqlite3 **)&db->h, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL) !=
	    SQLITE_OK) {
		rc = fail(db, "cannot open it");
		sqlite3_close(db->h);
		db->h = NULL;
		return rc;
	}
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->h, 0);
	/* Reading these writes nothing; a damaged first page fails here. */
	rc = lite_int(db, "PRAGMA application_id", &app);
	if (!rc)
		rc = lite_int(db, "SELECT count(*) FROM sqlite_master", &objects);
	if (!rc && app != APPLICATION_ID && (app != 0 || objects != 0))
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT,
				  "%s: an SQLite database of another program, not an mtkfw library; it was left as it "
				  "is (give another --db)",
				  path);
	if (!rc && app == 0 && !create)
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no library here yet ('mtkfw library add' makes one)", path);
	if (!rc)
		/* 16 MiB of page cache: a match walks every package's row and index entries. */
		rc = lite_exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384");
	if (!rc && app == 0) {
		/* New: WAL (readers beside a writer, one writer at a time waiting its turn) is a
		 * property of the file, set once. */
		char sql[64];

		snprintf(sql, sizeof(sql), "PRAGMA application_id=%d", APPLICATION_ID);
		rc = lite_wal(db);
		if (!rc)
			rc = lite_exec(db, sql);
	}
	if (rc) {
		sqlite3_close(db->h);
		db->h = NULL;
	}
	return rc;
}

static void lite_close(struct cdb *db)
{
	sqlite3_close(db->h);
	db->h = NULL;
}

static int lite_prepare(struct cdb *db, const char *sql, void **out)
{
	if (sqlite3_prepare_v2(db->h, sql, -1, (sqlite3_stmt **)out, NULL) != SQLITE_OK)
		return fail(db, "database error");
	return 0;
}

static int lite_bind_text(struct cdb *db, void *st, int i, const char *v)
{
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : fail(db, "database error");
}

static int lite_bind_int(struct cdb *db, void *st, int i, int64_t v)
{
	return sqlite3_bind_int64(st, i, v) == SQLITE_OK ? 0 : fail(db, "database error");
}

static int lite_bind_null(struct cdb *db, void *st, int i)
{
	return sqlite3_bind_null(st, i) == SQLITE_OK ? 0 : fail(db, "database error");
}

static int lite_param_count(void *st)
{
	return sqlite3_bind_parameter_count(st);
}

static int lite_step(struct cdb *db, void *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(db, "database error");
}

static void lite_finalize(void *st)
{
	sqlite3_finalize(st);
}

static const char *lite_col_text(void *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int64_t lite_col_int(void *st, int i)
{
	return sqlite3_column_int64(st, i);
}

static bool lite_col_null(void *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

static int lite_verify(struct cdb *db)
{
	sqlite3_stmt *st;
	const char *r;
	int rc;

	if (sqlite3_prepare_v2(db->h, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
		return fail(db, "cannot check it");
	rc = sqlite3_step(st);
	r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (rc != SQLITE_ROW) {
		rc = fail(db, "cannot check it");
	} else if (!r || strcmp(r, "ok") != 0) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT,
				  "%s: damaged database (%s); it was left as it is: restore it from a backup or give "
				  "another --db",
				  db->name, r ? r : "?");
	} else {
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The user's words as an FTS5 query: each word a quoted string (its punctuation splits it into
 * a phrase, as the index split the stored text) matching as a prefix; all words must match. */
static int lite_search_query(char **out, const char *words)
{
	size_t n = strlen(words), used = 0;
	char *q = malloc(3 * n + 16);
	bool in = false, any = false;

	*out = NULL;
	if (!q)
		return mtkfw_nomem();
	for (size_t i = 0; i <= n; i++) {
		char c = words[i];
		bool space = c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r';

		if (space) {
			if (in) {
				memcpy(q + used, "\"*", 2);
				used += 2;
				in = false;
			}
			continue;
		}
		if (!in) {
			if (any)
				q[used++] = ' ';
			q[used++] = '"';
			in = any = true;
		}
		if (c == '"')
			q[used++] = '"';
		q[used++] = c;
	}
	q[used] = '\0';
	if (!any) {
		free(q);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library search: no words to look for");
	}
	*out = q;
	return 0;
}

static const char *const lite_search_ddl[] = {
	"CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
	NULL,
};

const struct cdb_backend mtkfwi_cdb_sqlite = {
	.name = "sqlite",
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.prepare = lite_prepare,
	.bind_text = lite_bind_text,
	.bind_int = lite_bind_int,
	.bind_null = lite_bind_null,
	.param_count = lite_param_count,
	.step = lite_step,
	.finalize = lite_finalize,
	.col_text = lite_col_text,
	.col_int = lite_col_int,
	.col_null = lite_col_null,
	.verify = lite_verify,
	.id_type = "INTEGER PRIMARY KEY",
	.table_exists = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
	.begin_write = "BEGIN IMMEDIATE",
	.rebuild_begin = "PRAGMA foreign_keys=OFF",
	.rebuild_end = "PRAGMA foreign_keys=ON",
	.search_ddl = lite_search_ddl,
	.search_put = "INSERT OR REPLACE INTO search_fts (rowid, body) VALUES (?, ?)",
	.search_drop = "DELETE FROM search_fts WHERE rowid = ?",
	.search_match = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?",
	.search_query = lite_search_query,
};
