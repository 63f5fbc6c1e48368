/* Inside the ext4 module: where the file system's bytes come from, and the open handle. */
#ifndef MTKFW_IMAGE_EXT4_INTERNAL_H
#define MTKFW_IMAGE_EXT4_INTERNAL_H

#include <mtkfw/ext4.h>
#include <mtkfw/sparse.h>

#include <ext2fs/ext2fs.h>

/* A read-only byte source: a raw image file, a sparse image, memory, or a caller's reader
 * (a phone's partition read through the DA). */
struct ext4_src {
	mtkfw_ext4_read_fn read; /* mtkfw status */
	void *user;
	uint64_t size;
	uint64_t bytes_read; /* for the io stats, and for tests that prove reads stay small */
	/* The first error of the source itself (not a read past its end): libext2fs turns every
	 * failed read into "short read", so without this a dead phone would look like a damaged
	 * file system and each later read would wait for it again. */
	int failed;
	char why[256]; /* its message, which later libext2fs errors would overwrite */
};

/* The libext2fs io manager over an ext4_src. It is opened with the name made by
 * mtkfwi_ext4_src_name(), which carries the source's address (libext2fs only passes a string). */
extern io_manager mtkfw_ext4_src_io_manager;
void mtkfwi_ext4_src_name(char *buf, size_t n, struct ext4_src *src);

struct mtkfw_ext4 {
	char *name;
	ext2_filsys fs;
	struct ext4_src src;
	mtkfw_sparse *sparse; /* when the image is sparse */
	int fd;               /* an image file, else -1 */
	uint64_t base;        /* where the file system starts in that file */
	const uint8_t *mem;   /* a raw image in memory */
	bool rw;              /* opened for writing (ext4_write.c): libext2fs's own unix io */
};

/* A libext2fs error as a mtkfw error: code by kind, message from libext2fs's own table. */
int mtkfwi_ext4_seterr(errcode_t err, const char *image, const char *what);

/* The source's own failure when it has one (its message is kept), else the libext2fs error. */
int mtkfwi_ext4_fail(mtkfw_ext4 *e, errcode_t err, const char *what);

/* Inode `ino` as an entry named `name` (ext4.c; the tree walk uses it too). */
int mtkfwi_ext4_fill_entry(mtkfw_ext4 *e, ext2_ino_t ino, const char *name, size_t name_len, mtkfw_ext4_entry *out);

/* The folder at `path`, links followed (NOTFOUND when it is missing or not a folder). */
int mtkfwi_ext4_lookup_dir(mtkfw_ext4 *e, const char *path, ext2_ino_t *ino);

/* List folder inode `dir` (at most `max` entries, else LIMIT); `path` is for messages. */
int mtkfwi_ext4_list_ino(mtkfw_ext4 *e, ext2_ino_t dir, const char *path, size_t max, mtkfw_ext4_dir *out);

/* Stream regular file inode `ino` to `sink` (CANCELLED when the sink says stop, or the error
 * the sink set). */
int mtkfwi_ext4_cat_ino(mtkfw_ext4 *e, ext2_ino_t ino, struct ext2_inode *inode, const char *path, mtkfw_ext4_sink sink,
		 void *user);

#endif
