/*
 * The catalogue's schema, described once: each version is the list of statements that takes a
 * catalogue from the version before to it, in the SQL SQLite and PostgreSQL share, with @ID@
 * where the engine's own integer key type goes (db.h). A new catalogue runs every step; an
 * older one runs the steps it lacks, in one write transaction, so a crash leaves it at the
 * version it had. A catalogue made by a newer mtkfw is refused rather than guessed at. The
 * backend's write lock makes the steps run once when several mtkfw open a new catalogue at once
 * (the version is read again under it).
 *
 * What lives where: `packages` is one row per package found (a scatter package, a folder of
 * parts, a loose part, a readback or a backup), holding the fingerprint facts the ranking
 * filters on as columns; `fingerprints` the whole fingerprint as the JSON `mtkfw profile --json`
 * writes, and the text the full-text index was made from;
 * `files` what the package's folder held when it was read (for re-adds and `check`); `archives`
 * the size and time of each archive a shop read (a re-add of an unchanged one reads nothing); `emi`
 * and `drivers` the lists a match looks up by value; `labels` and `outcomes` what people
 * learnt about a package.
 */
#include "core/internal.h"
#include "catalog/catalog_internal.h"

#include <stdio.h>

/* The packages table's columns of schema 1 after its key and path (schema 4 makes the table
 * again with them). */
#define PACKAGES_COLUMNS_1 \
	" kind TEXT NOT NULL,"          /* package, parts, part, readback, backup */ \
	" folder TEXT,"                 /* the folder (or ARCHIVE!/dir) its files are in */ \
	" archive TEXT,"                /* the archive file a member package came from */ \
	" state TEXT NOT NULL,"         /* ok, failed, gone, imported */ \
	" error TEXT," \
	" size BIGINT NOT NULL DEFAULT 0," \
	" mtime BIGINT NOT NULL DEFAULT 0," \
	" content_hash TEXT," \
	" platform TEXT, project TEXT, storage TEXT, preloader TEXT, kernel TEXT, android TEXT, alps TEXT," \
	" brand TEXT, model TEXT, device TEXT, board TEXT, display_id TEXT, custom_build TEXT," \
	" fota_oem TEXT, fota_device TEXT, layout_hash TEXT, logo_width BIGINT, logo_height BIGINT," \
	" cid TEXT, lcm TEXT, checksum TEXT," \
	" has_lk BIGINT NOT NULL DEFAULT 0, has_kernel BIGINT NOT NULL DEFAULT 0," \
	/* counts a match reads without a look at the rows they count */ \
	" n_emi BIGINT NOT NULL DEFAULT 0, n_lk BIGINT NOT NULL DEFAULT 0, n_kernel_lcm BIGINT NOT NULL DEFAULT 0," \
	" successes BIGINT NOT NULL DEFAULT 0, failures BIGINT NOT NULL DEFAULT 0," \
	" fingerprinted BIGINT NOT NULL DEFAULT 0," \
	" origin TEXT," \
	" added_at BIGINT NOT NULL, seen_at BIGINT NOT NULL"

