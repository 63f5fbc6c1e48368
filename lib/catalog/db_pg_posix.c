/*
 * The PostgreSQL backend of the catalogue (db.h), through libpq: the library a chain of shops
 * shares (issue 21). The statements are the same ones SQLite runs; what differs is said here:
 * `?` becomes $1..$n, the integer key is an identity column, text columns sort byte by byte
 * (COLLATE "C", as SQLite sorts), and the full-text index is a tsvector built from the same
 * tokens SQLite's unicode61 tokenizer makes of ASCII text (non-ASCII letters are kept as they
 * are: not case- or accent-folded as SQLite folds them).
 *
 * Writers: every write transaction first takes one transaction-level advisory lock, so writers
 * queue as SQLite's BEGIN IMMEDIATE makes them queue (no lost update, no half-read row of
 * another writer), and a schema migration, which runs in such a transaction, runs once however
 * many mtkfw start at the same moment. Readers are not held up.
 *
 * Secrets: the connection string may hold a password. The catalogue's name in every message is
 * rebuilt from its parts without it (postgresql://USER@HOST:PORT/DBNAME), and a server message
 * that happens to contain the password has it masked.
 */
#include "core/internal.h"
#include "catalog/db.h"

#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <strings.h>

/* "MTKL", the SQLite application id: the one lock every mtkfw writer of a database takes. */
#define WRITE_LOCK "1297369932"
/* A statement's parameters: enough for the widest insert (packages) with room to spare. */
#define MAX_PARAMS 4096

/* Statements prepared on the server once per connection and run by name after: the
 * catalogue's statements are a few dozen texts run thousands of times (an import, a large add),
 * and a server parses and plans an unnamed one at every run. */
#define PREPARED_MAX 128

/* Writes sent ahead (pg_send): at most this many results wait unread, well under what the
 * socket buffers hold (each is a few bytes), so neither side blocks the other. */
#define AHEAD_MAX 256

struct pg {
	PGconn *conn;
	char *password; /* to mask in messages; NULL when the string had none */
	char *prepared[PREPARED_MAX]; /* the texts ($n form); statement i is named "mtkfw_i"; NULL: lost */
	int nprepared;
	bool piping; /* in libpq's pipeline mode: `ahead` results wait */
	int ahead;
	int ahead_prep[AHEAD_MAX]; /* for each: the prepared statement it makes, or -1 (a write) */
};

struct pg_stmt {
	struct cdb *db;
	char *sql; /* with $n */
	int name;  /* the prepared statement's number, or -1 (run unnamed) */
	int nparams;
	char **vals;
	PGresult *res;
	int row, rows;
	bool ran;
};

/* libpq prints notices (NOTICE: relation exists...) on stderr by default; the library prints
 * nothing. */
static void quiet(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

/* `msg` (libpq's may run over lines: its second is a hint, "Is the server running ...?") as one
 * line, lines joined with "; ", without the server's "FATAL:" and with the password masked. */
static void one_line(char *buf, size_t n, const char *msg, const char *password)
{
	size_t used = 0;
	bool gap = false;
	char *p;

	if (!msg || !*msg)
		msg = "no message from the server";
	if (strncmp(msg, "FATAL:", 6) == 0)
		msg += 6;
	for (const char *m = msg; *m && used + 3 < n; m++) {
		if (*m == '\n' || *m == '\r' || *m == '\t' || *m == ' ') {
			gap = gap || *m == '\n';
			if (used && buf[used - 1] != ' ')
				buf[used++] = ' ';
			continue;
		}
		if (gap && used) {
			if (buf[used - 1] == ' ')
				used--;
			buf[used++] = ';';
			buf[used++] = ' ';
		}
		gap = false;
		buf[used++] = *m;
	}
	while (used && buf[used - 1] == ' ')
		used--;
	buf[used] = '\0';
	if (password && *password)
		for (p = buf; (p = strstr(p, password));)
			memset(p, '*', strlen(password)), p += strlen(password);
}

static int fail(struct cdb *db, const PGresult *res, const char *what)
{
	struct pg *pg = db->h;
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char line[400];

	one_line(line, sizeof(line), m ? m : PQerrorMessage(pg->conn), pg->password);
	/* Gone: libpq saw the connection drop (its own messages carry no SQLSTATE; the state may
	 * still say OK until the next call), or the server said it is shutting down (class 57,
	 * operator intervention) or the link failed (class 08). */
	if (PQstatus(pg->conn) == CONNECTION_BAD || !state || strncmp(state, "57", 2) == 0 || strncmp(state, "08", 2) == 0)
		return mtkfw_seterr(MTKFW_ERR_IO,
				    "%s: the PostgreSQL server went away (%s); what was being written was not kept: run "
				    "the command again when the server is back",
				    db->name, line);
	if (state && strcmp(state, "53200") == 0)
		return mtkfw_nomem();
	return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s: %s", db->name, what, line);
}

/* Each ? outside quotes becomes $n; how many into *n. */
static int translate(char **out, int *n, const char *sql)
{
	size_t len = strlen(sql), used = 0, count = 0;
	char quote = 0, *o;

	for (const char *p = sql; *p; p++)
		count += *p == '?';
	if (count > MAX_PARAMS)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "library: a statement with %zu parameters", count);
	if (!(o = malloc(len + count * 5 + 1)))
		return mtkfw_nomem();
	*n = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0; /* a doubled quote closes and opens again: the same to us */
			o[used++] = *p;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			o[used++] = *p;
		} else if (*p == '?') {
			used += (size_t)sprintf(o + used, "$%d", ++*n);
		} else {
			o[used++] = *p;
		}
	}
	o[used] = '\0';
	*out = o;
	return 0;
}

