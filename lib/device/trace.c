/*
 * Recorded traffic: a recorder that wraps any transport and writes a text trace, and a
 * replayer that plays the device's side of a trace back (fwupd's device emulation idea).
 * A trace is text so that people can write one by hand from the protocol transcripts:
 *
 *   # comment
 *   > a0 0a 50 05      bytes the host writes
 *   < 5f f5 af fa      bytes the device sends
 *
 * Hex digits may be grouped with spaces; consecutive lines of one direction join up.
 */
#include "device/transport.h"
#include "device/trace.h"
#include "core/file.h"
#include "core/internal.h"

#include <ctype.h>
#include <stdio.h>

/* A trace holds at most this much traffic: enough for a few MiB of readback. */
#define TRACE_HEADER "# mtkfw device trace: > host to phone, < phone to host\n"
#define TRACE_MAX_FILE (256u << 20)

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int push(uint8_t **buf, size_t *len, size_t *cap, uint8_t b)
{
	if (*len == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		uint8_t *p = realloc(*buf, nc);

		if (!p)
			return mtkfw_nomem();
		*buf = p;
		*cap = nc;
	}
	(*buf)[(*len)++] = b;
	return 0;
}

int mtkfwi_trace_parse(struct replay *r, const char *text, size_t len, const char *name)
{
	size_t hcap = 0, dcap = 0, scap = 0, line = 1;
	const char *p, *end;

	if (!len)
		return 0; /* an empty trace: a phone that never answers */
	p = text;
	end = text + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char dir;

		if (!eol)
			eol = end;
		while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		dir = p < eol ? *p : 0;
		if (dir == '>' || dir == '<') {
			int hi = -1;

			if (dir == '<') {
				bool join = r->nsegs && r->segs[r->nsegs - 1].start + r->segs[r->nsegs - 1].len == r->dev_len &&
					    r->segs[r->nsegs - 1].host_before == r->host_len;

				if (!join) {
					if (r->nsegs == scap) {
						size_t nc = scap ? scap * 2 : 64;
						struct dev_seg *s = mtkfw_reallocarray(r->segs, nc, sizeof(*s));

						if (!s)
							return MTKFW_ERR_NOMEM;
						r->segs = s;
						scap = nc;
					}
					r->segs[r->nsegs++] = (struct dev_seg){ r->dev_len, 0, r->host_len };
				}
			}
			for (p++; p < eol; p++) {
				int v;

				if (*p == ' ' || *p == '\t' || *p == '\r')
					continue;
				v = hexval((unsigned char)*p);
				if (v < 0)
					return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: '%c' is not a hex digit",
							    name, line, *p);
				if (hi < 0) {
					hi = v;
					continue;
				}
				if (dir == '>' ? push(&r->host, &r->host_len, &hcap, (uint8_t)(hi << 4 | v))
					       : push(&r->dev, &r->dev_len, &dcap, (uint8_t)(hi << 4 | v)))
					return MTKFW_ERR_NOMEM;
				if (dir == '<')
					r->segs[r->nsegs - 1].len++;
				hi = -1;
			}
			if (hi >= 0)
				return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: odd number of hex digits", name, line);
		} else if (dir && dir != '#') {
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: a trace line starts with '>', '<' or '#'",
					    name, line);
		}
		p = eol + 1;
		line++;
	}
	return 0;
}

static int replay_read(void *self, uint8_t *buf, size_t n, unsigned timeout_ms)
{
	struct replay *r = self;
	size_t avail;

	(void)timeout_ms; /* a replay never waits: the end of the trace is a timeout at once */
	if (!r->check_writes) {
		avail = r->dev_len - r->dev_pos;
	} else {
		while (r->seg < r->nsegs && r->dev_pos >= r->segs[r->seg].start + r->segs[r->seg].len)
			r->seg++;
		if (r->seg == r->nsegs)
			return 0;
		/* The device sends this segment only after the host bytes that precede it. */
		if (r->host_pos < r->segs[r->seg].host_before)
			return 0;
		avail = r->segs[r->seg].start + r->segs[r->seg].len - r->dev_pos;
	}
	if (!avail)
		return 0;
	if (n > avail)
		n = avail;
	if (n > INT32_MAX)
		n = INT32_MAX;
	memcpy(buf, r->dev + r->dev_pos, n);
	r->dev_pos += n;
	return (int)n;
}

