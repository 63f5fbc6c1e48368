/*
 * lib/device: transports (replay, canned, record, fault), the BROM layer against hand-written
 * traces of the spec's transcripts (§2.5), and the legacy DA flow (§4) against traces built
 * here byte by byte from the spec's tables, with a synthetic DA file.
 */
#include "testutil.h"

#include "core/bytes.h"
#include "core/internal.h"
#include "device/brom.h"
#include "device/chips.h"
#include "device/da_legacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *trace_path(const char *name)
{
	const char *src = getenv("MTKFW_SRC");
	char *p = malloc(4096);

	snprintf(p, 4096, "%s/tests/unit/traces/%s", src ? src : ".", name);
	return p;
}

static mtkfw_transport *replay(const char *name)
{
	mtkfw_transport *t;
	char *p = trace_path(name);

	assert_int_equal(mtkfw_transport_open_replay(&t, p), 0);
	free(p);
	return t;
}

/* ---- transports ---- */

static void replay_checks_host_bytes_and_order(void **state)
{
	char *dir = make_tempdir(), path[4096];
	mtkfw_transport *t;
	uint8_t b[4];
	(void)state;

	snprintf(path, sizeof(path), "%s/t.trace", dir);
	write_file(path, "# x\n> a0 0a\n< 5f\n> 05\n< fa f5\n", 30);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	/* The device answers only after the host bytes before its reply. */
	assert_int_equal(mtkfw_transport_read(t, b, 1, 1000), MTKFW_ERR_TIMEOUT);
	assert_int_equal(mtkfw_transport_write(t, "\xa0\x0a", 2), 0);
	assert_int_equal(mtkfw_transport_read(t, b, 1, 1000), 0);
	assert_int_equal(b[0], 0x5f);
	assert_int_equal(mtkfw_transport_write(t, "\x06", 1), MTKFW_ERR_PROTOCOL);
	assert_non_null(strstr(mtkfw_error_last()->message, "host byte 2 is 06, the trace has 05"));
	mtkfw_transport_free(t);

	write_file(path, "> zz\n", 5);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), MTKFW_ERR_FORMAT);
	assert_null(t);
	write_file(path, "> a\n", 4);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), MTKFW_ERR_FORMAT);
	write_file(path, "hello\n", 6);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), MTKFW_ERR_FORMAT);
	rm_rf(dir);
	free(dir);
}

static void record_then_replay(void **state)
{
	char *dir = make_tempdir(), path[4096];
	mtkfw_transport *c, *r;
	uint8_t b[3];
	size_t n;
	uint8_t *text;
	(void)state;

	snprintf(path, sizeof(path), "%s/rec.trace", dir);
	assert_int_equal(mtkfw_transport_open_canned(&c, (const uint8_t *)"\x5f\xf5\xaf", 3), 0);
	assert_int_equal(mtkfw_transport_record(&r, c, path), 0);
	assert_int_equal(mtkfw_transport_write(r, "\xa0", 1), 0);
	assert_int_equal(mtkfw_transport_read(r, b, 3, 100), 0);
	assert_int_equal(mtkfw_transport_read(r, b, 1, 100), MTKFW_ERR_TIMEOUT);
	mtkfw_transport_free(r);
	text = slurp(path, &n);
	assert_non_null(strstr((char *)text, "> a0\n< 5f f5 af\n"));
	free(text);
	/* The recording replays. */
	assert_int_equal(mtkfw_transport_open_replay(&r, path), 0);
	assert_int_equal(mtkfw_transport_write(r, "\xa0", 1), 0);
	assert_int_equal(mtkfw_transport_read(r, b, 3, 100), 0);
	assert_memory_equal(b, "\x5f\xf5\xaf", 3);
	mtkfw_transport_free(r);
	rm_rf(dir);
	free(dir);
}

static void fault_wrapper(void **state)
{
	mtkfw_transport *c, *f;
	uint8_t b[4];
	(void)state;

	assert_int_equal(mtkfw_transport_open_canned(&c, (const uint8_t *)"\x01\x02\x03\x04\x05", 5), 0);
	assert_int_equal(mtkfw_transport_fault(&f, c, "flip@1,drop@2,cut@4,wfail@1"), 0);
	assert_int_equal(mtkfw_transport_read(f, b, 3, 10), 0);
	assert_memory_equal(b, "\x01\xfd\x04", 3);
	assert_int_equal(mtkfw_transport_read(f, b, 1, 10), MTKFW_ERR_TIMEOUT);
	assert_int_equal(mtkfw_transport_write(f, "x", 1), 0);
	assert_int_equal(mtkfw_transport_write(f, "x", 1), MTKFW_ERR_IO);
	mtkfw_transport_free(f);

	assert_int_equal(mtkfw_transport_open_canned(&c, NULL, 0), 0);
	assert_int_equal(mtkfw_transport_fault(&f, c, "melt@3"), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_transport_open_canned(&c, NULL, 0), 0);
	assert_int_equal(mtkfw_transport_fault(&f, c, "flip@x"), MTKFW_ERR_INVALID);
}

static void tty_open_errors(void **state)
{
	mtkfw_transport *t;
	(void)state;

	assert_int_equal(mtkfw_transport_open_tty(&t, "/nonexistent/ttyACM9"), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "hold Volume"));
	/* A regular file is no serial port. */
	assert_int_equal(mtkfw_transport_open_tty(&t, "/etc/hostname"), MTKFW_ERR_IO);
	assert_non_null(strstr(mtkfw_error_last()->message, "not a serial port"));
}

/* ---- BROM layer ---- */

static void brom_mode_transcript(void **state)
{
	mtkfw_device *d;
	const struct mtkfw_device_info *in;
	static const uint8_t meid[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
					  0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe };
	(void)state;

	assert_int_equal(mtkfw_device_open(&d, replay("brom_mode.trace"), NULL, NULL), 0);
	in = mtkfw_device_info(d);
	assert_string_equal(in->chip, "MT6572");
	assert_int_equal(in->hw_code, 0x6572);
	assert_int_equal(in->hw_version, 0xCA00);
	assert_int_equal(in->mode, MTKFW_MODE_BROM);
	assert_int_equal(in->brom_version, 5);
	assert_int_equal(in->bl_version, 0xFE);
	assert_int_equal(in->target_config, 0);
	assert_false(in->sla);
	assert_int_equal(in->me_id_len, 16);
	assert_memory_equal(in->me_id, meid, 16);
	assert_int_equal(in->stage, MTKFW_STAGE_BROM);
	assert_false(in->dram_ready);
	mtkfw_device_close(d);
}

static void preloader_mode_with_retry(void **state)
{
	mtkfw_device *d;
	(void)state;

	assert_int_equal(mtkfw_device_open(&d, replay("preloader_mode.trace"), NULL, NULL), 0);
	assert_int_equal(mtkfw_device_info(d)->mode, MTKFW_MODE_PRELOADER);
	assert_int_equal(mtkfw_device_info(d)->bl_version, 1);
	assert_int_equal(mtkfw_device_info(d)->me_id_len, 0);
	assert_true(mtkfw_device_info(d)->dram_ready);
	mtkfw_device_close(d);
}

