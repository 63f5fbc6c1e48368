/*
 * Boot/recovery image <-> folder. Each part is written as a file (its MTK header, when it has
 * one, goes into the manifest and the payload alone into the file; bytes after the MTK payload
 * inside the part go to PART.tail). Every header field, non-zero padding and the bytes after
 * the last part ("tail") are kept, so an untouched folder repacks byte-identically; edited
 * parts get new sizes, MTK header sizes and an id computed with the image's own recipe.
 */
#include "image/pack.h"

#include "core/bytes.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"

#include <stdio.h>

static void put_hex_if_nonzero(json_t *o, const char *key, const uint8_t *p, size_t n)
{
	if (!n || mtkfwi_pk_all_byte(p, n, 0))
		return;
	char *h = mtkfwi_pk_hex(p, n);
	json_object_set_new(o, key, json_string(h ? h : ""));
	free(h);
}

/* SHA-1 over the parts as they lie in the image (hex): tells repack whether anything changed,
 * which matters when the id follows no known recipe. */
static void parts_sha1(const uint8_t *const data[MTKFW_BOOT_NPARTS], const uint32_t size[MTKFW_BOOT_NPARTS],
		       char out[41])
{
	uint8_t md[MTKFW_HASH_MAX];
	mtkfw_hash *c;
	int rc;

	out[0] = '\0';
	if (mtkfw_hash_new(&c, MTKFW_HASH_SHA1))
		return;
	rc = 0;
	for (int p = 0; !rc && p < MTKFW_BOOT_NPARTS; p++)
		rc = mtkfw_hash_update(c, data[p], size[p]);
	if (!rc)
		rc = mtkfw_hash_final(c, md);
	mtkfw_hash_free(c);
	if (rc)
		return; /* no digest: repack then treats the parts as changed */
	for (unsigned i = 0; i < 20; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
}

static uint64_t pad_len(uint64_t size, uint32_t page)
{
	return size % page ? page - size % page : 0;
}

int mtkfwi_pk_bootimg_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len, const char *dir)
{
	struct mtkfw_bootimg b;
	json_t *m, *parts;
	size_t hlen;
	int rc, nparts = 0;
	char *idhex;

	if ((rc = mtkfw_bootimg_parse(&b, buf, len)))
		return rc;
	m = mtkfwi_pk_manifest_new("bootimg");
	json_object_set_new(m, "header_version", json_integer(b.version));
	json_object_set_new(m, "page_size", json_integer(b.page_size));
	json_object_set_new(m, "kernel_addr", json_integer(b.kernel_addr));
	json_object_set_new(m, "ramdisk_addr", json_integer(b.ramdisk_addr));
	json_object_set_new(m, "second_addr", json_integer(b.second_addr));
	json_object_set_new(m, "tags_addr", json_integer(b.tags_addr));
	json_object_set_new(m, "os_version", json_integer(b.os_version));
	mtkfwi_pk_put_textfield(m, "name", b.name, sizeof(b.name));
	mtkfwi_pk_put_textfield(m, "cmdline", b.cmdline, sizeof(b.cmdline));
	mtkfwi_pk_put_textfield(m, "extra_cmdline", b.extra_cmdline, sizeof(b.extra_cmdline));
	idhex = mtkfwi_pk_hex(b.id, sizeof(b.id));
	json_object_set_new(m, "id", json_string(idhex ? idhex : ""));
	free(idhex);
	json_object_set_new(m, "id_convention", json_string(mtkfw_bootimg_idconv_name(b.idconv)));
	{
		const uint8_t *pd[MTKFW_BOOT_NPARTS];
		char h[41];

		for (int p = 0; p < MTKFW_BOOT_NPARTS; p++)
			pd[p] = buf + b.part_offset[p];
		parts_sha1(pd, b.part_size, h);
		json_object_set_new(m, "parts_sha1", json_string(h));
	}
	if (b.version >= 1) {
		json_object_set_new(m, "recovery_dtbo_offset", json_integer((json_int_t)b.recovery_dtbo_offset));
		json_object_set_new(m, "header_size", json_integer(b.header_size));
	}
	if (b.version >= 2)
		json_object_set_new(m, "dtb_addr", json_integer((json_int_t)b.dtb_addr));
	hlen = mtkfw_bootimg_header_len(b.version);
	put_hex_if_nonzero(m, "header_padding_hex", buf + hlen, b.page_size - hlen);
	parts = json_object();
	json_object_set_new(m, "parts", parts);
	for (int p = 0; p < MTKFW_BOOT_NPARTS && !rc; p++) {
		const char *pn = mtkfw_bootimg_part_name(p);
		const uint8_t *d = buf + b.part_offset[p];
		uint32_t sz = b.part_size[p];
		uint64_t pl, plen;
		json_t *po;
		char tail[64];

		if (!sz)
			continue;
		po = json_object();
		json_object_set_new(parts, pn, po);
		json_object_set_new(po, "file", json_string(pn));
		nparts++;
		/* An MTK header whose size overruns the part is not trusted: the part stays whole. */
		if (b.part_mtk[p] && b.mtk[p].size <= sz - MTKFW_MTKHDR_SIZE) {
			json_object_set_new(po, "mtk", mtkfwi_pk_mtkhdr_json(&b.mtk[p]));
			rc = mtkfwi_pk_write(dir, pn, d + MTKFW_MTKHDR_SIZE, b.mtk[p].size);
			if (!rc && sz - MTKFW_MTKHDR_SIZE > b.mtk[p].size) {
				snprintf(tail, sizeof(tail), "%s.tail", pn);
				json_object_set_new(po, "tail", json_string(tail));
				rc = mtkfwi_pk_write(dir, tail, d + MTKFW_MTKHDR_SIZE + b.mtk[p].size,
					      sz - MTKFW_MTKHDR_SIZE - b.mtk[p].size);
			}
		} else {
			rc = mtkfwi_pk_write(dir, pn, d, sz);
		}
		/* Padding up to the page: zeros almost always; kept when not. */
		pl = pad_len(sz, b.page_size);
		plen = b.part_offset[p] + sz;
		if (pl && plen < len)
			put_hex_if_nonzero(po, "padding_hex", buf + plen, pl <= len - plen ? pl : len - plen);
	}
	/* An image cut short inside its last padding: remember where it ended. */
	uint64_t padded_end = b.page_size;
	for (int p = 0; p < MTKFW_BOOT_NPARTS; p++)
		if (b.part_size[p])
			padded_end = b.part_offset[p] + b.part_size[p] + pad_len(b.part_size[p], b.page_size);
	if (!rc && padded_end > len)
		json_object_set_new(m, "length", json_integer((json_int_t)len));
	if (!rc && b.end < len) {
		json_object_set_new(m, "tail", json_string("tail"));
		rc = mtkfwi_pk_write(dir, "tail", buf + b.end, len - b.end);
	}
	if (!rc)
		rc = mtkfwi_pk_manifest_save(dir, m);
	json_decref(m);
	if (!rc) {
		rep->kind = MTKFW_IMG_BOOTIMG;
		snprintf(rep->detail, sizeof(rep->detail), "boot image v%u, %d part%s, id %s%s",
			 b.version, nparts, nparts == 1 ? "" : "s", mtkfw_bootimg_idconv_name(b.idconv),
			 b.end < len ? ", trailing data kept" : "");
	}
	return rc;
}

