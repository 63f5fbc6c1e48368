/*
 * LD_PRELOAD shim for running mtkclient against a pty (spec §1.3): pyserial calls
 * tcflush(TCOFLUSH) after every write, and on a Linux pty that discards bytes the host has
 * just written but the sim has not read yet. On real cdc-acm hardware TCOFLUSH does nothing
 * useful, so making it a no-op changes no protocol byte.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <termios.h>

int tcflush(int fd, int queue)
{
	int (*real)(int, int);

	if (queue == TCOFLUSH)
		return 0;
	real = (int (*)(int, int))dlsym(RTLD_NEXT, "tcflush");
	return real ? real(fd, queue) : -1;
}
