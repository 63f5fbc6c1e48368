/*
 * Telling a write that did not stick from a flaky link (issue #8). Worn eMMCs end their life
 * in read-only mode: the DA still acknowledges every packet, but the card keeps its old data.
 * Retrying such a write forever helps nobody; saying so once does.
 */
#ifndef MTKFW_DEVICE_VERIFY_H
#define MTKFW_DEVICE_VERIFY_H

#include "device/device_internal.h"

/* Read a range back and give its SHA-256 (progress under `stage`). */
int mtkfwi_device_range_sha256(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, uint8_t sha[32],
			const char *stage, mtkfw_ctx *ctx);

/*
 * A range was written and read back as `first`, which differs from `want` (SHA-256s). Reads it
 * again: a different result means the read-back itself is unreliable (MISMATCH, link or memory
 * flaky). The same result: `rewrite` writes the range once more and it is read a third time:
 * now `want` gives 0; unchanged gives MTKFW_ERR_READONLY ("eMMC does not keep writes");
 * anything else MISMATCH. `name` names the range in messages. At most one rewrite, ever.
 */
int mtkfwi_device_diagnose_write(mtkfw_device *dev, const char *name, mtkfw_area area, uint64_t offset, uint64_t len,
			  const uint8_t want[32], const uint8_t first[32], int (*rewrite)(void *user), void *user,
			  mtkfw_ctx *ctx);

/* The same with the read-back done by `digest` (SHA-256 of what the phone now holds where the
 * range was written, progress under `stage`): a sparse image is read back only where it was
 * written. area/offset/len name the whole range in messages. */
typedef int (*device_digest_cb)(void *user, uint8_t sha[32], const char *stage, mtkfw_ctx *ctx);
int mtkfwi_device_diagnose_digest(mtkfw_device *dev, const char *name, mtkfw_area area, uint64_t offset, uint64_t len,
			   const uint8_t want[32], const uint8_t first[32], device_digest_cb digest, void *duser,
			   int (*rewrite)(void *user), void *user, mtkfw_ctx *ctx);

/* FORMAT without the check that it changed anything (lib/device/da_format.c); `stage` labels
 * its progress (NULL: "erase AREA"). */
int mtkfwi_device_erase_raw(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, const char *stage,
		     mtkfw_ctx *ctx);

#endif
