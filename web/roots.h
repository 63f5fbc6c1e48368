/*
 * The folders mtkfw web may read and write in: the --root folders (default the user's home)
 * and the library's paths. Every path a request names is resolved here: no ".." component,
 * relative names taken under the first root, links resolved (realpath), and the result must
 * lie inside one of the roots. What a page sends can never reach a file outside them.
 */
#ifndef MTKFW_WEB_ROOTS_H
#define MTKFW_WEB_ROOTS_H

#include <stdbool.h>
#include <stddef.h>

#define WEB_ROOTS_MAX 32

struct web_roots {
	char *dirs[WEB_ROOTS_MAX]; /* canonical (realpath) folders */
	size_t count;
};

/* Add a folder (it must exist); mtkfw status. */
int web_roots_add(struct web_roots *r, const char *dir);
void web_roots_clear(struct web_roots *r);

/* Is canonical `path` inside (or equal to) canonical folder `root`? */
bool web_path_inside(const char *path, const char *root);

/*
 * Resolve `path` from a request: `*out` the canonical path (malloc'd) when it lies under a root.
 * With `must_exist` false the last component may be new (an output), its folder must exist.
 * REFUSED for a ".." component, a control character or a place outside the roots; NOTFOUND
 * when it does not exist; INVALID when empty.
 */
int web_roots_resolve(const struct web_roots *r, const char *path, bool must_exist, char **out);

#endif
