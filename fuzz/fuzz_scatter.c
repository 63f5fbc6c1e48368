/* Scatter parser: parse, write back in the same format and in YAML, parse again; the same
 * format must give the same model. */
#include <mtkfw/mtkfw.h>

#include "layout/layout_internal.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mtkfw_layout *a = NULL, *b = NULL;
	char *text = NULL;
	size_t len;

	if (mtkfw_scatter_parse(&a, (const char *)data, size, "fuzz") != 0)
		return 0;
	if (mtkfw_scatter_write(&text, &len, a, a->format) == 0) {
		char why[160];

		if (mtkfw_scatter_parse(&b, text, len, "fuzz") != 0) {
			fprintf(stderr, "written scatter does not parse: %s\n", mtkfw_error_last()->message);
			abort();
		}
		if (!mtkfwi_layout_model_equal(a, b, why, sizeof(why))) {
			fprintf(stderr, "round trip differs: %s\n", why);
			abort();
		}
		mtkfw_layout_free(b);
		free(text);
	}
	if (mtkfw_scatter_write(&text, &len, a, MTKFW_LAYOUT_YAML) == 0) {
		if (mtkfw_scatter_parse(&b, text, len, "fuzz") == 0)
			mtkfw_layout_free(b);
		free(text);
	}
	/* A table built from the scatter must parse back. */
	{
		static struct mtkfw_mbr_table t[MTKFW_MBR_MAX_TABLES];
		size_t n;

		if (mtkfw_mbr_build(a, t, &n) == 0 && n <= 3) {
			if (mtkfw_mbr_parse(&b, t[0].data, 512, t[1].data, 512, n > 2 ? t[2].data : NULL, n > 2 ? 512 : 0,
					    "fuzz") != 0) {
				fprintf(stderr, "built MBR does not parse: %s\n", mtkfw_error_last()->message);
				abort();
			}
			mtkfw_layout_free(b);
		}
	}
	mtkfw_layout_free(a);
	return 0;
}
