/*
 * FORMAT (D4, spec §4.7.6) and the end of a session with a reboot: what a flash needs beyond
 * reads and writes. Kept apart from da_legacy.c so the session code stays as it is.
 */
#include "device/da_legacy.h"
#include "device/device_internal.h"
#include "device/verify.h"
#include "core/bytes.h"
#include "core/internal.h"

#include <mtkfw/flash.h>

/* An erase of a whole 4 GB user area may take the DA a while between progress frames. */
#define FORMAT_FRAME_TIMEOUT_MS 30000

static int rd(mtkfw_transport *t, void *buf, size_t n, unsigned ms, const char *what)
{
	return mtkfw_transport_read(t, buf, n, ms) ? mtkfw_seterr_prefix(what) : 0;
}

static int wr(mtkfw_transport *t, const void *buf, size_t n, const char *what)
{
	return mtkfw_transport_write(t, buf, n) ? mtkfw_seterr_prefix(what) : 0;
}

static int ack(mtkfw_transport *t, unsigned ms, const char *what)
{
	uint8_t b;
	int rc = rd(t, &b, 1, ms, what);

	if (rc)
		return rc;
	if (b != DA_ACK)
		return mtkfw_seterr(b == DA_NACK ? MTKFW_ERR_DEVICE : MTKFW_ERR_PROTOCOL,
				    "%s: the DA answered %02x instead of ACK 5a", what, b);
	return 0;
}

/* The DA's partition code for an area (the same numbers SWITCH_PART and WRITE carry). */
static int part_code(mtkfw_area area, uint64_t *size, const struct mtkfw_device_info *in)
{
	switch (area) {
	case MTKFW_AREA_BOOT1: *size = in->boot1_size; return 1;
	case MTKFW_AREA_BOOT2: *size = in->boot2_size; return 2;
	case MTKFW_AREA_USER: *size = in->user_size; return 8;
	default: return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "erase: only boot1, boot2 and the user area");
	}
}

int device_erase_raw(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, mtkfw_ctx *ctx)
{
	uint8_t cmd[21], part, frame[6], b;
	uint64_t size = 0, end;
	int code, rc;

	if (!dev || dev->info.stage < MTKFW_STAGE_DA2)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "erase: the DA is not running");
	if ((code = part_code(area, &size, &dev->info)) < 0)
		return code;
	if (!add_ok(offset, len, &end) || end > size || offset % 512 || len % 512)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "erase: the range 0x%llx+0x%llx is not 512-aligned inside the %s area",
				    (unsigned long long)offset, (unsigned long long)len, mtkfw_area_name(area));
	if (!len)
		return 0;
	part = (uint8_t)code;
	if ((rc = da2_usb_check(dev->t)))
		return rc;
	cmd[0] = 0x60; /* SWITCH_PART */
	if ((rc = wr(dev->t, cmd, 1, "SWITCH_PART")) || (rc = ack(dev->t, DA_TIMEOUT_MS, "SWITCH_PART")) ||
	    (rc = wr(dev->t, &part, 1, "SWITCH_PART")) || (rc = ack(dev->t, DA_TIMEOUT_MS, "SWITCH_PART")))
		return rc;
	cmd[0] = 0xD4; /* FORMAT */
	cmd[1] = 0x02; /* storage: eMMC */
	cmd[2] = 0x00; /* erase type */
	cmd[3] = 0x00; /* no validation */
	cmd[4] = 0x00; /* logical addressing */
	wr_be64(cmd + 5, offset);
	wr_be64(cmd + 13, len);
	if ((rc = wr(dev->t, cmd, sizeof(cmd), "FORMAT")))
		return rc;
	if ((rc = mtkfw_progress(ctx, "erase", 0, len)))
		return rc;
	/* Progress frames: 5a 5a, u32 status, u8 percent; each is acknowledged; after 100 comes
	 * 5a 5a. A frame out of step is a protocol error, never a guess. */
	for (;;) {
		uint8_t pct;

		if ((rc = rd(dev->t, frame, 6, FORMAT_FRAME_TIMEOUT_MS, "FORMAT")) ||
		    (rc = rd(dev->t, &pct, 1, DA_TIMEOUT_MS, "FORMAT")))
			return rc;
		if (frame[0] != DA_ACK || frame[1] != DA_ACK || pct > 100)
			return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "FORMAT: progress frame out of step (%02x %02x .. %02x)",
					    frame[0], frame[1], pct);
		b = DA_ACK;
		if ((rc = wr(dev->t, &b, 1, "FORMAT")))
			return rc;
		if ((rc = mtkfw_progress(ctx, "erase", len / 100 * pct, len)))
			return rc;
		if (pct == 100)
			break;
	}
	if ((rc = ack(dev->t, FORMAT_FRAME_TIMEOUT_MS, "FORMAT")) || (rc = ack(dev->t, DA_TIMEOUT_MS, "FORMAT")))
		return rc;
	return 0;
}

int mtkfw_device_reboot(mtkfw_device *dev)
{
	if (!dev)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "reboot: no device");
	if (dev->info.stage < MTKFW_STAGE_DA2) {
		mtkfw_device_close(dev);
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "reboot: the DA is not running, so it cannot reboot the phone");
	}
	/* Closing a DA2 session sends FINISH with mode 0: a normal boot. */
	mtkfw_device_close(dev);
	return 0;
}
