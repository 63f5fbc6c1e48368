/*
 * `mtkfw info`: a const table of {probes, type, reader} tried in a fixed order. The shared
 * content probes (firmware/probe.h) say which formats the first bytes (`head`) may be; each
 * reader then parses (reading more through mtkfwi_probe_whole, bounded only when it must), may still
 * decline, and fills the typed fields of the report. Formats owned by other modules are recognised here by magic and
 * structure with basic fields; when those modules land, their probes call into them.
 */
#include <mtkfw/da.h>
#include <mtkfw/firmware.h>
#include <mtkfw/identify.h>
#include <mtkfw/image.h>
#include <mtkfw/layout.h>
#include <mtkfw/modem.h>
#include <mtkfw/sparse.h>

#include "analysis/identify_internal.h"
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "firmware/probe.h"
#include "layout/layout_internal.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

/* Whole-file reads for probes that need them (boot images, logos, ramdisks, text). */
#define WHOLE_MAX (256u << 20)

static void add_mtkhdr(struct mtkfw_info *o, const struct mtkfw_mtkhdr *h, const char *prefix)
{
	(void)prefix;
	mtkfwi_info_str(o, "mtk_name", "%s", h->name);
	mtkfwi_info_int(o, "mtk_size", h->size);
	mtkfwi_info_addr(o, "mtk_addr", h->addr);
	mtkfwi_info_addr(o, "mtk_mode", h->mode);
}

/* ---- probes: return 1 when recognised, 0 when not, negative on a real error -------------- */

static int probe_bootimg(struct mtkfw_info *o, struct probe_in *in)
{
	struct mtkfw_bootimg b;
	static const char *const size_keys[MTKFW_BOOT_NPARTS] = {
		"kernel_size", "ramdisk_size", "second_size", "dt_size", "recovery_dtbo_size", "dtb_size",
	};
	static const char *const mtk_keys[MTKFW_BOOT_NPARTS] = {
		"kernel_mtk_name", "ramdisk_mtk_name", "second_mtk_name", "dt_mtk_name", "recovery_dtbo_mtk_name",
		"dtb_mtk_name",
	};
	char id[41];
	int rc;

	bool header_only = false;

	if ((rc = mtkfwi_probe_whole(in, WHOLE_MAX)))
		return rc;
	if ((rc = mtkfw_bootimg_parse(&b, in->whole, in->whole_len)) == MTKFW_ERR_TRUNCATED &&
	    mtkfw_bootimg_parse_header(&b, in->whole, in->whole_len) == 0) {
		/* A header dump (image.hdr) or a cut image: still say what the header holds. */
		header_only = true;
		rc = 0;
	}
	if (rc)
		return rc;
	mtkfwi_info_int(o, "header_version", b.version);
	mtkfwi_info_int(o, "page_size", b.page_size);
	for (int p = 0; p < MTKFW_BOOT_NPARTS; p++) {
		if (p >= MTKFW_BOOT_DT && !b.part_size[p])
			continue;
		mtkfwi_info_int(o, size_keys[p], b.part_size[p]);
		if (b.part_mtk[p])
			mtkfwi_info_str(o, mtk_keys[p], "%s", b.mtk[p].name);
	}
	mtkfwi_info_addr(o, "kernel_addr", b.kernel_addr);
	mtkfwi_info_addr(o, "ramdisk_addr", b.ramdisk_addr);
	mtkfwi_info_addr(o, "second_addr", b.second_addr);
	mtkfwi_info_addr(o, "tags_addr", b.tags_addr);
	mtkfwi_info_int(o, "os_version", b.os_version);
	mtkfwi_info_text(o, "name", b.name, sizeof(b.name));
	mtkfwi_info_text(o, "cmdline", b.cmdline, sizeof(b.cmdline));
	for (int i = 0; i < 20; i++)
		sprintf(id + 2 * i, "%02x", b.id[i]);
	mtkfwi_info_str(o, "id", "%s", id);
	mtkfwi_info_str(o, "id_convention", "%s", mtkfw_bootimg_idconv_name(b.idconv));
	mtkfwi_info_bool(o, "parts_present", !header_only);
	if (header_only) {
		mtkfwi_info_int(o, "missing_bytes", b.end > b.file_size ? b.end - b.file_size : 0);
		mtkfwi_info_describe(o, "Android boot image v%u header only (parts absent: %llu of %llu bytes present)",
			 b.version, (unsigned long long)b.file_size, (unsigned long long)b.end);
		return 1;
	}
	mtkfwi_info_int(o, "trailing_bytes", b.file_size - b.end);
	{
		bool doubled = false;

		for (int p = 0; p < MTKFW_BOOT_NPARTS; p++)
			doubled = doubled || b.part_mtk_doubled[p];
		mtkfwi_info_bool(o, "mtk_header_doubled", doubled);
	}
	mtkfwi_info_describe(o, "Android boot image v%u, page %u, kernel %u bytes%s, ramdisk %u bytes%s%s%s%s", b.version,
		 b.page_size, b.part_size[0],
		 b.part_mtk_doubled[0] ? " (MTK header TWICE: does not boot)" : b.part_mtk[0] ? " (MTK header)" : "",
		 b.part_size[1], b.part_mtk[1] ? " (MTK header " : "", b.part_mtk[1] ? b.mtk[1].name : "",
		 b.part_mtk_doubled[1] ? " TWICE: does not boot" : "", b.part_mtk[1] ? ")" : "");
	return 1;
}

