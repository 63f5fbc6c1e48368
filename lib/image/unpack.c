/*
 * mtkfw_unpack / mtkfw_repack: find what kind of image a file is, hand it to that kind's
 * code, and for plain MTK-header images (lk, tee, dtbo...) do the job here: the header goes
 * into the manifest, the payload into "payload", bytes after it into "tail".
 */
#include "image/pack.h"

#include "core/bytes.h"
#include "core/file.h"
#include "core/enum_words.h"
#include "core/internal.h"
#include "core/outdir.h"

#include <stdio.h>
#include <strings.h>

/* Whole images are read into memory: boot, logo, lk and ramdisks are a few MiB. */
#define UNPACK_MAX (256u << 20)

static const char *const kind_names[] = {
	[MTKFW_IMG_UNKNOWN] = "unknown", [MTKFW_IMG_BOOTIMG] = "bootimg", [MTKFW_IMG_LOGO] = "logo",
	[MTKFW_IMG_MTKHDR] = "mtkhdr",   [MTKFW_IMG_RAMDISK] = "ramdisk",
};

const char *mtkfw_image_kind_name(mtkfw_image_kind k)
{
	return mtkfw_enum_word(MTKFW_WORDS(kind_names), (int)k, "unknown");
}

int mtkfw_image_kind_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(kind_names), word);
}

static mtkfw_image_kind kind_of(const uint8_t *buf, size_t len)
{
	struct mtkfw_logo logo;

	if (len >= 8 && memcmp(buf, "ANDROID!", 8) == 0)
		return MTKFW_IMG_BOOTIMG;
	if (mtkfw_mtkhdr_detect(buf, len)) {
		struct mtkfw_mtkhdr h;

		/* Named LOGO: a logo, so that a broken one is reported as such, not unpacked whole. */
		if (mtkfw_mtkhdr_parse(&h, buf, len) == 0 && strcasecmp(h.name, "LOGO") == 0)
			return MTKFW_IMG_LOGO;
		if (mtkfw_logo_parse(&logo, buf, len) == 0) {
			mtkfw_logo_clear(&logo);
			return MTKFW_IMG_LOGO;
		}
		return MTKFW_IMG_MTKHDR;
	}
	if (mtkfw_ramdisk_detect(buf, len) >= 0)
		return MTKFW_IMG_RAMDISK;
	return MTKFW_IMG_UNKNOWN;
}

static int mtkhdr_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len, const char *dir)
{
	struct mtkfw_mtkhdr h;
	json_t *m;
	int rc;

	if ((rc = mtkfw_mtkhdr_parse(&h, buf, len)))
		return rc;
	if (!span_ok(len, MTKFW_MTKHDR_SIZE, h.size))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "the MTK header says %u payload bytes, %zu follow it",
				    h.size, len - MTKFW_MTKHDR_SIZE);
	m = mtkfwi_pk_manifest_new("mtkhdr");
	json_object_set_new(m, "mtk", mtkfwi_pk_mtkhdr_json(&h));
	json_object_set_new(m, "file", json_string("payload"));
	rc = mtkfwi_pk_write(dir, "payload", buf + MTKFW_MTKHDR_SIZE, h.size);
	if (!rc && len - MTKFW_MTKHDR_SIZE > h.size) {
		json_object_set_new(m, "tail", json_string("tail"));
		rc = mtkfwi_pk_write(dir, "tail", buf + MTKFW_MTKHDR_SIZE + h.size, len - MTKFW_MTKHDR_SIZE - h.size);
	}
	if (!rc)
		rc = mtkfwi_pk_manifest_save(dir, m);
	json_decref(m);
	if (!rc) {
		rep->kind = MTKFW_IMG_MTKHDR;
		snprintf(rep->detail, sizeof(rep->detail), "MTK-header image '%s', %u payload bytes%s", h.name,
			 h.size, len - MTKFW_MTKHDR_SIZE > h.size ? ", trailing data kept" : "");
	}
	return rc;
}

