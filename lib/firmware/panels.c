/*
 * Panel resolutions of MT65xx phones and tablets. logo.bin stores no width or height, so the
 * profile infers them from the boot image's decompressed size (anchors-formats.md §B.4).
 * Knowledge as data: tests/unit/test_logo_info.c checks the whole table.
 */
#include "firmware/fw_internal.h"

/* Portrait width x height, most common MT6572 sizes first: a size two entries share
 * resolves to the earlier one. */
const struct fw_panel fw_panels[] = {
	{ 480, 854 },  { 480, 800 },  { 320, 480 },   { 540, 960 },   { 720, 1280 },
	{ 240, 320 },  { 240, 400 },  { 320, 240 },   { 600, 1024 },  { 800, 1280 },
	{ 1024, 600 }, { 1280, 800 }, { 800, 480 },   { 854, 480 },   { 1080, 1920 },
	{ 720, 1440 }, { 480, 960 },  { 768, 1024 },  { 1200, 1920 }, { 640, 960 },
};
const size_t fw_panel_count = sizeof(fw_panels) / sizeof(fw_panels[0]);

bool fw_panel_for_size(uint64_t bytes, uint32_t *width, uint32_t *height, uint32_t *bpp)
{
	/* RGB565 (16 bpp) is MT6572's logo format; 32 bpp is what later chips use. */
	static const uint32_t depths[] = { 16, 32 };

	for (size_t d = 0; d < 2; d++)
		for (size_t i = 0; i < fw_panel_count; i++)
			if ((uint64_t)fw_panels[i].width * fw_panels[i].height * (depths[d] / 8) == bytes) {
				*width = fw_panels[i].width;
				*height = fw_panels[i].height;
				*bpp = depths[d];
				return true;
			}
	*width = *height = *bpp = 0;
	return false;
}
