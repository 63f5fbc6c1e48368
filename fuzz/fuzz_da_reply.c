/*
 * fuzz_da_reply: random bytes as the phone's replies, through a canned transport (a read past
 * the end times out at once) into the BROM, DA1, EMI, DA2 and READ layers. Every input must
 * end in a status: no crash, no hang, no read past what a reply announced.
 * Byte 0 picks options: bit 0 gives a preloader with an EMI table, bit 1 reads 4 KiB after
 * the session starts, bit 2 writes 4 KiB, bit 3 skips the session and feeds FORMAT's progress
 * frames instead. The rest is the phone's side of the conversation.
 */
#include <mtkfw/mtkfw.h>

#include "device/da_legacy.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void le32(uint8_t *p, uint32_t v) { le16(p, (uint16_t)v); le16(p + 2, (uint16_t)(v >> 16)); }

/* The synthetic DA of spec §3.6: one 0x6572 entry; DA1 0x300 bytes, DA2 0x1800. */
static uint8_t da_buf[0x6C + 0xDC + 0x100 + 0x300 + 0x1800];
static uint8_t preloader[0x70 + 168];

static void build(void)
{
	uint8_t *e = da_buf + 0x6C;
	uint32_t off = 0x6C + 0xDC;
	const uint32_t regs[3][5] = {
		{ off, 0x100, 0x80010000, 0x100, 0 },
		{ off + 0x100, 0x300, 0x02007000, 0x200, 0x100 },
		{ off + 0x400, 0x1800, 0x80000000, 0x1800, 0 },
	};

	memcpy(da_buf, "MTK_DOWNLOAD_AGENT", 18);
	le32(da_buf + 0x60, 4);
	le32(da_buf + 0x64, 0x22668899);
	le32(da_buf + 0x68, 1);
	le16(e, 0xDADA);
	le16(e + 2, 0x6572);
	le16(e + 0x12, 3);
	for (int r = 0; r < 3; r++)
		for (int k = 0; k < 5; k++)
			le32(e + 0x14 + r * 20 + k * 4, regs[r][k]);
	/* A bare EMI block as mtkclient keeps them: MTK_BIN at 0x64, count, 168-byte entries. */
	memcpy(preloader, "MTK_BLOADER_INFO_v11", 20);
	memcpy(preloader + 0x64, "MTK_BIN", 7);
	le32(preloader + 0x6C, 1);
	le32(preloader + 0x70, 0x202);
	memcpy(preloader + 0x70 + 4, "\x15\x01\x00\x4e\x35\x55\x30\x30\x4d", 9);
	le32(preloader + 0x70 + 0x14, 9);
}

static int source(uint8_t *p, size_t n, void *user)
{
	(void)user;
	memset(p, 0x5A, n);
	return 0;
}

static int sink(const uint8_t *p, size_t n, void *user)
{
	(void)p;
	*(size_t *)user += n;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mtkfw_da_file *da;
	struct mtkfw_device_opts o = { .version = 1 };
	mtkfw_transport *t;
	mtkfw_device *d = NULL;
	size_t got = 0;

	if (!da) {
		build();
		if (mtkfw_da_file_parse(&da, da_buf, sizeof(da_buf), "fuzz DA") != 0)
			abort();
	}
	if (!size)
		return 0;
	o.da = da;
	o.handshake_tries = 2;
	if (data[0] & 1) {
		o.preloader = preloader;
		o.preloader_len = sizeof(preloader);
	}
	if (mtkfw_transport_open_canned(&t, data + 1, size - 1) != 0)
		return 0;
	if (data[0] & 8) {
		(void)mtkfwi_da2_format(t, 8, 0, 0x100000, "erase", NULL);
		mtkfw_transport_free(t);
		return 0;
	}
	if (mtkfw_device_open(&d, t, &o, NULL) == 0) {
		const struct mtkfw_device_info *in = mtkfw_device_info(d);

		if ((data[0] & 2) && in->user_size >= 0x1000)
			(void)mtkfw_device_read(d, MTKFW_AREA_USER, 0, 0x1000, sink, &got, NULL);
		if (got > 0x1000)
			abort();
		if ((data[0] & 4) && in->user_size >= 0x1000)
			(void)mtkfw_device_write(d, MTKFW_AREA_USER, 0, 0x1000, source, NULL, NULL);
	}
	mtkfw_device_close(d);
	return 0;
}
