/* Kernel: payload finder and bounded decompressors (each format tried on the raw input too). */
#include <mtkfw/mtkfw.h>

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_kernel_info k;
	uint8_t *out;
	size_t len;

	if (mtkfw_kernel_info(&k, data, size, "fuzz") == 0)
		mtkfw_kernel_info_clear(&k);
	/* A small bound keeps each run fast and exercises the limit paths. */
	for (int c = MTKFW_COMP_GZIP; c <= MTKFW_COMP_LZO; c++)
		if (mtkfw_decompress(&out, &len, (mtkfw_compression)c, data, size, 1u << 20) == 0) {
			if (len > (1u << 20))
				abort();
			free(out);
		}
	return 0;
}
