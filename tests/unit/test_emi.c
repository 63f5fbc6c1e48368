/*
 * lib/firmware preloader + EMI: the eMMC maker table, GFH FILE_INFO, boot1 headers, EMI
 * blocks (v11, v12, v20) read from real preloaders, the writers' byte-identical round trips,
 * the CID matcher, and malformed input. Expected values were read with xxd from the corpus
 * files (offsets in the comments), not from mtkfw's output.
 */
#include "testutil.h"

#include "core/bytes.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void maker_table_is_sane(void **state)
{
	(void)state;
	assert_true(mtkfwi_fw_emmc_maker_count >= 8);
	for (size_t i = 0; i < mtkfwi_fw_emmc_maker_count; i++) {
		assert_non_null(mtkfwi_fw_emmc_makers[i].name);
		assert_true(strlen(mtkfwi_fw_emmc_makers[i].name) > 2);
		if (i)
			assert_true(mtkfwi_fw_emmc_makers[i - 1].mid < mtkfwi_fw_emmc_makers[i].mid); /* sorted, unique */
		assert_string_equal(mtkfw_emmc_maker(mtkfwi_fw_emmc_makers[i].mid), mtkfwi_fw_emmc_makers[i].name);
	}
	/* JEDEC ids the spec's examples use (§B.7). */
	assert_string_equal(mtkfw_emmc_maker(0x15), "Samsung");
	assert_string_equal(mtkfw_emmc_maker(0x90), "SK Hynix");
	assert_string_equal(mtkfw_emmc_maker(0x11), "Toshiba");
	assert_string_equal(mtkfw_emmc_maker(0x45), "SanDisk");
	assert_string_equal(mtkfw_emmc_maker(0x70), "Kingston");
	assert_string_equal(mtkfw_emmc_maker(0xFE), "Micron");
	assert_null(mtkfw_emmc_maker(0x00));
	assert_string_equal(mtkfw_emi_type_name(0x0202), "MCP(eMMC+LPDDR2)");
	assert_null(mtkfw_emi_type_name(0x7777));
}

/* xxd preloader_a516_row.bin: FILE_INFO at 0, EMI block at 0x17E78, length 0x118 at 0x17F90. */
static void a516_preloader(void **state)
{
	static const uint8_t id[9] = { 0x15, 0x01, 0x00, 0x4E, 0x35, 0x55, 0x30, 0x30, 0x4D };
	struct mtkfw_preloader pl;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(path, "AllegroROM_4.2.2_mt6572/A516_S117/scatter/preloader_a516_row.bin");
	buf = slurp(path, &len);
	assert_int_equal(mtkfw_preloader_parse(&pl, buf, len, "a516"), 0);
	assert_int_equal(pl.kind, MTKFW_PRELOADER_RAW);
	assert_int_equal(pl.file_info.file_len, 0x180B8);
	assert_int_equal(pl.file_info.file_len, len);
	assert_int_equal(pl.file_info.max_size, 0x20000);
	assert_int_equal(pl.file_info.content_offset, 0x2F8);
	assert_int_equal(pl.file_info.sig_len, 0x124);
	assert_int_equal(pl.file_info.jump_offset, 0x300);
	assert_int_equal(pl.file_info.load_addr, 0x02007200);
	assert_int_equal(pl.file_info.flash_dev, 5);
	assert_int_equal(pl.file_info.sig_type, 3);
	assert_int_equal(pl.file_info.file_type, 1);
	assert_true(pl.has_emi);
	assert_int_equal(pl.emi_offset, 0x17E78);
	assert_int_equal(pl.emi.length, 0x118 + 4); /* L = 0x118, then L itself */
	assert_true(pl.emi.has_length);
	assert_string_equal(pl.emi.version, "v11");
	assert_string_equal(pl.emi.file_name, "preloader_a516_row.bin");
	assert_int_equal(pl.emi.count, 1);
	assert_int_equal(pl.emi.entries[0].type, 0x0202);
	assert_int_equal(pl.emi.entries[0].id_length, 9);
	assert_memory_equal(pl.emi.entries[0].id, id, 9);
	assert_int_equal(pl.emi.entries[0].freq_mhz, 266); /* 0x10A at 0x17F00 */
	assert_int_equal(pl.emi.entries[0].dram_size, 0x20000000); /* rank 0 at 0x17F78 */
	assert_string_equal(pl.emi.entries[0].maker, "Samsung");
	assert_string_equal(pl.emi.entries[0].product, "N5U00M");
	mtkfw_preloader_clear(&pl);
	free(buf);
	free(path);
}

