/*
 * The legacy download agent of an MT6572 (spec §4), once JUMP_DA has started it: the DA1
 * sync block, the host configuration, the DRAM/EMI exchange, the DA2 upload and report,
 * then the DA2 command loop over the virtual eMMC.
 *
 * The sim does not run DA code; it only checks that the uploads arrive whole. In BROM mode
 * DRAM is not set up, so the DA asks for EMI settings and accepts only an entry whose flash
 * id matches its eMMC CID, as the real DA does (a wrong preloader gives SP Flash Tool's 4032).
 */
#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "core/bytes.h"
#include "core/bytesum.h"

enum {
	ACK = 0x5A,
	NACK = 0xA5,
	CONT = 0x69,
	SYNC = 0xC0,
};

/* Legacy DA status codes (SP Flash Tool numbering, spec §5). */
enum {
	S_DONE = 0,
	S_DA_EXT_RAM_ERROR = 3001,          /* EMI block not usable: the host's ENABLE_DRAM fails */
	S_DA_NOR_FLASH_NOT_FOUND = 0x0BC3,  /* after the config: "DRAM needs setting up" */
	S_DA_NAND_FLASH_NOT_FOUND = 0x0BC4,
	S_DA_INVALID_RANGE = 0x0BDF,
};

#define EMI_V11 0x0B            /* MTK_BLOADER_INFO_v11: the MT6572 preloader's EMI version */
#define EMI_ENTRY_LEN 0xA8      /* one EMI_SETTINGS entry of v11 */
#define DA2_MAX_LEN (1u << 20)
#define DA2_MAX_PACKET 0x10000u
/* One progress frame per chunk keeps every gap short: 64 MiB of hole punching takes well under
 * a millisecond; where zeros must be written, 1 MiB takes a few. */
#define ERASE_CHUNK (64ull << 20)
#define PMT_REGION 0x1000u
#define PMT_BELOW_END 0x100000ull
#define ERASE_CHUNK_SLOW (1ull << 20)

static void da_cmd(struct sim *s, const uint8_t *p, size_t n);
static void da2_hdr(struct sim *s, const uint8_t *p, size_t n);
static void emi_cmd(struct sim *s, const uint8_t *p, size_t n);

/* ---- DA1: sync, host config ---- */

static void da_host_config(struct sim *s, const uint8_t *p, size_t n)
{
	uint8_t wire[16];

	sim_trace(s->trace, "da1: host config bromver=0x%02x blver=0x%02x nor_cfg=0x%04x acccon=0x%08x "
		  "bmtflag=%u bmtpartsize=0x%x force_charge=%u reset_key=%u ext_clock=%u msdc_ch=%u",
		  p[0], p[1], rd_be16(p + 2), rd_be32(p + 5), p[9], rd_be32(p + 10), p[14], p[15],
		  p[16], p[17]);
	if (s->dram_ready) {
		sim_emit32(s, S_DONE);
		sim_expect(s, 12, da2_hdr);
		return;
	}
	/* DRAM needs setting up: say so, and give the eMMC CID the EMI entry must match. */
	sim_trace(s->trace, "da1:   DRAM not set up: asking for EMI settings");
	sim_emit32(s, S_DA_NOR_FLASH_NOT_FOUND);
	sim_emit32(s, 0);
	sim_cid_wire(s->cfg.cid, wire);
	sim_emit(s, wire, 16);
	sim_emit32(s, S_DA_NAND_FLASH_NOT_FOUND);
	sim_emit16(s, 0);
	sim_expect(s, 1, emi_cmd);
}

static void da_sync_ack(struct sim *s, const uint8_t *p, size_t n)
{
	if (p[0] != ACK) {
		sim_trace(s->trace, "da1: expected ACK after sync, got 0x%02x", p[0]);
		sim_expect(s, 1, da_sync_ack);
		return;
	}
	/* DA version and baseband chip id: "DA ver. 4.2 on BBID 0x88" in the logs of real
	 * MT6572s, on the wire as the three bytes of spec §4.2. */
	sim_emit8(s, SIM_DA_MAJOR);
	sim_emit8(s, SIM_DA_MINOR);
	sim_emit8(s, SIM_DA_BBID);
	sim_expect(s, 18, da_host_config);
}

