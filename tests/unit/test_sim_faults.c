/* mtkfw-sim: each --fault option (faults.c), counted and seeded. */
#include "sim_fixture.h"

#include "faults.h"

static void parse_specs(void **state)
{
	struct sim_faults f = { 0 };
	char err[256];

	assert_int_equal(sim_faults_parse(&f, "drop-after=4096,corrupt=0x10,stall=100:250,refuse-emi,chip=0x6580,seed=7",
					  err, sizeof(err)), 0);
	assert_true(f.drop && f.drop_after == 4096);
	assert_true(f.corrupt && f.corrupt_at == 16);
	assert_true(f.stall && f.stall_after == 100 && f.stall_ms == 250);
	assert_true(f.refuse_emi);
	assert_true(f.chip && f.chip_code == 0x6580);
	assert_int_equal(f.seed, 7);
	assert_int_not_equal(f.corrupt_mask, 0);

	memset(&f, 0, sizeof(f));
	assert_int_equal(sim_faults_parse(&f, "stall=5", err, sizeof(err)), 0);
	assert_int_equal(f.stall_ms, 0); /* until the host closes */

	/* Garbage is refused with a message naming it. */
	static const char *const bad[] = { "explode=1", "drop-after", "drop-after=-1", "drop-after=12x",
					   "chip=0", "chip=0x10000", "stall=1:x", "seed=99999999999", "refuse-emi=1", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&f, 0, sizeof(f));
		err[0] = '\0';
		if (!*bad[i]) {
			/* an empty spec selects nothing and is not an error */
			assert_int_equal(sim_faults_parse(&f, bad[i], err, sizeof(err)), 0);
			continue;
		}
		assert_int_equal(sim_faults_parse(&f, bad[i], err, sizeof(err)), -1);
		assert_non_null(strstr(err, "--fault"));
	}
}

static void drop_after_counts_bytes(void **state)
{
	struct sim_faults f = { 0 };
	uint8_t buf[100] = { 0 };
	char err[128];
	bool drop;

	assert_int_equal(sim_faults_parse(&f, "drop-after=150", err, sizeof(err)), 0);
	assert_int_equal(sim_faults_out(&f, buf, 100, &drop), 100);
	assert_false(drop);
	assert_int_equal(sim_faults_out(&f, buf, 100, &drop), 50); /* only up to byte 150 */
	assert_true(drop);
	/* fires once: a host that reconnects meets a healthy phone */
	assert_int_equal(sim_faults_out(&f, buf, 100, &drop), 100);
	assert_false(drop);
}

static void corrupt_one_byte_seeded(void **state)
{
	uint8_t a[64], b[64];
	char err[128];
	bool drop;

	for (int run = 0; run < 2; run++) {
		struct sim_faults f = { 0 };
		uint8_t *buf = run ? b : a;

		memset(buf, 0x5A, 64);
		assert_int_equal(sim_faults_parse(&f, "corrupt=40,seed=3", err, sizeof(err)), 0);
		assert_int_equal(sim_faults_out(&f, buf, 32, &drop), 32); /* bytes 0..31 */
		assert_int_equal(sim_faults_out(&f, buf + 32, 32, &drop), 32);
		for (int i = 0; i < 64; i++)
			if (i != 40)
				assert_int_equal(buf[i], 0x5A);
		assert_int_not_equal(buf[40], 0x5A);
	}
	/* the same seed alters the byte the same way */
	assert_memory_equal(a, b, 64);
}

static void stall_holds_input(void **state)
{
	struct sim_faults f = { 0 };
	char err[128];
	bool stall;
	unsigned ms = 99;

	assert_int_equal(sim_faults_parse(&f, "stall=6:300", err, sizeof(err)), 0);
	assert_int_equal(sim_faults_in(&f, 4, &stall, &ms), 4);
	assert_false(stall);
	assert_int_equal(sim_faults_in(&f, 4, &stall, &ms), 2);
	assert_true(stall);
	assert_int_equal(ms, 300);
	assert_int_equal(sim_faults_in(&f, 4, &stall, &ms), 4);
	assert_false(stall);
}

/* chip= changes what GET_HW_CODE reports; the rest of the phone is the same. */
static void chip_reports_other_code(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	f->sim.cfg.hw_code = 0x6580;
	fx_handshake(f);
	XFER(f, "\xfd", "\xfd\x65\x80\x00\x00");
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_specs),
		cmocka_unit_test(drop_after_counts_bytes),
		cmocka_unit_test(corrupt_one_byte_seeded),
		cmocka_unit_test(stall_holds_input),
		cmocka_unit_test(chip_reports_other_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
