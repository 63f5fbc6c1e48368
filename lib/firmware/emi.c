/*
 * The preloader's EMI table, MTK_BLOADER_INFO_vNN (anchors-formats.md §B.7): a 0x70-byte
 * header, N memory entries, and — inside a preloader — the block's own length. Each entry
 * carries the first bytes of an eMMC CID and the DRAM settings the preloader programs when the
 * phone's eMMC matches; a phone whose CID is in no entry fails with SP Flash Tool's 4032.
 *
 * Header and entries are described once as field tables, used by the parser and the writer.
 * Registers the model does not name stay in each entry's `raw` bytes, so parse → write is
 * byte-identical.
 */
#include "core/bytes.h"
#include "core/fields.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>

#include <stdio.h>

#define EMI_MAGIC "MTK_BLOADER_INFO_v"
#define EMI_HDR_SIZE 0x70u

/* Block header. The 12 bytes at 0x58 are the same in every block seen (v11 to v21). */
static const struct mtkfw_field emi_hdr[] = {
	{ "name", 0x00, 0x1B, MTKFW_F_BYTES },
	{ "file_name", 0x1B, 0x3D, MTKFW_F_BYTES },
	{ "const", 0x58, 12, MTKFW_F_BYTES },
	{ "bin", 0x64, 8, MTKFW_F_BYTES },
	{ "count", 0x6C, 4, MTKFW_F_LE },
};
static const uint8_t emi_const[12] = { 0x56, 0x31, 0x31, 0x36, 0x22, 0x88, 0x44, 0x33, 0x90, 0x00, 0x70, 0x00 };

/* Field positions of one entry layout; `freq` absent (size 0) in the v12 layout. */
struct emi_layout {
	uint32_t entry_size;
	struct mtkfw_field type, id, id_length, freq, rank, vendor;
};

/* v11 (MT6572, emigen's write_tag_one_element): type, ID[16], id_length, EMI_Freq,
 * 29 registers, DRAM_RANK_SIZE[4], DRAM_ID, match_flag. */
static const struct emi_layout layout_v11 = {
	168,
	{ "type", 0x00, 4, MTKFW_F_LE }, { "id", 0x04, 16, MTKFW_F_BYTES },
	{ "id_length", 0x14, 4, MTKFW_F_LE }, { "freq", 0x18, 4, MTKFW_F_LE },
	{ "rank_size", 0x90, 16, MTKFW_F_BYTES }, { "dram_id", 0xA0, 4, MTKFW_F_LE },
};
/* v12 and later (MT6582 v12, MT6580 v21, MT6737 v20 in the corpus): sub_version, type,
 * id_length, fw_id_length, ID[16], fw_id[8], 17 registers, DRAM_RANK_SIZE[4], reserved[10],
 * then six LPDDR mode-register words whose fourth is MR5 (vendor: 1 Samsung, 6 Hynix — read
 * off the corpus next to the eMMC maker of the same entry). */
static const struct emi_layout layout_v12 = {
	188,
	{ "type", 0x04, 4, MTKFW_F_LE }, { "id", 0x10, 16, MTKFW_F_BYTES },
	{ "id_length", 0x08, 4, MTKFW_F_LE }, { "freq", 0, 0, MTKFW_F_LE },
	{ "rank_size", 0x6C, 16, MTKFW_F_BYTES }, { "mr5", 0xB0, 4, MTKFW_F_LE },
};

static const struct emi_layout *layout_of(mtkfw_emi_layout l)
{
	return l == MTKFW_EMI_LAYOUT_V11 ? &layout_v11 : l == MTKFW_EMI_LAYOUT_V12 ? &layout_v12 : NULL;
}

/* Which layout a version string uses: v11 on MT6572; v12, v20 and v21 share one. Only versions
 * seen with these entries are named: v22 has 176-byte entries, v24 164, v25 and v3x mostly 160,
 * v28 144 (in ~830 public EMI blocks). Any other version is told by its length. */
static mtkfw_emi_layout layout_for_version(const char *v)
{
	if (strcmp(v, "v11") == 0)
		return MTKFW_EMI_LAYOUT_V11;
	if (strcmp(v, "v12") == 0 || strcmp(v, "v20") == 0 || strcmp(v, "v21") == 0)
		return MTKFW_EMI_LAYOUT_V12;
	return MTKFW_EMI_LAYOUT_UNKNOWN;
}

