/*
 * A logo.bin summary for the profile: how many images, and the boot logo's resolution (from
 * its decompressed size; anchors-formats.md §B.4). Only image 0 is inflated, bounded.
 */
#include "core/bytes.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/profile.h>

/* More images than any real logo.bin (43 on the Lenovo A516), and a full-HD 32-bpp frame. */
#define LOGO_COUNT_MAX 4096
#define LOGO_IMAGE_MAX (16u << 20)

int mtkfw_logo_info(struct mtkfw_logo_info *out, const uint8_t *buf, size_t len, const char *name)
{
	size_t skip = fw_mtkhdr_skip(buf, len);
	const uint8_t *body = buf + skip;
	size_t blen = len - skip;
	uint32_t count, total, start, end;
	uint8_t *img = NULL;
	size_t ilen = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "logo";
	if (blen < 12)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: too short for a logo table", name);
	count = rd_le32(body);
	total = rd_le32(body + 4);
	if (!count || count > LOGO_COUNT_MAX)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: logo count %u is not plausible", name, count);
	if (total > blen)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: logo table says %u bytes, only %zu present", name, total,
				    blen);
	if (8ull + 4ull * count > total)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %u offsets do not fit in %u bytes", name, count, total);
	start = rd_le32(body + 8);
	end = count > 1 ? rd_le32(body + 12) : total;
	if (start < 8 + 4 * count || end < start || end > total)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: image 0 spans %u..%u outside the table", name, start, end);
	rc = mtkfw_decompress(&img, &ilen, MTKFW_COMP_ZLIB, body + start, end - start, LOGO_IMAGE_MAX);
	if (rc)
		return mtkfw_seterr_prefix(name);
	free(img);
	out->count = count;
	out->first_size = ilen;
	fw_panel_for_size(ilen, &out->width, &out->height, &out->bpp);
	return 0;
}
