/*
 * `mtkfw info` of device trees: a flattened device tree blob (magic d00dfeed, as dtc writes it
 * and as boot images and lk carry it) and an Android DTBO image (magic d7b7ab1e, the table of
 * overlays mkdtboimg makes for the dtbo partition). Both headers are big-endian words; every
 * offset and length they hold is checked against the blob and the file before use.
 */
#include "analysis/identify_internal.h"
#include "core/bytes.h"
#include "core/fields.h"
#include "core/file.h"
#include "core/internal.h"

#include <stdio.h>

/* ---- flattened device tree -------------------------------------------------------------- */

enum { FDT_MAGIC, FDT_TOTALSIZE, FDT_OFF_STRUCT, FDT_OFF_STRINGS, FDT_OFF_RSVMAP, FDT_VERSION, FDT_LAST_COMP,
       FDT_BOOT_CPUID, FDT_SIZE_STRINGS, FDT_SIZE_STRUCT, FDT_NFIELDS };

static const struct mtkfw_field fdt_fields[FDT_NFIELDS] = {
	{ "magic", 0x00, 4, MTKFW_F_BE },
	{ "total_size", 0x04, 4, MTKFW_F_BE },
	{ "struct_offset", 0x08, 4, MTKFW_F_BE },
	{ "strings_offset", 0x0C, 4, MTKFW_F_BE },
	{ "reserve_map_offset", 0x10, 4, MTKFW_F_BE },
	{ "version", 0x14, 4, MTKFW_F_BE },
	{ "last_compatible_version", 0x18, 4, MTKFW_F_BE },
	{ "boot_cpuid", 0x1C, 4, MTKFW_F_BE },   /* version 2 on */
	{ "strings_size", 0x20, 4, MTKFW_F_BE }, /* version 3 on */
	{ "struct_size", 0x24, 4, MTKFW_F_BE },  /* version 17 */
};

#define FDT_MAGIC_WORD 0xD00DFEEDu
/* dtc writes version 17 and reads back to version 1; libfdt reads 2 to 17. */
#define FDT_VERSION_MAX 17u
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u

/* The header's length in this version: the fields that version has. */
static uint32_t fdt_header_len(uint32_t version)
{
	return version >= 17 ? 40 : version >= 3 ? 36 : version >= 2 ? 32 : 28;
}

/* A printable copy of the NUL-ended string at `off` of the strings block, or NULL. */
static const char *fdt_string(const uint8_t *b, uint64_t strings, uint64_t strings_len, uint32_t off)
{
	const char *s;

	if (off >= strings_len)
		return NULL;
	s = (const char *)b + strings + off;
	return memchr(s, '\0', strings_len - off) ? s : NULL;
}

/* The board's names a root node holds (NULL when absent), and their lengths with the NUL. */
struct fdt_names {
	const uint8_t *model, *compatible;
	uint32_t model_len, compatible_len;
};

/*
 * The root node's "model" and "compatible", which name the board: the root's own properties
 * come first in the structure block, before its first child. The walk stops at anything it
 * does not expect (what it found by then stands); a blob dtc accepts has them in this order.
 */
static void fdt_root_names(struct fdt_names *out, const uint8_t *b, uint64_t sp, uint64_t send, uint64_t strings,
			   uint64_t strings_len)
{
	uint64_t p = sp;
	const uint8_t *nul;

	while (span_ok(send, p, 4) && rd_be32(b + p) == FDT_NOP)
		p += 4;
	if (!span_ok(send, p, 4) || rd_be32(b + p) != FDT_BEGIN_NODE)
		return;
	p += 4;
	/* The root's name is empty: one NUL, padded to a word. */
	if (!(nul = memchr(b + p, '\0', (size_t)(send - p))))
		return;
	p = (uint64_t)(nul - b) + 1;
	p = (p + 3) & ~(uint64_t)3;
	for (int props = 0; props < 4096 && span_ok(send, p, 4); props++) {
		uint32_t tag = rd_be32(b + p), len, nameoff;
		const char *name;

		if (tag == FDT_NOP) {
			p += 4;
			continue;
		}
		if (tag != FDT_PROP || !span_ok(send, p, 12))
			return;
		len = rd_be32(b + p + 4);
		nameoff = rd_be32(b + p + 8);
		if (!span_ok(send, p + 12, len))
			return;
		name = fdt_string(b, strings, strings_len, nameoff);
		/* Strings, NUL-ended; "compatible" lists several, the most precise first. */
		if (name && len && b[p + 12 + len - 1] == '\0') {
			if (!strcmp(name, "model"))
				out->model = b + p + 12, out->model_len = len;
			else if (!strcmp(name, "compatible"))
				out->compatible = b + p + 12, out->compatible_len = len;
		}
		p = (p + 12 + len + 3) & ~(uint64_t)3;
	}
}