/* The connection named without its secret: postgresql://USER@HOST:PORT/DBNAME (the parts
 * given; a socket folder as host is shown as it is). */
static int display_name(char **out, char **password, const char *location)
{
	char *err = NULL, buf[1024];
	const char *user = NULL, *host = NULL, *hostaddr = NULL, *port = NULL, *dbname = NULL;
	PQconninfoOption *opts = PQconninfoParse(location, &err);

	*out = NULL;
	*password = NULL;
	if (!opts) {
		/* libpq's message quotes the part it could not read, which may be the password:
		 * name nothing of the string beyond its scheme. */
		PQfreemem(err);
		return mtkfw_seterr(MTKFW_ERR_INVALID,
				    "%s: not a connection string libpq can read (see 'man mtkfw-library' for its forms)",
				    strncasecmp(location, "postgres", 8) == 0 ? "postgresql://..." : "host=...");
	}
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (strcmp(o->keyword, "user") == 0)
			user = o->val;
		else if (strcmp(o->keyword, "host") == 0)
			host = o->val;
		else if (strcmp(o->keyword, "hostaddr") == 0)
			hostaddr = o->val;
		else if (strcmp(o->keyword, "port") == 0)
			port = o->val;
		else if (strcmp(o->keyword, "dbname") == 0)
			dbname = o->val;
		else if (strcmp(o->keyword, "password") == 0 && !(*password = mtkfw_strdup(o->val))) {
			PQconninfoFree(opts);
			return mtkfw_nomem();
		}
	}
	if (!host && hostaddr)
		host = hostaddr;
	/* A socket folder as host reads as a path after the @: it goes where the URI form puts it. */
	snprintf(buf, sizeof(buf), "postgresql://%s%s%s%s%s/%s%s%s", user ? user : "", user ? "@" : "",
		 host && *host != '/' ? host : "", port ? ":" : "", port ? port : "", dbname ? dbname : "",
		 host && *host == '/' ? "?host=" : "", host && *host == '/' ? host : "");
	PQconninfoFree(opts);
	if (!(*out = mtkfw_strdup(buf))) {
		free(*password);
		*password = NULL;
		return mtkfw_nomem();
	}
	return 0;
}

/* Read the results of what was sent ahead and leave pipeline mode, before anything that waits
 * for its own result. The first failure is the one reported (the statements after it were
 * skipped by the server); a statement prepared ahead that failed is forgotten. */
static int drain(struct cdb *db)
{
	struct pg *pg = db->h;
	int rc = 0, k = 0;

	if (!pg->piping)
		return 0;
	if (!PQpipelineSync(pg->conn))
		rc = fail(db, NULL, "database error");
	while (!rc || k <= pg->ahead) {
		PGresult *r = rc && PQstatus(pg->conn) == CONNECTION_BAD ? NULL : PQgetResult(pg->conn);
		ExecStatusType s;

		if (!r) {
			/* One statement's results end with a NULL; a NULL past the last statement, or a
			 * connection gone: nothing more will come. */
			if (PQstatus(pg->conn) == CONNECTION_BAD || ++k > pg->ahead) {
				if (!rc)
					rc = fail(db, NULL, "database error");
				break;
			}
			continue;
		}
		s = PQresultStatus(r);
		if (s == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
			if (k < pg->ahead && pg->ahead_prep[k] >= 0) {
				free(pg->prepared[pg->ahead_prep[k]]);
				pg->prepared[pg->ahead_prep[k]] = NULL;
			}
			if (!rc && s != PGRES_PIPELINE_ABORTED)
				rc = fail(db, r, "database error");
		}
		PQclear(r);
	}
	pg->ahead = 0;
	pg->piping = false;
	if (!PQexitPipelineMode(pg->conn) && !rc)
		rc = fail(db, NULL, "database error");
	return rc;
}

