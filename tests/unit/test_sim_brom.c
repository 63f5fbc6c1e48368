/* mtkfw-sim: the handshake and the BROM/preloader commands, byte for byte (spec §2). */
#include "sim_fixture.h"

#include "core/bytes.h"

static void handshake_answers_complements(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	fx_handshake(f);
	/* Now in the command loop: FD is echoed and answered. */
	XFER(f, "\xfd", "\xfd\x65\x72\x00\x00");
	fx_free(f);
}

static void handshake_mismatch_restarts(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	/* A wrong byte gets byte+1 and restarts; a mismatch is not re-tested against A0. */
	XFER(f, "\xa0", "\x5f");
	XFER(f, "\x33", "\x34");
	XFER(f, "\x0a", "\x0b");
	XFER(f, "\xa0\x0a\x50\x05", "\x5f\xf5\xaf\xfa");
	XFER(f, "\xfe", "\xfe");
	fx_free(f);
}

static void brom_identity(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	fx_handshake(f);
	/* sub code 0x8A00, hw version 0xCA01, sw 0: what real MT6572s reported (docs/real-phones.md) */
	XFER(f, "\xfc", "\xfc\x8a\x00\xca\x01\x00\x00\x00\x00");
	XFER(f, "\xfe", "\xfe");        /* BROM echoes */
	XFER(f, "\xff", "\x05");        /* BROM version */
	XFER(f, "\xd8", "\xd8\x00\x00\x00\x00\x00\x00");
	XFER(f, "\xe1", "\xe1\x00\x00\x00\x10\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x00\x00");
	XFER(f, "\x42", "\x42");        /* unknown: echoed */
	fx_free(f);
}

static void preloader_identity(void **state)
{
	struct fx *f = fx_new(SIM_MODE_PRELOADER, 1 << 20);

	fx_handshake(f);
	XFER(f, "\xfe", "\x01");
	XFER(f, "\xff", "\xff");
	XFER(f, "\xfd", "\xfd\x65\x72\x00\x00");
	fx_free(f);
}

static void watchdog_write32(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	fx_handshake(f);
	/* The verified transcript of §2.5: every dword echoed, status after count and at the end. */
	XFER(f, "\xd4", "\xd4");
	XFER(f, "\x10\x00\x70\x00", "\x10\x00\x70\x00");
	XFER(f, "\x00\x00\x00\x01", "\x00\x00\x00\x01\x00\x00");
	XFER(f, "\x22\x00\x00\x64", "\x22\x00\x00\x64\x00\x00");
	/* READ32 of two dwords: zeros, statuses */
	XFER(f, "\xd1\x10\x00\x70\x00\x00\x00\x00\x02",
	     "\xd1\x10\x00\x70\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
	/* A count of 0 is refused with a non-zero status and the loop goes on. */
	sim_feed(&f->sim, (const uint8_t *)"\xd4\x10\x00\x70\x00\x00\x00\x00\x00", 9);
	assert_int_equal(f->sim.out_len, 11);
	assert_int_not_equal(rd_be16(f->sim.out + 9), 0);
	sim_consume_out(&f->sim, f->sim.out_len);
	XFER(f, "\xfd", "\xfd\x65\x72\x00\x00");
	fx_free(f);
}

static void send_da_checksum(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	fx_handshake(f);
	/* Five bytes 01 02 03 04 05: LE words 0x0201 ^ 0x0403 ^ 0x0005 = 0x0607 (by hand). */
	XFER(f, "\xd7\x02\x00\x70\x00\x00\x00\x00\x05\x00\x00\x00\x00",
	     "\xd7\x02\x00\x70\x00\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00");
	/* Split across feeds, the first ending inside a word. */
	XFER(f, "\x01", "");
	XFER(f, "\x02\x03", "");
	XFER(f, "\x04\x05", "\x06\x07\x00\x00");
	/* JUMP_DA elsewhere than the load address is refused. */
	sim_feed(&f->sim, (const uint8_t *)"\xd5\x02\x00\x80\x00", 5);
	assert_int_equal(f->sim.out_len, 7);
	assert_memory_equal(f->sim.out, "\xd5\x02\x00\x80\x00", 5);
	assert_int_not_equal(rd_be16(f->sim.out + 5), 0);
	fx_free(f);
}

static void send_da_too_large(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	fx_handshake(f);
	/* 0x7FFFFFFF bytes cannot fit MT6572 SRAM: status non-zero, no data phase. */
	sim_feed(&f->sim, (const uint8_t *)"\xd7\x02\x00\x70\x00\x7f\xff\xff\xff\x00\x00\x01\x00", 13);
	assert_int_equal(f->sim.out_len, 15);
	assert_int_not_equal(rd_be16(f->sim.out + 13), 0);
	sim_consume_out(&f->sim, f->sim.out_len);
	XFER(f, "\xfd", "\xfd\x65\x72\x00\x00");
	fx_free(f);
}

static void jump_da_starts_da1(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);
	const uint8_t *o;

	fx_handshake(f);
	fx_jump_da(f);
	o = f->sim.out;
	/* echo + status, then C0, NAND not found (0xBC4), no NAND ids, eMMC found, CID words */
	assert_int_equal(f->sim.out_len, 7 + 1 + 4 + 2 + 4 + 16);
	assert_memory_equal(o, "\xd5\x02\x00\x70\x00\x00\x00", 7);
	assert_int_equal(o[7], 0xC0);
	assert_int_equal(rd_be32(o + 8), 0xBC4);
	assert_int_equal(rd_be16(o + 12), 0);
	assert_int_equal(rd_be32(o + 14), 0);
	/* The first CID word goes out byte-reversed: CID bytes 3,2,1,0 (Micron FE 01 4E 'M'). */
	assert_memory_equal(o + 18, "\x4d\x4e\x01\xfe", 4);
	fx_free(f);
}

static void reset_returns_to_handshake(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 1 << 20);

	fx_handshake(f);
	sim_reset(&f->sim);
	XFER(f, "\xfd", "\xfe");            /* not a command any more: handshake mismatch */
	fx_handshake(f);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(handshake_answers_complements),
		cmocka_unit_test(handshake_mismatch_restarts),
		cmocka_unit_test(brom_identity),
		cmocka_unit_test(preloader_identity),
		cmocka_unit_test(watchdog_write32),
		cmocka_unit_test(send_da_checksum),
		cmocka_unit_test(send_da_too_large),
		cmocka_unit_test(jump_da_starts_da1),
		cmocka_unit_test(reset_returns_to_handshake),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
