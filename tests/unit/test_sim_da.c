/* mtkfw-sim: the legacy DA (spec §4) fed byte strings — config, EMI, DA2, report, READ,
 * WRITE_DATA, FORMAT, FINISH — with the disk files checked directly. */
#include "sim_fixture.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "core/bytes.h"

/* mtkclient's 18-byte host config for MT6572 in BROM mode (verified bytes of §4.3). */
static const char host_cfg[] = "\x05\xfe\x00\x08\x00\x70\x07\xff\xff\x00\x00\x00\x00\xa8\x01\x01\x02\x00";

/* Through the sync ACK and the DA version bytes. */
static void to_config(struct fx *f)
{
	fx_handshake(f);
	fx_jump_da(f);
	sim_consume_out(&f->sim, f->sim.out_len);
	XFER(f, "\x5a", "\x04\x02\x88"); /* "DA ver. 4.2 on BBID 0x88" */
}

/* DA2 of 0x1800 bytes in 0x1000 packets, the final ACK exchange, the 236-byte report. */
static void upload_da2(struct fx *f, uint8_t report[236])
{
	uint8_t pkt[0x1000];

	memset(pkt, 0xA5, sizeof(pkt));
	XFER(f, "\x80\x00\x00\x00\x00\x00\x18\x00\x00\x00\x10\x00", "\x5a");
	fx_xfer(f, pkt, 0x1000, "\x5a", 1);
	fx_xfer(f, pkt, 0x800, "\x5a\x5a", 2); /* packet ACK, then the unprompted final ACK */
	sim_feed(&f->sim, (const uint8_t *)"\x5a", 1);
	assert_int_equal(f->sim.out_len, 236);
	memcpy(report, f->sim.out, 236);
	sim_consume_out(&f->sim, 236);
}

static struct fx *da2_ready(enum sim_mode mode, uint64_t user)
{
	struct fx *f = fx_new(mode, user);
	uint8_t report[236];

	to_config(f);
	XFER(f, host_cfg, "\x00\x00\x00\x00");
	upload_da2(f, report);
	return f;
}

static void preloader_mode_report(void **state)
{
	struct fx *f = fx_new(SIM_MODE_PRELOADER, 32 << 20);
	uint8_t r[236];

	to_config(f);
	XFER(f, host_cfg, "\x00\x00\x00\x00"); /* DRAM ready */
	upload_da2(f, r);
	assert_int_equal(rd_be32(r + 0x00), 0xBC3);          /* no NOR */
	assert_int_equal(rd_be32(r + 0x1C), 0xBC4);          /* no NAND */
	assert_int_equal(rd_be16(r + 0x2B), 7);
	assert_int_equal(rd_be32(r + 0x44), 0);              /* eMMC ok */
	assert_int_equal(rd_be64(r + 0x48), 2 << 20);        /* boot1 = boot1.img */
	assert_int_equal(rd_be64(r + 0x50), 2 << 20);        /* boot2 */
	assert_int_equal(rd_be64(r + 0x58), 512 << 10);      /* RPMB */
	assert_int_equal(rd_be64(r + 0x80), 32 << 20);       /* user area = user.img */
	assert_memory_equal(r + 0x88, "\x4d\x4e\x01\xfe", 4); /* CID word 0, byte-reversed */
	assert_int_equal(rd_be64(r + 0x98), 0x10);           /* firmware version: the CID's PRV */
	assert_int_equal(r[0xE2], 0x5A);
	assert_int_equal(r[0xEB], 0xC1);
	XFER(f, "\x72", "\x5a\x01");                         /* high speed */
	XFER(f, "\x70\x01", "\x5a");
	fx_free(f);
}

