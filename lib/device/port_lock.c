/* Port locks (device/port_lock.h). */
#include "device/port_lock.h"
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* DIR/mtkfw-NAME.lock, NAME the port's real path with '/' as '-' ("dev-ttyACM0"), so that
 * two names of one port (a /dev/serial/by-id link) meet at one lock. */
static char *lock_path(const char *dir, const char *port)
{
	char real[PATH_MAX], *out, *o;
	const char *p = realpath(port, real) ? real : port;
	size_t k;

	while (*p == '/')
		p++;
	k = strlen(dir) + strlen(p) + 16;
	if (!(out = malloc(k))) {
		mtkfw_nomem();
		return NULL;
	}
	o = out + snprintf(out, k, "%s/mtkfw-", dir);
	for (; *p; p++)
		*o++ = *p == '/' ? '-' : *p;
	snprintf(o, k - (size_t)(o - out), ".lock");
	return out;
}

static int busy(const char *port, long pid)
{
	if (pid > 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: port busy: another mtkfw (pid %ld) is using it", port, pid);
	return mtkfw_seterr(MTKFW_ERR_IO, "%s: port busy: another program (another mtkfw?) holds a lock on it", port);
}

/* The pid a lock file records, 0 when it records none. */
static long holder(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;

	if (n <= 0)
		return 0;
	buf[n] = 0;
	pid = strtol(buf, NULL, 10);
	return pid > 0 ? pid : 0;
}

int mtkfwi_port_lock_file(const char *dir, const char *port, int *fd)
{
	char *path, line[32];
	int f, n;

	*fd = -1;
	if (!dir || !*dir)
		return 0;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return 0; /* no lock folder: the tty's own lock still guards */
	if (!(path = lock_path(dir, port)))
		return MTKFW_ERR_NOMEM;
	f = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	free(path);
	if (f < 0)
		return 0;
	if (flock(f, LOCK_EX | LOCK_NB) != 0) {
		long pid = errno == EWOULDBLOCK ? holder(f) : 0;
		int e = errno;

		close(f);
		return e == EWOULDBLOCK ? busy(port, pid) : 0;
	}
	/* Ours now: say who holds it, for the next one's message. */
	n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	if (ftruncate(f, 0) != 0 || pwrite(f, line, (size_t)n, 0) != n) {
		/* The lock holds without the pid; the message will only lack it. */
	}
	*fd = f;
	return 0;
}

int mtkfwi_port_lock_tty(int tty_fd, const char *port)
{
	if (flock(tty_fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK)
		return 0; /* taken, or a port that knows no flock: TIOCEXCL still guards */
	/* Someone holds the tty itself while our lock file was free: a process with another
	 * lock folder (another user's mtkfw) or another program; no pid to name. */
	return busy(port, 0);
}
