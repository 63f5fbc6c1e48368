/* MBR/EBR parser: the input is a user-area image (MBR at 0, EBRs where the chain says), or an
 * MBR sector followed by EBR1; a parsed table goes through the comparison too. */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mtkfw_layout *l = NULL;
	struct mtkfw_layout_diffs d;

	/* As one image, and with the second sector given as EBR1. */
	for (int mode = 0; mode < 2; mode++) {
		int rc = mode == 0 ? mtkfw_mbr_parse(&l, data, size, NULL, 0, NULL, 0, "fuzz")
				   : mtkfw_mbr_parse(&l, data, size < 512 ? size : 512, size > 512 ? data + 512 : NULL,
						     size > 512 ? size - 512 : 0, NULL, 0, "fuzz");
		if (rc != 0)
			continue;
		/* Entries may overlap in hostile input, so only "no crash" is asked of this. */
		if (mtkfw_layout_compare(&d, l, l) == 0)
			mtkfw_layout_diffs_clear(&d);
		mtkfw_layout_free(l);
	}
	return 0;
}
