/* Inside lib/catalog: importing an export held in memory (the fuzz harness's way in). */
#ifndef MTKFW_CATALOG_EXCHANGE_H
#define MTKFW_CATALOG_EXCHANGE_H

#include <mtkfw/catalog.h>

/* mtkfw_catalog_import on `len` bytes of text; `origin` names it in messages and rows. */
int mtkfwi_cat_import_text(struct mtkfw_catalog_import_report *out, mtkfw_catalog *cat, const char *text, size_t len,
		    const char *origin);

#endif
