/*
 * BROM / preloader commands. Every command byte and dword parameter comes back as an echo
 * that is checked byte for byte: a mismatch means host and phone are out of step, and going
 * on would send the phone garbage.
 */
#include "device/brom.h"
#include "device/transport.h"
#include "core/bytes.h"
#include "core/internal.h"

#include <stdio.h>

static const uint8_t start_seq[4] = { 0xA0, 0x0A, 0x50, 0x05 };
/* Each reply is the bitwise NOT of the byte sent. */
static const uint8_t start_reply[4] = { 0x5F, 0xF5, 0xAF, 0xFA };

/* Discard whatever the phone still sends (a late reply, a preloader's "READY"), so the next
 * handshake attempt starts in step. Bounded: a phone that never stops talking is an error. */
static int drain(mtkfw_transport *t)
{
	uint8_t junk[64];

	for (int i = 0; i < 64; i++) {
		int r = t->ops->read(t->self, junk, sizeof(junk), 5);

		if (r <= 0)
			return r;
	}
	return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "%s: the phone keeps sending data before the handshake", t->name);
}

int mtkfwi_brom_handshake(mtkfw_transport *t, unsigned tries)
{
	uint8_t last = 0;
	bool got_any = false;

	if (!tries)
		tries = BROM_HANDSHAKE_TRIES;
	for (unsigned attempt = 0; attempt < tries; attempt++) {
		size_t i = 0;

		while (i < sizeof(start_seq)) {
			uint8_t b;
			int r = mtkfw_transport_write(t, &start_seq[i], 1);

			if (r)
				return r;
			r = t->ops->read(t->self, &b, 1, BROM_HANDSHAKE_TIMEOUT_MS);
			if (r < 0)
				return r;
			if (r == 0)
				break;
			t->rx++;
			got_any = true;
			last = b;
			if (b != start_reply[i])
				break;
			i++;
		}
		if (i == sizeof(start_seq))
			return 0;
		if (drain(t) < 0)
			return mtkfw_error_last()->code;
	}
	if (!got_any)
		return mtkfw_seterr(MTKFW_ERR_TIMEOUT,
				    "%s: no handshake after %u tries: the phone is silent (a phone that booted "
				    "too far does not answer: power it off, hold Volume, then plug it in)",
				    t->name, tries);
	return mtkfw_seterr(MTKFW_ERR_PROTOCOL,
			    "%s: no handshake after %u tries (last reply %02x): not a MediaTek BROM or "
			    "preloader port, or the phone booted too far", t->name, tries, last);
}

int mtkfwi_brom_echo(mtkfw_transport *t, const uint8_t *out, size_t n, const char *what)
{
	uint8_t back[8];
	int rc;

	if (n > sizeof(back))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "brom echo: %zu bytes is too long", n);
	rc = mtkfw_transport_write(t, out, n);
	if (!rc)
		rc = mtkfw_transport_read(t, back, n, BROM_CMD_TIMEOUT_MS);
	if (rc)
		return mtkfw_seterr_prefix(what);
	if (memcmp(back, out, n) != 0) {
		char want[20], got[20];

		for (size_t i = 0; i < n; i++) {
			snprintf(want + 2 * i, 3, "%02x", out[i]);
			snprintf(got + 2 * i, 3, "%02x", back[i]);
		}
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "%s: the phone echoed %s for %s: out of step", what, got, want);
	}
	return 0;
}

int mtkfwi_brom_echo8(mtkfw_transport *t, uint8_t cmd, const char *what)
{
	return mtkfwi_brom_echo(t, &cmd, 1, what);
}

int mtkfwi_brom_echo32(mtkfw_transport *t, uint32_t v, const char *what)
{
	uint8_t b[4];

	wr_be32(b, v);
	return mtkfwi_brom_echo(t, b, 4, what);
}

