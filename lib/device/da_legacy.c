/*
 * The legacy DA protocol for MT6572 (spec brom-da-protocol.md §4): DA1 start-up, host
 * configuration, DRAM set-up from an EMI entry, DA2 upload and report, then the DA2 storage
 * commands. All integers on the wire are big-endian except where marked.
 */
#include "device/da_legacy.h"
#include "device/transport.h"
#include "core/bytes.h"
#include "core/bytesum.h"
#include "core/internal.h"

#include <stdio.h>

#define DA_MAX_NAND_IDS 16

static int rd_ms(mtkfw_transport *t, void *buf, size_t n, unsigned ms, const char *what)
{
	return mtkfw_transport_read(t, buf, n, ms) ? mtkfw_seterr_prefix(what) : 0;
}

static int rd(mtkfw_transport *t, void *buf, size_t n, const char *what)
{
	return rd_ms(t, buf, n, DA_TIMEOUT_MS, what);
}

static int wr(mtkfw_transport *t, const void *buf, size_t n, const char *what)
{
	return mtkfw_transport_write(t, buf, n) ? mtkfw_seterr_prefix(what) : 0;
}

static int send_ack(mtkfw_transport *t, const char *what)
{
	static const uint8_t ack = DA_ACK;

	return wr(t, &ack, 1, what);
}

static int expect_ack(mtkfw_transport *t, const char *what)
{
	uint8_t b;
	int rc = rd(t, &b, 1, what);

	if (rc)
		return rc;
	if (b == DA_NACK)
		return mtkfw_seterr(MTKFW_ERR_DEVICE, "%s: the DA refused (NACK)", what);
	if (b != DA_ACK)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "%s: the DA answered %02x instead of ACK 5a", what, b);
	return 0;
}

static int read_u16_list(mtkfw_transport *t, uint16_t *first, const char *what)
{
	uint8_t b[2 * DA_MAX_NAND_IDS];
	uint16_t n;
	int rc = rd(t, b, 2, what);

	if (rc)
		return rc;
	n = rd_be16(b);
	if (n > DA_MAX_NAND_IDS)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "%s: the DA lists %u NAND ids (at most %d)", what, n,
				    DA_MAX_NAND_IDS);
	rc = rd(t, b, 2u * n, what);
	if (rc)
		return rc;
	*first = n ? rd_be16(b) : 0;
	return (int)n;
}

/* How much a 16-byte CID looks like card order: a known maker first, a printable product
 * name in bytes 3..8, and the CRC byte's end bit (always 1) last. */
static int cid_score(const uint8_t *c)
{
	int s = 0;
	bool printable = true;

	for (int i = 3; i < 9; i++)
		printable = printable && c[i] >= 0x20 && c[i] < 0x7F;
	s += mtkfw_emmc_maker(c[0]) != NULL;
	s += printable;
	s += c[15] & 1;
	return s;
}

void mtkfwi_da_cid_normalize(uint8_t cid[16])
{
	uint8_t sw[16];

	/* Some DAs send the CID as four little-endian words, each word's bytes reversed. Report it
	 * in card order (contracts.md) whichever way it came. */
	for (int w = 0; w < 4; w++)
		for (int b = 0; b < 4; b++)
			sw[4 * w + b] = cid[4 * w + 3 - b];
	if (cid_score(sw) > cid_score(cid))
		memcpy(cid, sw, 16);
}

