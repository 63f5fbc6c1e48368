/*
 * lib/catalog: opening a library (new, ours, foreign, damaged, newer), the full-text query
 * built from hostile words, and build.prop read out of an ext4 image that can only be read
 * forward (raw and sparse, made by mke2fs, independent of us; cut short: an error).
 */
#include "testutil.h"
#include "catalog/catalog_internal.h"
#include "catalog/stream_fs.h"

#include <mtkfw/mtkfw.h>
#include <mtkfw/catalog.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = make_tempdir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rm_rf(tmp);
	free(tmp);
	return 0;
}

static char *path_of(const char *name)
{
	char *p = malloc(strlen(tmp) + strlen(name) + 2);

	assert_non_null(p);
	sprintf(p, "%s/%s", tmp, name);
	return p;
}

static void sql(const char *db, const char *stmt)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, stmt, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void test_open_new_and_again(void **state)
{
	char *db = path_of("new.sqlite");
	mtkfw_catalog *c = NULL;
	struct mtkfw_catalog_list l;

	(void)state;
	assert_int_equal(mtkfw_catalog_open(&c, db, 0), MTKFW_ERR_NOTFOUND);
	assert_null(c);
	assert_int_equal(access(db, F_OK), -1);
	assert_int_equal(mtkfw_catalog_open(&c, db, MTKFW_CATALOG_CREATE), 0);
	assert_int_equal(mtkfw_catalog_list(&l, c, NULL), 0);
	assert_int_equal(l.count, 0);
	mtkfw_catalog_list_clear(&l);
	mtkfw_catalog_free(c);
	assert_int_equal(mtkfw_catalog_open(&c, db, MTKFW_CATALOG_WRITE), 0);
	mtkfw_catalog_free(c);
	free(db);
}

static void same_bytes(const char *path, const uint8_t *before, size_t n)
{
	size_t len;
	uint8_t *now = slurp(path, &len);

	assert_int_equal(len, n);
	assert_memory_equal(now, before, n);
	free(now);
}

static void test_foreign_files_untouched(void **state)
{
	char *txt = path_of("notes.txt"), *other = path_of("other.sqlite"), *empty_new = path_of("empty.sqlite");
	mtkfw_catalog *c = NULL;
	uint8_t *before;
	size_t n;

	(void)state;
	write_file(txt, "not a database at all\n", 22);
	assert_int_equal(mtkfw_catalog_open(&c, txt, MTKFW_CATALOG_CREATE | MTKFW_CATALOG_WRITE), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "notes.txt"));
	same_bytes(txt, (const uint8_t *)"not a database at all\n", 22);

	sql(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	before = slurp(other, &n);
	assert_int_equal(mtkfw_catalog_open(&c, other, MTKFW_CATALOG_CREATE | MTKFW_CATALOG_WRITE), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "another program"));
	same_bytes(other, before, n);
	free(before);

	/* A zero-length file is a new database to SQLite: a library may be made in it. */
	write_file(empty_new, "", 0);
	assert_int_equal(mtkfw_catalog_open(&c, empty_new, MTKFW_CATALOG_CREATE), 0);
	mtkfw_catalog_free(c);
	free(txt);
	free(other);
	free(empty_new);
}

