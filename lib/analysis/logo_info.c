/*
 * A logo.bin summary for the profile: how many images, and the boot logo's resolution from its
 * decompressed size (anchors-formats.md §B.4). Built on the image module's logo parser and
 * panel table; only image 0 is inflated (bounded by MTKFW_LOGO_MAX_RAW), because a profile
 * needs the resolution, not all 40-odd images.
 */
#include "core/internal.h"

#include <mtkfw/image.h>
#include <mtkfw/profile.h>

int mtkfw_logo_info(struct mtkfw_logo_info *out, const uint8_t *buf, size_t len, const char *name)
{
	struct mtkfw_logo logo;
	uint8_t *img = NULL;
	size_t ilen = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "logo";
	rc = mtkfw_logo_parse(&logo, buf, len);
	if (!rc)
		rc = mtkfw_logo_inflate(&img, &ilen, &logo, buf, len, 0);
	if (rc) {
		mtkfw_logo_clear(&logo);
		return mtkfw_seterr_prefix(name);
	}
	free(img);
	out->count = logo.count;
	out->first_size = ilen;
	mtkfw_logo_clear(&logo);
	/* RGB565 first: MT6572 logos are 16 bpp; 32 bpp is what later chips store. */
	for (unsigned bytes = 2; bytes <= 4 && !out->width; bytes += 2)
		for (const struct mtkfw_panel *p = mtkfw_panels(); p->width; p++)
			if ((uint64_t)p->width * p->height * bytes == ilen) {
				out->width = p->width;
				out->height = p->height;
				out->bpp = bytes * 8;
				break;
			}
	return 0;
}