int mtkfwi_da1_sync(mtkfw_transport *t, struct mtkfw_device_info *info)
{
	uint8_t b[20];
	uint16_t nand0 = 0;
	uint32_t emmc_ret;
	int n, rc = rd(t, b, 1, "DA1 start");

	if (rc)
		return rc;
	if (b[0] != DA_SYNC)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "DA1 start: the DA sent %02x instead of its sync byte c0", b[0]);
	if ((rc = rd(t, b, 4, "DA1 start")))
		return rc;
	n = read_u16_list(t, &nand0, "DA1 start");
	if (n < 0)
		return n;
	if ((rc = rd(t, b, 20, "DA1 start")))
		return rc;
	memcpy(info->cid, b + 4, 16);
	mtkfwi_da_cid_normalize(info->cid);
	emmc_ret = rd_be32(b);
	if (n > 0 && nand0 != 0)
		info->storage = MTKFW_STORAGE_NAND;
	else if (emmc_ret == 0 && rd_be32(info->cid) != 0)
		info->storage = MTKFW_STORAGE_EMMC;
	else
		info->storage = MTKFW_STORAGE_NOR;
	if ((rc = send_ack(t, "DA1 start")) || (rc = rd(t, b, 3, "DA1 version")))
		return rc;
	info->da_major = b[0];
	info->da_minor = b[1];
	info->da_bbchip = b[2];
	info->emmc_maker = info->storage == MTKFW_STORAGE_EMMC ? mtkfw_emmc_maker(info->cid[0]) : NULL;
	if (info->storage == MTKFW_STORAGE_EMMC) {
		size_t k = 0;

		/* The CID's product name: bytes 3..8, ASCII. */
		for (size_t i = 3; i < 9; i++)
			if (info->cid[i] >= 0x20 && info->cid[i] < 0x7F)
				info->emmc_product[k++] = (char)info->cid[i];
		while (k && info->emmc_product[k - 1] == ' ')
			k--;
		info->emmc_product[k] = 0;
	}
	info->stage = MTKFW_STAGE_DA1;
	if (info->storage == MTKFW_STORAGE_NAND)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
				    "this phone stores its firmware on NAND (id %04x); mtkfw handles eMMC phones only",
				    nand0);
	if (info->storage != MTKFW_STORAGE_EMMC)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "the DA found no eMMC in this phone (eMMC status 0x%08x)",
				    emmc_ret);
	return 0;
}

int mtkfwi_da1_host_config(mtkfw_transport *t, const struct chip_info *chip, const struct mtkfw_device_info *info,
		    uint32_t *dram_status)
{
	uint8_t c[18], st[4];
	int rc;

	c[0] = info->brom_version;
	c[1] = info->bl_version;
	wr_be16(c + 2, 0x0008);     /* NOR chip config: CS with decoder */
	c[4] = 0x00;                /* chip select CS0 */
	wr_be32(c + 5, 0x7007FFFF); /* NAND ACCCON */
	c[9] = 0x00;                /* BMT flag */
	wr_be32(c + 10, chip->bmt_partsize_emmc);
	c[14] = 0x01;               /* force charge */
	c[15] = chip->reset_keys ? 0x01 : 0x00;
	c[16] = 0x02;               /* external clock: 26 MHz */
	c[17] = 0x00;               /* MSDC boot channel */
	if ((rc = wr(t, c, sizeof(c), "DA1 config")) || (rc = rd(t, st, 4, "DA1 config")))
		return rc;
	*dram_status = rd_be32(st);
	if (*dram_status != 0 && *dram_status != DA_STATUS_NOR_NOT_FOUND)
		return mtkfw_seterr(MTKFW_ERR_DEVICE, "DA1 config: the DA reports status %u (0x%x)", *dram_status,
				    *dram_status);
	return 0;
}

int mtkfwi_da1_dram_info(mtkfw_transport *t)
{
	uint8_t b[20];
	uint16_t first;
	int rc = rd(t, b, 4 + 16, "DRAM info");

	if (rc || (rc = rd(t, b, 4, "DRAM info")))
		return rc;
	if (rd_be32(b) != DA_STATUS_NAND_NOT_FOUND)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "DRAM info: the DA sent status 0x%08x where 0x00000bc4 belongs",
				    rd_be32(b));
	rc = read_u16_list(t, &first, "DRAM info");
	return rc < 0 ? rc : 0;
}

