/*
 * The serial transport on Windows: a COM port (the phone's USB CDC port under MediaTek's VCOM
 * driver or usbser.sys). The generic layer above it is transport_core.c.
 *
 * A port is named COM5 or \\.\COM5 (the only form that reaches COM10 and above). Reads use the
 * one COMMTIMEOUTS setting that behaves like poll + read: return at once with what has arrived,
 * else wait up to the timeout for the first byte. When the phone leaves the bus (unplugged, or
 * re-enumerating at the DA's switch to high speed) the handle's reads and writes fail; that is
 * the port going away, as EOF/EIO is on a tty.
 */
#include <windows.h>

#include "device/transport.h"
#include "device/reenum.h"
#include "core/internal.h"

#include <stdio.h>

struct com {
	HANDLE h;
	char *path;          /* as given: "COM5" (messages and reopening use it) */
	DWORD read_timeout;  /* the ReadTotalTimeoutConstant in force (MAXDWORD: none set yet) */
};

/* A write that makes no progress for this long means the port is stuck (the phone is gone). */
#define COM_WRITE_TIMEOUT_MS 5000
/* Every wait ends: a huge timeout must not become "for ever". */
#define COM_MAX_WAIT_MS 3600000u

static int com_gone(const struct com *s, const char *what, DWORD e)
{
	switch (e) {
	case ERROR_ACCESS_DENIED:
	case ERROR_BAD_COMMAND:
	case ERROR_GEN_FAILURE:
	case ERROR_DEVICE_NOT_CONNECTED:
	case ERROR_DEV_NOT_EXIST:
	case ERROR_OPERATION_ABORTED:
	case ERROR_FILE_NOT_FOUND:
	case ERROR_INVALID_HANDLE:
		/* What usbser and the VCOM driver answer once the device has left the bus. */
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: the port went away (%s error %lu); was the phone unplugged?",
				    s->path, what, (unsigned long)e);
	default:
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s failed (Windows error %lu)", s->path, what, (unsigned long)e);
	}
}

static int com_set_read_timeout(struct com *s, unsigned timeout_ms)
{
	COMMTIMEOUTS to = { 0 };
	DWORD ms = timeout_ms > COM_MAX_WAIT_MS ? COM_MAX_WAIT_MS : timeout_ms;

	if (s->read_timeout == ms)
		return 0;
	/* MAXDWORD, MAXDWORD, N: return at once with the bytes waiting, else wait up to N ms for
	 * the first one and return with it. N = 0 would mean "block for ever" with this pair, so a
	 * zero timeout is the other documented form: interval MAXDWORD alone, "return at once". */
	to.ReadIntervalTimeout = MAXDWORD;
	to.ReadTotalTimeoutMultiplier = ms ? MAXDWORD : 0;
	to.ReadTotalTimeoutConstant = ms;
	to.WriteTotalTimeoutConstant = COM_WRITE_TIMEOUT_MS;
	if (!SetCommTimeouts(s->h, &to))
		return com_gone(s, "SetCommTimeouts", GetLastError());
	s->read_timeout = ms;
	return 0;
}

static int com_read(void *self, uint8_t *buf, size_t n, unsigned timeout_ms)
{
	struct com *s = self;
	DWORD got = 0;
	int rc;

	if (n > INT32_MAX)
		n = INT32_MAX;
	if ((rc = com_set_read_timeout(s, timeout_ms)))
		return rc;
	if (!ReadFile(s->h, buf, (DWORD)n, &got, NULL))
		return com_gone(s, "read", GetLastError());
	return (int)got; /* 0: the timeout passed with nothing */
}

static int com_write(void *self, const uint8_t *buf, size_t n)
{
	struct com *s = self;
	size_t done = 0;

	while (done < n) {
		/* Pieces of 64 KiB: each must get through within the write timeout even at USB
		 * full speed (about 1.2 MB/s), so a timeout means the phone stopped reading. */
		DWORD want = n - done > 65536 ? 65536 : (DWORD)(n - done), put = 0;

		if (!WriteFile(s->h, buf + done, want, &put, NULL))
			return com_gone(s, "write", GetLastError());
		if (!put)
			return mtkfw_seterr(MTKFW_ERR_TIMEOUT, "%s: the phone stopped taking data", s->path);
		done += put;
	}
	return 0;
}

static void com_close(void *self)
{
	struct com *s = self;

	if (!s)
		return;
	if (s->h != INVALID_HANDLE_VALUE)
		CloseHandle(s->h);
	free(s->path);
	free(s);
}

/* After a USB re-enumeration: the old port is dead; follow the phone to its new one
 * (reenum.c, which looks through SetupAPI) and carry on in this same transport. */
