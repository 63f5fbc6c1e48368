/*
 * Fuzz content recognition (package.h): sniff the bytes, refine a boot image with the bytes
 * at its ramdisk offset, and hand partition sectors to the MBR parser. Sniffing has no writer;
 * instead it must be a pure function of the head: the same bytes give the same answer, a
 * label is always a printable C string, and nothing past MTKFW_SNIFF_HEAD changes a verdict
 * that the head alone decided.
 */
#include <mtkfw/layout.h>
#include <mtkfw/package.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_sniff a, b;
	size_t head = size < MTKFW_SNIFF_HEAD ? size : MTKFW_SNIFF_HEAD;

	mtkfw_sniff(&a, data, head);
	mtkfw_sniff(&b, data, head);
	if (memcmp(&a, &b, sizeof(a)) != 0 || a.kind < 0 || a.kind >= MTKFW_KIND_COUNT)
		abort();
	if (strlen(a.label) >= sizeof(a.label))
		abort();
	for (const char *p = a.label; *p; p++)
		if (*p < 0x20 || *p > 0x7E)
			abort();
	if (a.ramdisk_offset) {
		if (a.kind != MTKFW_KIND_BOOTIMG)
			abort();
		if (a.ramdisk_offset < size)
			mtkfw_sniff_ramdisk(&a, data + a.ramdisk_offset, size - (size_t)a.ramdisk_offset);
		if (a.kind != MTKFW_KIND_BOOTIMG && a.kind != MTKFW_KIND_RECOVERY)
			abort();
	}
	if (a.kind == MTKFW_KIND_MBR) {
		mtkfw_layout *l = NULL;

		if (mtkfw_mbr_parse(&l, data, size, NULL, 0, NULL, 0, "fuzz") == 0)
			mtkfw_layout_free(l);
	}
	return 0;
}
