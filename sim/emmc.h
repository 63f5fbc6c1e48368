/*
 * The virtual eMMC: its hardware partitions (boot1, boot2, rpmb, user) each backed by a raw
 * file in the disk folder, read and written in place with pread/pwrite. Files are sparse, so
 * a 4 GiB user area costs nothing until written, and an erase punches holes instead of
 * writing zeros (fast enough to keep the protocol's 20 ms rule).
 */
#ifndef MTKFW_SIM_EMMC_H
#define MTKFW_SIM_EMMC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emmc_parts.h"

/* eMMC partition ids as the legacy DA numbers them. */
enum { EMMC_PART_BOOT1 = 1, EMMC_PART_BOOT2 = 2, EMMC_PART_RPMB = 3, EMMC_PART_USER = 8 };


struct sim_area {
	int fd;
	uint64_t size;
	const char *name;
	bool slow_erase;  /* hole punching failed once: erases write zeros (slower) */
};

struct sim_emmc {
	struct sim_area boot1, boot2, rpmb, user;
	bool boot1_created, user_created; /* the files were absent and have just been made */
	/* A worn card: once `wear_budget` bytes have been written through the DA it turns
	 * read-only, as eMMCs do at end of life; the DA still acknowledges every write. */
	bool wear;
	uint64_t wear_budget, written;
};

/* Open (creating when absent) DIR/boot1.img, boot2.img, rpmb.img and user.img. An existing
 * file keeps its size; a new one gets the size `geo` gives its area (NULL: the geometry of a
 * card the parts table does not know). */
int sim_emmc_open(struct sim_emmc *e, const char *dir, const struct sim_emmc_geometry *geo, char *err,
		  size_t errlen);
void sim_emmc_close(struct sim_emmc *e);

/* The area for a DA partition id, or NULL (GP1..4 do not exist on this card). */
struct sim_area *sim_emmc_area(struct sim_emmc *e, unsigned part);

int sim_area_read(struct sim_area *a, uint64_t off, void *buf, uint64_t n);
int sim_area_write(struct sim_area *a, uint64_t off, const void *buf, uint64_t n);
/* Zero [off, off+n): holes where the file system allows, zeros written otherwise (and then
 * slow_erase is set, so callers can erase in smaller steps). */
int sim_area_erase(struct sim_area *a, uint64_t off, uint64_t n);
/* A write of `n` bytes through the DA: how many of them (from the start) the card keeps.
 * Without wear, all of them. */
uint64_t sim_emmc_keep(struct sim_emmc *e, uint64_t n);
/* The card has turned read-only (erases change nothing either). */
bool sim_emmc_readonly(const struct sim_emmc *e);

/* Grow (never shrink) an area's file. */
int sim_area_resize(struct sim_area *a, uint64_t size);

#endif
