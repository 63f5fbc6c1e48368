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
 * %LOCALAPPDATA%\mtkfw\.
 */
void cli_os_init(int *argc, char ***argv);

#endif
