/*
 * MT65xx logo.bin: an MTK header (LOGO) then a body of count, total, count offsets and one
 * zlib stream per image. Width, height and pixel format are stored nowhere: they are inferred
 * from the decompressed full-screen size with a table of real panels.
 */
#include <mtkfw/image.h>

#include "core/bytes.h"
#include "core/enum_words.h"
#include "core/internal.h"

#include <stdio.h>

/* Real panel sizes, in the order ties are decided (portrait first: phones store logos in the
 * panel's native orientation). 400x960 is left out: it has 480x800's pixel count. */
static const struct mtkfw_panel panels[] = {
	{ 480, 854, "FWVGA" },   { 480, 800, "WVGA" },     { 540, 960, "qHD" },
	{ 720, 1280, "HD" },     { 320, 480, "HVGA" },     { 240, 320, "QVGA" },
	{ 240, 400, "WQVGA" },   { 360, 640, "nHD" },      { 480, 640, "VGA" },
	{ 600, 1024, "WSVGA" },  { 1024, 600, "WSVGA-landscape" },
	{ 768, 1024, "XGA" },    { 800, 1280, "WXGA" },    { 1280, 800, "WXGA-landscape" },
	{ 720, 1440, "HD+" },    { 720, 1520, "HD+ notch" }, { 720, 1600, "HD+ 20:9" },
	{ 1080, 1920, "FHD" },   { 1080, 2160, "FHD+" },   { 1080, 2340, "FHD+ 19.5:9" },
	{ 0, 0, NULL },
};

const struct mtkfw_panel *mtkfw_panels(void)
{
	return panels;
}

static const char *const pixfmt_words[] = { "unknown", "rgb565", "bgra8888" };

const char *mtkfw_pixfmt_name(mtkfw_pixfmt f)
{
	return mtkfw_enum_word(MTKFW_WORDS(pixfmt_words), (int)f, "unknown");
}

int mtkfw_pixfmt_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(pixfmt_words), word);
}

unsigned mtkfw_pixfmt_bpp(mtkfw_pixfmt f)
{
	return f == MTKFW_PIX_RGB565 ? 2 : f == MTKFW_PIX_BGRA8888 ? 4 : 0;
}

void mtkfw_logo_clear(struct mtkfw_logo *logo)
{
	if (logo) {
		free(logo->images);
		logo->images = NULL;
	}
}

int mtkfw_logo_parse(struct mtkfw_logo *out, const uint8_t *buf, size_t len)
{
	struct mtkfw_logo l;
	const uint8_t *body;
	size_t blen;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&l, 0, sizeof(l));
	if ((rc = mtkfw_mtkhdr_parse(&l.hdr, buf, len)))
		return rc;
	body = buf + MTKFW_MTKHDR_SIZE;
	blen = len - MTKFW_MTKHDR_SIZE;
	if (blen < 8)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "logo: the body ends before its count and total");
	l.count = rd_le32(body);
	l.total = rd_le32(body + 4);
	l.file_size = len;
	if (!l.count || l.count > MTKFW_LOGO_MAX_IMAGES)
		return mtkfw_seterr(l.count ? MTKFW_ERR_LIMIT : MTKFW_ERR_FORMAT,
				    "logo: %u images (1 to %u expected)", l.count, MTKFW_LOGO_MAX_IMAGES);
	if (l.total > blen)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "logo: the body says %u bytes, the file holds %zu",
				    l.total, blen);
	if ((uint64_t)8 + 4ull * l.count > l.total)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "logo: %u offsets do not fit a %u-byte body", l.count, l.total);
	if (!(l.images = mtkfw_calloc(l.count, sizeof(*l.images))))
		return MTKFW_ERR_NOMEM;
	for (uint32_t i = 0; i < l.count; i++) {
		uint32_t off = rd_le32(body + 8 + 4 * i);
		uint32_t end = i + 1 < l.count ? rd_le32(body + 12 + 4 * i) : l.total;

		/* Streams lie after the offset table, in order, inside the body. */
		if (off < 8 + 4 * l.count || end < off || end > l.total || off == end) {
			free(l.images);
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "logo: image %u spans 0x%x..0x%x, outside the "
					    "%u-byte body or out of order", i, off, end, l.total);
		}
		l.images[i].offset = off;
		l.images[i].zsize = end - off;
	}
	/* A zlib stream starts with CMF/FLG: deflate method and a header check multiple of 31. */
	{
		const uint8_t *z = body + l.images[0].offset;

		if (l.images[0].zsize < 2 || (z[0] & 0x0F) != 8 || ((z[0] << 8) | z[1]) % 31) {
			free(l.images);
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "logo: image 0 is not a zlib stream");
		}
	}
	*out = l;
	return 0;
}

