/* Reading the phone's partition table (PMT) and small ranges, for backup and readback. */
#ifndef MTKFW_DEVICE_LAYOUT_READ_H
#define MTKFW_DEVICE_LAYOUT_READ_H

#include <mtkfw/device.h>

/* Read `n` bytes of an area into memory. */
int mtkfwi_device_read_mem(mtkfw_device *dev, mtkfw_area area, uint64_t off, uint8_t *buf, size_t n, mtkfw_ctx *ctx);
/* The user-area offset of the PMT region (NOTFOUND when there is none). */
int mtkfwi_device_find_pmt(mtkfw_device *dev, uint64_t *offset, mtkfw_ctx *ctx);

#endif
