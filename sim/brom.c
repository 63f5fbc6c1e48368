/*
 * The BROM / preloader command loop of an MT6572 (spec §2): the start handshake, identity
 * queries, register access (the watchdog), SEND_DA with its checksum and JUMP_DA. Preloader
 * mode differs only in the FE/FF answers (§2.4).
 */
#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "core/bytes.h"

/* Status words (big-endian u16 on the wire). 0 is success; the failure values are our own
 * choice where the real BROM's are not known (spec §8): hosts only test for non-zero. */
enum {
	BROM_OK = 0x0000,
	BROM_ERR_DA_LEN = 0x1D0E,   /* SEND_DA length beyond SRAM */
	BROM_ERR_JUMP = 0x1D0F,     /* JUMP_DA to an address nothing was loaded at */
	BROM_ERR_COUNT = 0x1D10,    /* READ32/WRITE32 count of 0 or over the limit */
};

/* MT6572 SRAM is 128 KiB; a DA1 larger than this cannot have been loaded. */
#define DA1_MAX_LEN 0x20000u
#define REG_MAX_COUNT 0x100u

static const uint8_t hs_seq[4] = { 0xA0, 0x0A, 0x50, 0x05 };

static void brom_cmd(struct sim *s, const uint8_t *p, size_t n);

static void brom_handshake(struct sim *s, const uint8_t *p, size_t n)
{
	uint8_t b = p[0];

	/* The preloader's rule (usbdl_check_start_command): a right byte advances and is answered
	 * with its complement; a wrong one is answered with byte+1 and starts over. */
	if (b == hs_seq[s->hs_index]) {
		sim_emit8(s, (uint8_t)~b);
		if (++s->hs_index == 4) {
			sim_trace(s->trace, "%s: handshake done", s->cfg.mode == SIM_MODE_BROM ? "brom" : "preloader");
			sim_expect(s, 1, brom_cmd);
			return;
		}
	} else {
		sim_emit8(s, (uint8_t)(b + 1));
		s->hs_index = 0;
	}
	sim_expect(s, 1, brom_handshake);
}

void brom_start(struct sim *s)
{
	s->hs_index = 0;
	sim_expect(s, 1, brom_handshake);
}

static const char *who(const struct sim *s)
{
	return s->cfg.mode == SIM_MODE_BROM ? "brom" : "preloader";
}

/* ---- register access: WRITE32 (D4) / READ32 (D1) ---- */

static uint32_t reg_read(struct sim *s, uint32_t addr)
{
	(void)s;
	(void)addr;
	return 0; /* no peripheral is modelled beyond the watchdog write */
}

static void reg_write(struct sim *s, uint32_t addr, uint32_t v)
{
	if (addr == SIM_WDT_ADDR) {
		/* WDT_MODE: key 0x22 in the top byte, bit 0 = enable. */
		sim_trace(s->trace, "%s:   watchdog %s (0x%08x)", who(s),
			  ((v >> 24) == 0x22 && !(v & 1)) ? "disabled" : "mode written", v);
	}
}

static void w32_value(struct sim *s, const uint8_t *p, size_t n)
{
	sim_emit(s, p, 4);
	reg_write(s, s->a32, rd_be32(p));
	s->a32 += 4;
	if (--s->b32 == 0) {
		sim_emit16(s, BROM_OK);
		sim_expect(s, 1, brom_cmd);
	} else {
		sim_expect(s, 4, w32_value);
	}
}

static void reg_count(struct sim *s, const uint8_t *p, size_t n)
{
	sim_emit(s, p, 4);
	s->b32 = rd_be32(p);
	sim_trace(s->trace, "%s: %02X %s addr=0x%08x count=%u", who(s), s->cmd,
		  s->cmd == 0xD4 ? "WRITE32" : "READ32", s->a32, s->b32);
	if (!s->b32 || s->b32 > REG_MAX_COUNT) {
		sim_emit16(s, BROM_ERR_COUNT);
		sim_expect(s, 1, brom_cmd);
		return;
	}
	sim_emit16(s, BROM_OK);
	if (s->cmd == 0xD4) {
		sim_expect(s, 4, w32_value);
		return;
	}
	for (uint32_t i = 0; i < s->b32; i++)
		sim_emit32(s, reg_read(s, s->a32 + 4 * i));
	sim_emit16(s, BROM_OK);
	sim_expect(s, 1, brom_cmd);
}

static void reg_addr(struct sim *s, const uint8_t *p, size_t n)
{
	sim_emit(s, p, 4);
	s->a32 = rd_be32(p);
	sim_expect(s, 4, reg_count);
}

/* ---- SEND_DA (D7) ---- */

static void da_data(struct sim *s, const uint8_t *p, size_t n)
{
	/* XOR of the 16-bit little-endian words; an odd final byte counts as a word of its own.
	 * `done` is the byte position, so a chunk may split a word. */
	for (size_t i = 0; i < n; i++, s->done++)
		s->csum ^= (uint16_t)((s->done & 1) ? p[i] << 8 : p[i]);
	if (s->done < s->len) {
		sim_expect_stream(s, (size_t)(s->len - s->done), da_data);
		return;
	}
	sim_trace(s->trace, "%s:   DA received, checksum 0x%04x", who(s), s->csum);
	sim_emit16(s, s->csum);
	sim_emit16(s, BROM_OK);
	s->da1_loaded = true;
	s->da1_addr = s->a32;
	s->da1_len = (uint32_t)s->len;
	sim_expect(s, 1, brom_cmd);
}