static int probe_logo(struct mtkfw_info *o, struct probe_in *in)
{
	struct mtkfw_mtkhdr h;
	struct mtkfw_logo l;
	int rc;

	if (mtkfw_mtkhdr_parse(&h, in->head, in->head_len))
		return 0;
	if (strcasecmp(h.name, "LOGO") != 0)
		return 0;
	if ((rc = mtkfwi_probe_whole(in, WHOLE_MAX)) || (rc = mtkfw_logo_parse(&l, in->whole, in->whole_len)))
		return rc;
	if ((rc = mtkfw_logo_analyse(&l, in->whole, in->whole_len, 0, 0))) {
		mtkfw_logo_clear(&l);
		return rc;
	}
	add_mtkhdr(o, &l.hdr, "");
	mtkfwi_info_int(o, "count", l.count);
	mtkfwi_info_int(o, "body_size", l.total);
	mtkfwi_info_str(o, "pixel_format", "%s", mtkfw_pixfmt_name(l.pixfmt));
	mtkfwi_info_int(o, "width", l.width);
	mtkfwi_info_int(o, "height", l.height);
	mtkfwi_info_int(o, "padding_bytes", l.file_size - MTKFW_MTKHDR_SIZE - l.total);
	if (l.width)
		mtkfwi_info_describe(o, "MediaTek logo, %u %s, %ux%u %s%s", l.count, mtkfw_plural(l.count, "image", "images"),
				     l.width, l.height, mtkfw_pixfmt_name(l.pixfmt),
				     l.file_size > MTKFW_MTKHDR_SIZE + l.total ? ", padded" : "");
	else
		mtkfwi_info_describe(o, "MediaTek logo, %u %s, resolution unknown", l.count,
				     mtkfw_plural(l.count, "image", "images"));
	mtkfw_logo_clear(&l);
	return 1;
}

/*
 * Images of later chips (scp, sspm, spmfw, signed lk) are several MTK-header parts in a row,
 * each starting at the next 16-byte boundary: the code, then "cert1" and "cert2". Their names
 * go in "parts" so that the bytes after the first payload are not just "trailing".
 */
static void chained_parts(struct mtkfw_info *o, const uint8_t *b, size_t n, const struct mtkfw_mtkhdr *first,
			  size_t *more)
{
	char list[512];
	size_t at = 0, used, count = 1;
	struct mtkfw_mtkhdr h = *first;

	*more = 0;
	used = (size_t)snprintf(list, sizeof(list), "%s", h.name);
	for (;;) {
		uint64_t next = ((uint64_t)at + MTKFW_MTKHDR_SIZE + h.size + 15) & ~(uint64_t)15;

		if (next >= n || count >= 64 || mtkfw_mtkhdr_parse(&h, b + next, n - (size_t)next))
			break;
		at = (size_t)next;
		count++;
		if (used < sizeof(list))
			used += (size_t)snprintf(list + used, sizeof(list) - used, ",%s", h.name);
	}
	mtkfw_error_clear();
	if (count > 1) {
		*more = count - 1;
		mtkfwi_info_int(o, "part_count", count);
		mtkfwi_info_str(o, "parts", "%s", list);
	}
}

