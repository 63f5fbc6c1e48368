/*
 * mtkfw — read files out of ext4 images (system.img, userdata.img, a readback of a phone's
 * data partition) without mounting them, without root, and for Android sparse images without
 * expanding them: the file system reads only the blocks it needs, through libext2fs and an
 * io manager of our own over the raw file, the sparse chunk map or bytes in memory.
 *
 * Everything is read-only. Paths are absolute inside the image ("/build.prop"; a path without
 * a leading slash means the same). At most 40 symbolic links are followed in one lookup (as
 * the kernel does); more is taken for a loop and is an error.
 */
#ifndef MTKFW_EXT4_H
#define MTKFW_EXT4_H

#include "common.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An open ext4 image (opaque). */
typedef struct mtkfw_ext4 mtkfw_ext4;

typedef enum mtkfw_ext4_type {
	MTKFW_EXT4_UNKNOWN = 0,
	MTKFW_EXT4_FILE,
	MTKFW_EXT4_DIR,
	MTKFW_EXT4_SYMLINK,
	MTKFW_EXT4_CHARDEV,
	MTKFW_EXT4_BLOCKDEV,
	MTKFW_EXT4_FIFO,
	MTKFW_EXT4_SOCKET,
} mtkfw_ext4_type;

/* One directory entry or file, as `ls -l` would show it. Read-only for callers. */
typedef struct mtkfw_ext4_entry {
	char *name;        /* the entry's name (bytes as stored; no NUL or '/') */
	uint32_t inode;
	mtkfw_ext4_type type;
	uint32_t mode;     /* the whole i_mode: type and permission bits */
	uint32_t uid, gid;
	uint32_t links;
	uint64_t size;
	int64_t mtime;     /* seconds since 1970 */
	char *target;      /* a symbolic link's target, else NULL */
} mtkfw_ext4_entry;

typedef struct mtkfw_ext4_dir {
	mtkfw_ext4_entry *entries; /* sorted by name; "." and ".." left out */
	size_t count;
} mtkfw_ext4_dir;

/* Limits that keep hostile images cheap. */
#define MTKFW_EXT4_MAX_ENTRIES 1000000u   /* entries listed from one directory */
#define MTKFW_EXT4_MAX_LINK 4096u         /* bytes of a symbolic link's target */

/* True when `head` (the first bytes of a raw image, at least 1082) holds an ext2/3/4
 * superblock magic (0xEF53 at offset 1024 + 56). Sparse images: probe their expanded bytes. */
MTKFW_API bool mtkfw_ext4_probe(const void *head, size_t len);

/* Open an ext4 image: a raw file system image or an Android sparse image (told apart by its
 * first bytes). */
MTKFW_API int mtkfw_ext4_open(mtkfw_ext4 **out, const char *image);

/* The same over bytes in memory (raw or sparse), kept by reference. `name` is for messages. */
MTKFW_API int mtkfw_ext4_open_mem(mtkfw_ext4 **out, const void *data, size_t len, const char *name);

/* A raw file system that starts `offset` bytes into `image` (USRDATA inside a full dump of
 * the user area); it may run to the end of the file. Offset 0 is mtkfw_ext4_open(). */
MTKFW_API int mtkfw_ext4_open_at(mtkfw_ext4 **out, const char *image, uint64_t offset);

/*
 * Fill `buf` with the `n` bytes at `off` (off + n <= the size given at open); return 0 or a
 * negative mtkfw_status with its message set. Called for every block libext2fs needs (1-4 KiB
 * at a time): a slow source should cache and read ahead.
 */
typedef int (*mtkfw_ext4_read_fn)(void *user, uint64_t off, void *buf, size_t n);

/* A raw file system of `size` bytes read through `read` (a phone's partition through the DA,
 * a range of a bigger file). A failure of the reader ends any later call with its error. */
MTKFW_API int mtkfw_ext4_open_reader(mtkfw_ext4 **out, mtkfw_ext4_read_fn read, void *user, uint64_t size,
				     const char *name);

MTKFW_API void mtkfw_ext4_free(mtkfw_ext4 *fs);

/* The entry for `path` itself (a final symbolic link is not followed). */
MTKFW_API int mtkfw_ext4_stat(mtkfw_ext4_entry *out, mtkfw_ext4 *fs, const char *path);
MTKFW_API void mtkfw_ext4_entry_clear(mtkfw_ext4_entry *e);

/* List a directory (a symbolic link to one is followed); a path that is not a directory
 * lists that one entry, as ls does. */
MTKFW_API int mtkfw_ext4_list(mtkfw_ext4_dir *out, mtkfw_ext4 *fs, const char *path);
MTKFW_API void mtkfw_ext4_dir_clear(mtkfw_ext4_dir *list);

