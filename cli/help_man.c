/*
 * `mtkfw help COMMAND`: the command's manual page, also before `make install` (when `man
 * mtkfw-COMMAND` cannot find it yet). The page is looked for beside the running program
 * (PREFIX/bin/mtkfw -> PREFIX/share/man/man1) and in the source tree the program was built
 * from; on a terminal it is shown with man -l, otherwise the options are printed with the line
 * that shows the page.
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MTKFW_SOURCE_DIR
#define MTKFW_SOURCE_DIR ""
#endif
#ifndef MTKFW_INSTALL_MANDIR
#define MTKFW_INSTALL_MANDIR "share/man"
#endif

/* The page of `cmd` as a readable path in `out`, or false. */
static bool find_page(const struct cli_command *cmd, char *out, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (MTKFW_INSTALL_MANDIR[0] == '/') {
		/* An absolute man folder chosen at configure time. */
		if (snprintf(out, size, "%s/man1/mtkfw-%s.1", MTKFW_INSTALL_MANDIR, cmd->name) < (int)size &&
		    access(out, R_OK) == 0)
			return true;
	} else if (n > 0) {
		char *slash;

		exe[n] = '\0';
		/* PREFIX/bin/mtkfw: up two levels to PREFIX. */
		for (int up = 0; up < 2 && (slash = strrchr(exe, '/')); up++)
			*slash = '\0';
		if (snprintf(out, size, "%s/%s/man1/mtkfw-%s.1", exe, MTKFW_INSTALL_MANDIR, cmd->name) < (int)size &&
		    access(out, R_OK) == 0)
			return true;
	}
	if (*MTKFW_SOURCE_DIR &&
	    snprintf(out, size, "%s/docs/man/mtkfw-%s.1", MTKFW_SOURCE_DIR, cmd->name) < (int)size &&
	    access(out, R_OK) == 0)
		return true;
	return false;
}

int cli_help_man(const struct cli_command *cmd, const struct cli_env *env)
{
	char page[PATH_MAX + 64];
	bool found = find_page(cmd, page, sizeof(page));

	if (found && env->stdout_tty) {
		fflush(stdout);
		execlp("man", "man", "-l", page, (char *)NULL);
		/* No man: the options and the path below still help. */
	}
	cli_usage(cmd, stdout, true);
	if (found)
		printf("\nThe manual: man -l %s\n", page);
	return EXIT_DONE;
}