static int probe_mtkhdr(struct mtkfw_info *o, struct probe_in *in)
{
	struct mtkfw_mtkhdr h;
	size_t more = 0;
	bool lk;

	if (mtkfw_mtkhdr_parse(&h, in->head, in->head_len))
		return 0;
	lk = !strcasecmp(h.name, "LK") || !strcasecmp(h.name, "UBOOT");
	o->type = lk ? "lk" : "mtkhdr";
	add_mtkhdr(o, &h, "");
	mtkfwi_info_int(o, "payload_size", h.size);
	mtkfwi_info_int(o, "trailing_bytes", in->size >= MTKFW_MTKHDR_SIZE + (uint64_t)h.size ?
		in->size - MTKFW_MTKHDR_SIZE - h.size : 0);
	mtkfwi_info_bool(o, "truncated", in->size < MTKFW_MTKHDR_SIZE + (uint64_t)h.size);
	if (in->size > MTKFW_MTKHDR_SIZE + (uint64_t)h.size && mtkfwi_probe_whole(in, 64u << 20) == 0)
		chained_parts(o, in->whole, in->whole_len, &h, &more);
	if (lk && mtkfwi_probe_whole(in, 64u << 20) == 0) {
		struct mtkfw_names lcm;

		/* The panel drivers lk carries: what decides a black screen on another board. */
		if (mtkfw_lk_lcm(&lcm, in->whole, in->whole_len, in->path) == 0) {
			size_t n = 0;
			char *list;

			for (size_t i = 0; i < lcm.count; i++)
				n += strlen(lcm.names[i]) + 1;
			if ((list = calloc(1, n + 1))) {
				for (size_t i = 0; i < lcm.count; i++) {
					if (i)
						strcat(list, ",");
					strcat(list, lcm.names[i]);
				}
				mtkfwi_info_str(o, "lcm_drivers", "%s", list);
				free(list);
			}
			mtkfw_names_clear(&lcm);
		}
		mtkfw_error_clear();
	}
	if (more)
		mtkfwi_info_describe(o, "%s with a MediaTek header '%s', %u payload bytes, then %zu more MTK-header part%s",
			 lk ? "lk bootloader" : "image", h.name, h.size, more, more == 1 ? "" : "s");
	else
		mtkfwi_info_describe(o, "%s with a MediaTek header '%s', %u payload bytes", lk ? "lk bootloader" : "image", h.name,
			 h.size);
	return 1;
}

static int probe_sparse(struct mtkfw_info *o, struct probe_in *in)
{
	const mtkfw_sparse_header *h;
	mtkfw_sparse *sp;
	int rc;

	/* The sparse module walks the chunk table: a broken one is an error, not "data". */
	if ((rc = mtkfw_sparse_open_headers(&sp, in->path)))
		return rc;
	h = mtkfw_sparse_get_header(sp);
	mtkfwi_info_int(o, "major_version", h->major);
	mtkfwi_info_int(o, "minor_version", h->minor);
	mtkfwi_info_int(o, "block_size", h->blk_sz);
	mtkfwi_info_int(o, "total_blocks", h->total_blks);
	mtkfwi_info_int(o, "total_chunks", mtkfw_sparse_chunk_count(sp));
	mtkfwi_info_int(o, "raw_size", mtkfw_sparse_raw_size(sp));
	mtkfwi_info_bool(o, "has_checksum", h->image_checksum != 0);
	mtkfwi_info_describe(o, "Android sparse image v%u.%u, %zu chunks, %llu bytes when expanded", h->major, h->minor,
		 mtkfw_sparse_chunk_count(sp), (unsigned long long)mtkfw_sparse_raw_size(sp));
	mtkfw_sparse_free(sp);
	return 1;
}

