/* Per-thread last error, in the manner of libgit2's git_error_last(). */
#include "core/internal.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_message[1024];
static _Thread_local mtkfw_error last_error = { MTKFW_OK, "" };

const mtkfw_error *mtkfw_error_last(void)
{
	return &last_error;
}

void mtkfw_error_clear(void)
{
	last_message[0] = '\0';
	last_error.code = MTKFW_OK;
	last_error.message = last_message;
}

int mtkfw_seterr(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	last_error.code = code;
	last_error.message = last_message;
	return code;
}

int mtkfw_seterr_prefix(const char *prefix)
{
	char tmp[sizeof(last_message)];
	size_t pl;

	if (!prefix || !*prefix)
		return last_error.code;
	pl = strlen(prefix);
	if (pl > sizeof(tmp) / 2)
		pl = sizeof(tmp) / 2;
	memcpy(tmp, prefix, pl);
	memcpy(tmp + pl, ": ", 2);
	/* The message is cut rather than the prefix: the file name is what people need most. */
	snprintf(tmp + pl + 2, sizeof(tmp) - pl - 2, "%.*s", (int)(sizeof(tmp) - pl - 3), last_message);
	memcpy(last_message, tmp, sizeof(last_message));
	return last_error.code;
}

const char *mtkfw_status_name(int code)
{
	switch (code) {
	case MTKFW_OK: return "ok";
	case MTKFW_ERR_INVALID: return "invalid";
	case MTKFW_ERR_FORMAT: return "format";
	case MTKFW_ERR_TRUNCATED: return "truncated";
	case MTKFW_ERR_UNSUPPORTED: return "unsupported";
	case MTKFW_ERR_IO: return "io";
	case MTKFW_ERR_TIMEOUT: return "timeout";
	case MTKFW_ERR_PROTOCOL: return "protocol";
	case MTKFW_ERR_REFUSED: return "refused";
	case MTKFW_ERR_CANCELLED: return "cancelled";
	case MTKFW_ERR_NOMEM: return "nomem";
	case MTKFW_ERR_NOTFOUND: return "notfound";
	case MTKFW_ERR_LIMIT: return "limit";
	case MTKFW_ERR_MISMATCH: return "mismatch";
	case MTKFW_ERR_DEVICE: return "device";
	case MTKFW_ERR_READONLY: return "readonly";
	}
	return "unknown";
}