static int com_reopen(void *self, unsigned wait_ms, const struct mtkfw_port_search *where, mtkfw_ctx *ctx)
{
	struct com *s = self, *ns;
	mtkfw_transport *nt = NULL;
	HANDLE h;
	char *path;
	int rc;

	CloseHandle(s->h);
	s->h = INVALID_HANDLE_VALUE;
	/* A COM port has no device number: the old name counts once it was seen gone, or (1)
	 * when it stayed for a quarter of the wait (two seconds at most), as on POSIX. */
	if ((rc = mtkfwi_port_wait_back(&nt, s->path, 0, wait_ms, wait_ms / 4 < 2000 ? wait_ms / 4 : 2000, where,
					 ctx)) < 0)
		return rc;
	ns = nt->self;
	h = s->h, path = s->path;
	s->h = ns->h, s->path = ns->path, s->read_timeout = ns->read_timeout;
	ns->h = h, ns->path = path;
	mtkfw_transport_free(nt);
	return rc;
}

static const char *com_port(void *self)
{
	return ((struct com *)self)->path;
}

static const struct transport_ops com_ops = { "tty", com_read, com_write, com_close, com_reopen, com_port };

static int open_error(const char *path, DWORD e)
{
	switch (e) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_DEV_NOT_EXIST:
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "%s: no such port: power the phone off, hold Volume, then plug it in", path);
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_BUSY:
		/* COM ports are exclusive: "access denied" is another program holding it. */
		return mtkfw_seterr(MTKFW_ERR_IO,
				    "%s: port busy: another program holds it (SP Flash Tool, a terminal, a phone "
				    "suite); close it, then plug the phone in again", path);
	default:
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot open (Windows error %lu)", path, (unsigned long)e);
	}
}

/* "COM5" -> "\\.\COM5"; anything else is used as written. */
static wchar_t *device_name(const char *path)
{
	char buf[64];
	const char *p = path;

	if ((p[0] == 'C' || p[0] == 'c') && (p[1] == 'O' || p[1] == 'o') && (p[2] == 'M' || p[2] == 'm') &&
	    p[3] >= '0' && p[3] <= '9' && strspn(p + 3, "0123456789") == strlen(p + 3) && strlen(p) < 16) {
		snprintf(buf, sizeof(buf), "\\\\.\\%s", p);
		p = buf;
	}
	return mtkfw_win_wide(p);
}

int mtkfw_transport_open_tty(mtkfw_transport **out, const char *path)
{
	struct com *s;
	wchar_t *w;
	DCB dcb;
	int rc;

	if (!out || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "open tty: bad arguments");
	*out = NULL;
	s = mtkfw_calloc(1, sizeof(*s));
	if (!s)
		return MTKFW_ERR_NOMEM;
	s->h = INVALID_HANDLE_VALUE;
	s->read_timeout = MAXDWORD;
	s->path = mtkfw_strdup(path);
	if (!s->path || !(w = device_name(path))) {
		bool nomem = !s->path;

		com_close(s);
		return nomem ? MTKFW_ERR_NOMEM : mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a valid port name", path);
	}
	/* Share mode 0: exclusive use, so no other program steals bytes mid-protocol. */
	s->h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	free(w);
	if (s->h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();

		com_close(s);
		return open_error(path, e);
	}
	memset(&dcb, 0, sizeof(dcb));
	dcb.DCBlength = sizeof(dcb);
	if (!GetCommState(s->h, &dcb)) {
		DWORD e = GetLastError();

		com_close(s);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: not a serial port (Windows error %lu)", path, (unsigned long)e);
	}
	/* Raw 8N1, no flow control, no character translation: the protocol is binary. The baud
	 * rate means nothing to a USB CDC port; 921600 is what the BROM's host sets. DTR and RTS
	 * up, as a POSIX open leaves them. */
	dcb.BaudRate = 921600;
	dcb.ByteSize = 8;
	dcb.Parity = NOPARITY;
	dcb.StopBits = ONESTOPBIT;
	dcb.fBinary = TRUE;
	dcb.fParity = FALSE;
	dcb.fOutxCtsFlow = FALSE;
	dcb.fOutxDsrFlow = FALSE;
	dcb.fDtrControl = DTR_CONTROL_ENABLE;
	dcb.fDsrSensitivity = FALSE;
	dcb.fOutX = FALSE;
	dcb.fInX = FALSE;
	dcb.fErrorChar = FALSE;
	dcb.fNull = FALSE;
	dcb.fRtsControl = RTS_CONTROL_ENABLE;
	dcb.fAbortOnError = FALSE;
	if (!SetCommState(s->h, &dcb)) {
		DWORD e = GetLastError();

		com_close(s);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot set raw mode (Windows error %lu)", path, (unsigned long)e);
	}
	if ((rc = com_set_read_timeout(s, 0))) {
		com_close(s);
		return rc;
	}
	/* Stale bytes from before we opened belong to nobody. Never the transmit side: that
	 * would drop bytes we wrote that the phone has not read yet. */
	PurgeComm(s->h, PURGE_RXABORT | PURGE_RXCLEAR);
	return mtkfwi_transport_new(out, &com_ops, s, path);
}

/* A COM port opened with share mode 0 is already one program's alone, for every user and an
 * administrator too, which is what the lock files are for on POSIX; a second mtkfw gets the
 * "port busy" answer above (without a pid: Windows does not say who holds it). */
int mtkfw_transport_open_tty_ext(mtkfw_transport **out, const char *path, const struct mtkfw_tty_opts *opts)
{
	(void)opts;
	return mtkfw_transport_open_tty(out, path);
}