/* How long DRAM information may lag behind the first word of it: it comes in one piece. */
#define EMI_INFO_GAP_MS 250

/*
 * After the EMI version's ACK, the entry length the DA wants. The real MT6572 DA sends it
 * alone and waits for the host (CM2's "EmiReq 0x00A8"; mtkclient, which expects 16 bytes of
 * DRAM information first, hangs there: docs/real-phones.md S6, S13); DAs as mtkclient knows
 * them send the 16 bytes, then the length. Whatever follows the first word within a moment
 * tells the two apart. A DA that says nothing at all is what stopped mtkclient on two phones.
 */
static int emi_request(mtkfw_transport *t, unsigned version, uint32_t *dramlen)
{
	uint8_t b[20];
	int r;

	if (mtkfw_transport_read(t, b, 4, DA_TIMEOUT_MS)) {
		if (mtkfw_error_last()->code != MTKFW_ERR_TIMEOUT)
			return mtkfw_seterr_prefix("ENABLE_DRAM");
		return mtkfw_seterr(MTKFW_ERR_TIMEOUT,
				    "ENABLE_DRAM: the DA accepted EMI version %u, then said nothing more (as two "
				    "MT6572s did with mtkclient); unplug the phone and connect it without holding a "
				    "key (preloader mode: its own preloader sets DRAM up)", version);
	}
	r = t->ops->read(t->self, b + 4, 16, EMI_INFO_GAP_MS);
	if (r < 0)
		return mtkfw_seterr_prefix("ENABLE_DRAM");
	if (r == 0) {
		*dramlen = rd_be32(b);
		return 0;
	}
	t->rx += (uint64_t)r;
	if (mtkfw_transport_read(t, b + 4 + r, 16 - (size_t)r, DA_TIMEOUT_MS))
		return mtkfw_seterr_prefix("ENABLE_DRAM");
	*dramlen = rd_be32(b + 16);
	return 0;
}

int mtkfwi_da1_enable_dram(mtkfw_transport *t, const struct mtkfw_emi *emi, int index, struct mtkfw_device_info *info)
{
	uint8_t b[32], cmd[5];
	unsigned version = 0;
	uint32_t dramlen = 0;
	int rc;

	if (sscanf(emi->version, "v%u", &version) != 1 || (version != 10 && version != 11))
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
				    "EMI table version %s: MT6572's legacy DA takes versions v10 and v11", emi->version);
	if (index < 0 || (uint32_t)index >= emi->count)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "ENABLE_DRAM: no EMI entry chosen");
	cmd[0] = 0xE8; /* ENABLE_DRAM */
	wr_be32(cmd + 1, version);
	if ((rc = wr(t, cmd, 5, "ENABLE_DRAM")) || (rc = expect_ack(t, "ENABLE_DRAM")) ||
	    (rc = emi_request(t, version, &dramlen)))
		return rc;
	/* The DA names the entry size it expects; it must be the table's own. */
	if (dramlen != emi->entry_size || dramlen > MTKFW_EMI_ENTRY_MAX)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL,
				    "ENABLE_DRAM: the DA asks for a %u-byte EMI entry, the %s table has %u-byte entries",
				    dramlen, emi->version, emi->entry_size);
	if ((rc = send_ack(t, "ENABLE_DRAM")) || (rc = wr(t, emi->entries[index].raw, dramlen, "ENABLE_DRAM")) ||
	    (rc = rd(t, b, 2, "ENABLE_DRAM checksum")) || (rc = send_ack(t, "ENABLE_DRAM")))
		return rc;
	wr_be32(cmd, 0x80000001); /* go */
	if ((rc = wr(t, cmd, 4, "ENABLE_DRAM")) || (rc = rd(t, b, 4 + 1 + 1 + 8, "ENABLE_DRAM result")))
		return rc;
	if (rd_be32(b) != 0)
		return mtkfw_seterr(MTKFW_ERR_DEVICE,
				    "ENABLE_DRAM failed (status 0x%x; SP Flash Tool's 4032): the EMI entry does not "
				    "fit this phone's memory", rd_be32(b));
	info->ram_size = rd_be64(b + 6);
	info->dram_ready = true;
	return 0;
}