/* The bare blocks mtkclient ships have no trailing length: 0x70 + N * 168 bytes exactly. */
static void bird72_bare_block(void **state)
{
	static const char *const makers[8] = { "Samsung", "SK Hynix", "Toshiba", "Kingston",
						"SanDisk", "SK Hynix", "Toshiba", "Samsung" };
	struct mtkfw_preloader pl;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(path, "mtkclient/preloader_bird72_cwet_a_kk_6572.bin");
	buf = slurp(path, &len);
	assert_int_equal(len, 0x70 + 8 * 168);
	assert_int_equal(mtkfw_preloader_parse(&pl, buf, len, "bird72"), 0);
	assert_int_equal(pl.kind, MTKFW_PRELOADER_EMI);
	assert_int_equal(pl.emi.count, 8);
	assert_false(pl.emi.has_length);
	assert_string_equal(pl.emi.file_name, "preloader_bird72_cwet_a_kk.bin");
	for (int i = 0; i < 8; i++) {
		assert_string_equal(pl.emi.entries[i].maker, makers[i]);
		assert_int_equal(pl.emi.entries[i].id_length, 9);
	}
	assert_string_equal(pl.emi.entries[3].product, "MMC04G"); /* 70 01 00 4D 4D 43 30 34 47 */
	assert_string_equal(pl.emi.entries[4].product, "SEM04G");
	mtkfw_preloader_clear(&pl);
	free(buf);
	free(path);
}

static void oppo_ranks_add_up(void **state)
{
	struct mtkfw_emi emi;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(path, "mtkclient/preloader_oppo6572_14079.bin");
	buf = slurp(path, &len);
	assert_int_equal(mtkfw_emi_parse(&emi, buf, len, "oppo"), 0);
	assert_int_equal(emi.count, 3);
	assert_int_equal(emi.entries[0].dram_size, 0x20000000);
	/* entry 2: DRAM_RANK_SIZE = 0x20000000, 0x20000000 at 0x70 + 2*0xA8 + 0x90 */
	assert_int_equal(emi.entries[2].dram_size, 0x40000000);
	mtkfw_emi_clear(&emi);
	free(buf);
	free(path);
}

/* Mobiwire S10's PRELOADER readback: EMMC_BOOT at 0, BRLYT at 0x200, GFH at 0x800. */
static void mobiwire_boot1(void **state)
{
	static const uint8_t id0[9] = { 0x90, 0x01, 0x4A, 0x48, 0x34, 0x47, 0x32, 0x61, 0x11 };
	struct mtkfw_preloader pl;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(path, "Mobiwire_S10/preloader_and_dsp");
	buf = slurp(path, &len);
	assert_int_equal(mtkfw_preloader_parse(&pl, buf, len, "mobiwire"), 0);
	assert_int_equal(pl.kind, MTKFW_PRELOADER_BOOT1);
	assert_int_equal(pl.boot1.header_size, 0x800);
	assert_int_equal(pl.boot1.total_size, 0x20800);
	assert_int_equal(pl.boot1.type, 0x10005);
	assert_int_equal(pl.gfh_offset, 0x800);
	assert_int_equal(pl.file_info.file_len, 0x18734);
	assert_int_equal(pl.file_info.content_offset, 0x300);
	assert_int_equal(pl.emi_offset, 100780); /* grep -ob MTK_BLOADER_INFO */
	assert_string_equal(pl.emi.file_name, "preloader_up40_h405f_meo.bin");
	assert_int_equal(pl.emi.count, 6);
	assert_memory_equal(pl.emi.entries[0].id, id0, 9);
	assert_string_equal(pl.emi.entries[0].maker, "SK Hynix");
	mtkfw_preloader_clear(&pl);
	free(buf);
	free(path);
}