/* Grow-only output buffer. */
struct obuf {
	uint8_t *p;
	size_t len, cap;
};

static int ob_put(struct obuf *o, const void *d, size_t n, uint8_t fill)
{
	if (n > SIZE_MAX - o->len)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "image too large");
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : 1 << 16;
		uint8_t *np;

		while (cap < o->len + n)
			cap *= 2;
		if (!(np = realloc(o->p, cap)))
			return mtkfw_nomem();
		o->p = np;
		o->cap = cap;
	}
	if (d)
		memcpy(o->p + o->len, d, n);
	else
		memset(o->p + o->len, fill, n);
	o->len += n;
	return 0;
}

/*
 * A part file that already starts with an MTK header (a kernel or ramdisk copied from another
 * boot image, header and all) would be wrapped twice: the bootloader would jump into the inner
 * header and the phone would not boot. The inner header goes when it frames the file exactly
 * (returns 1); one that does not frame it is refused, as its payload's end is then a guess.
 */
static int strip_own_header(const char *part, uint8_t **pay, size_t *plen)
{
	struct mtkfw_mtkhdr in;

	if (!mtkfw_mtkhdr_detect(*pay, *plen))
		return 0;
	if (*plen < MTKFW_MTKHDR_SIZE || mtkfw_mtkhdr_parse(&in, *pay, *plen) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: the file starts with an MTK header's magic but is "
				    "shorter than the header: give the bare %s", part, part);
	if (in.size != *plen - MTKFW_MTKHDR_SIZE)
		return mtkfw_seterr(MTKFW_ERR_FORMAT,
				    "%s: the file already starts with an MTK header (%s) for %u bytes where %zu follow: "
				    "give the bare %s (mtkfw mtkhdr --strip); repack wraps it once", part, in.name,
				    in.size, *plen - MTKFW_MTKHDR_SIZE, part);
	memmove(*pay, *pay + MTKFW_MTKHDR_SIZE, *plen - MTKFW_MTKHDR_SIZE);
	*plen -= MTKFW_MTKHDR_SIZE;
	return 1;
}

