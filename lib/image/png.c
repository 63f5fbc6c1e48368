/* PNG encode/decode in memory with libpng; libpng reports errors by longjmp, caught here. */
#include "image/png.h"

#include <mtkfw/error.h>

#include "core/internal.h"

#include <png.h>

struct membuf {
	uint8_t *p;
	size_t len, cap, pos;
	int oom;
};

static void mem_write(png_structp png, png_bytep data, png_size_t n)
{
	struct membuf *m = png_get_io_ptr(png);

	if (m->oom)
		return;
	if (m->len + n > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 65536;
		uint8_t *np;

		while (cap < m->len + n)
			cap *= 2;
		if (!(np = realloc(m->p, cap))) {
			m->oom = 1;
			return;
		}
		m->p = np;
		m->cap = cap;
	}
	memcpy(m->p + m->len, data, n);
	m->len += n;
}

static void mem_flush(png_structp png)
{
	(void)png;
}

static void mem_read(png_structp png, png_bytep data, png_size_t n)
{
	struct membuf *m = png_get_io_ptr(png);

	if (n > m->len - m->pos)
		png_error(png, "PNG ends early");
	memcpy(data, m->p + m->pos, n);
	m->pos += n;
}

/* libpng prints warnings to stderr by default; the library never prints. */
static void png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void png_fail(png_structp png, png_const_charp msg)
{
	mtkfw_seterr(MTKFW_ERR_FORMAT, "PNG: %s", msg);
	png_longjmp(png, 1);
}

int mtkfw_png_encode(const uint8_t *px, uint32_t w, uint32_t h, int channels, uint8_t **out, size_t *len)
{
	struct membuf m = { 0 };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	volatile int rc = 0;

	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return mtkfw_nomem();
	}
	if (setjmp(png_jmpbuf(png))) {
		rc = MTKFW_ERR_FORMAT;
	} else {
		png_set_write_fn(png, &m, mem_write, mem_flush);
		png_set_IHDR(png, info, w, h, 8, channels == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
			     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
		/* Speed over size: these files are a working copy, not a distribution. */
		png_set_compression_level(png, 3);
		png_write_info(png, info);
		for (uint32_t y = 0; y < h; y++)
			png_write_row(png, (png_const_bytep)(px + (size_t)y * w * channels));
		png_write_end(png, NULL);
	}
	png_destroy_write_struct(&png, &info);
	if (!rc && m.oom)
		rc = mtkfw_nomem();
	if (rc) {
		free(m.p);
		return rc;
	}
	*out = m.p;
	*len = m.len;
	return 0;
}

int mtkfw_png_decode(const uint8_t *buf, size_t len, size_t max_pixels, uint8_t **rgba, uint32_t *w,
		     uint32_t *h)
{
	struct membuf m = { .p = (uint8_t *)buf, .len = len };
	png_structp png;
	png_infop info;
	uint8_t *volatile px = NULL;
	png_bytep *volatile rows = NULL;
	volatile int rc = 0;

	if (len < 8 || png_sig_cmp(buf, 0, 8))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "not a PNG file");
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		return mtkfw_nomem();
	}
	if (setjmp(png_jmpbuf(png))) {
		rc = mtkfw_error_last()->code ? mtkfw_error_last()->code : MTKFW_ERR_FORMAT;
	} else {
		png_uint_32 pw, ph;
		int depth, ctype;

		png_set_read_fn(png, &m, mem_read);
		png_set_user_limits(png, 1u << 15, 1u << 15);
		png_read_info(png, info);
		png_get_IHDR(png, info, &pw, &ph, &depth, &ctype, NULL, NULL, NULL);
		if ((uint64_t)pw * ph > max_pixels)
			png_error(png, "image larger than a logo can be");
		png_set_expand(png);
		png_set_strip_16(png);
		if (ctype == PNG_COLOR_TYPE_GRAY || ctype == PNG_COLOR_TYPE_GRAY_ALPHA)
			png_set_gray_to_rgb(png);
		png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
		png_set_interlace_handling(png);
		png_read_update_info(png, info);
		if (png_get_rowbytes(png, info) != (size_t)pw * 4)
			png_error(png, "unexpected row layout");
		px = malloc((size_t)pw * ph * 4 + 1);
		rows = malloc(sizeof(png_bytep) * (ph ? ph : 1));
		if (!px || !rows) {
			rc = mtkfw_nomem();
		} else {
			for (png_uint_32 y = 0; y < ph; y++)
				rows[y] = px + (size_t)y * pw * 4;
			png_read_image(png, rows);
			png_read_end(png, NULL);
			*w = pw;
			*h = ph;
		}
	}
	png_destroy_read_struct(&png, &info, NULL);
	free(rows);
	if (rc) {
		free(px);
		return rc;
	}
	*rgba = px;
	return 0;
}
