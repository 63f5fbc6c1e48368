/* mtkfw-sim: a worn eMMC (--fault readonly, readonly-after=N) and USB speed (--usb-speed
 * full: 72 reports 0, 70 01 asks main.c to re-enumerate), fed byte strings as in
 * test_sim_da.c; expected bytes are the spec's (§4.7.1, §4.7.2, §4.7.5, §4.7.6). */
#include "sim_fixture.h"

#include "core/bytes.h"
#include "faults.h"

static const char host_cfg[] = "\x05\xfe\x00\x08\x00\x70\x07\xff\xff\x00\x00\x00\x00\xa8\x01\x01\x02\x00";

static struct fx *da2_ready(bool full_speed)
{
	struct fx *f = fx_new(SIM_MODE_PRELOADER, 4 << 20);
	uint8_t pkt[0x800];

	f->sim.cfg.full_speed = full_speed;
	sim_reset(&f->sim);
	fx_handshake(f);
	fx_jump_da(f);
	sim_consume_out(&f->sim, f->sim.out_len);
	XFER(f, "\x5a", "\x04\x02\x88"); /* "DA ver. 4.2 on BBID 0x88" */
	XFER(f, host_cfg, "\x00\x00\x00\x00");
	memset(pkt, 0xA5, sizeof(pkt));
	XFER(f, "\x80\x00\x00\x00\x00\x00\x08\x00\x00\x00\x10\x00", "\x5a");
	fx_xfer(f, pkt, sizeof(pkt), "\x5a\x5a", 2);
	sim_feed(&f->sim, (const uint8_t *)"\x5a", 1);
	assert_int_equal(f->sim.out_len, 236);
	sim_consume_out(&f->sim, 236);
	return f;
}

/* WRITE_DATA of 0x400 bytes at user 0 in one packet: the DA's reply to the packet. */
static uint8_t write_1k(struct fx *f, const uint8_t *data)
{
	uint8_t c[2], r;
	uint16_t sum = 0;

	for (size_t i = 0; i < 0x400; i++)
		sum = (uint16_t)(sum + data[i]);
	XFER(f, "\x62\x01\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x04\x00", "\x5a");
	XFER(f, "\x5a", "");
	sim_feed(&f->sim, data, 0x400);
	wr_be16(c, sum);
	sim_feed(&f->sim, c, 2);
	assert_int_equal(f->sim.out_len, 1);
	r = f->sim.out[0];
	sim_consume_out(&f->sim, 1);
	return r;
}

static void parse_wear_faults(void **state)
{
	struct sim_faults f = { 0 };
	char err[256];

	assert_int_equal(sim_faults_parse(&f, "readonly-after=0x1000,no-reenum,unstable-read", err, sizeof(err)), 0);
	assert_true(f.readonly && f.readonly_after == 0x1000 && f.no_reenum && f.unstable_read);
	memset(&f, 0, sizeof(f));
	assert_int_equal(sim_faults_parse(&f, "readonly", err, sizeof(err)), 0);
	assert_true(f.readonly && f.readonly_after == 0 && !f.no_reenum);
	memset(&f, 0, sizeof(f));
	assert_int_equal(sim_faults_parse(&f, "refuse-speed,ignore-speed,emi-silent", err, sizeof(err)), 0);
	assert_true(f.refuse_speed && f.ignore_speed && f.emi_silent && !f.refuse_emi);
	static const char *const bad[] = { "readonly=1", "readonly-after", "readonly-after=x", "no-reenum=2",
					   "unstable-read=1", "refuse-speed=1", "ignore-speed=yes", "emi-silent=0" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&f, 0, sizeof(f));
		assert_int_equal(sim_faults_parse(&f, bad[i], err, sizeof(err)), -1);
		assert_non_null(strstr(err, "--fault"));
	}
}

static void keep_counts_bytes(void **state)
{
	struct sim_emmc e = { .wear = true, .wear_budget = 1000 };

	assert_int_equal(sim_emmc_keep(&e, 600), 600);
	assert_false(sim_emmc_readonly(&e));
	assert_int_equal(sim_emmc_keep(&e, 600), 400); /* the start of the packet only */
	assert_true(sim_emmc_readonly(&e));
	assert_int_equal(sim_emmc_keep(&e, 600), 0);
	e.wear = false;
	assert_int_equal(sim_emmc_keep(&e, 600), 600); /* a healthy card keeps everything */
}

