/*
 * mtkfw — the firmware library: a catalogue of every firmware package a shop owns, and the
 * answer to "which of my packages fits this phone?".
 *
 * A catalogue is one database (an SQLite file today). Firmware bytes stay where they are: the
 * catalogue holds paths, sizes, times, hashes and the fingerprint `mtkfw profile` reads from
 * each package, with what people learnt about it (board labels, flash outcomes). The library
 * reads no environment: the caller says where the catalogue is.
 *
 * Paths of packages are absolute; a package inside an archive is "ARCHIVE!/member/dir".
 */
#ifndef MTKFW_CATALOG_H
#define MTKFW_CATALOG_H

#include "claims.h"
#include "common.h"
#include "compat.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mtkfw_catalog mtkfw_catalog;

enum {
	MTKFW_CATALOG_CREATE = 1, /* make the catalogue when there is none yet */
	MTKFW_CATALOG_WRITE = 2,  /* the caller will write: the file is checked whole first */
};

/*
 * Open the catalogue at `location`: a file (SQLite), or a PostgreSQL connection string, a
 * libpq URI (postgresql://, postgres://) or libpq's keyword form when its first word is a
 * lower-case KEYWORD= ("host=db dbname=firmware"; a file so named is given as ./NAME); the
 * password is never part of a message. A missing file is MTKFW_ERR_NOTFOUND unless
 * MTKFW_CATALOG_CREATE; a file that is not an mtkfw library (not SQLite, another program's
 * database, damaged) is MTKFW_ERR_FORMAT and is left byte for byte as it was; one made by a
 * newer mtkfw is MTKFW_ERR_UNSUPPORTED. An older one is brought up to date.
 */
MTKFW_API int mtkfw_catalog_open(mtkfw_catalog **out, const char *location, unsigned flags);
MTKFW_API void mtkfw_catalog_free(mtkfw_catalog *cat);

/*
 * Name the shop this catalogue is used from (a chain of shops sharing one library; the front
 * end gives --shop, $MTKFW_SHOP or the host name). Packages added are recorded as held by it;
 * `check` and an add's "gone" and "moved" look only at its packages (another shop's files are
 * on that shop's disks); a match marks a candidate no copy of which is here. At most 64 bytes,
 * no control characters (MTKFW_ERR_INVALID); NULL or "" forgets the name. Rows indexed before
 * shops were recorded have no shop and count as every shop's own.
 */
MTKFW_API int mtkfw_catalog_set_shop(mtkfw_catalog *cat, const char *shop);

/* One place a package's content is held: a shop (NULL when it was indexed before shops were
 * recorded) and the path there. */
struct mtkfw_catalog_holder {
	char *shop;
	char *path;
};

/* ---- adding packages --------------------------------------------------------------------- */

struct mtkfw_catalog_add_opts {
	unsigned version; /* 1 */
	/* Where archive members a fingerprint needs are put while they are read (small parts
	 * only, removed at once); NULL: /tmp. */
	const char *tmp_dir;
	/* Hash every image whole. By default file system images (system, cache, userdata) and
	 * anything over 64 MiB are hashed by their size and first and last 64 KiB, so a scan reads
	 * what a fingerprint needs and not the gigabytes of a file system; their Checksum.ini
	 * lines are then "unchecked". */
	bool full_hash;
};

typedef enum mtkfw_catalog_change {
	MTKFW_CATALOG_ADDED = 0,
	MTKFW_CATALOG_UPDATED = 1,   /* its files changed since the last add */
	MTKFW_CATALOG_UNCHANGED = 2, /* same sizes and times (or, failing those, same hashes) */
	MTKFW_CATALOG_MOVED = 3,     /* the same content was known under a path that is gone */
} mtkfw_catalog_change;
/* "added", "updated", "unchanged", "moved"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_catalog_change_name(int change);
MTKFW_API int mtkfw_catalog_change_parse(const char *word);

struct mtkfw_catalog_ref {
	int64_t id;
	char *path;
	char *platform, *project; /* NULL when unknown */
	int change;               /* mtkfw_catalog_change */
};

struct mtkfw_catalog_failure {
	char *path;
	char *error; /* one line */
};

struct mtkfw_catalog_add_report {
	size_t added, updated, unchanged, moved;
	size_t gone;                          /* packages under the paths given that vanished */
	struct mtkfw_catalog_ref *packages;   /* every package found, in the order found */
	size_t package_count;
	struct mtkfw_catalog_failure *failed; /* bad or unreadable packages: recorded, scan went on */
	size_t failed_count;
	uint64_t bytes_on_disk;               /* of the packages' files */
	uint64_t bytes_hashed;                /* read to hash them (the fingerprint reads a part of those) */
	uint64_t bytes_read;                  /* of the files and archives under the paths given, each
					       * byte once; the catalogue's own reads not counted */
};

