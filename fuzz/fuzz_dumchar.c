/* dumchar_info parser: parse, compare with itself (must agree), write its names into a PMT and
 * read them back. */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t region[MTKFW_PMT_REGION_SIZE];
	struct mtkfw_layout_diffs d;
	mtkfw_layout *a = NULL, *b = NULL;

	if (mtkfw_dumchar_parse(&a, (const char *)data, size, "fuzz") != 0)
		return 0;
	if (mtkfw_layout_compare(&d, a, a) == 0) {
		/* Two rows of one name may disagree with each other; one row never with itself. */
		mtkfw_layout_diffs_clear(&d);
	}
	if (mtkfw_pmt_build(a, region, sizeof(region)) == 0 && mtkfw_pmt_parse(&b, region, sizeof(region), "f") == 0)
		mtkfw_layout_free(b);
	mtkfw_layout_free(a);
	return 0;
}
