/*
 * The eMMC parts the virtual phone can be, with the hardware partition sizes real phones
 * reported for them (docs/real-phones.md): a CID's maker and product name choose the card's
 * boot areas, RPMB and user area, as on a real phone, where the card decides them and the DA
 * only reports them. Knowledge as data: tests/unit/test_sim_phones.c holds every row against
 * the session it cites.
 */
#ifndef MTKFW_SIM_EMMC_PARTS_H
#define MTKFW_SIM_EMMC_PARTS_H

#include <stddef.h>
#include <stdint.h>

struct sim_emmc_geometry {
	uint64_t boot_size; /* boot1 and boot2 each (equal on every card in the logs) */
	uint64_t rpmb_size;
	uint64_t user_size;
};

/* Which sizes of a row the session it cites does not show (they are taken from the parts of
 * the same maker and size that do show them). */
enum { SIM_GEO_BOOT = 1u << 0, SIM_GEO_RPMB = 1u << 1, SIM_GEO_USER = 1u << 2 };

struct sim_emmc_part {
	const char *name;    /* maker and product, as a log would name it */
	uint8_t mid;         /* CID byte 0: manufacturer id */
	uint8_t pnm[6];      /* CID bytes 3..8: product name */
	struct sim_emmc_geometry geo;
	const char *session; /* the docs/real-phones.md session that shows these sizes */
	unsigned assumed;    /* SIM_GEO_* not shown by that session */
	const char *note;    /* why a row is not from an MT6572 eMMC phone, or NULL */
};

extern const struct sim_emmc_part sim_emmc_parts[];
extern const size_t sim_emmc_nparts;

/* The geometry of a card the table does not know: what the MT6572 logs show for their 4 GB
 * parts (two Toshiba sessions, S1 and S3). */
extern const struct sim_emmc_geometry sim_emmc_geometry_default;

/* The row for this CID's maker and product name, or NULL. */
const struct sim_emmc_part *sim_emmc_part_find(const uint8_t cid[16]);
/* Its geometry, or the default one. */
struct sim_emmc_geometry sim_emmc_geometry_for(const uint8_t cid[16]);

#endif