static int probe_ext4(struct mtkfw_info *o, struct probe_in *in)
{
	const uint8_t *sb = in->head + 1024;
	uint32_t bs;
	char uuid[37];
	const uint8_t *u;

	if (in->head_len < 2048) /* the fields below reach to 1024 + 0xC8 */
		return 0;
	bs = rd_le32(sb + 0x18) < 7 ? 1024u << rd_le32(sb + 0x18) : 0;
	u = sb + 0x68;
	snprintf(uuid, sizeof(uuid), "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0],
		 u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	mtkfwi_info_int(o, "block_size", bs);
	mtkfwi_info_int(o, "blocks", rd_le32(sb + 0x04));
	mtkfwi_info_int(o, "size", (uint64_t)bs * rd_le32(sb + 0x04));
	mtkfwi_info_text(o, "volume_name", sb + 0x78, 16);
	mtkfwi_info_text(o, "last_mounted", sb + 0x88, 64);
	mtkfwi_info_str(o, "uuid", "%s", uuid);
	mtkfwi_info_bool(o, "has_journal", rd_le32(sb + 0x5C) & 4);
	mtkfwi_info_bool(o, "extents", rd_le32(sb + 0x60) & 0x40);
	mtkfwi_info_describe(o, "ext%s file system, %llu bytes, last mounted on '%.64s'",
		 rd_le32(sb + 0x60) & 0x40 ? "4" : rd_le32(sb + 0x5C) & 4 ? "3" : "2",
		 (unsigned long long)bs * rd_le32(sb + 0x04), o->fields[4].str ? o->fields[4].str : "");
	return 1;
}

static int probe_ramdisk(struct mtkfw_info *o, struct probe_in *in)
{
	struct mtkfw_ramdisk rd;
	int comp = mtkfw_ramdisk_detect(in->head, in->head_len), rc;

	if ((rc = mtkfwi_probe_whole(in, WHOLE_MAX)))
		return rc;
	if ((rc = mtkfw_ramdisk_list(&rd, in->whole, in->whole_len)) != 0) {
		/* A broken bare cpio, a bomb or a cut stream is an error; a sound stream that
		 * holds no cpio is that compression's data. */
		if (comp == MTKFW_COMP_NONE || rc != MTKFW_ERR_FORMAT)
			return rc;
		mtkfw_error_clear();
		o->type = comp == MTKFW_COMP_GZIP ? "gzip" : comp == MTKFW_COMP_LZ4 ? "lz4" : comp == MTKFW_COMP_XZ ? "xz"
			 : comp == MTKFW_COMP_LZMA ? "lzma" : "cpio";
		mtkfwi_info_str(o, "compression", "%s", mtkfw_compression_name((mtkfw_compression)comp));
		mtkfwi_info_describe(o, "%s data (not a cpio archive)", o->type);
		return 1;
	}
	mtkfwi_info_str(o, "compression", "%s", mtkfw_compression_name(rd.comp));
	mtkfwi_info_int(o, "members", rd.count);
	mtkfwi_info_int(o, "unpacked_size", rd.unpacked);
	/* Whether zlib remakes the gzip bytes: only then can a repack give back the same file. */
	if (rd.comp == MTKFW_COMP_GZIP) {
		if (rd.gzip.level)
			mtkfwi_info_str(o, "compressor", "zlib level %d", rd.gzip.level);
		else
			mtkfwi_info_str(o, "compressor", "not zlib (a repack keeps the cpio, not these gzip bytes)");
	}
	for (size_t i = 0; i < rd.count; i++)
		if (!strcmp(rd.entries[i].path, "sbin/recovery") || !strcmp(rd.entries[i].path, "etc/recovery.fstab")) {
			mtkfwi_info_bool(o, "recovery", true);
			break;
		}
	mtkfwi_info_describe(o, "ramdisk: %s cpio (newc), %zu members, %llu bytes unpacked", mtkfw_compression_name(rd.comp),
		 rd.count, (unsigned long long)rd.unpacked);
	mtkfw_ramdisk_clear(&rd);
	return 1;
}

static int probe_preloader(struct mtkfw_info *o, struct probe_in *in)
{
	struct mtkfw_preloader pl;
	int rc;

	/* Preloaders are small (boot1 readbacks a few MiB); the firmware module parses them. */
	if ((rc = mtkfwi_probe_whole(in, 64u << 20)) || (rc = mtkfw_preloader_parse(&pl, in->whole, in->whole_len, in->path)))
		return rc;
	if (pl.kind == MTKFW_PRELOADER_EMI) {
		o->type = "emi";
		mtkfwi_info_str(o, "version", "%s", pl.emi.version);
		mtkfwi_info_int(o, "entries", pl.emi.count);
		mtkfwi_info_describe(o, "MediaTek EMI table block MTK_BLOADER_INFO_%s, %u %s", pl.emi.version, pl.emi.count,
			 mtkfw_plural(pl.emi.count, "entry", "entries"));
		mtkfw_preloader_clear(&pl);
		return 1;
	}
	mtkfwi_info_str(o, "header", pl.kind == MTKFW_PRELOADER_BOOT1 ? "EMMC_BOOT" : "GFH");
	mtkfwi_info_bool(o, "boot_area_readback", pl.kind == MTKFW_PRELOADER_BOOT1);
	mtkfwi_info_int(o, "gfh_offset", pl.gfh_offset);
	mtkfwi_info_int(o, "file_length", pl.file_info.file_len);
	mtkfwi_info_addr(o, "load_addr", pl.file_info.load_addr);
	mtkfwi_info_int(o, "flash_dev", pl.file_info.flash_dev);
	mtkfwi_info_bool(o, "has_emi", pl.has_emi);
	if (pl.emi_blank)
		mtkfwi_info_bool(o, "emi_blank", true);
	if (pl.has_emi) {
		mtkfwi_info_str(o, "emi_version", "%s", pl.emi.version);
		mtkfwi_info_int(o, "emi_entries", pl.emi.count);
		if (pl.emi.file_name[0])
			mtkfwi_info_str(o, "project_file", "%s", pl.emi.file_name);
	}
	mtkfwi_info_describe(o, "MediaTek preloader (%s), %u bytes, %s%u EMI entries",
		 pl.kind == MTKFW_PRELOADER_BOOT1 ? "boot1 readback with EMMC_BOOT/BRLYT" : "GFH",
		 pl.file_info.file_len, pl.has_emi ? "" : pl.emi_blank ? "blank EMI template, " : "no EMI table, ",
		 pl.has_emi ? pl.emi.count : 0);
	mtkfw_preloader_clear(&pl);
	return 1;
}

static int probe_da(struct mtkfw_info *o, struct probe_in *in)
{
	struct mtkfw_da_file *da;
	char chips[512];
	size_t n = 0;
	int rc;

	/* The device module owns the DA format; a DA it cannot read is an error here. */
	if ((rc = mtkfw_da_file_load(&da, in->path)))
		return rc;
	mtkfwi_info_str(o, "identifier", "%s", da->description);
	mtkfwi_info_int(o, "format_version", da->info_version);
	mtkfwi_info_int(o, "entries", da->entry_count);
	chips[0] = '\0';
	for (uint32_t i = 0; i < da->entry_count && n + 8 < sizeof(chips); i++)
		n += (size_t)snprintf(chips + n, sizeof(chips) - n, "%s0x%04x", i ? "," : "", da->entries[i].hw_code);
	mtkfwi_info_str(o, "hw_codes", "%s", chips);
	mtkfwi_info_describe(o, "MediaTek download agent file '%s', %u %s", da->description, da->entry_count,
		 mtkfw_plural(da->entry_count, "entry", "entries"));
	mtkfw_da_file_free(da);
	return 1;
}

static int probe_secro(struct mtkfw_info *o, struct probe_in *in)
{
	mtkfwi_info_describe(o, "MediaTek secure read-only region (SEC_RO, AND_AC_REGION)");
	return 1;
}

static int probe_kernel(struct mtkfw_info *o, struct probe_in *in)
{
	mtkfwi_info_addr(o, "zimage_start", rd_le32(in->head + 0x28));
	mtkfwi_info_int(o, "zimage_size", rd_le32(in->head + 0x2C) - rd_le32(in->head + 0x28));
	mtkfwi_info_describe(o, "ARM Linux kernel zImage, %u bytes", rd_le32(in->head + 0x2C) - rd_le32(in->head + 0x28));
	return 1;
}

static int probe_mbr(struct mtkfw_info *o, struct probe_in *in)
{
	const uint8_t *p = in->head;
	int used = 0;

	for (int i = 0; i < 4; i++)
		if (p[446 + 16 * i + 4])
			used++;
	if (!used)
		return 0;
	mtkfwi_info_int(o, "partitions", used);
	for (int i = 0; i < 4; i++) {
		static const char *const keys[4][3] = {
			{ "p1_type", "p1_start_lba", "p1_sectors" }, { "p2_type", "p2_start_lba", "p2_sectors" },
			{ "p3_type", "p3_start_lba", "p3_sectors" }, { "p4_type", "p4_start_lba", "p4_sectors" },
		};
		const uint8_t *e = p + 446 + 16 * i;

		if (!e[4])
			continue;
		mtkfwi_info_str(o, keys[i][0], "0x%02x", e[4]);
		mtkfwi_info_int(o, keys[i][1], rd_le32(e + 8));
		mtkfwi_info_int(o, keys[i][2], rd_le32(e + 12));
	}
	mtkfwi_info_describe(o, "DOS partition table (MBR or MediaTek EBR), %d %s", used,
			     mtkfw_plural((uint64_t)used, "entry", "entries"));
	return 1;
}

/* ---- text formats (the TEXT probe: no NUL in the head) ---------------------------------- */

/* The value after "key:" or "key=" on the first line that has it, trimmed. */
static bool text_value(const uint8_t *t, size_t n, const char *key, char sep, char *out, size_t outn)
{
	size_t kl = strlen(key);

	for (size_t i = 0; i + kl < n; i++) {
		if ((i == 0 || t[i - 1] == '\n' || t[i - 1] == ' ' || t[i - 1] == '\t') && !memcmp(t + i, key, kl) &&
		    t[i + kl] == sep) {
			size_t s = i + kl + 1, e, l;

			while (s < n && (t[s] == ' ' || t[s] == '\t'))
				s++;
			for (e = s; e < n && t[e] != '\n' && t[e] != '\r'; e++)
				;
			l = e - s < outn - 1 ? e - s : outn - 1;
			memcpy(out, t + s, l);
			out[l] = '\0';
			return true;
		}
	}
	return false;
}

static size_t count_str(const uint8_t *t, size_t n, const char *s)
{
	size_t c = 0, l = strlen(s);

	for (size_t i = 0; i + l <= n; i++)
		if (!memcmp(t + i, s, l))
			c++;
	return c;
}

/* Which scatter dialect the text looks like, or NULL. */
static const char *scatter_kind(const uint8_t *t, size_t n)
{
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) { /* a byte order mark */
		t += 3;
		n -= 3;
	}
	if (count_str(t, n, "partition_name:"))
		return "yaml";
	/* OTA scatter: nothing but "NAME 0xADDR" lines; later build trees write the names in lower
	 * case ("preloader 0x0", "pgpt 0x0"). */
	if (n > 12 && !strncasecmp((const char *)t, "PRELOADER 0x", 12)) {
		size_t lines = 0, ok = 0;
		const char *c = (const char *)t, *end = c + n;

		while (c < end) {
			const char *nl = memchr(c, '\n', (size_t)(end - c));
			const char *e = nl ? nl : end, *sp = memchr(c, ' ', (size_t)(e - c));

			if (e > c && !(e - c == 1 && *c == '\r')) {
				lines++;
				if (sp && sp > c && e - sp > 3 && sp[1] == '0' && (sp[2] == 'x' || sp[2] == 'X'))
					ok++;
			}
			c = e + 1;
		}
		if (lines >= 3 && ok == lines)
			return "ota";
	}
	/* Legacy scatter: "PRELOADER 0x0" then "{" ... "}" per partition. */
	if (count_str(t, n, "\n{") && (count_str(t, n, "PRELOADER 0x") || count_str(t, n, "__NODL_")))
		return "legacy";
	return NULL;
}

