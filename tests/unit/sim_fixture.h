/* Shared fixture for the sim unit tests: a phone with a small disk in a temp folder, fed
 * byte strings directly (no pty). Expected bytes come from the protocol spec, written out
 * by hand in each test. */
#ifndef SIM_FIXTURE_H
#define SIM_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "sim.h"
#include "boot1.h"

struct fx {
	char *dir;
	struct sim_emmc emmc;
	struct sim sim;
};

static inline struct fx *fx_new(enum sim_mode mode, uint64_t user_size)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct sim_config cfg = { .mode = mode };
	struct sim_emmc_geometry geo = sim_emmc_geometry_default;
	char err[256];

	assert_non_null(f);
	f->dir = make_tempdir();
	geo.user_size = user_size;
	assert_int_equal(sim_emmc_open(&f->emmc, f->dir, &geo, err, sizeof(err)), 0);
	assert_int_equal(sim_boot1_write(&f->emmc.boot1, NULL), 0);
	assert_int_equal(sim_boot1_cid(&f->emmc.boot1, cfg.cid), 0);
	for (int i = 0; i < 16; i++)
		cfg.me_id[i] = (uint8_t)i;
	sim_init(&f->sim, &cfg, &f->emmc, NULL);
	return f;
}

static inline void fx_free(struct fx *f)
{
	sim_free(&f->sim);
	sim_emmc_close(&f->emmc);
	rm_rf(f->dir);
	free(f->dir);
	free(f);
}

/* Feed bytes, then check the phone's answer is exactly `want` and clear it. */
static inline void fx_xfer(struct fx *f, const void *in, size_t n, const void *want, size_t wn)
{
	sim_feed(&f->sim, in, n);
	if (f->sim.out_len != wn || memcmp(f->sim.out, want, wn)) {
		print_error("answer of %zu bytes, wanted %zu:", f->sim.out_len, wn);
		for (size_t i = 0; i < f->sim.out_len && i < 64; i++)
			print_error(" %02x", f->sim.out[i]);
		print_error("\n");
		fail();
	}
	sim_consume_out(&f->sim, f->sim.out_len);
}
#define XFER(f, in, want) fx_xfer(f, in, sizeof(in) - 1, want, sizeof(want) - 1)

static inline void fx_handshake(struct fx *f)
{
	XFER(f, "\xa0\x0a\x50\x05", "\x5f\xf5\xaf\xfa");
}

/* A DA1 upload and jump at 0x02007000 (0x10 bytes), leaving the sync block in the queue. */
static inline void fx_jump_da(struct fx *f)
{
	uint8_t da[16];

	memset(da, 0x11, sizeof(da));
	XFER(f, "\xd7\x02\x00\x70\x00\x00\x00\x00\x10\x00\x00\x00\x00",
	     "\xd7\x02\x00\x70\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00");
	/* XOR of eight LE words 0x1111 = 0 */
	fx_xfer(f, da, sizeof(da), "\x00\x00\x00\x00", 4);
	sim_feed(&f->sim, (const uint8_t *)"\xd5\x02\x00\x70\x00", 5);
}

#endif
