/* Which paths a request may name (roots.h). */
#include "roots.h"

#include "os.h"

#include "core/file.h"
#include "core/internal.h"
#include "core/os.h"

#include <stdlib.h>
#include <string.h>

int web_roots_add(struct web_roots *r, const char *dir)
{
	char *real;

	if (r->count >= WEB_ROOTS_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %d roots", dir, WEB_ROOTS_MAX);
	if (!(real = web_realpath(dir)))
		return mtkfw_error_last()->code;
	if (!web_is_dir(real)) {
		free(real);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a folder", dir);
	}
	r->dirs[r->count++] = real;
	return 0;
}

void web_roots_clear(struct web_roots *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->dirs[i]);
	memset(r, 0, sizeof(*r));
}

bool web_path_inside(const char *path, const char *root)
{
	size_t n = strlen(root);

	if (strncmp(path, root, n) != 0)
		return false;
	/* A root that ends in its separator ("/", "C:\\") holds whatever begins with it. */
	return path[n] == '\0' || mtkfw_os_is_sep(path[n]) || (n && mtkfw_os_is_sep(root[n - 1]));
}

/* A ".." component or a control character anywhere: refused before any look at the disk. */
static bool hostile(const char *p)
{
	for (const char *s = p; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	for (const char *s = p; (s = strstr(s, "..")) != NULL; s += 2) {
		bool starts = s == p || s[-1] == '/' || s[-1] == '\\';
		bool ends = s[2] == '\0' || s[2] == '/' || s[2] == '\\';

		if (starts && ends)
			return true;
	}
	return false;
}

static int refuse(const char *path)
{
	return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: outside the folders mtkfw web may use (--root)", path);
}

/* realpath of the folder of a path that may not exist yet, plus its last name. */
static char *resolve_new(const char *joined)
{
	const char *slash = NULL;
	char *dir, *real, *out;
	size_t keep;

	for (const char *p = joined; *p; p++)
		if (mtkfw_os_is_sep(*p))
			slash = p;

	if (!slash || !slash[1] || !strcmp(slash + 1, "."))
		return web_realpath(joined);
	/* The folder keeps its separator when it is a root: "/", "C:\\" ("C:" alone would be that
	 * drive's current folder). */
	keep = (size_t)(slash - joined);
	if (keep == 0 || (keep == 2 && joined[1] == ':'))
		keep++;
	if (!(dir = mtkfw_strndup(joined, keep)))
		return NULL;
	real = web_realpath(dir);
	free(dir);
	if (!real)
		return NULL;
	out = mtkfw_path_join(real, slash + 1);
	free(real);
	return out;
}

int web_roots_resolve(const struct web_roots *r, const char *path, bool must_exist, char **out)
{
	char *joined = NULL, *real;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "an empty path");
	if (hostile(path))
		return refuse(path);
	if (r->count == 0)
		return refuse(path);
	if (mtkfw_os_is_absolute(path)) {
		joined = strdup(path);
	} else if ((rc = mtkfw_path_under(r->dirs[0], path, &joined)) != 0) {
		return refuse(path);
	}
	if (!joined)
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
	real = must_exist ? web_realpath(joined) : resolve_new(joined);
	if (!real) {
		/* "No such file" only inside a root: say nothing of what exists outside them. */
		bool inside = false;

		for (size_t i = 0; i < r->count && !inside; i++)
			inside = web_path_inside(joined, r->dirs[i]);
		rc = inside && mtkfw_error_last()->code == MTKFW_ERR_NOTFOUND
			     ? mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no such file or folder", path)
			     : refuse(path);
		free(joined);
		return rc;
	}
	free(joined);
	for (size_t i = 0; i < r->count; i++) {
		if (web_path_inside(real, r->dirs[i])) {
			*out = real;
			return 0;
		}
	}
	free(real);
	return refuse(path);
}