static int probe_scatter(struct mtkfw_info *o, struct probe_in *in)
{
	const char *kind;
	mtkfw_layout *lay;
	int rc;

	if (in->size > (4u << 20))
		return 0;
	if ((rc = mtkfwi_probe_whole(in, 4u << 20)))
		return rc;
	if (!(kind = scatter_kind(in->whole, in->whole_len)))
		return 0;
	/* The layout module reads every dialect; a scatter it cannot read is an error here. */
	if ((rc = mtkfw_scatter_parse(&lay, (const char *)in->whole, in->whole_len, in->path)))
		return rc;
	mtkfwi_info_str(o, "dialect", "%s", kind);
	mtkfwi_info_str(o, "format", "%s", mtkfw_layout_format_name(lay->format));
	if (lay->config_version)
		mtkfwi_info_str(o, "config_version", "%s", lay->config_version);
	if (lay->platform)
		mtkfwi_info_str(o, "platform", "%s", lay->platform);
	if (lay->project)
		mtkfwi_info_str(o, "project", "%s", lay->project);
	if (lay->storage)
		mtkfwi_info_str(o, "storage", "%s", lay->storage);
	mtkfwi_info_int(o, "partitions", lay->count);
	mtkfwi_info_describe(o, "SP Flash Tool scatter file (%s%s%s), %zu %s", kind, lay->platform ? ", " : "",
		 lay->platform ? lay->platform : "", lay->count, mtkfw_plural(lay->count, "partition", "partitions"));
	mtkfw_layout_free(lay);
	return 1;
}

