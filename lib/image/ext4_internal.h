/* Inside the ext4 module: where the file system's bytes come from. */
#ifndef MTKFW_IMAGE_EXT4_INTERNAL_H
#define MTKFW_IMAGE_EXT4_INTERNAL_H

#include <mtkfw/mtkfw.h>

#include <ext2fs/ext2fs.h>

/* A read-only byte source: a raw image file, a sparse image, or memory. */
struct ext4_src {
	int (*pread)(void *user, void *buf, size_t n, uint64_t off); /* mtkfw status */
	void *user;
	uint64_t size;
	uint64_t bytes_read; /* for the io stats, and for tests that prove reads stay small */
};

/* The libext2fs io manager over an ext4_src. It is opened with the name made by
 * ext4_src_name(), which carries the source's address (libext2fs only passes a string). */
extern io_manager mtkfw_ext4_src_io_manager;
void ext4_src_name(char *buf, size_t n, struct ext4_src *src);

/* A libext2fs error as a mtkfw error: code by kind, message from libext2fs's own table. */
int ext4_seterr(errcode_t err, const char *image, const char *what);

#endif
