/*
 * SHA-1 and SHA-256 for the whole library, through one place: every step of the digest is
 * checked (a digest that cannot start or take data is out of memory, with the message set),
 * and no file of the library calls the crypto library itself.
 */
#ifndef MTKFW_CORE_HASH_H
#define MTKFW_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct mtkfw_hash mtkfw_hash;

enum mtkfw_hash_kind {
	MTKFW_HASH_SHA1 = 0,   /* 20 bytes: boot images' id */
	MTKFW_HASH_SHA256 = 1, /* 32 bytes: everything else */
};

#define MTKFW_HASH_MAX 32

/* A new digest; NOMEM (message set) when it cannot start. */
int mtkfw_hash_new(mtkfw_hash **out, int kind);
/* Feed bytes; 0, or NOMEM with the message set. */
int mtkfw_hash_update(mtkfw_hash *h, const void *data, size_t n);
/* A second digest that goes on from where `h` is (h is unchanged). */
int mtkfw_hash_copy(mtkfw_hash **out, const mtkfw_hash *h);
/* The digest into `out` (20 or 32 bytes); the digest can then be fed anew. */
int mtkfw_hash_final(mtkfw_hash *h, uint8_t *out);
void mtkfw_hash_free(mtkfw_hash *h);

/* One buffer's SHA-256. */
int mtkfw_sha256(uint8_t out[32], const void *data, size_t n);

#endif