static int probe_checksum_ini(struct mtkfw_info *o, struct probe_in *in)
{
	char v[64];

	if (!count_str(in->head, in->head_len, "[VERSION]") ||
	    !(count_str(in->head, in->head_len, "[CheckSum]") || count_str(in->head, in->head_len, "[IsEnableChecksum]")))
		return 0;
	if (text_value(in->head, in->head_len, "VERSION", '=', v, sizeof(v)))
		mtkfwi_info_str(o, "version", "%s", v);
	if (text_value(in->head, in->head_len, "TOOL", '=', v, sizeof(v)))
		mtkfwi_info_str(o, "tool", "%s", v);
	mtkfwi_info_describe(o, "SP Flash Tool Checksum.ini");
	return 1;
}

static int probe_dumchar(struct mtkfw_info *o, struct probe_in *in)
{
	mtkfw_layout *lay;
	int rc;

	if ((mtkfwi_dumchar_header_line((const char *)in->head, in->head_len) < 0 &&
	     !mtkfwi_dumchar_headerless((const char *)in->head, in->head_len)) ||
	    in->size > MTKFW_SCATTER_MAX_BYTES)
		return 0;
	/* Count the rows the layout module reads: the column notes after the table are no partitions. */
	if ((rc = mtkfwi_probe_whole(in, MTKFW_SCATTER_MAX_BYTES)) ||
	    (rc = mtkfw_dumchar_parse(&lay, (const char *)in->whole, in->whole_len, in->path)))
		return rc;
	mtkfwi_info_int(o, "partitions", lay->count);
	mtkfwi_info_describe(o, "/proc/dumchar_info partition table");
	mtkfw_layout_free(lay);
	return 1;
}

