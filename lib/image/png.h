/* PNG in memory through libpng: 8-bit RGB or RGBA in, and any PNG out as 8-bit RGBA. */
#ifndef MTKFW_IMAGE_PNG_H
#define MTKFW_IMAGE_PNG_H

#include <stddef.h>
#include <stdint.h>

/* Encode w*h pixels of `channels` (3 or 4) bytes each. */
int mtkfw_png_encode(const uint8_t *px, uint32_t w, uint32_t h, int channels, uint8_t **out, size_t *len);
/* Decode to RGBA8 (palette, grey, 16-bit and missing alpha are converted); w*h is bounded by
 * `max_pixels`. */
int mtkfw_png_decode(const uint8_t *buf, size_t len, size_t max_pixels, uint8_t **rgba, uint32_t *w,
		     uint32_t *h);

#endif
