/* Preloader (raw GFH, boot1 readback, bare EMI): parse; write back its EMI block and boot1
 * header and wrap it again, then parse the wrapped image. */
#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_preloader pl, again;
	uint8_t *out, hdr[0x800];
	size_t len;

	if (mtkfw_preloader_parse(&pl, data, size, "fuzz") != 0)
		return 0;
	if (pl.has_emi && mtkfw_emi_build(&out, &len, &pl.emi) == 0) {
		if (len != pl.emi.length || memcmp(out, data + pl.emi_offset, len) != 0)
			abort();
		free(out);
	}
	if (pl.kind == MTKFW_PRELOADER_BOOT1 && pl.boot1.header_size == 0x800)
		mtkfw_boot1_header_write(hdr, sizeof(hdr), &pl.boot1);
	if (pl.kind != MTKFW_PRELOADER_EMI && pl.file_info.file_len <= size - pl.gfh_offset &&
	    mtkfw_boot1_wrap(&out, &len, data + pl.gfh_offset, pl.file_info.file_len, 0) == 0) {
		if (mtkfw_preloader_parse(&again, out, len, "wrapped") != 0)
			abort(); /* what parsed once must parse behind a boot1 header */
		mtkfw_preloader_clear(&again);
		free(out);
	}
	mtkfw_preloader_clear(&pl);
	return 0;
}