void da_start(struct sim *s)
{
	uint8_t wire[16];

	s->in_da = true;
	sim_trace(s->trace, "da1: started (%u bytes at 0x%08x); sync", s->da1_len, s->da1_addr);
	sim_emit8(s, SYNC);
	sim_emit32(s, S_DA_NAND_FLASH_NOT_FOUND); /* no NAND */
	sim_emit16(s, 0);                         /* NAND id count */
	sim_emit32(s, S_DONE);                    /* eMMC found */
	sim_cid_wire(s->cfg.cid, wire);
	sim_emit(s, wire, 16);
	sim_expect(s, 1, da_sync_ack);
}

/* ---- DA1: ENABLE_DRAM with the EMI block ---- */

/* Index of the first EMI entry whose flash id matches our CID, or -1. */
static int emi_match(const struct sim *s, uint64_t *dram)
{
	size_t count = s->emi_len / EMI_ENTRY_LEN;

	for (size_t i = 0; i < count; i++) {
		const uint8_t *e = s->emi_buf + i * EMI_ENTRY_LEN;
		uint32_t idlen = rd_le32(e + 0x14);
		uint64_t total = 0;

		if (idlen == 0 || idlen > 16 || memcmp(e + 4, s->cfg.cid, idlen) != 0)
			continue;
		for (int r = 0; r < 4; r++) {
			int32_t rank = (int32_t)rd_le32(e + 0x90 + 4 * r);
			if (rank > 0)
				total += (uint64_t)rank;
		}
		*dram = total ? total : s->cfg.dram_size;
		return (int)i;
	}
	return -1;
}

static void emi_final(struct sim *s, const uint8_t *p, size_t n)
{
	uint64_t dram = 0;
	int idx = -1;

	if (p[0] != ACK || rd_be32(p + 1) != 0x80000001u)
		sim_trace(s->trace, "da1:   unexpected bytes after the EMI checksum: %02x %08x", p[0], rd_be32(p + 1));
	if (!s->cfg.refuse_emi)
		idx = emi_match(s, &dram);
	if (idx < 0) {
		sim_trace(s->trace, "da1:   EMI refused: %s (ENABLE_DRAM fails: SP Flash Tool 4032)",
			  s->cfg.refuse_emi ? "refuse-emi fault" : "no entry matches the eMMC CID");
		sim_emit32(s, S_DA_EXT_RAM_ERROR);
		sim_emit8(s, 0x02);
		sim_emit8(s, 0x00);
		sim_emit64(s, 0);
		sim_expect(s, 1, emi_cmd);
		return;
	}
	sim_trace(s->trace, "da1:   EMI entry %d matches the CID: DRAM 0x%llx bytes ready", idx,
		  (unsigned long long)dram);
	s->cfg.dram_size = dram;
	s->dram_ready = true;
	sim_emit32(s, S_DONE);
	sim_emit8(s, 0x02); /* HW_RAM_DRAM */
	sim_emit8(s, 0x00); /* CS0 */
	sim_emit64(s, dram);
	sim_expect(s, 12, da2_hdr);
}

/* The block is in: its checksum (the 16-bit sum of the bytes received), then the host's go. */
static void emi_received(struct sim *s)
{
	uint16_t sum = 0;

	for (size_t i = 0; i < s->emi_len; i++)
		sum = (uint16_t)(sum + s->emi_buf[i]);
	sim_trace(s->trace, "da1:   EMI block %llu bytes (%zu entries), checksum 0x%04x",
		  (unsigned long long)s->done, s->emi_len / EMI_ENTRY_LEN, sum);
	sim_emit16(s, sum);
	sim_expect(s, 5, emi_final);
}

/* The real DA: exactly the entry length it asked for. */
static void emi_entry(struct sim *s, const uint8_t *p, size_t n)
{
	memcpy(s->emi_buf + s->emi_len, p, n);
	s->emi_len += n;
	s->done += n;
	if (s->emi_len < EMI_ENTRY_LEN)
		sim_expect_stream(s, EMI_ENTRY_LEN - s->emi_len, emi_entry);
	else
		emi_received(s);
}

