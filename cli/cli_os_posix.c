/* The CLI's start-up on POSIX systems (cli_os.h). */
#include "cli_os.h"

#include <signal.h>

void cli_os_init(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A closed pipe (mtkfw info x | head) must be a write error we report, not a kill. */
	signal(SIGPIPE, SIG_IGN);
}