/*
 * Find every package under `paths` (files, folders walked recursively, archives) and store its
 * fingerprint. A package whose files have the same sizes and times as last time is not read
 * again; packages that vanished from under a path given are marked gone. A package that cannot
 * be read is recorded with its error and the scan goes on; only a catalogue failure (or
 * cancelling through the context) stops it. Progress: stage "library add", packages.
 */
MTKFW_API int mtkfw_catalog_add(struct mtkfw_catalog_add_report *out, mtkfw_catalog *cat, const char *const *paths,
				size_t count, const struct mtkfw_catalog_add_opts *opts, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_catalog_add_report_clear(struct mtkfw_catalog_add_report *r);

/* ---- listing, searching, showing --------------------------------------------------------- */

struct mtkfw_catalog_entry {
	int64_t id;
	char *path;
	char *kind;     /* "package" (a scatter and its files), "parts", "part", "readback", "backup" */
	char *state;    /* "ok", "failed", "gone", "imported" */
	char *error;    /* why it failed; NULL otherwise */
	char *platform, *project, *model; /* NULL when unknown */
	char **labels;
	size_t label_count;
};

struct mtkfw_catalog_list {
	struct mtkfw_catalog_entry *items;
	size_t count;
};

/* Every package (`text` NULL), or those whose stored strings match every word of `text`
 * (full-text: a PCB label, a project, a panel, a model; words match as prefixes). By id. */
MTKFW_API int mtkfw_catalog_list(struct mtkfw_catalog_list *out, mtkfw_catalog *cat, const char *text);
MTKFW_API void mtkfw_catalog_list_clear(struct mtkfw_catalog_list *l);

struct mtkfw_catalog_file {
	char *rel;            /* in the package's folder (or archive) */
	uint64_t size;
	int64_t mtime_ns;
	char *sha256;         /* hex; NULL when not hashed */
	bool sampled;         /* sha256 is of the size, head and tail only (file systems, large images) */
	char *checksum;       /* Checksum.ini: "ok", "mismatch", "unchecked"; NULL when not listed */
};

struct mtkfw_catalog_label {
	int64_t id;
	char *text;
	int64_t created_at;
	char *origin;         /* the export it was imported from; NULL when made here */
};

struct mtkfw_catalog_outcome {
	int64_t id;
	char *result;         /* booted, display-dead, no-radio, bootloop, dead */
	char *note;
	char *phone_cid;      /* the phone's eMMC CID (32 hex digits), NULL when unknown */
	char *phone_key;      /* what tells phones apart when counting (CID, else its fingerprint) */
	int64_t created_at;
	char *origin;
};

struct mtkfw_catalog_package {
	struct mtkfw_catalog_entry entry;
	char *archive;        /* the archive holding it, NULL when none */
	char *content_hash;   /* SHA-256 over its files' names and hashes */
	char *checksum;       /* Checksum.ini: "valid", "invalid", "partial", NULL when none */
	char *origin;
	uint64_t size;
	int64_t added_at, seen_at;
	char *fingerprint;    /* the JSON document `mtkfw profile --json` writes for it */
	struct mtkfw_catalog_file *files;
	size_t file_count;
	struct mtkfw_catalog_outcome *outcomes;
	size_t outcome_count;
	char *shop;           /* the shop that indexed this row; NULL before shops were recorded */
	/* Every shop holding a package with this content hash (this row among them), by shop. */
	struct mtkfw_catalog_holder *shops;
	size_t shop_count;
};

MTKFW_API int mtkfw_catalog_show(struct mtkfw_catalog_package *out, mtkfw_catalog *cat, int64_t id);
MTKFW_API void mtkfw_catalog_package_clear(struct mtkfw_catalog_package *p);

/* Remove a package and what is attached to it (labels, outcomes). MTKFW_ERR_NOTFOUND when
 * there is no such id. */
MTKFW_API int mtkfw_catalog_forget(mtkfw_catalog *cat, int64_t id);

/* ---- checking what is on disk ------------------------------------------------------------ */

typedef enum mtkfw_catalog_disk {
	MTKFW_CATALOG_DISK_OK = 0,
	MTKFW_CATALOG_DISK_CHANGED = 1, /* a file's size or time differs, or files came or went */
	MTKFW_CATALOG_DISK_GONE = 2,    /* the package's path is no longer there */
	MTKFW_CATALOG_DISK_MOVED = 3,   /* gone here, and the same content is known elsewhere */
} mtkfw_catalog_disk;
/* "ok", "changed", "gone", "moved"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_catalog_disk_name(int disk);
MTKFW_API int mtkfw_catalog_disk_parse(const char *word);

struct mtkfw_catalog_check_item {
	int64_t id;
	char *path;
	int disk;             /* mtkfw_catalog_disk */
	char *detail;         /* the first difference, in words; NULL when ok */
	char *moved_to;       /* MOVED: the path of the package with the same content */
};