/* Stream a regular file's bytes to `sink` in pieces of up to 1 MiB; a non-zero return from
 * the sink stops and comes back as MTKFW_ERR_CANCELLED (or, when the sink is the library's own
 * and set an error, as that error). */
typedef int (*mtkfw_ext4_sink)(const void *buf, size_t n, void *user);
MTKFW_API int mtkfw_ext4_cat(mtkfw_ext4 *fs, const char *path, mtkfw_ext4_sink sink, void *user);

/* Read a whole regular file of at most `max` bytes into a malloc'd buffer (NUL-terminated
 * one past `*len`, so text such as build.prop can be parsed as a string). A larger file is
 * MTKFW_ERR_LIMIT. */
MTKFW_API int mtkfw_ext4_read(uint8_t **out, size_t *len, mtkfw_ext4 *fs, const char *path, size_t max);

/* Read `n` bytes at `off` of regular file `path` (links followed): a large file's head or
 * tail without loading it. Bytes past the file's end are MTKFW_ERR_TRUNCATED. */
MTKFW_API int mtkfw_ext4_pread(mtkfw_ext4 *fs, const char *path, uint64_t off, void *buf, size_t n);

/* Open `image`, read `path` (at most `max` bytes), close: what profile (/build.prop of
 * system.img) and backup (/data/nvram files) need in one call. */
MTKFW_API int mtkfw_ext4_read_file(uint8_t **out, size_t *len, const char *image, const char *path, size_t max);

/* ---- a whole tree, copied out (lib/image/ext4_tree.c) ------------------------------- */

/* One node of a copied tree. Read-only for callers. */
typedef struct mtkfw_ext4_node {
	char *path;          /* below the tree's root, '/'-separated, each name made safe with
			      * mtkfw_ext4_safe_name() */
	mtkfw_ext4_type type;
	uint32_t mode, uid, gid; /* mode: permission bits only */
	uint64_t size;
	uint8_t sha256[32];  /* regular files that were copied */
	char *target;        /* a symbolic link's target (recorded, never followed), else NULL */
	char skipped[16];    /* "" when copied; else why not: "limit" (bytes), "depth", "loop",
			      * "unreadable", "name" (a link target too long to record) */
	bool linked;         /* extract: the link was made in OUT (its target stays inside) */
} mtkfw_ext4_node;

typedef struct mtkfw_ext4_tree {
	mtkfw_ext4_node *nodes; /* parents before their children, names sorted */
	size_t count;
	uint64_t bytes;         /* bytes of the files copied */
	bool truncated;         /* nodes are missing: the entry limit stopped the walk, or a
				 * path was over MTKFW_EXT4_TREE_PATH */
} mtkfw_ext4_tree;

/* Bounds for copying a tree out of an untrusted image; 0 in a field takes the default. */
struct mtkfw_ext4_limits {
	size_t max_nodes;   /* default 4096 */
	uint64_t max_bytes; /* all copied files together; default 64 MiB */
	unsigned max_depth; /* folders below the root; default 16 */
};
#define MTKFW_EXT4_TREE_NODES 4096u
#define MTKFW_EXT4_TREE_BYTES (64ull << 20)
#define MTKFW_EXT4_TREE_DEPTH 16u
/* A node whose safe path is longer is left out (and the tree marked truncated); a link target
 * longer is not recorded (skipped "name"). Keeps a manifest line short. */
#define MTKFW_EXT4_TREE_PATH 1024u

/*
 * Copy the tree at `path` (a folder; links on the way are followed, none inside the tree)
 * into folder `dir` (created, not its parents; NULL: walk and hash only), files written atomically.
 * Symbolic links, devices, fifos and sockets are recorded, never followed nor created; a file
 * over the byte budget, a folder too deep, an unreadable file or folder is recorded as skipped
 * and the walk goes on; past max_nodes it stops with `truncated`. Errors: NOTFOUND for `path`,
 * the source's own failure, or a failure to write in `dir`. On error `out` is empty.
 */
