/*
 * mtkfw — read files out of ext4 images (system.img, userdata.img, a readback of a phone's
 * data partition) without mounting them, without root, and for Android sparse images without
 * expanding them: the file system reads only the blocks it needs, through libext2fs and an
 * io manager of our own over the raw file, the sparse chunk map or bytes in memory.
 *
 * Everything is read-only. Paths are absolute inside the image ("/build.prop"; a path without
 * a leading slash means the same). Symbolic links are followed up to 8 deep; deeper is a loop
 * and an error.
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

MTKFW_API void mtkfw_ext4_free(mtkfw_ext4 *fs);

/* The entry for `path` itself (a final symbolic link is not followed). */
MTKFW_API int mtkfw_ext4_stat(mtkfw_ext4 *fs, const char *path, mtkfw_ext4_entry *out);
MTKFW_API void mtkfw_ext4_entry_clear(mtkfw_ext4_entry *e);

/* List a directory (a symbolic link to one is followed); a path that is not a directory
 * lists that one entry, as ls does. */
MTKFW_API int mtkfw_ext4_list(mtkfw_ext4 *fs, const char *path, mtkfw_ext4_dir *out);
MTKFW_API void mtkfw_ext4_dir_free(mtkfw_ext4_dir *list);

/* Stream a regular file's bytes to `sink` in pieces of up to 1 MiB; a non-zero return from
 * the sink stops and comes back as MTKFW_ERR_CANCELLED. */
typedef int (*mtkfw_ext4_sink)(const void *buf, size_t n, void *user);
MTKFW_API int mtkfw_ext4_cat(mtkfw_ext4 *fs, const char *path, mtkfw_ext4_sink sink, void *user);

/* Read a whole regular file of at most `max` bytes into a malloc'd buffer (NUL-terminated
 * one past `*len`, so text such as build.prop can be parsed as a string). A larger file is
 * MTKFW_ERR_LIMIT. */
MTKFW_API int mtkfw_ext4_read(mtkfw_ext4 *fs, const char *path, size_t max, uint8_t **out, size_t *len);

/* Open `image`, read `path` (at most `max` bytes), close: what profile (/build.prop of
 * system.img) and backup (/data/nvram files) need in one call. */
MTKFW_API int mtkfw_ext4_read_file(const char *image, const char *path, size_t max, uint8_t **out,
				   size_t *len);

/* "file", "dir", "symlink", "chardev", "blockdev", "fifo", "socket" or "unknown". */
MTKFW_API const char *mtkfw_ext4_type_name(mtkfw_ext4_type t);

#ifdef __cplusplus
}
#endif
#endif
