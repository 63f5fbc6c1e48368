/*
 * The Windows build's environment in UTF-8, in front of every front-end source (cli/, frontend/):
 * the CRT's narrow environment is in the ANSI code page, where %LOCALAPPDATA% under a
 * user name like "Дмитрий" has no spelling. The library reads no environment, so only the front
 * ends need this (frontend/CMakeLists.txt adds it for whatever links mtkfw_frontend).
 */
#ifndef MTKFW_FRONTEND_ENV_WIN32_H
#define MTKFW_FRONTEND_ENV_WIN32_H

#ifndef _WIN32
#error "env_win32.h is for the Windows build only"
#endif

#include <stdlib.h>

/* Values handed out stay valid for the whole run, as the CRT's do. */
#define getenv(n) mtkfw_frontend_getenv(n)
char *mtkfw_frontend_getenv(const char *name);

#endif
