/* Where the firmware library is, for `mtkfw library` and for `mtkfw device` (library_cli.h). The
 * library reads no environment: the folders are resolved here, once. */
#include "library_cli.h"

#include <mtkfw/catalog.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PRELOADER_MAX (8u << 20)

char *cli_library_path(const struct cli_env *env, const char *given, bool create)
{
	const char *env_db = getenv("MTKFW_LIBRARY"), *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char dir[4096], *out = NULL;

	if (given)
		return strdup(given);
	if (env_db && *env_db)
		return strdup(env_db);
	if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/mtkfw", xdg);
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.local/share/mtkfw", home);
	else {
		cli_usage_error(env, "no library given: use --db FILE (neither MTKFW_LIBRARY, XDG_DATA_HOME nor HOME is set)");
		return NULL;
	}
	if (create) {
		/* mkdir -p: the XDG folder may not exist yet on a fresh account. */
		for (char *p = dir + 1; *p; p++)
			if (*p == '/') {
				*p = '\0';
				mkdir(dir, 0755);
				*p = '/';
			}
		if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
			cli_error(env, "%s: %s", dir, strerror(errno));
			return NULL;
		}
	}
	if (asprintf(&out, "%s/library.sqlite", dir) < 0)
		return NULL;
	return out;
}

int cli_library_preloader(void *user, const uint8_t cid[16], uint8_t **buf, size_t *len, char **name)
{
	const struct cli_env *env = user;
	char *db = cli_library_path(env, NULL, false), *path = NULL;
	mtkfw_catalog *cat = NULL;
	uint64_t size = 0;
	FILE *f = NULL;
	int fd = -1, rc;

	*buf = NULL;
	*name = NULL;
	if (!db)
		return MTKFW_ERR_NOTFOUND;
	rc = mtkfw_catalog_open(&cat, db, 0);
	free(db);
	if (!rc)
		rc = mtkfw_catalog_find_preloader(&path, cat, cid);
	mtkfw_catalog_free(cat);
	if (rc)
		return rc == MTKFW_ERR_NOMEM ? rc : MTKFW_ERR_NOTFOUND;
	if (mtkfw_open_input(path, &fd, &size) == 0) {
		if (size <= PRELOADER_MAX && (f = fdopen(fd, "rb")) && (*buf = malloc(size ? (size_t)size : 1)) &&
		    fread(*buf, 1, (size_t)size, f) == size) {
			*len = (size_t)size;
			*name = path;
			fclose(f);
			return 0;
		}
		if (f)
			fclose(f);
		else
			close(fd);
	}
	free(*buf);
	*buf = NULL;
	free(path);
	return MTKFW_ERR_NOTFOUND;
}