/* Sibling chips: v12 (MT6582) and v20 (MT6737M) use 188-byte entries. */
static void sibling_layouts(void **state)
{
	static const uint8_t id0[9] = { 0x15, 0x01, 0x00, 0x46, 0x4E, 0x31, 0x32, 0x4D, 0x42 };
	struct mtkfw_preloader pl;
	size_t len;
	uint8_t *buf;
	(void)state;
	CORPUS_OR_SKIP(path, "mtkclient/preloader_hq6582_we_b1b_l1.bin");
	buf = slurp(path, &len);
	assert_int_equal(len, 0x70 + 7 * 188);
	assert_int_equal(mtkfw_preloader_parse(&pl, buf, len, "hq6582"), 0);
	assert_string_equal(pl.emi.version, "v12");
	assert_int_equal(pl.emi.layout, MTKFW_EMI_LAYOUT_V12);
	assert_int_equal(pl.emi.count, 7);
	assert_int_equal(pl.emi.entries[0].type, 0x0203);
	assert_memory_equal(pl.emi.entries[0].id, id0, 9);
	assert_int_equal(pl.emi.entries[0].dram_size, 0x40000000); /* 0x70 + 0x6C */
	assert_int_equal(pl.emi.entries[0].freq_mhz, 0);
	assert_int_equal(pl.emi.entries[0].dram_vendor, 1);
	assert_int_equal(pl.emi.entries[1].dram_vendor, 6);
	mtkfw_preloader_clear(&pl);
	free(buf);
	free(path);
	{
		CORPUS_OR_SKIP(p2, "device_x5511B_dump/preloader_rlk6737m_65_m0.bin");
		buf = slurp(p2, &len);
		assert_int_equal(mtkfw_preloader_parse(&pl, buf, len, "x5511b"), 0);
		assert_string_equal(pl.emi.version, "v20");
		assert_int_equal(pl.emi_offset, 117212);
		assert_int_equal(pl.emi.count, 4);
		assert_true(pl.emi.has_length);       /* 0x360 at the block's end */
		assert_int_equal(pl.emi.length, 0x364);
		assert_string_equal(pl.emi.entries[0].maker, "Samsung");
		mtkfw_preloader_clear(&pl);
		free(buf);
		free(p2);
	}
}

/* Parse → write is byte-identical for every EMI block in the corpus. */
static void emi_round_trip(void **state)
{
	static const char *const files[] = {
		"AllegroROM_4.2.2_mt6572/A516_S117/scatter/preloader_a516_row.bin",
		"mtkclient/preloader_bird72_cwet_a_kk_6572.bin",
		"mtkclient/preloader_oppo6572_14079.bin",
		"mtkclient/preloader_hq6582_we_b1b_l1.bin",
		"mtkclient/preloader_oppo6582_15066.bin",
		"mtkclient/preloader_rlk6580_we_c_m.bin",
		"Mobiwire_S10/preloader_and_dsp",
		"MTK6572-pe900s/preloader_lightning72_wet_l_jb3.bin",
		"device_x5511B_dump/preloader_rlk6737m_65_m0.bin",
		"device_x5511B_dump/preloader.img",
	};
	int done = 0;
	(void)state;
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char *path = corpus_file(files[f]);
		struct mtkfw_preloader pl;
		uint8_t *buf, *out;
		size_t len, olen;

		if (!path)
			continue;
		buf = slurp(path, &len);
		assert_int_equal(mtkfw_preloader_parse(&pl, buf, len, files[f]), 0);
		assert_true(pl.has_emi);
		assert_int_equal(mtkfw_emi_build(&out, &olen, &pl.emi), 0);
		assert_int_equal(olen, pl.emi.length);
		assert_memory_equal(out, buf + pl.emi_offset, olen);
		free(out);
		/* A renamed table gets a freshly written header with the new name. */
		snprintf(pl.emi.file_name, sizeof(pl.emi.file_name), "preloader_renamed.bin");
		assert_int_equal(mtkfw_emi_build(&out, &olen, &pl.emi), 0);
		{
			struct mtkfw_emi again;

			assert_int_equal(mtkfw_emi_parse(&again, out, olen, "renamed"), 0);
			assert_string_equal(again.file_name, "preloader_renamed.bin");
			assert_int_equal(again.count, pl.emi.count);
			assert_memory_equal(out + 0x70, buf + pl.emi_offset + 0x70, olen - 0x70);
			mtkfw_emi_clear(&again);
		}
		free(out);
		mtkfw_preloader_clear(&pl);
		free(buf);
		free(path);
		done++;
	}
	if (!done)
		skip();
}