static int mtkhdr_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir, const char *file)
{
	struct mtkfw_mtkhdr h;
	const char *pf, *tf;
	uint8_t *pay = NULL, *tail = NULL, *out = NULL;
	size_t plen = 0, tlen = 0;
	int rc;

	if ((rc = mtkfwi_pk_get_str(m, "file", &pf)) || (rc = mtkfwi_pk_get_str(m, "tail", &tf)))
		return rc;
	if (!pf)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": 'file' is missing");
	if ((rc = mtkfwi_pk_read(dir, pf, PK_MEMBER_MAX, &pay, &plen)))
		return rc;
	if (tf && (rc = mtkfwi_pk_read(dir, tf, PK_MEMBER_MAX, &tail, &tlen)))
		goto out;
	if ((rc = mtkfwi_pk_mtkhdr_from_json(json_object_get(m, "mtk"), (uint32_t)plen, &h)))
		goto out;
	if (!(out = malloc(MTKFW_MTKHDR_SIZE + plen + tlen))) {
		rc = mtkfw_nomem();
		goto out;
	}
	mtkfw_mtkhdr_write(&h, out);
	memcpy(out + MTKFW_MTKHDR_SIZE, pay, plen);
	if (tlen)
		memcpy(out + MTKFW_MTKHDR_SIZE + plen, tail, tlen);
	rc = mtkfw_write_file_atomic(file, out, MTKFW_MTKHDR_SIZE + plen + tlen);
	if (!rc) {
		rep->kind = MTKFW_IMG_MTKHDR;
		snprintf(rep->detail, sizeof(rep->detail), "MTK-header image '%s', %zu payload bytes", h.name, plen);
	}
out:
	free(pay);
	free(tail);
	free(out);
	return rc;
}

int mtkfw_unpack(struct mtkfw_unpack_report *rep, const char *file, const char *dir,
		 const struct mtkfw_unpack_opts *opts, mtkfw_ctx *ctx)
{
	static const struct mtkfw_unpack_opts defaults;
	struct mtkfw_outdir out = { 0 };
	mtkfw_image_kind kind;
	uint8_t *buf;
	size_t len;
	int rc;

	if (!rep || !file || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "unpack: missing argument");
	memset(rep, 0, sizeof(*rep));
	if (!opts)
		opts = &defaults;
	if ((rc = mtkfw_read_file(file, UNPACK_MAX, &buf, &len)))
		return rc;
	kind = kind_of(buf, len);
	/* Whole or nothing: the folder is built beside DIR and renamed at the end, so a refused
	 * member, a full disk or an interruption leaves DIR as it was (and no empty DIR). */
	if (kind == MTKFW_IMG_UNKNOWN)
		rc = mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "not a boot/recovery image, logo, MTK-header image "
				  "or ramdisk (see 'mtkfw info')");
	else if ((rc = mtkfw_outdir_open(&out, dir, opts->force))) {
		free(buf);
		return rc; /* about DIR, which the message names */
	}
	if (!rc) {
		switch (kind) {
		case MTKFW_IMG_BOOTIMG:
			rc = mtkfwi_pk_bootimg_unpack(rep, buf, len, out.tmp);
			break;
		case MTKFW_IMG_LOGO:
			rc = mtkfwi_pk_logo_unpack(rep, buf, len, out.tmp, opts, ctx);
			break;
		case MTKFW_IMG_MTKHDR:
			rc = mtkhdr_unpack(rep, buf, len, out.tmp);
			break;
		default:
			rc = mtkfwi_pk_ramdisk_unpack(rep, buf, len, out.tmp);
			break;
		}
		if (!rc)
			rc = mtkfw_cancelled(ctx);
		if (!rc)
			rc = mtkfw_outdir_commit(&out, 0755);
		if (rc) {
			mtkfw_outdir_name_output(&out);
			mtkfw_outdir_abort(&out);
		}
	}
	free(buf);
	if (rc && rc != MTKFW_ERR_NOMEM && !strstr(mtkfw_error_last()->message, file))
		mtkfw_seterr_prefix(file);
	return rc;
}

int mtkfw_repack(struct mtkfw_unpack_report *rep, const char *dir, const char *file, mtkfw_ctx *ctx)
{
	json_t *m;
	const char *type;
	int rc;

	if (!rep || !file || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "repack: missing argument");
	memset(rep, 0, sizeof(*rep));
	if ((rc = mtkfwi_pk_manifest_load(dir, &m)))
		return rc;
	if ((rc = mtkfwi_pk_get_str(m, "type", &type)) == 0) {
		if (type && !strcmp(type, "bootimg"))
			rc = mtkfwi_pk_bootimg_repack(rep, m, dir, file);
		else if (type && !strcmp(type, "logo"))
			rc = mtkfwi_pk_logo_repack(rep, m, dir, file, ctx);
		else if (type && !strcmp(type, "mtkhdr"))
			rc = mtkhdr_repack(rep, m, dir, file);
		else if (type && !strcmp(type, "ramdisk"))
			rc = mtkfwi_pk_ramdisk_repack(rep, m, dir, file);
		else
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": unknown type '%s'", type ? type : "");
	}
	json_decref(m);
	if (rc && rc != MTKFW_ERR_NOMEM && !strstr(mtkfw_error_last()->message, dir))
		mtkfw_seterr_prefix(dir);
	return rc;
}
