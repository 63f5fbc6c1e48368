/* Fuzz the boot image parser: parse, write the header back, parse that again; the header
 * fields must survive, and the id recipe found must recompute the same id. */
#include <mtkfw/image.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_bootimg a, b;
	uint8_t *copy;
	size_t hl;

	if (mtkfw_bootimg_parse(&a, data, size) != 0) {
		(void)mtkfw_bootimg_parse_header(&a, data, size);
		return 0;
	}
	if (a.idconv != MTKFW_ID_UNKNOWN && a.idconv != MTKFW_ID_ZERO) {
		const uint8_t *parts[MTKFW_BOOT_NPARTS];
		uint8_t id[32];

		for (int p = 0; p < MTKFW_BOOT_NPARTS; p++)
			parts[p] = data + a.part_offset[p];
		if (mtkfw_bootimg_compute_id(id, a.idconv, a.version, parts, a.part_size) != 0 ||
		    memcmp(id, a.id, 32) != 0)
			abort();
	}
	hl = mtkfw_bootimg_header_len(a.version);
	if (!(copy = malloc(size)))
		return 0;
	memcpy(copy, data, size);
	mtkfw_bootimg_write_header(copy, &a);
	if (memcmp(copy, data, hl) != 0)
		abort();
	if (mtkfw_bootimg_parse(&b, copy, size) != 0 || b.kernel_addr != a.kernel_addr ||
	    memcmp(b.part_size, a.part_size, sizeof(a.part_size)) != 0)
		abort();
	free(copy);
	return 0;
}