int mtkfwi_probe_dtb(struct mtkfw_info *o, struct probe_in *in)
{
	uint32_t v[FDT_NFIELDS] = { 0 }, hlen;
	struct fdt_names names = { 0 };
	uint64_t total, end;

	if (in->head_len < 28)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: a device tree header is 28 bytes at least, the file has %zu",
				    in->path, in->head_len);
	for (int i = 0; i < FDT_NFIELDS; i++)
		if (span_ok(in->head_len, fdt_fields[i].offset, 4))
			v[i] = (uint32_t)mtkfw_field_get(&fdt_fields[i], in->head);
	/* A later version stays readable as long as it says it is compatible with one we know. */
	if (v[FDT_VERSION] < 1 || v[FDT_LAST_COMP] > v[FDT_VERSION] || v[FDT_LAST_COMP] > FDT_VERSION_MAX)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: device tree version %u (last compatible %u): this reads 1 to %u",
				    in->path, v[FDT_VERSION], v[FDT_LAST_COMP], FDT_VERSION_MAX);
	hlen = fdt_header_len(v[FDT_VERSION]);
	total = v[FDT_TOTALSIZE];
	if (total < hlen)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: device tree total size %llu is less than its %u-byte header",
				    in->path, (unsigned long long)total, hlen);
	if (total > in->size)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the device tree says %llu bytes, the file has %llu", in->path,
				    (unsigned long long)total, (unsigned long long)in->size);
	/* The blocks lie inside the blob, after the header. */
	end = v[FDT_VERSION] >= 17 ? (uint64_t)v[FDT_OFF_STRUCT] + v[FDT_SIZE_STRUCT] : v[FDT_OFF_STRUCT];
	if (v[FDT_OFF_RSVMAP] < hlen || v[FDT_OFF_STRUCT] < hlen || v[FDT_OFF_STRINGS] < hlen || end > total ||
	    v[FDT_OFF_RSVMAP] > total || !span_ok(total, v[FDT_OFF_STRINGS], v[FDT_VERSION] >= 3 ? v[FDT_SIZE_STRINGS] : 0))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a device tree block lies outside the blob's %llu bytes",
				    in->path, (unsigned long long)total);
	mtkfwi_info_int(o, "total_size", total);
	mtkfwi_info_int(o, "version", v[FDT_VERSION]);
	mtkfwi_info_int(o, "last_compatible_version", v[FDT_LAST_COMP]);
	if (v[FDT_VERSION] >= 2)
		mtkfwi_info_int(o, "boot_cpuid", v[FDT_BOOT_CPUID]);
	if (v[FDT_VERSION] >= 17)
		mtkfwi_info_int(o, "struct_size", v[FDT_SIZE_STRUCT]);
	if (v[FDT_VERSION] >= 3)
		mtkfwi_info_int(o, "strings_size", v[FDT_SIZE_STRINGS]);
	mtkfwi_info_int(o, "trailing_bytes", in->size - total);
	/* The names need the structure block (whose end version 17 gives): read the file when it
	 * is of a device tree's size; a blob inside a bigger file goes without them. */
	if (v[FDT_VERSION] >= 17 && mtkfwi_probe_whole(in, 16u << 20) == 0)
		fdt_root_names(&names, in->whole, v[FDT_OFF_STRUCT], end, v[FDT_OFF_STRINGS], v[FDT_SIZE_STRINGS]);
	mtkfw_error_clear();
	if (names.model)
		mtkfwi_info_text(o, "model", names.model, names.model_len);
	if (names.compatible)
		mtkfwi_info_text(o, "compatible", names.compatible, names.compatible_len);
	if (names.model) {
		char model[81];

		mtkfwi_printable(model, sizeof(model), names.model, names.model_len);
		mtkfwi_info_describe(o, "flattened device tree blob v%u, %llu bytes, model '%s'", v[FDT_VERSION],
				     (unsigned long long)total, model);
	} else {
		mtkfwi_info_describe(o, "flattened device tree blob v%u, %llu bytes", v[FDT_VERSION],
				     (unsigned long long)total);
	}
	return 1;
}

/* ---- Android DTBO image ------------------------------------------------------------------- */

enum { DTBO_MAGIC, DTBO_TOTAL, DTBO_HEADER, DTBO_ENTRY_SIZE, DTBO_COUNT, DTBO_ENTRIES, DTBO_PAGE, DTBO_VERSION,
       DTBO_NFIELDS };

static const struct mtkfw_field dtbo_fields[DTBO_NFIELDS] = {
	{ "magic", 0x00, 4, MTKFW_F_BE },
	{ "total_size", 0x04, 4, MTKFW_F_BE },
	{ "header_size", 0x08, 4, MTKFW_F_BE },
	{ "entry_size", 0x0C, 4, MTKFW_F_BE },
	{ "entry_count", 0x10, 4, MTKFW_F_BE },
	{ "entries_offset", 0x14, 4, MTKFW_F_BE },
	{ "page_size", 0x18, 4, MTKFW_F_BE },
	{ "version", 0x1C, 4, MTKFW_F_BE },
};

