/* Per-thread last error, in the manner of libgit2's git_error_last(). */
#include "core/enum_words.h"
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

int mtkfw_error_set(int code, const char *message)
{
	return mtkfw_seterr(code, "%s", message ? message : "");
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

/* Indexed by -code (the codes run 0, -1, -2 ...). */
static const char *const status_words[] = { "ok", "invalid", "format", "truncated", "unsupported", "io",
					    "timeout", "protocol", "refused", "cancelled", "nomem", "notfound",
					    "limit", "mismatch", "device", "readonly" };

const char *mtkfw_status_name(int code)
{
	return code <= 0 ? mtkfw_enum_word(MTKFW_WORDS(status_words), -code, "unknown") : "unknown";
}

int mtkfw_status_parse(const char *word)
{
	int v = mtkfw_enum_value(MTKFW_WORDS(status_words), word);

	return v < 0 ? 1 : -v;
}