static void brom_failures(void **state)
{
	mtkfw_device *d;
	mtkfw_transport *c, *f;
	(void)state;

	assert_int_equal(mtkfw_device_open(&d, replay("other_chip.trace"), NULL, NULL), MTKFW_ERR_UNSUPPORTED);
	assert_non_null(strstr(mtkfw_error_last()->message, "0x6582"));
	mtkfw_device_close(d);
	assert_int_equal(mtkfw_device_open(&d, replay("echo_wrong.trace"), NULL, NULL), MTKFW_ERR_PROTOCOL);
	assert_non_null(strstr(mtkfw_error_last()->message, "echoed 10007004 for 10007000"));
	mtkfw_device_close(d);
	/* A silent port: the handshake gives up with the advice, and does not hang. */
	assert_int_equal(mtkfw_transport_open_canned(&c, NULL, 0), 0);
	assert_int_equal(mtkfw_device_open(&d, c, NULL, NULL), MTKFW_ERR_TIMEOUT);
	assert_non_null(strstr(mtkfw_error_last()->message, "hold Volume"));
	mtkfw_device_close(d);
	/* A corrupted hw code byte is echoed wrongly: caught by the echo check. */
	assert_int_equal(mtkfw_transport_fault(&f, replay("brom_mode.trace"), "flip@4"), 0);
	assert_int_equal(mtkfw_device_open(&d, f, NULL, NULL), MTKFW_ERR_PROTOCOL);
	mtkfw_device_close(d);
	/* A phone that falls silent mid-command. */
	assert_int_equal(mtkfw_transport_fault(&f, replay("brom_mode.trace"), "cut@20"), 0);
	assert_int_equal(mtkfw_device_open(&d, f, NULL, NULL), MTKFW_ERR_TIMEOUT);
	mtkfw_device_close(d);
}

static void cid_order(void **state)
{
	/* Card order stays; each word byte-reversed comes back to card order. */
	uint8_t c[16] = { 0x15, 0x01, 0x00, 0x4e, 0x35, 0x55, 0x30, 0x30, 0x4d, 0x01, 0x12, 0x34, 0x56, 0x78, 0x9a, 0x01 };
	uint8_t r[16] = { 0x4e, 0x00, 0x01, 0x15, 0x30, 0x30, 0x55, 0x35, 0x34, 0x12, 0x01, 0x4d, 0x01, 0x9a, 0x78, 0x56 };
	uint8_t k[16];
	(void)state;

	memcpy(k, c, 16);
	mtkfwi_da_cid_normalize(k);
	assert_memory_equal(k, c, 16);
	mtkfwi_da_cid_normalize(r);
	assert_memory_equal(r, c, 16);
}

static void xor16_and_sum16(void **state)
{
	(void)state;
	/* LE words 0x0201 ^ 0x0403 = 0x0602; an odd last byte 0x05 alone: 0x0607. */
	assert_int_equal(mtkfwi_brom_xor16((const uint8_t *)"\x01\x02\x03\x04\x05", 5), 0x0607);
	assert_int_equal(mtkfwi_da_sum16((const uint8_t *)"\xff\xff\x02", 3), 0x0200);
}

/* ---- the DA file ---- */

/* A synthetic DA file as spec §3.6 describes: one 0x6572 entry, three regions. */
#define SYN_R0 0x100
#define SYN_DA1 0x300
#define SYN_DA2 0x1800
static uint8_t *synthetic_da(size_t *len)
{
	size_t off0 = 0x6C + 0xDC, n = off0 + SYN_R0 + SYN_DA1 + SYN_DA2;
	uint8_t *b = calloc(1, n), *e = b + 0x6C;
	const uint32_t regs[3][5] = {
		{ (uint32_t)off0, SYN_R0, 0x80010000, SYN_R0, 0 },
		{ (uint32_t)(off0 + SYN_R0), SYN_DA1, 0x02007000, SYN_DA1 - 0x100, 0x100 },
		{ (uint32_t)(off0 + SYN_R0 + SYN_DA1), SYN_DA2, 0x80000000, SYN_DA2, 0 },
	};

	memcpy(b, "MTK_DOWNLOAD_AGENT", 18);
	memcpy(b + 0x20, "MTK_AllInOne_DA_test", 20);
	wr_le32(b + 0x60, 4);
	wr_le32(b + 0x64, 0x22668899);
	wr_le32(b + 0x68, 1);
	wr_le16(e, 0xDADA);
	wr_le16(e + 2, 0x6572);
	wr_le16(e + 6, 0xCA00);
	wr_le16(e + 0x12, 3);
	for (int r = 0; r < 3; r++)
		for (int k = 0; k < 5; k++)
			wr_le32(e + 0x14 + r * 20 + k * 4, regs[r][k]);
	for (size_t i = off0; i < n; i++)
		b[i] = (uint8_t)(i * 7 + 3);
	*len = n;
	return b;
}

static void da_file_synthetic(void **state)
{
	size_t n, n2;
	uint8_t *b = synthetic_da(&n), *w;
	struct mtkfw_da_file *f;
	const struct mtkfw_da_entry *e;
	(void)state;

	assert_int_equal(mtkfw_da_file_parse(&f, b, n, "syn.bin"), 0);
	assert_int_equal(f->entry_count, 1);
	assert_int_equal(f->entry_size, 0xDC);
	assert_string_equal(f->description, "MTK_AllInOne_DA_test");
	assert_int_equal(mtkfw_da_file_select(&e, f, 0x6572, 0, 0xCA00, 0), 0);
	assert_int_equal(e->regions[1].start_addr, 0x02007000);
	assert_int_equal(e->regions[2].len, SYN_DA2);
	/* A phone older than the entry's hw_version is not served by it. */
	assert_int_equal(mtkfw_da_file_select(&e, f, 0x6572, 0, 0x8A00, 0), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_da_file_select(&e, f, 0x6582, 0, 0, 0), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_da_file_write(&w, &n2, f), 0);
	assert_int_equal(n2, n);
	assert_memory_equal(w, b, n);
	free(w);
	/* The model is what gets written. */
	f->entries[0].hw_version = 0x8A00;
	assert_int_equal(mtkfw_da_file_write(&w, &n2, f), 0);
	assert_int_equal(rd_le16(w + 0x6C + 6), 0x8A00);
	free(w);
	mtkfw_da_file_free(f);

	/* Malformed: truncated header, wrong identifier, absurd count, region outside, bad magic. */
	assert_int_equal(mtkfw_da_file_parse(&f, b, 0x60, "x"), MTKFW_ERR_TRUNCATED);
	assert_null(f);
	b[0] = 'X';
	assert_int_equal(mtkfw_da_file_parse(&f, b, n, "x"), MTKFW_ERR_FORMAT);
	b[0] = 'M';
	wr_le32(b + 0x68, 0x7FFFFFFF);
	assert_int_equal(mtkfw_da_file_parse(&f, b, n, "x"), MTKFW_ERR_LIMIT);
	wr_le32(b + 0x68, 2);
	assert_int_equal(mtkfw_da_file_parse(&f, b, 0x6C + 0xDC + 4, "x"), MTKFW_ERR_TRUNCATED);
	wr_le32(b + 0x68, 1);
	assert_int_equal(mtkfw_da_file_parse(&f, b, n - 1, "x"), MTKFW_ERR_TRUNCATED);
	assert_non_null(strstr(mtkfw_error_last()->message, "region 2"));
	wr_le16(b + 0x6C, 0xDADB);
	assert_int_equal(mtkfw_da_file_parse(&f, b, n, "x"), MTKFW_ERR_FORMAT);
	wr_le16(b + 0x6C, 0xDADA);
	wr_le16(b + 0x6C + 0x12, 11);
	assert_int_equal(mtkfw_da_file_parse(&f, b, n, "x"), MTKFW_ERR_FORMAT);
	free(b);
}

