/*
 * logo.bin <-> folder of PNGs. Each image becomes NNN.png (RGB for RGB565 logos, RGBA for
 * 32-bpp ones) and its original zlib stream is kept as NNN.zlib: repack reuses the stream
 * while the PNG's pixels still hash to what was unpacked (so an untouched folder rebuilds
 * byte-identically) and compresses afresh, at zlib level 9 as MediaTek's zpipe does, when
 * they changed.
 */
#include "image/pack.h"
#include "image/logo_internal.h"
#include "image/png.h"

#include "core/bytes.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"

#include <stdio.h>
#include <zlib.h>

static void sha1_hex(const uint8_t *p, size_t n, char out[41])
{
	uint8_t md[MTKFW_HASH_MAX] = { 0 };
	static const char d[] = "0123456789abcdef";
	mtkfw_hash *h;

	if (mtkfw_hash_new(&h, MTKFW_HASH_SHA1) == 0) {
		if (mtkfw_hash_update(h, p, n) || mtkfw_hash_final(h, md))
			memset(md, 0, sizeof(md));
		mtkfw_hash_free(h);
	}
	for (unsigned i = 0; i < 20; i++) {
		out[2 * i] = d[md[i] >> 4];
		out[2 * i + 1] = d[md[i] & 15];
	}
	out[40] = '\0';
}

/* Raw logo pixels -> 8-bit RGB (565) or RGBA (BGRA8888) for the PNG. */
static void raw_to_rgb(const uint8_t *raw, uint32_t px, mtkfw_pixfmt f, uint8_t *out)
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

static void rgba_to_raw(const uint8_t *rgba, uint32_t px, mtkfw_pixfmt f, uint8_t *raw)
{
	for (uint32_t i = 0; i < px; i++) {
		const uint8_t *s = rgba + 4 * i;

		if (f == MTKFW_PIX_RGB565) {
			wr_le16(raw + 2 * i, (uint16_t)((s[0] >> 3) << 11 | (s[1] >> 2) << 5 | s[2] >> 3));
		} else {
			raw[4 * i] = s[2];
			raw[4 * i + 1] = s[1];
			raw[4 * i + 2] = s[0];
			raw[4 * i + 3] = s[3];
		}
	}
}

