/* Finding the scatter file of a package folder: the one rule every command uses (check,
 * checksum, profile, compat and flash open a folder through it). */
#include "layout/layout_internal.h"

#include "core/file.h"
#include "core/internal.h"

#include <dirent.h>
#include <errno.h>
#include <strings.h>
#include <sys/stat.h>

/* 3 for "*_Android_scatter*.txt", 2 for another "*scatter*.txt", 1 for an OTA scatter, 0 for
 * any other name. An OTA scatter ranks below any other: SP Flash Tool is given the full one. */
static int rank(const char *n)
{
	size_t len = strlen(n);

	if (len < 4 || strcasecmp(n + len - 4, ".txt") != 0 || !strcasestr(n, "scatter"))
		return 0;
	if (strcasestr(n, "ota_scatter"))
		return 1;
	return strcasestr(n, "_Android_scatter") ? 3 : 2;
}

/* `a` is a better pick than `b` of the same rank: the shorter name ("MT6572_Android_scatter.txt"
 * before "MT6572_Android_scatter - Copy.txt", a copy Windows makes beside it), then the first
 * by name, so every run and every command picks the same file. */
static bool better(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	return na != nb ? na < nb : strcmp(a, b) < 0;
}

int mtkfw_scatter_find(char **out, const char *dir)
{
	DIR *d;
	struct dirent *e;
	char *best = NULL;
	int best_rank = 0, rc = 0;

	*out = NULL;
	if (!(d = opendir(dir)))
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		int r = rank(e->d_name);
		struct stat st;
		char *path;

		if (!r || r < best_rank || (r == best_rank && best && !better(e->d_name, best)))
			continue;
		/* A folder named like a scatter is not one. */
		if (!(path = mtkfw_path_join(dir, e->d_name))) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		r = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? r : 0;
		free(path);
		if (!r)
			continue;
		free(best);
		if (!(best = mtkfw_strdup(e->d_name))) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		best_rank = r;
	}
	closedir(d);
	if (rc) {
		free(best);
		return rc;
	}
	if (!best)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no scatter file (*scatter*.txt) in this folder", dir);
	*out = mtkfw_path_join(dir, best);
	free(best);
	return *out ? 0 : mtkfw_nomem();
}
