/* Pseudo-terminal for the virtual phone (see pty.h). */
#include "pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static int make_link(const char *link, const char *target, char *err, size_t errlen)
{
	struct stat st;
	char tmp[4096];

	/* Replace only a symlink: never clobber a real device node or file someone named. */
	if (lstat(link, &st) == 0 && !S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%s: exists and is not a symlink; not replacing it", link);
		return -1;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.tmp%ld", link, (long)getpid()) >= (int)sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", link);
		return -1;
	}
	unlink(tmp);
	if (symlink(target, tmp) != 0 || rename(tmp, link) != 0) {
		snprintf(err, errlen, "%s: %s", link, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int sim_pty_open(struct sim_pty *p, const char *link, char *err, size_t errlen)
{
	struct termios tio;
	const char *name;
	int sfd;

	p->link = link;
	p->fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->fd < 0 || grantpt(p->fd) != 0 || unlockpt(p->fd) != 0 || !(name = ptsname(p->fd))) {
		snprintf(err, errlen, "pseudo-terminal: %s", strerror(errno));
		if (p->fd >= 0)
			close(p->fd);
		p->fd = -1;
		return -1;
	}
	snprintf(p->path, sizeof(p->path), "%s", name);
	sfd = open(p->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (sfd >= 0) {
		if (tcgetattr(sfd, &tio) == 0) {
			cfmakeraw(&tio);
			tcsetattr(sfd, TCSANOW, &tio);
		}
		close(sfd);
	}
	fcntl(p->fd, F_SETFL, fcntl(p->fd, F_GETFL) | O_NONBLOCK);
	if (link && make_link(link, p->path, err, errlen) != 0) {
		close(p->fd);
		p->fd = -1;
		return -1;
	}
	return 0;
}

void sim_pty_close(struct sim_pty *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	if (p->link) {
		char buf[256];
		ssize_t n = readlink(p->link, buf, sizeof(buf) - 1);

		/* Remove the link only while it still points at our pty. */
		if (n > 0) {
			buf[n] = '\0';
			if (!strcmp(buf, p->path))
				unlink(p->link);
		}
	}
}

int sim_pty_replug(struct sim_pty *p, char *err, size_t errlen)
{
	int old = p->fd;
	int rc;

	/* The new pty opens while the old one is still held, so it gets another number: a host
	 * waiting for its port to come back sees a new device, never the old one lingering. */
	rc = sim_pty_open(p, p->link, err, errlen);
	close(old);
	return rc;
}
