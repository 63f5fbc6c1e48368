/* fnmatch(3) for the Windows build, which mingw's C library lacks (lib/core/fnmatch_win32.c). */
#ifndef MTKFW_COMPAT_FNMATCH_H
#define MTKFW_COMPAT_FNMATCH_H

#define FNM_NOMATCH 1

/* Flags 0 only: '*' and '?' also match '/' and a leading '.', and '\' quotes the next byte. */
int fnmatch(const char *pattern, const char *string, int flags);

#endif
