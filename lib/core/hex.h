/* Lowercase hex of bytes, and back: SHA-256 and CIDs in manifests, journals and reports. */
#ifndef MTKFW_CORE_HEX_H
#define MTKFW_CORE_HEX_H

#include <stddef.h>
#include <stdint.h>

/* `n` bytes as 2n lowercase hex digits into `out` (2n+1 bytes, NUL-terminated). */
void mtkfw_hex_encode(char *out, const uint8_t *p, size_t n);
/* Exactly 2n hex digits (either case) and nothing else into `out`: 0, or -1 when `s` is
 * longer, shorter or holds another character (sscanf's %x would take "6N" as 6). */
int mtkfw_hex_decode(const char *s, uint8_t *out, size_t n);

#endif
