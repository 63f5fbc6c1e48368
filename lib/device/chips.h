/*
 * What mtkfw knows about each chip, as data (sunxi-tools' soc_info idea): looked up by the
 * hw_code the BROM reports; quirks are named fields, never a switch on the chip.
 */
#ifndef MTKFW_DEVICE_CHIPS_H
#define MTKFW_DEVICE_CHIPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct chip_info {
	uint16_t hw_code;
	const char *name;
	/* The BROM's watchdog resets the phone mid-session unless disabled with this write. */
	uint32_t watchdog_addr, watchdog_value;
	/* Which DA-file regions hold DA1 and DA2 on the legacy path. */
	uint8_t da1_region, da2_region;
	/* Legacy DA host configuration (spec §4.3). */
	uint32_t bmt_partsize_emmc;
	bool reset_keys;        /* byte 15 of the host config */
	uint8_t config_extra;   /* chip-specific dwords after the 18 bytes: none on MT6572 */
	/* DA2 upload packet size: the DA acknowledges every packet. */
	uint32_t da2_packet;
	/* Readback packet: each ends with a checksum and an ACK round trip. */
	uint32_t read_packet;
};

extern const struct chip_info mtkfwi_chip_table[];
extern const size_t mtkfwi_chip_count;

/* The chip with this hw_code, or NULL. */
const struct chip_info *mtkfwi_chip_find(uint16_t hw_code);

#endif
