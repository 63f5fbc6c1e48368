/*
 * The MT6572 preloader as it appears in firmware and on phones (anchors-formats.md §B.7):
 *  - a raw preloader_*.bin starts with GFH records, FILE_INFO first;
 *  - the eMMC boot1 area has EMMC_BOOT (0x000) and BRLYT (0x200) headers, the GFH at 0x800;
 *  - technicians and mtkclient also keep the EMI block alone.
 * The EMI block sits just before the signature: its last u32 is its own length.
 */
#include "core/bytes.h"
#include "core/fields.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>

#define GFH_MAGIC "MMM"
#define GFH_FILE_INFO_SIZE 0x38u
#define BOOT1_HDR_SIZE 0x800u

/* GFH_FILE_INFO: the common 8-byte GFH header, the id "FILE_INFO", then the fields. */
static const struct mtkfw_field gfh_file_info[] = {
	{ "magic", 0x00, 3, MTKFW_F_BYTES },  { "gfh_version", 0x03, 1, MTKFW_F_LE },
	{ "size", 0x04, 2, MTKFW_F_LE },      { "gfh_type", 0x06, 2, MTKFW_F_LE },
	{ "id", 0x08, 12, MTKFW_F_BYTES },    { "file_ver", 0x14, 4, MTKFW_F_LE },
	{ "file_type", 0x18, 2, MTKFW_F_LE }, { "flash_dev", 0x1A, 1, MTKFW_F_LE },
	{ "sig_type", 0x1B, 1, MTKFW_F_LE },  { "load_addr", 0x1C, 4, MTKFW_F_LE },
	{ "file_len", 0x20, 4, MTKFW_F_LE },  { "max_size", 0x24, 4, MTKFW_F_LE },
	{ "content_offset", 0x28, 4, MTKFW_F_LE }, { "sig_len", 0x2C, 4, MTKFW_F_LE },
	{ "jump_offset", 0x30, 4, MTKFW_F_LE }, { "attr", 0x34, 4, MTKFW_F_LE },
};
#define GFH(name) mtkfw_field_find(gfh_file_info, sizeof(gfh_file_info) / sizeof(gfh_file_info[0]), name)

/* EMMC_BOOT (gen_boot_header) at 0 and BRLYT (brom_layout_header) at 0x200. */
static const struct mtkfw_field boot1_fields[] = {
	{ "boot_name", 0x000, 12, MTKFW_F_BYTES }, { "boot_version", 0x00C, 4, MTKFW_F_LE },
	{ "boot_size", 0x010, 4, MTKFW_F_LE },     { "name", 0x200, 8, MTKFW_F_BYTES },
	{ "version", 0x208, 4, MTKFW_F_LE },       { "header_size", 0x20C, 4, MTKFW_F_LE },
	{ "total_size", 0x210, 4, MTKFW_F_LE },    { "magic", 0x214, 4, MTKFW_F_BYTES },
	{ "type", 0x218, 4, MTKFW_F_LE },          { "header_size_2", 0x21C, 4, MTKFW_F_LE },
	{ "total_size_2", 0x220, 4, MTKFW_F_LE },  { "unused", 0x224, 4, MTKFW_F_LE },
};
#define B1(name) mtkfw_field_find(boot1_fields, sizeof(boot1_fields) / sizeof(boot1_fields[0]), name)

