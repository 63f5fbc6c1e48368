/*
 * The phone's own boot area: a synthetic MT6572 preloader as a boot1 readback looks
 * (EMMC_BOOT header, BRLYT layout header, GFH FILE_INFO + BL_INFO, code, the
 * MTK_BLOADER_INFO_v11 EMI table, signature), and the eMMC CID that goes with it.
 *
 * Built with lib/firmware's writers (EMI block, synthetic preloader, boot1 wrapper); the sim
 * only decides which eMMC parts the table lists. Tools that read a preloader's EMI table
 * (mtkclient --preloader, mtkfw profile) accept this boot1.img as they accept a real readback.
 */
#ifndef MTKFW_SIM_BOOT1_H
#define MTKFW_SIM_BOOT1_H

#include <stddef.h>
#include <stdint.h>

#include "emmc.h"

#define EMI_V11_ENTRY 0xA8

/* The eMMC parts the synthetic preloader supports besides the phone's own card; the first is
 * the sim's card when no --cid is given. */
struct sim_emi_part {
	const char *label;
	uint8_t id[9];       /* MID, CBX, OID, PNM[6]: the CID prefix an EMI entry matches */
	uint32_t rank0;      /* DRAM bytes */
};
extern const struct sim_emi_part sim_emi_parts[];
extern const size_t sim_emi_nparts;

/* CID from its first 9 bytes: fixed product revision, serial and date, and a valid CRC7. */
void sim_cid_complete(uint8_t cid[16], const uint8_t id[9]);
/* 32 hex characters, card order; -1 when malformed. */
int sim_cid_parse(const char *hex, uint8_t cid[16]);
/* CRC7 of an eMMC register as the card computes it (byte 15 = crc << 1 | 1). */
uint8_t sim_crc7(const uint8_t *p, size_t n);

/* DRAM of the phone's own EMI entry: the 512 MiB every MT6572 eMMC phone in
 * docs/real-phones.md reported. */
#define SIM_DRAM_SIZE 0x20000000u

/* Build the preloader image into a malloc'd buffer. Its EMI table lists the card with this CID
 * first (NULL: the known parts alone, the first being the sim's default card), then the
 * other known parts. */
int sim_preloader_build(uint8_t **out, size_t *len, const uint8_t cid[16]);
/* Write EMMC_BOOT + BRLYT + the preloader for the card `cid` at the start of boot1. */
int sim_boot1_write(struct sim_area *boot1, const uint8_t cid[16]);
/* First EMI entry of the table in boot1 → CID; -1 when boot1 has no EMI table. */
int sim_boot1_cid(struct sim_area *boot1, uint8_t cid[16]);

#endif
