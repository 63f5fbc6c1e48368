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
/* "debug", "info", "warning"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_log_level_name(int level);
MTKFW_API int mtkfw_log_level_parse(const char *word);

typedef int (*mtkfw_progress_cb)(const char *stage, uint64_t done, uint64_t total, void *user);
typedef void (*mtkfw_log_cb)(mtkfw_log_level level, const char *message, void *user);

/* Holds the callbacks of one caller; a NULL context is valid everywhere and reports nothing. */
typedef struct mtkfw_ctx mtkfw_ctx;

MTKFW_API int mtkfw_ctx_new(mtkfw_ctx **out);
MTKFW_API void mtkfw_ctx_free(mtkfw_ctx *ctx);
MTKFW_API void mtkfw_ctx_set_progress(mtkfw_ctx *ctx, mtkfw_progress_cb cb, void *user);
MTKFW_API void mtkfw_ctx_set_log(mtkfw_ctx *ctx, mtkfw_log_cb cb, void *user);

/*
 * Events of a job (include/mtkfw/jobs.h), for a front end that shows a job as it goes: the
 * phone awaited and found, a plan ready before its first write, each step started and
 * finished, each finding. `outcome` is the job's outcome so far (read-only, valid during the
 * call); the member the event is about (the step, the finding) is pointed at as well. A front
 * end that only wants the end result needs none of them: the job returns the same outcome.
 */
typedef enum mtkfw_event_kind {
	MTKFW_EVENT_WAITING = 0,       /* waiting for the phone's port to appear */
	MTKFW_EVENT_CONNECTED = 1,     /* the session is open (outcome->device) */
	MTKFW_EVENT_PLAN = 2,          /* the plan and its pre-flight are made, nothing written yet */
	MTKFW_EVENT_STARTED = 3,       /* the first write comes next (backup folder, journal known) */
	MTKFW_EVENT_STEP_STARTED = 4,  /* `step` begins */
	MTKFW_EVENT_STEP_FINISHED = 5, /* `step` ended in its final state */
	MTKFW_EVENT_FINDING = 6,       /* `finding` was made */
	MTKFW_EVENT_NOTE = 7,          /* `note`: something the user should know, the job goes on */
} mtkfw_event_kind;

struct mtkfw_job_outcome;
struct mtkfw_flash_step;
struct mtkfw_finding;

struct mtkfw_event {
	int kind;                                /* mtkfw_event_kind */
	const char *job;                         /* "flash", "backup" ... (mtkfw_job_name) */
	const struct mtkfw_job_outcome *outcome; /* so far */
	const struct mtkfw_flash_step *step;     /* STEP_STARTED, STEP_FINISHED */
	const struct mtkfw_finding *finding;     /* FINDING */
	const char *note;                        /* NOTE: one line */
};

/* Return 0 to go on; any other value cancels the job (MTKFW_ERR_CANCELLED), as progress does. */
typedef int (*mtkfw_event_cb)(const struct mtkfw_event *event, void *user);
MTKFW_API void mtkfw_ctx_set_event(mtkfw_ctx *ctx, mtkfw_event_cb cb, void *user);
/* "waiting", "connected", "plan", "started", "step-started", "step-finished", "finding",
 * "note"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_event_kind_name(int kind);
MTKFW_API int mtkfw_event_kind_parse(const char *word);

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

/* A private scratch folder "PARENT/PREFIX-XXXXXX" (PARENT NULL or "": /tmp), listed in the
 * temp registry from its creation, so mtkfw_remove_temps() removes it on a signal. */
struct mtkfw_tempdir {
	char *path;
	int reg;
};
MTKFW_API int mtkfw_tempdir_make(struct mtkfw_tempdir *out, const char *parent, const char *prefix);
/* Remove it with everything in it (links not followed) and zero the struct; safe when zeroed. */
MTKFW_API void mtkfw_tempdir_clear(struct mtkfw_tempdir *t);

/*
 * The one rule for outputs: a file or folder that exists is not replaced unless the user said
 * --force. Returns 0 when `path` may be written (absent, or `force`), else MTKFW_ERR_REFUSED
 * with "PATH exists: add --force to replace it". Commands call it before any work starts.
 */
MTKFW_API int mtkfw_output_check(const char *path, bool force);
/* The same rule for a folder output: an empty folder may be written into as well. */
MTKFW_API int mtkfw_outdir_check(const char *path, bool force);

/*
 * Parse a size or offset as people write them: decimal, 0x hex, with an optional K, M or G
 * suffix (powers of 1024). Overflow and trailing garbage are errors.
 */
MTKFW_API int mtkfw_parse_size(uint64_t *out, const char *text);

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