int mtkfwi_pk_logo_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len, const char *dir,
		   const struct mtkfw_unpack_opts *opts, mtkfw_ctx *ctx)
{
	struct mtkfw_logo logo;
	json_t *m, *imgs;
	uint32_t (*dims)[2] = NULL;
	unsigned bpp;
	int rc;
	size_t end;

	if ((rc = mtkfw_logo_parse(&logo, buf, len)))
		return rc;
	if ((rc = mtkfw_logo_analyse(&logo, buf, len, opts->width, opts->height)))
		goto out;
	if (logo.pixfmt == MTKFW_PIX_UNKNOWN) {
		rc = mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "logo: no known panel matches its largest image "
				  "(%u bytes); give the resolution with --size WxH", logo.images[0].rawsize);
		goto out;
	}
	bpp = mtkfw_pixfmt_bpp(logo.pixfmt);
	if (!(dims = mtkfw_calloc(logo.count, sizeof(*dims)))) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	if ((rc = mtkfwi_logo_infer_dims(&logo, buf, len, dims)))
		goto out;
	m = mtkfwi_pk_manifest_new("logo");
	json_object_set_new(m, "mtk", mtkfwi_pk_mtkhdr_json(&logo.hdr));
	json_object_set_new(m, "count", json_integer(logo.count));
	json_object_set_new(m, "pixel_format", json_string(mtkfw_pixfmt_name(logo.pixfmt)));
	json_object_set_new(m, "width", json_integer(logo.width));
	json_object_set_new(m, "height", json_integer(logo.height));
	imgs = json_array();
	json_object_set_new(m, "images", imgs);
	for (uint32_t i = 0; i < logo.count && !rc; i++) {
		uint8_t *raw = NULL, *rgb = NULL, *png = NULL;
		size_t rl, pl;
		uint32_t px, w, h;
		char name[32], zname[32], sha[41];
		json_t *io = json_object();

		json_array_append_new(imgs, io);
		if ((rc = mtkfw_progress(ctx, "unpack logo", i, logo.count)))
			break;
		if ((rc = mtkfw_logo_inflate(&raw, &rl, &logo, buf, len, i)))
			break;
		snprintf(zname, sizeof(zname), "%03u.zlib", i);
		rc = mtkfwi_pk_write(dir, zname, buf + MTKFW_MTKHDR_SIZE + logo.images[i].offset, logo.images[i].zsize);
		json_object_set_new(io, "stream", json_string(zname));
		sha1_hex(raw, rl, sha);
		json_object_set_new(io, "raw_sha1", json_string(sha));
		if (!rc && rl % bpp) {
			/* Not whole pixels: kept as raw bytes rather than guessed at. */
			snprintf(name, sizeof(name), "%03u.raw", i);
			json_object_set_new(io, "file", json_string(name));
			rc = mtkfwi_pk_write(dir, name, raw, rl);
			free(raw);
			continue;
		}
		px = (uint32_t)(rl / bpp);
		w = dims[i][0];
		h = dims[i][1];
		snprintf(name, sizeof(name), "%03u.png", i);
		json_object_set_new(io, "file", json_string(name));
		json_object_set_new(io, "width", json_integer(w));
		json_object_set_new(io, "height", json_integer(h));
		if (!rc && !(rgb = malloc((size_t)px * 4 + 1)))
			rc = mtkfw_nomem();
		if (!rc) {
			raw_to_rgb(raw, px, logo.pixfmt, rgb);
			rc = mtkfw_png_encode(rgb, w, h, logo.pixfmt == MTKFW_PIX_RGB565 ? 3 : 4, &png, &pl);
		}
		if (!rc)
			rc = mtkfwi_pk_write(dir, name, png, pl);
		free(raw);
		free(rgb);
		free(png);
	}
	/* After the body: readback padding (one byte value) or a signature/footer (kept as a file). */
	end = MTKFW_MTKHDR_SIZE + (size_t)logo.total;
	if (!rc && end < len) {
		if (mtkfwi_pk_all_byte(buf + end, len - end, buf[end])) {
			json_object_set_new(m, "pad_to", json_integer((json_int_t)len));
			json_object_set_new(m, "pad_byte", json_integer(buf[end]));
		} else {
			json_object_set_new(m, "tail", json_string("tail"));
			rc = mtkfwi_pk_write(dir, "tail", buf + end, len - end);
		}
	}
	if (!rc)
		rc = mtkfwi_pk_manifest_save(dir, m);
	json_decref(m);
	if (!rc) {
		rep->kind = MTKFW_IMG_LOGO;
		rep->files = logo.count;
		snprintf(rep->detail, sizeof(rep->detail), "logo, %u images, %ux%u %s%s", logo.count, logo.width,
			 logo.height, mtkfw_pixfmt_name(logo.pixfmt), end < len ? ", padding kept" : "");
	}
out:
	free(dims);
	mtkfw_logo_clear(&logo);
	return rc;
}

/* One image of the folder back to a zlib stream (malloc'd). */
static int image_stream(const json_t *io, const char *dir, mtkfw_pixfmt f, uint32_t idx, uint8_t **out,
			size_t *out_len)
{
	const char *file, *stream, *want;
	uint8_t *data = NULL, *raw = NULL, *rgba = NULL;
	size_t dl, rl = 0;
	uint32_t w, h, mw, mh;
	char sha[41];
	int rc;
	size_t ext;

	if ((rc = mtkfwi_pk_get_str(io, "file", &file)) || (rc = mtkfwi_pk_get_str(io, "stream", &stream)) ||
	    (rc = mtkfwi_pk_get_str(io, "raw_sha1", &want)))
		return rc;
	if (!file)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": image %u has no 'file'", idx);
	if ((rc = mtkfwi_pk_read(dir, file, PK_MEMBER_MAX, &data, &dl)))
		return rc;
	ext = strlen(file);
	if (ext > 4 && !strcmp(file + ext - 4, ".raw")) {
		raw = data;
		rl = dl;
		data = NULL;
	} else {
		if ((rc = mtkfwi_pk_get_u32(io, "width", &mw)) || (rc = mtkfwi_pk_get_u32(io, "height", &mh)))
			goto out;
		if ((rc = mtkfw_png_decode(data, dl, MTKFW_LOGO_MAX_RAW / 2, &rgba, &w, &h))) {
			mtkfw_seterr_prefix(file);
			goto out;
		}
		if (w != mw || h != mh) {
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: %ux%u, the logo slot is %ux%u (LK draws fixed "
					  "sizes; edit " PK_MANIFEST " only if you know the new size is right)",
					  file, w, h, mw, mh);
			goto out;
		}
		rl = (size_t)w * h * mtkfw_pixfmt_bpp(f);
		if (!(raw = malloc(rl + 1))) {
			rc = mtkfw_nomem();
			goto out;
		}
		rgba_to_raw(rgba, w * h, f, raw);
	}
	sha1_hex(raw, rl, sha);
	if (want && stream && !strcmp(want, sha)) {
		/* Pixels unchanged: the original stream, byte for byte. */
		rc = mtkfwi_pk_read(dir, stream, PK_MEMBER_MAX, out, out_len);
	} else {
		uLongf zl = compressBound((uLong)rl);
		uint8_t *z = malloc(zl);

		if (!z) {
			rc = mtkfw_nomem();
		} else if (compress2(z, &zl, raw, (uLong)rl, 9) != Z_OK) {
			free(z);
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: cannot compress", file);
		} else {
			*out = z;
			*out_len = zl;
		}
	}