static int replay_write(void *self, const uint8_t *buf, size_t n)
{
	struct replay *r = self;

	if (!r->check_writes)
		return 0;
	for (size_t i = 0; i < n; i++, r->host_pos++) {
		if (r->host_pos >= r->host_len)
			return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "%s: the host wrote %zu bytes past the end of the trace",
					    r->name, n - i);
		if (r->host[r->host_pos] != buf[i])
			return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "%s: host byte %zu is %02x, the trace has %02x",
					    r->name, r->host_pos, buf[i], r->host[r->host_pos]);
	}
	return 0;
}

void mtkfwi_replay_close(void *self)
{
	struct replay *r = self;

	if (!r)
		return;
	free(r->host);
	free(r->dev);
	free(r->segs);
	free(r->name);
	free(r);
}

static int emit(char **buf, size_t *len, size_t *cap, char dir, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t off = 0; off < n; off += 32) {
		size_t k = n - off < 32 ? n - off : 32, need = 2 + 3 * k;

		if (*cap - *len < need + 1) {
			size_t nc = (*cap + need + 1) * 2;
			char *nb = realloc(*buf, nc);

			if (!nb)
				return mtkfw_nomem();
			*buf = nb;
			*cap = nc;
		}
		(*buf)[(*len)++] = dir;
		for (size_t i = 0; i < k; i++) {
			(*buf)[(*len)++] = ' ';
			(*buf)[(*len)++] = digits[p[off + i] >> 4];
			(*buf)[(*len)++] = digits[p[off + i] & 15];
		}
		(*buf)[(*len)++] = '\n';
		(*buf)[*len] = 0;
	}
	return 0;
}

int mtkfwi_trace_format(const struct replay *r, char **out, size_t *len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0, host = 0;
	int rc = 0;

	*out = NULL;
	*len = 0;
	/* Host bytes up to each device segment's prerequisite, the segment, then the rest. */
	for (size_t i = 0; !rc && i < r->nsegs; i++) {
		const struct dev_seg *s = &r->segs[i];

		if (s->host_before > host) {
			rc = emit(&buf, &n, &cap, '>', r->host + host, s->host_before - host);
			host = s->host_before;
		}
		if (!rc && s->len)
			rc = emit(&buf, &n, &cap, '<', r->dev + s->start, s->len);
	}
	if (!rc && host < r->host_len)
		rc = emit(&buf, &n, &cap, '>', r->host + host, r->host_len - host);
	if (rc) {
		free(buf);
		return rc;
	}
	*out = buf;
	*len = n;
	return 0;
}

static const struct transport_ops replay_ops = { "replay", replay_read, replay_write, mtkfwi_replay_close, NULL, NULL };

int mtkfw_transport_open_replay(mtkfw_transport **out, const char *trace_path)
{
	struct replay *r;
	uint8_t *text;
	size_t len;
	int rc;

	if (!out || !trace_path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "open replay: bad arguments");
	*out = NULL;
	rc = mtkfw_read_file(trace_path, TRACE_MAX_FILE, &text, &len);
	if (rc)
		return rc;
	r = mtkfw_calloc(1, sizeof(*r));
	if (!r || !(r->name = mtkfw_strdup(trace_path))) {
		free(text);
		mtkfwi_replay_close(r);
		return MTKFW_ERR_NOMEM;
	}
	r->check_writes = true;
	rc = mtkfwi_trace_parse(r, (const char *)text, len, trace_path);
	free(text);
	if (rc) {
		mtkfwi_replay_close(r);
		return rc;
	}
	return mtkfwi_transport_new(out, &replay_ops, r, trace_path);
}