static void da_file_corpus(void **state)
{
	struct mtkfw_da_file *f;
	const struct mtkfw_da_entry *e;
	uint8_t *orig, *w;
	size_t n, n2;
	(void)state;
	CORPUS_OR_SKIP(path, "sp_flash_tool_linux/MTK_AllInOne_DA.bin");

	assert_int_equal(mtkfw_da_file_load(&f, path), 0);
	/* Values read with xxd: count 0x12 at 0x68; the 0x6572 entry at 0x3DC. */
	assert_string_equal(f->identifier, "MTK_DOWNLOAD_AGENT");
	assert_string_equal(f->description, "MTK_AllInOne_DA_v7.1504.00.00");
	assert_int_equal(f->entry_count, 18);
	assert_int_equal(f->magic, 0x22668899);
	assert_int_equal(mtkfw_da_file_select(&e, f, 0x6572, 0, 0xCA00, 0), 0);
	assert_int_equal(e->offset, 0x3DC);
	assert_int_equal(e->region_count, 3);
	assert_int_equal(e->pagesize, 0x1000);
	assert_int_equal(e->regions[0].buf, 0x08235C);
	assert_int_equal(e->regions[0].len, 0x270);
	assert_int_equal(e->regions[0].start_addr, 0x80010000);
	assert_int_equal(e->regions[1].buf, 0x0825CC);
	assert_int_equal(e->regions[1].len, 0xE9D4);
	assert_int_equal(e->regions[1].start_addr, 0x02007000);
	assert_int_equal(e->regions[1].start_offset, 0xE8D4);
	assert_int_equal(e->regions[1].sig_len, 0x100);
	assert_int_equal(e->regions[2].buf, 0x090FA0);
	assert_int_equal(e->regions[2].len, 0x27130);
	assert_int_equal(e->regions[2].start_addr, 0x80000000);
	/* parse → write is byte-identical. */
	orig = slurp(path, &n);
	assert_int_equal(mtkfw_da_file_write(&w, &n2, f), 0);
	assert_int_equal(n, n2);
	assert_memory_equal(orig, w, n);
	free(orig);
	free(w);
	mtkfw_da_file_free(f);
	free(path);
}

static void da_file_corpus_iot(void **state)
{
	struct mtkfw_da_file *f;
	const struct mtkfw_da_entry *e;
	uint8_t *orig, *w;
	size_t n, n2;
	(void)state;
	CORPUS_OR_SKIP(path, "mtkclient/MTK_AllInOne_DA_2625.bin");

	assert_int_equal(mtkfw_da_file_load(&f, path), 0);
	/* Read with xxd: 11 entries (0x68); the entry at 0x74c is hw 0x2625 sub 0x8100, region
	 * index 2 of 6; region 0 at file 0x772dc, 0xcb5 bytes, loaded at 0x04015000. */
	assert_string_equal(f->description, "MTK_AllInOne_DA_v2.7.3.00");
	assert_int_equal(f->entry_count, 11);
	assert_int_equal(mtkfw_da_file_select(&e, f, 0x2625, 0x8100, 0, 0), 0);
	assert_int_equal(e->offset, 0x74c);
	assert_int_equal(e->region_index, 2);
	assert_int_equal(e->region_count, 6);
	assert_int_equal(e->regions[0].buf, 0x772dc);
	assert_int_equal(e->regions[0].len, 0xcb5);
	assert_int_equal(e->regions[0].start_addr, 0x04015000);
	assert_int_equal(e->regions[1].buf, 0x77f91);
	/* No MT6572 entry: a clear NOTFOUND, not a wrong agent. */
	assert_int_equal(mtkfw_da_file_select(&e, f, 0x6572, 0, 0xCA00, 0), MTKFW_ERR_NOTFOUND);
	orig = slurp(path, &n);
	assert_int_equal(mtkfw_da_file_write(&w, &n2, f), 0);
	assert_int_equal(n, n2);
	assert_memory_equal(orig, w, n);
	free(orig);
	free(w);
	mtkfw_da_file_free(f);
	free(path);
}

/* ---- the legacy DA flow against a trace built from spec §4 ---- */

struct tb {
	FILE *f;
};

static void tb_line(struct tb *t, char dir, const uint8_t *p, size_t n)
{
	fputc(dir, t->f);
	for (size_t i = 0; i < n; i++)
		fprintf(t->f, " %02x", p[i]);
	fputc('\n', t->f);
}
static void H(struct tb *t, const void *p, size_t n) { tb_line(t, '>', p, n); }
static void D(struct tb *t, const void *p, size_t n) { tb_line(t, '<', p, n); }
static void H32(struct tb *t, uint32_t v) { uint8_t b[4]; wr_be32(b, v); H(t, b, 4); }
static void D32(struct tb *t, uint32_t v) { uint8_t b[4]; wr_be32(b, v); D(t, b, 4); }
static void D16(struct tb *t, uint16_t v) { uint8_t b[2]; wr_be16(b, v); D(t, b, 2); }
static void HD(struct tb *t, const void *p, size_t n) { H(t, p, n); D(t, p, n); }
static void HD32(struct tb *t, uint32_t v) { H32(t, v); D32(t, v); }

static const uint8_t test_cid[16] = { 0x15, 0x01, 0x00, 0x4e, 0x35, 0x55, 0x30, 0x30,
				      0x4d, 0x01, 0x12, 0x34, 0x56, 0x78, 0x9a, 0x01 };
#define USER_SIZE 0x4000000ull

