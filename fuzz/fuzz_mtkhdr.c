/* Fuzz the MTK header parser: parse, write back, parse again; the two must agree. */
#include <mtkfw/image.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_mtkhdr a, b;
	uint8_t out[MTKFW_MTKHDR_SIZE];

	if (mtkfw_mtkhdr_parse(&a, data, size) != 0)
		return 0;
	mtkfw_mtkhdr_write(&a, out);
	if (memcmp(out, data, sizeof(out)) != 0)
		abort();
	if (mtkfw_mtkhdr_parse(&b, out, sizeof(out)) != 0 || b.size != a.size || strcmp(a.name, b.name))
		abort();
	return 0;
}