static void da_siglen(struct sim *s, const uint8_t *p, size_t n)
{
	sim_emit(s, p, 4);
	s->c32 = rd_be32(p);
	sim_trace(s->trace, "%s: D7 SEND_DA addr=0x%08x len=0x%x sig_len=0x%x", who(s), s->a32, s->b32, s->c32);
	if (s->b32 == 0 || s->b32 > DA1_MAX_LEN || s->c32 > s->b32) {
		sim_trace(s->trace, "%s:   refused: length outside SRAM", who(s));
		sim_emit16(s, BROM_ERR_DA_LEN);
		sim_expect(s, 1, brom_cmd);
		return;
	}
	sim_emit16(s, BROM_OK);
	s->len = s->b32;
	s->done = 0;
	s->csum = 0;
	s->da1_loaded = false;
	sim_expect_stream(s, s->b32, da_data);
}

static void da_len(struct sim *s, const uint8_t *p, size_t n)
{
	sim_emit(s, p, 4);
	s->b32 = rd_be32(p);
	sim_expect(s, 4, da_siglen);
}

static void da_addr(struct sim *s, const uint8_t *p, size_t n)
{
	sim_emit(s, p, 4);
	s->a32 = rd_be32(p);
	sim_expect(s, 4, da_len);
}

/* ---- JUMP_DA (D5) ---- */

static void jump_addr(struct sim *s, const uint8_t *p, size_t n)
{
	uint32_t addr = rd_be32(p);

	sim_emit(s, p, 4);
	sim_trace(s->trace, "%s: D5 JUMP_DA addr=0x%08x", who(s), addr);
	if (!s->da1_loaded || addr != s->da1_addr) {
		sim_trace(s->trace, "%s:   refused: no DA loaded at 0x%08x", who(s), addr);
		sim_emit16(s, BROM_ERR_JUMP);
		sim_expect(s, 1, brom_cmd);
		return;
	}
	sim_emit16(s, BROM_OK);
	da_start(s);
}

/* ---- the command loop ---- */

static void brom_cmd(struct sim *s, const uint8_t *p, size_t n)
{
	uint8_t c = p[0];
	bool pl = s->cfg.mode == SIM_MODE_PRELOADER;

	s->cmd = c;
	switch (c) {
	case 0xFD: /* GET_HW_CODE */
		sim_trace(s->trace, "%s: FD GET_HW_CODE -> 0x%04x", who(s), s->cfg.hw_code);
		sim_emit8(s, c);
		sim_emit16(s, s->cfg.hw_code);
		sim_emit16(s, BROM_OK);
		break;
	case 0xFC: /* GET_HW_SW_VER */
		sim_trace(s->trace, "%s: FC GET_HW_SW_VER -> sub 0x%04x hw 0x%04x sw 0x%04x", who(s),
			  SIM_HW_SUBCODE, SIM_HW_VER, SIM_SW_VER);
		sim_emit8(s, c);
		sim_emit16(s, SIM_HW_SUBCODE);
		sim_emit16(s, SIM_HW_VER);
		sim_emit16(s, SIM_SW_VER);
		sim_emit16(s, BROM_OK);
		break;
	case 0xFE: /* GET_BL_VER: the BROM echoes (that is how hosts tell BROM mode), the
		    * preloader answers its version. */
		sim_trace(s->trace, "%s: FE GET_BL_VER -> %s", who(s), pl ? "0x01" : "echo (BROM)");
		sim_emit8(s, pl ? 0x01 : 0xFE);
		break;
	case 0xFF: /* GET_VERSION: BROM version byte; the preloader does not know it and echoes */
		sim_trace(s->trace, "%s: FF GET_VERSION -> 0x%02x", who(s), pl ? 0xFF : 0x05);
		sim_emit8(s, pl ? 0xFF : 0x05);
		break;
	case 0xD8: /* GET_TARGET_CONFIG: no secure boot, no SLA, no DAA */
		sim_trace(s->trace, "%s: D8 GET_TARGET_CONFIG -> 0x00000000", who(s));
		sim_emit8(s, c);
		sim_emit32(s, 0);
		sim_emit16(s, BROM_OK);
		break;
	case 0xE1: /* GET_ME_ID */
		sim_trace(s->trace, "%s: E1 GET_ME_ID", who(s));
		sim_emit8(s, c);
		sim_emit32(s, 16);
		sim_emit(s, s->cfg.me_id, 16);
		sim_emit16(s, BROM_OK);
		break;
	case 0xD4: /* WRITE32 */
	case 0xD1: /* READ32 */
		sim_emit8(s, c);
		sim_expect(s, 4, reg_addr);
		return;
	case 0xD7: /* SEND_DA */
		sim_emit8(s, c);
		sim_expect(s, 4, da_addr);
		return;
	case 0xD5: /* JUMP_DA */
		sim_emit8(s, c);
		sim_expect(s, 4, jump_addr);
		return;
	default:
		/* Unknown commands are echoed and ignored, as the MT6572 preloader does. */
		sim_trace(s->trace, "%s: %02X (unknown, echoed)", who(s), c);
		sim_emit8(s, c);
		break;
	}
	sim_expect(s, 1, brom_cmd);
}