/* An optional WRITE appended after the read (set by a test before building the trace). */
static const uint8_t *trace_wdata;
static uint64_t trace_woff;
static uint32_t trace_wlen;
static uint8_t trace_wreply = 0x69;
/* Optional further READs of the user area after the first, in order. */
struct trace_read {
	uint64_t off;
	uint32_t len;
	const uint8_t *data;
};
static bool trace_nand;      /* DA1 reports a NAND chip */
/* After the report: 0 high speed; 1 full speed, 70 01 ACKed, 72 again at high speed; 2 full
 * speed, 70 01 refused (A5), 72 again at full speed; 3 full speed and nothing more; 4 full
 * speed, 70 01 unanswered, 72 again at full speed; 5 full speed, 70 01 ACKed, 72 again still
 * at full speed. */
static int trace_usb;
/* ENABLE_DRAM after the version's ACK: 0 the entry length alone (the real MT6572 DA); 1 16
 * bytes of DRAM information first (what mtkclient expects); 2 nothing at all. */
static int trace_emi_form;
/* The DA's version bytes after the sync ACK (default 4.2 on BBID 0x88, as real MT6572s). */
static const char *trace_da_version = "\x04\x02\x88";
static bool trace_read_nack; /* the DA refuses the READ with status 3039 */
static const struct trace_read *trace_reads;
static size_t trace_nreads;

/* The BROM stage of brom_mode.trace, then DA1, optionally the EMI step, DA2, and `reads`. */
static char *build_da_trace(const char *dir, const uint8_t *da, bool brom, bool emi, const uint8_t *disk,
			    uint64_t read_off, uint32_t read_len)
{
	char *path = malloc(4096), *src = trace_path(brom ? "brom_mode.trace" : "preloader_mode.trace");
	size_t n;
	uint8_t *text = slurp(src, &n), rep[236] = { 0 };
	struct tb t;
	size_t off0 = 0x6C + 0xDC;
	const uint8_t *da1 = da + off0 + SYN_R0, *da2 = da1 + SYN_DA1;

	snprintf(path, 4096, "%s/da.trace", dir);
	t.f = fopen(path, "w");
	fwrite(text, 1, n, t.f);
	free(text);
	free(src);
	/* SEND_DA: header echoed, status, data, checksum, status. */
	HD(&t, "\xd7", 1);
	HD32(&t, 0x02007000);
	HD32(&t, SYN_DA1);
	HD32(&t, 0x100);
	D16(&t, 0);
	H(&t, da1, SYN_DA1);
	D16(&t, mtkfwi_brom_xor16(da1, SYN_DA1));
	D16(&t, 0);
	HD(&t, "\xd5", 1);
	HD32(&t, 0x02007000);
	D16(&t, 0);
	/* DA1 sync: c0, nand_ret 0xbc4, no NAND ids, emmc_ret 0, CID; ACK; version bytes */
	D(&t, "\xc0", 1);
	D32(&t, 0xBC4);
	if (trace_nand) {
		D16(&t, 1);
		D16(&t, 0x98f1);
	} else {
		D16(&t, 0);
	}
	D32(&t, 0);
	D(&t, test_cid, 16);
	H(&t, "\x5a", 1);
	D(&t, trace_da_version, 3);
	/* Host config as verified in §4.3. */
	if (brom)
		H(&t, "\x05\xfe\x00\x08\x00\x70\x07\xff\xff\x00\x00\x00\x00\xa8\x01\x01\x02\x00", 18);
	else
		H(&t, "\xff\x01\x00\x08\x00\x70\x07\xff\xff\x00\x00\x00\x00\xa8\x01\x01\x02\x00", 18);
	D32(&t, emi ? 0xBC3 : 0);
	if (emi) {
		uint8_t info[20] = { 0 }, entry[168] = { 0 }, res[14] = { 0 };

		D(&t, info, 20);
		D32(&t, 0xBC4);
		D16(&t, 0);
		H(&t, "\xe8\x00\x00\x00\x0b", 5);
		D(&t, "\x5a", 1);
		if (trace_emi_form == 2) {
			fclose(t.f);
			return path;
		}
		if (trace_emi_form == 1)
			D(&t, info, 16);
		D32(&t, 168);
		H(&t, "\x5a", 1);
		/* The entry of the fixture preloader that matches the CID (the second). */
		wr_le32(entry, 0x202);
		memcpy(entry + 4, test_cid, 9);
		wr_le32(entry + 0x14, 9);
		entry[0x20] = 0x77;
		H(&t, entry, 168);
		D16(&t, 0x1234);
		H(&t, "\x5a", 1);
		H32(&t, 0x80000001);
		res[4] = 0x02;
		wr_be64(res + 6, 0x20000000);
		D(&t, res, 14);
	}
	H32(&t, 0x80000000);
	H32(&t, SYN_DA2);
	H32(&t, 0x1000);
	D(&t, "\x5a", 1);
	H(&t, da2, 0x1000);
	D(&t, "\x5a", 1);
	H(&t, da2 + 0x1000, SYN_DA2 - 0x1000);
	D(&t, "\x5a", 1);
	D(&t, "\x5a", 1);
	H(&t, "\x5a", 1);
	wr_be32(rep, 0xBC3);
	wr_be32(rep + 0x1C, 0xBC4);
	wr_be16(rep + 0x2B, 7);
	wr_be64(rep + 0x48, 0x400000);
	wr_be64(rep + 0x50, 0x400000);
	wr_be64(rep + 0x58, 0x400000);
	wr_be64(rep + 0x80, USER_SIZE);
	memcpy(rep + 0x88, test_cid, 16);
	rep[0xC8] = 2;
	wr_be64(rep + 0xCA, 0x20000000);
	rep[0xE2] = 0x5A;
	rep[0xEB] = 0xC1;
	D(&t, rep, sizeof(rep));
	H(&t, "\x72", 1);
	D(&t, trace_usb ? "\x5a\x00" : "\x5a\x01", 2);
	if (trace_usb == 1 || trace_usb == 2 || trace_usb == 4 || trace_usb == 5) {
		H(&t, "\x70\x01", 2);
		if (trace_usb != 4)
			D(&t, trace_usb == 2 ? "\xa5" : "\x5a", 1);
		/* Re-enumerated or not (a replay has no port to lose), the DA is asked again. */
		H(&t, "\x72", 1);
		D(&t, trace_usb == 1 ? "\x5a\x01" : "\x5a\x00", 2);
	}
	if (disk) {
		uint8_t cmd[19] = { 0xd6, 0x0c, 0x02 };

		H(&t, "\x72", 1);
		D(&t, "\x5a\x01", 2);
		H(&t, "\x60", 1);
		D(&t, "\x5a", 1);
		H(&t, "\x08", 1);
		D(&t, "\x5a", 1);
		wr_be64(cmd + 3, read_off);
		wr_be64(cmd + 11, read_len);
		H(&t, cmd, 19);
		if (trace_read_nack) {
			/* Refused: the host answers NACK, the DA names the reason (LE). */
			D(&t, "\xa5", 1);
			H(&t, "\xa5", 1);
			D(&t, "\xdf\x0b\x00\x00", 4);
			read_len = 0;
		} else {
			D(&t, "\x5a", 1);
			H32(&t, 0x100000);
		}
		for (uint32_t o = 0; o < read_len; o += 0x100000) {
			uint32_t k = read_len - o < 0x100000 ? read_len - o : 0x100000;

			D(&t, disk + read_off + o, k);
			D16(&t, mtkfwi_da_sum16(disk + read_off + o, k));
			H(&t, "\x5a", 1);
		}
	}
	for (size_t r = 0; r < trace_nreads; r++) {
		uint8_t cmd[19] = { 0xd6, 0x0c, 0x02 };

		H(&t, "\x72", 1);
		D(&t, "\x5a\x01", 2);
		H(&t, "\x60", 1);
		D(&t, "\x5a", 1);
		H(&t, "\x08", 1);
		D(&t, "\x5a", 1);
		wr_be64(cmd + 3, trace_reads[r].off);
		wr_be64(cmd + 11, trace_reads[r].len);
		H(&t, cmd, 19);
		D(&t, "\x5a", 1);
		H32(&t, 0x100000);
		D(&t, trace_reads[r].data, trace_reads[r].len);
		D16(&t, mtkfwi_da_sum16(trace_reads[r].data, trace_reads[r].len));
		H(&t, "\x5a", 1);
	}
	if (trace_wdata) {
		uint8_t cmd[23] = { 0x62, 0x01, 0x08 };

		wr_be64(cmd + 3, trace_woff);
		wr_be64(cmd + 11, trace_wlen);
		wr_be32(cmd + 19, 0x100000);
		H(&t, cmd, 23);
		D(&t, "\x5a", 1);
		for (uint32_t o = 0; o < trace_wlen; o += 0x100000) {
			uint32_t k = trace_wlen - o < 0x100000 ? trace_wlen - o : 0x100000;
			uint8_t s2[2];

			H(&t, "\x5a", 1);
			H(&t, trace_wdata + o, k);
			wr_be16(s2, mtkfwi_da_sum16(trace_wdata + o, k));
			H(&t, s2, 2);
			D(&t, &trace_wreply, 1);
			if (trace_wreply != 0x69)
				break;
		}
	}
	H(&t, "\xd9", 1);
	D(&t, "\x5a", 1);
	H32(&t, 0);
	D(&t, "\x5a", 1);
	fclose(t.f);
	return path;
}

