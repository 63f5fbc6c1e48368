/* Comma lists of partition names (--only, --skip, restore's items): one reading of them for
 * every command, ignoring case as the contract says. */
#include "core/internal.h"

#include <mtkfw/device.h>

#include <stdio.h>
#include <strings.h>

bool mtkfw_name_in_list(const char *list, const char *name)
{
	size_t n = name ? strlen(name) : 0;

	/* Whole words compared, not cut to a buffer: "NVRAMX" never matches "NVRAM". */
	for (const char *p = list; name && p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);

		if (k == n && !strncasecmp(p, name, n))
			return true;
		p += k + (c ? 1 : 0);
	}
	return false;
}

bool mtkfw_name_next(const char **p, char *name, size_t size)
{
	const char *c;
	size_t k;

	if (!p || !*p || !**p || !size)
		return false;
	c = strchr(*p, ',');
	k = c ? (size_t)(c - *p) : strlen(*p);
	snprintf(name, size, "%.*s", (int)(k < size ? k : size - 1), *p);
	*p += k + (c ? 1 : 0);
	return true;
}