static void brom_mode_needs_emi(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 32 << 20);
	uint8_t *pl;
	size_t pl_len;
	const uint8_t *o, *emi;

	to_config(f);
	sim_feed(&f->sim, (const uint8_t *)host_cfg, 18);
	o = f->sim.out;
	/* 0xBC3 "DRAM needs setting up", 4 bytes, the CID (16), 0xBC4, no NAND ids */
	assert_int_equal(f->sim.out_len, 4 + 4 + 16 + 4 + 2);
	assert_int_equal(rd_be32(o), 0xBC3);
	assert_int_equal(rd_be32(o + 24), 0xBC4);
	assert_int_equal(rd_be16(o + 28), 0);
	sim_consume_out(&f->sim, f->sim.out_len);

	/* The wrong EMI version is refused with NACK. */
	XFER(f, "\xe8\x00\x00\x00\x0c", "\xa5");
	/* v11 accepted: ACK and the length of the entry the DA wants (CM2: "EmiReq 0x00A8"), no
	 * 16-byte info block in front of it; then it waits for the host's ACK. */
	XFER(f, "\xe8\x00\x00\x00\x0b", "\x5a\x00\x00\x00\xa8");
	XFER(f, "\x5a", "");

	/* Our own preloader's table: first = our card. The DA takes exactly the entry it asked
	 * for and answers its checksum at once. */
	assert_int_equal(sim_preloader_build(&pl, &pl_len, NULL), 0);
	emi = memmem(pl, pl_len, "MTK_BIN", 7);
	assert_non_null(emi);
	emi += 0xC;
	sim_feed(&f->sim, emi, 0xA7);
	assert_int_equal(f->sim.out_len, 0);
	sim_feed(&f->sim, emi + 0xA7, 1);
	assert_false(sim_wants_idle(&f->sim));
	assert_int_equal(f->sim.out_len, 2);  /* checksum */
	{
		uint16_t sum = 0;
		for (size_t i = 0; i < 0xA8; i++)
			sum = (uint16_t)(sum + emi[i]);
		assert_int_equal(rd_be16(f->sim.out), sum);
	}
	sim_consume_out(&f->sim, 2);
	sim_feed(&f->sim, (const uint8_t *)"\x5a\x80\x00\x00\x01", 5);
	/* m_ext_ram_ret 0, DRAM, CS0, 512 MiB from the entry's rank 0 */
	assert_int_equal(f->sim.out_len, 4 + 1 + 1 + 8);
	assert_int_equal(rd_be32(f->sim.out), 0);
	assert_int_equal(f->sim.out[4], 2);
	assert_int_equal(rd_be64(f->sim.out + 6), 0x20000000);
	sim_consume_out(&f->sim, f->sim.out_len);
	{
		uint8_t r[236];
		upload_da2(f, r);
		assert_int_equal(rd_be64(r + 0xCA), 0x20000000);
	}
	free(pl);
	fx_free(f);
}

/* An EMI table without our card: ENABLE_DRAM fails (S_DA_EXT_RAM_ERROR, SPFT's 4032). */
static void emi_mismatch_fails(void **state)
{
	for (int variant = 0; variant < 2; variant++) {
		struct fx *f = fx_new(SIM_MODE_BROM, 32 << 20);
		uint8_t *pl;
		size_t pl_len;
		const uint8_t *emi;

		if (variant == 1)
			f->sim.cfg.refuse_emi = true; /* the fault: even our own table fails */
		to_config(f);
		sim_feed(&f->sim, (const uint8_t *)host_cfg, 18);
		sim_consume_out(&f->sim, f->sim.out_len);
		sim_feed(&f->sim, (const uint8_t *)"\xe8\x00\x00\x00\x0b\x5a", 6);
		sim_consume_out(&f->sim, f->sim.out_len);
		assert_int_equal(sim_preloader_build(&pl, &pl_len, NULL), 0);
		emi = (const uint8_t *)memmem(pl, pl_len, "MTK_BIN", 7) + 0xC;
		/* variant 0: the second entry (Samsung), not our card */
		sim_feed(&f->sim, variant ? emi : emi + 0xA8, 0xA8);
		assert_int_equal(f->sim.out_len, 2);
		sim_consume_out(&f->sim, 2);
		sim_feed(&f->sim, (const uint8_t *)"\x5a\x80\x00\x00\x01", 5);
		assert_int_equal(f->sim.out_len, 14);
		assert_int_equal(rd_be32(f->sim.out), 3001);
		assert_false(f->sim.dram_ready);
		free(pl);
		fx_free(f);
	}
}

