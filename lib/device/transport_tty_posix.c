/*
 * The serial transport on POSIX: a tty (a USB CDC-ACM port or a pty) in raw mode. The generic
 * layer above it is transport_core.c; Windows' COM ports are transport_tty_win32.c.
 */
#include "device/transport.h"
#include "device/reenum.h"
#include "device/port_lock.h"
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

/* ---- tty ---- */

struct tty {
	int fd;
	char *path;
	char *lock_dir; /* where the port's lock file goes (NULL: none) */
	int lock_fd;    /* the lock file held, -1: none */
};

/* A write that makes no progress for this long means the port is stuck (the phone is gone). */
#define TTY_WRITE_TIMEOUT_MS 5000

static int tty_read(void *self, uint8_t *buf, size_t n, unsigned timeout_ms)
{
	struct tty *s = self;

	/* The count comes back as an int. */
	if (n > INT32_MAX)
		n = INT32_MAX;
	/* Read first, poll only when nothing is waiting: during a transfer bytes nearly always
	 * are, and a tty's poll waits for the kernel's buffer worker (a context switch per 4 KiB
	 * read on a pty). With VMIN 0 an empty port reads 0 like a closed one; only a 0 right
	 * after poll said "readable" means the port is gone. */
	for (bool polled = false;; ) {
		ssize_t r = read(s->fd, buf, n);
		struct pollfd pfd = { s->fd, POLLIN, 0 };
		int pr;

		if (r > 0)
			return (int)r;
		if (r < 0 && errno == EINTR)
			continue;
		if ((r == 0 && polled) || (r < 0 && errno != EAGAIN))
			/* EOF or EIO: the phone was unplugged or rebooted. */
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: the port went away (%s); was the phone unplugged?",
					    s->path, r == 0 ? "end of file" : strerror(errno));
		/* Every wait ends: a huge timeout must not become poll's "forever" (-1). */
		pr = poll(&pfd, 1, timeout_ms > 3600000u ? 3600000 : (int)timeout_ms);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr < 0)
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: poll: %s", s->path, strerror(errno));
		if (pr == 0)
			return 0;
		polled = true;
	}
}

static int tty_write(void *self, const uint8_t *buf, size_t n)
{
	struct tty *s = self;
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(s->fd, buf + done, n - done);

		if (w > 0) {
			done += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			struct pollfd pfd = { s->fd, POLLOUT, 0 };
			int pr = poll(&pfd, 1, TTY_WRITE_TIMEOUT_MS);

			if (pr == 0)
				return mtkfw_seterr(MTKFW_ERR_TIMEOUT, "%s: the phone stopped taking data", s->path);
			if (pr < 0 && errno != EINTR)
				return mtkfw_seterr(MTKFW_ERR_IO, "%s: poll: %s", s->path, strerror(errno));
			continue;
		}
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: write: %s", s->path, w < 0 ? strerror(errno) : "no progress");
	}
	return 0;
}

static void tty_close(void *self)
{
	struct tty *s = self;

	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	free(s->path);
	free(s->lock_dir);
	free(s);
}

/* After a USB re-enumeration: the old port is dead; follow the phone to its new one
 * (reenum.c) and carry on in this same transport, so wrappers around it see nothing. */
static int tty_reopen(void *self, unsigned wait_ms, const struct mtkfw_port_search *where, mtkfw_ctx *ctx)
{
	struct tty *s = self, *ns;
	mtkfw_transport *nt = NULL;
	struct stat st;
	dev_t old = fstat(s->fd, &st) == 0 ? st.st_rdev : 0;
	int fd;
	char *path;
	int rc, lrc = 0;

	close(s->fd);
	s->fd = -1;
	/* The old port's lock goes with it: its name is free once the phone leaves the bus, and
	 * another phone plugged in meanwhile may get it (a bench of phones, or ptys reused at
	 * once); keeping the lock would call that phone busy with us. The new port is locked
	 * below, and its tty's own flock keeps a second mtkfw off it should one get there first. */
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	s->lock_fd = -1;
	/* A phone leaves the bus within milliseconds of its ACK; one whose port is still the same
	 * device after a quarter of the wait (two seconds at most) has stayed. */
	if ((rc = mtkfwi_port_wait_back(&nt, s->path, old, wait_ms, wait_ms / 4 < 2000 ? wait_ms / 4 : 2000, where,
					 ctx)) < 0)
		return rc;
	ns = nt->self;
	if ((lrc = mtkfwi_port_lock_file(s->lock_dir, ns->path, &ns->lock_fd)) == 0) {
		s->lock_fd = ns->lock_fd;
		ns->lock_fd = -1;
		lrc = mtkfwi_port_lock_tty(ns->fd, ns->path);
	}
	if (lrc) {
		mtkfw_transport_free(nt);
		return lrc;
	}
	fd = s->fd, path = s->path;
	s->fd = ns->fd, s->path = ns->path;
	ns->fd = fd, ns->path = path;
	mtkfw_transport_free(nt);
	return rc;
}