static mtkfw_emi_layout layout_for_size(uint64_t size)
{
	return size == 168 ? MTKFW_EMI_LAYOUT_V11 : size == 188 ? MTKFW_EMI_LAYOUT_V12 : MTKFW_EMI_LAYOUT_UNKNOWN;
}

/* Entry types: the high byte is the storage in the package (0 none, 1 NAND, 2 eMMC), the low
 * byte the DRAM. emigen's codes for MT6572 and MT6582 (§B.7); the corpus uses 0x0202/0x0203. */
static const struct {
	uint32_t type;
	const char *name;
} emi_types[] = {
	{ 0x0001, "DDR1" },
	{ 0x0002, "DDR2" },
	{ 0x0003, "PCDDR3" },
	{ 0x0004, "LPDDR3" },
	{ 0x0101, "MCP(NAND+DDR1)" },
	{ 0x0102, "MCP(NAND+LPDDR2)" },
	{ 0x0103, "MCP(NAND+LPDDR3)" },
	{ 0x0201, "MCP(eMMC+DDR1)" },
	{ 0x0202, "MCP(eMMC+LPDDR2)" },
	{ 0x0203, "MCP(eMMC+LPDDR3)" },
};

const char *mtkfw_emi_type_name(uint32_t type)
{
	for (size_t i = 0; i < sizeof(emi_types) / sizeof(emi_types[0]); i++)
		if (emi_types[i].type == type)
			return emi_types[i].name;
	return NULL;
}

int mtkfwi_fw_emi_type_parse(const char *name, uint32_t *type)
{
	for (size_t i = 0; name && i < sizeof(emi_types) / sizeof(emi_types[0]); i++)
		if (strcmp(emi_types[i].name, name) == 0) {
			*type = emi_types[i].type;
			return 0;
		}
	return MTKFW_ERR_NOTFOUND;
}

void mtkfw_emi_entry_describe(struct mtkfw_emi_entry *e)
{
	size_t n = 0;

	e->maker = e->id_length ? mtkfw_emmc_maker(e->id[0]) : NULL;
	/* PNM is CID bytes 3..8: six ASCII characters, often padded with spaces or ended early. */
	if (e->id_length >= 9)
		while (n < 6 && e->id[3 + n] >= 0x20 && e->id[3 + n] < 0x7F)
			n++;
	memcpy(e->product, e->id + 3, n);
	while (n && e->product[n - 1] == ' ')
		n--;
	e->product[n] = '\0';
}

static void entry_decode(struct mtkfw_emi_entry *e, const struct emi_layout *L, const uint8_t *p)
{
	memset(e, 0, sizeof(*e));
	memcpy(e->raw, p, L->entry_size);
	e->type = (uint32_t)mtkfw_field_get(&L->type, p);
	memcpy(e->id, p + L->id.offset, MTKFW_EMI_ID_MAX);
	e->id_length = (uint32_t)mtkfw_field_get(&L->id_length, p);
	e->freq_mhz = L->freq.size ? (uint32_t)mtkfw_field_get(&L->freq, p) : 0;
	for (int r = 0; r < 4; r++)
		e->dram_size += rd_le32(p + L->rank.offset + 4 * r);
	e->dram_vendor = (uint32_t)mtkfw_field_get(&L->vendor, p);
	mtkfw_emi_entry_describe(e);
}