/* Make room for one more statement sent ahead, entering pipeline mode if need be. */
static int ahead_slot(struct cdb *db)
{
	struct pg *pg = db->h;
	int rc;

	if (pg->ahead == AHEAD_MAX && (rc = drain(db)) != 0)
		return rc;
	if (!pg->piping) {
		if (!PQenterPipelineMode(pg->conn))
			return fail(db, NULL, "database error");
		pg->piping = true;
	}
	return 0;
}

static int pg_exec(struct cdb *db, const char *sql)
{
	struct pg *pg = db->h;
	int rc = drain(db);
	PGresult *r;

	if (rc)
		return rc;
	r = PQexec(pg->conn, sql);
	{
		ExecStatusType s = PQresultStatus(r);

		rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : fail(db, r, "database error");
	}

	PQclear(r);
	return rc;
}

/* How many tables the current schema holds, and whether one is our meta: in one statement, so
 * in one snapshot (another mtkfw making the library at this moment commits all its tables at
 * once: they are never seen without meta). */
static int pg_tables(struct cdb *db, int64_t *meta, int64_t *tables)
{
	struct pg *pg = db->h;
	PGresult *r = PQexec(pg->conn, "SELECT count(*) FILTER (WHERE tablename = 'meta'), count(*) FROM pg_catalog.pg_tables "
				       "WHERE schemaname = current_schema()");
	int rc = 0;

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1 || PQnfields(r) != 2) {
		rc = fail(db, r, "cannot read it");
	} else {
		*meta = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		*tables = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	}
	PQclear(r);
	return rc;
}

static int pg_open(struct cdb *db, const char *location, bool create)
{
	struct pg *pg = mtkfw_calloc(1, sizeof(*pg));
	char line[400], *name = NULL;
	int64_t ours = 0, tables = 0;
	int rc;

	if (!pg)
		return MTKFW_ERR_NOMEM;
	if ((rc = display_name(&name, &pg->password, location)) != 0) {
		free(pg);
		return rc;
	}
	/* Messages name the connection without its password from here on. */
	free(db->name);
	db->name = name;
	db->h = pg;
	pg->conn = PQconnectdb(location);
	if (!pg->conn) {
		rc = mtkfw_nomem();
		goto fail;
	}
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		one_line(line, sizeof(line), PQerrorMessage(pg->conn), pg->password);
		/* libpq says "connection to server at ... failed: " before the reason: keep the reason. */
		{
			char *why = strstr(line, " failed: ");

			why = why ? why + 9 : line;
			if (strncmp(why, "FATAL: ", 7) == 0)
				why += 7;
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot connect: %s", db->name, why);
		}
		goto fail;
	}
	PQsetNoticeReceiver(pg->conn, quiet, NULL);
	/* The server's messages in English whatever its locale: they are quoted in ours. */
	rc = pg_exec(db, "SET lc_messages TO 'C'");
	if (rc) /* lc_messages is a superuser setting on some servers: not worth failing for */
		rc = 0;
	if ((rc = pg_tables(db, &ours, &tables)) != 0)
		goto fail;
	if (!ours && !create) {
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no library here yet ('mtkfw library add' makes one)", db->name);
		goto fail;
	}
	if (!ours && tables) {
		/* Someone else's tables: ours would be mixed in with them. */
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT,
				  "%s: this database (schema) holds tables of another program; it was left as it is "
				  "(give an empty database, or a schema of its own with options=-csearch_path%%3DNAME)",
				  db->name);
		goto fail;
	}
	return 0;
fail:
	PQfinish(pg->conn);
	free(pg->password);
	free(pg);
	db->h = NULL;
	return rc;
}

static void pg_close(struct cdb *db)
{
	struct pg *pg = db->h;

	if (!pg)
		return;
	PQfinish(pg->conn);
	free(pg->password);
	for (int i = 0; i < pg->nprepared; i++)
		free(pg->prepared[i]);
	free(pg);
	db->h = NULL;
}

/* The number of `sql`'s prepared statement, preparing it on first use (sent ahead when writes
 * are: its result is read with theirs); -1 when it is not worth it or not possible (the cache
 * is full, or the server refused: the statement then runs unnamed, and any error in it is
 * reported when it runs). */
