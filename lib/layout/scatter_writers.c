/*
 * Scatters that readback tools write. Their `project` names the tool, not a firmware build:
 * MTK Droid Tools writes "MTDTtest" into every scatter it generates from a phone, and mtkfw's own
 * scatter of a phone's PMT (which names no project) says "unknown". Such a project says nothing
 * about the board, so no rule compares it with the preloader's.
 */
#include "layout/layout_internal.h"

#include <strings.h>

static const struct mtkfw_scatter_writer writers[] = {
	{ "MTDTtest", "MTK Droid Tools" },
	{ "unknown", "mtkfw device readback --all (a phone's PMT names no project)" },
};

const struct mtkfw_scatter_writer *mtkfw_scatter_writers(size_t *count)
{
	*count = sizeof(writers) / sizeof(writers[0]);
	return writers;
}

const char *mtkfw_scatter_readback_tool(const mtkfw_layout *l)
{
	for (size_t i = 0; l && l->project && i < sizeof(writers) / sizeof(writers[0]); i++)
		if (!strcasecmp(l->project, writers[i].project))
			return writers[i].tool;
	return NULL;
}
