/*
 * Writing scatter files. The YAML form follows MediaTek's ptgen byte for byte (its banner
 * comments, key order, lower-case hex, "0xFFFF%04x" for end-relative reservations), so an
 * official MT6572 scatter written back is the same file and SP Flash Tool loads what we write.
 * Fields a source lacks (a legacy scatter has only names and addresses) are filled with the
 * values ptgen gives by partition name. An OTA scatter carries no download choice at all (ptgen
 * writes every name plain there), so converting one takes ptgen's choice by name as well; and
 * the OTA form, as ptgen writes it, has neither __NODL_ prefixes nor the end reservations.
 */
#include "layout/layout_internal.h"

#include "core/file.h"
#include "core/internal.h"

#include <stdio.h>
#include <strings.h>

static const char banner[] =
	"############################################################################################################\n";

/* ptgen's preset file names (everything else is NONE). */
static const struct {
	const char *part, *file;
} preset_files[] = {
	{ "DSP_BL", "DSP_BL" }, { "UBOOT", "lk.bin" }, { "BOOTIMG", "boot.img" },
	{ "RECOVERY", "recovery.img" }, { "SEC_RO", "secro.img" }, { "LOGO", "logo.bin" },
	{ "ANDROID", "system.img" }, { "CACHE", "cache.img" }, { "USRDATA", "userdata.img" },
	{ "CUSTOM", "custom.img" },
};

/* ptgen's operation_type by name; others are UPDATE (downloaded) or INVISIBLE. */
static const struct {
	const char *part, *op;
} preset_ops[] = {
	{ "PRELOADER", "BOOTLOADERS" }, { "DSP_BL", "BOOTLOADERS" }, { "NVRAM", "BINREGION" },
	{ "PRO_INFO", "PROTECTED" }, { "PROTECT_F", "PROTECTED" }, { "PROTECT_S", "PROTECTED" },
	{ "OTP", "RESERVED" }, { "PMT", "RESERVED" }, { "BMTPOOL", "RESERVED" },
};

/* The partitions ptgen marks "not downloaded" (is_download: false, __NODL_ in legacy form), as
 * every ptgen scatter of the corpus has them: what the phone keeps (identity, settings, logs)
 * and what only reserves room. */
static const char *const ptgen_nodl[] = {
	"PMT", "PRO_INFO", "NVRAM", "PROTECT_F", "PROTECT_S", "SECCFG", "MISC", "EXPDB", "FAT", "BMTPOOL", "OTP",
};

static bool is_end_reserved(const char *name)
{
	return mtkfwi_name_eq(name, "BMTPOOL") || mtkfwi_name_eq(name, "OTP");
}

/* Whether the written scatter downloads `p`: the source's choice, or ptgen's for an OTA source. */
static bool downloads(const mtkfw_layout *l, const struct mtkfw_partition *p)
{
	if (l->format != MTKFW_LAYOUT_OTA)
		return p->download;
	for (size_t i = 0; i < sizeof(ptgen_nodl) / sizeof(ptgen_nodl[0]); i++)
		if (mtkfwi_name_eq(p->name, ptgen_nodl[i]))
			return false;
	return true;
}

static const char *default_op(const struct mtkfw_partition *p, bool dl)
{
	for (size_t i = 0; i < sizeof(preset_ops) / sizeof(preset_ops[0]); i++)
		if (mtkfwi_name_eq(p->name, preset_ops[i].part))
			return preset_ops[i].op;
	return dl ? "UPDATE" : "INVISIBLE";
}

static const char *default_type(const struct mtkfw_partition *p, bool dl)
{
	if (!dl)
		return "NONE";
	if (mtkfwi_name_eq(p->name, "PRELOADER") || mtkfwi_name_eq(p->name, "DSP_BL"))
		return "SV5_BL_BIN";
	/* ptgen labels the ext4 partitions YAFFS_IMG even on eMMC. */
	return mtkfw_mbr_indexed_name(p->name) ? "YAFFS_IMG" : "NORMAL_ROM";
}

static void default_file(const mtkfw_layout *l, const struct mtkfw_partition *p, bool dl, struct lbuf *b)
{
	if (!dl) {
		mtkfwi_lbuf_puts(b, "NONE");
		return;
	}
	if (mtkfwi_name_eq(p->name, "PRELOADER")) {
		mtkfwi_lbuf_printf(b, "preloader%s%s.bin", l->project ? "_" : "", l->project ? l->project : "");
		return;
	}
	if (mtkfwi_name_eq(p->name, "MBR") || (p->name && strncasecmp(p->name, "EBR", 3) == 0)) {
		mtkfwi_lbuf_puts(b, p->name);
		return;
	}
	for (size_t i = 0; i < sizeof(preset_files) / sizeof(preset_files[0]); i++) {
		if (mtkfwi_name_eq(p->name, preset_files[i].part)) {
			mtkfwi_lbuf_puts(b, preset_files[i].file);
			return;
		}
	}
	mtkfwi_lbuf_puts(b, "NONE");
}

