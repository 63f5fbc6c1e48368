/*
 * The phone's end of a pseudo-terminal: the master side, non-blocking, with the slave made
 * raw once before any host opens it (so nothing is echoed before the host configures it),
 * and an optional symlink such as /dev/ttyACM99 -> /dev/pts/N, which mtkclient's port
 * discovery needs (spec §1.3). The sim never keeps the slave open: a host closing it then
 * shows as a hang-up on the master, which is how a re-plug is detected.
 */
#ifndef MTKFW_SIM_PTY_H
#define MTKFW_SIM_PTY_H

#include <stddef.h>

struct sim_pty {
	int fd;              /* master */
	char path[256];      /* slave path, /dev/pts/N */
	const char *link;    /* symlink to maintain, or NULL */
};

int sim_pty_open(struct sim_pty *p, const char *link, char *err, size_t errlen);
void sim_pty_close(struct sim_pty *p);
/* Replace the pty with a fresh one under another number (a dropped link or a USB
 * re-enumeration: the host's handle dies). */
int sim_pty_replug(struct sim_pty *p, char *err, size_t errlen);

#endif
