/*
 * The device side of the library: a phone in BROM mode needs a preloader whose EMI table lists
 * its eMMC before its DRAM can be set up, and the library indexed every preloader it saw (in
 * packages, boot1 dumps, loose files). Only files on disk are offered (an archive member is
 * not a file); the one seen most recently first.
 */
#include "core/file.h"
#include "core/internal.h"
#include "catalog/catalog_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <sys/stat.h>

/* Where the package's preloader is: its folder and the file its fingerprint names. */
static char *preloader_file(const char *kind, const char *path, const char *folder, const char *profile)
{
	json_t *o = profile ? json_loads(profile, 0, NULL) : NULL;
	const char *file = json_string_value(json_object_get(json_object_get(o, "preloader"), "file"));
	char *out = NULL;

	if (kind && strcmp(kind, "part") == 0)
		out = mtkfw_strdup(path);
	else if (file && folder && mtkfw_path_under(folder, file, &out) != 0)
		out = NULL;
	json_decref(o);
	return out;
}

int mtkfw_catalog_find_preloader(char **path, mtkfw_catalog *cat, const uint8_t cid[16])
{
	char ids[CAT_CID_IDS][33], *sql = NULL;
	size_t n = mtkfwi_cat_cid_ids(cid, ids), used;
	struct cdb_stmt *st = NULL;
	int rc;

	*path = NULL;
	sql = malloc(512 + 3 * n);
	if (!sql)
		return mtkfw_nomem();
	used = (size_t)snprintf(sql, 512,
				"SELECT p.kind, p.path, p.folder, f.profile FROM packages p JOIN fingerprints f ON "
				"f.package_id = p.id WHERE p.state = 'ok' AND p.archive IS NULL AND EXISTS (SELECT 1 FROM "
				"emi e WHERE e.package_id = p.id AND e.flash_id IN (");
	for (size_t i = 0; i < n; i++)
		used += (size_t)sprintf(sql + used, i ? ", ?" : "?");
	strcpy(sql + used, ")) ORDER BY p.seen_at DESC, p.id");
	rc = mtkfwi_cdb_prepare(&st, cat->db, sql);
	free(sql);
	for (size_t i = 0; i < n && !rc; i++)
		rc = mtkfwi_cdb_bind_text(st, (int)i + 1, ids[i]);
	while (!*path && cdb_next(st, &rc)) {
		char *file = preloader_file(mtkfwi_cdb_text(st, 0), mtkfwi_cdb_text(st, 1), mtkfwi_cdb_text(st, 2), mtkfwi_cdb_text(st, 3));
		struct stat s;

		if (file && stat(file, &s) == 0 && S_ISREG(s.st_mode))
			*path = file;
		else
			free(file);
	}
	mtkfwi_cdb_done(st);
	if (rc < 0)
		return rc;
	if (!*path) {
		char hex[33];

		mtkfwi_cat_hex(hex, cid, 16);
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "library: no preloader on disk lists eMMC %s", hex);
	}
	return 0;
}