/* --emi-info (mtkclient's form): whatever comes until the host falls silent. */
static void emi_blob(struct sim *s, const uint8_t *p, size_t n)
{
	if (n) {
		/* Hosts send more than one entry (mtkclient sends the whole table): keep what fits,
		 * count the rest, and answer only when the host falls silent. */
		size_t room = sizeof(s->emi_buf) - s->emi_len;
		size_t k = n < room ? n : room;

		memcpy(s->emi_buf + s->emi_len, p, k);
		s->emi_len += k;
		s->done += n;
		sim_expect_idle(s, emi_blob);
		return;
	}
	if (s->done < EMI_ENTRY_LEN) {
		sim_expect_idle(s, emi_blob); /* not a whole entry yet: keep waiting */
		return;
	}
	emi_received(s);
}

static void emi_len_ack(struct sim *s, const uint8_t *p, size_t n)
{
	if (p[0] != ACK)
		sim_trace(s->trace, "da1:   expected ACK before the EMI block, got 0x%02x", p[0]);
	s->emi_len = 0;
	s->done = 0;
	if (s->cfg.emi_info)
		sim_expect_idle(s, emi_blob);
	else
		sim_expect_stream(s, EMI_ENTRY_LEN, emi_entry);
}

static void emi_version(struct sim *s, const uint8_t *p, size_t n)
{
	uint32_t ver = rd_be32(p);

	sim_trace(s->trace, "da1: E8 ENABLE_DRAM emi_version=0x%x", ver);
	if (ver != EMI_V11) {
		sim_trace(s->trace, "da1:   refused: MT6572 takes MTK_BLOADER_INFO_v11 (0x0b)");
		sim_emit8(s, NACK);
		sim_expect(s, 1, emi_cmd);
		return;
	}
	sim_emit8(s, ACK);
	if (s->cfg.emi_silent) {
		/* As the two phones of mtkclient issue #318 did: nothing more, whatever the host
		 * sends, until it lets go. */
		sim_trace(s->trace, "da1:   fault emi-silent: the DA says nothing more");
		s->halted = true;
		return;
	}
	if (s->cfg.emi_info) {
		/* mtkclient's expectation for v10/v11: 16 bytes of DRAM info first. */
		uint8_t wire[16];

		sim_cid_wire(s->cfg.cid, wire);
		sim_emit(s, wire, 16);
	}
	/* The length of the one EMI entry the DA wants ("EmiReq 0x00A8" in CM2's logs). */
	sim_emit32(s, EMI_ENTRY_LEN);
	sim_expect(s, 1, emi_len_ack);
}

static void emi_cmd(struct sim *s, const uint8_t *p, size_t n)
{
	if (p[0] != 0xE8) {
		sim_trace(s->trace, "da1: 0x%02x while DRAM is not set up (expected E8 ENABLE_DRAM)", p[0]);
		sim_emit8(s, NACK);
		sim_expect(s, 1, emi_cmd);
		return;
	}
	sim_expect(s, 4, emi_version);
}

/* ---- DA2 upload and flash report ---- */

static void put_report(struct sim *s)
{
	uint8_t r[236];
	uint8_t wire[16];

	memset(r, 0, sizeof(r));
	wr_be32(r + 0x00, S_DA_NOR_FLASH_NOT_FOUND);
	wr_be32(r + 0x1C, S_DA_NAND_FLASH_NOT_FOUND);
	wr_be16(r + 0x2B, 7); /* NAND id count: 7 zero ids (the 64-bit size layout, spec §4.6) */
	wr_be32(r + 0x44, S_DONE);
	wr_be64(r + 0x48, s->emmc->boot1.size);
	wr_be64(r + 0x50, s->emmc->boot2.size);
	wr_be64(r + 0x58, s->emmc->rpmb.size);
	wr_be64(r + 0x80, s->emmc->user.size);
	sim_cid_wire(s->cfg.cid, wire);
	memcpy(r + 0x88, wire, 16);
	/* The card's firmware version: no log shows it, so the sim reports the CID's product
	 * revision there, never 0 (a host must not take 0 for granted). */
	r[0x9F] = s->cfg.cid[9] ? s->cfg.cid[9] : 0x01;
	wr_be32(r + 0xA0, 0xBCA);        /* no SD card */
	wr_be32(r + 0xBC, S_DONE);
	wr_be32(r + 0xC0, 0x20000);      /* 128 KiB internal SRAM */
	wr_be32(r + 0xC4, S_DONE);
	r[0xC8] = 0x02;                  /* DRAM */
	wr_be64(r + 0xCA, s->cfg.dram_size);
	memcpy(r + 0xD2, s->cfg.me_id, 16);
	r[0xE2] = ACK;
	r[0xEB] = 0xC1;                  /* SOC_OK */
	sim_emit(s, r, sizeof(r));
}

