/*
 * The DA file (MTK_AllInOne_DA*.bin, "MTK_DOWNLOAD_AGENT"): a header, a table of entries (one
 * per chip and revision) and the agents' code regions the entries point at. All little-endian
 * (spec §3). The header and entry layouts are described once, as field tables, and used by
 * both the parser and the writer.
 */
#include "core/bytes.h"
#include "core/fields.h"
#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/da.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define DA_HEADER_SIZE 0x6C
#define DA_ENTRY_SIZE 0xDC
#define DA_ENTRY_SIZE_OLD 0xD8 /* older files: no sw_version, no reserved1 */
#define DA_REGION_SIZE 20
#define DA_ENTRY_MAGIC 0xDADA
/* Real files hold 17-18 entries; a thousand keeps hostile counts from costing memory. */
#define DA_MAX_ENTRIES 1024
/* The biggest real all-in-one DA files are around 10 MiB. */
#define DA_MAX_FILE (64u << 20)

static const struct mtkfw_field hdr_fields[] = {
	{ "identifier", 0x00, 32, MTKFW_F_BYTES },
	{ "description", 0x20, 64, MTKFW_F_BYTES },
	{ "info_version", 0x60, 4, MTKFW_F_LE },
	{ "magic", 0x64, 4, MTKFW_F_LE },
	{ "entry_count", 0x68, 4, MTKFW_F_LE },
};

/* The 0xDC layout; in the 0xD8 layout sw_version and reserved1 are missing and every later
 * field sits 4 bytes earlier. */
enum { E_MAGIC, E_HW, E_SUB, E_HWVER, E_SWVER, E_RES1, E_PAGE, E_RES3, E_RIDX, E_RCNT, E_REGIONS, E_N };
static const struct mtkfw_field entry_fields[E_N] = {
	{ "magic", 0x00, 2, MTKFW_F_LE },        { "hw_code", 0x02, 2, MTKFW_F_LE },
	{ "hw_sub_code", 0x04, 2, MTKFW_F_LE },  { "hw_version", 0x06, 2, MTKFW_F_LE },
	{ "sw_version", 0x08, 2, MTKFW_F_LE },   { "reserved1", 0x0A, 2, MTKFW_F_LE },
	{ "pagesize", 0x0C, 2, MTKFW_F_LE },     { "reserved3", 0x0E, 2, MTKFW_F_LE },
	{ "region_index", 0x10, 2, MTKFW_F_LE }, { "region_count", 0x12, 2, MTKFW_F_LE },
	{ "regions", 0x14, DA_REGION_SIZE * MTKFW_DA_MAX_REGIONS, MTKFW_F_BYTES },
};

static const struct mtkfw_field region_fields[] = {
	{ "buf", 0x00, 4, MTKFW_F_LE },          { "len", 0x04, 4, MTKFW_F_LE },
	{ "start_addr", 0x08, 4, MTKFW_F_LE },   { "start_offset", 0x0C, 4, MTKFW_F_LE },
	{ "sig_len", 0x10, 4, MTKFW_F_LE },
};

static uint32_t field_off(size_t i, uint32_t entry_size)
{
	/* Fields after hw_version move 4 bytes back in the old layout. */
	return entry_size == DA_ENTRY_SIZE_OLD && i > E_RES1 ? entry_fields[i].offset - 4 : entry_fields[i].offset;
}

static bool field_present(size_t i, uint32_t entry_size)
{
	return !(entry_size == DA_ENTRY_SIZE_OLD && (i == E_SWVER || i == E_RES1));
}

static uint64_t eget(const uint8_t *e, size_t i, uint32_t entry_size)
{
	struct mtkfw_field f = entry_fields[i];

	if (!field_present(i, entry_size))
		return 0;
	f.offset = field_off(i, entry_size);
	return mtkfw_field_get(&f, e);
}

static void eput(uint8_t *e, size_t i, uint32_t entry_size, uint64_t v)
{
	struct mtkfw_field f = entry_fields[i];

	if (!field_present(i, entry_size))
		return;
	f.offset = field_off(i, entry_size);
	mtkfw_field_put(&f, e, v);
}

static void copy_text(char *dst, size_t cap, const uint8_t *src, size_t n)
{
	size_t k = 0;

	/* Keep printable ASCII only: the text goes to terminals and JSON. */
	for (size_t i = 0; i < n && src[i] && k + 1 < cap; i++)
		dst[k++] = src[i] >= 0x20 && src[i] < 0x7F ? (char)src[i] : '?';
	dst[k] = 0;
}

