/* Name lists of a port's plan (ramdisk board files, system matches): mtkfw_names, appended to. */
#include "core/internal.h"
#include "port/port_internal.h"

int mtkfwi_port_names_add(struct mtkfw_names *n, const char *s)
{
	char **v = mtkfw_reallocarray(n->names, n->count + 1, sizeof(*v));

	if (!v)
		return MTKFW_ERR_NOMEM;
	n->names = v;
	if (!(v[n->count] = mtkfw_strdup(s)))
		return MTKFW_ERR_NOMEM;
	n->count++;
	return 0;
}

bool mtkfwi_port_names_have(const struct mtkfw_names *n, const char *s)
{
	for (size_t i = 0; i < n->count; i++)
		if (!strcmp(n->names[i], s))
			return true;
	return false;
}
