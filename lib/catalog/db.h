/*
 * The catalogue's storage seam. Everything above it (schema, add, match, labels, export) speaks
 * one dialect: SQL text with `?` parameters in the subset SQLite and PostgreSQL share (ON
 * CONFLICT upserts, RETURNING, lower(), substr()), and the few places the engines differ are
 * named hooks of a backend: the identity column type, the full-text index, the pragmas of a
 * fresh connection. A backend is one file (db_sqlite.c; db_pg_posix.c, PostgreSQL through libpq, for
 * the library a chain of shops shares), so no engine-specific call leaks into the ranking.
 *
 * Errors: every function returns 0 (or 1 for "a row" from mtkfwi_cdb_step) or a negative mtkfw
 * status with the message set, naming the catalogue file.
 */
#ifndef MTKFW_CATALOG_DB_H
#define MTKFW_CATALOG_DB_H

#include <stdbool.h>
#include <stdint.h>

struct cdb;
struct cdb_stmt;

struct cdb_backend {
	const char *name; /* "sqlite", "postgresql" */
	/* Open `location`; `create` allows a new, empty catalogue. An existing file that is not a
	 * catalogue of ours is refused before anything is written to it. */
	int (*open)(struct cdb *db, const char *location, bool create);
	void (*close)(struct cdb *db);
	/* Statements without parameters (DDL, BEGIN/COMMIT). */
	int (*exec)(struct cdb *db, const char *sql);
	int (*prepare)(struct cdb *db, const char *sql, void **stmt);
	int (*bind_text)(struct cdb *db, void *stmt, int i, const char *v);
	int (*bind_int)(struct cdb *db, void *stmt, int i, int64_t v);
	int (*bind_null)(struct cdb *db, void *stmt, int i);
	int (*param_count)(void *stmt);
	int (*step)(struct cdb *db, void *stmt); /* 1 a row, 0 done, <0 error */
	/* Run a statement whose rows nobody reads, inside a write transaction, without waiting for
	 * it (NULL: step it to its end). A failure is reported by the next statement that waits,
	 * at the latest by the COMMIT, which then writes nothing: on a server, a package's writes
	 * go in one flush rather than a round trip each. */
	int (*send)(struct cdb *db, void *stmt);
	void (*finalize)(void *stmt);
	const char *(*col_text)(void *stmt, int i); /* NULL for SQL NULL */
	int64_t (*col_int)(void *stmt, int i);
	bool (*col_null)(void *stmt, int i);
	/* A thorough look at the file before the first write (NULL: the engine has none). */
	int (*verify)(struct cdb *db);
	/* What the engine writes where the schema says @ID@ (an integer key it assigns), and for
	 * the word TEXT (NULL: TEXT; PostgreSQL adds COLLATE "C" so rows sort as SQLite sorts them,
	 * byte by byte, whatever the database's locale). */
	const char *id_type;
	const char *text_type;
	/* How many tables are named ? (0 or 1): the schema's first question. */
	const char *table_exists;
	/* Around (outside) a migration's transaction that makes a table again (NULL: nothing):
	 * SQLite's foreign keys off, so dropping the old table does not delete through ON DELETE
	 * CASCADE every row that refers to it, and on again. */
	const char *rebuild_begin, *rebuild_end;
	/* After many rows were written, the statement that brings the planner's statistics up to
	 * date (NULL: the engine plans without them). PostgreSQL has none for rows it has not
	 * analyzed yet and takes a bulk-filled table for a few rows: a match then joins by nested
	 * loops, 33 s instead of 0.1 s at 10,000 packages, until autovacuum comes by. */
	const char *analyze;
	/* Write transactions: the engine's way of taking the write lock at once, so two writers
	 * queue instead of failing half-way. */
	const char *begin_write;
	/* The full-text index: its DDL (run with the schema), and statements that (re)index one
	 * package's text (parameters: id, text), drop it (id), and list the ids whose text
	 * matches a query (built by `search_query` from the user's words). */
	const char *const *search_ddl;
	const char *search_put;
	const char *search_drop;
	const char *search_match;
	int (*search_query)(char **out, const char *words);
};