/* --emi-info: the exchange as mtkclient expects it (16 bytes of DRAM info before the entry
 * length), and the whole table it sends taken until it falls silent. */
static void emi_info_mtkclient_form(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 32 << 20);
	uint8_t *pl, wire[16];
	size_t pl_len;
	const uint8_t *emi;

	f->sim.cfg.emi_info = true;
	to_config(f);
	sim_feed(&f->sim, (const uint8_t *)host_cfg, 18);
	sim_consume_out(&f->sim, f->sim.out_len);
	sim_feed(&f->sim, (const uint8_t *)"\xe8\x00\x00\x00\x0b", 5);
	assert_int_equal(f->sim.out_len, 1 + 16 + 4);
	assert_int_equal(f->sim.out[0], 0x5A);
	sim_cid_wire(f->sim.cfg.cid, wire);
	assert_memory_equal(f->sim.out + 1, wire, 16);
	assert_int_equal(rd_be32(f->sim.out + 17), 0xA8);
	sim_consume_out(&f->sim, f->sim.out_len);
	XFER(f, "\x5a", "");
	assert_int_equal(sim_preloader_build(&pl, &pl_len, NULL), 0);
	emi = (const uint8_t *)memmem(pl, pl_len, "MTK_BIN", 7) + 0xC;
	sim_feed(&f->sim, emi, 3 * 0xA8);
	assert_int_equal(f->sim.out_len, 0);  /* waits for the host to fall silent */
	assert_true(sim_wants_idle(&f->sim));
	sim_idle(&f->sim);
	assert_int_equal(f->sim.out_len, 2);
	sim_consume_out(&f->sim, 2);
	sim_feed(&f->sim, (const uint8_t *)"\x5a\x80\x00\x00\x01", 5);
	assert_int_equal(f->sim.out_len, 14);
	assert_int_equal(rd_be32(f->sim.out), 0);
	assert_true(f->sim.dram_ready);
	free(pl);
	fx_free(f);
}

/* --fault emi-silent: the EMI version is ACKed, then nothing, whatever the host sends. */
static void emi_silent_fault(void **state)
{
	struct fx *f = fx_new(SIM_MODE_BROM, 32 << 20);
	uint8_t junk[0xA8 + 5];

	f->sim.cfg.emi_silent = true;
	to_config(f);
	sim_feed(&f->sim, (const uint8_t *)host_cfg, 18);
	sim_consume_out(&f->sim, f->sim.out_len);
	XFER(f, "\xe8\x00\x00\x00\x0b", "\x5a");
	memset(junk, 0x5A, sizeof(junk));
	sim_feed(&f->sim, junk, sizeof(junk));
	sim_idle(&f->sim);
	assert_int_equal(f->sim.out_len, 0);
	assert_true(f->sim.halted);
	/* A power cycle brings it back. */
	sim_reset(&f->sim);
	fx_handshake(f);
	fx_free(f);
}

static void read_packets_and_checksums(void **state)
{
	struct fx *f = da2_ready(SIM_MODE_PRELOADER, 4 << 20);
	uint8_t data[0x300];

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 3);
	assert_int_equal(sim_area_write(&f->emmc.user, 0x1000, data, sizeof(data)), 0);
	XFER(f, "\x60", "\x5a");
	XFER(f, "\x08", "\x5a");
	/* 0x300 bytes at 0x1000 in 0x200-byte packets */
	XFER(f, "\xd6\x0c\x02\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x03\x00", "\x5a");
	sim_feed(&f->sim, (const uint8_t *)"\x00\x00\x02\x00", 4);
	assert_int_equal(f->sim.out_len, 0x202);
	assert_memory_equal(f->sim.out, data, 0x200);
	{
		uint16_t sum = 0;
		for (int i = 0; i < 0x200; i++)
			sum = (uint16_t)(sum + data[i]);
		assert_int_equal(rd_be16(f->sim.out + 0x200), sum);
	}
	sim_consume_out(&f->sim, f->sim.out_len);
	sim_feed(&f->sim, (const uint8_t *)"\x5a", 1);
	assert_int_equal(f->sim.out_len, 0x102);
	assert_memory_equal(f->sim.out, data + 0x200, 0x100);
	sim_consume_out(&f->sim, f->sim.out_len);
	XFER(f, "\x5a", "");
	XFER(f, "\x72", "\x5a\x01"); /* back in the command loop */
	fx_free(f);
}