/* The 0x800-byte boot1 header area writes back byte-identical, and wrapping the preloader
 * found inside a readback gives the readback's own header and layout back. */
static void boot1_round_trip(void **state)
{
	static const struct {
		const char *file;
		uint32_t pl_len, total;
	} cases[] = {
		{ "Mobiwire_S10/preloader_and_dsp", 0x18734, 0 },        /* MT6572: 0x800 + max_size */
		{ "device_x5511B_dump/preloader.img", 118372, 0x1D800 }, /* MT6737: as the tool chose */
	};
	int done = 0;
	(void)state;
	for (size_t c = 0; c < 2; c++) {
		char *path = corpus_file(cases[c].file);
		struct mtkfw_boot1_header h;
		uint8_t hdr[0x800], *buf, *out;
		size_t len, olen;

		if (!path)
			continue;
		buf = slurp(path, &len);
		assert_int_equal(mtkfw_boot1_header_parse(&h, buf, len, "boot1"), 0);
		assert_int_equal(mtkfw_boot1_header_write(hdr, sizeof(hdr), &h), 0);
		assert_memory_equal(hdr, buf, 0x800);
		assert_int_equal(mtkfw_boot1_wrap(&out, &olen, buf + 0x800, cases[c].pl_len, cases[c].total), 0);
		assert_int_equal(olen, h.total_size);
		assert_memory_equal(out, buf, 0x800 + cases[c].pl_len);
		free(out);
		free(buf);
		free(path);
		done++;
	}
	if (!done)
		skip();
}

static void make_entry(struct mtkfw_emi_entry *e, const char *id9, uint64_t dram)
{
	memset(e, 0, sizeof(*e));
	e->type = 0x0202;
	memcpy(e->id, id9, 9);
	e->id_length = 9;
	e->freq_mhz = 266;
	e->dram_size = dram;
}

/* A hand-made table through the synthetic preloader and the boot1 wrapper parses back. */
static void synth_preloader(void **state)
{
	struct mtkfw_emi_entry ents[3];
	struct mtkfw_emi emi = { .version = "v11", .layout = MTKFW_EMI_LAYOUT_V11, .file_name = "preloader_sample.bin",
				 .count = 3, .entries = ents };
	struct mtkfw_preloader pl;
	uint8_t *img, *b1;
	size_t ilen, blen;
	(void)state;
	make_entry(&ents[0], "\x15\x01\x00" "N5U00M", 512u << 20);
	make_entry(&ents[1], "\x90\x01\x4A" "H4G2a\x11", 1u << 30);
	make_entry(&ents[2], "\0\0\0\0\0\0\0\0", 0);
	ents[2].id_length = 0;
	assert_int_equal(mtkfw_preloader_synth(&img, &ilen, &emi), 0);
	assert_true(ilen <= 0x20000);
	assert_int_equal(mtkfw_preloader_parse(&pl, img, ilen, "synth"), 0);
	assert_int_equal(pl.kind, MTKFW_PRELOADER_RAW);
	assert_int_equal(pl.file_info.file_len, ilen);
	assert_int_equal(pl.file_info.flash_dev, 5);
	assert_true(pl.emi.has_length);
	assert_int_equal(pl.emi.count, 3);
	assert_string_equal(pl.emi.entries[0].product, "N5U00M");
	assert_string_equal(pl.emi.entries[1].maker, "SK Hynix");
	assert_int_equal(pl.emi.entries[1].dram_size, 1u << 30);
	assert_null(pl.emi.entries[2].maker);
	mtkfw_preloader_clear(&pl);
	assert_int_equal(mtkfw_boot1_wrap(&b1, &blen, img, ilen, 0), 0);
	assert_int_equal(blen, 0x800 + 0x20000);
	assert_int_equal(mtkfw_preloader_parse(&pl, b1, blen, "synth boot1"), 0);
	assert_int_equal(pl.kind, MTKFW_PRELOADER_BOOT1);
	assert_int_equal(pl.emi.count, 3);
	mtkfw_preloader_clear(&pl);
	free(b1);
	free(img);
	/* A layout the writer does not know is refused, not guessed. */
	emi.layout = MTKFW_EMI_LAYOUT_UNKNOWN;
	assert_int_equal(mtkfw_emi_build(&img, &ilen, &emi), MTKFW_ERR_UNSUPPORTED);
}

