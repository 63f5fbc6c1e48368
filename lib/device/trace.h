/*
 * A parsed trace (trace.c): the host's bytes, the device's bytes, and for each run of device
 * bytes how many host bytes precede it, which is all a replay needs to keep both in order.
 */
#ifndef MTKFW_DEVICE_TRACE_H
#define MTKFW_DEVICE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dev_seg {
	size_t start, len;  /* in dev[] */
	size_t host_before; /* host bytes that come before this segment in the trace */
};

struct replay {
	uint8_t *host, *dev;
	size_t host_len, dev_len, host_pos, dev_pos;
	struct dev_seg *segs;
	size_t nsegs, seg;
	bool check_writes; /* false for canned replies: writes are ignored */
	char *name;
};

/* Parse trace text into `r` (zeroed by the caller); `name` is for messages. */
int mtkfwi_trace_parse(struct replay *r, const char *text, size_t len, const char *name);
/* Write `r` back as trace text (malloc'd, NUL-terminated); parsing it gives the same streams. */
int mtkfwi_trace_format(const struct replay *r, char **out, size_t *len);
/* Free a replay and what it holds. */
void mtkfwi_replay_close(void *self);

#endif