int mtkfw_emi_parse(struct mtkfw_emi *out, const uint8_t *buf, size_t len, const char *name)
{
	struct mtkfw_emi emi = { 0 };
	const struct emi_layout *L;
	uint64_t body, need;
	size_t vlen = 0;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "EMI block";
	if (len < sizeof(EMI_MAGIC) - 1 || memcmp(buf, EMI_MAGIC, sizeof(EMI_MAGIC) - 1) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not an EMI block (no MTK_BLOADER_INFO_v)", name);
	if (len < EMI_HDR_SIZE)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: EMI block header needs %u bytes, has %zu", name,
				    EMI_HDR_SIZE, len);
	/* The version is what follows the magic up to the NUL: "v11", "v20" ... */
	for (size_t i = sizeof(EMI_MAGIC) - 2; i < 0x1B && buf[i] > ' ' && buf[i] < 0x7F && vlen < sizeof(emi.version) - 1;
	     i++)
		emi.version[vlen++] = (char)buf[i];
	for (size_t i = 0; i < sizeof(emi.file_name) - 1 && 0x1B + i < 0x58 && buf[0x1B + i]; i++)
		emi.file_name[i] = (char)buf[0x1B + i];
	if (memcmp(buf + 0x64, "MTK_BIN", 8) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: EMI block %s lacks MTK_BIN at 0x64", name, emi.version);
	memcpy(emi.raw_header, buf, EMI_HDR_SIZE);
	emi.count = (uint32_t)mtkfw_field_get(&emi_hdr[4], buf);
	if (emi.count > MTKFW_EMI_COUNT_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: EMI block claims %u entries (limit %d)", name, emi.count,
				    MTKFW_EMI_COUNT_MAX);
	emi.layout = layout_for_version(emi.version);
	body = len - EMI_HDR_SIZE;
	if (emi.layout == MTKFW_EMI_LAYOUT_UNKNOWN && emi.count) {
		/* An unknown version: the entry size follows from the length, when it is one we know. */
		uint64_t b = body;

		if (b >= 4 && rd_le32(buf + len - 4) == len - 4)
			b -= 4;
		if (b % emi.count == 0)
			emi.layout = layout_for_size(b / emi.count);
		if (emi.layout == MTKFW_EMI_LAYOUT_UNKNOWN) {
			emi.length = len;
			*out = emi;
			return 0;
		}
	}
	L = layout_of(emi.layout);
	if (!L) { /* unknown version, no entries */
		emi.length = len;
		*out = emi;
		return 0;
	}
	emi.entry_size = L->entry_size;
	need = EMI_HDR_SIZE + (uint64_t)emi.count * L->entry_size;
	if (need > len && len >= EMI_HDR_SIZE + 4 && rd_le32(buf + len - 4) == len - 4 &&
	    (len - 4 - EMI_HDR_SIZE) % L->entry_size == 0) {
		/* The block's own length frames fewer entries than the header claims: some builds
		 * write the table's capacity there. The length is what the preloader appended. */
		emi.header_count = emi.count;
		emi.count = (uint32_t)((len - 4 - EMI_HDR_SIZE) / L->entry_size);
		need = EMI_HDR_SIZE + (uint64_t)emi.count * L->entry_size;
	}
	if (need > len)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: EMI block %s with %u entries needs %llu bytes, has %zu",
				    name, emi.version, emi.count, (unsigned long long)need, len);
	emi.length = (size_t)need;
	if (span_ok(len, need, 4) && rd_le32(buf + need) == need) {
		emi.has_length = true;
		emi.length += 4;
	}
	if (emi.count) {
		emi.entries = mtkfw_calloc(emi.count, sizeof(*emi.entries));
		if (!emi.entries)
			return MTKFW_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < emi.count; i++) {
		entry_decode(&emi.entries[i], L, buf + EMI_HDR_SIZE + (size_t)i * L->entry_size);
		if (emi.entries[i].id_length > MTKFW_EMI_ID_MAX) {
			uint32_t bad = emi.entries[i].id_length;

			free(emi.entries);
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: EMI entry %u has id_length %u (at most %d)", name, i,
					    bad, MTKFW_EMI_ID_MAX);
		}
	}
	*out = emi;
	return 0;
}

void mtkfw_emi_clear(struct mtkfw_emi *emi)
{
	if (!emi)
		return;
	free(emi->entries);
	memset(emi, 0, sizeof(*emi));
}

static void entry_encode(uint8_t *p, const struct emi_layout *L, const struct mtkfw_emi_entry *e)
{
	uint64_t ranks = 0;

	memcpy(p, e->raw, L->entry_size);
	mtkfw_field_put(&L->type, p, e->type);
	memcpy(p + L->id.offset, e->id, MTKFW_EMI_ID_MAX);
	mtkfw_field_put(&L->id_length, p, e->id_length);
	if (L->freq.size)
		mtkfw_field_put(&L->freq, p, e->freq_mhz);
	for (int r = 0; r < 4; r++)
		ranks += rd_le32(p + L->rank.offset + 4 * r);
	if (ranks != e->dram_size) {
		/* Spread the size over ranks of at most 2 GiB, as a real table with big parts does. */
		uint64_t rem = e->dram_size;

		for (int r = 0; r < 4; r++) {
			uint32_t part = rem > 0x80000000u ? 0x80000000u : (uint32_t)rem;

			wr_le32(p + L->rank.offset + 4 * r, part);
			rem -= part;
		}
	}
}

