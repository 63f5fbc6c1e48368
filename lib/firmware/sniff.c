/*
 * What a firmware file is, from its first bytes: the content half of finding a package's
 * files (readbacks and repacks name files their own way). The formats are recognised by the
 * shared probe table (probe.h); this file only turns a match into a package file kind, with
 * the label a kind carries. Every offset is checked against the head's length; nothing here
 * allocates.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "firmware/probe.h"

#include <mtkfw/package.h>
#include <mtkfw/image.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const kind_names[MTKFW_KIND_COUNT] = {
	[MTKFW_KIND_UNKNOWN] = "unknown", [MTKFW_KIND_PRELOADER] = "preloader", [MTKFW_KIND_BOOT1] = "boot1",
	[MTKFW_KIND_EMI] = "emi",         [MTKFW_KIND_MBR] = "mbr",             [MTKFW_KIND_EBR] = "ebr",
	[MTKFW_KIND_LK] = "lk",           [MTKFW_KIND_LOGO] = "logo",           [MTKFW_KIND_BOOTIMG] = "boot",
	[MTKFW_KIND_RECOVERY] = "recovery", [MTKFW_KIND_SECRO] = "secro",       [MTKFW_KIND_EXT4] = "ext4",
	[MTKFW_KIND_SPARSE] = "sparse",   [MTKFW_KIND_SCATTER] = "scatter",     [MTKFW_KIND_CHECKSUM] = "checksum",
};

const char *mtkfw_file_kind_name(int kind)
{
	if (kind < 0 || kind >= MTKFW_KIND_COUNT)
		return "unknown";
	return kind_names[kind];
}

int mtkfw_file_kind_parse(const char *word)
{
	for (int v = MTKFW_KIND_UNKNOWN; word && v <= MTKFW_KIND_COUNT - 1; v++) {
		const char *w = mtkfw_file_kind_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

/* Copy a NUL-padded name field into a label, stopping at the first non-printable byte. */
static void set_label(struct mtkfw_sniff *s, const uint8_t *p, size_t n)
{
	size_t i;

	if (n > sizeof(s->label) - 1)
		n = sizeof(s->label) - 1;
	for (i = 0; i < n && p[i] >= 0x20 && p[i] < 0x7F; i++)
		s->label[i] = (char)p[i];
	s->label[i] = '\0';
}

/* An ext4 superblock at `sb` (1024 bytes into the file system). */
static bool ext4_super(struct mtkfw_sniff *s, const uint8_t *h, size_t len, uint64_t sb)
{
	if (!span_ok(len, sb, 0x88) || rd_le16(h + sb + 0x38) != 0xEF53)
		return false;
	set_label(s, h + sb + 0x78, 16);
	return true;
}

static bool text_has(const uint8_t *h, size_t len, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp((const char *)h + i, word, n) == 0)
			return true;
	return false;
}

/* Boot image v0-v2: the ramdisk follows the page-padded kernel. */
static void bootimg(struct mtkfw_sniff *s, const uint8_t *h, size_t len)
{
	uint32_t ksize, rsize, page;
	uint64_t kpages;

	s->kind = MTKFW_KIND_BOOTIMG;
	if (len < 40)
		return;
	ksize = rd_le32(h + 8);
	rsize = rd_le32(h + 16);
	page = rd_le32(h + 36);
	if (!rsize || page < 512 || page > 65536 || (page & (page - 1)))
		return;
	kpages = ((uint64_t)ksize + page - 1) / page;
	s->ramdisk_offset = (1 + kpages) * page;
	if (span_ok(len, s->ramdisk_offset, MTKFW_MTKHDR_SIZE))
		mtkfw_sniff_ramdisk(s, h + s->ramdisk_offset, len - s->ramdisk_offset);
}

void mtkfw_sniff_ramdisk(struct mtkfw_sniff *s, const uint8_t *buf, size_t len)
{
	if (s->kind != MTKFW_KIND_BOOTIMG && s->kind != MTKFW_KIND_RECOVERY)
		return;
	s->ramdisk_offset = 0;
	if (len < 40 || rd_le32(buf) != MTKFW_MTKHDR_MAGIC)
		return;
	set_label(s, buf + 8, 32);
	s->kind = strcasecmp(s->label, "RECOVERY") == 0 ? MTKFW_KIND_RECOVERY : MTKFW_KIND_BOOTIMG;
}

/* The package file kind of a head the probe `id` matched; -1 when that probe names no kind
 * here (a ramdisk, a DA, a zImage, an empty DOS table), so the next matching probe decides. */
