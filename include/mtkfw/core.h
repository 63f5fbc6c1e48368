/*
 * mtkfw — context (log and progress callbacks), version and small shared helpers.
 */
#ifndef MTKFW_CORE_H
#define MTKFW_CORE_H

#include "common.h"

#include <signal.h>

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
 * Stop on a flag: once `*flag` is non-zero, every long operation of this context stops at its
 * next safe point (between two packets of a phone transfer, between two blocks of a file) and
 * returns MTKFW_ERR_CANCELLED, having removed what it had not committed. Meant for a program's
 * SIGINT/SIGTERM handler, which sets the flag: the library installs no signal handler. NULL
 * turns it off.
 */
MTKFW_API void mtkfw_ctx_set_cancel(mtkfw_ctx *ctx, const volatile sig_atomic_t *flag);

/*
 * Remove every temporary file and folder the library made and has not yet renamed into place
 * or removed (an output being written, a folder being built), in every context of the process.
 * Async-signal-safe: a signal handler may call it before _exit(). Returns how many it removed.
 */
MTKFW_API int mtkfw_remove_temps(void);

/*
 * The one rule for outputs: a file or folder that exists is not replaced unless the user said
 * --force. Returns 0 when `path` may be written (absent, or `force`), else MTKFW_ERR_REFUSED
 * with "PATH exists: add --force to replace it". Commands call it before any work starts.
 */
MTKFW_API int mtkfw_output_check(const char *path, bool force);

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
