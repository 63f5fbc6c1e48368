/*
 * The few operating-system calls mtkfw web needs beyond C11 and libmicrohttpd. os.c has those
 * lib/core's OS seam makes the same everywhere (folders, paths, the listen address); the rest
 * differ by system: os_posix.c, os_win32.c (the build takes the one for its system).
 */
#ifndef MTKFW_WEB_OS_H
#define MTKFW_WEB_OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web.h" /* web_open_browser */

/* `n` bytes from the system's random source (getrandom; BCryptGenRandom); mtkfw status. */
int web_random(uint8_t *buf, size_t n);

/* The canonical absolute form of an existing path (links resolved); malloc'd, or NULL with
 * the error set (NOTFOUND when it does not exist). */
char *web_realpath(const char *path);

/* Is `path` an existing folder? */
bool web_is_dir(const char *path);
/* 0 when `name` is a serial port, never a file (a job writes the phone's protocol to it): a
 * character device under /dev on POSIX, COMn or \\.\COMn on Windows; else REFUSED. */
int web_check_serial_port(const char *name);

/* One entry of a folder listing: its name, whether it is a folder, its size. */
struct web_dirent {
	const char *name;
	bool dir;
	uint64_t size;
};
/* Call `each` for every entry of `dir` except "." and ".."; stops at a non-zero return, which is
 * returned. At most `max` entries; mtkfw status. */
int web_list_dir(const char *dir, size_t max, int (*each)(const struct web_dirent *e, void *user), void *user);

/* A private folder for the server's temporary files (an uploaded log); malloc'd. */
char *web_temp_dir(void);
/* Remove that folder and the files in it (one level). */
void web_temp_dir_remove(const char *dir);

/* A loopback address to listen on, from "127.0.0.1:PORT" (any 127.x.y.z) or "[::1]:PORT". */
struct web_listen {
	unsigned char addr[128]; /* the socket address (struct sockaddr_in or _in6), for the server */
	bool v6;
	char host[64];           /* as it goes in a URL: "127.0.0.1" or "[::1]" */
	unsigned port;           /* 0: any free port */
};
/* REFUSED for an address that is not loopback, INVALID for anything else malformed. */
int web_parse_listen(const char *text, struct web_listen *out);

/* Milliseconds of a monotonic clock. */
uint64_t web_now_ms(void);

/* A folder and its parents, private (0700) as mtkfw's other folders; 0 when it exists after. */
int web_make_dirs(const char *path);
/* Does `path` exist (any kind of file)? */
bool web_exists(const char *path);

/* Ctrl-C (and a termination request). POSIX: web_stop_on_signals installs the handler, after
 * which web_wait_for_stop returns once one came; a second one ends the program at once.
 * web_stop_signals_block(true) keeps them from the calling thread and the threads it starts
 * (so a connection or a job is never interrupted mid-call), false gives them back.
 * Windows: a console control event runs its handler on a thread of its own, interrupting no
 * call, and the program's handler is already installed (cli_os_catch_stop): the first two do
 * nothing and web_wait_for_stop returns once `asked` (the program's "was a stop asked?",
 * also heard on POSIX; may be NULL) says so. */
void web_stop_on_signals(void);
void web_stop_signals_block(bool block);
void web_wait_for_stop(int (*asked)(void));

#endif