static void cid_matching(void **state)
{
	struct mtkfw_emi_entry ents[2];
	struct mtkfw_emi emi = { .version = "v11", .layout = MTKFW_EMI_LAYOUT_V11, .count = 2, .entries = ents };
	/* A Samsung CID as the card sends it: MID, CBX, OID, PNM "N5U00M", PRV, PSN, MDT, CRC. */
	const uint8_t cid[16] = { 0x15, 0x01, 0x00, 0x4E, 0x35, 0x55, 0x30, 0x30,
				  0x4D, 0x10, 0xAB, 0xCD, 0xEF, 0x01, 0x7A, 0x33 };
	uint8_t da[16], other[16];
	struct mtkfw_emi_match m;
	(void)state;
	make_entry(&ents[0], "\x90\x01\x4A" "H4G2a\x11", 512u << 20);
	make_entry(&ents[1], "\x15\x01\x00" "N5U00M", 512u << 20);
	assert_int_equal(mtkfw_emi_match_cid(&m, &emi, cid), 0);
	assert_int_equal(m.index, 1);
	assert_false(m.word_reversed);
	for (int w = 0; w < 4; w++) /* the DA's order: each 32-bit word reversed */
		for (int b = 0; b < 4; b++)
			da[4 * w + b] = cid[4 * w + 3 - b];
	assert_int_equal(mtkfw_emi_match_cid(&m, &emi, da), 0);
	assert_int_equal(m.index, 1);
	assert_true(m.word_reversed);
	memcpy(other, cid, 16);
	other[8] = 'X'; /* last compared byte differs */
	assert_int_equal(mtkfw_emi_match_cid(&m, &emi, other), 0);
	assert_int_equal(m.index, -1);
}

static uint8_t *fake_block(const char *version, uint32_t count, size_t entry_size, bool trailer, size_t *len)
{
	size_t n = 0x70 + count * entry_size + (trailer ? 4 : 0);
	uint8_t *b = calloc(1, n);

	assert_non_null(b);
	memcpy(b, "MTK_BLOADER_INFO_", 17);
	memcpy(b + 17, version, strlen(version));
	memcpy(b + 0x64, "MTK_BIN", 8);
	wr_le32(b + 0x6C, count);
	for (uint32_t i = 0; i < count; i++)
		if (entry_size == 168)
			wr_le32(b + 0x70 + i * entry_size + 0x14, 9);
	if (trailer)
		wr_le32(b + n - 4, (uint32_t)(n - 4));
	*len = n;
	return b;
}

/* Public EMI blocks of later chips: v22 (176-byte entries) and v25 (160) were taken for the
 * 188-byte v2x layout and refused as truncated ("v22 with 4 entries needs 864 bytes, has 816")
 * though whole. They are named, counted, not decoded; v20 keeps its layout, and a v20 block cut
 * short is still truncated. */
static void other_v2x_sizes(void **state)
{
	struct mtkfw_emi emi;
	uint8_t *b;
	size_t len;
	(void)state;
	const struct {
		const char *v;
		size_t size;
	} seen[] = { { "v22", 176 }, { "v24", 164 }, { "v25", 160 }, { "v28", 144 } };

	for (size_t i = 0; i < sizeof(seen) / sizeof(seen[0]); i++) {
		b = fake_block(seen[i].v, 4, seen[i].size, false, &len);
		assert_int_equal(mtkfw_emi_parse(&emi, b, len, "x"), 0);
		assert_int_equal(emi.layout, MTKFW_EMI_LAYOUT_UNKNOWN);
		assert_int_equal(emi.count, 4);
		assert_null(emi.entries);
		mtkfw_emi_clear(&emi);
		free(b);
	}
	b = fake_block("v20", 2, 188, false, &len);
	assert_int_equal(mtkfw_emi_parse(&emi, b, len, "x"), 0);
	assert_int_equal(emi.layout, MTKFW_EMI_LAYOUT_V12);
	mtkfw_emi_clear(&emi);
	assert_int_equal(mtkfw_emi_parse(&emi, b, 208, "x"), MTKFW_ERR_TRUNCATED);
	free(b);
}