int mtkfw_logo_inflate(uint8_t **out, size_t *out_len, const struct mtkfw_logo *logo, const uint8_t *buf, size_t len,
		       uint32_t i)
{
	const struct mtkfw_logo_image *im;
	int rc;

	if (i >= logo->count)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "logo: no image %u", i);
	im = &logo->images[i];
	if (!span_ok(len, (uint64_t)MTKFW_MTKHDR_SIZE + im->offset, im->zsize))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "logo: image %u lies past the end of the file", i);
	rc = mtkfw_decompress(out, out_len, MTKFW_COMP_ZLIB, buf + MTKFW_MTKHDR_SIZE + im->offset, im->zsize,
			      MTKFW_LOGO_MAX_RAW);
	if (rc) {
		char msg[64];

		snprintf(msg, sizeof(msg), "logo: image %u", i);
		mtkfw_seterr_prefix(msg);
	}
	return rc;
}

int mtkfw_logo_analyse(struct mtkfw_logo *logo, const uint8_t *buf, size_t len, uint16_t force_w,
		       uint16_t force_h)
{
	uint32_t largest = 0;

	for (uint32_t i = 0; i < logo->count; i++) {
		uint8_t *raw;
		size_t n;
		int rc = mtkfw_logo_inflate(&raw, &n, logo, buf, len, i);

		if (rc)
			return rc;
		free(raw);
		logo->images[i].rawsize = (uint32_t)n;
		if (n > largest)
			largest = (uint32_t)n;
	}
	logo->pixfmt = MTKFW_PIX_UNKNOWN;
	logo->width = logo->height = 0;
	if (force_w && force_h) {
		uint64_t px = (uint64_t)force_w * force_h;

		if (largest == px * 2)
			logo->pixfmt = MTKFW_PIX_RGB565;
		else if (largest == px * 4)
			logo->pixfmt = MTKFW_PIX_BGRA8888;
		else
			return mtkfw_seterr(MTKFW_ERR_INVALID, "logo: the largest image has %u bytes, not "
					    "%ux%u at 2 or 4 bytes per pixel", largest, force_w, force_h);
		logo->width = force_w;
		logo->height = force_h;
		return 0;
	}
	/* The full-screen images (boot logo, charging screens) are the largest. */
	for (const struct mtkfw_panel *p = panels; p->width; p++) {
		uint64_t px = (uint64_t)p->width * p->height;

		if (largest == px * 2 || largest == px * 4) {
			logo->pixfmt = largest == px * 2 ? MTKFW_PIX_RGB565 : MTKFW_PIX_BGRA8888;
			logo->width = p->width;
			logo->height = p->height;
			break;
		}
	}
	return 0;
}

int mtkfw_logo_build(uint8_t **out, size_t *out_len, const uint8_t *const *streams, const size_t *sizes,
		     uint32_t count, const struct mtkfw_mtkhdr *tmpl)
{
	uint64_t body = 8 + 4ull * count;
	struct mtkfw_mtkhdr h;
	uint8_t *b, *p;

	if (!count || count > MTKFW_LOGO_MAX_IMAGES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "logo: %u images (1 to %u allowed)", count, MTKFW_LOGO_MAX_IMAGES);
	for (uint32_t i = 0; i < count; i++)
		body += sizes[i];
	if (body > UINT32_MAX - MTKFW_MTKHDR_SIZE)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "logo: body over 4 GiB");
	if (tmpl)
		h = *tmpl;
	else
		mtkfw_mtkhdr_init(&h, "LOGO", 0);
	h.size = (uint32_t)body;
	if (!(b = malloc(MTKFW_MTKHDR_SIZE + body)))
		return mtkfw_nomem();
	mtkfw_mtkhdr_write(&h, b);
	p = b + MTKFW_MTKHDR_SIZE;
	wr_le32(p, count);
	wr_le32(p + 4, (uint32_t)body);
	uint32_t off = 8 + 4 * count;
	for (uint32_t i = 0; i < count; i++) {
		wr_le32(p + 8 + 4 * i, off);
		memcpy(p + off, streams[i], sizes[i]);
		off += (uint32_t)sizes[i];
	}
	*out = b;
	*out_len = MTKFW_MTKHDR_SIZE + body;
	return 0;
}
