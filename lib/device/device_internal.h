/* The device session's state, shared by device.c (set-up) and ops.c (operations). */
#ifndef MTKFW_DEVICE_INTERNAL_H
#define MTKFW_DEVICE_INTERNAL_H

#include <mtkfw/device.h>

#include "device/chips.h"

struct mtkfw_device {
	mtkfw_transport *t;
	const struct chip_info *chip;
	struct mtkfw_device_info info;
};

#endif