static void da2_final_ack(struct sim *s, const uint8_t *p, size_t n)
{
	if (p[0] != ACK)
		sim_trace(s->trace, "da2: expected ACK before the report, got 0x%02x", p[0]);
	sim_trace(s->trace, "da2: running; flash report: eMMC user 0x%llx boot1 0x%llx, DRAM 0x%llx",
		  (unsigned long long)s->emmc->user.size, (unsigned long long)s->emmc->boot1.size,
		  (unsigned long long)s->cfg.dram_size);
	put_report(s);
	sim_expect(s, 1, da_cmd);
}

static void da2_data(struct sim *s, const uint8_t *p, size_t n)
{
	s->done += n;
	s->c32 += (uint32_t)n;
	if (s->c32 == s->pkt || s->done == s->len) {
		sim_emit8(s, ACK);
		s->c32 = 0;
	}
	if (s->done == s->len) {
		sim_trace(s->trace, "da2:   received 0x%llx bytes", (unsigned long long)s->len);
		sim_emit8(s, ACK); /* sent unprompted: one host reads it before its own ACK */
		sim_expect(s, 1, da2_final_ack);
		return;
	}
	{
		uint64_t left = s->len - s->done, room = s->pkt - s->c32;
		sim_expect_stream(s, (size_t)(left < room ? left : room), da2_data);
	}
}

static void da2_hdr(struct sim *s, const uint8_t *p, size_t n)
{
	uint32_t addr = rd_be32(p), size = rd_be32(p + 4), pkt = rd_be32(p + 8);

	sim_trace(s->trace, "da1: DA2 upload addr=0x%08x len=0x%x packet=0x%x", addr, size, pkt);
	if (!size || size > DA2_MAX_LEN || !pkt || pkt > DA2_MAX_PACKET) {
		sim_trace(s->trace, "da1:   refused: length or packet size out of range");
		sim_emit8(s, NACK);
		sim_expect(s, 12, da2_hdr);
		return;
	}
	sim_emit8(s, ACK);
	s->len = size;
	s->pkt = pkt;
	s->done = 0;
	s->c32 = 0;
	sim_expect_stream(s, size < pkt ? size : pkt, da2_data);
}

/* ---- DA2 commands ---- */

static const char *part_name(unsigned part)
{
	switch (part) {
	case EMMC_PART_BOOT1: return "boot1";
	case EMMC_PART_BOOT2: return "boot2";
	case EMMC_PART_RPMB: return "rpmb";
	case EMMC_PART_USER: return "user";
	default: return "?";
	}
}

static void switch_part(struct sim *s, const uint8_t *p, size_t n)
{
	struct sim_area *a = sim_emmc_area(s->emmc, p[0]);

	sim_trace(s->trace, "da2: 60 SWITCH_PART %u (%s)%s", p[0], part_name(p[0]), a ? "" : " refused");
	if (a)
		s->part = p[0];
	sim_emit8(s, a ? ACK : NACK);
	sim_expect(s, 1, da_cmd);
}

/* READ (D6) errors: NACK, then the host answers NACK and gets a little-endian status. */
static void read_err_wait(struct sim *s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == NACK) {
			uint8_t st[4];
			wr_le32(st, S_DA_INVALID_RANGE);
			sim_emit(s, st, 4);
			sim_expect(s, 1, da_cmd);
			if (i + 1 < n)
				sim_feed(s, p + i + 1, n - i - 1);
			return;
		}
	}
	sim_expect_stream(s, 64, read_err_wait);
}

static void read_send_packet(struct sim *s);

