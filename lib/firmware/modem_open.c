/*
 * One modem-related file, read by range through a reader (a file, or a file inside a system
 * image): the head says DbgInfo (CATI), BPLGUInfo (CATD) or a text stub; anything else must end
 * with a modem trailer. An image's body is searched, from its end and a piece at a time, for
 * the version record that names the vendor's own version (what the mddb names are made from).
 */
#include "core/file.h"
#include "core/internal.h"
#include "firmware/modem_internal.h"

#include <stdio.h>
#include <unistd.h>

#define HEAD 4096u
#define SCAN_PIECE (1u << 20)

/* Characters of a version or branch string in the record ("V530.P02A.V01", "WR8.W1315.MD.WG.MP"). */
static bool version_char(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '_' ||
	       c == '-';
}

/*
 * The record "<version>\0<branch> <project>\0<build time>" in buf[0..n) with the needle
 * " <project>\0<build time>" at `at`: the version is the run before the branch's NUL. True and
 * the version in `out` when the bytes have that shape.
 */
static bool record_at(const uint8_t *buf, size_t at, char *out, size_t cap)
{
	size_t b = at, v, n;

	while (b > 0 && at - b < cap && version_char(buf[b - 1]))
		b--;
	if (b == at || at - b >= cap || b < 2 || buf[b - 1] != '\0')
		return false; /* no branch, a run too long for one, or not NUL-led */
	v = b - 1;
	while (v > 0 && b - 1 - v < cap && version_char(buf[v - 1]))
		v--;
	n = b - 1 - v;
	if (!n || n >= cap || (v > 0 && version_char(buf[v - 1])))
		return false;
	memcpy(out, buf + v, n);
	out[n] = '\0';
	return true;
}

/* Search the image from its end for the version record; leaves custom_verno "" when absent. */
static int scan_version(struct mtkfw_modem *m, modem_read_fn rd, void *user, uint64_t size)
{
	char needle[200];
	size_t nl, keep;
	uint64_t end = size - m->trailer_len;
	uint8_t *buf;
	int rc = 0;

	if (!m->project[0] || !m->build_time[0] || size > MTKFW_MODEM_SCAN_MAX)
		return 0;
	nl = (size_t)snprintf(needle, sizeof(needle), " %s", m->project) + 1;
	nl += (size_t)snprintf(needle + nl, sizeof(needle) - nl, "%s", m->build_time) + 1;
	/* A record cut by a piece's start is found again whole in the piece before. */
	keep = nl + 2 * sizeof(m->custom_verno) + 2;
	if (!(buf = malloc(SCAN_PIECE)))
		return mtkfw_nomem();
	while (end > 0 && !rc) {
		uint64_t start = end > SCAN_PIECE ? end - SCAN_PIECE : 0;
		size_t n = (size_t)(end - start);

		if ((rc = rd(user, start, buf, n)) != 0)
			break;
		for (size_t i = n >= nl ? n - nl + 1 : 0; i-- > 0;) {
			if (buf[i] != ' ' || memcmp(buf + i, needle, nl) != 0)
				continue;
			if ((i >= keep || start == 0) && record_at(buf, i, m->custom_verno, sizeof(m->custom_verno))) {
				free(buf);
				return 0;
			}
		}
		if (start == 0)
			break;
		end = start + keep < end ? start + keep : start;
	}
	free(buf);
	return rc;
}

static const char *base_of(const char *name)
{
	const char *s = strrchr(name, '/'), *c = strrchr(name, ':');

	if (c && (!s || c > s))
		s = c;
	return s ? s + 1 : name;
}

int mtkfwi_modem_read(struct mtkfw_modem *out, modem_read_fn rd, void *user, uint64_t size, const char *name)
{
	uint8_t head[HEAD], *tail;
	size_t hn = size < HEAD ? (size_t)size : HEAD, tn;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rd(user, 0, head, hn)) != 0)
		return rc;
	if (hn >= 4 && memcmp(head, "CATI", 4) == 0) {
		if ((rc = mtkfw_modem_parse_dbginfo(out, head, hn, name)) == 0)
			out->image_type = mtkfwi_modem_type_from_name(base_of(name));
	} else if (hn >= 4 && memcmp(head, "CATD", 4) == 0) {
		/* Opaque: its name says which build it belongs to (or nothing, when renamed). */
		if (mtkfw_modem_parse_mddb_name(out, base_of(name)) != 0)
			mtkfw_error_clear();
		out->kind = MTKFW_MODEM_MDDB;
	} else if (size <= MTKFW_MODEM_STUB_MAX && hn && head[0] == '/' &&
		   mtkfw_modem_parse_stub(out, head, hn, name) == 0) {
		rc = 0;
	} else {
		mtkfw_error_clear();
		tn = size < MTKFW_MODEM_TRAILER_MAX ? (size_t)size : MTKFW_MODEM_TRAILER_MAX;
		if (!(tail = malloc(tn ? tn : 1)))
			return mtkfw_nomem();
		rc = rd(user, size - tn, tail, tn);
		if (!rc)
			rc = mtkfw_modem_parse_trailer(out, tail, tn, size, name);
		free(tail);
		if (!rc) {
			out->image_type = out->image_type ? out->image_type : mtkfwi_modem_type_from_name(base_of(name));
			rc = scan_version(out, rd, user, size);
		}
	}
	if (!rc) {
		out->file_size = size;
		if (!(out->file = mtkfw_strdup(name)))
			rc = mtkfw_nomem();
	}
	if (rc)
		mtkfw_modem_clear(out);
	return rc;
}

struct fd_src {
	int fd;
	const char *name;
};

static int fd_read(void *user, uint64_t off, void *buf, size_t n)
{
	struct fd_src *s = user;

	return mtkfw_pread_exact(s->fd, buf, n, off, s->name);
}

int mtkfw_modem_open(struct mtkfw_modem *out, const char *path)
{
	struct fd_src s = { -1, path };
	uint64_t size = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = mtkfw_open_input(path, &s.fd, &size)) != 0)
		return rc;
	rc = mtkfwi_modem_read(out, fd_read, &s, size, path);
	close(s.fd);
	return rc;
}
