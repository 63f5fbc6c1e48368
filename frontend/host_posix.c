/* The host name (host.h). */
#include "host.h"

#include <string.h>
#include <unistd.h>

int mtkfw_frontend_host(char *buf, size_t len)
{
	if (len < 2 || gethostname(buf, len) != 0)
		return -1;
	/* POSIX leaves a truncated name without its NUL. */
	if (!memchr(buf, '\0', len) || !buf[0])
		return -1;
	return 0;
}
