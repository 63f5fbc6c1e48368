/*
 * getenv in UTF-8 for the Windows build's front ends (env_win32.h). Self-contained: the front
 * ends' helper reaches nothing of the library, so the wide/UTF-8 turns are done here with
 * Windows' own two calls.
 */
#include "env_win32.h"

#include <string.h>
#include <windows.h>

#undef getenv

/* Kept for the whole run, as the CRT's values are: one entry per name and value handed out. */
struct env_value {
	struct env_value *next;
	char *name, *value;
};
static struct env_value *env_values;

static wchar_t *wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	wchar_t *w = n > 0 ? malloc((size_t)n * sizeof(*w)) : NULL;

	if (w && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
		free(w);
		w = NULL;
	}
	return w;
}

static char *utf8(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	char *s = n > 0 ? malloc((size_t)n) : NULL;

	if (s && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) {
		free(s);
		s = NULL;
	}
	return s;
}

char *mtkfw_frontend_getenv(const char *name)
{
	wchar_t *w = wide(name);
	const wchar_t *v = w ? _wgetenv(w) : NULL;
	struct env_value *e;
	char *u;

	free(w);
	if (!v || !(u = utf8(v)))
		return NULL;
	for (e = env_values; e; e = e->next)
		if (!strcmp(e->name, name) && !strcmp(e->value, u)) {
			free(u);
			return e->value;
		}
	if (!(e = calloc(1, sizeof(*e))) || !(e->name = strdup(name))) {
		free(e);
		free(u);
		return NULL;
	}
	e->value = u;
	e->next = env_values;
	env_values = e;
	return u;
}
