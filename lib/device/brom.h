/*
 * The BROM / preloader command layer: the start handshake and the echoed, big-endian commands
 * both speak before a download agent runs (spec brom-da-protocol.md §2).
 */
#ifndef MTKFW_DEVICE_BROM_H
#define MTKFW_DEVICE_BROM_H

#include <mtkfw/device.h>

/* Waits: a BROM answers a command in microseconds; a second is generous even through a hub,
 * and short enough that a dead phone is reported quickly. */
#define BROM_CMD_TIMEOUT_MS 1000
/* The preloader's own handshake timeout is 300 ms; we wait a third of it per byte so that a
 * lost byte costs one retry, not the whole window of a live preloader port. */
#define BROM_HANDSHAKE_TIMEOUT_MS 100
#define BROM_HANDSHAKE_TRIES 20

#define BROM_STATUS_SLA_REQUIRED 0x1D0D

int mtkfwi_brom_handshake(mtkfw_transport *t, unsigned tries);

/* Write bytes and require the device to echo them back unchanged. */
int mtkfwi_brom_echo(mtkfw_transport *t, const uint8_t *out, size_t n, const char *what);
int mtkfwi_brom_echo8(mtkfw_transport *t, uint8_t cmd, const char *what);
int mtkfwi_brom_echo32(mtkfw_transport *t, uint32_t v, const char *what);
/* Read a BE u16 status; above 0xFF is a device error naming `what`. */
int mtkfwi_brom_status(mtkfw_transport *t, const char *what, uint16_t *out);

int mtkfwi_brom_get_hw_code(mtkfw_transport *t, uint16_t *hw_code);
int mtkfwi_brom_get_hw_sw_ver(mtkfw_transport *t, uint16_t *sub, uint16_t *hwver, uint16_t *swver);
/* GET_BL_VER: 0xFE (an echo) from the BROM itself, the bootloader version from a preloader. */
int mtkfwi_brom_get_bl_ver(mtkfw_transport *t, uint8_t *out);
int mtkfwi_brom_get_version(mtkfw_transport *t, uint8_t *out);
int mtkfwi_brom_get_target_config(mtkfw_transport *t, uint32_t *cfg);
/* GET_ME_ID: up to `cap` bytes into `id`, the length in `*len`. */
int mtkfwi_brom_get_me_id(mtkfw_transport *t, uint8_t *id, size_t cap, size_t *len);
int mtkfwi_brom_write32(mtkfw_transport *t, uint32_t addr, const uint32_t *vals, uint32_t count);
int mtkfwi_brom_send_da(mtkfw_transport *t, uint32_t addr, const uint8_t *data, uint32_t len, uint32_t sig_len,
		 mtkfw_ctx *ctx);
int mtkfwi_brom_jump_da(mtkfw_transport *t, uint32_t addr);

/* The SEND_DA checksum: XOR of the data's little-endian u16 words (an odd last byte alone). */
uint16_t mtkfwi_brom_xor16(const uint8_t *p, size_t n);

#endif
