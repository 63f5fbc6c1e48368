/*
 * mtkfw — error model.
 *
 * Every fallible function returns 0 on success or one of the negative codes below; callers
 * branch on the code and show mtkfw_error_last()->message to people. The message is kept per
 * thread and names the file or object that is wrong ("scatter.txt: line 12: ...").
 * No function gives a code a meaning of its own.
 */
#ifndef MTKFW_ERROR_H
#define MTKFW_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_status {
	MTKFW_OK = 0,
	MTKFW_ERR_INVALID = -1,     /* the caller passed a bad argument */
	MTKFW_ERR_FORMAT = -2,      /* the input is malformed or not of the expected kind */
	MTKFW_ERR_TRUNCATED = -3,   /* the input ends before one of its lengths or offsets says */
	MTKFW_ERR_UNSUPPORTED = -4, /* well-formed, but a variant mtkfw does not handle */
	MTKFW_ERR_IO = -5,          /* reading or writing a file or port failed */
	MTKFW_ERR_TIMEOUT = -6,     /* a device did not answer in time */
	MTKFW_ERR_PROTOCOL = -7,    /* a device answered something the protocol does not allow */
	MTKFW_ERR_REFUSED = -8,     /* a safety rule refused the operation */
	MTKFW_ERR_CANCELLED = -9,   /* a callback asked to stop */
	MTKFW_ERR_NOMEM = -10,      /* out of memory */
	MTKFW_ERR_NOTFOUND = -11,   /* a named thing (file, partition, entry) does not exist */
	MTKFW_ERR_LIMIT = -12,      /* over a size or count limit that keeps hostile input safe */
	MTKFW_ERR_MISMATCH = -13,   /* a checksum, verify or comparison did not match */
	MTKFW_ERR_DEVICE = -14,     /* the device reported a failure status */
	MTKFW_ERR_READONLY = -15,   /* the device acknowledged writes but did not keep them (worn eMMC) */
} mtkfw_status;

typedef struct mtkfw_error {
	int code;            /* an mtkfw_status */
	const char *message; /* never NULL; "" when there is no error */
} mtkfw_error;

/* The last error set on this thread. Never NULL. */
MTKFW_API const mtkfw_error *mtkfw_error_last(void);

/* Forget the last error of this thread. */
MTKFW_API void mtkfw_error_clear(void);

/* Set this thread's last error (a callback or a front end reporting through the same channel
 * as the library); returns `code`. */
MTKFW_API int mtkfw_error_set(int code, const char *message);

/* A stable lower-case name for a status ("truncated"), for logs and JSON. */
MTKFW_API const char *mtkfw_status_name(int code);
/* The status of a name ("truncated" -> MTKFW_ERR_TRUNCATED); 1 (no status) for another word. */
MTKFW_API int mtkfw_status_parse(const char *word);

#ifdef __cplusplus
}
#endif
#endif