static void read_ack(struct sim *s, const uint8_t *p, size_t n)
{
	if (s->done == s->len) {
		/* The ACK after the last packet; a host that skips it has sent its next command. */
		sim_expect(s, 1, da_cmd);
		if (p[0] != ACK)
			da_cmd(s, p, n);
		return;
	}
	if (p[0] != ACK) {
		sim_trace(s->trace, "da2:   host stopped the read (0x%02x)", p[0]);
		sim_expect(s, 1, da_cmd);
		return;
	}
	read_send_packet(s);
}

static void read_send_packet(struct sim *s)
{
	struct sim_area *a = sim_emmc_area(s->emmc, s->part);
	uint64_t k = s->len - s->done;
	uint8_t *dst;

	if (k > s->pkt)
		k = s->pkt;
	/* Read straight into the output queue. */
	if (s->out_len + k > s->out_cap) {
		uint8_t *o = realloc(s->out, s->out_len + k + 64);
		if (!o) {
			s->halted = true;
			return;
		}
		s->out = o;
		s->out_cap = s->out_len + k + 64;
	}
	dst = s->out + s->out_len;
	if (sim_area_read(a, s->addr + s->done, dst, k) != 0) {
		/* The disk file failed under us: stop talking rather than send wrong data. */
		sim_trace(s->trace, "da2:   read of the %s file failed; the phone goes silent", a->name);
		s->halted = true;
		return;
	}
	if (s->cfg.unstable_read && s->wrote && k)
		dst[k - 1] ^= (uint8_t)(++s->read_noise | 1); /* under the checksum: the DA's RAM is bad */
	s->out_len += k;
	sim_emit16(s, (uint16_t)bytesum_add(0, dst, (size_t)k));
	s->done += k;
	sim_expect(s, 1, read_ack);
}

static void read_pktlen(struct sim *s, const uint8_t *p, size_t n)
{
	s->pkt = rd_be32(p);
	if (!s->pkt || s->pkt > SIM_MAX_PACKET) {
		/* Already ACKed, so there is no clean way back: go silent, as a crashed DA would. */
		sim_trace(s->trace, "da2:   packet length 0x%llx out of range; the DA stops",
			  (unsigned long long)s->pkt);
		s->halted = true;
		return;
	}
	if (!s->len) {
		sim_expect(s, 1, da_cmd);
		return;
	}
	read_send_packet(s);
}

/* Is [addr, addr+len) inside the area for `part`? Names the reason in the trace if not. */
static struct sim_area *range_ok(struct sim *s, unsigned part, uint64_t addr, uint64_t len)
{
	struct sim_area *a = sim_emmc_area(s->emmc, part);

	if (!a) {
		sim_trace(s->trace, "da2:   refused: no eMMC partition %u", part);
		return NULL;
	}
	if (!span_ok(a->size, addr, len)) {
		sim_trace(s->trace, "da2:   refused: 0x%llx+0x%llx is beyond %s (0x%llx bytes)",
			  (unsigned long long)addr, (unsigned long long)len, a->name,
			  (unsigned long long)a->size);
		return NULL;
	}
	return a;
}

static void read_params(struct sim *s, const uint8_t *p, size_t n)
{
	uint8_t storage = p[1];

	s->addr = rd_be64(p + 2);
	s->len = rd_be64(p + 10);
	s->done = 0;
	sim_trace(s->trace, "da2: D6 READ host_os=0x%02x storage=%u part=%s addr=0x%llx len=0x%llx",
		  p[0], storage, part_name(s->part), (unsigned long long)s->addr, (unsigned long long)s->len);
	if (storage != 2 || !range_ok(s, s->part, s->addr, s->len)) {
		if (storage != 2)
			sim_trace(s->trace, "da2:   refused: storage %u is not eMMC (2)", storage);
		sim_emit8(s, NACK);
		sim_expect_stream(s, 64, read_err_wait);
		return;
	}
	/* ACK right after the parameters: one host sends the packet length before reading it,
	 * another after. */
	sim_emit8(s, ACK);
	sim_expect(s, 4, read_pktlen);
}

/* ---- WRITE_DATA (62) ---- */

static void write_marker(struct sim *s, const uint8_t *p, size_t n);