int mtkfwi_da2_parse_report(const uint8_t *r, size_t n, struct mtkfw_device_info *info)
{
	uint8_t cid[16];

	if (n < DA_REPORT_SIZE)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "DA2 report: %zu bytes, %d expected", n, DA_REPORT_SIZE);
	if (r[0xE2] != DA_ACK)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "DA2 report: byte 0xe2 is %02x, not the ACK 5a", r[0xE2]);
	if (rd_be32(r + 0x44) != 0)
		return mtkfw_seterr(MTKFW_ERR_DEVICE, "DA2 report: eMMC status 0x%08x: the DA cannot use the eMMC",
				    rd_be32(r + 0x44));
	info->boot1_size = rd_be64(r + 0x48);
	info->boot2_size = rd_be64(r + 0x50);
	info->rpmb_size = rd_be64(r + 0x58);
	info->user_size = rd_be64(r + 0x80);
	memcpy(info->emmc_fw_version, r + 0x98, sizeof(info->emmc_fw_version));
	/* The report's CID is the one DA1 already gave; a different one means a confused DA. */
	memcpy(cid, r + 0x88, 16);
	mtkfwi_da_cid_normalize(cid);
	if (rd_be32(info->cid) && memcmp(info->cid, cid, 16) != 0)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "DA2 report: the CID differs from the one DA1 reported");
	if (rd_be32(r + 0xC4) == 0 && rd_be64(r + 0xCA)) {
		info->ram_size = rd_be64(r + 0xCA);
		info->dram_ready = true;
	}
	info->stage = MTKFW_STAGE_DA2;
	return 0;
}

int mtkfwi_da2_upload(mtkfw_transport *t, const struct chip_info *chip, uint32_t addr, const uint8_t *data, uint32_t len,
	       struct mtkfw_device_info *info, mtkfw_ctx *ctx)
{
	uint8_t hdr[12], report[DA_REPORT_SIZE];
	int rc;

	wr_be32(hdr, addr);
	wr_be32(hdr + 4, len);
	wr_be32(hdr + 8, chip->da2_packet);
	if ((rc = wr(t, hdr, sizeof(hdr), "DA2 upload")) || (rc = expect_ack(t, "DA2 upload")))
		return rc;
	for (uint32_t off = 0; off < len; off += chip->da2_packet) {
		uint32_t k = len - off < chip->da2_packet ? len - off : chip->da2_packet;

		if ((rc = wr(t, data + off, k, "DA2 upload")) || (rc = expect_ack(t, "DA2 upload")))
			return rc;
		if ((rc = mtkfw_progress(ctx, "upload DA2", off + k, len)))
			return rc;
	}
	/* The DA's final ACK comes unprompted; ours releases the report. */
	if ((rc = expect_ack(t, "DA2 start")) || (rc = send_ack(t, "DA2 start")) ||
	    (rc = rd(t, report, sizeof(report), "DA2 report")))
		return rc;
	return mtkfwi_da2_parse_report(report, sizeof(report), info);
}

int mtkfwi_da2_usb_check(mtkfw_transport *t)
{
	static const uint8_t cmd = 0x72;
	uint8_t speed;
	int rc;

	if ((rc = wr(t, &cmd, 1, "USB_CHECK_STATUS")) || (rc = expect_ack(t, "USB_CHECK_STATUS")) ||
	    (rc = rd(t, &speed, 1, "USB_CHECK_STATUS")))
		return rc;
	/* Speed 0 (full speed) is fine for us: we never re-enumerate mid-session. */
	return 0;
}