int mtkfwi_brom_status(mtkfw_transport *t, const char *what, uint16_t *out)
{
	uint8_t b[2];
	uint16_t st;

	if (mtkfw_transport_read(t, b, 2, BROM_CMD_TIMEOUT_MS))
		return mtkfw_seterr_prefix(what);
	st = rd_be16(b);
	if (out)
		*out = st;
	/* Values up to 0xFF are progress/ok codes on these commands; above that is a failure. */
	if (st > 0xFF)
		return mtkfw_seterr(MTKFW_ERR_DEVICE, "%s: the phone reports status 0x%04x", what, st);
	return 0;
}

static int read_be(mtkfw_transport *t, size_t n, uint64_t *v, const char *what)
{
	uint8_t b[8];

	if (mtkfw_transport_read(t, b, n, BROM_CMD_TIMEOUT_MS))
		return mtkfw_seterr_prefix(what);
	*v = 0;
	for (size_t i = 0; i < n; i++)
		*v = *v << 8 | b[i];
	return 0;
}

int mtkfwi_brom_get_hw_code(mtkfw_transport *t, uint16_t *hw_code)
{
	uint64_t v = 0;
	int rc = mtkfwi_brom_echo8(t, 0xFD, "GET_HW_CODE");

	/* Two words follow: the hw code, and a word the preloader sources call a status but some
	 * BROMs fill with a hardware version (mtkclient reads it so): only the first is trusted. */
	if (!rc)
		rc = read_be(t, 4, &v, "GET_HW_CODE");
	if (rc)
		return rc;
	*hw_code = (uint16_t)(v >> 16);
	return 0;
}

int mtkfwi_brom_get_hw_sw_ver(mtkfw_transport *t, uint16_t *sub, uint16_t *hwver, uint16_t *swver)
{
	uint8_t b[6];
	int rc = mtkfwi_brom_echo8(t, 0xFC, "GET_HW_SW_VER");

	if (rc)
		return rc;
	if (mtkfw_transport_read(t, b, 6, BROM_CMD_TIMEOUT_MS))
		return mtkfw_seterr_prefix("GET_HW_SW_VER");
	*sub = rd_be16(b);
	*hwver = rd_be16(b + 2);
	*swver = rd_be16(b + 4);
	return mtkfwi_brom_status(t, "GET_HW_SW_VER", NULL);
}

static int one_byte(mtkfw_transport *t, uint8_t cmd, uint8_t *out, const char *what)
{
	int rc = mtkfw_transport_write(t, &cmd, 1);

	if (!rc)
		rc = mtkfw_transport_read(t, out, 1, BROM_CMD_TIMEOUT_MS);
	return rc ? mtkfw_seterr_prefix(what) : 0;
}

int mtkfwi_brom_get_bl_ver(mtkfw_transport *t, uint8_t *out)
{
	return one_byte(t, 0xFE, out, "GET_BL_VER");
}

int mtkfwi_brom_get_version(mtkfw_transport *t, uint8_t *out)
{
	return one_byte(t, 0xFF, out, "GET_VERSION");
}

int mtkfwi_brom_get_target_config(mtkfw_transport *t, uint32_t *cfg)
{
	uint64_t v = 0;
	int rc = mtkfwi_brom_echo8(t, 0xD8, "GET_TARGET_CONFIG");

	if (!rc)
		rc = read_be(t, 4, &v, "GET_TARGET_CONFIG");
	if (rc)
		return rc;
	*cfg = (uint32_t)v;
	return mtkfwi_brom_status(t, "GET_TARGET_CONFIG", NULL);
}

int mtkfwi_brom_get_me_id(mtkfw_transport *t, uint8_t *id, size_t cap, size_t *len)
{
	uint64_t n = 0;
	uint8_t st[2];
	int rc = mtkfwi_brom_echo8(t, 0xE1, "GET_ME_ID");

	if (!rc)
		rc = read_be(t, 4, &n, "GET_ME_ID");
	if (rc)
		return rc;
	if (n == 0 || n > cap)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "GET_ME_ID: the phone announces %llu bytes (1..%zu expected)",
				    (unsigned long long)n, cap);
	if (mtkfw_transport_read(t, id, (size_t)n, BROM_CMD_TIMEOUT_MS) ||
	    mtkfw_transport_read(t, st, 2, BROM_CMD_TIMEOUT_MS))
		return mtkfw_seterr_prefix("GET_ME_ID");
	/* This status is little-endian on the wire, unlike every other (spec §2.3). */
	if (rd_le16(st) > 0xFF)
		return mtkfw_seterr(MTKFW_ERR_DEVICE, "GET_ME_ID: the phone reports status 0x%04x", rd_le16(st));
	*len = (size_t)n;
	return 0;
}