static void write_csum(struct sim *s, const uint8_t *p, size_t n)
{
	uint16_t want = rd_be16(p), sum = (uint16_t)bytesum_add(0, s->bulk, s->bulk_len);
	struct sim_area *a = sim_emmc_area(s->emmc, (unsigned)s->a32);

	if (sum != want) {
		sim_trace(s->trace, "da2:   packet at 0x%llx: checksum 0x%04x, host said 0x%04x; write stopped",
			  (unsigned long long)(s->addr + s->done), sum, want);
		sim_emit8(s, NACK);
		sim_expect(s, 1, da_cmd);
		return;
	}
	{
		/* A worn card keeps nothing (or the start of the packet) and still says CONT. */
		uint64_t keep = sim_emmc_keep(s->emmc, s->bulk_len);

		s->lost += s->bulk_len - keep;
		if (keep && sim_area_write(a, s->addr + s->done, s->bulk, keep) != 0) {
			sim_trace(s->trace, "da2:   writing the %s file failed; write stopped", a->name);
			sim_emit8(s, NACK);
			sim_expect(s, 1, da_cmd);
			return;
		}
	}
	s->done += s->bulk_len;
	sim_emit8(s, CONT);
	if (s->done == s->len) {
		if (s->lost)
			sim_trace(s->trace, "da2:   eMMC read-only: 0x%llx of these bytes acknowledged, not stored",
				  (unsigned long long)s->lost);
		sim_trace(s->trace, "da2:   wrote 0x%llx bytes", (unsigned long long)s->len);
		sim_expect(s, 1, da_cmd);
	} else {
		sim_expect(s, 1, write_marker);
	}
}

static void write_data(struct sim *s, const uint8_t *p, size_t n)
{
	uint64_t want = s->len - s->done < s->pkt ? s->len - s->done : s->pkt;

	memcpy(s->bulk + s->bulk_len, p, n);
	s->bulk_len += n;
	if (s->bulk_len < want)
		sim_expect_stream(s, (size_t)(want - s->bulk_len), write_data);
	else
		sim_expect(s, 2, write_csum);
}

static void write_marker(struct sim *s, const uint8_t *p, size_t n)
{
	uint64_t want = s->len - s->done < s->pkt ? s->len - s->done : s->pkt;

	if (p[0] != ACK) {
		sim_trace(s->trace, "da2:   expected ACK before a write packet, got 0x%02x; write stopped", p[0]);
		sim_expect(s, 1, da_cmd);
		return;
	}
	s->bulk_len = 0;
	sim_expect_stream(s, (size_t)want, write_data);
}

static void write_params(struct sim *s, const uint8_t *p, size_t n)
{
	uint8_t storage = p[0], part = p[1];
	uint8_t *b;

	s->addr = rd_be64(p + 2);
	s->len = rd_be64(p + 10);
	s->pkt = rd_be32(p + 18);
	s->done = 0;
	s->lost = 0;
	s->wrote = true;
	s->a32 = part;
	sim_trace(s->trace, "da2: 62 WRITE_DATA storage=0x%02x part=%s addr=0x%llx len=0x%llx packet=0x%llx",
		  storage, part_name(part), (unsigned long long)s->addr, (unsigned long long)s->len,
		  (unsigned long long)s->pkt);
	if (storage != 0x01 || !s->pkt || s->pkt > SIM_MAX_PACKET || !range_ok(s, part, s->addr, s->len)) {
		if (storage != 0x01)
			sim_trace(s->trace, "da2:   refused: storage 0x%02x is not eMMC (0x01)", storage);
		else if (!s->pkt || s->pkt > SIM_MAX_PACKET)
			sim_trace(s->trace, "da2:   refused: packet length out of range");
		sim_emit8(s, NACK);
		sim_expect(s, 1, da_cmd);
		return;
	}
	b = realloc(s->bulk, (size_t)s->pkt);
	if (!b) {
		sim_emit8(s, NACK);
		sim_expect(s, 1, da_cmd);
		return;
	}
	s->bulk = b;
	sim_emit8(s, ACK);
	sim_expect(s, 1, s->len ? write_marker : da_cmd);
}

/* ---- FORMAT (D4) ---- */

static void format_step(struct sim *s);

