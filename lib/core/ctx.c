/* The context: log and progress callbacks of one caller, never global. */
#include "core/enum_words.h"
#include "core/internal.h"
#include "mtkfw_version.h"

#include <stdarg.h>
#include <stdio.h>

struct mtkfw_ctx {
	mtkfw_progress_cb progress;
	void *progress_user;
	mtkfw_log_cb log;
	void *log_user;
	mtkfw_event_cb event;
	void *event_user;
	/* Set (by a signal handler, say) when the caller wants the work stopped. */
	const volatile sig_atomic_t *cancel;
	bool held; /* a stretch the flag must not cut (mtkfwi_ctx_hold) */
	bool muted; /* progress the caller sums up itself (mtkfwi_ctx_mute) */
	/* The last reported stage and position: progress must never run backwards within one. */
	char stage[64];
	uint64_t done;
};

const char *mtkfw_version(void)
{
	return MTKFW_VERSION_STRING;
}

int mtkfw_ctx_new(mtkfw_ctx **out)
{
	if (!out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ctx_new: out is NULL");
	*out = mtkfw_calloc(1, sizeof(**out));
	return *out ? 0 : MTKFW_ERR_NOMEM;
}

void mtkfw_ctx_free(mtkfw_ctx *ctx)
{
	free(ctx);
}

void mtkfw_ctx_set_progress(mtkfw_ctx *ctx, mtkfw_progress_cb cb, void *user)
{
	if (!ctx)
		return;
	ctx->progress = cb;
	ctx->progress_user = user;
}

void mtkfw_ctx_set_log(mtkfw_ctx *ctx, mtkfw_log_cb cb, void *user)
{
	if (!ctx)
		return;
	ctx->log = cb;
	ctx->log_user = user;
}

static const char *const log_words[] = { "debug", "info", "warning" };
static const char *const event_words[] = { "waiting", "connected", "plan", "started", "step-started",
					   "step-finished", "finding", "note" };

const char *mtkfw_log_level_name(int level)
{
	return mtkfw_enum_word(MTKFW_WORDS(log_words), level, "?");
}

int mtkfw_log_level_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(log_words), word);
}

const char *mtkfw_event_kind_name(int kind)
{
	return mtkfw_enum_word(MTKFW_WORDS(event_words), kind, "?");
}

int mtkfw_event_kind_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(event_words), word);
}

void mtkfw_ctx_set_event(mtkfw_ctx *ctx, mtkfw_event_cb cb, void *user)
{
	if (!ctx)
		return;
	ctx->event = cb;
	ctx->event_user = user;
}

int mtkfw_event(mtkfw_ctx *ctx, const struct mtkfw_event *ev)
{
	if (!ctx || !ctx->event)
		return 0;
	if (ctx->event(ev, ctx->event_user) != 0)
		return mtkfw_seterr(MTKFW_ERR_CANCELLED, "%s: cancelled", ev->job ? ev->job : "job");
	return 0;
}

void mtkfw_ctx_set_cancel(mtkfw_ctx *ctx, const volatile sig_atomic_t *flag)
{
	if (ctx)
		ctx->cancel = flag;
}

void mtkfwi_ctx_hold(mtkfw_ctx *ctx, bool hold)
{
	if (ctx)
		ctx->held = hold;
}

void mtkfwi_ctx_mute(mtkfw_ctx *ctx, bool mute)
{
	if (ctx)
		ctx->muted = mute;
}

int mtkfw_cancelled(mtkfw_ctx *ctx)
{
	if (ctx && ctx->cancel && *ctx->cancel && !ctx->held)
		return mtkfw_seterr(MTKFW_ERR_CANCELLED, "interrupted");
	return 0;
}

int mtkfw_progress(mtkfw_ctx *ctx, const char *stage, uint64_t done, uint64_t total)
{
	int rc;

	if ((rc = mtkfw_cancelled(ctx)))
		return rc;
	if (!ctx || !ctx->progress || ctx->muted)
		return 0;
	if (!stage)
		stage = "";
	if (strncmp(ctx->stage, stage, sizeof(ctx->stage) - 1) != 0) {
		snprintf(ctx->stage, sizeof(ctx->stage), "%s", stage);
		ctx->done = 0;
	}
	/* Keep the promise of monotonic progress even if a caller reports a retry. */
	if (done < ctx->done)
		done = ctx->done;
	ctx->done = done;
	if (ctx->progress(stage, done, total, ctx->progress_user) != 0)
		return mtkfw_seterr(MTKFW_ERR_CANCELLED, "%s: cancelled", stage);
	return 0;
}

void mtkfw_log(mtkfw_ctx *ctx, mtkfw_log_level level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!ctx || !ctx->log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ctx->log(level, msg, ctx->log_user);
}

void *mtkfw_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		mtkfw_nomem();
	return p;
}

void *mtkfw_reallocarray(void *p, size_t n, size_t size)
{
	void *q;

	if (size && n > SIZE_MAX / size) {
		mtkfw_nomem();
		return NULL;
	}
	q = realloc(p, n && size ? n * size : 1);
	if (!q)
		mtkfw_nomem();
	return q;
}

char *mtkfw_strdup(const char *s)
{
	return mtkfw_strndup(s, strlen(s));
}

char *mtkfw_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (!d) {
		mtkfw_nomem();
		return NULL;
	}
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