/* A table whose header states its capacity (16) while its own length word frames fewer entries
 * (10), as an MT6582 preloader_j5052.bin does: the length wins, and the writer keeps the
 * header's number so parse -> write stays byte-identical. Before, parse failed "needs 3120
 * bytes, has 1996" and info/profile refused the preloader. */
static void header_count_over_length(void **state)
{
	struct mtkfw_emi emi;
	struct mtkfw_preloader pl;
	uint8_t *b, *w, *img;
	size_t len, wlen, ilen;
	(void)state;
	b = fake_block("v12", 3, 188, true, &len);
	wr_le32(b + 0x6C, 16);
	assert_int_equal(mtkfw_emi_parse(&emi, b, len, "x"), 0);
	assert_int_equal(emi.count, 3);
	assert_int_equal(emi.header_count, 16);
	assert_true(emi.has_length);
	assert_int_equal(emi.length, len);
	assert_int_equal(mtkfw_emi_build(&w, &wlen, &emi), 0);
	assert_int_equal(wlen, len);
	assert_memory_equal(w, b, len);
	free(w);
	/* inside a preloader, where the block is cut by the GFH lengths */
	emi.raw_header[0] = 0; /* write the header afresh: the count must still be the header's */
	assert_int_equal(mtkfw_preloader_synth(&img, &ilen, &emi), 0);
	mtkfw_emi_clear(&emi);
	assert_int_equal(mtkfw_preloader_parse(&pl, img, ilen, "p"), 0);
	assert_true(pl.has_emi);
	assert_int_equal(pl.emi.count, 3);
	assert_int_equal(pl.emi.header_count, 16);
	mtkfw_preloader_clear(&pl);
	free(img);
	/* without the length word nothing frames the entries: still truncated */
	assert_int_equal(mtkfw_emi_parse(&emi, b, len - 4, "x"), MTKFW_ERR_TRUNCATED);
	free(b);
}

/* A preloader whose EMI block is an unfilled template (magic and file name, then spaces where
 * the NULs and MTK_BIN would be, as in a public MT8173 EVB preloader.bin) is still a preloader,
 * with no EMI table. Before, info and profile failed "EMI block v00      lacks MTK_BIN", the
 * version carrying the template's spaces. */
static void blank_template_block(void **state)
{
	struct mtkfw_emi_entry ent;
	struct mtkfw_emi emi = { .version = "v00", .layout = MTKFW_EMI_LAYOUT_V11, .file_name = "preloader_evb.bin",
				 .count = 1, .entries = &ent };
	struct mtkfw_preloader pl;
	uint8_t *img;
	size_t ilen, off = 0;
	(void)state;
	make_entry(&ent, "\x15\x01\x00" "N5U00M", 512u << 20);
	assert_int_equal(mtkfw_preloader_synth(&img, &ilen, &emi), 0);
	while (off + 18 <= ilen && memcmp(img + off, "MTK_BLOADER_INFO_v", 18) != 0)
		off++;
	assert_true(off + 0x70 < ilen);
	for (size_t i = off + 21; i < off + 0x70; i++) /* after "..._v00": the template's spaces */
		if (img[i] == 0 || (i >= off + 0x64 && i < off + 0x6C))
			img[i] = ' ';
	assert_int_equal(mtkfw_preloader_parse(&pl, img, ilen, "evb"), 0);
	assert_false(pl.has_emi);
	assert_true(pl.emi_blank); /* said as such, not "no block found" */
	assert_int_equal(pl.emi_offset, off);
	assert_int_equal(pl.file_info.file_len, ilen);
	mtkfw_preloader_clear(&pl);
	/* The bare block still fails, in one clean line. */
	assert_int_equal(mtkfw_emi_parse(&emi, img + off, ilen - off, "blk"), MTKFW_ERR_FORMAT);
	assert_string_equal(mtkfw_error_last()->message, "blk: EMI block v00 lacks MTK_BIN at 0x64");
	free(img);
}

