/*
 * Progress for the page: events (a name and a JSON object) kept in a ring and streamed to every
 * open GET /api/v1/events as Server-Sent Events. A stream that reconnects with Last-Event-ID
 * gets what it missed while the ring still holds it.
 */
#ifndef MTKFW_WEB_EVENTS_H
#define MTKFW_WEB_EVENTS_H

#include <jansson.h>
#include <stdint.h>

struct MHD_Response;
struct web_events;

int web_events_new(struct web_events **out);
/* Call web_events_close first and let the streams end (stop the HTTP daemon) before freeing. */
void web_events_free(struct web_events *ev);

/* Post event `name` with `data` (taken over). Returns its id. */
uint64_t web_events_post(struct web_events *ev, const char *name, json_t *data);

/* The id of the newest event (0 before any). */
uint64_t web_events_last(struct web_events *ev);

/* End every stream once it has sent what was posted (the server is stopping). */
void web_events_close(struct web_events *ev);

/* Wait (at most `ms`) until every stream has ended, so that stopping the HTTP daemon does not
 * cut one before its last events are out. */
void web_events_drain(struct web_events *ev, unsigned ms);

/* A streaming response sending the events after `after`, with a comment line every
 * `keepalive_ms` so a closed browser tab is noticed. */
struct MHD_Response *web_events_response(struct web_events *ev, uint64_t after, unsigned keepalive_ms);

#endif
