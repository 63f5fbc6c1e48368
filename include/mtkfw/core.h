/*
 * mtkfw — context (log and progress callbacks), version and small shared helpers.
 */
#ifndef MTKFW_CORE_H
#define MTKFW_CORE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library version, "MAJOR.MINOR.PATCH". */
MTKFW_API const char *mtkfw_version(void);

typedef enum mtkfw_log_level {
	MTKFW_LOG_DEBUG = 0,
	MTKFW_LOG_INFO = 1,
	MTKFW_LOG_WARN = 2,
} mtkfw_log_level;

/*
 * Progress of a long operation: `stage` names what is being done, its verb first ("read boot1",
 * "write UBOOT", "erase CACHE", "upload DA2"; an erase moves no data), `done` and
 * `total` count bytes (total 0 when unknown). Within one stage `done` never goes backwards.
 * Return 0 to go on; any other value cancels the operation, which then returns
 * MTKFW_ERR_CANCELLED.
 */
typedef int (*mtkfw_progress_cb)(const char *stage, uint64_t done, uint64_t total, void *user);
typedef void (*mtkfw_log_cb)(mtkfw_log_level level, const char *message, void *user);

/* Holds the callbacks of one caller; a NULL context is valid everywhere and reports nothing. */
typedef struct mtkfw_ctx mtkfw_ctx;

MTKFW_API int mtkfw_ctx_new(mtkfw_ctx **out);
MTKFW_API void mtkfw_ctx_free(mtkfw_ctx *ctx);
MTKFW_API void mtkfw_ctx_set_progress(mtkfw_ctx *ctx, mtkfw_progress_cb cb, void *user);
MTKFW_API void mtkfw_ctx_set_log(mtkfw_ctx *ctx, mtkfw_log_cb cb, void *user);

/*
 * Parse a size or offset as people write them: decimal, 0x hex, with an optional K, M or G
 * suffix (powers of 1024). Overflow and trailing garbage are errors.
 */
MTKFW_API int mtkfw_parse_size(const char *text, uint64_t *out);

/*
 * Open an input file for reading without ever waiting: a regular file, or a block device (an
 * eMMC in a card reader). A FIFO, socket or character device is refused with one message naming
 * the file, because opening or reading one can block for ever. `*fd` (O_CLOEXEC, blocking
 * reads) is the caller's to close; `*size` (may be NULL) is the file's length.
 */
MTKFW_API int mtkfw_open_input(const char *path, int *fd, uint64_t *size);

#ifdef __cplusplus
}
#endif
#endif
