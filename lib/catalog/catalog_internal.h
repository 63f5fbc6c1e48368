/* Inside lib/catalog (not installed): the shared pieces of add, match, notes and exchange. */
#ifndef MTKFW_CATALOG_INTERNAL_H
#define MTKFW_CATALOG_INTERNAL_H

#include "catalog/db.h"

#include <mtkfw/catalog.h>
#include <mtkfw/compat.h>

struct mtkfw_catalog {
	struct cdb *db;
	char *shop; /* the shop this mtkfw indexes for (mtkfw_catalog_set_shop); NULL: unnamed */
};

/* SQL that holds for a package row at the opening shop, with the shop bound once as `?`: its
 * own rows and those from before shops were recorded (NULL). */
#define CAT_SHOP_HERE "(shop IS NULL OR shop = ?)"

/* Where the package with content `hash` is held (query.c): one holder per row with that
 * content that is not gone or failed, by shop then path; the row `id` alone when `hash` is
 * NULL. */
#define CAT_HOLDERS_MAX 64
int mtkfwi_cat_holders(struct mtkfw_catalog_holder **out, size_t *count, struct cdb *db, const char *hash, int64_t id);
void mtkfwi_cat_holders_free(struct mtkfw_catalog_holder *h, size_t count);

/* schema.c */
int mtkfwi_catalog_schema_version(void);
/* A new catalogue at an older schema `version` (tests of the migrations). */
int mtkfwi_catalog_schema_create_at(struct cdb *db, int version);
/* Create or upgrade the schema; `writing`: check the whole file before the first write. */
int mtkfwi_catalog_schema_ready(struct cdb *db, bool writing);

/* ---- a package being stored (files.c, record.c, store.c) --------------------------------- */

/* What a fingerprint holds: 1 before the radio, 2 with the modem. A package stored with less is
 * read again by the next add even when its files are unchanged. */
#define CAT_FP_VERSION 2

/* Images up to this size are hashed whole, but for file systems; larger ones and file system
 * images by size, head and tail (CAT_HASH_SAMPLE bytes each). */
#define CAT_HASH_WHOLE_MAX (64u << 20)
#define CAT_HASH_SAMPLE (64u << 10)

struct cat_file {
	char *rel;          /* name in the package's folder (or path in the archive) */
	char *path;         /* where to read it now; NULL for an archive member already hashed */
	uint64_t size;
	int64_t mtime_ns;
	char sha256[65];    /* "" when not hashed */
	bool sampled;       /* sha256 of size + head + tail */
	uint32_t sum32;     /* byte sum (Checksum.ini), valid when !sampled and sha256 set */
	const char *checksum; /* "ok", "mismatch", "unchecked", NULL when Checksum.ini does not list it */
};

struct cat_files {
	struct cat_file *items;
	size_t count;
};

int mtkfwi_cat_files_add(struct cat_files *f, const char *rel, const char *path, uint64_t size, int64_t mtime_ns);
void mtkfwi_cat_files_free(struct cat_files *f);
/* Hash every file that has a path (whole up to CAT_HASH_WHOLE_MAX, or all with `full`); the
 * bytes read are added to *read. A file that cannot be read is an error naming it. */
int mtkfwi_cat_files_hash(struct cat_files *f, bool full, uint64_t *read);
/* SHA-256 over the files' names and hashes, in name order: the package's content. */
int mtkfwi_cat_files_content_hash(const struct cat_files *f, char out[65]);
/* Check the files against a Checksum.ini (its text; NULL when the package has none), finding
 * each listed partition's file through the scatter `layout`: marks each listed file and
 * returns "valid", "invalid", "partial" (some large images were not summed) or NULL when
 * there is no Checksum.ini. */
const char *mtkfwi_cat_files_checksum(struct cat_files *f, const mtkfw_layout *layout, const char *ini, size_t ini_len);

struct cat_pkg {
	char *path;         /* as stored: absolute; ARCHIVE!/member for archives */
	char *folder;       /* the folder (or ARCHIVE!/dir) whose files are the package's */
	const char *kind;   /* package, parts, part, readback, backup */
	char *archive;      /* the archive file, NULL when none */
	char *error;        /* why it could not be read (stored as a failed package) */
	const char *origin; /* imported from this export (stored as state "imported"); NULL: found here */
	const char *shop;   /* the shop that holds its files; NULL: unnamed */
	bool has_target;
	struct mtkfw_target target;
	struct cat_files files;
	char content_hash[65];
	const char *checksum;
	uint64_t size;
	int64_t mtime_ns;
};

void mtkfwi_cat_pkg_free(struct cat_pkg *p);

/* Store (insert or update by path) one package with its files, EMI entries and drivers, and
 * index its text; *change is the mtkfw_catalog_change it was. */
int mtkfwi_cat_store(struct cdb *db, struct cat_pkg *p, int64_t now, int64_t *id, int *change);
/* Recount package `id`'s successes (distinct phones it booted) and failures after its outcomes
 * changed. */
int mtkfwi_cat_count_outcomes(struct cdb *db, int64_t id);
/* Rebuild the full-text document of package `id` (its fingerprint's strings and labels). */
int mtkfwi_cat_reindex(struct cdb *db, int64_t id);

/* ---- the add job (add.c, archive.c) ------------------------------------------------------- */

struct cat_job {
	struct cdb *db;
	const struct mtkfw_catalog_add_opts *o;
	struct mtkfw_catalog_add_report *r;
	mtkfw_ctx *ctx;
	int64_t now;
	const char *shop; /* the catalogue's (mtkfw_catalog_set_shop) */
};

/* Report a package found (added, updated, unchanged, moved) or a failure (recorded, the scan
 * goes on). */
int mtkfwi_cat_job_ref(struct cat_job *j, int64_t id, const char *path, const char *platform, const char *project, int change);
int mtkfwi_cat_job_failure(struct cat_job *j, const char *path, const char *error);
/* An error the scan records and passes over (anything but running out of memory or being
 * cancelled). */
bool mtkfwi_cat_recoverable(int rc);
/* If the packages stored at `path` (or, when path is NULL, the folder packages of `folder`)
 * have exactly these files (names, sizes, times), report them unchanged and set *done. */
int mtkfwi_cat_job_unchanged(struct cat_job *j, const char *folder, const char *path, const struct cat_files *files,
		      bool *done);
/* Fingerprint `p` (path, folder and files set by the caller) from `load` (a folder, a scatter
 * or one part; `dir` the folder when it is one). A package that cannot be read keeps the error
 * in p->error; only running out of memory fails. */
int mtkfwi_cat_job_load(struct cat_job *j, struct cat_pkg *p, const char *load, const char *dir, bool single, bool scatter);
/* Hash its files, check its Checksum.ini, store it and report it (added, updated, moved, or
 * failed with its error). 0 unless the catalogue fails. */
int mtkfwi_cat_job_store(struct cat_job *j, struct cat_pkg *p);
/* Every package inside an archive (archive.c). */
int mtkfwi_cat_add_archive(struct cat_job *j, const char *path, uint64_t size, int64_t mtime_ns);

/* The EMI ids a CID matches (cid.c): up to CAT_CID_IDS distinct hex strings; returns how many. */
#define CAT_CID_IDS 32
size_t mtkfwi_cat_cid_ids(const uint8_t cid[16], char ids[CAT_CID_IDS][33]);
/* Lowercase hex of `n` bytes. */
void mtkfwi_cat_hex(char *out, const uint8_t *b, size_t n);

#endif