static void read_out_of_range_nacks(void **state)
{
	struct fx *f = da2_ready(SIM_MODE_PRELOADER, 4 << 20);

	/* 0x100 bytes at 4 MiB - 0x80: past the end of the user area */
	XFER(f, "\xd6\x0c\x02\x00\x00\x00\x00\x00\x3f\xff\x80\x00\x00\x00\x00\x00\x00\x01\x00", "\xa5");
	/* mtkclient sends the packet length, then NACK, and reads a little-endian status */
	XFER(f, "\x00\x10\x00\x00", "");
	XFER(f, "\xa5", "\xdf\x0b\x00\x00");
	/* switching to a GP partition the card lacks is refused */
	XFER(f, "\x60", "\x5a");
	XFER(f, "\x04", "\xa5");
	XFER(f, "\x72", "\x5a\x01");
	fx_free(f);
}

static void write_data_to_disk(void **state)
{
	struct fx *f = da2_ready(SIM_MODE_PRELOADER, 4 << 20);
	uint8_t data[0x400], back[0x400];
	uint16_t sum = 0;

	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (uint8_t)(i ^ 0x5C);
		sum = (uint16_t)(sum + data[i]);
	}
	/* boot1 (part 1 in the command), 0x400 at 0x200, packets of 0x400 */
	XFER(f, "\x62\x01\x01\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x04\x00", "\x5a");
	XFER(f, "\x5a", "");
	sim_feed(&f->sim, data, sizeof(data));
	{
		uint8_t c[2];
		wr_be16(c, sum);
		fx_xfer(f, c, 2, "\x69", 1);
	}
	assert_int_equal(sim_area_read(&f->emmc.boot1, 0x200, back, sizeof(back)), 0);
	assert_memory_equal(back, data, sizeof(data));

	/* A bad checksum: NACK and the disk keeps its bytes. */
	XFER(f, "\x62\x01\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x04\x00", "\x5a");
	XFER(f, "\x5a", "");
	sim_feed(&f->sim, data, sizeof(data));
	fx_xfer(f, "\x00\x01", 2, "\xa5", 1);
	assert_int_equal(sim_area_read(&f->emmc.user, 0, back, sizeof(back)), 0);
	assert_int_equal(back[0], 0);
	/* Beyond the end: refused before any data */
	XFER(f, "\x62\x01\x08\x00\x00\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x10\x00\x00", "\xa5");
	XFER(f, "\x72", "\x5a\x01");
	fx_free(f);
}

static void format_in_progress_frames(void **state)
{
	/* 256 MiB user area (sparse); erase 200 MiB: a 1 MiB probe, then 64 MiB chunks */
	struct fx *f = da2_ready(SIM_MODE_PRELOADER, 256ull << 20);
	uint8_t ones[4096], back[4096];
	int frames = 0;

	memset(ones, 0xFF, sizeof(ones));
	assert_int_equal(sim_area_write(&f->emmc.user, 199ull << 20, ones, sizeof(ones)), 0);
	assert_int_equal(sim_area_write(&f->emmc.user, 200ull << 20, ones, sizeof(ones)), 0);
	XFER(f, "\x60", "\x5a");
	XFER(f, "\x08", "\x5a");
	sim_feed(&f->sim, (const uint8_t *)"\xd4\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0c\x80\x00\x00", 21);
	for (;;) {
		uint8_t progress;

		assert_int_equal(f->sim.out_len, 7);
		assert_memory_equal(f->sim.out, "\x5a\x5a\x00\x00\x00\x00", 6);
		progress = f->sim.out[6];
		frames++;
		sim_consume_out(&f->sim, 7);
		sim_feed(&f->sim, (const uint8_t *)"\x5a", 1);
		if (progress == 100)
			break;
		assert_true(progress < 100);
	}
	assert_int_equal(frames, 5); /* 1 + 64 + 64 + 64 + 7 MiB */
	XFER(f, "", "\x5a\x5a");
	assert_int_equal(sim_area_read(&f->emmc.user, 199ull << 20, back, sizeof(back)), 0);
	assert_int_equal(back[0], 0);
	assert_int_equal(sim_area_read(&f->emmc.user, 200ull << 20, back, sizeof(back)), 0);
	assert_int_equal(back[0], 0xFF); /* just past the range: kept */
	fx_free(f);
}

