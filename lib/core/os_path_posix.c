/* The OS seam's path rules on POSIX systems (os.h): '/' is the one separator, and every
 * other byte may name a file. */
#include "core/os.h"

#include <stddef.h>

bool mtkfw_os_is_sep(char c)
{
	return c == '/';
}

bool mtkfw_os_is_absolute(const char *path)
{
	return path[0] == '/';
}

const char *mtkfw_os_member_refused(const char *rel)
{
	(void)rel;
	return NULL;
}