/* Does raw_header still say what `emi` says (a parsed block, version and name untouched)? */
static bool raw_header_current(const struct mtkfw_emi *emi)
{
	struct mtkfw_emi probe;
	uint8_t hdr[EMI_HDR_SIZE];

	if (memcmp(emi->raw_header, EMI_MAGIC, sizeof(EMI_MAGIC) - 1) != 0)
		return false;
	/* Parse the stored header alone (count 0) to compare the strings it yields. */
	memcpy(hdr, emi->raw_header, EMI_HDR_SIZE);
	wr_le32(hdr + 0x6C, 0);
	if (mtkfw_emi_parse(&probe, hdr, EMI_HDR_SIZE, "header") != 0)
		return false;
	return strcmp(probe.version, emi->version) == 0 && strcmp(probe.file_name, emi->file_name) == 0;
}

int mtkfw_emi_build(uint8_t **out, size_t *len, const struct mtkfw_emi *emi)
{
	const struct emi_layout *L = layout_of(emi->layout);
	char magic[0x1B + 1];
	size_t n, fl;
	uint8_t *b;

	*out = NULL;
	*len = 0;
	if (!L)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "EMI block %s: entry layout unknown, cannot write it",
				    emi->version);
	if (emi->count > MTKFW_EMI_COUNT_MAX || (emi->count && !emi->entries))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "EMI block: %u entries (limit %d)", emi->count,
				    MTKFW_EMI_COUNT_MAX);
	for (uint32_t i = 0; i < emi->count; i++)
		if (emi->entries[i].id_length > MTKFW_EMI_ID_MAX ||
		    emi->entries[i].dram_size > 4ull * 0x80000000u)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "EMI entry %u: id_length or DRAM size out of range", i);
	if ((size_t)snprintf(magic, sizeof(magic), EMI_MAGIC "%s", emi->version + (emi->version[0] == 'v')) >=
	    sizeof(magic) - 1)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "EMI block: version '%s' too long", emi->version);
	fl = strnlen(emi->file_name, sizeof(emi->file_name));
	if (fl >= 0x3D)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "EMI block: file name longer than 60 bytes");
	n = EMI_HDR_SIZE + (size_t)emi->count * L->entry_size + (emi->has_length ? 4 : 0);
	b = mtkfw_calloc(1, n);
	if (!b)
		return MTKFW_ERR_NOMEM;
	if (raw_header_current(emi)) {
		memcpy(b, emi->raw_header, EMI_HDR_SIZE);
	} else {
		memcpy(b, magic, strlen(magic));
		memcpy(b + 0x1B, emi->file_name, fl);
		memcpy(b + 0x58, emi_const, sizeof(emi_const));
		memcpy(b + 0x64, "MTK_BIN", 8);
	}
	mtkfw_field_put(&emi_hdr[4], b, emi->header_count > emi->count ? emi->header_count : emi->count);
	for (uint32_t i = 0; i < emi->count; i++)
		entry_encode(b + EMI_HDR_SIZE + (size_t)i * L->entry_size, L, &emi->entries[i]);
	if (emi->has_length)
		wr_le32(b + n - 4, (uint32_t)(n - 4));
	*out = b;
	*len = n;
	return 0;
}

int mtkfw_emi_match_cid(struct mtkfw_emi_match *out, const struct mtkfw_emi *emi, const uint8_t cid[16])
{
	uint8_t swapped[16];

	out->index = -1;
	out->word_reversed = false;
	/* The DA prints the CID as four little-endian words: each word's bytes come reversed. */
	for (int w = 0; w < 4; w++)
		for (int b = 0; b < 4; b++)
			swapped[4 * w + b] = cid[4 * w + 3 - b];
	for (int pass = 0; pass < 2; pass++) {
		const uint8_t *c = pass ? swapped : cid;

		/* An unknown layout has a count but no decoded entries. */
		for (uint32_t i = 0; emi->entries && i < emi->count; i++) {
			const struct mtkfw_emi_entry *e = &emi->entries[i];

			/* id_length 0 is a discrete DRAM entry with no eMMC to compare: not a CID match. */
			if (e->id_length && e->id_length <= 16 && memcmp(e->id, c, e->id_length) == 0) {
				out->index = (int)i;
				out->word_reversed = pass == 1;
				return 0;
			}
		}
	}
	return 0;
}
