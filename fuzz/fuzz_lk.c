/* lk LCM names and the logo summary (both scan an MTK-header image). */
#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_names n;
	struct mtkfw_logo_info li;

	if (mtkfw_lk_lcm(&n, data, size, "fuzz") == 0) {
		for (size_t i = 0; i < n.count; i++)
			if (!n.names[i] || !strlen(n.names[i]))
				abort();
		mtkfw_names_clear(&n);
	}
	mtkfw_logo_info(&li, data, size, "fuzz");
	return 0;
}