static const char *tty_port(void *self)
{
	return ((struct tty *)self)->path;
}

static const struct transport_ops tty_ops = { "tty", tty_read, tty_write, tty_close, tty_reopen, tty_port };

static int open_error(const char *path, int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "%s: no such port: power the phone off, hold Volume, then plug it in", path);
	case EACCES:
	case EPERM:
		return mtkfw_seterr(MTKFW_ERR_IO,
				    "%s: permission denied: install mtkfw's udev rule (docs/udev/52-mtkfw.rules: "
				    "ATTR{idVendor}==\"0e8d\", GROUP=\"plugdev\", ENV{ID_MM_DEVICE_IGNORE}=\"1\") "
				    "or join the dialout group, then plug the phone in again", path);
	case EBUSY:
		return mtkfw_seterr(MTKFW_ERR_IO,
				    "%s: port busy: another program holds it; ModemManager probes MediaTek "
				    "ports (stop it, or set ENV{ID_MM_DEVICE_IGNORE}=\"1\" in a udev rule)", path);
	default:
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(err));
	}
}

int mtkfw_transport_open_tty(mtkfw_transport **out, const char *path)
{
	return mtkfw_transport_open_tty_ext(out, path, NULL);
}

int mtkfw_transport_open_tty_ext(mtkfw_transport **out, const char *path, const struct mtkfw_tty_opts *opts)
{
	struct tty *s;
	struct termios tio;
	int rc;

	if (!out || !path || (opts && opts->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "open tty: bad arguments");
	*out = NULL;
	s = mtkfw_calloc(1, sizeof(*s));
	if (!s)
		return MTKFW_ERR_NOMEM;
	s->fd = s->lock_fd = -1;
	if (opts && opts->lock_dir && !(s->lock_dir = mtkfw_strdup(opts->lock_dir))) {
		tty_close(s);
		return MTKFW_ERR_NOMEM;
	}
	/* Another mtkfw on this port is found before the port is opened: not a byte is sent. */
	if ((rc = mtkfwi_port_lock_file(s->lock_dir, path, &s->lock_fd))) {
		tty_close(s);
		return rc;
	}
	s->path = mtkfw_strdup(path);
	s->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (!s->path || s->fd < 0) {
		int err = errno;
		bool nomem = !s->path;

		tty_close(s);
		return nomem ? MTKFW_ERR_NOMEM : open_error(path, err);
	}
	/* Exclusive use: a second opener (ModemManager) would steal bytes mid-protocol. */
	if (ioctl(s->fd, TIOCEXCL) != 0 && errno != ENOTTY) {
		int err = errno;

		tty_close(s);
		return open_error(path, err);
	}
	/* TIOCEXCL does not stop root: two root processes on one port are stopped here. */
	if ((rc = mtkfwi_port_lock_tty(s->fd, path))) {
		tty_close(s);
		return rc;
	}
	if (tcgetattr(s->fd, &tio) != 0) {
		int err = errno;

		tty_close(s);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: not a serial port (%s)", path, strerror(err));
	}
	/* Raw 8N1, no flow control: the protocol is binary and any translation corrupts it.
	 * The baud rate means nothing to CDC-ACM or a pty; 921600 is what the BROM's host sets. */
	cfmakeraw(&tio);
	tio.c_cflag |= CLOCAL | CREAD;
	tio.c_cflag &= ~(tcflag_t)CRTSCTS;
	tio.c_cc[VMIN] = 0;
	tio.c_cc[VTIME] = 0;
	cfsetispeed(&tio, B921600);
	cfsetospeed(&tio, B921600);
	if (tcsetattr(s->fd, TCSANOW, &tio) != 0) {
		int err = errno;

		tty_close(s);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot set raw mode (%s)", path, strerror(err));
	}
	/* Stale bytes from before we opened belong to nobody. Never TCOFLUSH: on a pty it drops
	 * bytes we wrote that the other side has not read yet. */
	tcflush(s->fd, TCIFLUSH);
	return mtkfwi_transport_new(out, &tty_ops, s, path);
}
