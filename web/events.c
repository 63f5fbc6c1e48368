/* The event ring and its Server-Sent Events streams (events.h). */
#include "events.h"

#include "core/internal.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Enough for every step event of a flash between two looks of a slow page. */
#define RING 1024

struct web_events {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	char *text[RING]; /* the SSE form of event id, at id % RING */
	uint64_t next;    /* id of the next event; ids start at 1 */
	int closed;
	unsigned streams; /* open streams (their responses not yet freed) */
};

int web_events_new(struct web_events **out)
{
	struct web_events *ev = calloc(1, sizeof(*ev));
	pthread_condattr_t ca;

	*out = NULL;
	if (!ev)
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
	pthread_mutex_init(&ev->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ev->changed, &ca);
	pthread_condattr_destroy(&ca);
	ev->next = 1;
	*out = ev;
	return 0;
}

void web_events_free(struct web_events *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < RING; i++)
		free(ev->text[i]);
	pthread_cond_destroy(&ev->changed);
	pthread_mutex_destroy(&ev->lock);
	free(ev);
}

uint64_t web_events_post(struct web_events *ev, const char *name, json_t *data)
{
	/* Compact JSON has no newline, so the event is one data line. */
	char *js = json_dumps(data, JSON_COMPACT | JSON_PRESERVE_ORDER), *text = NULL;
	uint64_t id;
	int n;

	json_decref(data);
	pthread_mutex_lock(&ev->lock);
	id = ev->next++;
	n = js ? snprintf(NULL, 0, "id: %llu\nevent: %s\ndata: %s\n\n", (unsigned long long)id, name, js) : -1;
	if (n > 0 && (text = malloc((size_t)n + 1)) != NULL)
		snprintf(text, (size_t)n + 1, "id: %llu\nevent: %s\ndata: %s\n\n", (unsigned long long)id, name, js);
	free(ev->text[id % RING]);
	ev->text[id % RING] = text; /* NULL when out of memory: that event is skipped */
	pthread_cond_broadcast(&ev->changed);
	pthread_mutex_unlock(&ev->lock);
	free(js);
	return id;
}

uint64_t web_events_last(struct web_events *ev)
{
	uint64_t id;

	pthread_mutex_lock(&ev->lock);
	id = ev->next - 1;
	pthread_mutex_unlock(&ev->lock);
	return id;
}

void web_events_close(struct web_events *ev)
{
	pthread_mutex_lock(&ev->lock);
	ev->closed = 1;
	pthread_cond_broadcast(&ev->changed);
	pthread_mutex_unlock(&ev->lock);
}

struct stream {
	struct web_events *ev;
	uint64_t last;     /* id of the last event sent */
	unsigned keepalive_ms;
	char *pending;     /* text being sent */
	size_t len, off;
};

static void deadline_in(struct timespec *ts, unsigned ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* The next text to send: the event after s->last, or a keep-alive after the wait; -1 closed. */
static int next_text(struct stream *s)
{
	struct web_events *ev = s->ev;
	struct timespec until;
	int rc = 0;

	deadline_in(&until, s->keepalive_ms);
	pthread_mutex_lock(&ev->lock);
	if (s->last >= ev->next) /* an id from an earlier server: start from now */
		s->last = ev->next - 1;
	while (!ev->closed && s->last + 1 >= ev->next && rc == 0)
		rc = pthread_cond_timedwait(&ev->changed, &ev->lock, &until);
	/* Closing ends a stream once it has sent what was posted: the end of a job that a stop
	 * cancelled is the last thing its page needs to hear. */
	if (ev->closed && s->last + 1 >= ev->next) {
		pthread_mutex_unlock(&ev->lock);
		return -1;
	}
	if (s->last + 1 < ev->next) {
		/* Events the ring no longer holds are gone; go on from the oldest it has. */
		if (ev->next > RING && s->last < ev->next - RING)
			s->last = ev->next - RING;
		s->last++;
		s->pending = ev->text[s->last % RING] ? strdup(ev->text[s->last % RING]) : NULL;
	} else {
		s->pending = strdup(": keep-alive\n\n");
	}
	pthread_mutex_unlock(&ev->lock);
	s->len = s->pending ? strlen(s->pending) : 0;
	s->off = 0;
	return 0;
}

static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	size_t n;

	(void)pos;
	while (s->off >= s->len) {
		free(s->pending);
		s->pending = NULL;
		s->len = s->off = 0;
		if (next_text(s) < 0)
			return MHD_CONTENT_READER_END_OF_STREAM;
	}
	n = s->len - s->off < max ? s->len - s->off : max;
	memcpy(buf, s->pending + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

static void free_stream(void *cls)
{
	struct stream *s = cls;
	struct web_events *ev = s->ev;

	free(s->pending);
	free(s);
	pthread_mutex_lock(&ev->lock);
	ev->streams--;
	pthread_cond_broadcast(&ev->changed);
	pthread_mutex_unlock(&ev->lock);
}

void web_events_drain(struct web_events *ev, unsigned ms)
{
	struct timespec until;
	int rc = 0;

	deadline_in(&until, ms);
	pthread_mutex_lock(&ev->lock);
	while (ev->streams && rc == 0)
		rc = pthread_cond_timedwait(&ev->changed, &ev->lock, &until);
	pthread_mutex_unlock(&ev->lock);
}

struct MHD_Response *web_events_response(struct web_events *ev, uint64_t after, unsigned keepalive_ms)
{
	struct stream *s = calloc(1, sizeof(*s));
	struct MHD_Response *r;

	if (!s)
		return NULL;
	s->ev = ev;
	s->last = after;
	s->keepalive_ms = keepalive_ms ? keepalive_ms : 15000;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, read_stream, s, free_stream);
	if (!r) {
		free(s);
		return NULL;
	}
	pthread_mutex_lock(&ev->lock);
	ev->streams++;
	pthread_mutex_unlock(&ev->lock);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	return r;
}