int mtkfw_boot1_header_parse(struct mtkfw_boot1_header *out, const uint8_t *buf, size_t len, const char *name)
{
	memset(out, 0, sizeof(*out));
	if (len < 12 || memcmp(buf, "EMMC_BOOT\0\0\0", 12) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no EMMC_BOOT header", name);
	if (len < 0x228)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: boot1 header ends at %zu bytes", name, len);
	if (memcmp(buf + 0x200, "BRLYT\0\0\0", 8) != 0 || memcmp(buf + 0x214, "BBBB", 4) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no BRLYT layout header at 0x200", name);
	out->boot_version = (uint32_t)mtkfw_field_get(B1("boot_version"), buf);
	out->boot_size = (uint32_t)mtkfw_field_get(B1("boot_size"), buf);
	out->version = (uint32_t)mtkfw_field_get(B1("version"), buf);
	out->header_size = (uint32_t)mtkfw_field_get(B1("header_size"), buf);
	out->total_size = (uint32_t)mtkfw_field_get(B1("total_size"), buf);
	out->type = (uint32_t)mtkfw_field_get(B1("type"), buf);
	out->unused = (uint32_t)mtkfw_field_get(B1("unused"), buf);
	if (out->header_size < 0x228 || out->header_size > out->total_size)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: BRLYT header_size 0x%X / total_size 0x%X make no sense",
				    name, out->header_size, out->total_size);
	return 0;
}

/*
 * The padding pattern is what real boot1 areas hold (Mobiwire S10 MT6572, X5511B MT6737):
 * 0xFF after EMMC_BOOT, BRLYT then zeros to 0x2B4, 0xFF to 0x400, zeros to the preloader.
 */
int mtkfw_boot1_header_write(uint8_t *out, size_t len, const struct mtkfw_boot1_header *h)
{
	if (len < BOOT1_HDR_SIZE || h->header_size != BOOT1_HDR_SIZE)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "boot1 header: needs header_size 0x800 and 2048 bytes");
	memset(out, 0, BOOT1_HDR_SIZE);
	memset(out, 0xFF, 0x200);
	memset(out + 0x2B4, 0xFF, 0x400 - 0x2B4);
	memcpy(out, "EMMC_BOOT\0\0\0", 12);
	mtkfw_field_put(B1("boot_version"), out, h->boot_version);
	mtkfw_field_put(B1("boot_size"), out, h->boot_size);
	memcpy(out + 0x200, "BRLYT\0\0\0", 8);
	mtkfw_field_put(B1("version"), out, h->version);
	mtkfw_field_put(B1("header_size"), out, h->header_size);
	mtkfw_field_put(B1("total_size"), out, h->total_size);
	memcpy(out + 0x214, "BBBB", 4);
	mtkfw_field_put(B1("type"), out, h->type);
	mtkfw_field_put(B1("header_size_2"), out, h->header_size);
	mtkfw_field_put(B1("total_size_2"), out, h->total_size);
	mtkfw_field_put(B1("unused"), out, h->unused);
	return 0;
}

static int parse_file_info(struct mtkfw_gfh_file_info *fi, const uint8_t *p, size_t len, const char *name)
{
	if (len < GFH_FILE_INFO_SIZE)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: GFH FILE_INFO needs %u bytes, has %zu", name,
				    GFH_FILE_INFO_SIZE, len);
	if (memcmp(p, GFH_MAGIC, 3) != 0 || mtkfw_field_get(GFH("gfh_type"), p) != 0 ||
	    memcmp(p + 8, "FILE_INFO", 10) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no GFH FILE_INFO record", name);
	if (mtkfw_field_get(GFH("size"), p) < GFH_FILE_INFO_SIZE)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: GFH FILE_INFO size %u is too small", name,
				    (unsigned)mtkfw_field_get(GFH("size"), p));
	fi->file_ver = (uint32_t)mtkfw_field_get(GFH("file_ver"), p);
	fi->file_type = (uint16_t)mtkfw_field_get(GFH("file_type"), p);
	fi->flash_dev = (uint8_t)mtkfw_field_get(GFH("flash_dev"), p);
	fi->sig_type = (uint8_t)mtkfw_field_get(GFH("sig_type"), p);
	fi->load_addr = (uint32_t)mtkfw_field_get(GFH("load_addr"), p);
	fi->file_len = (uint32_t)mtkfw_field_get(GFH("file_len"), p);
	fi->max_size = (uint32_t)mtkfw_field_get(GFH("max_size"), p);
	fi->content_offset = (uint32_t)mtkfw_field_get(GFH("content_offset"), p);
	fi->sig_len = (uint32_t)mtkfw_field_get(GFH("sig_len"), p);
	fi->jump_offset = (uint32_t)mtkfw_field_get(GFH("jump_offset"), p);
	fi->attr = (uint32_t)mtkfw_field_get(GFH("attr"), p);
	return 0;
}

/* Find the EMI block: by the length word before the signature (how the block is appended),
 * else by searching for its magic (some builds pad differently). */
