/*
 * Fuzz harness for mtkfw-sim's minimal scatter reader (sim/disk_build.c, used until
 * lib/layout's parser lands): parse, then check what came out is bounded and terminated.
 * No writer is exercised: the disk builder needs files, and its output is tested in
 * tests/unit/test_sim_disk.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "disk_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_disk_layout *l;
	char err[256];

	if (size > (1u << 20))
		return 0;
	l = calloc(1, sizeof(*l));
	if (!l)
		return 0;
	if (sim_scatter_parse((const char *)data, size, l, err, sizeof(err)) == 0) {
		if (l->nparts > SIM_MAX_PARTS)
			abort();
		for (size_t i = 0; i < l->nparts; i++)
			if (strnlen(l->parts[i].name, sizeof(l->parts[i].name)) == sizeof(l->parts[i].name))
				abort();
	} else if (!err[0]) {
		abort(); /* a failure always says why */
	}
	sim_disk_layout_free(l);
	free(l);
	return 0;
}