static const char *const version_1[] = {
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
	"CREATE TABLE packages ("
	" id @ID@,"
	" path TEXT NOT NULL UNIQUE," /* absolute; an archive member ARCHIVE!/member */
	PACKAGES_COLUMNS_1 ")",
	"CREATE INDEX packages_platform ON packages (platform)",
	"CREATE INDEX packages_hash ON packages (content_hash)",
	"CREATE INDEX packages_archive ON packages (archive)",
	"CREATE INDEX packages_folder ON packages (folder)",
	/* Kept apart from the packages' columns, so a scan of those (every match) stays small. */
	"CREATE TABLE fingerprints ("
	" package_id BIGINT PRIMARY KEY REFERENCES packages (id) ON DELETE CASCADE,"
	" profile TEXT NOT NULL, search_doc TEXT NOT NULL)",
	"CREATE TABLE archives ("
	" path TEXT PRIMARY KEY, size BIGINT NOT NULL, mtime BIGINT NOT NULL, error TEXT, seen_at BIGINT NOT NULL)",
	"CREATE TABLE files ("
	" package_id BIGINT NOT NULL REFERENCES packages (id) ON DELETE CASCADE,"
	" rel TEXT NOT NULL, size BIGINT NOT NULL, mtime BIGINT NOT NULL,"
	" sha256 TEXT, hashed TEXT, checksum TEXT,"
	" PRIMARY KEY (package_id, rel))",
	"CREATE TABLE emi ("
	" package_id BIGINT NOT NULL REFERENCES packages (id) ON DELETE CASCADE,"
	" idx BIGINT NOT NULL, flash_id TEXT NOT NULL, maker TEXT, product TEXT, type TEXT,"
	" dram_size BIGINT NOT NULL,"
	" PRIMARY KEY (package_id, idx))",
	"CREATE INDEX emi_flash_id ON emi (flash_id)",
	"CREATE TABLE drivers ("  /* names in lower case: compat compares them without case */
	" package_id BIGINT NOT NULL REFERENCES packages (id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL, name TEXT NOT NULL,"
	" PRIMARY KEY (package_id, kind, name))",
	"CREATE INDEX drivers_name ON drivers (kind, name)",
	"CREATE TABLE labels ("
	" id @ID@,"
	" package_id BIGINT NOT NULL REFERENCES packages (id) ON DELETE CASCADE,"
	" text TEXT NOT NULL, created_at BIGINT NOT NULL, origin TEXT,"
	" UNIQUE (package_id, text))",
	"CREATE TABLE outcomes ("
	" id @ID@,"
	" package_id BIGINT NOT NULL REFERENCES packages (id) ON DELETE CASCADE,"
	" result TEXT NOT NULL, note TEXT, phone_cid TEXT, phone_key TEXT, phone TEXT,"
	" created_at BIGINT NOT NULL, origin TEXT)",
	"CREATE INDEX outcomes_package ON outcomes (package_id)",
	"CREATE INDEX outcomes_cid ON outcomes (phone_cid)",
	NULL,
};

/* 2: the radio (the modem build in the system image, issue 16's fourth hardware fact), and
 * the version of the fingerprint each package was read with: a re-add reads a package again
 * when it was fingerprinted by an mtkfw that knew less (fp_version below CAT_FP_VERSION). */
static const char *const version_2[] = {
	"ALTER TABLE packages ADD COLUMN modem_project TEXT",
	"ALTER TABLE packages ADD COLUMN modem_verno TEXT",
	"ALTER TABLE packages ADD COLUMN modem_build_time TEXT",
	"ALTER TABLE packages ADD COLUMN modem_platform TEXT",
	"ALTER TABLE packages ADD COLUMN fp_version BIGINT NOT NULL DEFAULT 1",
	"CREATE INDEX packages_modem ON packages (modem_project)",
	NULL,
};

/* 3: the shop that indexed each package (issue 21: one catalogue shared by a chain of shops,
 * the firmware files staying on each shop's disks). A package row is one location: the same
 * content at two shops is two rows with one content hash, told apart by `shop`. Rows from
 * before have no shop (NULL): they are taken as the opening shop's own. */
static const char *const version_3[] = {
	"ALTER TABLE packages ADD COLUMN shop TEXT",
	"CREATE INDEX packages_shop ON packages (shop)",
	NULL,
};

/* 4: a package row is one location at one shop, so a path is unique within a shop, not across
 * shops: two shops each with a /srv/firmware/x of their own keep an entry each (schema 3 let the
 * second shop's add take the first's entry over). Rows from before shops (NULL) count as a shop
 * of their own, named '' here, so they stay unique too and an add at the same path finds them.
 * The column's UNIQUE goes first, in each engine's way: SQLite cannot drop a column constraint,
 * so it makes the table again (with foreign keys off around the migration, or dropping the old
 * table would empty every table that refers to it: rebuild_begin/end in db.h); PostgreSQL drops
 * the constraint. An archive's record is one shop's too (its size and time say whether that
 * shop's copy changed; two shops' fw.zip at one path are two files), keyed the same way: its
 * path's primary key goes as the packages' UNIQUE does, and it gains the shop column. */
