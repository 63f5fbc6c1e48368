/*
 * Internal helpers shared by every part of the library (not installed).
 */
#ifndef MTKFW_CORE_INTERNAL_H
#define MTKFW_CORE_INTERNAL_H

#include <mtkfw/common.h>
#include <mtkfw/core.h>
#include <mtkfw/error.h>

#include <stdlib.h>
#include <string.h>

/* Set the thread's last error and return `code`, so that `return mtkfw_seterr(...)` reads well. */
int mtkfw_seterr(int code, const char *fmt, ...) MTKFW_PRINTF(2, 3);

/* Prefix the current message with "prefix: " (usually a file name); returns the current code. */
int mtkfw_seterr_prefix(const char *prefix);

/* Out of memory, with the message set. */
#define mtkfw_nomem() mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory")

/* Report progress through the context; returns MTKFW_ERR_CANCELLED (message set) to stop. */
int mtkfw_progress(mtkfw_ctx *ctx, const char *stage, uint64_t done, uint64_t total);

/* Send a job's event through the context; returns MTKFW_ERR_CANCELLED (message set) when the
 * callback asks to stop. */
int mtkfw_event(mtkfw_ctx *ctx, const struct mtkfw_event *ev);
/* MTKFW_ERR_CANCELLED (message set) once the context's cancel flag is up, else 0: for loops
 * that report no progress but must stop at their next safe point. mtkfw_progress checks it too. */
int mtkfw_cancelled(mtkfw_ctx *ctx);
/* A stretch a cancel must not cut (a whole user area erased and the identity put back): with
 * `hold` the context stops looking at its cancel flag, without it looks again. */
void mtkfwi_ctx_hold(mtkfw_ctx *ctx, bool hold);
/* A stretch of many small reads that the caller reports as one step of its own: with `mute`
 * mtkfw_progress still checks the cancel flag but reports nothing (so a read of 64 KiB
 * pieces is not a finished stage per piece), without it reports again. */
void mtkfwi_ctx_mute(mtkfw_ctx *ctx, bool mute);

/* Log through the context; does nothing without a context or callback. */
void mtkfw_log(mtkfw_ctx *ctx, mtkfw_log_level level, const char *fmt, ...) MTKFW_PRINTF(3, 4);

/* `one` when n is 1, else `many`, for counts in messages: "1 entry", "3 entries". */
static inline const char *mtkfw_plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Allocation helpers that set the error on failure. */
void *mtkfw_calloc(size_t n, size_t size);
void *mtkfw_reallocarray(void *p, size_t n, size_t size);
char *mtkfw_strdup(const char *s);
char *mtkfw_strndup(const char *s, size_t n);

#endif