out:
	free(data);
	free(raw);
	free(rgba);
	return rc;
}

int mtkfwi_pk_logo_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir, const char *file,
		   mtkfw_ctx *ctx)
{
	const json_t *imgs = json_object_get(m, "images");
	const char *fmt, *tail;
	mtkfw_pixfmt f;
	struct mtkfw_mtkhdr h;
	uint8_t **streams = NULL, *out = NULL;
	size_t *sizes = NULL, n, out_len = 0;
	int rc;

	if ((rc = mtkfwi_pk_get_str(m, "pixel_format", &fmt)))
		return rc;
	f = fmt && !strcmp(fmt, "rgb565") ? MTKFW_PIX_RGB565 : fmt && !strcmp(fmt, "bgra8888") ? MTKFW_PIX_BGRA8888
											   : MTKFW_PIX_UNKNOWN;
	if (f == MTKFW_PIX_UNKNOWN)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": pixel_format must be rgb565 or bgra8888");
	if (!json_is_array(imgs) || !(n = json_array_size(imgs)) || n > MTKFW_LOGO_MAX_IMAGES)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": 'images' must list 1 to %u images",
				    MTKFW_LOGO_MAX_IMAGES);
	if ((rc = mtkfwi_pk_mtkhdr_from_json(json_object_get(m, "mtk"), 0, &h)))
		return rc;
	streams = calloc(n, sizeof(*streams));
	sizes = calloc(n, sizeof(*sizes));
	if (!streams || !sizes)
		rc = mtkfw_nomem();
	for (size_t i = 0; i < n && !rc; i++) {
		if (!(rc = mtkfw_progress(ctx, "repack logo", i, n)))
			rc = image_stream(json_array_get(imgs, i), dir, f, (uint32_t)i, &streams[i], &sizes[i]);
	}
	if (!rc)
		rc = mtkfw_logo_build(&out, &out_len, (const uint8_t *const *)streams, sizes, (uint32_t)n, &h);
	if (!rc && json_object_get(m, "pad_to")) {
		uint64_t to;
		uint32_t byte;

		if (!(rc = mtkfwi_pk_get_u64(m, "pad_to", PK_MEMBER_MAX, &to)) && !(rc = mtkfwi_pk_get_u32(m, "pad_byte", &byte))) {
			if (to < out_len) {
				rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "logo: %zu bytes no longer fit the %llu-byte "
						  "padded image it came from", out_len, (unsigned long long)to);
			} else {
				uint8_t *p = realloc(out, to);

				if (!p) {
					rc = mtkfw_nomem();
				} else {
					memset(p + out_len, (int)(byte & 0xFF), to - out_len);
					out = p;
					out_len = to;
				}
			}
		}
	}
	if (!rc && !(rc = mtkfwi_pk_get_str(m, "tail", &tail)) && tail) {
		uint8_t *t, *p;
		size_t tl;

		if (!(rc = mtkfwi_pk_read(dir, tail, PK_MEMBER_MAX, &t, &tl))) {
			if (!(p = realloc(out, out_len + tl))) {
				rc = mtkfw_nomem();
			} else {
				memcpy(p + out_len, t, tl);
				out = p;
				out_len += tl;
			}
			free(t);
		}
	}
	if (!rc)
		rc = mtkfw_write_file_atomic(file, out, out_len);
	for (size_t i = 0; streams && i < n; i++)
		free(streams[i]);
	free(streams);
	free(sizes);
	free(out);
	if (!rc) {
		rep->kind = MTKFW_IMG_LOGO;
		rep->files = (uint32_t)n;
		snprintf(rep->detail, sizeof(rep->detail), "logo, %zu images, %s, %zu bytes", n, fmt, out_len);
	}
	return rc;
}
