/*
 * One read of an image for two readers: the Checksum.ini rule of `mtkfw check` (a byte sum of
 * the file) and the flash plan (the SHA-256 of what a step writes). Without it a flash plan
 * reads every listed image twice before the first write (seconds for a 1 GB system.img). The
 * plan names the files it will hash; the check's byte-sum pass hashes those too; the plan
 * then finishes each hash with its zero padding instead of reading the file again. Files are
 * matched by device and inode, so two spellings of one path (a folder vs its scatter) agree.
 * A sparse image is hashed as the plan writes it (expanded, from its chunk map) while its
 * sparse bytes are summed: its RAW chunks' data is in the very buffer the sum reads.
 */
#ifndef MTKFW_ANALYSIS_IMAGE_PASS_H
#define MTKFW_ANALYSIS_IMAGE_PASS_H

#include "core/hash.h"

#include <mtkfw/check.h>
#include <mtkfw/core.h>

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* What is hashed: the file's bytes; a sparse image's RAW and FILL chunks expanded, in order
 * (written on an erased range); or its whole expanded image, DONT_CARE as zeros. */
enum image_pass_how { IMAGE_PASS_FILE, IMAGE_PASS_SPARSE_DATA, IMAGE_PASS_SPARSE_FULL };

struct image_pass_item {
	int how;          /* image_pass_how */
	void *sparse;     /* mtkfw_sparse *: the chunk map, for the sparse ways */
	size_t next;      /* the chunk the stream is in */
	dev_t dev;
	ino_t ino;
	bool done;        /* the file was read to its end and `md` holds its bytes */
	uint64_t size;    /* bytes hashed into `md` */
	struct timespec ctime; /* the file's change time when read: a file changed since is not it */
	mtkfw_hash *md;   /* SHA-256 over the file's bytes, not finalized */
};

struct image_pass {
	struct image_pass_item *items;
	size_t count;
};

/* Ask for `path`'s SHA-256 (hashed `how`) when its bytes are summed. A file that cannot be
 * looked at or opened now is left out (whoever reads it later reports the error); only
 * running out of memory fails. */
int mtkfwi_image_pass_want(struct image_pass *ip, const char *path, int how);

/* mtkfw_checksum_file(), which also hashes the file when `ip` (may be NULL) wants it. */
int mtkfwi_image_pass_checksum(struct image_pass *ip, const char *path, uint16_t *sum16, uint32_t *sum32);

/* The SHA-256 of what the pass hashed of `path` (`how`), `hashed` bytes, followed by zeros
 * up to `length`: 1 and `out` when the pass read exactly that file and hashed exactly that
 * many bytes, 0 when it did not (hash it yourself). */
int mtkfwi_image_pass_sha256(const struct image_pass *ip, const char *path, int how, uint64_t hashed, uint64_t length,
		      uint8_t out[32]);

void mtkfwi_image_pass_free(struct image_pass *ip);

/* mtkfw_check_package() whose Checksum.ini rule reads through `ip` (may be NULL). */
int mtkfwi_check_package_pass(mtkfw_findings *out, const char *path, mtkfw_ctx *ctx, struct image_pass *ip);

#endif