int mtkfw_transport_open_canned(mtkfw_transport **out, const uint8_t *replies, size_t n)
{
	struct replay *r;

	if (!out || (!replies && n))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "open canned: bad arguments");
	*out = NULL;
	r = mtkfw_calloc(1, sizeof(*r));
	if (!r)
		return MTKFW_ERR_NOMEM;
	r->dev = malloc(n ? n : 1);
	r->name = mtkfw_strdup("canned replies");
	if (!r->dev || !r->name) {
		mtkfwi_replay_close(r);
		return mtkfw_nomem();
	}
	if (n)
		memcpy(r->dev, replies, n);
	r->dev_len = n;
	return mtkfwi_transport_new(out, &replay_ops, r, "canned replies");
}

/* ---- recorder ---- */

struct recorder {
	mtkfw_transport *inner;
	struct mtkfw_atomic file;
	bool failed;
};

static void record(struct recorder *rec, char dir, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char line[2 + 32 * 3 + 2];

	/* 32 bytes a line keeps traces readable and diffable. */
	for (size_t off = 0; off < n && !rec->failed; off += 32) {
		size_t k = n - off < 32 ? n - off : 32, L = 0;

		line[L++] = dir;
		for (size_t i = 0; i < k; i++) {
			line[L++] = ' ';
			line[L++] = digits[p[off + i] >> 4];
			line[L++] = digits[p[off + i] & 15];
		}
		line[L++] = '\n';
		if (mtkfw_atomic_write(&rec->file, line, L) != 0)
			rec->failed = true;
	}
}

static int rec_read(void *self, uint8_t *buf, size_t n, unsigned timeout_ms)
{
	struct recorder *rec = self;
	int r = rec->inner->ops->read(rec->inner->self, buf, n, timeout_ms);

	if (r > 0)
		record(rec, '<', buf, (size_t)r);
	return r;
}

static int rec_write(void *self, const uint8_t *buf, size_t n)
{
	struct recorder *rec = self;
	int r = rec->inner->ops->write(rec->inner->self, buf, n);

	if (r == 0)
		record(rec, '>', buf, n);
	return r;
}

static void rec_close(void *self)
{
	struct recorder *rec = self;

	if (!rec)
		return;
	mtkfw_transport_free(rec->inner);
	/* A partial trace is still worth keeping: it shows where a session went wrong. */
	if (rec->file.fd >= 0 && mtkfw_atomic_commit(&rec->file) != 0)
		mtkfw_atomic_abort(&rec->file);
	free(rec);
}

static int rec_reopen(void *self, unsigned wait_ms, const struct mtkfw_port_search *where, mtkfw_ctx *ctx)
{
	return mtkfwi_transport_reopen(((struct recorder *)self)->inner, wait_ms, where, ctx);
}

static const char *rec_port(void *self)
{
	return mtkfwi_transport_port(((struct recorder *)self)->inner);
}

static const struct transport_ops rec_ops = { "record", rec_read, rec_write, rec_close, rec_reopen, rec_port };

int mtkfw_transport_record(mtkfw_transport **out, mtkfw_transport *inner, const char *path)
{
	struct recorder *rec;
	int rc;

	if (!out || !inner || !path) {
		mtkfw_transport_free(inner);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "record: bad arguments");
	}
	*out = NULL;
	rec = mtkfw_calloc(1, sizeof(*rec));
	if (!rec) {
		mtkfw_transport_free(inner);
		return MTKFW_ERR_NOMEM;
	}
	rec->inner = inner;
	rec->file.fd = -1;
	rc = mtkfw_atomic_open(&rec->file, path);
	if (rc) {
		rec->file.fd = -1;
		rec_close(rec);
		return rc;
	}
	if (mtkfw_atomic_write(&rec->file, TRACE_HEADER, strlen(TRACE_HEADER)) != 0) {
		mtkfw_atomic_abort(&rec->file);
		rec->file.fd = -1;
		rec_close(rec);
		return MTKFW_ERR_IO;
	}
	{
		char name[96];

		snprintf(name, sizeof(name), "%s", inner->name);
		return mtkfwi_transport_new(out, &rec_ops, rec, name);
	}
}
