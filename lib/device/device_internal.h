/* The device session's state, shared by device.c (set-up) and ops.c (operations). */
#ifndef MTKFW_DEVICE_INTERNAL_H
#define MTKFW_DEVICE_INTERNAL_H

#include <mtkfw/device.h>

#include "device/chips.h"

struct mtkfw_device {
	mtkfw_transport *t;
	const struct chip_info *chip;
	struct mtkfw_device_info info;
	struct mtkfw_write_outcome outcome; /* verify.c: the last write found not kept */
};

/* Read, write, or read into a file, with the progress stage named (NULL: "read AREA"). */
int mtkfwi_device_read_staged(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, mtkfw_sink_cb sink,
		       void *user, const char *stage, mtkfw_ctx *ctx);
int mtkfwi_device_write_staged(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, mtkfw_source_cb source,
			void *user, const char *stage, mtkfw_ctx *ctx);
/* After DA2 starts: USB_CHECK_STATUS, and the switch to high speed when opts ask for it
 * (usb_speed.c). */
int mtkfwi_device_usb_stage(mtkfw_device *dev, const struct mtkfw_device_opts *opts, mtkfw_ctx *ctx);
int mtkfwi_device_read_to_file_staged(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, const char *path,
			       uint8_t *sha256, const char *stage, mtkfw_ctx *ctx);

#endif
