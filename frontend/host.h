/* The computer's name, the default shop of a shared library (defaults.c); each system's own
 * call in host_posix.c / host_win32.c. */
#ifndef MTKFW_FRONTEND_HOST_H
#define MTKFW_FRONTEND_HOST_H

#include <stddef.h>

/* The name in UTF-8 into buf (len bytes with its NUL): 0, or -1 when it has none or it is longer. */
int mtkfw_frontend_host(char *buf, size_t len);

#endif