struct collect {
	uint8_t *buf;
	size_t n;
};

static int collect(const uint8_t *p, size_t n, void *user)
{
	struct collect *c = user;

	memcpy(c->buf + c->n, p, n);
	c->n += n;
	return 0;
}

struct src {
	const uint8_t *p;
	size_t off;
};

static int source(uint8_t *buf, size_t n, void *user)
{
	struct src *s = user;

	memcpy(buf, s->p + s->off, n);
	s->off += n;
	return 0;
}

/* --usb-speed (spec §4.7.1-4.7.2): the replay checks every byte the host sends, so a 70 that
 * should not be sent, or one missing, fails the open or leaves the trace unfinished. */
static void usb_speed_switch(void **state)
{
	char *dir = make_tempdir(), *path;
	size_t n;
	uint8_t *da = synthetic_da(&n);
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	const struct mtkfw_device_info *in;
	mtkfw_device *d;
	mtkfw_transport *t;
	(void)state;

	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	/* high: full speed reported, 70 01 ACKed, the phone back at high speed. */
	trace_usb = 1;
	o.usb_speed = MTKFW_USB_HIGH;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	in = mtkfw_device_info(d);
	assert_true(in->usb_speed_known && in->usb_switched);
	assert_string_equal(mtkfw_usb_speed_name(in->usb_speed), "high");
	mtkfw_device_close(d);
	free(path);
	/* The DA refuses (2), says nothing (4), or says yes and stays at full speed (5), as a real
	 * phone's switch failed (docs/real-phones.md S3): the DA is asked where it stands, and the
	 * session goes on at full speed. */
	for (int v = 0; v < 3; v++) {
		trace_usb = v == 0 ? 2 : v == 1 ? 4 : 5;
		path = build_da_trace(dir, da, false, false, NULL, 0, 0);
		assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
		assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
		in = mtkfw_device_info(d);
		assert_false(in->usb_switched);
		assert_string_equal(mtkfw_usb_speed_name(in->usb_speed), "full");
		assert_int_equal(in->stage, MTKFW_STAGE_DA2);
		mtkfw_device_close(d);
		free(path);
	}
	/* full and the default: no 70 at all (the trace has none to match). */
	trace_usb = 3;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	for (int mode = MTKFW_USB_KEEP; mode <= MTKFW_USB_FULL; mode++) {
		o.usb_speed = mode;
		assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
		assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
		assert_false(mtkfw_device_info(d)->usb_switched);
		assert_int_equal(mtkfw_device_info(d)->usb_speed, MTKFW_USB_FULL); /* the phone reports full speed */
		mtkfw_device_close(d);
	}
	free(path);
	/* high against a phone that then falls silent: a timeout, not a hang. */
	trace_usb = 3;
	o.usb_speed = MTKFW_USB_HIGH;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_not_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	mtkfw_device_close(d);
	free(path);
	trace_usb = 0;
	assert_int_equal(mtkfw_usb_speed_parse("HIGH"), MTKFW_USB_HIGH);
	assert_int_equal(mtkfw_usb_speed_parse("full"), MTKFW_USB_FULL);
	assert_int_equal(mtkfw_usb_speed_parse("fast"), -1);
	assert_int_equal(mtkfw_usb_speed_parse(NULL), -1);
	assert_string_equal(mtkfw_usb_speed_name(7), "unknown");
	mtkfw_da_file_free(f);
	free(da);
	rm_rf(dir);
	free(dir);
}

static void da_flow_write(void **state)
{
	char *dir = make_tempdir(), *path;
	size_t n;
	uint8_t *da = synthetic_da(&n), *data = malloc(0x100200);
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	mtkfw_device *d;
	mtkfw_transport *t;
	struct src s = { data, 0 };
	(void)state;

	for (size_t i = 0; i < 0x100200; i++)
		data[i] = (uint8_t)(i * 31 >> 3);
	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	trace_wdata = data;
	trace_woff = 0x200000;
	trace_wlen = 0x100200;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	/* Unaligned or outside the area: refused before anything is sent. */
	assert_int_equal(mtkfw_device_write(d, MTKFW_AREA_USER, 0x200001, 0x200, source, &s, NULL), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_device_write(d, MTKFW_AREA_USER, USER_SIZE, 0x200, source, &s, NULL), MTKFW_ERR_INVALID);
	/* The replay checks every byte the host sends: command, ACKs, data and checksums. */
	assert_int_equal(mtkfw_device_write(d, MTKFW_AREA_USER, 0x200000, 0x100200, source, &s, NULL), 0);
	assert_int_equal(s.off, 0x100200);
	mtkfw_device_close(d);
	free(path);

	/* The DA refuses a packet: the write stops with its answer. */
	trace_wreply = 0xA5;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	s.off = 0;
	assert_int_equal(mtkfw_device_write(d, MTKFW_AREA_USER, 0x200000, 0x100200, source, &s, NULL), MTKFW_ERR_DEVICE);
	assert_non_null(strstr(mtkfw_error_last()->message, "a5 instead of 69"));
	mtkfw_device_close(d);
	trace_wreply = 0x69;
	trace_wdata = NULL;
	mtkfw_da_file_free(f);
	free(path);
	free(data);
	free(da);
	rm_rf(dir);
	free(dir);
}