/* READ_PMT serves the PMT region on the card now, or nothing when there is none. */
static void read_pmt_from_card(void **state)
{
	struct fx *f = da2_ready(SIM_MODE_PRELOADER, 4 << 20);
	uint8_t region[0x1000];

	XFER(f, "\xa5", "\x5a\x00\x00\x00\x00");
	XFER(f, "\x5a", "");
	XFER(f, "\x5a", "");
	memset(region, 0, sizeof(region));
	memcpy(region, "1vTP1.0", 8);
	memcpy(region + 8, "NVRAM", 5);
	memcpy(region + sizeof(region) - 4, "1vTP", 4);
	assert_int_equal(sim_area_write(&f->emmc.user, (4 << 20) - 0x100000, region, sizeof(region)), 0);
	XFER(f, "\xa5", "\x5a\x00\x00\x10\x00");
	fx_xfer(f, "\x5a", 1, region, sizeof(region));
	XFER(f, "\x5a", "");
	XFER(f, "\x72", "\x5a\x01");
	fx_free(f);
}

/* Where holes cannot be punched, zeros are written 1 MiB per frame. */
static void format_slow_erase_small_steps(void **state)
{
	struct fx *f = da2_ready(SIM_MODE_PRELOADER, 8 << 20);
	int frames = 0;

	f->emmc.user.slow_erase = true;
	XFER(f, "\x60", "\x5a");
	XFER(f, "\x08", "\x5a");
	sim_feed(&f->sim, (const uint8_t *)"\xd4\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x40\x00\x00", 21);
	for (;;) {
		uint8_t progress = f->sim.out[6];

		assert_int_equal(f->sim.out_len, 7);
		frames++;
		sim_consume_out(&f->sim, 7);
		sim_feed(&f->sim, (const uint8_t *)"\x5a", 1);
		if (progress == 100)
			break;
	}
	assert_int_equal(frames, 4);
	XFER(f, "", "\x5a\x5a");
	fx_free(f);
}

static void finish_requests_reset(void **state)
{
	struct fx *f = da2_ready(SIM_MODE_PRELOADER, 4 << 20);

	XFER(f, "\x99", "\xa5"); /* unknown DA command */
	XFER(f, "\xd9", "\x5a");
	assert_true(f->sim.reset_requested);
	/* the mode dword: ACK, then the phone has rebooted and wants a handshake */
	XFER(f, "\x00\x00\x00\x00", "\x5a");
	assert_false(f->sim.in_da);
	fx_handshake(f);
	XFER(f, "\xfe", "\x01"); /* preloader mode again */
	fx_free(f);

	/* ENABLE_WATCHDOG (timeout 3000 ms, async 0, bootup 1, dlbit 0, rtc 0): ACK, reboot */
	f = da2_ready(SIM_MODE_PRELOADER, 4 << 20);
	XFER(f, "\xdb\x00\x00\x0b\xb8\x00\x01\x00\x00", "\x5a");
	fx_handshake(f);
	XFER(f, "\xfd", "\xfd\x65\x72\x00\x00");
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(preloader_mode_report),
		cmocka_unit_test(brom_mode_needs_emi),
		cmocka_unit_test(emi_mismatch_fails),
		cmocka_unit_test(emi_info_mtkclient_form),
		cmocka_unit_test(emi_silent_fault),
		cmocka_unit_test(read_packets_and_checksums),
		cmocka_unit_test(read_out_of_range_nacks),
		cmocka_unit_test(write_data_to_disk),
		cmocka_unit_test(format_in_progress_frames),
		cmocka_unit_test(read_pmt_from_card),
		cmocka_unit_test(format_slow_erase_small_steps),
		cmocka_unit_test(finish_requests_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
