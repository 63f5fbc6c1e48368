/*
 * Transports: the generic exact-read/write layer every transport goes through. The serial
 * port itself is transport_tty_posix.c (a tty: USB CDC-ACM or a pty) or transport_tty_win32.c
 * (a COM port); replay and recording live in trace.c, fault injection in fault.c.
 */
#include "device/transport.h"
#include "core/internal.h"

#include <stdio.h>

int mtkfwi_transport_new(mtkfw_transport **out, const struct transport_ops *ops, void *self, const char *name)
{
	mtkfw_transport *t = mtkfw_calloc(1, sizeof(*t));

	*out = NULL;
	if (!t) {
		ops->close(self);
		return MTKFW_ERR_NOMEM;
	}
	t->ops = ops;
	t->self = self;
	snprintf(t->name, sizeof(t->name), "%s", name);
	*out = t;
	return 0;
}

int mtkfw_transport_read(mtkfw_transport *t, void *buf, size_t n, unsigned timeout_ms)
{
	uint8_t *p = buf;
	size_t got = 0;

	if (!t || (!buf && n))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "transport read: bad arguments");
	/* The timeout is an inactivity limit: a 1 MiB packet may take a second at USB full speed,
	 * but the phone never pauses long inside one. */
	while (got < n) {
		int r = t->ops->read(t->self, p + got, n - got, timeout_ms);

		if (r < 0)
			return r;
		if (r == 0)
			return mtkfw_seterr(MTKFW_ERR_TIMEOUT,
					    "%s: the phone did not answer within %u ms (got %zu of %zu bytes)",
					    t->name, timeout_ms, got, n);
		got += (size_t)r;
		t->rx += (uint64_t)r;
	}
	return 0;
}

int mtkfwi_transport_read_some(mtkfw_transport *t, uint8_t *buf, size_t n, unsigned timeout_ms)
{
	int r;

	if (!n)
		return 0;
	r = t->ops->read(t->self, buf, n, timeout_ms);
	if (r == 0)
		return mtkfw_seterr(MTKFW_ERR_TIMEOUT, "%s: the phone did not answer within %u ms", t->name, timeout_ms);
	if (r > 0)
		t->rx += (uint64_t)r;
	return r;
}

int mtkfw_transport_write(mtkfw_transport *t, const void *buf, size_t n)
{
	int r;

	if (!t || (!buf && n))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "transport write: bad arguments");
	if (!n)
		return 0;
	r = t->ops->write(t->self, buf, n);
	if (r == 0)
		t->tx += n;
	return r;
}

int mtkfwi_transport_reopen(mtkfw_transport *t, unsigned wait_ms, const struct mtkfw_port_search *where,
			    mtkfw_ctx *ctx)
{
	return t->ops->reopen ? t->ops->reopen(t->self, wait_ms, where, ctx) : 0;
}

void mtkfw_transport_free(mtkfw_transport *t)
{
	if (!t)
		return;
	t->ops->close(t->self);
	free(t);
}
