/* Library export (JSON lines): import into a fresh in-memory library, then list and search it.
 * An export is another shop's file: whatever it holds must fail cleanly or land whole. */
#include "catalog/exchange.h"

#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* One library for the whole run (making the schema is most of the cost of a fresh one);
	 * each input leaves it empty again. */
	static mtkfw_catalog *cat;
	struct mtkfw_catalog_import_report r;
	struct mtkfw_catalog_list l;

	if (!cat && mtkfw_catalog_open(&cat, ":memory:", MTKFW_CATALOG_CREATE) != 0)
		abort(); /* a new library in memory always opens */
	if (mtkfwi_cat_import_text(&r, cat, (const char *)data, size, "fuzz") == 0) {
		if (mtkfw_catalog_list(&l, cat, NULL) != 0)
			abort(); /* what was imported must read back */
		if (l.count != r.added)
			abort(); /* every package added is listed, nothing else */
		mtkfw_catalog_list_clear(&l);
		if (mtkfw_catalog_list(&l, cat, "a516 mt6572") == 0)
			mtkfw_catalog_list_clear(&l);
		if (mtkfw_catalog_list(&l, cat, NULL) != 0)
			abort();
		for (size_t i = 0; i < l.count; i++)
			if (mtkfw_catalog_forget(cat, l.items[i].id) != 0)
				abort();
		mtkfw_catalog_list_clear(&l);
	} else {
		/* A failed import leaves nothing behind. */
		if (mtkfw_catalog_list(&l, cat, NULL) != 0 || l.count)
			abort();
		mtkfw_catalog_list_clear(&l);
	}
	return 0;
}
