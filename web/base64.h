/* Base64 (RFC 4648, with padding) for the pictures the API sends as data: URLs. Ours, a few
 * lines, so the web needs no crypto library for it (the Windows build has none). */
#ifndef MTKFW_WEB_BASE64_H
#define MTKFW_WEB_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* The length web_base64 writes for `len` bytes, without the terminating NUL. */
#define WEB_BASE64_LEN(len) (4 * (((len) + 2) / 3))

/* Write `len` bytes of `in` as base64 to `out` (WEB_BASE64_LEN(len) + 1 bytes, NUL-terminated). */
void web_base64(char *out, const uint8_t *in, size_t len);

#endif
