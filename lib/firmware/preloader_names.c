/*
 * Names for a preloader's kind and its GFH flash_dev, as `mtkfw profile` shows them in text and
 * JSON (docs/man/mtkfw-profile.1). One table here so the text renderer and the JSON writer
 * cannot name the same value two ways.
 */
#include "core/internal.h"

#include <mtkfw/firmware.h>

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
