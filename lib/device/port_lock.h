/*
 * One phone, one mtkfw: TIOCEXCL keeps other users off an open port, but not root, and two
 * root processes on one port corrupt each other's protocol and blame the cable. So the port is
 * also locked with flock (on the tty itself: any process, any lock folder) and through a lock
 * file named after the port in the caller's runtime folder, which also records who holds it.
 * Both are advisory and vanish with the process.
 */
#ifndef MTKFW_DEVICE_PORT_LOCK_H
#define MTKFW_DEVICE_PORT_LOCK_H

/* Take the lock file for `port` in `dir` (made if missing; NULL or "": none). *fd is the held
 * lock (-1: none taken, e.g. a folder we may not write: the tty lock still guards). Held by
 * another process: MTKFW_ERR_IO "PORT: port busy: another mtkfw (pid N) is using it", before
 * the port is even opened. */
int mtkfwi_port_lock_file(const char *dir, const char *port, int *fd);

/* flock the open tty `tty_fd`. Held by another process: the same error, without a pid. */
int mtkfwi_port_lock_tty(int tty_fd, const char *port);

#endif
