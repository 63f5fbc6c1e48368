/* eMMC manufacturer ids (the CID's first byte), as JEDEC assigns them and Linux's mmc core
 * names them; only makers found in phones of the MT6572 era. */
#include <mtkfw/device.h>

#include <stddef.h>

static const struct {
	uint8_t mid;
	const char *name;
} emmc_makers[] = {
	{ 0x02, "SanDisk" }, { 0x11, "Toshiba" }, { 0x13, "Micron" },    { 0x15, "Samsung" },
	{ 0x45, "SanDisk" }, { 0x70, "Kingston" }, { 0x90, "SK Hynix" }, { 0xFE, "Micron" },
};

const char *mtkfw_emmc_maker(uint8_t mid)
{
	for (size_t i = 0; i < sizeof(emmc_makers) / sizeof(emmc_makers[0]); i++)
		if (emmc_makers[i].mid == mid)
			return emmc_makers[i].name;
	return NULL;
}

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
