/* Internal to the logo code: sizes of the images that are not full-screen. */
#ifndef MTKFW_IMAGE_LOGO_INTERNAL_H
#define MTKFW_IMAGE_LOGO_INTERNAL_H

#include <mtkfw/image.h>

/*
 * Width and height of every image of an analysed logo (pixfmt known): full-screen images get
 * the panel size; the others (digits, battery frames...) are inferred from their pixels.
 * dims[i][0] = width, dims[i][1] = height; both 0 for an image that is not whole pixels.
 */
int mtkfwi_logo_infer_dims(const struct mtkfw_logo *l, const uint8_t *buf, size_t len, uint32_t (*dims)[2]);

#endif
