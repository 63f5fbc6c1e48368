/*
 * --scatter: build a realistic MT6572 disk from a scatter file. lib/layout parses the scatter
 * and decodes each partition's area and offset (user offset = linear − MBR's), and writes the
 * MBR/EBR sectors and the PTv1 PMT; this file decides the card's size, puts those tables on
 * the disk (the PMT 1 MiB below the end of the user area, its mirror right after), tags every
 * partition with its name and offset so a readback shows where its bytes came from, and
 * writes an NVRAM holding synthetic identity records.
 */
#ifndef MTKFW_SIM_DISK_BUILD_H
#define MTKFW_SIM_DISK_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include <mtkfw/layout.h>

#include "emmc.h"

struct sim_disk_layout {
	mtkfw_layout *layout;
	uint64_t user_size;  /* the card's user area, or more when the layout needs it */
	uint8_t *pmt;        /* the PMT region, served by READ_PMT */
	size_t pmt_len;
};

/* Load and place a scatter on a card whose user area is `card_user_size` (grown to whole GiBs
 * when the layout runs past it); on error a one-line reason naming the file is put in `err`. */
int sim_scatter_load(const char *path, uint64_t card_user_size, struct sim_disk_layout *l, char *err,
		     size_t errlen);
int sim_disk_build(struct sim_emmc *e, struct sim_disk_layout *l, const uint8_t cid[16], char *err, size_t errlen);
void sim_disk_layout_free(struct sim_disk_layout *l);

#endif