static int find_emi(const uint8_t *img, size_t len, const struct mtkfw_gfh_file_info *fi, size_t *off)
{
	static const char magic[] = "MTK_BLOADER_INFO_v";
	uint64_t end = fi->file_len;

	if (end <= len && fi->sig_len + 4ull <= end) {
		uint64_t lw = end - fi->sig_len - 4;
		uint32_t l = rd_le32(img + lw);

		if (l >= 0x70 && l <= lw && memcmp(img + lw - l, magic, sizeof(magic) - 1) == 0) {
			*off = (size_t)(lw - l);
			return 0;
		}
	}
	for (size_t i = 0; len >= sizeof(magic) && i <= len - sizeof(magic); i++) {
		if (img[i] == 'M' && memcmp(img + i, magic, sizeof(magic) - 1) == 0) {
			*off = i;
			return 0;
		}
	}
	return MTKFW_ERR_NOTFOUND;
}

int mtkfw_preloader_parse(struct mtkfw_preloader *out, const uint8_t *buf, size_t len, const char *name)
{
	struct mtkfw_preloader pl = { 0 };
	const uint8_t *img;
	size_t ilen, eoff, elen;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "preloader";
	if (len >= 18 && memcmp(buf, "MTK_BLOADER_INFO_v", 18) == 0) {
		pl.kind = MTKFW_PRELOADER_EMI;
		rc = mtkfw_emi_parse(&pl.emi, buf, len, name);
		if (rc)
			return rc;
		pl.has_emi = true;
		*out = pl;
		return 0;
	}
	if (len >= 12 && memcmp(buf, "EMMC_BOOT", 9) == 0) {
		pl.kind = MTKFW_PRELOADER_BOOT1;
		rc = mtkfw_boot1_header_parse(&pl.boot1, buf, len, name);
		if (rc)
			return rc;
		pl.gfh_offset = pl.boot1.header_size;
	} else if (len < 3 || memcmp(buf, GFH_MAGIC, 3) != 0) {
		return mtkfw_seterr(MTKFW_ERR_FORMAT,
				    "%s: not a preloader (no GFH, EMMC_BOOT or MTK_BLOADER_INFO at the start)", name);
	}
	if (pl.gfh_offset >= len)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: ends before the preloader at 0x%llX", name,
				    (unsigned long long)pl.gfh_offset);
	img = buf + pl.gfh_offset;
	ilen = len - (size_t)pl.gfh_offset;
	rc = parse_file_info(&pl.file_info, img, ilen, name);
	if (rc)
		return rc;
	/* A readback holds the whole boot area; the preloader itself is file_len bytes of it. */
	if (pl.file_info.file_len > ilen)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: GFH says the preloader has %u bytes, only %zu present",
				    name, pl.file_info.file_len, ilen);
	if (pl.file_info.file_len >= GFH_FILE_INFO_SIZE)
		ilen = pl.file_info.file_len;
	if (find_emi(img, ilen, &pl.file_info, &eoff) == 0) {
		elen = ilen - eoff;
		/* Inside a preloader the length word ends the block; cut there so parse sees it. */
		if (pl.file_info.sig_len + 4ull <= ilen && ilen - pl.file_info.sig_len > eoff)
			elen = ilen - pl.file_info.sig_len - eoff;
		rc = mtkfw_emi_parse(&pl.emi, img + eoff, elen, name);
		if (rc == MTKFW_ERR_FORMAT && (elen < 0x6C || memcmp(img + eoff + 0x64, "MTK_BIN", 8) != 0)) {
			/* No MTK_BIN marker: a blank template the build never filled (a public MT8173
			 * EVB preloader has one, its NULs turned to spaces). The preloader stands. */
			rc = 0;
			pl.emi_blank = true;
			pl.emi_offset = pl.gfh_offset + eoff;
			mtkfw_error_clear();
		} else if (rc) {
			return rc;
		} else {
			pl.has_emi = true;
			pl.emi_offset = pl.gfh_offset + eoff;
		}
	}
	*out = pl;
	return 0;
}

void mtkfw_preloader_clear(struct mtkfw_preloader *pl)
{
	if (!pl)
		return;
	mtkfw_emi_clear(&pl->emi);
	memset(pl, 0, sizeof(*pl));
}

