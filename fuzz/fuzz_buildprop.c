/* build.prop: parse, then look a key up; text is not NUL-terminated. */
#include <mtkfw/mtkfw.h>

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_buildprop bp;
	char *v;

	if (mtkfw_buildprop_parse(&bp, (const char *)data, size, "fuzz") == 0)
		mtkfw_buildprop_clear(&bp);
	if (mtkfw_buildprop_get(&v, (const char *)data, size, "ro.product.model") == 0)
		free(v);
	return 0;
}
