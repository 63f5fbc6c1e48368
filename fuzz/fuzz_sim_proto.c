/*
 * Fuzz harness for mtkfw-sim's byte-stream parser (the phone's side of BROM, preloader and
 * legacy DA): whatever a host sends, the sim must never crash, overrun or touch bytes outside
 * its disk files. Byte 0 picks the mode and the variants (USB speed, speed faults, EMI form);
 * the rest is fed in chunks whose sizes come from the input, with the idle timer firing
 * between chunks. The answers are drained and dropped (the "write back" of a protocol parser
 * is its answer).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot1.h"
#include "emmc.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sim_emmc emmc;
static char dir[64];

static void cleanup(void)
{
	static const char *const names[] = { "boot1.img", "boot2.img", "rpmb.img", "user.img" };
	char p[128];

	sim_emmc_close(&emmc);
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

static int setup(void)
{
	char err[256];
	struct sim_emmc_geometry geo = sim_emmc_geometry_default;

	geo.user_size = 1 << 20;
	snprintf(dir, sizeof(dir), "/tmp/mtkfw-fuzz-sim-XXXXXX");
	if (!mkdtemp(dir) || sim_emmc_open(&emmc, dir, &geo, err, sizeof(err)) != 0 ||
	    sim_boot1_write(&emmc.boot1, NULL) != 0)
		return -1;
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct sim_config cfg = { .mode = SIM_MODE_BROM };
	struct sim s;
	size_t pos = 1;

	if (!ready)
		ready = setup() == 0 ? 1 : -1;
	if (ready < 0 || size < 1)
		return 0;
	cfg.mode = (data[0] & 1) ? SIM_MODE_PRELOADER : SIM_MODE_BROM;
	/* The variants real phones showed, and mtkclient's: each reachable from the first byte. */
	cfg.full_speed = data[0] & 2;
	cfg.refuse_speed = data[0] & 4;
	cfg.ignore_speed = data[0] & 8;
	cfg.emi_info = data[0] & 16;
	cfg.emi_silent = data[0] & 32;
	sim_boot1_cid(&emmc.boot1, cfg.cid);
	sim_init(&s, &cfg, &emmc, NULL);
	while (pos < size && !s.halted) {
		/* chunk length from the data itself: 1..64 bytes, or the rest */
		size_t n = (data[pos] & 0x80) ? size - pos : (size_t)(data[pos] & 0x3F) + 1;

		if (n > size - pos)
			n = size - pos;
		sim_feed(&s, data + pos, n);
		pos += n;
		if (sim_wants_idle(&s))
			sim_idle(&s);
		sim_consume_out(&s, s.out_len);
	}
	sim_free(&s);
	return 0;
}