struct cdb {
	const struct cdb_backend *be;
	void *h;    /* the engine's connection */
	char *name; /* the location, for messages */
	int depth;  /* nested mtkfwi_cdb_begin calls: only the outermost talks to the engine */
	bool failed; /* a nested part failed: the outermost commit rolls back */
};

/* Is `location` a PostgreSQL connection string rather than a file? A libpq URI (postgresql://
 * or postgres://, any case) or libpq's keyword form, its first word KEYWORD=... with KEYWORD
 * lower-case letters and '_' ("host=db dbname=firmware"; a file so named is given as
 * ./NAME). */
bool mtkfwi_cdb_is_conninfo(const char *location);

/* Open a catalogue at `location` with the backend its form names (mtkfwi_cdb_is_conninfo:
 * PostgreSQL; else a file, SQLite). db->name, which every message names, is the location
 * without any password in it. */
int mtkfwi_cdb_open(struct cdb **out, const char *location, bool create);
void mtkfwi_cdb_close(struct cdb *db);

int mtkfwi_cdb_exec(struct cdb *db, const char *sql);

/* Prepare `sql` and bind its parameters from `types`, one letter each: 's' a string (NULL
 * binds SQL NULL), 'i' an int64_t, 'n' NULL. */
int mtkfwi_cdb_query(struct cdb_stmt **out, struct cdb *db, const char *sql, const char *types, ...);
/* The same in steps, for a number of parameters known only at run time (1-based). */
int mtkfwi_cdb_prepare(struct cdb_stmt **out, struct cdb *db, const char *sql);
int mtkfwi_cdb_bind_text(struct cdb_stmt *st, int i, const char *v);
int mtkfwi_cdb_bind_int(struct cdb_stmt *st, int i, int64_t v);
int mtkfwi_cdb_step(struct cdb_stmt *st);
const char *mtkfwi_cdb_text(struct cdb_stmt *st, int col);
int64_t mtkfwi_cdb_int(struct cdb_stmt *st, int col);
bool mtkfwi_cdb_null(struct cdb_stmt *st, int col);
void mtkfwi_cdb_done(struct cdb_stmt *st);

/* The loop over a query's rows: `while (cdb_next(st, &rc)) { ... }`. False at the end (rc 0)
 * or on an error (rc < 0, also when the query itself failed and st is NULL); a body that fails
 * sets rc and breaks. */
static inline bool cdb_next(struct cdb_stmt *st, int *rc)
{
	if (*rc < 0 || !st)
		return false;
	*rc = mtkfwi_cdb_step(st);
	if (*rc != 1)
		return false;
	*rc = 0;
	return true;
}

/* Run a statement to its end (or to its first row, which *id gets from column 0 when id is
 * not NULL: an INSERT ... RETURNING id). */
int mtkfwi_cdb_run(struct cdb *db, int64_t *id, const char *sql, const char *types, ...);

/* Many rows into one table in few statements (one round trip to a server for each, not one a
 * row): `head` is "INSERT INTO t (a, b) VALUES", `tail` what follows the rows ("" or an ON
 * CONFLICT clause), `types` one row's parameter types as for mtkfwi_cdb_query ('s' or 'i');
 * `row(ctx, i, v)` fills row i's values, v[k] for the k-th letter (a NULL .s binds NULL). */
union cdb_val {
	const char *s;
	int64_t i;
};
int mtkfwi_cdb_insert_rows(struct cdb *db, const char *head, const char *tail, const char *types, size_t rows,
			   void (*row)(void *ctx, size_t i, union cdb_val *v), void *ctx);

/* After an import or add that wrote `packages` packages (committed): the backend's analyze
 * when they are CDB_ANALYZE_MIN or more (a few seconds of work behind them; statistics cost a
 * fraction of that). A failure there is not the caller's (no rights to analyze: the server's
 * autovacuum still will), so nothing is returned. */
#define CDB_ANALYZE_MIN 100
void mtkfwi_cdb_analyze(struct cdb *db, size_t packages);

/* A write transaction; nested calls join the outer one. mtkfwi_cdb_end commits when ok, else rolls
 * back (the outermost call decides). */
int mtkfwi_cdb_begin(struct cdb *db);
int mtkfwi_cdb_end(struct cdb *db, bool ok);

#endif