static void malformed_blocks(void **state)
{
	struct mtkfw_emi emi;
	struct mtkfw_preloader pl;
	uint8_t *b;
	size_t len;
	(void)state;
	/* garbage and short input */
	assert_int_equal(mtkfw_emi_parse(&emi, (const uint8_t *)"hello world, not EMI", 20, "x"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_emi_parse(&emi, (const uint8_t *)"MTK_BLOADER_INFO_v11", 20, "x"), MTKFW_ERR_TRUNCATED);
	assert_non_null(strstr(mtkfw_error_last()->message, "x:"));
	/* count says 8, data holds 2 */
	b = fake_block("v11", 8, 168, false, &len);
	assert_int_equal(mtkfw_emi_parse(&emi, b, 0x70 + 2 * 168, "x"), MTKFW_ERR_TRUNCATED);
	/* absurd count */
	wr_le32(b + 0x6C, 0x7FFFFFFF);
	assert_int_equal(mtkfw_emi_parse(&emi, b, len, "x"), MTKFW_ERR_LIMIT);
	free(b);
	/* id_length larger than the id field */
	b = fake_block("v11", 1, 168, true, &len);
	wr_le32(b + 0x70 + 0x14, 4000);
	assert_int_equal(mtkfw_emi_parse(&emi, b, len, "x"), MTKFW_ERR_FORMAT);
	free(b);
	/* an unknown version whose entries are 168 bytes is read with the v11 layout */
	b = fake_block("v99", 2, 168, true, &len);
	assert_int_equal(mtkfw_emi_parse(&emi, b, len, "x"), 0);
	assert_int_equal(emi.layout, MTKFW_EMI_LAYOUT_V11);
	assert_int_equal(emi.count, 2);
	mtkfw_emi_clear(&emi);
	free(b);
	/* ... and one with 200-byte entries is recognised, named, and not decoded */
	b = fake_block("v13", 3, 200, true, &len);
	assert_int_equal(mtkfw_emi_parse(&emi, b, len, "x"), 0);
	assert_int_equal(emi.layout, MTKFW_EMI_LAYOUT_UNKNOWN);
	assert_string_equal(emi.version, "v13");
	assert_int_equal(emi.count, 3);
	assert_null(emi.entries);
	{
		struct mtkfw_emi_match m;
		uint8_t cid[16] = { 0 };

		assert_int_equal(mtkfw_emi_match_cid(&m, &emi, cid), 0);
		assert_int_equal(m.index, -1);
	}
	mtkfw_emi_clear(&emi);
	free(b);
	/* preloaders: no GFH, truncated GFH, file_len past the end, broken BRLYT */
	assert_int_equal(mtkfw_preloader_parse(&pl, (const uint8_t *)"\x7f" "ELF", 4, "p"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_preloader_parse(&pl, (const uint8_t *)"MMM\x01\x38\x00", 6, "p"), MTKFW_ERR_TRUNCATED);
	b = calloc(1, 0x900);
	memcpy(b, "MMM\x01\x38\x00\x00\x00" "FILE_INFO", 17);
	wr_le32(b + 0x20, 0xFFFFFFF0);
	assert_int_equal(mtkfw_preloader_parse(&pl, b, 0x900, "p"), MTKFW_ERR_TRUNCATED);
	memset(b, 0, 0x900);
	memcpy(b, "EMMC_BOOT\0\0\0", 12);
	assert_int_equal(mtkfw_preloader_parse(&pl, b, 0x900, "p"), MTKFW_ERR_FORMAT);
	memcpy(b + 0x200, "BRLYT\0\0\0", 8);
	memcpy(b + 0x214, "BBBB", 4);
	wr_le32(b + 0x20C, 0x800);
	wr_le32(b + 0x210, 0x400); /* total smaller than the header */
	assert_int_equal(mtkfw_preloader_parse(&pl, b, 0x900, "p"), MTKFW_ERR_FORMAT);
	wr_le32(b + 0x210, 0x20800);
	assert_int_equal(mtkfw_preloader_parse(&pl, b, 0x900, "p"), MTKFW_ERR_FORMAT); /* no GFH at 0x800 */
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(maker_table_is_sane), cmocka_unit_test(a516_preloader),
		cmocka_unit_test(bird72_bare_block),   cmocka_unit_test(oppo_ranks_add_up),
		cmocka_unit_test(mobiwire_boot1),      cmocka_unit_test(sibling_layouts),
		cmocka_unit_test(emi_round_trip),      cmocka_unit_test(boot1_round_trip),
		cmocka_unit_test(synth_preloader),     cmocka_unit_test(cid_matching),
		cmocka_unit_test(malformed_blocks),    cmocka_unit_test(header_count_over_length),
		cmocka_unit_test(other_v2x_sizes),
		cmocka_unit_test(blank_template_block),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
