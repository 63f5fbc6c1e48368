/* The modem's text renderer, and its JSON (the library's) as a value to put into a document. */
#include "modem_text.h"

#include <stdlib.h>

static void line(const char *key, const char *value)
{
	if (value && *value)
		printf("  %-22s %s\n", key, value);
}

void cli_modem_text(const struct mtkfw_modem *m)
{
	const char *tn = mtkfw_modem_type_name(m->image_type);

	line("kind", mtkfw_modem_kind_name(m->kind));
	line("target", m->target);
	line("project", m->project);
	line("flavor", m->flavor);
	line("verno", m->verno);
	line("custom_verno", m->custom_verno);
	line("branch", m->branch);
	line("platform", m->platform);
	if (m->image_type)
		printf("  %-22s %u (%s)\n", "image_type", m->image_type, tn ? tn : "unknown");
	line("build_time", m->build_time);
	line("build_version", m->build_version);
	if (m->kind == MTKFW_MODEM_IMAGE) {
		printf("  %-22s %u\n", "header_version", m->header_version);
		printf("  %-22s %u (%s)\n", "product_version", m->product_version,
		       m->product_version == 1 ? "debug" : m->product_version == 2 ? "release" : "unknown");
		printf("  %-22s 0x%x\n", "mem_size", m->mem_size);
		printf("  %-22s %u\n", "image_size", m->image_size);
		printf("  %-22s %u\n", "header_size", m->header_size);
	}
	if (m->mddb.count) {
		printf("  %-22s", "mddb");
		for (size_t i = 0; i < m->mddb.count; i++)
			printf("%s%s\n", i ? "                         " : " ", m->mddb.names[i]);
	}
}