static void test_newer_schema_refused(void **state)
{
	char *db = path_of("newer.sqlite");
	mtkfw_catalog *c = NULL;

	(void)state;
	assert_int_equal(mtkfw_catalog_open(&c, db, MTKFW_CATALOG_CREATE), 0);
	mtkfw_catalog_free(c);
	sql(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
	assert_int_equal(mtkfw_catalog_open(&c, db, 0), MTKFW_ERR_UNSUPPORTED);
	assert_non_null(strstr(mtkfw_error_last()->message, "newer mtkfw"));
	/* A meta table that is not ours. */
	sql(db, "UPDATE meta SET value = 'someone-else' WHERE key = 'format'");
	assert_int_equal(mtkfw_catalog_open(&c, db, 0), MTKFW_ERR_FORMAT);
	free(db);
}

/* A library made by the first schema is brought up to date on open, its packages kept and
 * marked as read by an older fingerprint (so the next add reads them again, modem and all). */
static void test_migration_from_version_1(void **state)
{
	char *db = path_of("v1.sqlite");
	struct cdb *raw = NULL;
	mtkfw_catalog *c = NULL;
	struct mtkfw_catalog_list l;
	sqlite3 *h;
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(mtkfwi_cdb_open(&raw, db, true), 0);
	assert_int_equal(mtkfwi_catalog_schema_create_at(raw, 1), 0);
	assert_int_equal(mtkfwi_cdb_run(raw, NULL,
				 "INSERT INTO packages (path, kind, state, platform, added_at, seen_at) "
				 "VALUES ('/shop/old', 'package', 'ok', 'MT6572', 1, 1)",
				 ""),
			 0);
	/* A package row with the first schema cannot name a modem. */
	assert_int_not_equal(mtkfwi_cdb_run(raw, NULL, "UPDATE packages SET modem_project = 'X'", ""), 0);
	mtkfwi_cdb_close(raw);

	assert_int_equal(mtkfw_catalog_open(&c, db, 0), 0);
	assert_int_equal(mtkfw_catalog_list(&l, c, NULL), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].path, "/shop/old");
	mtkfw_catalog_list_clear(&l);
	mtkfw_catalog_free(c);
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
					    "SELECT (SELECT value FROM meta WHERE key = 'schema_version'), fp_version, "
					    "modem_project IS NULL, shop IS NULL FROM packages",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "4");
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	assert_int_equal(sqlite3_column_int(st, 2), 1);
	assert_int_equal(sqlite3_column_int(st, 3), 1); /* schema 3: no shop for rows from before */
	sqlite3_finalize(st);
	sqlite3_close(h);
	free(db);
}

/* A PostgreSQL library that cannot be reached (nothing listens on port 1), or whose connection
 * string libpq cannot read: refused with the connection named without its password. */
static void test_postgres_secret_not_repeated(void **state)
{
	mtkfw_catalog *c = NULL;
	const char *m;

	(void)state;
	assert_int_equal(mtkfw_catalog_open(&c, "postgresql://user:secret@127.0.0.1:1/db?connect_timeout=5", 0), MTKFW_ERR_IO);
	m = mtkfw_error_last()->message;
	assert_null(strstr(m, "secret"));
	assert_non_null(strstr(m, "postgresql://user@127.0.0.1:1/db: cannot connect: "));
	assert_null(strchr(m, '\n'));
	assert_int_equal(mtkfw_catalog_open(&c, "postgres://user:secret@host/db?no_such_option=secret", 0), MTKFW_ERR_INVALID);
	assert_null(strstr(mtkfw_error_last()->message, "secret"));
	/* libpq's keyword form: the same. */
	assert_int_equal(mtkfw_catalog_open(&c, "host=127.0.0.1 port=1 dbname=db user=user password=secret connect_timeout=5", 0),
			 MTKFW_ERR_IO);
	m = mtkfw_error_last()->message;
	assert_null(strstr(m, "secret"));
	assert_non_null(strstr(m, "postgresql://user@127.0.0.1:1/db: cannot connect: "));
	assert_int_equal(mtkfw_catalog_open(&c, "host=h password=secret no_such_option=secret", 0), MTKFW_ERR_INVALID);
	assert_null(strstr(mtkfw_error_last()->message, "secret"));
	assert_non_null(strstr(mtkfw_error_last()->message, "not a connection string"));
	assert_null(c);
}