static int parse_entry(struct mtkfw_da_file *f, size_t idx, const char *name)
{
	struct mtkfw_da_entry *e = &f->entries[idx];
	const uint8_t *p = f->data + e->offset;
	uint32_t es = f->entry_size;

	e->magic = (uint16_t)eget(p, E_MAGIC, es);
	e->hw_code = (uint16_t)eget(p, E_HW, es);
	e->hw_sub_code = (uint16_t)eget(p, E_SUB, es);
	e->hw_version = (uint16_t)eget(p, E_HWVER, es);
	e->sw_version = (uint16_t)eget(p, E_SWVER, es);
	e->reserved1 = (uint16_t)eget(p, E_RES1, es);
	e->pagesize = (uint16_t)eget(p, E_PAGE, es);
	e->reserved3 = (uint16_t)eget(p, E_RES3, es);
	e->region_index = (uint16_t)eget(p, E_RIDX, es);
	e->region_count = (uint16_t)eget(p, E_RCNT, es);
	if (e->magic != DA_ENTRY_MAGIC)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: entry %zu at 0x%x has magic 0x%04x, not 0xdada", name, idx,
				    e->offset, e->magic);
	if (e->region_count > MTKFW_DA_MAX_REGIONS)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: entry %zu claims %u regions (at most %d)", name, idx,
				    e->region_count, MTKFW_DA_MAX_REGIONS);
	for (size_t r = 0; r < MTKFW_DA_MAX_REGIONS; r++) {
		const uint8_t *rp = p + field_off(E_REGIONS, es) + r * DA_REGION_SIZE;
		struct mtkfw_da_region *g = &e->regions[r];

		g->buf = (uint32_t)mtkfw_field_get(&region_fields[0], rp);
		g->len = (uint32_t)mtkfw_field_get(&region_fields[1], rp);
		g->start_addr = (uint32_t)mtkfw_field_get(&region_fields[2], rp);
		g->start_offset = (uint32_t)mtkfw_field_get(&region_fields[3], rp);
		g->sig_len = (uint32_t)mtkfw_field_get(&region_fields[4], rp);
		if (r >= e->region_count)
			continue;
		if (!span_ok(f->size, g->buf, g->len))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED,
					    "%s: entry %zu (hw 0x%04x) region %zu [0x%x, +0x%x) lies outside the %zu-byte file",
					    name, idx, e->hw_code, r, g->buf, g->len, f->size);
		if (g->sig_len > g->len)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: entry %zu region %zu: signature 0x%x longer than region 0x%x",
					    name, idx, r, g->sig_len, g->len);
	}
	return 0;
}

int mtkfw_da_file_parse(struct mtkfw_da_file **out, const uint8_t *buf, size_t len, const char *name)
{
	struct mtkfw_da_file *f;
	uint64_t count, table;
	int rc = 0;

	if (!out || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "DA file: bad arguments");
	*out = NULL;
	if (!name)
		name = "DA file";
	if (len < DA_HEADER_SIZE)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, shorter than a DA header (%d)", name, len,
				    DA_HEADER_SIZE);
	if (memcmp(buf, "MTK_DOWNLOAD_AGENT", 18) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a DA file (no MTK_DOWNLOAD_AGENT header)", name);
	if (len > DA_MAX_FILE)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %zu bytes is over the %u-byte limit for DA files", name, len,
				    DA_MAX_FILE);
	count = mtkfw_field_get(&hdr_fields[4], buf);
	if (count > DA_MAX_ENTRIES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %llu entries is absurd (at most %d)", name,
				    (unsigned long long)count, DA_MAX_ENTRIES);
	f = mtkfw_calloc(1, sizeof(*f));
	if (!f)
		return MTKFW_ERR_NOMEM;
	copy_text(f->identifier, sizeof(f->identifier), buf, 32);
	copy_text(f->description, sizeof(f->description), buf + 0x20, 64);
	f->info_version = (uint32_t)mtkfw_field_get(&hdr_fields[2], buf);
	f->magic = (uint32_t)mtkfw_field_get(&hdr_fields[3], buf);
	f->entry_count = (uint32_t)count;
	/* The old layout is recognised by the second entry's magic where a short first entry ends. */
	f->entry_size = DA_ENTRY_SIZE;
	if (count > 1 && len >= DA_HEADER_SIZE + DA_ENTRY_SIZE_OLD + 2 &&
	    rd_le16(buf + DA_HEADER_SIZE + DA_ENTRY_SIZE_OLD) == DA_ENTRY_MAGIC)
		f->entry_size = DA_ENTRY_SIZE_OLD;
	table = count * f->entry_size;
	if (!span_ok(len, DA_HEADER_SIZE, table)) {
		rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %llu entries need %llu bytes, the file has %zu", name,
				  (unsigned long long)count, (unsigned long long)(DA_HEADER_SIZE + table), len);
		goto fail;
	}
	f->data = malloc(len);
	f->entries = mtkfw_calloc(count ? (size_t)count : 1, sizeof(*f->entries));
	if (!f->data || !f->entries) {
		rc = mtkfw_nomem();
		goto fail;
	}
	memcpy(f->data, buf, len);
	f->size = len;
	for (size_t i = 0; i < count; i++) {
		f->entries[i].offset = (uint32_t)(DA_HEADER_SIZE + i * f->entry_size);
		rc = parse_entry(f, i, name);
		if (rc)
			goto fail;
	}
	*out = f;
	return 0;
