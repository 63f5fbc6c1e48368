/*
 * logo.bin stores no image sizes, and the small images (digits, percent sign, battery frames)
 * are not panel-sized. Their width is inferred from the pixels: of every width that divides
 * the pixel count (8 or more, at least 2 rows), the one where vertically adjacent pixels are
 * most alike relative to horizontally adjacent ones. A wrong width shears the picture and
 * makes vertical neighbours unrelated. Checked against MediaTek's own FWVGA sources in the
 * corpus (bat_animation 135x24, bat_img 135x1) and by eye on the A516 and MT6737M logos.
 * One-row strips (bat_img: the bar's width, 1 or 2 rows) take the width of another image
 * of the same logo that divides them.
 */
#include "image/logo_internal.h"

#include "core/bytes.h"
#include "core/internal.h"

#include <stdlib.h>

/* Above this, a small image is not scored (cost grows with pixels x divisors; real small
 * images have a few thousand pixels), and a whole logo gets this many pixel visits at most, so
 * a hostile logo of thousands of images cannot make unpack crawl. */
#define SCORE_MAX_PIXELS (1u << 16)
#define SCORE_BUDGET (200u << 20)

static void rgb_at(const uint8_t *raw, uint32_t i, mtkfw_pixfmt f, int c[3])
{
	if (f == MTKFW_PIX_RGB565) {
		uint16_t v = rd_le16(raw + 2 * i);

		c[0] = (v >> 11) << 3;
		c[1] = ((v >> 5) & 63) << 2;
		c[2] = (v & 31) << 3;
	} else {
		c[0] = raw[4 * i + 2];
		c[1] = raw[4 * i + 1];
		c[2] = raw[4 * i];
	}
}

static int absdiff(const int a[3], const int b[3])
{
	return abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2]);
}

/* Vertical over horizontal neighbour difference for width w (lower is more image-like). */
static double score(const uint8_t *raw, uint32_t px, uint32_t w, mtkfw_pixfmt f)
{
	uint32_t h = px / w;
	uint64_t v = 0, hz = 0;
	int a[3], b[3];

	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			rgb_at(raw, y * w + x, f, a);
			if (y) {
				rgb_at(raw, (y - 1) * w + x, f, b);
				v += (uint64_t)absdiff(a, b);
			}
			if (x) {
				rgb_at(raw, y * w + x - 1, f, b);
				hz += (uint64_t)absdiff(a, b);
			}
		}
	return ((double)v / (px - w)) / ((double)hz / (px - h) + 1.0);
}

static void best_width(const uint8_t *raw, uint32_t px, mtkfw_pixfmt f, uint64_t *budget, uint32_t *w,
		       uint32_t *h)
{
	double best = 0;
	uint32_t bw = 0;

	if (px <= SCORE_MAX_PIXELS)
		for (uint32_t c = 8; c <= px / 2; c++) {
			double s;

			if (px % c)
				continue;
			if (*budget < px)
				break;
			*budget -= px;
			s = score(raw, px, c, f);
			if (!bw || s < best) {
				best = s;
				bw = c;
			}
		}
	if (!bw) {
		/* Too small or too large to score: the most square shape. */
		for (uint32_t d = 1; (uint64_t)d * d <= px; d++)
			if (px % d == 0)
				bw = d;
	}
	*w = bw;
	*h = px / bw;
}

int mtkfwi_logo_infer_dims(const struct mtkfw_logo *l, const uint8_t *buf, size_t len, uint32_t (*dims)[2])
{
	unsigned bpp = mtkfw_pixfmt_bpp(l->pixfmt);
	uint64_t full = (uint64_t)l->width * l->height, budget = SCORE_BUDGET;
	uint32_t *same;

	for (uint32_t i = 0; i < l->count; i++) {
		uint32_t rs = l->images[i].rawsize, px;
		uint8_t *raw;
		size_t n;
		int rc;

		dims[i][0] = dims[i][1] = 0;
		if (!bpp || rs % bpp)
			continue;
		px = rs / bpp;
		if (px == full) {
			dims[i][0] = l->width;
			dims[i][1] = l->height;
			continue;
		}
		if ((rc = mtkfw_logo_inflate(&raw, &n, l, buf, len, i)))
			return rc;
		best_width(raw, px, l->pixfmt, &budget, &dims[i][0], &dims[i][1]);
		free(raw);
	}
	/* Images of one pixel count are one kind (the ten digits, the battery frames): a nearly
	 * flat frame scores poorly, so the width most of its kind chose wins. same[i] counts the
	 * images with i's pixel count and width. */
	if (!(same = mtkfw_calloc(l->count ? l->count : 1, sizeof(*same))))
		return MTKFW_ERR_NOMEM;
	for (uint32_t i = 0; i < l->count; i++)
		for (uint32_t j = 0; j < l->count; j++)
			same[i] += dims[j][0] == dims[i][0] && dims[j][1] == dims[i][1];
	for (uint32_t i = 0; i < l->count; i++) {
		uint32_t px = dims[i][0] * dims[i][1], pick = i;

		if (!px || dims[i][0] == l->width)
			continue;
		for (uint32_t j = 0; j < l->count; j++)
			if (dims[j][0] * dims[j][1] == px && same[j] > same[pick])
				pick = j;
		/* dims[pick] may already have been rewritten to the same answer: same[] is the
		 * snapshot that decides, so the order does not matter. */
		dims[i][0] = dims[pick][0];
		dims[i][1] = dims[pick][1];
	}
	free(same);
	/* Strips of one or two rows: the widest width of another image that divides them. */
	for (uint32_t i = 0; i < l->count; i++) {
		uint32_t px = dims[i][0] * dims[i][1], pick = 0;

		if (!px || dims[i][0] == l->width)
			continue;
		for (uint32_t j = 0; j < l->count; j++) {
			uint32_t w = dims[j][0];

			if (j != i && w && w != l->width && px % w == 0 && px / w <= 2 && w > pick)
				pick = w;
		}
		if (pick) {
			dims[i][0] = pick;
			dims[i][1] = px / pick;
		}
	}
	return 0;
}
