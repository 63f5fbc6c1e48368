/* The chip table (spec brom-da-protocol.md §2.6, §4.3, §4.5). */
#include "device/chips.h"

const struct chip_info mtkfwi_chip_table[] = {
	{
		.hw_code = 0x6572,
		.name = "MT6572",
		.watchdog_addr = 0x10007000,
		.watchdog_value = 0x22000064,
		.da1_region = 1,
		.da2_region = 2,
		.bmt_partsize_emmc = 0x000000A8,
		.reset_keys = true,
		.config_extra = 0,
		.da2_packet = 0x1000,
		.read_packet = 0x100000,
	},
};

const size_t mtkfwi_chip_count = sizeof(mtkfwi_chip_table) / sizeof(mtkfwi_chip_table[0]);

const struct chip_info *mtkfwi_chip_find(uint16_t hw_code)
{
	for (size_t i = 0; i < mtkfwi_chip_count; i++)
		if (mtkfwi_chip_table[i].hw_code == hw_code)
			return &mtkfwi_chip_table[i];
	return NULL;
}