static int probe_build_prop(struct mtkfw_info *o, struct probe_in *in)
{
	char v[128];

	/* Property lines start a line; a file merely mentioning ro.build (a TSV, a README) is not one. */
	if ((memcmp(in->head, "ro.", 3) && !count_str(in->head, in->head_len, "\nro.build.")) ||
	    count_str(in->head, in->head_len, "\nro.") < 2)
		return 0;
	if (text_value(in->head, in->head_len, "ro.product.model", '=', v, sizeof(v)))
		mtkfwi_info_str(o, "model", "%s", v);
	if (text_value(in->head, in->head_len, "ro.build.version.release", '=', v, sizeof(v)))
		mtkfwi_info_str(o, "android_version", "%s", v);
	if (text_value(in->head, in->head_len, "ro.mediatek.platform", '=', v, sizeof(v)))
		mtkfwi_info_str(o, "platform", "%s", v);
	if (text_value(in->head, in->head_len, "ro.build.display.id", '=', v, sizeof(v)))
		mtkfwi_info_str(o, "display_id", "%s", v);
	mtkfwi_info_describe(o, "Android build.prop");
	return 1;
}

/* ---- the radio: modem image, its stub, the mddb files (lib/firmware/modem*.c) ----------- */

static int probe_modem(struct mtkfw_info *o, struct probe_in *in)
{
	static const char *const types[] = { "modem", "modem_stub", "dbginfo", "mddb" };
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	const char *tn;
	int rc;

	if (!m)
		return mtkfw_nomem();
	if ((rc = mtkfw_modem_open(m, in->path)) != 0) {
		free(m);
		/* ARM code without a modem trailer (a raw lk, a bootloader) is not a modem. */
		if (strcmp(o->type, "modem") == 0 && (rc == MTKFW_ERR_FORMAT || rc == MTKFW_ERR_TRUNCATED)) {
			mtkfw_error_clear();
			return 0;
		}
		return rc;
	}
	o->modem = m;
	o->type = types[m->kind];
	tn = mtkfw_modem_type_name(m->image_type);
	switch (m->kind) {
	case MTKFW_MODEM_IMAGE:
		mtkfwi_info_describe(o, "MediaTek modem image (%s), project %s, %s, built %s", tn ? tn : "type unknown", m->project,
			 m->verno, m->build_time);
		break;
	case MTKFW_MODEM_STUB:
		mtkfwi_info_describe(o, "modem stub, not a modem: it points to %s", m->target);
		break;
	case MTKFW_MODEM_DBGINFO:
		mtkfwi_info_describe(o, "modem debug info (mddb DbgInfo) of project %s, %s, built %s", m->project, m->verno,
			 m->build_time);
		break;
	default:
		if (m->verno[0])
			mtkfwi_info_describe(o, "modem NVRAM database (mddb BPLGUInfo) of %s %s", m->platform, m->verno);
		else
			mtkfwi_info_describe(o, "modem NVRAM database (mddb, CATD); its file name names no modem build");
	}
	return 1;
}

static int probe_stub(struct mtkfw_info *o, struct probe_in *in)
{
	if (in->size > MTKFW_MODEM_STUB_MAX || !in->head_len || in->head[0] != '/')
		return 0;
	return probe_modem(o, in) == 1 ? 1 : (mtkfw_error_clear(), 0);
}

/* What `info` reports for each content probe (firmware/probe.h) that matched: `on` names the
 * probes, and the list keeps the probe table's order (strong magics first, the DOS guess and
 * text last), so a head reads the same here as in package file resolution. */
struct probe {
	unsigned on;
	const char *type;
	int (*fn)(struct mtkfw_info *o, struct probe_in *in);
};