/* A size for formats without one: up to the next partition in the same area. */
static uint64_t default_size(const mtkfw_layout *l, size_t i)
{
	const struct mtkfw_partition *p = &l->parts[i];

	if (p->end_relative)
		return p->end_offset;
	for (size_t j = i + 1; j < l->count; j++) {
		const struct mtkfw_partition *q = &l->parts[j];

		if (q->end_relative)
			continue;
		if (q->linear_start > p->linear_start)
			return q->linear_start - p->linear_start;
		break;
	}
	return 0;
}

static void put_linear(struct lbuf *b, const char *key, uint64_t v)
{
	if (scatter_end_relative(v))
		mtkfwi_lbuf_printf(b, "  %s: 0xFFFF%04llx\n", key, (unsigned long long)(v & 0xFFFF));
	else
		mtkfwi_lbuf_printf(b, "  %s: 0x%llx\n", key, (unsigned long long)v);
}

static void write_yaml(const mtkfw_layout *l, struct lbuf *b)
{
	/* Fill what the source lacks only when it is not a YAML scatter: a YAML file's absent
	 * key stays absent, so that writing it back gives the same model. */
	bool fill = l->format != MTKFW_LAYOUT_YAML;
	bool nand = l->storage && mtkfwi_name_eq(l->storage, "NAND");

	mtkfwi_lbuf_puts(b, banner);
	mtkfwi_lbuf_puts(b, "#\n#  General Setting \n#    \n");
	mtkfwi_lbuf_puts(b, banner);
	mtkfwi_lbuf_puts(b, "- general: MTK_PLATFORM_CFG\n  info: \n");
	/* The first key of the info list carries the "- " (ptgen: config_version). */
	bool first = true;
#define GEN(cond, fmt, ...)                                                          \
	do {                                                                         \
		if (cond) {                                                          \
			mtkfwi_lbuf_printf(b, "%s" fmt "\n", first ? "    - " : "      ", __VA_ARGS__); \
			first = false;                                               \
		}                                                                    \
	} while (0)
	GEN(l->config_version || fill, "config_version: %s", l->config_version ? l->config_version : "V1.1.1");
	GEN(l->platform || fill, "platform: %s", l->platform ? l->platform : "MT6572");
	GEN(l->project || fill, "project: %s", l->project ? l->project : "unknown");
	GEN(l->storage || fill, "storage: %s", l->storage ? l->storage : "EMMC");
	GEN(l->boot_channel || fill, "boot_channel: %s", l->boot_channel ? l->boot_channel : nand ? "NONE" : "MSDC_0");
	GEN(l->has_block_size || fill, "block_size: 0x%llx",
	    (unsigned long long)(l->has_block_size ? l->block_size : LAYOUT_DEFAULT_BLOCK));
	for (size_t i = 0; i < l->general_extra_count; i++)
		GEN(true, "%s: %s", l->general_extra[i].key, l->general_extra[i].value);
#undef GEN
	mtkfwi_lbuf_puts(b, banner);
	mtkfwi_lbuf_puts(b, "#\n#  Layout Setting\n#\n");
	mtkfwi_lbuf_puts(b, banner);

	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		bool flags_known = p->has_flags || fill;
		bool dl = downloads(l, p);

		if (p->index)
			mtkfwi_lbuf_printf(b, "- partition_index: %s\n  partition_name: %s\n", p->index, p->name);
		else if (fill)
			mtkfwi_lbuf_printf(b, "- partition_index: SYS%zu\n  partition_name: %s\n", i, p->name);
		else
			mtkfwi_lbuf_printf(b, "- partition_name: %s\n", p->name);
		mtkfwi_lbuf_puts(b, "  file_name: ");
		if (p->file)
			mtkfwi_lbuf_puts(b, p->file);
		else if (fill)
			default_file(l, p, dl, b);
		else
			mtkfwi_lbuf_puts(b, "NONE");
		mtkfwi_lbuf_printf(b, "\n  is_download: %s\n", dl ? "true" : "false");
		if (p->type || fill)
			mtkfwi_lbuf_printf(b, "  type: %s\n", p->type ? p->type : default_type(p, dl));
		put_linear(b, "linear_start_addr", p->linear_start);
		if (p->has_physical || fill)
			mtkfwi_lbuf_printf(b, "  physical_start_addr: 0x%llx\n", (unsigned long long)p->physical_start);
		if (p->has_size || fill)
			mtkfwi_lbuf_printf(b, "  partition_size: 0x%llx\n",
				    (unsigned long long)(p->has_size ? p->size : default_size(l, i)));
		if (p->region || fill)
			mtkfwi_lbuf_printf(b, "  region: %s\n",
				    p->region ? p->region
				    : nand ? "NONE"
				    : p->area == MTKFW_AREA_BOOT1 ? "EMMC_BOOT_1" : "EMMC_USER");
		if (p->storage || fill)
			mtkfwi_lbuf_printf(b, "  storage: %s\n",
				    p->storage ? p->storage : nand ? "HW_STORAGE_NAND" : "HW_STORAGE_EMMC");
		if (flags_known) {
			bool bc = p->has_flags ? p->boundary_check : !is_end_reserved(p->name);
			bool rs = p->has_flags ? p->reserved : is_end_reserved(p->name);

			mtkfwi_lbuf_printf(b, "  boundary_check: %s\n  is_reserved: %s\n", bc ? "true" : "false",
				    rs ? "true" : "false");
		}
		if (p->operation || fill)
			mtkfwi_lbuf_printf(b, "  operation_type: %s\n", p->operation ? p->operation : default_op(p, dl));
		for (size_t k = 0; k < p->extra_count; k++)
			mtkfwi_lbuf_printf(b, "  %s: %s\n", p->extra[k].key, p->extra[k].value);
		if (fill)
			mtkfwi_lbuf_puts(b, "  reserve: 0x00\n");
		mtkfwi_lbuf_puts(b, "\n");
	}
}

