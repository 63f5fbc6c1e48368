/*
 * A logo's images as PNGs in memory, with the sizes unpack gives them: what a front end shows
 * (mtkfw web's Package page) without writing a folder. The pixel conversion is shared with
 * unpack (logo_pack.c), so both show the same pixels.
 */
#include "image/logo_internal.h"
#include "image/png.h"

#include "core/bytes.h"
#include "core/internal.h"

#include <stdlib.h>

void mtkfwi_logo_raw_to_rgb(const uint8_t *raw, uint32_t px, mtkfw_pixfmt f, uint8_t *out)
{
	for (uint32_t i = 0; i < px; i++) {
		if (f == MTKFW_PIX_RGB565) {
			uint16_t v = rd_le16(raw + 2 * i);
			uint8_t r = v >> 11, g = (v >> 5) & 63, b = v & 31;

			/* Bit replication: exact, and >> 3 / >> 2 give the 565 value back. */
			out[3 * i] = (uint8_t)(r << 3 | r >> 2);
			out[3 * i + 1] = (uint8_t)(g << 2 | g >> 4);
			out[3 * i + 2] = (uint8_t)(b << 3 | b >> 2);
		} else {
			out[4 * i] = raw[4 * i + 2];
			out[4 * i + 1] = raw[4 * i + 1];
			out[4 * i + 2] = raw[4 * i];
			out[4 * i + 3] = raw[4 * i + 3];
		}
	}
}

/* Image i as a PNG of w x h (the caller checked the size is whole pixels). */
static int one_png(const struct mtkfw_logo *logo, const uint8_t *buf, size_t len, uint32_t i, uint32_t w,
		   uint32_t h, uint8_t **png, size_t *pl)
{
	unsigned bpp = mtkfw_pixfmt_bpp(logo->pixfmt);
	uint8_t *raw = NULL, *rgb = NULL;
	size_t rl;
	int rc;

	*png = NULL;
	if ((rc = mtkfw_logo_inflate(&raw, &rl, logo, buf, len, i)))
		return rc;
	if (rl % bpp || (uint64_t)w * h != rl / bpp) {
		free(raw);
		return 1; /* not whole pixels of the inferred size: nothing to show */
	}
	if (!(rgb = malloc(rl / bpp * 4 + 1)))
		rc = mtkfw_nomem();
	if (!rc) {
		mtkfwi_logo_raw_to_rgb(raw, (uint32_t)(rl / bpp), logo->pixfmt, rgb);
		rc = mtkfw_png_encode(rgb, w, h, logo->pixfmt == MTKFW_PIX_RGB565 ? 3 : 4, png, pl);
	}
	free(raw);
	free(rgb);
	return rc;
}

int mtkfw_logo_each_png(const uint8_t *buf, size_t len,
			int (*each)(uint32_t index, uint32_t width, uint32_t height, const uint8_t *png, size_t png_len,
				    void *user),
			void *user)
{
	struct mtkfw_logo logo;
	uint32_t (*dims)[2] = NULL;
	int rc;

	if ((rc = mtkfw_logo_parse(&logo, buf, len)))
		return rc;
	if ((rc = mtkfw_logo_analyse(&logo, buf, len, 0, 0)))
		goto out;
	if (logo.pixfmt == MTKFW_PIX_UNKNOWN) {
		rc = mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "logo: no known panel matches its largest image (%u bytes)",
				  logo.images[0].rawsize);
		goto out;
	}
	if (!(dims = mtkfw_calloc(logo.count, sizeof(*dims)))) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	if ((rc = mtkfwi_logo_infer_dims(&logo, buf, len, dims)))
		goto out;
	for (uint32_t i = 0; i < logo.count && !rc; i++) {
		uint8_t *png;
		size_t pl;

		if (!dims[i][0] || !dims[i][1])
			continue;
		rc = one_png(&logo, buf, len, i, dims[i][0], dims[i][1], &png, &pl);
		if (rc == 1) {
			rc = 0;
			continue;
		}
		if (!rc)
			rc = each(i, dims[i][0], dims[i][1], png, pl, user);
		free(png);
	}
out:
	free(dims);
	mtkfw_logo_clear(&logo);
	return rc;
}
