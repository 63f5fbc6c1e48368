/*
 * Fault injection for reliability tests, in the spirit of flashrom's fault programmer: each
 * fault is chosen by name, counted in bytes since the process started (so a host that
 * reconnects and retries meets a healthy phone), and the random parts come from `seed=` so a
 * failing run can be repeated exactly.
 *
 * SPEC is a comma-separated list:
 *   drop-after=N   after N bytes sent to the host, the link drops (USB unplug)
 *   corrupt=N      byte number N (0-based) sent to the host is altered (seeded XOR)
 *   stall=N[:MS]   after N bytes received, stop answering for MS ms (default: until close)
 *   refuse-emi     the DA rejects every EMI block (ENABLE_DRAM fails, SP Flash Tool's 4032)
 *   chip=0xHHHH    report another hardware code
 *   readonly       the eMMC is worn out in read-only mode: writes and erases are ACKed as
 *                  usual, but nothing changes on the card (issue #8)
 *   readonly-after=N  the same, once N bytes have been written (a chip wearing out mid-flash)
 *   no-reenum      after USB_SETUP_PORT (70 01) the phone leaves the bus and never comes back
 *   unstable-read  once the host has written, each READ packet has one byte changed (another
 *                  each time) under a matching checksum: failing RAM, not a bad link
 *   refuse-speed   the DA answers USB_SETUP_PORT (70 01) with NACK and stays at full speed
 *   ignore-speed   the DA ACKs 70 01 but never leaves the bus: still full speed, same port
 *                  (CM2's "Switching to HSUSB ... failed", docs/real-phones.md S3)
 *   emi-silent     after ACKing ENABLE_DRAM's EMI version the DA says nothing more (the two
 *                  MT6572s of mtkclient issue #318)
 *   seed=S         seed for the corrupt mask
 */
#ifndef MTKFW_SIM_FAULTS_H
#define MTKFW_SIM_FAULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim_faults {
	bool drop, corrupt, stall, refuse_emi, chip, readonly, no_reenum, unstable_read;
	bool refuse_speed, ignore_speed, emi_silent;
	uint64_t drop_after, corrupt_at, stall_after;
	uint64_t readonly_after; /* bytes the card keeps before it turns read-only */
	unsigned stall_ms;  /* 0: until the host closes */
	uint16_t chip_code;
	uint32_t seed;

	/* counters */
	uint64_t sent, received;
	bool drop_fired, corrupt_fired, stall_fired;
	uint8_t corrupt_mask;
};

/* Parse SPEC into `f` (adding to what is there). On error returns -1 and writes a one-line
 * reason into `err`. */
int sim_faults_parse(struct sim_faults *f, const char *spec, char *err, size_t errlen);

/* Outgoing bytes: may alter one byte in place. Returns how many of the `n` bytes may be
 * sent before the link drops; when it returns less than `n`, *drop is set. */
size_t sim_faults_out(struct sim_faults *f, uint8_t *buf, size_t n, bool *drop);

/* Incoming bytes: returns how many of the `n` bytes the phone takes before it stalls; sets
 * *stall_ms (0 = forever) when the stall starts. */
size_t sim_faults_in(struct sim_faults *f, size_t n, bool *stall, unsigned *stall_ms);

#endif
