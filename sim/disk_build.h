/*
 * --scatter: build a realistic MT6572 disk from a scatter file — the user area laid out as the
 * scatter says (user offset = linear address − MBR's), the MTK MBR/EBR1 tables over the ext4
 * partitions, the PMT near the end of the user area, every partition tagged with its name and
 * offset so a readback shows where it came from, and an NVRAM holding identity records.
 *
 * The minimum the sim needs, written here until lib/layout's scatter parser and MBR/EBR/PMT
 * builders land; then this file should call them instead.
 */
#ifndef MTKFW_SIM_DISK_BUILD_H
#define MTKFW_SIM_DISK_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "emmc.h"

#define SIM_MAX_PARTS 64

struct sim_part {
	char name[64];
	char type[32];
	uint64_t linear, size;
	uint64_t user_off;   /* offset in the user area (boot1 partitions: in boot1) */
	int boot1;           /* region EMMC_BOOT_1 */
	int reserved;        /* no fixed place (BMTPOOL-style 0xFFFF.... addresses) */
};

struct sim_disk_layout {
	struct sim_part parts[SIM_MAX_PARTS];
	size_t nparts;
	uint64_t user_size;
	uint8_t *pmt;        /* PMT region bytes, served by READ_PMT */
	size_t pmt_len;
};

int sim_scatter_load(const char *path, struct sim_disk_layout *l, char *err, size_t errlen);
int sim_scatter_parse(const char *text, size_t len, struct sim_disk_layout *l, char *err, size_t errlen);
int sim_disk_build(struct sim_emmc *e, struct sim_disk_layout *l, const uint8_t cid[16], char *err, size_t errlen);
void sim_disk_layout_free(struct sim_disk_layout *l);

#endif