static void da_flow_preloader_read(void **state)
{
	char *dir = make_tempdir(), *path;
	size_t n;
	uint8_t *da = synthetic_da(&n), *disk = malloc(0x180000);
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	mtkfw_device *d;
	mtkfw_transport *t;
	const struct mtkfw_device_info *in;
	struct collect c = { malloc(0x180000), 0 };
	(void)state;

	for (size_t i = 0; i < 0x180000; i++)
		disk[i] = (uint8_t)(i ^ (i >> 9));
	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	/* 1.25 MiB at 0x10000: a full packet and a short one. */
	path = build_da_trace(dir, da, false, false, disk, 0x10000, 0x140000);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	in = mtkfw_device_info(d);
	assert_int_equal(in->stage, MTKFW_STAGE_DA2);
	assert_int_equal(in->storage, MTKFW_STORAGE_EMMC);
	assert_memory_equal(in->cid, test_cid, 16);
	assert_string_equal(in->emmc_maker, "Samsung");
	assert_string_equal(in->emmc_product, "N5U00M");
	assert_int_equal(in->boot1_size, 0x400000);
	assert_int_equal(in->user_size, USER_SIZE);
	assert_int_equal(in->ram_size, 0x20000000);
	/* "DA ver. 4.2 on BBID 0x88", as real MT6572s reported it. */
	assert_int_equal(in->da_major, 4);
	assert_int_equal(in->da_minor, 2);
	assert_int_equal(in->da_bbchip, 0x88);
	/* A range past the end is refused before anything is sent. */
	assert_int_equal(mtkfw_device_read(d, MTKFW_AREA_USER, USER_SIZE - 1, 2, collect, &c, NULL), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_device_read(d, MTKFW_AREA_USER, 0x10000, 0x140000, collect, &c, NULL), 0);
	assert_int_equal(c.n, 0x140000);
	assert_memory_equal(c.buf, disk + 0x10000, 0x140000);
	mtkfw_device_close(d);

	/* The same session with one data byte flipped in transit: the packet checksum catches it. */
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	{
		mtkfw_transport *ft;
		char spec[64];

		/* Device bytes before the read data: 5+2+2+... computed from the trace itself would
		 * tie the test to the code; instead flip far into the data, past every header. */
		snprintf(spec, sizeof(spec), "flip@%d", 0x80000);
		assert_int_equal(mtkfw_transport_fault(&ft, t, spec), 0);
		assert_int_equal(mtkfw_device_open(&d, ft, &o, NULL), 0);
		c.n = 0;
		assert_int_equal(mtkfw_device_read(d, MTKFW_AREA_USER, 0x10000, 0x140000, collect, &c, NULL),
				 MTKFW_ERR_MISMATCH);
		mtkfw_device_close(d);
	}
	free(path);

	/* Another DA version (3.3, BB chip 0, as the sim used to send) is read the same way. */
	trace_da_version = "\x03\x03\x00";
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	trace_da_version = "\x04\x02\x88";
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	in = mtkfw_device_info(d);
	assert_true(in->da_major == 3 && in->da_minor == 3 && in->da_bbchip == 0);
	assert_int_equal(in->stage, MTKFW_STAGE_DA2);
	mtkfw_device_close(d);
	mtkfw_da_file_free(f);
	free(path);
	free(c.buf);
	free(disk);
	free(da);
	rm_rf(dir);
	free(dir);
}

/* A preloader fixture: a bare MTK_BLOADER_INFO_v11 block laid out as the corpus's
 * mtkclient/preloader_oppo6572_14079.bin (MTK_BIN at 0x64, count at 0x6C, 168-byte entries
 * from 0x70), with two entries; the second's id is the test CID's first 9 bytes. */
static uint8_t *fixture_preloader(size_t *len)
{
	size_t n = 0x70 + 2 * 168;
	uint8_t *b = calloc(1, n), *e;

	memcpy(b, "MTK_BLOADER_INFO_v11", 20);
	memcpy(b + 0x1B, "preloader_test.bin", 18);
	memcpy(b + 0x64, "MTK_BIN", 7);
	wr_le32(b + 0x6C, 2);
	e = b + 0x70;
	wr_le32(e, 0x202);
	memcpy(e + 4, "\x90\x01\x4a\x48\x34\x47\x31\x64\x04", 9);
	wr_le32(e + 0x14, 9);
	e += 168;
	wr_le32(e, 0x202);
	memcpy(e + 4, test_cid, 9);
	wr_le32(e + 0x14, 9);
	e[0x20] = 0x77;
	*len = n;
	return b;
}

static void da_flow_brom_emi(void **state)
{
	char *dir = make_tempdir(), *path;
	size_t n, pn;
	uint8_t *da = synthetic_da(&n), *pl = fixture_preloader(&pn);
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	mtkfw_device *d;
	mtkfw_transport *t;
	const struct mtkfw_device_info *in;
	(void)state;

	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	path = build_da_trace(dir, da, true, true, NULL, 0, 0);

	/* Without an EMI source: stop before DA2, with the eMMC id and 4032 in the message. */
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "1501004e355530304d01123456789a01"));
	assert_non_null(strstr(mtkfw_error_last()->message, "4032"));
	in = mtkfw_device_info(d);
	assert_int_equal(in->stage, MTKFW_STAGE_DA1);
	assert_true(in->emi_needed);
	assert_false(in->dram_ready);
	assert_memory_equal(in->cid, test_cid, 16);
	mtkfw_device_close(d);

	/* With the preloader: the matching entry (not the first) is sent, DRAM comes up. */
	o.preloader = pl;
	o.preloader_len = pn;
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	in = mtkfw_device_info(d);
	assert_true(in->dram_ready);
	assert_int_equal(in->ram_size, 0x20000000);
	assert_int_equal(in->stage, MTKFW_STAGE_DA2);
	mtkfw_device_close(d);

	/* A preloader folder found by the CID works the same. */
	o.preloader = NULL;
	o.preloader_dir = dir;
	{
		char p2[4096];

		snprintf(p2, sizeof(p2), "%s/preloader_x.bin", dir);
		write_file(p2, pl, pn);
	}
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	mtkfw_device_close(d);
	free(path);

	/* A DA that sends 16 bytes of DRAM information before the entry length (mtkclient's
	 * expectation) is followed as well. */
	trace_emi_form = 1;
	path = build_da_trace(dir, da, true, true, NULL, 0, 0);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	assert_int_equal(mtkfw_device_info(d)->ram_size, 0x20000000);
	mtkfw_device_close(d);
	free(path);

	/* A DA that says nothing after the version's ACK (mtkclient's "RAM-Info" hang): a
	 * timeout with the way out, not a hang. */
	trace_emi_form = 2;
	path = build_da_trace(dir, da, true, true, NULL, 0, 0);
	trace_emi_form = 0;
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), MTKFW_ERR_TIMEOUT);
	assert_non_null(strstr(mtkfw_error_last()->message, "said nothing more"));
	assert_non_null(strstr(mtkfw_error_last()->message, "preloader mode"));
	assert_false(mtkfw_device_info(d)->dram_ready);
	mtkfw_device_close(d);
	mtkfw_da_file_free(f);
	free(path);
	free(pl);
	free(da);
	rm_rf(dir);
	free(dir);
}

