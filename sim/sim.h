/*
 * mtkfw-sim: the device side of an MT6572 on its USB serial port, as a byte-stream state
 * machine. The main loop (main.c) moves bytes between the pseudo-terminal and this machine;
 * everything the phone decides happens here, so unit tests drive it with byte strings and
 * no pty at all.
 *
 * The machine always waits for a known number of bytes (`need`) and then runs the current
 * step with them. Bulk transfers (DA upload, write packets) use streaming steps that take
 * whatever has arrived, up to `need`. Written from ../shared/specs/brom-da-protocol.md;
 * it shares no code with the host side (lib/device), so a misreading cannot hide by being
 * mirrored on both ends.
 */
#ifndef MTKFW_SIM_H
#define MTKFW_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emmc.h"
#include "faults.h"
#include "trace.h"

enum sim_mode { SIM_MODE_BROM, SIM_MODE_PRELOADER };

/* Chip identity, reported by BROM commands and checked against the DA entry: what every
 * MT6572 eMMC phone in docs/real-phones.md reported (GET_HW_SW_VER: sub code 0x8A00, hardware
 * version 0xCA01, software version 0). tests/unit/test_sim_phones.c holds them to the logs. */
#define SIM_HW_CODE 0x6572
#define SIM_HW_SUBCODE 0x8A00
#define SIM_HW_VER 0xCA01
#define SIM_SW_VER 0x0000
#define SIM_WDT_ADDR 0x10007000u

/* The legacy DA's version bytes after the sync ACK (spec §4.2: major, minor, BB chip id): the
 * logs print "DA ver. 4.2 on BBID 0x88" for the DA of SP Flash Tool's packages on MT6572. */
#define SIM_DA_MAJOR 4
#define SIM_DA_MINOR 2
#define SIM_DA_BBID 0x88

/* Largest packet a host may ask for in READ/WRITE; real hosts use 1 MiB. */
#define SIM_MAX_PACKET (16u << 20)

struct sim;
typedef void (*sim_step)(struct sim *s, const uint8_t *p, size_t n);

struct sim_config {
	enum sim_mode mode;
	uint16_t hw_code;        /* normally 0x6572; the chip= fault changes it */
	uint8_t cid[16];         /* eMMC CID in card order (manufacturer id first) */
	uint8_t me_id[16];
	bool refuse_emi;         /* fault: reject every EMI block */
	uint64_t dram_size;      /* reported after EMI / in the flash report */
	unsigned idle_ms;        /* silence that ends a variable-length host blob (EMI) */
	bool full_speed;         /* enumerates at USB full speed: 72 reports 0 until 70 01 */
	bool refuse_speed;       /* fault: 70 01 is answered NACK; the phone stays at full speed */
	bool ignore_speed;       /* fault: 70 01 is ACKed, but the phone stays on the bus at full speed */
	bool unstable_read;      /* fault: reads after the first write differ run to run */
	/* ENABLE_DRAM after the EMI version's ACK: the real MT6572 DA names the entry length it
	 * wants (u32) and waits for the host; `emi_info` puts the 16 bytes of DRAM information
	 * mtkclient expects in front of it (mtkclient hangs at "RAM-Info" otherwise, as it did on
	 * real phones); `emi_silent` (fault) says nothing at all after the ACK. */
	bool emi_info;
	bool emi_silent;
};

struct sim {
	struct sim_config cfg;
	struct sim_emmc *emmc;   /* not owned */
	struct sim_trace *trace; /* may be NULL */

	/* input framing */
	sim_step step;
	size_t need;
	bool stream;             /* step takes 1..need bytes at a time */
	bool wait_idle;          /* step runs on sim_idle() with what has arrived */
	uint8_t in[64];
	size_t have;
	bool halted;             /* the device stopped talking (JUMP to a bad DA, etc.) */

	/* output queue, drained by the main loop (or by tests) */
	uint8_t *out;
	size_t out_len, out_cap;

	/* session state */
	unsigned hs_index;       /* handshake progress 0..4 */
	bool in_da;              /* DA1 is running */
	bool dram_ready;
	uint8_t part;            /* eMMC partition selected by SWITCH_PART (8 = user) */
	bool reset_requested;    /* FINISH/watchdog: the phone reboots when the host lets go */
	bool high_speed;         /* what 72 USB_CHECK_STATUS reports */
	/* 70 01 at full speed: the phone re-enumerates at high speed once the host has its ACK
	 * (main.c makes a new port; the DA keeps running). */
	bool reenum_requested;
	bool stay_on_close;      /* ignored 70 01: the host's close is not an unplug (the phone stayed) */
	uint64_t lost;           /* bytes of the current write a read-only card did not keep */
	bool wrote;              /* the host has written since power-on */
	uint8_t read_noise;      /* unstable-read: changes with every packet */

	/* command context */
	uint8_t cmd;
	uint32_t a32, b32, c32;
	uint64_t addr, len, done, pkt;
	uint16_t csum;
	uint8_t *bulk;           /* one write packet */
	size_t bulk_len;
	uint32_t da1_addr, da1_len;
	bool da1_loaded;
	uint8_t emi_buf[4096];
	size_t emi_len;
};

/* A fresh phone in the given configuration, waiting for the BROM handshake. */
int sim_init(struct sim *s, const struct sim_config *cfg, struct sim_emmc *emmc,
	     struct sim_trace *trace);
void sim_free(struct sim *s);

/* Power cycle: back to BROM (or the preloader, per cfg.mode) waiting for the handshake. */
void sim_reset(struct sim *s);

/* The phone reboots on its own (FINISH with its mode, watchdog): back to the handshake, but
 * what it already queued for the host (the last ACK) still goes out. */
void sim_reboot(struct sim *s);

/* Bytes from the host. */
void sim_feed(struct sim *s, const uint8_t *p, size_t n);

/* The host has been silent for cfg.idle_ms: ends a read of unknown length. */
void sim_idle(struct sim *s);
/* True when the machine is waiting for silence (the main loop then polls with a timeout). */
static inline bool sim_wants_idle(const struct sim *s) { return s->wait_idle; }

/* Take `n` bytes off the front of the output queue. */
void sim_consume_out(struct sim *s, size_t n);

/* ---- internal: used by brom.c and da_legacy.c ---- */
void sim_emit(struct sim *s, const void *p, size_t n);
void sim_emit8(struct sim *s, uint8_t v);
void sim_emit16(struct sim *s, uint16_t v);
void sim_emit32(struct sim *s, uint32_t v);
void sim_emit64(struct sim *s, uint64_t v);
void sim_expect(struct sim *s, size_t need, sim_step step);
void sim_expect_stream(struct sim *s, size_t need, sim_step step);
void sim_expect_idle(struct sim *s, sim_step step);

void brom_start(struct sim *s);    /* wait for the handshake */
void da_start(struct sim *s);      /* JUMP_DA done: DA1 sync */

/* Card-order CID as the legacy DA puts it on the wire (four 32-bit words, each byte-reversed). */
void sim_cid_wire(const uint8_t cid[16], uint8_t out[16]);

#endif