static int prepared(struct cdb *db, const char *sql, int nparams)
{
	struct pg *pg = db->h;
	char name[32];
	bool ok;

	for (int i = 0; i < pg->nprepared; i++)
		if (pg->prepared[i] && strcmp(pg->prepared[i], sql) == 0)
			return i;
	/* Inside a transaction that failed the server refuses everything: not worth a try. */
	if (pg->nprepared == PREPARED_MAX || (!pg->piping && PQtransactionStatus(pg->conn) == PQTRANS_INERROR))
		return -1;
	snprintf(name, sizeof(name), "mtkfw_%d", pg->nprepared);
	if (pg->piping) {
		/* Never a drain from here: its failure would be lost behind the -1. */
		if (pg->ahead == AHEAD_MAX || !PQsendPrepare(pg->conn, name, sql, nparams, NULL))
			return -1;
		pg->ahead_prep[pg->ahead++] = pg->nprepared;
		ok = true;
	} else {
		PGresult *r = PQprepare(pg->conn, name, sql, nparams, NULL);

		ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
	}
	if (!ok || !(pg->prepared[pg->nprepared] = mtkfw_strdup(sql)))
		return -1;
	return pg->nprepared++;
}

static int pg_prepare(struct cdb *db, const char *sql, void **out)
{
	struct pg_stmt *st = mtkfw_calloc(1, sizeof(*st));
	int rc;

	*out = NULL;
	if (!st)
		return MTKFW_ERR_NOMEM;
	st->db = db;
	if ((rc = translate(&st->sql, &st->nparams, sql)) != 0) {
		free(st);
		return rc;
	}
	if (st->nparams && !(st->vals = mtkfw_calloc((size_t)st->nparams, sizeof(*st->vals)))) {
		free(st->sql);
		free(st);
		return MTKFW_ERR_NOMEM;
	}
	st->name = prepared(db, st->sql, st->nparams);
	*out = st;
	return 0;
}

static int set_val(struct pg_stmt *st, int i, char *v)
{
	if (i < 1 || i > st->nparams) {
		free(v);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library: parameter %d of a statement with %d", i, st->nparams);
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = v;
	return 0;
}

static int pg_bind_text(struct cdb *db, void *stmt, int i, const char *v)
{
	char *c = mtkfw_strdup(v);

	return c ? set_val(stmt, i, c) : MTKFW_ERR_NOMEM;
}

static int pg_bind_int(struct cdb *db, void *stmt, int i, int64_t v)
{
	char *c = NULL;

	return asprintf(&c, "%lld", (long long)v) < 0 ? mtkfw_nomem() : set_val(stmt, i, c);
}

static int pg_bind_null(struct cdb *db, void *stmt, int i)
{
	return set_val(stmt, i, NULL);
}

static int pg_param_count(void *stmt)
{
	return ((struct pg_stmt *)stmt)->nparams;
}

/* The whole result comes at the first step (a catalogue's biggest, a match's candidates, is a
 * few columns per package); the later steps walk it. */
static int pg_step(struct cdb *db, void *stmt)
{
	struct pg_stmt *st = stmt;
	struct pg *pg = db->h;

	if (!st->ran) {
		ExecStatusType s;
		int rc;

		st->ran = true;
		if ((rc = drain(db)) != 0)
			return rc;
		if (st->name >= 0) {
			char name[32];

			snprintf(name, sizeof(name), "mtkfw_%d", st->name);
			st->res = PQexecPrepared(pg->conn, name, st->nparams, (const char *const *)st->vals, NULL, NULL, 0);
		} else {
			st->res = PQexecParams(pg->conn, st->sql, st->nparams, NULL, (const char *const *)st->vals, NULL, NULL, 0);
		}
		s = PQresultStatus(st->res);
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK)
			return fail(db, st->res, "database error");
		st->rows = s == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
	}
	if (st->row >= st->rows)
		return 0;
	st->row++;
	return 1;
}

/* A write whose rows nobody reads, in a transaction: sent, its result read later (drain),
 * so a package's writes reach the server in one flush instead of a round trip each. */
static int pg_send(struct cdb *db, void *stmt)
{
	struct pg_stmt *st = stmt;
	struct pg *pg = db->h;
	const char *const *vals = (const char *const *)st->vals;
	int rc = ahead_slot(db);
	char name[32];

	if (rc)
		return rc;
	st->ran = true;
	snprintf(name, sizeof(name), "mtkfw_%d", st->name);
	if (!(st->name >= 0 ? PQsendQueryPrepared(pg->conn, name, st->nparams, vals, NULL, NULL, 0)
			    : PQsendQueryParams(pg->conn, st->sql, st->nparams, NULL, vals, NULL, NULL, 0)))
		return fail(db, NULL, "database error");
	pg->ahead_prep[pg->ahead++] = -1;
	return 0;
}