int mtkfwi_pk_bootimg_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir, const char *file)
{
	uint32_t stripped = 0;
	struct mtkfw_bootimg b;
	uint8_t *data[MTKFW_BOOT_NPARTS] = { 0 };
	const json_t *parts = json_object_get(m, "parts");
	struct obuf out = { 0 };
	const char *s;
	uint32_t v;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	if ((rc = mtkfwi_pk_get_u32(m, "header_version", &v)))
		return rc;
	if (v > 2)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, PK_MANIFEST ": header_version %u (0-2 are handled)", v);
	b.version = v;
	if ((rc = mtkfwi_pk_get_u32(m, "page_size", &b.page_size)) || (rc = mtkfwi_pk_get_u32(m, "kernel_addr", &b.kernel_addr)) ||
	    (rc = mtkfwi_pk_get_u32(m, "ramdisk_addr", &b.ramdisk_addr)) ||
	    (rc = mtkfwi_pk_get_u32(m, "second_addr", &b.second_addr)) || (rc = mtkfwi_pk_get_u32(m, "tags_addr", &b.tags_addr)) ||
	    (rc = mtkfwi_pk_get_u32(m, "os_version", &b.os_version)) ||
	    (rc = mtkfwi_pk_get_textfield(m, "name", b.name, sizeof(b.name))) ||
	    (rc = mtkfwi_pk_get_textfield(m, "cmdline", b.cmdline, sizeof(b.cmdline))) ||
	    (rc = mtkfwi_pk_get_textfield(m, "extra_cmdline", b.extra_cmdline, sizeof(b.extra_cmdline))))
		return rc;
	if (b.page_size < 2048 || b.page_size > (256u << 10) || (b.page_size & (b.page_size - 1)))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": page_size %u is not a power of two from 2048",
				    b.page_size);
	if (b.version >= 1 && ((rc = mtkfwi_pk_get_u64(m, "recovery_dtbo_offset", UINT64_MAX >> 1, &b.recovery_dtbo_offset)) ||
			       (rc = mtkfwi_pk_get_u32(m, "header_size", &b.header_size))))
		return rc;
	if (b.version >= 2 && (rc = mtkfwi_pk_get_u64(m, "dtb_addr", UINT64_MAX >> 1, &b.dtb_addr)))
		return rc;
	if ((rc = mtkfwi_pk_get_str(m, "id_convention", &s)))
		return rc;
	if (!s || mtkfw_bootimg_idconv_parse(s) < 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": id_convention must be one of unknown, sha1, "
				    "sha1-present, sha1-dtslot, zero");
	b.idconv = (mtkfw_bootimg_idconv)mtkfw_bootimg_idconv_parse(s);
	if ((rc = mtkfwi_pk_get_str(m, "id", &s)) || (s && (rc = mtkfwi_pk_unhex(s, b.id, sizeof(b.id), "id"))))
		return rc;
	if (parts && !json_is_object(parts))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": 'parts' must be an object");
	/* Build each part: MTK header (new size) + payload + tail. */
	for (int p = 0; p < MTKFW_BOOT_NPARTS && !rc; p++) {
		const json_t *po = json_object_get(parts, mtkfw_bootimg_part_name(p));
		const json_t *mo;
		uint8_t *pay = NULL, *tail = NULL;
		size_t plen = 0, tlen = 0;
		struct obuf part = { 0 };

		if (!po)
			continue;
		if ((p == MTKFW_BOOT_DT && b.version != 0) || (p == MTKFW_BOOT_RECOVERY_DTBO && b.version < 1) ||
		    (p == MTKFW_BOOT_DTB && b.version < 2)) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": a %s part needs another header_version",
					  mtkfw_bootimg_part_name(p));
			break;
		}
		if ((rc = mtkfwi_pk_get_str(po, "file", &s)))
			break;
		if (!s) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": parts.%s.file is missing",
					  mtkfw_bootimg_part_name(p));
			break;
		}
		if ((rc = mtkfwi_pk_read(dir, s, PK_MEMBER_MAX, &pay, &plen)))
			break;
		if (!(rc = mtkfwi_pk_get_str(po, "tail", &s)) && s)
			rc = mtkfwi_pk_read(dir, s, PK_MEMBER_MAX, &tail, &tlen);
		if (!rc && (mo = json_object_get(po, "mtk"))) {
			struct mtkfw_mtkhdr h;
			uint8_t hb[MTKFW_MTKHDR_SIZE];

			if ((rc = strip_own_header(mtkfw_bootimg_part_name(p), &pay, &plen)) > 0) {
				stripped |= 1u << p;
				rc = 0;
			}
			if (!rc && plen > UINT32_MAX)
				rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: too large for an MTK header", mtkfw_bootimg_part_name(p));
			if (!rc && !(rc = mtkfwi_pk_mtkhdr_from_json(mo, (uint32_t)plen, &h))) {
				mtkfw_mtkhdr_write(&h, hb);
				rc = ob_put(&part, hb, sizeof(hb), 0);
			}
		}
		if (!rc)
			rc = ob_put(&part, pay, plen, 0);
		if (!rc && tlen)
			rc = ob_put(&part, tail, tlen, 0);
		free(pay);
		free(tail);
		if (!rc && part.len > UINT32_MAX)
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: over 4 GiB", mtkfw_bootimg_part_name(p));
		if (rc) {
			free(part.p);
			break;
		}
		data[p] = part.p;
		b.part_size[p] = (uint32_t)part.len;
	}
	if (!rc && !b.part_size[MTKFW_BOOT_KERNEL])
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": a boot image needs a kernel part");
	if (!rc && b.version >= 1 && b.part_size[MTKFW_BOOT_RECOVERY_DTBO]) {
		/* The dtbo's offset is where it lands: after the header page and the padded parts. */
		uint64_t off = b.page_size;
		for (int p = 0; p < MTKFW_BOOT_RECOVERY_DTBO; p++)
			off += b.part_size[p] + pad_len(b.part_size[p], b.page_size);
		b.recovery_dtbo_offset = off;
	}
	if (!rc && b.idconv == MTKFW_ID_UNKNOWN) {
		/* The original id follows no known recipe: kept while the parts are unchanged; once
		 * they change a stale id would lie, so the common recipe (sha1) takes over. */
		const char *was;
		char now[41];

		parts_sha1((const uint8_t *const *)data, b.part_size, now);
		if (!(rc = mtkfwi_pk_get_str(m, "parts_sha1", &was)) && was && strcmp(was, now) != 0)
			b.idconv = MTKFW_ID_SHA1;
	}
	if (!rc && b.idconv != MTKFW_ID_UNKNOWN)
		rc = mtkfw_bootimg_compute_id(b.id, b.idconv, b.version, (const uint8_t *const *)data, b.part_size);
	if (!rc) {
		uint8_t *page = calloc(1, b.page_size);
		size_t hlen = mtkfw_bootimg_header_len(b.version);

		if (!page)
			rc = mtkfw_nomem();
		if (!rc) {
			mtkfw_bootimg_write_header(page, &b);
			if (!(rc = mtkfwi_pk_get_str(m, "header_padding_hex", &s)) && s)
				rc = mtkfwi_pk_unhex(s, page + hlen, b.page_size - hlen, "header_padding_hex");
		}
		if (!rc)
			rc = ob_put(&out, page, b.page_size, 0);
		free(page);
	}
	for (int p = 0; p < MTKFW_BOOT_NPARTS && !rc; p++) {
		const json_t *po = json_object_get(parts, mtkfw_bootimg_part_name(p));
		uint64_t pl = pad_len(b.part_size[p], b.page_size);

		if (!b.part_size[p])
			continue;
		rc = ob_put(&out, data[p], b.part_size[p], 0);
		if (!rc && pl) {
			size_t at = out.len;

			rc = ob_put(&out, NULL, pl, 0);
			/* A non-zero padding is restored only while it still fits exactly. */
			if (!rc && !(rc = mtkfwi_pk_get_str(po, "padding_hex", &s)) && s && strlen(s) == 2 * pl)
				rc = mtkfwi_pk_unhex(s, out.p + at, pl, "padding_hex");
		}
	}
	if (!rc && json_object_get(m, "length")) {
		uint64_t l;

		if (!(rc = mtkfwi_pk_get_u64(m, "length", out.len, &l)))
			out.len = (size_t)l;
	}
	if (!rc && !(rc = mtkfwi_pk_get_str(m, "tail", &s)) && s) {
		uint8_t *t;
		size_t tl;

		if (!(rc = mtkfwi_pk_read(dir, s, PK_MEMBER_MAX, &t, &tl))) {
			/* The tail of an image cut short (last part unpadded) replaces the padding. */
			rc = ob_put(&out, t, tl, 0);
			free(t);
		}
	}
	if (!rc)
		rc = mtkfw_write_file_atomic(file, out.p, out.len);
	for (int p = 0; p < MTKFW_BOOT_NPARTS; p++)
		free(data[p]);
	free(out.p);
	if (!rc) {
		rep->kind = MTKFW_IMG_BOOTIMG;
		int n = snprintf(rep->detail, sizeof(rep->detail), "boot image v%u, %zu bytes, id %s", b.version,
				 out.len, mtkfw_bootimg_idconv_name(b.idconv));

		rep->mtk_stripped = stripped;
		for (int p = 0; p < MTKFW_BOOT_NPARTS && n > 0 && (size_t)n < sizeof(rep->detail); p++)
			if (stripped & (1u << p))
				n += snprintf(rep->detail + n, sizeof(rep->detail) - (size_t)n,
					      "; the %s file had its own MTK header: stripped, wrapped once",
					      mtkfw_bootimg_part_name(p));
	}
	return rc;
}
