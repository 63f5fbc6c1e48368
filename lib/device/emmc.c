/* Names for the device report. */
#include <mtkfw/device.h>

const char *mtkfw_device_mode_name(enum mtkfw_device_mode m)
{
	return m == MTKFW_MODE_PRELOADER ? "preloader" : "brom";
}

const char *mtkfw_storage_name(enum mtkfw_storage s)
{
	switch (s) {
	case MTKFW_STORAGE_EMMC: return "emmc";
	case MTKFW_STORAGE_NAND: return "nand";
	case MTKFW_STORAGE_NOR: return "nor";
	default: return "unknown";
	}
}
