/*
 * mtkfw — the manifest of a folder mtkfw filled from a phone: `mtkfw device backup`, the
 * identity backup a flash, format or erase takes, `mtkfw device readback --partitions` and
 * `--all`. One format for all of them, manifest.json (versioned JSON), written and read here
 * only. It says which phone the files came from (chip, eMMC CID, area sizes), where its
 * partitions were (the layout the reader used: the phone's PMT or the scatter given), each file
 * (name, area, offset, size, SHA-256) and the file-system trees copied beside them
 * (USRDATA's /data/nvram).
 *
 * The text manifests of earlier versions (manifest.txt: the backup's `item` lines and the full
 * readback's `# mtkfw readback:` form) load into the same model (version 0).
 *
 * The model lives below lib/device so that analysis (compat, profile) and the firmware library
 * read it without the device layer. The structs are plain data, read-only for callers.
 */
#ifndef MTKFW_MANIFEST_H
#define MTKFW_MANIFEST_H

#include "common.h"
#include "ext4.h"
#include "layout.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MTKFW_MANIFEST_FILE "manifest.json"
#define MTKFW_MANIFEST_LEGACY_FILE "manifest.txt" /* read only */
#define MTKFW_MANIFEST_VERSION 1                  /* what this library writes */
/* Bounds on what a manifest may hold: a backup has 15 or so files, a readback of every
 * partition about 25; a tree at most MTKFW_EXT4_TREE_NODES entries. */
#define MTKFW_MANIFEST_MAX_BYTES (16u << 20)
#define MTKFW_MANIFEST_MAX_ITEMS 256
#define MTKFW_MANIFEST_MAX_TREES 16

/* What wrote the folder. */
typedef enum mtkfw_manifest_kind {
	MTKFW_MANIFEST_BACKUP = 0,     /* the identity backup (device backup, before a flash) */
	MTKFW_MANIFEST_PARTITIONS = 1, /* device readback --partitions */
	MTKFW_MANIFEST_DUMP = 2,       /* device readback --all: all of boot1 and the user area */
} mtkfw_manifest_kind;

/* One file of the folder: a range of the phone's eMMC. */
struct mtkfw_manifest_item {
	char name[MTKFW_PART_NAME_MAX];     /* partition or range: "NVRAM", "MBR", "boot1", "user" */
	char file[MTKFW_PART_NAME_MAX + 8]; /* its file in the folder: one name, never a path */
	int area;                           /* mtkfw_area */
	uint64_t offset, size;              /* bytes in the area; size is the file's */
	uint8_t sha256[32];
};

/* A file-system tree copied into a sub-folder (USRDATA's /data/nvram into data_nvram/). A node
 * size past 2^63 (a damaged inode) is written as 2^63-1. */
struct mtkfw_manifest_tree {
	char *dir;            /* the sub-folder: one safe name ("data_nvram") */
	char *source;         /* where it was copied from ("USRDATA:/nvram"), NULL when unknown */
	char *note;           /* why it is missing or partial; NULL when whole */
	mtkfw_ext4_tree tree; /* node paths below `dir` */
};

typedef struct mtkfw_manifest {
	unsigned version; /* of the file read: MTKFW_MANIFEST_VERSION, or 0 for the old text */
	int kind;         /* mtkfw_manifest_kind */
	char *tool;       /* "mtkfw 0.1.0"; NULL when not said */
	char *created;    /* UTC, "2025-01-31T12:00:00Z"; NULL when not said */
	char chip[16];    /* "MT6572"; "" when unknown */
	bool has_cid;
	uint8_t cid[16];  /* in the order the card sends it (contracts.md) */
	uint64_t boot1_size, user_size; /* the eMMC's areas; 0 when unknown */
	/* The partitions as the writer located them, positions decoded (area offsets, the MBR
	 * at user offset 0; linear_start kept); NULL when the writer had none. */
	mtkfw_layout *layout;
	struct mtkfw_manifest_item *items;
	size_t count;
	struct mtkfw_manifest_tree *trees;
	size_t tree_count;
} mtkfw_manifest;

/* "backup", "partitions", "dump"; NULL for another value. Parse gives -1 for another word. */
MTKFW_API const char *mtkfw_manifest_kind_name(int kind);
MTKFW_API int mtkfw_manifest_kind_parse(const char *word);

/* An empty manifest of `kind` (for writers). */
MTKFW_API int mtkfw_manifest_new(mtkfw_manifest **out, int kind);
MTKFW_API void mtkfw_manifest_free(mtkfw_manifest *m);

/* Append an item (name and file copied, checked: a file name must be one safe name). */
MTKFW_API int mtkfw_manifest_add_item(mtkfw_manifest *m, const struct mtkfw_manifest_item *item);
/* Append a copy of a tree kept in sub-folder `dir` (one safe name); `source` and `note` may
 * be NULL. */
MTKFW_API int mtkfw_manifest_add_tree(mtkfw_manifest *m, const char *dir, const char *source, const char *note,
				      const mtkfw_ext4_tree *tree);
/* Give the manifest a copy of `layout` (its partitions' names and positions; NULL clears). */
MTKFW_API int mtkfw_manifest_set_layout(mtkfw_manifest *m, const mtkfw_layout *layout);

/* The item named `name` (any case); NULL when absent. */
MTKFW_API const struct mtkfw_manifest_item *mtkfw_manifest_find(const mtkfw_manifest *m, const char *name);
/* The tree kept in sub-folder `dir`; NULL when absent. */
MTKFW_API const struct mtkfw_manifest_tree *mtkfw_manifest_find_tree(const mtkfw_manifest *m, const char *dir);

/*
 * Parse a manifest: JSON (manifest.json of any version up to MTKFW_MANIFEST_VERSION; a newer
 * one is UNSUPPORTED), or the old text (version 0). `name` is for messages. FORMAT when it is
 * neither or breaks a rule (a file name that would leave the folder, a SHA-256 that is not 64
 * hex digits, no file at all).
 */
MTKFW_API int mtkfw_manifest_parse(mtkfw_manifest **out, const char *text, size_t len, const char *name);
/* Write as JSON, version MTKFW_MANIFEST_VERSION (malloc'd, NUL-terminated). */
MTKFW_API int mtkfw_manifest_write(char **out, size_t *len, const mtkfw_manifest *m);

/* The manifest of folder `dir`: manifest.json, else the old manifest.txt. NOTFOUND when the
 * folder has neither. */
MTKFW_API int mtkfw_manifest_load(mtkfw_manifest **out, const char *dir);
/* Write `m` into folder `dir` as manifest.json, atomically. */
MTKFW_API int mtkfw_manifest_save(const mtkfw_manifest *m, const char *dir);

#ifdef __cplusplus
}
#endif
#endif