static void write_addr_lines(const mtkfw_layout *l, struct lbuf *b, bool legacy)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];

		/* ptgen's OTA form: plain names, and no end reservations (they have no address). An OTA
		 * scatter that did carry 0xFFFF lines keeps them: what was read is written back. */
		if (!legacy && l->format != MTKFW_LAYOUT_OTA && scatter_end_relative(p->linear_start))
			continue;
		/* An OTA scatter that did mark a line __NODL_ keeps the mark when written back as OTA. */
		bool nodl = legacy ? !downloads(l, p) : l->format == MTKFW_LAYOUT_OTA && !p->download;

		mtkfwi_lbuf_printf(b, "%s%s ", nodl ? "__NODL_" : "", p->name);
		if (scatter_end_relative(p->linear_start))
			mtkfwi_lbuf_printf(b, "0xFFFF%04llx\n", (unsigned long long)(p->linear_start & 0xFFFF));
		else
			mtkfwi_lbuf_printf(b, "0x%llx\n", (unsigned long long)p->linear_start);
		if (legacy)
			mtkfwi_lbuf_puts(b, "{\n}\n");
	}
	if (legacy)
		mtkfwi_lbuf_puts(b, "\n\n");
}

/* Names that the address-line formats cannot carry (they split on blanks). */
static int check_names(const mtkfw_layout *l, int format)
{
	for (size_t i = 0; i < l->count; i++) {
		const char *n = l->parts[i].name;

		if (!n)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "partition %zu has no name; a scatter needs one", i + 1);
		if (format != MTKFW_LAYOUT_YAML && (!*n || strpbrk(n, " \t{}#")))
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
					    "partition %zu: the name '%s' cannot be written in a %s scatter", i + 1, n,
					    mtkfw_layout_format_name(format));
		if (strpbrk(n, "\r\n"))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "partition %zu: a name with a line break", i + 1);
	}
	return 0;
}

int mtkfw_scatter_write(char **out, size_t *len, const mtkfw_layout *l, int format)
{
	struct lbuf b = { 0 };
	int rc;

	*out = NULL;
	if (len)
		*len = 0;
	if (format != MTKFW_LAYOUT_YAML && format != MTKFW_LAYOUT_LEGACY && format != MTKFW_LAYOUT_OTA)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "a scatter is written as yaml, legacy or ota");
	if ((rc = check_names(l, format)) != 0)
		return rc;
	if (format == MTKFW_LAYOUT_YAML)
		write_yaml(l, &b);
	else
		write_addr_lines(l, &b, format == MTKFW_LAYOUT_LEGACY);
	return mtkfwi_lbuf_finish(&b, out, len);
}

int mtkfw_scatter_save(const mtkfw_layout *l, int format, const char *path)
{
	char *text;
	size_t len;
	int rc;

	if ((rc = mtkfw_scatter_write(&text, &len, l, format)) != 0)
		return rc;
	rc = mtkfw_write_file_atomic(path, text, len);
	free(text);
	return rc;
}
