/* Finding the scatter file of a package folder. */
#include "layout/layout_internal.h"

#include "core/file.h"
#include "core/internal.h"

#include <dirent.h>
#include <errno.h>
#include <strings.h>

/* 2 for "*_Android_scatter*.txt", 1 for another "*scatter*.txt", 0 otherwise. An OTA scatter
 * ranks below any other: SP Flash Tool is given the full one. */
static int rank(const char *n)
{
	size_t len = strlen(n);

	if (len < 4 || strcasecmp(n + len - 4, ".txt") != 0 || !strcasestr(n, "scatter"))
		return 0;
	if (strcasestr(n, "ota_scatter"))
		return 1;
	return strcasestr(n, "_Android_scatter") ? 3 : 2;
}

int mtkfw_scatter_find(const char *dir, char **out)
{
	DIR *d;
	struct dirent *e;
	char *best = NULL;
	int best_rank = 0;

	*out = NULL;
	if (!(d = opendir(dir)))
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		int r = rank(e->d_name);

		if (!r || r < best_rank || (r == best_rank && best && strcmp(e->d_name, best) >= 0))
			continue;
		free(best);
		if (!(best = mtkfw_strdup(e->d_name))) {
			closedir(d);
			return MTKFW_ERR_NOMEM;
		}
		best_rank = r;
	}
	closedir(d);
	if (!best)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no scatter file (*_Android_scatter*.txt) in this folder", dir);
	*out = mtkfw_path_join(dir, best);
	free(best);
	return *out ? 0 : mtkfw_nomem();
}
