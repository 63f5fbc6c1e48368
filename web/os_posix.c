/* The web's OS calls (os.h) that differ by system: POSIX (os_win32.c is the Windows side). */
#include "os.h"

#include "core/internal.h"

#include <mtkfw/error.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int web_random(uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return mtkfw_seterr(MTKFW_ERR_IO, "getrandom: %s", strerror(errno));
		}
		got += (size_t)r;
	}
	return 0;
}

int web_check_serial_port(const char *name)
{
	struct stat st;

	if (strncmp(name, "/dev/", 5) != 0 || stat(name, &st) != 0 || !S_ISCHR(st.st_mode))
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: not a serial port (a character device under /dev)", name);
	return 0;
}

char *web_temp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[PATH_MAX];

	snprintf(tmpl, sizeof(tmpl), "%s/mtkfw-web-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl)) {
		mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", tmpl, strerror(errno));
		return NULL;
	}
	return strdup(tmpl);
}

int web_open_browser(const char *url)
{
	char *argv[] = { "xdg-open", (char *)url, NULL };
	pid_t pid;
	int rc = posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ);

	if (rc != 0)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "xdg-open: %s (open %s yourself)", strerror(rc), url);
	return 0;
}

uint64_t web_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static volatile sig_atomic_t stop_asked;

static void on_stop_signal(int sig)
{
	stop_asked = 1;
	/* A second Ctrl-C ends the program at once. */
	signal(sig, SIG_DFL);
}

void web_stop_on_signals(void)
{
	signal(SIGINT, on_stop_signal);
	signal(SIGTERM, on_stop_signal);
}

void web_stop_signals_block(bool block)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

void web_wait_for_stop(int (*asked)(void))
{
	while (!stop_asked && !(asked && asked())) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
}
