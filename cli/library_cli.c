/* Where the firmware library is, for `mtkfw library` (library_cli.h). The default is the front
 * end's (mtkfw/frontend.h: $MTKFW_LIBRARY, else the data folder's library.sqlite). */
#include "library_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p: the data folder may not exist yet on a fresh account. */
static bool make_dirs(const struct cli_env *env, const char *path)
{
	char dir[4096];

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir)) {
		cli_error(env, "%s: path too long", path);
		return false;
	}
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		cli_error(env, "%s: %s", dir, strerror(errno));
		return false;
	}
	return true;
}

char *cli_library_path(const struct cli_env *env, const char *given, bool create)
{
	const struct mtkfw_defaults *d = &env->defaults;
	const char *file = given ? given : d->library_file;
	char *out;

	if (!file) {
		cli_usage_error(env, "no library given: use --db FILE (neither MTKFW_LIBRARY, XDG_DATA_HOME nor HOME is set)");
		return NULL;
	}
	/* The data folder's library: the folder is made on first use ($MTKFW_LIBRARY and --db name
	 * a file whose folder is the user's). */
	if (create && !given && d->data_dir && !strncmp(file, d->data_dir, strlen(d->data_dir)) &&
	    !make_dirs(env, d->data_dir))
		return NULL;
	if (!(out = strdup(file)))
		cli_error(env, "out of memory");
	return out;
}
