/* Real eMMC parts and their geometry (see emmc_parts.h; sessions in docs/real-phones.md). */
#include "emmc_parts.h"

#include <string.h>

#define MIB (1ull << 20)
#define KIB (1ull << 10)

const struct sim_emmc_part sim_emmc_parts[] = {
	/* Two Toshiba 4 GB parts and a SanDisk one, each on an MT6572 phone read by CM2. */
	{ "Toshiba 004G90", 0x11, { '0', '0', '4', 'G', '9', '0' },
	  { 2 * MIB, 512 * KIB, 0xEC000000ull }, "S1", 0, NULL },
	{ "Toshiba 004GE0", 0x11, { '0', '0', '4', 'G', 'E', '0' },
	  { 2 * MIB, 512 * KIB, 0xEC000000ull }, "S3", 0, NULL },
	{ "SanDisk SEM04G", 0x45, { 'S', 'E', 'M', '0', '4', 'G' },
	  { 2 * MIB, 512 * KIB, 0xEC000000ull }, "S4", SIM_GEO_BOOT | SIM_GEO_RPMB, NULL },
	/* Larger boot areas: a Samsung 4 GB eMMC 5.0 part and a Hynix 8 GB part. */
	{ "Samsung N5XZMB", 0x15, { 'N', '5', 'X', 'Z', 'M', 'B' },
	  { 4 * MIB, 4 * MIB, 0xE9000000ull }, "S14", 0,
	  "read on an eMMC programmer, not in an MT6572 phone" },
	{ "SK Hynix H8G2d", 0x90, { 'H', '8', 'G', '2', 'd', 0x04 },
	  { 4 * MIB, 4 * MIB, 0x1D2000000ull }, "S10", 0, "in an MT6582 phone (the legacy DA's sibling)" },
};
const size_t sim_emmc_nparts = sizeof(sim_emmc_parts) / sizeof(sim_emmc_parts[0]);

const struct sim_emmc_geometry sim_emmc_geometry_default = { 2 * MIB, 512 * KIB, 0xEC000000ull };

const struct sim_emmc_part *sim_emmc_part_find(const uint8_t cid[16])
{
	for (size_t i = 0; i < sim_emmc_nparts; i++)
		if (cid[0] == sim_emmc_parts[i].mid && !memcmp(cid + 3, sim_emmc_parts[i].pnm, 6))
			return &sim_emmc_parts[i];
	return NULL;
}

struct sim_emmc_geometry sim_emmc_geometry_for(const uint8_t cid[16])
{
	const struct sim_emmc_part *p = sim_emmc_part_find(cid);

	return p ? p->geo : sim_emmc_geometry_default;
}
