/*
 * The legacy download agent (MT6572's DA1/DA2, spec §4): one function per exchange. Every
 * reply is checked; none of them trusts a length it did not bound.
 */
#ifndef MTKFW_DEVICE_DA_LEGACY_H
#define MTKFW_DEVICE_DA_LEGACY_H

#include <mtkfw/device.h>

#include "device/chips.h"

#define DA_ACK 0x5A
#define DA_NACK 0xA5
#define DA_CONT 0x69
#define DA_SYNC 0xC0
#define DA_SOC_OK 0xC1
#define DA_STATUS_NOR_NOT_FOUND 0x0BC3  /* after the host config: DRAM needs an EMI table */
#define DA_STATUS_NAND_NOT_FOUND 0x0BC4
#define DA_REPORT_SIZE 236

/* The DA starts, probes storage, and may take a while; a report or status within 5 s. */
#define DA_TIMEOUT_MS 5000

/* DA1's first words: the storage it found (CID, NAND ids) and its version. */
int mtkfwi_da1_sync(mtkfw_transport *t, struct mtkfw_device_info *info);
/* Send the host configuration; `*dram_status` is 0 (DRAM ready) or 0x0BC3 (EMI needed). */
int mtkfwi_da1_host_config(mtkfw_transport *t, const struct chip_info *chip, const struct mtkfw_device_info *info,
		    uint32_t *dram_status);
/* After 0x0BC3: the DRAM information block the DA sends. */
int mtkfwi_da1_dram_info(mtkfw_transport *t);
/* ENABLE_DRAM with entry `index` of `emi` (chosen by the CID); ram size into info. */
int mtkfwi_da1_enable_dram(mtkfw_transport *t, const struct mtkfw_emi *emi, int index, struct mtkfw_device_info *info);
/* Upload DA2 and read its storage report into info. */
int mtkfwi_da2_upload(mtkfw_transport *t, const struct chip_info *chip, uint32_t addr, const uint8_t *data, uint32_t len,
	       struct mtkfw_device_info *info, mtkfw_ctx *ctx);
/* Decode a 236-byte DA2 report. */
int mtkfwi_da2_parse_report(const uint8_t *r, size_t n, struct mtkfw_device_info *info);
int mtkfwi_da2_usb_check(mtkfw_transport *t);
int mtkfwi_da2_read(mtkfw_transport *t, const struct chip_info *chip, unsigned area, uint64_t offset, uint64_t len,
	     mtkfw_sink_cb sink, void *user, const char *stage, mtkfw_ctx *ctx);
/* Write `len` bytes (a multiple of 512) at `offset` of partition `part`, pulling data from
 * `source` packet by packet. */
int mtkfwi_da2_write(mtkfw_transport *t, const struct chip_info *chip, unsigned part, uint64_t offset, uint64_t len,
	      mtkfw_source_cb source, void *user, const char *stage, mtkfw_ctx *ctx);
/* Erase `len` bytes at `offset` of partition `part` (FORMAT, spec §4.7.6), following the DA's
 * progress frames (mtkfwi_device_erase_raw checks the range first). */
int mtkfwi_da2_format(mtkfw_transport *t, unsigned part, uint64_t offset, uint64_t len, const char *stage, mtkfw_ctx *ctx);
int mtkfwi_da2_finish(mtkfw_transport *t);

/* Put a CID received from the DA into card order (manufacturer id first). */
void mtkfwi_da_cid_normalize(uint8_t cid[16]);

/* The legacy DA's byte checksum of a read packet: the sum of the bytes, low 16 bits. */
uint16_t mtkfwi_da_sum16(const uint8_t *p, size_t n);

#endif
