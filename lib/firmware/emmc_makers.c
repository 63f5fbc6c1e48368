/*
 * eMMC manufacturer ids (the CID's first byte, MID) and who they belong to. Knowledge as data:
 * tests/unit/test_emi.c checks the whole table (sorted, unique, named). Ids are the ones JEDEC
 * assigned and that appear in MT65xx EMI tables, Linux's card quirk list and vendor kernels'
 * eMMC name tables (mmc_manf_info). 0xC8, seen in a Mobiwire S10 table, is not named anywhere
 * we could check, so it stays unknown rather than guessed.
 */
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>

/* Sorted by id, so the self-check can prove there are no duplicates. */
const struct fw_emmc_maker mtkfwi_fw_emmc_makers[] = {
	{ 0x02, "SanDisk" },
	{ 0x03, "SanDisk" },
	{ 0x11, "Toshiba" },
	{ 0x13, "Micron" },
	{ 0x15, "Samsung" },
	{ 0x45, "SanDisk" },
	{ 0x70, "Kingston" },
	{ 0x74, "Transcend" },
	{ 0x88, "Foresee" }, /* Longsys */
	{ 0x8F, "UNIC" },
	{ 0x90, "SK Hynix" },
	{ 0xD6, "Foresee" }, /* Longsys, later parts */
	{ 0xF4, "Biwin" },
	{ 0xFE, "Micron" },
};
const size_t mtkfwi_fw_emmc_maker_count = sizeof(mtkfwi_fw_emmc_makers) / sizeof(mtkfwi_fw_emmc_makers[0]);

const char *mtkfw_emmc_maker(uint8_t mid)
{
	for (size_t i = 0; i < mtkfwi_fw_emmc_maker_count; i++)
		if (mtkfwi_fw_emmc_makers[i].mid == mid)
			return mtkfwi_fw_emmc_makers[i].name;
	return NULL;
}
