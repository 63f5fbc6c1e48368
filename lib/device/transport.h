/*
 * The transport interface inside the library: every transport (tty, replay, canned replies,
 * recorder, fault injector) is a small table of three operations over its own state.
 */
#ifndef MTKFW_DEVICE_TRANSPORT_H
#define MTKFW_DEVICE_TRANSPORT_H

#include <mtkfw/device.h>

struct transport_ops {
	const char *kind;
	/* Read up to `n` bytes, waiting at most `timeout_ms` for the first: bytes read (> 0),
	 * 0 on timeout, or a negative status (message set). */
	int (*read)(void *self, uint8_t *buf, size_t n, unsigned timeout_ms);
	/* Write all `n` bytes: 0 or a negative status. */
	int (*write)(void *self, const uint8_t *buf, size_t n);
	void (*close)(void *self);
	/* Optional: the port went away on purpose (USB re-enumeration): close it, wait up to
	 * `wait_ms` for the phone's port to come back, open that: 0; or, when the port never went
	 * away, open it again: 1. NULL: nothing to reopen (a replayed trace just goes on).
	 * `where` says where to look for a port under a new name; the wait stops when `ctx`'s cancel
	 * flag is set (ctx may be NULL). Wrappers forward both. */
	int (*reopen)(void *self, unsigned wait_ms, const struct mtkfw_port_search *where, mtkfw_ctx *ctx);
	/* Optional: the serial port's path now (it may change at a reopen); NULL: not a port (a
	 * replayed trace). Wrappers forward it. */
	const char *(*port)(void *self);
};

struct mtkfw_transport {
	const struct transport_ops *ops;
	void *self;
	char name[96]; /* for messages: the port path or "replay TRACE" */
	uint64_t rx, tx; /* bytes moved, for messages and benchmarks */
};

/* Reopen after a re-enumeration (ops->reopen; 0 when the transport has none, 1 when the port
 * never went away). */
int mtkfwi_transport_reopen(mtkfw_transport *t, unsigned wait_ms, const struct mtkfw_port_search *where,
			    mtkfw_ctx *ctx);
/* The serial port in use (ops->port), or NULL. */
const char *mtkfwi_transport_port(const mtkfw_transport *t);

/* Make a transport from ops and state (the state is closed on failure). */
int mtkfwi_transport_new(mtkfw_transport **out, const struct transport_ops *ops, void *self, const char *name);

/* Read what has arrived, 1..n bytes (waiting at most `timeout_ms` for the first): the count,
 * or a negative status (a timeout too). For bulk data a caller works on each piece while the
 * next is on its way (mtkfw_transport_read when it needs all `n`). */
int mtkfwi_transport_read_some(mtkfw_transport *t, uint8_t *buf, size_t n, unsigned timeout_ms);

#endif