/* Which --db is a PostgreSQL connection string and which a file: the rule the man page states. */
static void test_location_forms(void **state)
{
	static const struct {
		const char *location;
		bool pg;
	} cases[] = {
		{ "postgresql://shop@db/firmware", true },
		{ "POSTGRES://db/firmware", true },
		{ "host=/run/postgresql dbname=firmware", true },
		{ "  dbname = firmware", true },
		{ "service=shops", true },
		{ "sslmode=require host=db", true },
		{ "library.sqlite", false },
		{ "/srv/lib/host=x.sqlite", false },
		{ "./dbname=x.sqlite", false },
		{ "Host=db", false }, /* libpq's keywords are lower case: a file */
		{ "lib 2024.sqlite", false },
		{ "=x", false },
		{ "", false },
		{ "postgresql:", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (mtkfwi_cdb_is_conninfo(cases[i].location) != cases[i].pg)
			fail_msg("'%s': %s", cases[i].location, cases[i].pg ? "not taken as PostgreSQL" : "taken as PostgreSQL");
}

static void test_search_words_are_data(void **state)
{
	static const char *const hostile[] = { "\"", "a\"b", "*", "NEAR(x y)", "x OR y", "-", "^col:x", "'; DROP TABLE packages; --",
					       "ZH-A516-MB-V1.0", "\xc3\xa9t\xc3\xa9" };
	char *db = path_of("fts.sqlite");
	mtkfw_catalog *c = NULL;
	struct mtkfw_catalog_list l;

	(void)state;
	assert_int_equal(mtkfw_catalog_open(&c, db, MTKFW_CATALOG_CREATE), 0);
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		assert_int_equal(mtkfw_catalog_list(&l, c, hostile[i]), 0);
		assert_int_equal(l.count, 0);
		mtkfw_catalog_list_clear(&l);
	}
	assert_int_equal(mtkfw_catalog_list(&l, c, "  \t "), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_catalog_list(&l, c, NULL), 0); /* the table is still there */
	mtkfw_catalog_list_clear(&l);
	mtkfw_catalog_free(c);
	free(db);
}

/* ---- build.prop from an image read forward only ------------------------------------------ */

struct stream {
	const uint8_t *b;
	size_t n, pos;
};

static int pull_mem(void *user, void *buf, size_t n, size_t *got)
{
	struct stream *s = user;
	size_t k = s->n - s->pos < n ? s->n - s->pos : n;

	/* Small pieces, as a decompressor hands them out. */
	if (k > 3000)
		k = 3000;
	memcpy(buf, s->b + s->pos, k);
	s->pos += k;
	*got = k;
	return 0;
}

static int read_prop(const uint8_t *img, size_t n, size_t cut, uint8_t **out, size_t *len, uint64_t *pulled)
{
	struct stream s = { img, cut, 4096 };

	return mtkfwi_stream_system(out, len, NULL, NULL, pull_mem, &s, img, 4096, n, tmp, "system.img", pulled);
}

static void test_stream_buildprop(void **state)
{
	static const char prop[] = "ro.product.model=Stream Test\nro.mediatek.platform=MT6572\n";
	char *tree = path_of("tree"), *raw = path_of("raw.img"), *simg = path_of("sparse.img"), cmd[4096];
	uint8_t *img, *out = NULL;
	size_t n, len;
	uint64_t pulled;

	(void)state;
	mkdir(tree, 0755);
	snprintf(cmd, sizeof(cmd), "%s/build.prop", tree);
	write_file(cmd, prop, sizeof(prop) - 1);
	snprintf(cmd, sizeof(cmd), "mke2fs -q -F -t ext4 -b 4096 -d '%s' '%s' 32M >/dev/null 2>&1", tree, raw);
	if (system(cmd) != 0) {
		print_message("skip: mke2fs not found\n");
		skip();
	}
	assert_int_equal(mtkfw_sparse_make(raw, simg, 4096, NULL), 0);

	/* Raw: only the front of the 32 MiB image is pulled. */
	img = slurp(raw, &n);
	assert_int_equal(read_prop(img, n, n, &out, &len, &pulled), 0);
	assert_int_equal(len, sizeof(prop) - 1);
	assert_memory_equal(out, prop, len);
	assert_true(pulled < n / 2);
	free(out);
	/* Cut before build.prop's block: an error, not a hang or garbage. */
	assert_int_not_equal(read_prop(img, n, 8192, &out, &len, &pulled), 0);
	assert_null(out);
	free(img);

	/* Sparse: expanded on the way. */
	img = slurp(simg, &n);
	assert_int_equal(read_prop(img, n, n, &out, &len, &pulled), 0);
	assert_int_equal(len, sizeof(prop) - 1);
	assert_memory_equal(out, prop, len);
	free(out);
	out = NULL;
	assert_int_equal(read_prop(img, n, n / 3, &out, &len, &pulled), MTKFW_ERR_TRUNCATED);
	/* A sparse header with an absurd chunk size is refused. */
	img[10] = 0xFF;
	img[11] = 0x7F;
	assert_int_equal(read_prop(img, n, n, &out, &len, &pulled), MTKFW_ERR_FORMAT);
	free(img);
	free(tree);
	free(raw);
	free(simg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_new_and_again),	  cmocka_unit_test(test_foreign_files_untouched),
		cmocka_unit_test(test_newer_schema_refused),	  cmocka_unit_test(test_postgres_secret_not_repeated),
		cmocka_unit_test(test_migration_from_version_1), cmocka_unit_test(test_location_forms),
		cmocka_unit_test(test_search_words_are_data), cmocka_unit_test(test_stream_buildprop),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