#define ON(id) MTKFW_PROBE_BIT(MTKFW_PROBE_##id)
static const struct probe probes[] = {
	{ ON(BOOTIMG), "bootimg", probe_bootimg },
	{ ON(MTKHDR), "logo", probe_logo },
	{ ON(MTKHDR), "mtkhdr", probe_mtkhdr }, /* reports "lk" for LK/UBOOT */
	{ ON(SPARSE), "sparse", probe_sparse },
	{ ON(RAMDISK), "ramdisk", probe_ramdisk }, /* or gzip/lz4/xz/lzma when not a cpio */
	{ ON(GFH) | ON(BOOT1) | ON(EMI), "preloader", probe_preloader }, /* or "emi" for a bare EMI block */
	{ ON(DA), "da", probe_da },
	{ ON(SECRO), "secro", probe_secro },
	{ ON(CATI), "dbginfo", probe_modem },
	{ ON(CATD), "mddb", probe_modem },
	{ ON(DTB), "dtb", mtkfwi_probe_dtb },
	{ ON(DTBO), "dtbo", mtkfwi_probe_dtbo },
	{ ON(ZIMAGE), "kernel", probe_kernel },
	{ ON(ARMVEC), "modem", probe_modem }, /* or "modem_stub"/"dbginfo"/"mddb" from the module */
	{ ON(EXT4), "ext4", probe_ext4 },
	{ ON(F2FS), "f2fs", mtkfwi_probe_f2fs },
	{ ON(GPT), "gpt", mtkfwi_probe_gpt }, /* before the DOS guess its protective MBR passes */
	{ ON(DOS), "mbr", probe_mbr },
	{ ON(TEXT), "scatter", probe_scatter },
	{ ON(TEXT), "checksum_ini", probe_checksum_ini },
	{ ON(TEXT), "dumchar_info", probe_dumchar },
	{ ON(TEXT), "build_prop", probe_build_prop },
	{ ON(TEXT), "modem_stub", probe_stub },
};
#undef ON

const char *const *mtkfw_identify_types(void)
{
	static const char *names[sizeof(probes) / sizeof(probes[0]) + 1];

	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		names[i] = probes[i].type;
	return names;
}

const char *mtkfw_info_kind_name(int kind)
{
	static const char *const words[] = { "int", "str", "bool", "addr" };

	return kind >= MTKFW_INFO_INT && kind <= MTKFW_INFO_ADDR ? words[kind] : "unknown";
}

int mtkfw_info_kind_parse(const char *word)
{
	for (int v = MTKFW_INFO_INT; word && v <= MTKFW_INFO_ADDR; v++)
		if (!strcmp(word, mtkfw_info_kind_name(v)))
			return v;
	return -1;
}

void mtkfw_info_clear(struct mtkfw_info *info)
{
	if (!info)
		return;
	for (size_t i = 0; i < info->nfields; i++)
		free(info->fields[i].str);
	info->nfields = 0;
	mtkfw_modem_clear(info->modem);
	free(info->modem);
	info->modem = NULL;
}

static void reset(struct mtkfw_info *o, uint64_t size)
{
	mtkfw_info_clear(o);
	memset(o, 0, sizeof(*o));
	o->file_size = size;
}

int mtkfw_identify(struct mtkfw_info *out, const char *path)
{
	struct probe_in *in;
	unsigned mask;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!(in = calloc(1, sizeof(*in))))
		return mtkfw_nomem();
	in->fd = -1;
	in->path = path;
	if ((rc = mtkfw_open_input(path, &in->fd, &in->size)))
		goto done;
	in->head_len = in->size < HEAD_MAX ? (size_t)in->size : HEAD_MAX;
	if ((rc = mtkfw_pread_exact(in->fd, in->head, in->head_len, 0, path)))
		goto done;
	mask = mtkfw_probe_mask(in->head, in->head_len);
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (!(probes[i].on & mask))
			continue;
		reset(out, in->size);
		out->type = probes[i].type;
		rc = probes[i].fn(out, in);
		if (rc == 1) {
			rc = 0;
			goto done;
		}
		if (rc < 0) {
			/* The magic matched but the structure is broken: that is the answer. */
			if (!strstr(mtkfw_error_last()->message, path))
				mtkfw_seterr_prefix(path);
			goto done;
		}
	}
	reset(out, in->size);
	out->type = "data";
	mtkfwi_info_describe(out, "unrecognised data, %llu bytes", (unsigned long long)in->size);
	rc = 0;
done:
	if (rc)
		mtkfw_info_clear(out);
	if (in->fd >= 0)
		close(in->fd);
	free(in->whole);
	free(in);
	return rc;
}