static void garbage_replies_fail_cleanly(void **state)
{
	size_t n;
	uint8_t *da = synthetic_da(&n), junk[600];
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	(void)state;

	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	for (unsigned seed = 1; seed < 200; seed++) {
		mtkfw_transport *t;
		mtkfw_device *d;
		unsigned x = seed;

		/* A correct handshake, then noise: every layer must fail with a status. */
		memcpy(junk, "\x5f\xf5\xaf\xfa\xfd\x65\x72\x00\x00", 9);
		for (size_t i = 9; i < sizeof(junk); i++) {
			x = x * 1103515245u + 12345u;
			junk[i] = (uint8_t)(x >> 16);
		}
		assert_int_equal(mtkfw_transport_open_canned(&t, junk, sizeof(junk)), 0);
		assert_true(mtkfw_device_open(&d, t, &o, NULL) < 0);
		mtkfw_device_close(d);
	}
	mtkfw_da_file_free(f);
	free(da);
}

static void backup_refusals(void **state)
{
	char *dir = make_tempdir(), *path, mf[4200], bdir[4000];
	size_t n;
	uint8_t *da = synthetic_da(&n);
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	mtkfw_device *d;
	mtkfw_transport *t;
	mtkfw_layout *l;
	struct mtkfw_backup *b;
	(void)state;

	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	/* No NVRAM in the layout: refused before any read (the replay would catch a read). */
	assert_int_equal(mtkfw_layout_new(&l, MTKFW_LAYOUT_YAML), 0);
	assert_int_equal(mtkfw_device_backup(&b, d, l, dir, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "--scatter"));
	mtkfw_layout_free(l);

	/* A backup of another phone is refused before any write. */
	snprintf(bdir, sizeof(bdir), "%s/b", dir);
	mkdir(bdir, 0700);
	snprintf(mf, sizeof(mf), "%s/manifest.txt", bdir);
	{
		const char *text = "# x\nchip MT6572\ncid 90014a2058494e594801020304050607\n"
				   "item NVRAM user 4194304 512 "
				   "076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560 NVRAM.bin\n";

		write_file(mf, text, strlen(text));
	}
	assert_int_equal(mtkfw_backup_load(&b, bdir), 0);
	assert_int_equal(b->count, 1);
	assert_int_equal(b->items[0].area, MTKFW_AREA_USER);
	assert_int_equal(b->items[0].offset, 0x400000);
	assert_int_equal(mtkfw_device_restore(d, b, NULL, NULL), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "own backup"));
	/* The phone's own CID, but the file is missing: nothing is written. */
	memcpy(b->cid, test_cid, 16);
	assert_int_equal(mtkfw_device_restore(d, b, NULL, NULL), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_device_restore(d, b, "boot1", NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "--only"));
	/* A file whose bytes changed since the backup. */
	{
		char fp[4200];
		uint8_t zero[512] = { 1 };

		snprintf(fp, sizeof(fp), "%s/NVRAM.bin", bdir);
		write_file(fp, zero, sizeof(zero));
	}
	assert_int_equal(mtkfw_device_restore(d, b, "nvram", NULL), MTKFW_ERR_MISMATCH);
	mtkfw_backup_free(b);
	mtkfw_device_close(d);

	/* Malformed manifests. */
	write_file(mf, "cid zz\n", 7);
	assert_int_equal(mtkfw_backup_load(&b, bdir), MTKFW_ERR_FORMAT);
	write_file(mf, "item a b\n", 9);
	assert_int_equal(mtkfw_backup_load(&b, bdir), MTKFW_ERR_FORMAT);
	write_file(mf, "chip x\n", 7);
	assert_int_equal(mtkfw_backup_load(&b, bdir), MTKFW_ERR_FORMAT);
	mtkfw_da_file_free(f);
	free(path);
	free(da);
	rm_rf(dir);
	free(dir);
}

static void pmt_from_the_phone(void **state)
{
	char *dir = make_tempdir(), *path;
	size_t n;
	uint8_t *da = synthetic_da(&n), pmt[0x1000] = { 0 };
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	mtkfw_device *d;
	mtkfw_transport *t;
	mtkfw_layout *l;
	const struct mtkfw_partition *p;
	static const struct {
		const char *name;
		uint64_t size, offset;
	} ents[] = { { "PRELOADER", 0x40000, 0 }, { "MBR", 0x80000, 0x600000 }, { "NVRAM", 0x500000, 0xA00000 } };
	struct trace_read reads[2];
	(void)state;

	/* A PMT with linear offsets (the MBR at 0x600000), laid out as anchors spec B.8 says:
	 * "PTv1" little-endian, version, 0x58-byte entries, the signature again at the end. */
	memcpy(pmt, "1vTP1.0", 8);
	memcpy(pmt + 0x1000 - 4, "1vTP", 4);
	for (size_t i = 0; i < 3; i++) {
		uint8_t *e = pmt + 8 + i * 0x58;

		memcpy(e, ents[i].name, strlen(ents[i].name));
		wr_le64(e + 64, ents[i].size);
		wr_le64(e + 72, ents[i].offset);
	}
	/* The first place looked at (1 MiB below the end) holds it. */
	reads[0] = (struct trace_read){ USER_SIZE - 0x100000, 4, pmt };
	reads[1] = (struct trace_read){ USER_SIZE - 0x100000, 0x1000, pmt };
	trace_reads = reads;
	trace_nreads = 2;
	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	assert_int_equal(mtkfw_device_read_pmt(&l, d, NULL), 0);
	/* Linear offsets become user-area offsets: NVRAM 0xA00000 - 0x600000. */
	p = mtkfw_layout_find(l, "nvram");
	assert_non_null(p);
	assert_int_equal(p->start, 0x400000);
	assert_int_equal(p->size, 0x500000);
	assert_int_equal(mtkfw_layout_find(l, "MBR")->start, 0);
	mtkfw_layout_free(l);
	mtkfw_device_close(d);
	trace_reads = NULL;
	trace_nreads = 0;
	mtkfw_da_file_free(f);
	free(path);
	free(da);
	rm_rf(dir);
	free(dir);
}