static int kind_of(struct mtkfw_sniff *out, enum mtkfw_probe_id id, const uint8_t *h, size_t len)
{
	switch (id) {
	case MTKFW_PROBE_BOOTIMG:
		bootimg(out, h, len);
		return out->kind;
	case MTKFW_PROBE_MTKHDR:
		/* The name field (8..40) tells lk from logo; other names are no package file. */
		if (len < 40)
			return MTKFW_KIND_UNKNOWN;
		set_label(out, h + 8, 32);
		if (!strcasecmp(out->label, "LK") || !strcasecmp(out->label, "UBOOT"))
			return MTKFW_KIND_LK;
		return !strcasecmp(out->label, "LOGO") ? MTKFW_KIND_LOGO : MTKFW_KIND_UNKNOWN;
	case MTKFW_PROBE_SPARSE: {
		/* The superblock sits 1024 bytes into block 0, which a first RAW chunk carries. */
		uint16_t fhdr, chdr;

		if (len < 28)
			return MTKFW_KIND_UNKNOWN;
		fhdr = rd_le16(h + 8), chdr = rd_le16(h + 10);
		if (span_ok(len, fhdr, 12) && rd_le16(h + fhdr) == 0xCAC1 && rd_le32(h + 12) >= 2048 &&
		    rd_le32(h + fhdr + 4) >= 1)
			ext4_super(out, h, len, (uint64_t)fhdr + chdr + 1024);
		return MTKFW_KIND_SPARSE;
	}
	case MTKFW_PROBE_GFH: return MTKFW_KIND_PRELOADER;
	case MTKFW_PROBE_BOOT1: return MTKFW_KIND_BOOT1;
	case MTKFW_PROBE_EMI: return MTKFW_KIND_EMI;
	case MTKFW_PROBE_SECRO: return MTKFW_KIND_SECRO;
	case MTKFW_PROBE_EXT4:
		ext4_super(out, h, len, 1024);
		return MTKFW_KIND_EXT4;
	case MTKFW_PROBE_DOS:
		/* MediaTek's MBR starts with the extended entry (type 5) pointing at EBR1; an EBR
		 * starts with a data entry. */
		switch (h[0x1BE + 4]) {
		case 0x05: case 0x0F: return MTKFW_KIND_MBR;
		case 0x00: return -1;
		default: return MTKFW_KIND_EBR;
		}
	case MTKFW_PROBE_TEXT:
		if (text_has(h, len, "partition_name") || text_has(h, len, "MTK_PLATFORM_CFG"))
			return MTKFW_KIND_SCATTER;
		return text_has(h, len, "[CheckSum]") ? MTKFW_KIND_CHECKSUM : MTKFW_KIND_UNKNOWN;
	default:
		return -1;
	}
}

void mtkfw_sniff(struct mtkfw_sniff *out, const uint8_t *h, size_t len)
{
	unsigned mask;

	memset(out, 0, sizeof(*out));
	mask = mtkfw_probe_mask(h, len);
	for (size_t i = 0; i < MTKFW_PROBE_COUNT; i++) {
		int kind;

		if (!(mask & MTKFW_PROBE_BIT(mtkfw_probes[i].id)))
			continue;
		if ((kind = kind_of(out, mtkfw_probes[i].id, h, len)) >= 0) {
			out->kind = kind;
			return;
		}
	}
}

int mtkfw_sniff_file(struct mtkfw_sniff *out, const char *path)
{
	uint8_t head[MTKFW_SNIFF_HEAD];
	ssize_t r;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = mtkfw_open_input(path, &fd, NULL)) != 0)
		return rc;
	r = mtkfwi_pread(fd, head, sizeof(head), 0);
	if (r < 0) {
		int e = errno;

		close(fd);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(e));
	}
	mtkfw_sniff(out, head, (size_t)r);
	if (out->ramdisk_offset) {
		r = mtkfwi_pread(fd, head, MTKFW_MTKHDR_SIZE, out->ramdisk_offset);
		mtkfw_sniff_ramdisk(out, head, r > 0 ? (size_t)r : 0);
	}
	close(fd);
	return 0;
}

/* Partition names ptgen and later scatters use, and the file kind each takes. */
static const struct {
	const char *name;
	int kind;
	const char *volume;
} part_kinds[] = {
	{ "PRELOADER", MTKFW_KIND_PRELOADER, "" }, { "MBR", MTKFW_KIND_MBR, "" },
	{ "UBOOT", MTKFW_KIND_LK, "" },            { "LK", MTKFW_KIND_LK, "" },
	{ "LOGO", MTKFW_KIND_LOGO, "" },           { "BOOTIMG", MTKFW_KIND_BOOTIMG, "" },
	{ "BOOT", MTKFW_KIND_BOOTIMG, "" },        { "RECOVERY", MTKFW_KIND_RECOVERY, "" },
	{ "SEC_RO", MTKFW_KIND_SECRO, "" },        { "SECRO", MTKFW_KIND_SECRO, "" },
	{ "ANDROID", MTKFW_KIND_EXT4, "system" },  { "SYSTEM", MTKFW_KIND_EXT4, "system" },
	{ "CACHE", MTKFW_KIND_EXT4, "cache" },     { "USRDATA", MTKFW_KIND_EXT4, "userdata" },
	{ "USERDATA", MTKFW_KIND_EXT4, "userdata" },
};

int mtkfw_partition_kind(const char *name, const char **volume)
{
	if (volume)
		*volume = "";
	if (!name)
		return MTKFW_KIND_UNKNOWN;
	/* EBR1, EBR2 ... */
	if (strncasecmp(name, "EBR", 3) == 0 && name[3] >= '1' && name[3] <= '9' && !name[4])
		return MTKFW_KIND_EBR;
	for (size_t i = 0; i < sizeof(part_kinds) / sizeof(part_kinds[0]); i++)
		if (strcasecmp(name, part_kinds[i].name) == 0) {
			if (volume)
				*volume = part_kinds[i].volume;
			return part_kinds[i].kind;
		}
	return MTKFW_KIND_UNKNOWN;
}