static void readonly_acks_and_keeps_nothing(void **state)
{
	struct fx *f = da2_ready(false);
	uint8_t data[0x400], back[0x400], old[0x400];
	int frames = 0;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7 + 1);
	memset(old, 0x3C, sizeof(old));
	assert_int_equal(sim_area_write(&f->emmc.user, 0, old, sizeof(old)), 0);
	/* Healthy for the first 0x200 bytes, then read-only. */
	f->emmc.wear = true;
	f->emmc.wear_budget = 0x200;
	assert_int_equal(write_1k(f, data), 0x69); /* CONT: the DA says it is stored */
	assert_int_equal(sim_area_read(&f->emmc.user, 0, back, sizeof(back)), 0);
	assert_memory_equal(back, data, 0x200);
	assert_memory_equal(back + 0x200, old + 0x200, 0x200);
	/* A second write: CONT again, nothing changes. */
	memset(data, 0x77, sizeof(data));
	assert_int_equal(write_1k(f, data), 0x69);
	assert_int_equal(sim_area_read(&f->emmc.user, 0, back + 0, 1), 0);
	assert_int_not_equal(back[0], 0x77);
	/* FORMAT of the range: frames to 100%, closing ACKs, the data stays. */
	XFER(f, "\x60", "\x5a");
	XFER(f, "\x08", "\x5a");
	sim_feed(&f->sim, (const uint8_t *)"\xd4\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00", 21);
	for (;;) {
		uint8_t pct;

		assert_int_equal(f->sim.out_len, 7);
		pct = f->sim.out[6];
		frames++;
		sim_consume_out(&f->sim, 7);
		sim_feed(&f->sim, (const uint8_t *)"\x5a", 1);
		if (pct == 100)
			break;
	}
	XFER(f, "", "\x5a\x5a");
	assert_int_equal(sim_area_read(&f->emmc.user, 0x200, back, 0x200), 0);
	assert_memory_equal(back, old + 0x200, 0x200);
	fx_free(f);
}

static void full_speed_switch(void **state)
{
	struct fx *f = da2_ready(true);

	XFER(f, "\x72", "\x5a\x00"); /* full speed */
	assert_false(f->sim.reenum_requested);
	XFER(f, "\x70\x01", "\x5a");
	assert_true(f->sim.reenum_requested); /* main.c re-enumerates once the ACK is out */
	f->sim.reenum_requested = false;
	XFER(f, "\x72", "\x5a\x01"); /* the DA kept running, now at high speed */
	XFER(f, "\x70\x01", "\x5a"); /* already high: no second re-enumeration */
	assert_false(f->sim.reenum_requested);
	/* A reboot enumerates at full speed again. */
	sim_reboot(&f->sim);
	assert_false(f->sim.high_speed);
	fx_free(f);

	f = da2_ready(false); /* --usb-speed high: hosts never switch */
	XFER(f, "\x72", "\x5a\x01");
	fx_free(f);
}

/* refuse-speed: NACK and full speed for good; ignore-speed: ACK, no re-enumeration, still
 * full speed, and the host's close after it is not taken for an unplug. */
static void speed_switch_faults(void **state)
{
	struct fx *f = da2_ready(true);

	f->sim.cfg.refuse_speed = true;
	XFER(f, "\x70\x01", "\xa5");
	assert_false(f->sim.reenum_requested);
	XFER(f, "\x72", "\x5a\x00");
	fx_free(f);

	f = da2_ready(true);
	f->sim.cfg.ignore_speed = true;
	XFER(f, "\x70\x01", "\x5a");
	assert_false(f->sim.reenum_requested);
	assert_true(f->sim.stay_on_close);
	XFER(f, "\x72", "\x5a\x00");
	/* A reboot forgets it. */
	sim_reboot(&f->sim);
	assert_false(f->sim.stay_on_close);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_wear_faults),
		cmocka_unit_test(keep_counts_bytes),
		cmocka_unit_test(readonly_acks_and_keeps_nothing),
		cmocka_unit_test(full_speed_switch),
		cmocka_unit_test(speed_switch_faults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
