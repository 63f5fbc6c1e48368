/*
 * Erasing a range (checked against the area here, sent as FORMAT by mtkfwi_da2_format, spec §4.7.6)
 * and the end of a session with a reboot: what a flash needs beyond reads and writes.
 */
#include "device/da_legacy.h"
#include "device/device_internal.h"
#include "device/verify.h"
#include "core/bytes.h"
#include "core/internal.h"

#include <mtkfw/flash.h>

#include <stdio.h>

static int part_code(mtkfw_area area, uint64_t *size, const struct mtkfw_device_info *in)
{
	switch (area) {
	case MTKFW_AREA_BOOT1: *size = in->boot1_size; return 1;
	case MTKFW_AREA_BOOT2: *size = in->boot2_size; return 2;
	case MTKFW_AREA_USER: *size = in->user_size; return 8;
	default: return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "erase: only boot1, boot2 and the user area");
	}
}

int mtkfwi_device_erase_raw(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, const char *stage,
		     mtkfw_ctx *ctx)
{
	uint64_t size = 0, end;
	char def[32];
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
	if (!stage) {
		snprintf(def, sizeof(def), "erase %s", mtkfw_area_name(area));
		stage = def;
	}
	if ((rc = mtkfw_progress(ctx, stage, 0, len)))
		return rc;
	return mtkfwi_da2_format(dev->t, (unsigned)code, offset, len, stage, ctx);
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