static const char *const version_4_sqlite[] = {
	/* Schema 1's columns, then those schema 2 and 3 appended, in the order they were appended:
	 * SELECT * copies them one to one, ids included (the other tables and the full-text index
	 * refer to them). */
	"CREATE TABLE packages_4 ("
	" id @ID@,"
	" path TEXT NOT NULL," PACKAGES_COLUMNS_1 ","
	" modem_project TEXT, modem_verno TEXT, modem_build_time TEXT, modem_platform TEXT,"
	" fp_version BIGINT NOT NULL DEFAULT 1,"
	" shop TEXT)",
	"INSERT INTO packages_4 SELECT * FROM packages",
	"DROP TABLE packages",
	"ALTER TABLE packages_4 RENAME TO packages",
	"CREATE INDEX packages_platform ON packages (platform)",
	"CREATE INDEX packages_hash ON packages (content_hash)",
	"CREATE INDEX packages_archive ON packages (archive)",
	"CREATE INDEX packages_folder ON packages (folder)",
	"CREATE INDEX packages_modem ON packages (modem_project)",
	"CREATE INDEX packages_shop ON packages (shop)",
	/* Nothing refers to archives; its columns are named, the shop's left NULL. */
	"CREATE TABLE archives_4 ("
	" path TEXT NOT NULL, size BIGINT NOT NULL, mtime BIGINT NOT NULL, error TEXT, seen_at BIGINT NOT NULL,"
	" shop TEXT)",
	"INSERT INTO archives_4 (path, size, mtime, error, seen_at) SELECT path, size, mtime, error, seen_at FROM archives",
	"DROP TABLE archives",
	"ALTER TABLE archives_4 RENAME TO archives",
	NULL,
};

static const char *const version_4_postgresql[] = {
	"ALTER TABLE packages DROP CONSTRAINT IF EXISTS packages_path_key",
	"ALTER TABLE archives DROP CONSTRAINT IF EXISTS archives_pkey",
	/* the primary key's NOT NULL is not left to the engine's version to keep */
	"ALTER TABLE archives ALTER COLUMN path SET NOT NULL",
	"ALTER TABLE archives ADD COLUMN shop TEXT",
	NULL,
};

static const char *const version_4[] = {
	/* path first: every "this shop's package at this path" lookup goes through it. */
	"CREATE UNIQUE INDEX packages_shop_path ON packages (path, (coalesce(shop, '')))",
	"CREATE UNIQUE INDEX archives_shop_path ON archives (path, (coalesce(shop, '')))",
	NULL,
};

static const struct {
	int version;
	const char *const *sql;
	bool search; /* the backend's full-text index comes with this version */
	/* run before `sql` on one engine only, by its backend's name */
	const char *const *sqlite, *const *postgresql;
	bool rebuild; /* makes a table again (the backend's rebuild_begin/end around it) */
} steps[] = {
	{ 1, version_1, true, NULL, NULL, false },
	{ 2, version_2, false, NULL, NULL, false },
	{ 3, version_3, false, NULL, NULL, false },
	{ 4, version_4, false, version_4_sqlite, version_4_postgresql, true },
};
#define STEPS (sizeof(steps) / sizeof(steps[0]))

int mtkfwi_catalog_schema_version(void)
{
	return steps[STEPS - 1].version;
}

static int run_step(struct cdb *db, size_t s);

int mtkfwi_catalog_schema_create_at(struct cdb *db, int version)
{
	int rc = mtkfwi_cdb_begin(db);

	for (size_t s = 0; !rc && s < STEPS && steps[s].version <= version; s++)
		rc = run_step(db, s);
	if (!rc)
		rc = mtkfwi_cdb_run(db, NULL, "INSERT INTO meta (key, value) VALUES ('format', 'mtkfw-library')", "");
	{
		int e = mtkfwi_cdb_end(db, rc == 0);

		return rc ? rc : e;
	}
}