fail:
	mtkfw_da_file_free(f);
	return rc;
}

int mtkfw_da_file_load(struct mtkfw_da_file **out, const char *path)
{
	uint8_t *buf;
	size_t len;
	int rc;

	if (!out || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "DA file: bad arguments");
	*out = NULL;
	rc = mtkfw_read_file(path, DA_MAX_FILE, &buf, &len);
	if (rc)
		return rc;
	rc = mtkfw_da_file_parse(out, buf, len, path);
	free(buf);
	return rc;
}

int mtkfw_da_file_write(uint8_t **out, size_t *len, const struct mtkfw_da_file *f)
{
	uint8_t *b;

	if (!f || !out || !len || f->size < DA_HEADER_SIZE ||
	    !span_ok(f->size, DA_HEADER_SIZE, (uint64_t)f->entry_count * f->entry_size))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "DA file write: bad model");
	b = malloc(f->size);
	if (!b)
		return mtkfw_nomem();
	/* Region payloads (and any bytes no entry names) are kept as they were; the header and
	 * the entry table are encoded from the model with the same tables the parser reads. */
	memcpy(b, f->data, f->size);
	mtkfw_field_put(&hdr_fields[2], b, f->info_version);
	mtkfw_field_put(&hdr_fields[3], b, f->magic);
	mtkfw_field_put(&hdr_fields[4], b, f->entry_count);
	for (size_t i = 0; i < f->entry_count; i++) {
		const struct mtkfw_da_entry *e = &f->entries[i];
		uint8_t *p = b + DA_HEADER_SIZE + i * f->entry_size;
		uint32_t es = f->entry_size;

		eput(p, E_MAGIC, es, e->magic);
		eput(p, E_HW, es, e->hw_code);
		eput(p, E_SUB, es, e->hw_sub_code);
		eput(p, E_HWVER, es, e->hw_version);
		eput(p, E_SWVER, es, e->sw_version);
		eput(p, E_RES1, es, e->reserved1);
		eput(p, E_PAGE, es, e->pagesize);
		eput(p, E_RES3, es, e->reserved3);
		eput(p, E_RIDX, es, e->region_index);
		eput(p, E_RCNT, es, e->region_count);
		for (size_t r = 0; r < MTKFW_DA_MAX_REGIONS; r++) {
			uint8_t *rp = p + field_off(E_REGIONS, es) + r * DA_REGION_SIZE;
			const struct mtkfw_da_region *g = &e->regions[r];

			mtkfw_field_put(&region_fields[0], rp, g->buf);
			mtkfw_field_put(&region_fields[1], rp, g->len);
			mtkfw_field_put(&region_fields[2], rp, g->start_addr);
			mtkfw_field_put(&region_fields[3], rp, g->start_offset);
			mtkfw_field_put(&region_fields[4], rp, g->sig_len);
		}
	}
	*out = b;
	*len = f->size;
	return 0;
}

int mtkfw_da_file_select(const struct mtkfw_da_entry **out, const struct mtkfw_da_file *f, uint16_t hw_code,
			 uint16_t hw_sub_code, uint16_t hw_version, uint16_t sw_version)
{
	if (!f || !out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "DA select: bad arguments");
	*out = NULL;
	/* An exact sub code wins over an entry that leaves it 0 (any); then the first entry, in
	 * file order, that the phone's versions reach. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < f->entry_count; i++) {
			const struct mtkfw_da_entry *e = &f->entries[i];

			if (e->hw_code != hw_code)
				continue;
			if (pass == 0 ? e->hw_sub_code != hw_sub_code : e->hw_sub_code != 0)
				continue;
			if (hw_version && e->hw_version > hw_version)
				continue;
			if (sw_version && e->sw_version > sw_version)
				continue;
			*out = e;
			return 0;
		}
	}
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
			    "the DA file (%s) has no entry for hw_code 0x%04x sub 0x%04x hw 0x%04x sw 0x%04x",
			    f->description[0] ? f->description : f->identifier, hw_code, hw_sub_code, hw_version,
			    sw_version);
}

void mtkfw_da_file_free(struct mtkfw_da_file *f)
{
	if (!f)
		return;
	free(f->entries);
	free(f->data);
	free(f);
}
