/* The CLI's start-up on POSIX systems (cli_os.h). */
#include "cli_os.h"

#include <signal.h>
#include <string.h>

void cli_os_init(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A closed pipe (mtkfw info x | head) must be a write error we report, not a kill. */
	signal(SIGPIPE, SIG_IGN);
	/* A file-size limit (ulimit -f) makes a write fail with EFBIG, reported like a full disk,
	 * instead of killing the program with a half-written temporary file. */
	signal(SIGXFSZ, SIG_IGN);
}

void cli_os_catch_stop(void (*on_stop)(int sig))
{
	struct sigaction sa, old;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a wait on the phone's port returns (EINTR) and is retried by the
	 * transport, which then meets the flag at the next packet. */
	sigaction(SIGTERM, &sa, NULL);
	/* A SIGINT ignored on entry (a background job of a script) stays ignored, as shells
	 * expect of every program. */
	if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(SIGINT, &sa, NULL);
	/* Handled now, so deliverable: one that came while the caller blocked it is seen at
	 * once, and the command stops before it starts. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}
