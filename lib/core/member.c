/* Reading a member of a folder the user gave (core/file.h: mtkfw_read_member). */
#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

int mtkfw_read_member(const char *dir, const char *rel, size_t max, uint8_t **out, size_t *len)
{
	char root[PATH_MAX], real[PATH_MAX], *path;
	size_t rl;
	int rc;

	*out = NULL;
	*len = 0;
	if ((rc = mtkfw_path_under(dir, rel, &path)))
		return rc;
	if (!realpath(dir, root)) {
		rc = mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_INVALID, "%s: %s", dir, strerror(errno));
	} else if (!realpath(path, real)) {
		rc = mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_INVALID, "%s: %s", path, strerror(errno));
	} else {
		/* Where the name leads once every link is followed: a link may point anywhere
		 * inside the folder, never out of it (kernel -> /etc/shadow). */
		rl = strlen(root);
		if (strncmp(real, root, rl) != 0 || (real[rl] != '/' && strcmp(root, "/") != 0))
			rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: a symbolic link leads out of %s (to %s); refused", path, dir,
					  real);
		else
			rc = mtkfw_read_file(real, max, out, len);
	}
	free(path);
	return rc;
}
