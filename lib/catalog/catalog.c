/*
 * Opening a catalogue: the backend checks the file is ours (or new) before anything is
 * written; the schema is created or brought up to date; a caller that will write has the
 * whole file checked first, so a damaged library is refused rather than made worse.
 */
#include "core/internal.h"
#include "catalog/catalog_internal.h"

int mtkfw_catalog_open(mtkfw_catalog **out, const char *location, unsigned flags)
{
	mtkfw_catalog *c;
	int rc;

	*out = NULL;
	c = mtkfw_calloc(1, sizeof(*c));
	if (!c)
		return MTKFW_ERR_NOMEM;
	rc = mtkfwi_cdb_open(&c->db, location, (flags & MTKFW_CATALOG_CREATE) != 0);
	if (!rc)
		rc = mtkfwi_catalog_schema_ready(c->db, (flags & (MTKFW_CATALOG_WRITE | MTKFW_CATALOG_CREATE)) != 0);
	if (rc) {
		mtkfwi_cdb_close(c->db);
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void mtkfw_catalog_free(mtkfw_catalog *cat)
{
	if (!cat)
		return;
	mtkfwi_cdb_close(cat->db);
	free(cat);
}