static void da_format_frames(void **state)
{
	char *dir = make_tempdir(), path[4200];
	mtkfw_transport *t;
	(void)state;

	/* Spec §4.7.6: 72, 60 part, D4 with its 20 parameter bytes, then frames 5a 5a status pct,
	 * each acknowledged, and 5a 5a after 100%. */
	snprintf(path, sizeof(path), "%s/f.trace", dir);
	{
		const char *text = "> 72\n< 5a 01\n> 60\n< 5a\n> 08\n< 5a\n"
				   "> d4 02 00 00 00 0000000000100000 0000000000200000\n"
				   "< 5a 5a 00000000 32\n> 5a\n< 5a 5a 00000000 64\n> 5a\n< 5a 5a\n";

		write_file(path, text, strlen(text));
	}
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfwi_da2_format(t, 8, 0x100000, 0x200000, "erase", NULL), 0);
	mtkfw_transport_free(t);
	/* A progress byte over 100 is a confused DA. */
	{
		const char *text = "> 72\n< 5a 01\n> 60\n< 5a\n> 08\n< 5a\n"
				   "> d4 02 00 00 00 0000000000100000 0000000000200000\n< 5a 5a 00000000 c8\n";

		write_file(path, text, strlen(text));
	}
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfwi_da2_format(t, 8, 0x100000, 0x200000, "erase", NULL), MTKFW_ERR_PROTOCOL);
	mtkfw_transport_free(t);
	rm_rf(dir);
	free(dir);
}

static void da_refusals(void **state)
{
	char *dir = make_tempdir(), *path;
	size_t n;
	uint8_t *da = synthetic_da(&n), disk[0x1000] = { 0 };
	struct mtkfw_da_file *f;
	struct mtkfw_device_opts o = { .version = 1 };
	mtkfw_device *d;
	mtkfw_transport *t;
	struct collect c = { malloc(0x1000), 0 };
	(void)state;

	assert_int_equal(mtkfw_da_file_parse(&f, da, n, "syn"), 0);
	o.da = f;
	/* A NAND phone: refused right after DA1 names its storage. */
	trace_nand = true;
	path = build_da_trace(dir, da, false, false, NULL, 0, 0);
	trace_nand = false;
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), MTKFW_ERR_UNSUPPORTED);
	assert_non_null(strstr(mtkfw_error_last()->message, "NAND"));
	assert_int_equal(mtkfw_device_info(d)->storage, MTKFW_STORAGE_NAND);
	mtkfw_device_close(d);
	free(path);
	/* A READ the DA refuses: its LE status comes back in the message (3039: invalid range). */
	trace_read_nack = true;
	path = build_da_trace(dir, da, false, false, disk, 0, 0x1000);
	trace_read_nack = false;
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), 0);
	assert_int_equal(mtkfw_device_read(d, MTKFW_AREA_USER, 0, 0x1000, collect, &c, NULL), MTKFW_ERR_DEVICE);
	assert_non_null(strstr(mtkfw_error_last()->message, "status 3039"));
	assert_int_equal(c.n, 0);
	mtkfw_device_close(d);
	/* Options of another version are refused, and the transport is still freed. */
	o.version = 2;
	assert_int_equal(mtkfw_transport_open_replay(&t, path), 0);
	assert_int_equal(mtkfw_device_open(&d, t, &o, NULL), MTKFW_ERR_INVALID);
	assert_null(d);
	free(path);
	free(c.buf);
	mtkfw_da_file_free(f);
	free(da);
	rm_rf(dir);
	free(dir);
}

/* ---- tables ---- */

static void chip_table_is_sane(void **state)
{
	(void)state;
	assert_true(mtkfwi_chip_count >= 1);
	for (size_t i = 0; i < mtkfwi_chip_count; i++) {
		const struct chip_info *c = &mtkfwi_chip_table[i];

		assert_non_null(c->name);
		assert_true(strncmp(c->name, "MT", 2) == 0);
		assert_ptr_equal(mtkfwi_chip_find(c->hw_code), c);
		assert_true(c->da1_region != c->da2_region);
		assert_true(c->da2_region < MTKFW_DA_MAX_REGIONS && c->da1_region < MTKFW_DA_MAX_REGIONS);
		assert_true(c->watchdog_addr != 0);
		assert_true(c->da2_packet > 0 && c->read_packet > 0);
		for (size_t j = 0; j < i; j++)
			assert_true(mtkfwi_chip_table[j].hw_code != c->hw_code);
	}
	assert_int_equal(mtkfwi_chip_find(0x6572)->watchdog_value, 0x22000064);
	assert_null(mtkfwi_chip_find(0x1234));
}

static void emmc_makers(void **state)
{
	(void)state;
	assert_string_equal(mtkfw_emmc_maker(0x15), "Samsung");
	assert_string_equal(mtkfw_emmc_maker(0x90), "SK Hynix");
	assert_null(mtkfw_emmc_maker(0x00));
	for (unsigned m = 0; m < 256; m++) {
		const char *s = mtkfw_emmc_maker((uint8_t)m);

		assert_true(!s || *s);
	}
	assert_string_equal(mtkfw_device_mode_name(MTKFW_MODE_PRELOADER), "preloader");
	assert_string_equal(mtkfw_storage_name(MTKFW_STORAGE_EMMC), "emmc");
}

static void find_port_gives_advice(void **state)
{
	char *p;
	(void)state;

	/* This machine has no USB phone: after the wait, the advice. */
	if (mtkfw_device_find_port(&p, 50) == 0) {
		free(p);
		skip();
	}
	assert_non_null(strstr(mtkfw_error_last()->message, "hold Volume"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay_checks_host_bytes_and_order),
		cmocka_unit_test(record_then_replay),
		cmocka_unit_test(fault_wrapper),
		cmocka_unit_test(tty_open_errors),
		cmocka_unit_test(brom_mode_transcript),
		cmocka_unit_test(preloader_mode_with_retry),
		cmocka_unit_test(brom_failures),
		cmocka_unit_test(xor16_and_sum16),
		cmocka_unit_test(cid_order),
		cmocka_unit_test(da_file_synthetic),
		cmocka_unit_test(da_file_corpus),
		cmocka_unit_test(da_file_corpus_iot),
		cmocka_unit_test(da_flow_preloader_read),
		cmocka_unit_test(da_flow_brom_emi),
		cmocka_unit_test(da_flow_write),
		cmocka_unit_test(usb_speed_switch),
		cmocka_unit_test(backup_refusals),
		cmocka_unit_test(pmt_from_the_phone),
		cmocka_unit_test(da_format_frames),
		cmocka_unit_test(da_refusals),
		cmocka_unit_test(garbage_replies_fail_cleanly),
		cmocka_unit_test(chip_table_is_sane),
		cmocka_unit_test(emmc_makers),
		cmocka_unit_test(find_port_gives_advice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
