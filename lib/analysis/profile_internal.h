/* Internal parts of lib/analysis/profile*.c (not installed). */
#ifndef MTKFW_PROFILE_INTERNAL_H
#define MTKFW_PROFILE_INTERNAL_H

#include <mtkfw/profile.h>

bool profile_looks_like_scatter(const uint8_t *buf, size_t len);
/* Fill platform/project/storage (when unset) and the partition list from scatter text. */
int profile_scatter_scan(struct mtkfw_profile *p, const char *text, size_t len);

#endif