static int switch_part(mtkfw_transport *t, uint8_t part)
{
	static const uint8_t cmd = 0x60;
	int rc;

	if ((rc = wr(t, &cmd, 1, "SWITCH_PART")) || (rc = expect_ack(t, "SWITCH_PART")) ||
	    (rc = wr(t, &part, 1, "SWITCH_PART")) || (rc = expect_ack(t, "SWITCH_PART")))
		return rc;
	return 0;
}

uint16_t mtkfwi_da_sum16(const uint8_t *p, size_t n)
{
	return (uint16_t)bytesum_add(0, p, n);
}

/* A verified packet still to be handed to the sink. It is handed over in slices while the next
 * packet arrives: the tty buffers only some 64 KiB, so a whole MiB of SHA-256 and file writing
 * between two packets would leave the link idle for that long. */
#define READ_SLICE (64u << 10)

struct pending {
	const uint8_t *p;
	size_t len, done;
	mtkfw_sink_cb sink;
	void *user;
};

static int pending_feed(struct pending *q, size_t max)
{
	size_t n = q->len - q->done < max ? q->len - q->done : max;
	int rc;

	if (!n)
		return 0;
	if (q->sink && (rc = q->sink(q->p + q->done, n, q->user)) != 0)
		return rc > 0 ? mtkfw_seterr(MTKFW_ERR_CANCELLED, "READ: stopped") : rc;
	q->done += n;
	return 0;
}

/* One packet's data, summed piece by piece as the pieces arrive (a tty hands out 4 KiB at a
 * time): each is still in the cache, and the sum is ready when the last byte is, so the ACK
 * that releases the next packet goes out without a pass over the whole MiB. Between pieces the
 * previous packet goes to the sink a slice at a time. */
static int read_packet(mtkfw_transport *t, uint8_t *buf, size_t n, uint16_t *sum, struct pending *q)
{
	uint32_t acc = 0;
	int rc;

	for (size_t got = 0; got < n;) {
		int r = mtkfwi_transport_read_some(t, buf + got, n - got, DA_TIMEOUT_MS);

		if (r < 0)
			return mtkfw_seterr_prefix("READ data");
		acc = bytesum_add(acc, buf + got, (size_t)r);
		got += (size_t)r;
		if ((rc = pending_feed(q, READ_SLICE)))
			return rc;
	}
	*sum = (uint16_t)acc;
	return 0;
}

static int read_nack(mtkfw_transport *t, uint8_t got, uint64_t offset)
{
	static const uint8_t nack = DA_NACK;
	uint8_t st[4];

	/* After a refusal the host answers NACK and the DA names the reason, little-endian. */
	if (mtkfw_transport_write(t, &nack, 1) == 0 && mtkfw_transport_read(t, st, 4, DA_TIMEOUT_MS) == 0)
		return mtkfw_seterr(MTKFW_ERR_DEVICE, "READ at 0x%llx: the DA refused (%02x, status %u%s)",
				    (unsigned long long)offset, got, rd_le32(st),
				    rd_le32(st) == 3039 ? ": range outside the area" : "");
	return mtkfw_seterr(MTKFW_ERR_DEVICE, "READ at 0x%llx: the DA refused (%02x)", (unsigned long long)offset, got);
}