static void format_ack(struct sim *s, const uint8_t *p, size_t n)
{
	if (p[0] != ACK) {
		sim_trace(s->trace, "da2:   host stopped the format (0x%02x)", p[0]);
		sim_expect(s, 1, da_cmd);
		return;
	}
	if (s->done == s->len) {
		sim_emit8(s, ACK);
		sim_emit8(s, ACK);
		sim_trace(s->trace, "da2:   erased 0x%llx bytes", (unsigned long long)s->len);
		sim_expect(s, 1, da_cmd);
		return;
	}
	format_step(s);
}

/* Erase one chunk and report progress: the host hears from us after every chunk, so a
 * large erase never leaves it waiting long. */
static void format_step(struct sim *s)
{
	struct sim_area *a = sim_emmc_area(s->emmc, s->part);
	uint64_t k = s->len - s->done;
	/* The first step is small, so a file system without hole punching is found out cheaply. */
	uint64_t chunk = (s->done == 0 || a->slow_erase) ? ERASE_CHUNK_SLOW : ERASE_CHUNK;
	uint8_t progress;

	if (k > chunk)
		k = chunk;
	if (k && sim_emmc_readonly(s->emmc)) {
		if (!s->done)
			sim_trace(s->trace, "da2:   eMMC read-only: the erase is acknowledged, nothing changes");
	} else if (k && sim_area_erase(a, s->addr + s->done, k) != 0) {
		sim_trace(s->trace, "da2:   erasing the %s file failed; the phone goes silent", a->name);
		s->halted = true;
		return;
	}
	s->done += k;
	progress = s->len ? (uint8_t)(s->done * 100 / s->len) : 100;
	if (s->done < s->len && progress >= 100)
		progress = 99;
	sim_emit8(s, ACK);
	sim_emit8(s, ACK);
	sim_emit32(s, 0);
	sim_emit8(s, progress);
	sim_expect(s, 1, format_ack);
}

static void format_params(struct sim *s, const uint8_t *p, size_t n)
{
	s->addr = rd_be64(p + 4);
	s->len = rd_be64(p + 12);
	s->done = 0;
	sim_trace(s->trace, "da2: D4 FORMAT storage=%u type=%u validation=%u addressing=%u part=%s "
		  "addr=0x%llx len=0x%llx", p[0], p[1], p[2], p[3], part_name(s->part),
		  (unsigned long long)s->addr, (unsigned long long)s->len);
	if (p[0] != 2 || !range_ok(s, s->part, s->addr, s->len)) {
		sim_emit8(s, NACK);
		sim_expect(s, 1, da_cmd);
		return;
	}
	format_step(s);
}

/* ---- small commands ---- */

static void usb_speed(struct sim *s, const uint8_t *p, size_t n)
{
	/* 01 asks for high speed (spec §4.7.2): a full-speed phone ACKs, leaves the bus and comes
	 * back at high speed with the DA still running. */
	bool move = p[0] == 0x01 && !s->high_speed;

	if (move && s->cfg.refuse_speed) {
		sim_trace(s->trace, "da2: 70 USB_SETUP_PORT 0x%02x: fault refuse-speed: NACK, staying at full speed", p[0]);
		sim_emit8(s, NACK);
	} else if (move && s->cfg.ignore_speed) {
		/* Says yes, does nothing: the port stays, and a host that closes and reopens it
		 * finds the same DA (a close is no unplug here). */
		sim_trace(s->trace, "da2: 70 USB_SETUP_PORT 0x%02x: fault ignore-speed: ACK, staying at full speed", p[0]);
		sim_emit8(s, ACK);
		s->stay_on_close = true;
	} else {
		sim_trace(s->trace, "da2: 70 USB_SETUP_PORT 0x%02x%s", p[0],
			  move ? ": re-enumerating at high speed" : "");
		sim_emit8(s, ACK);
		if (move) {
			s->high_speed = true;
			s->reenum_requested = true;
		}
	}
	sim_expect(s, 1, da_cmd);
}

static void finish_mode(struct sim *s, const uint8_t *p, size_t n)
{
	sim_trace(s->trace, "da2:   finish mode %u; the phone reboots to the handshake", rd_be32(p));
	sim_emit8(s, ACK);
	sim_reboot(s);
}