int mtkfwi_brom_write32(mtkfw_transport *t, uint32_t addr, const uint32_t *vals, uint32_t count)
{
	int rc = mtkfwi_brom_echo8(t, 0xD4, "WRITE32");

	if (!rc)
		rc = mtkfwi_brom_echo32(t, addr, "WRITE32");
	if (!rc)
		rc = mtkfwi_brom_echo32(t, count, "WRITE32");
	if (!rc)
		rc = mtkfwi_brom_status(t, "WRITE32", NULL);
	for (uint32_t i = 0; !rc && i < count; i++)
		rc = mtkfwi_brom_echo32(t, vals[i], "WRITE32");
	if (!rc)
		rc = mtkfwi_brom_status(t, "WRITE32", NULL);
	return rc;
}

uint16_t mtkfwi_brom_xor16(const uint8_t *p, size_t n)
{
	uint16_t x = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		x ^= rd_le16(p + i);
	if (i < n)
		x ^= p[i];
	return x;
}

/* Upload pieces: 4 KiB keeps progress smooth and each write well inside the write timeout. */
#define SEND_DA_CHUNK 4096

int mtkfwi_brom_send_da(mtkfw_transport *t, uint32_t addr, const uint8_t *data, uint32_t len, uint32_t sig_len,
		 mtkfw_ctx *ctx)
{
	uint16_t st, sum;
	uint8_t b[2];
	int rc = mtkfwi_brom_echo8(t, 0xD7, "SEND_DA");

	if (!rc)
		rc = mtkfwi_brom_echo32(t, addr, "SEND_DA");
	if (!rc)
		rc = mtkfwi_brom_echo32(t, len, "SEND_DA");
	if (!rc)
		rc = mtkfwi_brom_echo32(t, sig_len, "SEND_DA");
	if (!rc)
		rc = mtkfwi_brom_status(t, "SEND_DA", &st);
	if (rc) {
		if (mtkfw_error_last()->code == MTKFW_ERR_DEVICE && st == BROM_STATUS_SLA_REQUIRED)
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
					    "SEND_DA: the phone requires SLA authentication, which mtkfw does not do");
		return rc;
	}
	for (uint32_t off = 0; off < len; off += SEND_DA_CHUNK) {
		uint32_t k = len - off < SEND_DA_CHUNK ? len - off : SEND_DA_CHUNK;

		rc = mtkfw_transport_write(t, data + off, k);
		if (rc)
			return mtkfw_seterr_prefix("SEND_DA");
		rc = mtkfw_progress(ctx, "upload DA1", off + k, len);
		if (rc)
			return rc;
	}
	if (mtkfw_transport_read(t, b, 2, BROM_CMD_TIMEOUT_MS * 5))
		return mtkfw_seterr_prefix("SEND_DA checksum");
	sum = mtkfwi_brom_xor16(data, len);
	if (rd_be16(b) != sum)
		return mtkfw_seterr(MTKFW_ERR_MISMATCH,
				    "SEND_DA: the phone received DA1 with checksum %04x, we sent %04x: the link "
				    "corrupts data", rd_be16(b), sum);
	return mtkfwi_brom_status(t, "SEND_DA", NULL);
}

int mtkfwi_brom_jump_da(mtkfw_transport *t, uint32_t addr)
{
	int rc = mtkfwi_brom_echo8(t, 0xD5, "JUMP_DA");

	if (!rc)
		rc = mtkfwi_brom_echo32(t, addr, "JUMP_DA");
	if (!rc)
		rc = mtkfwi_brom_status(t, "JUMP_DA", NULL);
	return rc;
}
