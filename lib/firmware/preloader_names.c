/*
 * Names for a preloader's kind and its GFH flash_dev, as `mtkfw profile` shows them in text and
 * JSON (docs/man/mtkfw-profile.1). One table here so the text renderer and the JSON writer
 * cannot name the same value two ways.
 */
#include "core/internal.h"

#include <mtkfw/firmware.h>

#include <string.h>

const char *mtkfw_gfh_flash_dev_name(uint8_t flash_dev)
{
	switch (flash_dev) {
	case 1: return "NOR";
	case 2: case 3: case 4: return "NAND";
	case 5: return "eMMC boot";
	case 6: return "eMMC data";
	case 7: return "serial flash";
	default: return "unknown";
	}
}

const char *mtkfw_preloader_kind_name(mtkfw_preloader_kind kind)
{
	return kind == MTKFW_PRELOADER_BOOT1 ? "boot1" : kind == MTKFW_PRELOADER_EMI ? "emi" : "raw";
}

int mtkfw_preloader_kind_parse(const char *word)
{
	for (int v = MTKFW_PRELOADER_RAW; word && v <= MTKFW_PRELOADER_EMI; v++) {
		const char *w = mtkfw_preloader_kind_name((mtkfw_preloader_kind)v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

const char *mtkfw_emi_layout_name(int layout)
{
	return layout == MTKFW_EMI_LAYOUT_V11 ? "v11" : layout == MTKFW_EMI_LAYOUT_V12 ? "v12" : "unknown";
}

int mtkfw_emi_layout_parse(const char *word)
{
	for (int v = MTKFW_EMI_LAYOUT_UNKNOWN; word && v <= MTKFW_EMI_LAYOUT_V12; v++) {
		const char *w = mtkfw_emi_layout_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}