static void watchdog(struct sim *s, const uint8_t *p, size_t n)
{
	sim_trace(s->trace, "da2: DB ENABLE_WATCHDOG timeout=%u ms async=%u bootup=%u dlbit=%u rtc=%u",
		  rd_be32(p), p[4], p[5], p[6], p[7]);
	sim_emit8(s, ACK);
	/* The watchdog fires later on a real phone; the sim reboots at once (hosts close anyway). */
	sim_reboot(s);
}

static void reg_read(struct sim *s, const uint8_t *p, size_t n)
{
	sim_trace(s->trace, "da2: 7A READ_REG32 0x%08x", rd_be32(p));
	sim_emit32(s, 0);
	sim_emit8(s, ACK);
	sim_expect(s, 1, da_cmd);
}

static void reg_write(struct sim *s, const uint8_t *p, size_t n)
{
	sim_trace(s->trace, "da2: 7B WRITE_REG32 0x%08x = 0x%08x", rd_be32(p), rd_be32(p + 4));
	sim_emit8(s, ACK);
	sim_expect(s, 1, da_cmd);
}

static void pmt_ack2(struct sim *s, const uint8_t *p, size_t n)
{
	sim_expect(s, 1, da_cmd);
}

static void pmt_ack1(struct sim *s, const uint8_t *p, size_t n)
{
	sim_emit(s, s->bulk, s->bulk_len);
	sim_expect(s, 1, pmt_ack2);
}

/* READ_PMT answers with the PMT region as it is on the card now (1 MiB below the end of the
 * user area, "PTv1" or "MPT1" at both ends), or with nothing when the card has none. */
static void read_pmt(struct sim *s)
{
	struct sim_area *u = &s->emmc->user;
	uint8_t *b = realloc(s->bulk, PMT_REGION);

	s->bulk_len = 0;
	if (!b) {
		s->halted = true;
		return;
	}
	s->bulk = b;
	if (u->size >= PMT_BELOW_END && sim_area_read(u, u->size - PMT_BELOW_END, b, PMT_REGION) == 0 &&
	    (!memcmp(b, "1vTP", 4) || !memcmp(b, "1TPM", 4)) && !memcmp(b, b + PMT_REGION - 4, 4))
		s->bulk_len = PMT_REGION;
	sim_trace(s->trace, "da2: A5 READ_PMT -> %zu bytes", s->bulk_len);
	sim_emit8(s, ACK);
	sim_emit32(s, (uint32_t)s->bulk_len);
	sim_expect(s, 1, pmt_ack1);
}

static void da_cmd(struct sim *s, const uint8_t *p, size_t n)
{
	s->cmd = p[0];
	switch (p[0]) {
	case 0x72: /* USB_CHECK_STATUS: full speed in BROM mode until 70 01 moves the phone up,
		    * as on real MT6572s (--usb-speed sets it) */
		sim_trace(s->trace, "da2: 72 USB_CHECK_STATUS -> %s speed", s->high_speed ? "high" : "full");
		sim_emit8(s, ACK);
		sim_emit8(s, s->high_speed ? 0x01 : 0x00);
		break;
	case 0x70:
		sim_expect(s, 1, usb_speed);
		return;
	case 0x60:
		sim_emit8(s, ACK);
		sim_expect(s, 1, switch_part);
		return;
	case 0xD6:
		sim_expect(s, 18, read_params);
		return;
	case 0x62:
		sim_expect(s, 22, write_params);
		return;
	case 0xD4:
		sim_expect(s, 20, format_params);
		return;
	case 0xD9: /* FINISH; mtkclient closes the port after the first ACK (spec §4.7.7) */
		sim_trace(s->trace, "da2: D9 FINISH");
		sim_emit8(s, ACK);
		s->reset_requested = true;
		sim_expect(s, 4, finish_mode);
		return;
	case 0xDB:
		sim_expect(s, 8, watchdog);
		return;
	case 0x7A:
		sim_expect(s, 4, reg_read);
		return;
	case 0x7B:
		sim_expect(s, 8, reg_write);
		return;
	case 0xA5: /* READ_PMT */
		read_pmt(s);
		return;
	default:
		sim_trace(s->trace, "da2: %02X (unknown, NACK)", p[0]);
		sim_emit8(s, NACK);
		break;
	}
	sim_expect(s, 1, da_cmd);
}
