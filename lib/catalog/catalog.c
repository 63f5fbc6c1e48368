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
	free(cat->shop);
	free(cat);
}

int mtkfw_catalog_set_shop(mtkfw_catalog *cat, const char *shop)
{
	char *s = NULL;

	if (!cat)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library: no catalogue to name a shop for");
	if (shop && *shop) {
		size_t n = strlen(shop);

		if (n > 64)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "shop name '%.64s...': over 64 bytes", shop);
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)shop[i] < 0x20 || shop[i] == 0x7f)
				return mtkfw_seterr(MTKFW_ERR_INVALID, "shop name: a control character at byte %zu", i);
		if (!(s = mtkfw_strdup(shop)))
			return MTKFW_ERR_NOMEM;
	}
	free(cat->shop);
	cat->shop = s;
	return 0;
}
