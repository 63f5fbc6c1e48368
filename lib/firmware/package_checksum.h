/* The Checksum.ini rule on a package's files, with the byte sum read through the caller
 * (mtkfw check sums through its image pass, which hashes the same bytes for the flash plan). */
#ifndef MTKFW_FIRMWARE_PACKAGE_CHECKSUM_H
#define MTKFW_FIRMWARE_PACKAGE_CHECKSUM_H

#include <mtkfw/package.h>

/* Sum every byte of `path`: the 16-bit and the 32-bit value (as mtkfw_checksum_file). */
typedef int (*package_sum_fn)(void *user, const char *path, uint16_t *sum16, uint32_t *sum32);

/* mtkfw_package_checksum_verify() with the sums taken by `sum` (NULL: mtkfw_checksum_file). */
int mtkfwi_package_checksum_verify_with(struct mtkfw_checksum_report *out, const mtkfw_package *pkg,
				 const mtkfw_checksum_ini *ini, package_sum_fn sum, void *user);

#endif
