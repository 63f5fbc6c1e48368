/*
 * The PostgreSQL backend's place in the Windows build (db.h): libpq is not among the libraries
 * scripts/windows-deps cross-builds, so a postgresql:// location is refused in one line that
 * says what works instead. The Linux build has the backend itself (db_pg_posix.c).
 */
#include "catalog/db.h"
#include "core/internal.h"

static int pg_refuse(struct cdb *db, const char *location, bool create)
{
	(void)location;
	(void)create;
	/* db->name may hold a password: say only the scheme. */
	(void)db;
	return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
			    "PostgreSQL connection string: this Windows build has no PostgreSQL support; use a library "
			    "file, or move a catalogue with 'library export' and 'library import' on Linux");
}

static void pg_none_close(struct cdb *db)
{
	(void)db;
}

const struct cdb_backend mtkfwi_cdb_pg = {
	.name = "postgresql",
	.open = pg_refuse,
	.close = pg_none_close,
};
