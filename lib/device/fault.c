/*
 * Fault injection around any transport (flashrom's fault programmer idea): repeatable faults
 * at chosen byte positions, so tests prove each layer notices a corrupted, lost or missing
 * reply and a failed write, and never hangs.
 */
#include "device/transport.h"
#include "core/internal.h"

#include <errno.h>
#include <stdio.h>

#define FAULT_MAX 16

enum fault_kind { F_FLIP, F_DROP, F_CUT, F_WFAIL };

struct fault {
	enum fault_kind kind;
	uint64_t at;
};

struct faulty {
	mtkfw_transport *inner;
	struct fault f[FAULT_MAX];
	size_t n;
	uint64_t rx;     /* device bytes seen (before drops) */
	uint64_t writes; /* write calls made */
};

static bool cut_at(const struct faulty *s, uint64_t pos)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->f[i].kind == F_CUT && pos >= s->f[i].at)
			return true;
	return false;
}

static int fault_read(void *self, uint8_t *buf, size_t n, unsigned timeout_ms)
{
	struct faulty *s = self;
	int r;
	size_t out = 0;

	if (cut_at(s, s->rx))
		return 0;
	/* Never read past a cut point, so the bytes after it stay unseen. */
	for (size_t i = 0; i < s->n; i++)
		if (s->f[i].kind == F_CUT && s->f[i].at > s->rx && s->f[i].at - s->rx < n)
			n = (size_t)(s->f[i].at - s->rx);
	r = s->inner->ops->read(s->inner->self, buf, n, timeout_ms);
	if (r <= 0)
		return r;
	for (size_t k = 0; k < (size_t)r; k++, s->rx++) {
		bool drop = false;

		for (size_t i = 0; i < s->n; i++) {
			if (s->f[i].at != s->rx)
				continue;
			if (s->f[i].kind == F_FLIP)
				buf[k] ^= 0xFF;
			else if (s->f[i].kind == F_DROP)
				drop = true;
		}
		if (!drop)
			buf[out++] = buf[k];
	}
	/* All bytes dropped: read on, the caller asked for data, not for nothing. */
	return out ? (int)out : fault_read(self, buf, n, timeout_ms);
}

static int fault_write(void *self, const uint8_t *buf, size_t n)
{
	struct faulty *s = self;
	uint64_t call = s->writes++;

	for (size_t i = 0; i < s->n; i++)
		if (s->f[i].kind == F_WFAIL && s->f[i].at == call)
			return mtkfw_seterr(MTKFW_ERR_IO, "injected fault: write %llu failed", (unsigned long long)call);
	return s->inner->ops->write(s->inner->self, buf, n);
}

static void fault_close(void *self)
{
	struct faulty *s = self;

	if (!s)
		return;
	mtkfw_transport_free(s->inner);
	free(s);
}

static int fault_reopen(void *self, unsigned wait_ms, const struct mtkfw_port_search *where, mtkfw_ctx *ctx)
{
	return mtkfwi_transport_reopen(((struct faulty *)self)->inner, wait_ms, where, ctx);
}

static const char *fault_port(void *self)
{
	return mtkfwi_transport_port(((struct faulty *)self)->inner);
}

static const struct transport_ops fault_ops = { "fault", fault_read, fault_write, fault_close, fault_reopen,
						fault_port };

static int parse_spec(struct faulty *s, const char *spec)
{
	static const struct { const char *name; enum fault_kind kind; } kinds[] = {
		{ "flip", F_FLIP }, { "drop", F_DROP }, { "cut", F_CUT }, { "wfail", F_WFAIL },
	};
	const char *p = spec;

	while (*p) {
		const char *at = strchr(p, '@'), *comma;
		char *end;
		size_t k;
		unsigned long long v;

		if (!at)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "fault spec '%s': want KIND@N[,KIND@N...]", spec);
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if ((size_t)(at - p) == strlen(kinds[k].name) && !strncmp(p, kinds[k].name, (size_t)(at - p)))
				break;
		if (k == sizeof(kinds) / sizeof(kinds[0]))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "fault spec '%s': kinds are flip, drop, cut, wfail", spec);
		if (s->n == FAULT_MAX)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "fault spec '%s': at most %d faults", spec, FAULT_MAX);
		errno = 0;
		v = strtoull(at + 1, &end, 0);
		comma = *end == ',' ? end + 1 : end;
		if (errno || end == at + 1 || (*end && *end != ','))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "fault spec '%s': bad position after '@'", spec);
		s->f[s->n++] = (struct fault){ kinds[k].kind, v };
		p = comma;
	}
	return 0;
}

int mtkfw_transport_fault(mtkfw_transport **out, mtkfw_transport *inner, const char *spec)
{
	struct faulty *s;
	char name[96];
	int rc;

	if (!out || !inner || !spec) {
		mtkfw_transport_free(inner);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "fault: bad arguments");
	}
	*out = NULL;
	s = mtkfw_calloc(1, sizeof(*s));
	if (!s) {
		mtkfw_transport_free(inner);
		return MTKFW_ERR_NOMEM;
	}
	s->inner = inner;
	rc = parse_spec(s, spec);
	if (rc) {
		fault_close(s);
		return rc;
	}
	snprintf(name, sizeof(name), "%s", inner->name);
	return mtkfwi_transport_new(out, &fault_ops, s, name);
}