int mtkfwi_da2_read(mtkfw_transport *t, const struct chip_info *chip, unsigned area, uint64_t offset, uint64_t len,
	     mtkfw_sink_cb sink, void *user, const char *stage, mtkfw_ctx *ctx)
{
	uint8_t cmd[19], pkt[4], b, sum[2], *bufs;
	struct pending q = { .sink = sink, .user = user };
	uint16_t have = 0;
	uint64_t done = 0;
	int rc;

	if (!len)
		return 0;
	if ((rc = mtkfwi_da2_usb_check(t)) || (rc = switch_part(t, (uint8_t)area)))
		return rc;
	cmd[0] = 0xD6; /* READ */
	cmd[1] = 0x0C; /* host OS: Linux */
	cmd[2] = 0x02; /* storage: eMMC */
	wr_be64(cmd + 3, offset);
	wr_be64(cmd + 11, len);
	if ((rc = wr(t, cmd, sizeof(cmd), "READ")) || (rc = rd(t, &b, 1, "READ")))
		return rc;
	if (b != DA_ACK)
		return read_nack(t, b, offset);
	wr_be32(pkt, chip->read_packet);
	if ((rc = wr(t, pkt, 4, "READ")))
		return rc;
	/* Two packet buffers: one arriving, the one before it going to the sink (struct pending). */
	bufs = malloc(2 * (size_t)chip->read_packet);
	if (!bufs)
		return mtkfw_nomem();
	/* Start the stage at 0 so speeds count from the first byte asked for. */
	rc = mtkfw_progress(ctx, stage, 0, len);
	for (unsigned i = 0; !rc && done < len; i ^= 1) {
		uint8_t *buf = bufs + i * (size_t)chip->read_packet;
		size_t k = len - done < chip->read_packet ? (size_t)(len - done) : chip->read_packet;

		if ((rc = read_packet(t, buf, k, &have, &q)) || (rc = rd(t, sum, 2, "READ checksum")))
			break;
		if (rd_be16(sum) != have) {
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH,
					  "READ at 0x%llx: packet checksum %04x, data sums to %04x: the link corrupts data",
					  (unsigned long long)(offset + done), rd_be16(sum), have);
			break;
		}
		/* ACK first: the DA starts on the next packet while the sink takes this one. */
		if ((rc = send_ack(t, "READ")) || (rc = pending_feed(&q, SIZE_MAX)))
			break;
		if (done && (rc = mtkfw_progress(ctx, stage, done, len)))
			break;
		q.p = buf;
		q.len = k;
		q.done = 0;
		done += k;
	}
	/* The last packet (nothing more arrives to interleave with). */
	if (!rc && !(rc = pending_feed(&q, SIZE_MAX)))
		rc = mtkfw_progress(ctx, stage, done, len);
	free(bufs);
	return rc;
}

int mtkfwi_da2_write(mtkfw_transport *t, const struct chip_info *chip, unsigned part, uint64_t offset, uint64_t len,
	      mtkfw_source_cb source, void *user, const char *stage, mtkfw_ctx *ctx)
{
	uint8_t cmd[23], b, *buf;
	uint64_t done = 0;
	int rc;

	if (!len)
		return 0;
	if (len % 512 || offset % 512)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "WRITE: offset and length must be multiples of 512");
	cmd[0] = 0x62; /* SDMMC_WRITE_DATA */
	cmd[1] = 0x01; /* DA storage code: eMMC */
	cmd[2] = (uint8_t)part;
	wr_be64(cmd + 3, offset);
	wr_be64(cmd + 11, len);
	wr_be32(cmd + 19, chip->read_packet);
	if ((rc = wr(t, cmd, sizeof(cmd), "WRITE")) || (rc = expect_ack(t, "WRITE")))
		return rc;
	/* A packet goes out in one write: the ACK that announces it, the data, its checksum. */
	buf = malloc((size_t)chip->read_packet + 3);
	if (!buf)
		return mtkfw_nomem();
	/* One packet at a time: the next is sent only after the DA's 69 for this one. Sending
	 * ahead would hide a round trip per MiB, but the protocol gives no way back from a
	 * refused packet (§4.7.5: the bad-checksum reply is not even known): the DA would take the
	 * bytes already sent as its next commands, and a MiB of image data read as commands can
	 * erase or write anywhere. Not worth a brick for a round trip per MiB. */
	while (done < len) {
		size_t k = len - done < chip->read_packet ? (size_t)(len - done) : chip->read_packet;

		rc = source(buf + 1, k, user);
		if (rc) {
			if (rc > 0)
				rc = mtkfw_seterr(MTKFW_ERR_CANCELLED, "WRITE: stopped");
			break;
		}
		buf[0] = DA_ACK;
		wr_be16(buf + 1 + k, mtkfwi_da_sum16(buf + 1, k));
		if ((rc = wr(t, buf, k + 3, "WRITE")) || (rc = rd(t, &b, 1, "WRITE")))
			break;
		/* The DA answers each packet with CONT (69) once it is on the eMMC. */
		if (b != DA_CONT) {
			rc = mtkfw_seterr(b == DA_NACK ? MTKFW_ERR_DEVICE : MTKFW_ERR_PROTOCOL,
					  "WRITE at 0x%llx: the DA answered %02x instead of 69 (checksum or eMMC error)",
					  (unsigned long long)(offset + done), b);
			break;
		}
		done += k;
		if ((rc = mtkfw_progress(ctx, stage, done, len)))
			break;
	}
	free(buf);
	return rc;
}