static bool word_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* `sql` with @ID@ replaced by the backend's key type and the word TEXT by its text type. */
static int render(char **out, const char *sql, const struct cdb_backend *be)
{
	const char *text = be->text_type ? be->text_type : "TEXT";
	size_t n = strlen(sql), k = strlen(be->id_type), t = strlen(text), count = 0;
	const char *p;
	char *o, *w;

	for (p = sql; *p; p++)
		count += strncmp(p, "@ID@", 4) == 0 || strncmp(p, "TEXT", 4) == 0;
	o = malloc(n + count * (k > t ? k : t) + 1);
	if (!o)
		return mtkfw_nomem();
	for (w = o, p = sql; *p;) {
		if (strncmp(p, "@ID@", 4) == 0) {
			memcpy(w, be->id_type, k);
			w += k;
			p += 4;
		} else if (strncmp(p, "TEXT", 4) == 0 && (p == sql || !word_char(p[-1])) && !word_char(p[4])) {
			memcpy(w, text, t);
			w += t;
			p += 4;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	*out = o;
	return 0;
}

static int run_list(struct cdb *db, const char *const *list)
{
	int rc = 0;

	for (size_t i = 0; list && list[i] && !rc; i++) {
		char *sql = NULL;

		if ((rc = render(&sql, list[i], db->be)) != 0)
			break;
		rc = mtkfwi_cdb_exec(db, sql);
		free(sql);
	}
	return rc;
}

static int run_step(struct cdb *db, size_t s)
{
	const char *engine = db->be->name;
	char num[16];
	int rc = run_list(db, strcmp(engine, "sqlite") == 0	   ? steps[s].sqlite
			      : strcmp(engine, "postgresql") == 0 ? steps[s].postgresql
								   : NULL);

	if (!rc)
		rc = run_list(db, steps[s].sql);
	for (size_t i = 0; steps[s].search && db->be->search_ddl[i] && !rc; i++)
		rc = mtkfwi_cdb_exec(db, db->be->search_ddl[i]);
	snprintf(num, sizeof(num), "%d", steps[s].version);
	if (!rc)
		rc = mtkfwi_cdb_run(db, NULL,
			     "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
			     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			     "s", num);
	return rc;
}

/* The version written in the catalogue; 0 when it has no schema yet. */
static int read_version(struct cdb *db, int *version)
{
	struct cdb_stmt *st = NULL;
	int64_t tables = 0;
	int rc = mtkfwi_cdb_query(&st, db, db->be->table_exists, "s", "meta");

	*version = 0;
	if (rc)
		return rc;
	if ((rc = mtkfwi_cdb_step(st)) == 1)
		tables = mtkfwi_cdb_int(st, 0);
	mtkfwi_cdb_done(st);
	if (rc < 0 || !tables)
		return rc < 0 ? rc : 0;
	if ((rc = mtkfwi_cdb_query(&st, db, "SELECT key, value FROM meta WHERE key IN ('format', 'schema_version')", "")) != 0)
		return rc;
	{
		bool ours = false;
		long v = 0;

		while ((rc = mtkfwi_cdb_step(st)) == 1) {
			const char *k = mtkfwi_cdb_text(st, 0), *val = mtkfwi_cdb_text(st, 1);

			if (k && val && strcmp(k, "format") == 0)
				ours = strcmp(val, "mtkfw-library") == 0;
			else if (k && val)
				v = strtol(val, NULL, 10);
		}
		mtkfwi_cdb_done(st);
		if (rc < 0)
			return rc;
		if (!ours || v < 1)
			return mtkfw_seterr(MTKFW_ERR_FORMAT,
					    "%s: a database with a 'meta' table, but not an mtkfw library; it was left as "
					    "it is (give another --db)",
					    db->name);
		*version = v > 1000000 ? 1000000 : (int)v;
	}
	return 0;
}

/* Every step past `version` in one write transaction. */
static int upgrade(struct cdb *db, int version)
{
	bool rebuild = false;
	int rc, e;

	for (size_t s = 0; s < STEPS; s++)
		rebuild = rebuild || (steps[s].version > version && steps[s].rebuild);
	/* Outside the transaction: SQLite ignores its foreign key switch inside one. */
	if (rebuild && db->be->rebuild_begin && (rc = mtkfwi_cdb_exec(db, db->be->rebuild_begin)) != 0)
		return rc;
	if ((rc = mtkfwi_cdb_begin(db)) == 0) {
		/* Another mtkfw may have created or upgraded it while we waited for the lock. */
		rc = read_version(db, &version);
		for (size_t s = 0; !rc && s < STEPS; s++)
			if (steps[s].version > version)
				rc = run_step(db, s);
		if (!rc && version == 0)
			rc = mtkfwi_cdb_run(db, NULL, "INSERT INTO meta (key, value) VALUES ('format', 'mtkfw-library')", "");
		e = mtkfwi_cdb_end(db, rc == 0);
		rc = rc ? rc : e;
	}
	if (rebuild && db->be->rebuild_end) {
		e = mtkfwi_cdb_exec(db, db->be->rebuild_end);
		rc = rc ? rc : e;
	}
	return rc;
}

int mtkfwi_catalog_schema_ready(struct cdb *db, bool writing)
{
	int version, rc;

	if ((rc = read_version(db, &version)) != 0)
		return rc;
	if (version > mtkfwi_catalog_schema_version())
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
				    "%s: made by a newer mtkfw (library schema %d; this one knows up to %d): left as it is",
				    db->name, version, mtkfwi_catalog_schema_version());
	/* A damaged file must be refused before our first write, not discovered half-way. */
	if ((writing || version < mtkfwi_catalog_schema_version()) && version > 0 && db->be->verify &&
	    (rc = db->be->verify(db)) != 0)
		return rc;
	if (version == mtkfwi_catalog_schema_version())
		return 0;
	return upgrade(db, version);
}
