/* PMT parser: parse a region, build it again from the model, parse that: same entries. */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t region[MTKFW_PMT_REGION_SIZE];
	mtkfw_layout *a = NULL, *b = NULL;

	if (mtkfw_pmt_parse(&a, data, size, "fuzz") != 0)
		return 0;
	if (mtkfw_pmt_build(a, region, sizeof(region)) == 0) {
		if (mtkfw_pmt_parse(&b, region, sizeof(region), "fuzz") != 0) {
			fprintf(stderr, "built PMT does not parse: %s\n", mtkfw_error_last()->message);
			abort();
		}
		if (a->count != b->count)
			abort();
		for (size_t i = 0; i < a->count; i++)
			if (strcmp(a->parts[i].name, b->parts[i].name) || a->parts[i].size != b->parts[i].size ||
			    a->parts[i].linear_start != b->parts[i].linear_start ||
			    a->parts[i].mask_flags != b->parts[i].mask_flags)
				abort();
		mtkfw_layout_free(b);
	}
	mtkfw_layout_free(a);
	return 0;
}