static void pg_finalize(void *stmt)
{
	struct pg_stmt *st = stmt;

	PQclear(st->res);
	for (int i = 0; i < st->nparams; i++)
		free(st->vals[i]);
	free(st->vals);
	free(st->sql);
	free(st);
}

static bool pg_col_null(void *stmt, int i)
{
	struct pg_stmt *st = stmt;

	return !st->res || st->row < 1 || i >= PQnfields(st->res) || PQgetisnull(st->res, st->row - 1, i);
}

static const char *pg_col_text(void *stmt, int i)
{
	struct pg_stmt *st = stmt;

	return pg_col_null(stmt, i) ? NULL : PQgetvalue(st->res, st->row - 1, i);
}

static int64_t pg_col_int(void *stmt, int i)
{
	const char *v = pg_col_text(stmt, i);

	if (!v)
		return 0;
	/* A comparison in a select list comes back as a boolean: t or f. */
	if (strcmp(v, "t") == 0)
		return 1;
	return strtoll(v, NULL, 10);
}

/* The user's words as a tsquery: each word split where the stored text was split (at every
 * ASCII character that is not a letter or digit) into a phrase (<->) whose last token matches
 * as a prefix; all words must match. Tokens are lower case ASCII letters, digits and non-ASCII
 * bytes only, quoted, so nothing of the input is read as tsquery syntax. */
static int pg_search_query(char **out, const char *words)
{
	size_t n = strlen(words), used = 0;
	char *q = malloc(6 * n + 16);
	bool in = false, word_open = false, any = false;

	*out = NULL;
	if (!q)
		return mtkfw_nomem();
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)words[i];
		bool space = c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
		bool token = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

		if (in && !token) {
			q[used++] = '\'';
			in = false;
		}
		if (space) {
			if (word_open) {
				memcpy(q + used, ":*", 2);
				used += 2;
				word_open = false;
			}
			continue;
		}
		if (!token)
			continue;
		if (!in) {
			if (word_open)
				used += (size_t)sprintf(q + used, " <-> ");
			else if (any)
				used += (size_t)sprintf(q + used, " & ");
			q[used++] = '\'';
			in = word_open = any = true;
		}
		q[used++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	q[used] = '\0';
	if (!any) {
		free(q);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library search: no words to look for");
	}
	*out = q;
	return 0;
}

static const char *const pg_search_ddl[] = {
	"CREATE TABLE search_doc (package_id BIGINT PRIMARY KEY REFERENCES packages (id) ON DELETE CASCADE,"
	" body tsvector NOT NULL)",
	"CREATE INDEX search_doc_body ON search_doc USING gin (body)",
	NULL,
};

/* The stored text cut where SQLite's tokenizer cuts it: lower-cased (ASCII; the "C" collation's
 * lower()), every ASCII character that is not a letter or digit made a space, then split into
 * tokens by the 'simple' configuration, which keeps each run as it is. */
#define SEARCH_DOC "to_tsvector('simple', regexp_replace(lower(?), '[\\x01-\\x2f\\x3a-\\x60\\x7b-\\x7f]+', ' ', 'g'))"

const struct cdb_backend mtkfwi_cdb_pg = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_null = pg_bind_null,
	.param_count = pg_param_count,
	.step = pg_step,
	.send = pg_send,
	.finalize = pg_finalize,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_null = pg_col_null,
	.verify = NULL, /* the server keeps its own files whole */
	.id_type = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.text_type = "TEXT COLLATE \"C\"",
	.table_exists = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = ?",
	.begin_write = "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")",
	/* The tables a match and an add look rows up in (search_doc has its own GIN statistics). */
	.analyze = "ANALYZE packages, emi, drivers, outcomes, labels, files, fingerprints",
	.search_ddl = pg_search_ddl,
	.search_put = "INSERT INTO search_doc (package_id, body) VALUES (?, " SEARCH_DOC ") "
		      "ON CONFLICT (package_id) DO UPDATE SET body = excluded.body",
	.search_drop = "DELETE FROM search_doc WHERE package_id = ?",
	.search_match = "SELECT package_id FROM search_doc WHERE body @@ ?::tsquery",
	.search_query = pg_search_query,
};