/* A big erase reports progress; 0..100 in at most this many frames keeps a broken DA from
 * holding the host forever. */
#define FORMAT_MAX_FRAMES 100000
/* An erase of a whole 4 GB user area may take the DA a while between progress frames. */
#define FORMAT_FRAME_TIMEOUT_MS 30000

int mtkfwi_da2_format(mtkfw_transport *t, unsigned part, uint64_t offset, uint64_t len, const char *stage, mtkfw_ctx *ctx)
{
	uint8_t cmd[21], fr[7];
	int rc;

	if ((rc = mtkfwi_da2_usb_check(t)) || (rc = switch_part(t, (uint8_t)part)))
		return rc;
	cmd[0] = 0xD4; /* FORMAT */
	cmd[1] = 0x02; /* storage: eMMC */
	cmd[2] = 0x00; /* erase type */
	cmd[3] = 0x00; /* no validation */
	cmd[4] = 0x00; /* logical addressing */
	wr_be64(cmd + 5, offset);
	wr_be64(cmd + 13, len);
	if ((rc = wr(t, cmd, sizeof(cmd), "FORMAT")))
		return rc;
	for (int i = 0; i < FORMAT_MAX_FRAMES; i++) {
		/* A frame: ACK, ACK, a status dword, and the percentage done. */
		if ((rc = rd_ms(t, fr, sizeof(fr), FORMAT_FRAME_TIMEOUT_MS, "FORMAT")))
			return rc;
		if (fr[0] != DA_ACK || fr[1] != DA_ACK)
			return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "FORMAT: the DA sent %02x %02x instead of its progress frame",
					    fr[0], fr[1]);
		if (fr[6] > 100)
			return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "FORMAT: the DA reports %u%% done", fr[6]);
		/* At 100% the whole length, not len / 100 * 100: a stage must reach its total. */
		if ((rc = send_ack(t, "FORMAT")) ||
		    (rc = mtkfw_progress(ctx, stage, fr[6] == 100 ? len : len / 100 * fr[6], len)))
			return rc;
		if (fr[6] == 100) {
			if ((rc = rd_ms(t, fr, 2, FORMAT_FRAME_TIMEOUT_MS, "FORMAT")))
				return rc;
			if (fr[0] != DA_ACK || fr[1] != DA_ACK)
				return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "FORMAT: no closing ACKs (%02x %02x)", fr[0], fr[1]);
			return 0;
		}
	}
	return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "FORMAT: the DA never reached 100%%");
}

int mtkfwi_da2_finish(mtkfw_transport *t)
{
	uint8_t cmd[4] = { 0xD9 };
	int rc;

	if ((rc = wr(t, cmd, 1, "FINISH")) || (rc = expect_ack(t, "FINISH")))
		return rc;
	wr_be32(cmd, 0); /* reboot normally */
	if ((rc = wr(t, cmd, 4, "FINISH")))
		return rc;
	/* The second ACK is best effort: the phone may already be rebooting. */
	{
		uint8_t b;

		(void)mtkfw_transport_read(t, &b, 1, 200);
	}
	mtkfw_error_clear();
	return 0;
}
