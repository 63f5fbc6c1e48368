/*
 * The phone's fingerprint as JSON: what `mtkfw device info --json` prints and what a full
 * readback writes beside its dumps (device.json), one writer for both.
 */
#ifndef MTKFW_DEVICE_JSON_H
#define MTKFW_DEVICE_JSON_H

#include <mtkfw/device.h>

#include <jansson.h>

/* A new reference (NULL only without memory); `port` may be NULL. */
json_t *mtkfwi_device_info_json(const struct mtkfw_device_info *in, const char *port);

#endif
