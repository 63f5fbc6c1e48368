/* Magic strings of the identity partitions, shared by their parsers and content detection. */
#ifndef MTKFW_FIRMWARE_IDENTITY_INTERNAL_H
#define MTKFW_FIRMWARE_IDENTITY_INTERNAL_H

#include <stdint.h>

extern const uint8_t mtkfw_seccfg_id[16]; /* "AND_SECCFG_v" + 4 NULs */
extern const uint8_t mtkfw_secro_id[16];  /* "AND_AC_REGION" + 3 NULs */

#endif
