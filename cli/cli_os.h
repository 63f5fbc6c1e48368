/*
 * The CLI's side of the OS seam: what a program must set up on its system before a command
 * runs. cli_os_posix.c and cli_os_win32.c; the build takes the one for its system.
 */
#ifndef MTKFW_CLI_OS_H
#define MTKFW_CLI_OS_H

/*
 * Called first in main(). POSIX: a closed pipe becomes EPIPE, not a kill. Windows: the
 * arguments become UTF-8 (from the wide command line), stdout and stderr binary (output
 * bytes equal Linux's) and UTF-8 on the console, colours asked of the console (NO_COLOR set
 * when it has none), and the default folders resolved: %LOCALAPPDATA% stands for
 * XDG_DATA_HOME and XDG_STATE_HOME, so backups, the journal and the library go to
 * %LOCALAPPDATA%\mtkfw\, and %USERPROFILE% for HOME (mtkfw web's default folder).
 */
void cli_os_init(int *argc, char ***argv);

/*
 * Send every request to stop to `on_stop` with the signal it stands for. POSIX: SIGINT (unless
 * ignored on entry, as shells expect of a background job) and SIGTERM, without SA_RESTART, and
 * unblocked. Windows: console control events from a thread of their own: Ctrl-C is SIGINT;
 * Ctrl-Break, closing the window, logoff and shutdown are SIGTERM. Windows ends the program
 * when the handler of a close returns, so that one calls `on_stop` a second time (the
 * at-once path: temporary files removed) when the work has not stopped within 3 seconds.
 * Calling it again installs nothing twice.
 */
void cli_os_catch_stop(void (*on_stop)(int sig));

#endif
