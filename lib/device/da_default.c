/*
 * Where the DA comes from when the caller names none.
 */
#include "core/internal.h"

#include <mtkfw/device.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int mtkfw_da_default_path(char **out)
{
	const char *env = getenv("MTKFW_DA"), *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char path[4096];

	if (!out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "DA path: bad arguments");
	*out = NULL;
	if (env && *env) {
		*out = mtkfw_strdup(env);
		return *out ? 0 : MTKFW_ERR_NOMEM;
	}
	if (xdg && *xdg)
		snprintf(path, sizeof(path), "%s/mtkfw/MTK_AllInOne_DA.bin", xdg);
	else if (home && *home)
		snprintf(path, sizeof(path), "%s/.local/share/mtkfw/MTK_AllInOne_DA.bin", home);
	else
		path[0] = 0;
	if (path[0] && access(path, R_OK) == 0) {
		*out = mtkfw_strdup(path);
		return *out ? 0 : MTKFW_ERR_NOMEM;
	}
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
			    "no download agent: pass --da FILE, set MTKFW_DA, or put MTK_AllInOne_DA.bin in %s "
			    "(technicians find it in the SP Flash Tool folder)",
			    path[0] ? path : "$XDG_DATA_HOME/mtkfw/");
}
