/*
 * Finding the EMI (DRAM set-up) entry for a phone in a preloader: the MTK_BLOADER_INFO block,
 * its version, and the entry whose flash id matches the eMMC CID. Only what the wire needs;
 * the full EMI model is lib/firmware's.
 */
#ifndef MTKFW_DEVICE_EMI_H
#define MTKFW_DEVICE_EMI_H

#include <stddef.h>
#include <stdint.h>

/* The MTK_BLOADER_INFO_vNN version in `buf` (11 on MT6572), or a negative status. */
int emi_version(const uint8_t *buf, size_t len, unsigned *version);

/*
 * The EMI entry of `entry_len` bytes (the length the DA asks for) whose flash id is a prefix
 * of `cid`: `*entry` points into `buf`. NOTFOUND when no entry matches.
 */
int emi_find(const uint8_t *buf, size_t len, const uint8_t cid[16], size_t entry_len, const uint8_t **entry);

#endif