/* One entry of the table: the overlay's size and offset (from the image's start), its id and
 * revision, then four words the board's bootloader defines. */
static const struct mtkfw_field dtbo_entry_fields[] = {
	{ "dt_size", 0x00, 4, MTKFW_F_BE },
	{ "dt_offset", 0x04, 4, MTKFW_F_BE },
	{ "id", 0x08, 4, MTKFW_F_BE },
	{ "rev", 0x0C, 4, MTKFW_F_BE },
};

#define DTBO_HEADER_LEN 32u
#define DTBO_ENTRY_LEN 32u

int mtkfwi_probe_dtbo(struct mtkfw_info *o, struct probe_in *in)
{
	uint32_t v[DTBO_NFIELDS];
	uint64_t table;
	char ids[512];
	size_t used = 0;
	int rc;

	if (in->head_len < DTBO_HEADER_LEN)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: a DTBO header is %u bytes, the file has %zu", in->path,
				    DTBO_HEADER_LEN, in->head_len);
	for (int i = 0; i < DTBO_NFIELDS; i++)
		v[i] = (uint32_t)mtkfw_field_get(&dtbo_fields[i], in->head);
	if (v[DTBO_HEADER] < DTBO_HEADER_LEN || v[DTBO_ENTRY_SIZE] < DTBO_ENTRY_LEN || v[DTBO_TOTAL] < v[DTBO_HEADER])
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: DTBO header of %u bytes, entries of %u, total %u: not a DTBO table",
				    in->path, v[DTBO_HEADER], v[DTBO_ENTRY_SIZE], v[DTBO_TOTAL]);
	if (v[DTBO_TOTAL] > in->size)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the DTBO image says %u bytes, the file has %llu", in->path,
				    v[DTBO_TOTAL], (unsigned long long)in->size);
	/* The table lies inside the image, after the header; it is read from the head. */
	table = (uint64_t)v[DTBO_COUNT] * v[DTBO_ENTRY_SIZE];
	if (v[DTBO_ENTRIES] < v[DTBO_HEADER] || !span_ok(v[DTBO_TOTAL], v[DTBO_ENTRIES], table))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %u DTBO entries of %u bytes at %u lie outside the image's %u bytes",
				    in->path, v[DTBO_COUNT], v[DTBO_ENTRY_SIZE], v[DTBO_ENTRIES], v[DTBO_TOTAL]);
	if (!span_ok(in->head_len, v[DTBO_ENTRIES], table))
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %u DTBO entries: more than this reads (a table within %u KiB)",
				    in->path, v[DTBO_COUNT], HEAD_MAX >> 10);
	ids[0] = '\0';
	for (uint32_t i = 0; i < v[DTBO_COUNT]; i++) {
		const uint8_t *e = in->head + v[DTBO_ENTRIES] + (uint64_t)i * v[DTBO_ENTRY_SIZE];
		uint32_t size = (uint32_t)mtkfw_field_get(&dtbo_entry_fields[0], e);
		uint32_t off = (uint32_t)mtkfw_field_get(&dtbo_entry_fields[1], e);
		uint8_t magic[4];

		if (!span_ok(v[DTBO_TOTAL], off, size) || size < 4)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: DTBO entry %u (%u bytes at %u) lies outside the image's %u bytes",
					    in->path, i, size, off, v[DTBO_TOTAL]);
		/* Version 0 stores each overlay as a device tree blob; version 1 may compress it. */
		if (v[DTBO_VERSION] == 0) {
			if ((rc = mtkfw_pread_exact(in->fd, magic, 4, off, in->path)))
				return rc;
			if (rd_be32(magic) != FDT_MAGIC_WORD)
				return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: DTBO entry %u at %u is not a device tree blob",
						    in->path, i, off);
		}
		if (used + 12 < sizeof(ids))
			used += (size_t)snprintf(ids + used, sizeof(ids) - used, "%s0x%x", i ? "," : "",
						 (unsigned)mtkfw_field_get(&dtbo_entry_fields[2], e));
	}
	mtkfwi_info_int(o, "total_size", v[DTBO_TOTAL]);
	mtkfwi_info_int(o, "header_size", v[DTBO_HEADER]);
	mtkfwi_info_int(o, "entry_size", v[DTBO_ENTRY_SIZE]);
	mtkfwi_info_int(o, "entry_count", v[DTBO_COUNT]);
	mtkfwi_info_int(o, "page_size", v[DTBO_PAGE]);
	mtkfwi_info_int(o, "version", v[DTBO_VERSION]);
	if (v[DTBO_COUNT])
		mtkfwi_info_str(o, "ids", "%s", ids);
	mtkfwi_info_int(o, "trailing_bytes", in->size - v[DTBO_TOTAL]);
	mtkfwi_info_describe(o, "Android DTBO image v%u, %u device tree %s, %u bytes", v[DTBO_VERSION], v[DTBO_COUNT],
			     mtkfw_plural(v[DTBO_COUNT], "overlay", "overlays"), v[DTBO_TOTAL]);
	return 1;
}