struct mtkfw_catalog_check {
	struct mtkfw_catalog_check_item *items; /* only the packages that are not ok */
	size_t count;
	size_t checked;
};

/* Compare every package with the disk (sizes and times; nothing is read or changed). */
MTKFW_API int mtkfw_catalog_check(struct mtkfw_catalog_check *out, mtkfw_catalog *cat, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_catalog_check_clear(struct mtkfw_catalog_check *c);

/* ---- what people learnt: board labels, flash outcomes ------------------------------------- */

/* Attach a label a technician read off the PCB ("ZH-A516-MB-V1.0", a silkscreen date code) to
 * package `id`; it is searched like every other string and counts as a name in a match. At
 * most 200 bytes, no control characters; the same label twice is kept once. */
MTKFW_API int mtkfw_catalog_label(mtkfw_catalog *cat, int64_t id, const char *text);

typedef enum mtkfw_catalog_result {
	MTKFW_RESULT_BOOTED = 0,       /* the phone works on it */
	MTKFW_RESULT_DISPLAY_DEAD = 1, /* boots, black or white screen */
	MTKFW_RESULT_NO_RADIO = 2,     /* boots, no signal or no IMEI */
	MTKFW_RESULT_BOOTLOOP = 3,
	MTKFW_RESULT_DEAD = 4,         /* no longer boots at all */
} mtkfw_catalog_result;

/* "booted", "display-dead", "no-radio", "bootloop", "dead"; -1 for another word. */
MTKFW_API const char *mtkfw_catalog_result_name(int result);
MTKFW_API int mtkfw_catalog_result_parse(const char *word);

/* Record what happened when package `id` was flashed onto `phone` (its fingerprint is kept
 * with the outcome; its eMMC CID, when known, is what a later match of a phone with the same
 * chip is vetoed by). `note` may be NULL. */
MTKFW_API int mtkfw_catalog_report(mtkfw_catalog *cat, int64_t id, const struct mtkfw_target *phone, int result,
				   const char *note);

/* ---- sharing: export and import -------------------------------------------------------- */

/*
 * Write the catalogue — every package's fingerprint, files (names, sizes, hashes), labels and
 * outcomes; no firmware bytes — to `file` as versioned JSON lines: a header line
 * {"type": "header", "format": "mtkfw-library", "version": 1, ...}, then one line per package.
 * *count gets the packages written. The file is written atomically.
 */
MTKFW_API int mtkfw_catalog_export(size_t *count, mtkfw_catalog *cat, const char *file);

struct mtkfw_catalog_import_report {
	size_t packages;  /* package lines read */
	size_t known;     /* whose content (hash) this library has: labels and outcomes joined it */
	size_t added;     /* new here: kept as "imported" (the files are the other shop's) */
	size_t labels;    /* labels added */
	size_t outcomes;  /* outcomes added (one already here is not added twice) */
};

/* Read such a file (line by line; every line, count and string is bounded) in one
 * transaction: a line that is not valid fails the whole import (MTKFW_ERR_FORMAT, naming it). */
MTKFW_API int mtkfw_catalog_import(struct mtkfw_catalog_import_report *out, mtkfw_catalog *cat, const char *file);

/* ---- the device side ------------------------------------------------------------------- */

/* A preloader file on disk (a package's, a boot1 dump, a loose one; never an archive member)
 * whose EMI table lists `cid` in either byte order, for a phone in BROM mode: its path in *path
 * (malloc'd), the one seen most recently first. MTKFW_ERR_NOTFOUND when the library has none. */
MTKFW_API int mtkfw_catalog_find_preloader(char **path, mtkfw_catalog *cat, const uint8_t cid[16]);

/* ---- taking a package out of an archive ------------------------------------------------ */

struct mtkfw_catalog_unpack_opts {
	unsigned version;    /* 1 */
	const char *tmp_dir; /* where the temporary folder is made; NULL: /tmp */
	/* Whether the file of the package's partition `name` is wanted; NULL: every file its
	 * scatter names. */
	bool (*want)(const char *partition, void *user);
	void *user;
};

struct mtkfw_catalog_unpacked {
	struct mtkfw_tempdir tmp; /* the temporary folder, in the temp registry until cleared */
	char *scatter;            /* the package's scatter in it: open it as a package */
};

/* Whether `path` names an archive or a member of one: by its name (.zip, .7z, .rar, .tar*),
 * or the "ARCHIVE!/member" form. */
MTKFW_API bool mtkfw_catalog_is_archive(const char *path);

/*
 * Take a package out of an archive, as a folder a job can read: `path` is "ARCHIVE" (the one
 * package it holds), "ARCHIVE!/dir" (the package in that folder) or "ARCHIVE!/dir/SCATTER" (the
 * form the library lists). The package's scatter and the files of the partitions `want` takes
 * are written under a new temporary folder (every other member is skipped; a member whose name
 * would leave the folder is never written); the folder is removed by
 * mtkfw_catalog_unpacked_clear, on every failure, and by mtkfw_remove_temps() on a signal.
 * No scatter there is MTKFW_ERR_NOTFOUND; several is MTKFW_ERR_INVALID naming them; a damaged
 * archive MTKFW_ERR_FORMAT; a member over 16 GiB or a package over 32 GiB MTKFW_ERR_LIMIT.
 * Progress: stage "unpack", bytes written.
 */
MTKFW_API int mtkfw_catalog_unpack(struct mtkfw_catalog_unpacked *out, const char *path,
				   const struct mtkfw_catalog_unpack_opts *opts, mtkfw_ctx *ctx);
/* Remove the folder with all it holds; zero the struct. */
MTKFW_API void mtkfw_catalog_unpacked_clear(struct mtkfw_catalog_unpacked *u);

/* ---- which package fits this phone -------------------------------------------------------- */

struct mtkfw_catalog_match_opts {
	unsigned version;   /* 1 */
	const char *board;  /* board text a technician read (a PCB label): compared with names, fuzzy */
	bool has_cid;       /* the phone's eMMC CID, over the one the target has */
	uint8_t cid[16];
	size_t limit;       /* candidates kept; 0: 10, or every one with `all` */
	bool all;           /* also the packages that fail a hard gate, with the gate */
};

struct mtkfw_catalog_candidate {
	int64_t id;
	char *path;
	char *platform, *project;
	int rank;                    /* 1 is best */
	int64_t score;               /* higher is better; only the order means something */
	struct mtkfw_compat compat;  /* mtkfw compat's risks and verdict for this package on the phone */
	const char **gates_failed;   /* "platform", "storage", "emmc", "outcome" (static strings) */
	size_t gate_count;
	/* The only gate failed is the eMMC one: the package may still serve if the phone keeps
	 * its own preloader (PRELOADER not flashed). */
	bool keep_preloader;
	char **reasons;              /* in words a technician reads, most telling first */
	size_t reason_count;
	unsigned successes;          /* booted on this many distinct phones */
	unsigned failures;           /* outcomes other than booted */
	/* Where its content is held (mtkfw_catalog_show's shops). `elsewhere`: a shop is named
	 * (mtkfw_catalog_set_shop) and none of those is it, so its files are not on this disk:
	 * `at_shop` (a holder's shop, owned by `shops`) has them. Ranked all the same. */
	struct mtkfw_catalog_holder *shops;
	size_t shop_count;
	bool elsewhere;
	const char *at_shop;
};

struct mtkfw_catalog_match {
	struct mtkfw_catalog_candidate *items; /* by rank */
	size_t count;
	size_t considered;  /* packages passing the gates */
	size_t judged;      /* of those (and of the gated ones with `all`), rebuilt and judged by compat:
			     * the others could not have reached the best `limit` */
	size_t library;     /* packages in the library that could be matched */
	bool has_cid;       /* the CID the eMMC gate used */
	uint8_t cid[16];
	/* The phone's build.prop claims against its hardware; with claims.clone set, its claimed
	 * brand and model were not used as its names (the platform is the chip's already). */
	struct mtkfw_claims claims;
};

/*
 * Rank the library's packages for `phone` (a readback, a saved profile, a package, a phone on
 * the cable read into a target). Hard gates first — the same platform, the same storage, the
 * phone's eMMC in the package's preloader EMI table (a package without a preloader passes: the
 * phone keeps its own), no failed flash on a phone with this CID — evaluated by the database
 * so the rest of the library is never loaded; then, in order: the phone's panel in the
 * package's lk and kernel, touch and camera, radio, board and project names (with opts->board),
 * ALPS branch and kernel generation, the same layout, and successful flashes on distinct
 * phones. Every candidate carries mtkfw_compat_check's verdict and risks.
 */
MTKFW_API int mtkfw_catalog_match(struct mtkfw_catalog_match *out, mtkfw_catalog *cat, const struct mtkfw_target *phone,
				  const struct mtkfw_catalog_match_opts *opts, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_catalog_match_clear(struct mtkfw_catalog_match *m);

#ifdef __cplusplus
}
#endif
#endif