int mtkfw_boot1_wrap(uint8_t **out, size_t *len, const uint8_t *pl, size_t pl_len, uint32_t total_size)
{
	struct mtkfw_gfh_file_info fi = { 0 };
	struct mtkfw_boot1_header h = { 1, 0x200, 1, BOOT1_HDR_SIZE, 0, 0x10005, 1 };
	uint64_t rounded, total;
	uint8_t *b;
	int rc;

	*out = NULL;
	*len = 0;
	rc = parse_file_info(&fi, pl, pl_len, "preloader");
	if (rc)
		return rc;
	if (!align_up_ok(pl_len, 512, &rounded) || rounded > UINT32_MAX - BOOT1_HDR_SIZE)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "preloader: %zu bytes is too large for boot1", pl_len);
	total = total_size;
	if (!total) {
		total = BOOT1_HDR_SIZE + (uint64_t)fi.max_size;
		if (total < BOOT1_HDR_SIZE + rounded)
			total = BOOT1_HDR_SIZE + rounded;
	}
	if (total < BOOT1_HDR_SIZE + (uint64_t)pl_len || total > (64u << 20))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "boot1: total size 0x%llX does not fit a %zu-byte preloader",
				    (unsigned long long)total, pl_len);
	h.total_size = (uint32_t)total;
	b = mtkfw_calloc(1, (size_t)total);
	if (!b)
		return MTKFW_ERR_NOMEM;
	mtkfw_boot1_header_write(b, (size_t)total, &h);
	memcpy(b + BOOT1_HDR_SIZE, pl, pl_len);
	*out = b;
	*len = (size_t)total;
	return 0;
}

int mtkfw_preloader_synth(uint8_t **out, size_t *len, const struct mtkfw_emi *emi)
{
	/* Sizes of a real MT6572 preloader's records: code at 0x300, SRAM load address, a 0x124-byte
	 * signature area, max 128 KiB. The code area is small zeros: this image never runs. */
	enum { CONTENT = 0x300, CODE = 0x400, SIG = 0x124 };
	uint8_t *blk = NULL, *b;
	size_t blen = 0, n;
	struct mtkfw_emi copy = *emi;
	int rc;

	*out = NULL;
	*len = 0;
	copy.has_length = true;
	rc = mtkfw_emi_build(&blk, &blen, &copy);
	if (rc)
		return rc;
	n = CONTENT + CODE + blen + SIG;
	b = mtkfw_calloc(1, n);
	if (!b) {
		free(blk);
		return MTKFW_ERR_NOMEM;
	}
	memcpy(b, GFH_MAGIC, 3);
	mtkfw_field_put(GFH("gfh_version"), b, 1);
	mtkfw_field_put(GFH("size"), b, GFH_FILE_INFO_SIZE);
	mtkfw_field_put(GFH("gfh_type"), b, 0);
	memcpy(b + 8, "FILE_INFO", 9);
	mtkfw_field_put(GFH("file_ver"), b, 1);
	mtkfw_field_put(GFH("file_type"), b, 1);  /* ARM_BL */
	mtkfw_field_put(GFH("flash_dev"), b, 5);  /* eMMC boot region */
	mtkfw_field_put(GFH("sig_type"), b, 1);   /* SIG_PHASH: a plain hash area, no key */
	mtkfw_field_put(GFH("load_addr"), b, 0x02007200);
	mtkfw_field_put(GFH("file_len"), b, n);
	mtkfw_field_put(GFH("max_size"), b, 0x20000);
	mtkfw_field_put(GFH("content_offset"), b, CONTENT);
	mtkfw_field_put(GFH("sig_len"), b, SIG);
	mtkfw_field_put(GFH("jump_offset"), b, CONTENT);
	mtkfw_field_put(GFH("attr"), b, 1);
	/* GFH_BL_INFO (type 1), as the real images carry right after FILE_INFO. */
	memcpy(b + 0x38, GFH_MAGIC, 3);
	b[0x3B] = 1;
	wr_le16(b + 0x3C, 0x0C);
	wr_le16(b + 0x3E, 1);
	wr_le32(b + 0x40, 1);
	memcpy(b + CONTENT + CODE, blk, blen);
	free(blk);
	if (n > 0x20000) {
		free(b);
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "synthetic preloader: %zu bytes exceeds 128 KiB", n);
	}
	*out = b;
	*len = n;
	return 0;
}