MTKFW_API int mtkfw_ext4_copy_tree(mtkfw_ext4_tree *out, mtkfw_ext4 *fs, const char *path, const char *dir,
				   const struct mtkfw_ext4_limits *limits, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_ext4_tree_clear(mtkfw_ext4_tree *t);

/* ---- extract (lib/image/ext4_extract.c) ------------------------------------------------ */

/* Bounds of an extract: a phone's /system is some thousands of files and up to 2 GiB. */
#define MTKFW_EXT4_EXTRACT_NODES 200000u
#define MTKFW_EXT4_EXTRACT_BYTES (4ull << 30)
#define MTKFW_EXT4_EXTRACT_DEPTH 64u

struct mtkfw_ext4_extract_opts {
	unsigned version;                /* 1 */
	bool force;                      /* replace an OUT that exists and is not an empty folder */
	struct mtkfw_ext4_limits limits; /* max_nodes 0: the MTKFW_EXT4_EXTRACT_* bounds */
};

/*
 * Copy `path` (a folder, through mtkfw_ext4_copy_tree(), or one regular file) into folder
 * `out`, whole or not at all: the copy is made in a temporary folder beside `out` and renamed
 * into place; any error (the image's, or writing OUT: a full disk is MTKFW_ERR_IO) leaves
 * nothing. A folder's contents become `out`'s, with the image's modes (set-id bits dropped); a
 * file goes into `out` under its name. A symbolic link is made as a link (`linked`) when its
 * target is relative and stays inside `out`; others are recorded only.
 * REFUSED (before anything is read) when `out` exists and is not an empty folder, unless
 * `force`: then it is replaced once the copy is complete. NULL opts: the defaults.
 */
MTKFW_API int mtkfw_ext4_extract(mtkfw_ext4_tree *tree, mtkfw_ext4 *fs, const char *path, const char *out,
				 const struct mtkfw_ext4_extract_opts *opts, mtkfw_ctx *ctx);

/*
 * A name from an image as a safe file name (malloc'd): bytes other than printable ASCII, and
 * space, '%', '/' and backslash, are written %XX; "." and ".." become "%2E" and "%2E%2E", and
 * an empty name (damage) "%00". One word, never a path step. `keep_slash` keeps '/' (for a link's target).
 */
MTKFW_API char *mtkfw_ext4_safe_name(const char *name, size_t len, bool keep_slash);

/* ---- changing an image (lib/image/ext4_write.c) ---------------------------------------- */

/* A file system's size and room. */
struct mtkfw_ext4_geometry {
	uint32_t block_size;
	uint64_t blocks;      /* the file system's size in blocks, as its superblock counts it */
	uint64_t free_blocks;
	uint32_t inodes, free_inodes;
};
MTKFW_API int mtkfw_ext4_geometry(struct mtkfw_ext4_geometry *out, mtkfw_ext4 *fs);

/* What `path` (a file, link or whole folder) takes on disk: `bytes` counts its inodes' blocks
 * (data, extent tree and attribute blocks), `nodes` its inodes. Bounded like an extract. */
MTKFW_API int mtkfw_ext4_usage(mtkfw_ext4 *fs, const char *path, uint64_t *bytes, uint64_t *nodes);

/*
 * Open a raw image file (not sparse: expand it first) to change it in place. All changes go
 * through libext2fs (never an ext4 writer of mtkfw's own); the reading calls above work on the
 * handle too. mtkfw_ext4_commit() writes the file system's tables and closes it; the handle is
 * then only good for mtkfw_ext4_free(). Images that keep attributes in inodes of their own
 * (ea_inode) are UNSUPPORTED.
 */
MTKFW_API int mtkfw_ext4_open_rw(mtkfw_ext4 **out, const char *image);
MTKFW_API int mtkfw_ext4_commit(mtkfw_ext4 *fs);

/* Remove `path` (no link followed at its end): a file or link, or a folder with everything in
 * it. Blocks, inodes and attribute blocks are given back; a hard-linked file loses one name. */
MTKFW_API int mtkfw_ext4_remove(mtkfw_ext4 *fs, const char *path);

/*
 * Copy `src_path` of image `src` (a file, a symbolic link or a folder with its whole tree) to
 * `path` of `fs`, which must not exist; missing folders on the way are made with the attributes
 * of the source's folders of the same path. Modes, owners, times and every extended attribute
 * (security.selinux, security.capability) are kept. Devices, fifos and sockets are UNSUPPORTED;
 * a full file system is MTKFW_ERR_LIMIT with the room left. `nodes` (may be NULL) counts what
 * was copied.
 */
MTKFW_API int mtkfw_ext4_graft(mtkfw_ext4 *fs, const char *path, mtkfw_ext4 *src, const char *src_path,
			       uint64_t *nodes);

/* "file", "dir", "symlink", "chardev", "blockdev", "fifo", "socket" or "unknown". */
MTKFW_API const char *mtkfw_ext4_type_name(mtkfw_ext4_type t);
/* The reverse; MTKFW_EXT4_UNKNOWN for any other word. */
MTKFW_API mtkfw_ext4_type mtkfw_ext4_type_parse(const char *word);

#ifdef __cplusplus
}
#endif
#endif
