/*
 * lib/firmware modem: the identity trailer, DbgInfo, BPLGUInfo names, the stub, the finder
 * over a system image, and the JSON both ways.
 *
 * Corpus facts, read with xxd and strings (never from our output):
 *  - fly_iq434_mt6571/modem_1_2g_n.img, 2392212 bytes: `xxd -s 0x247ef4` shows the project
 *    HEXING71_ET_JB7_GPRS at end-416, DEFAULT at end-288, MOLY.WR8.W1315.MD.WG.MP.V38.T1 at
 *    end-252, CHECK_HEADER at end-188 followed by 02000000 02000000 01000000 (version 2,
 *    release, 2G), MT6571_S00, "2014/08/21 11:09"; the last 20 bytes are 01000000 00006000
 *    f47e2400 00005c00 bc000000 (bind_sys_id 1, 0x600000, 0x247ef4, 0x5c0000, S = 188).
 *    `strings -t x` shows "V530.P02A.V01" at 0x22df20 right before
 *    "WR8.W1315.MD.WG.MP HEXING71_ET_JB7_GPRS" and "2014/08/21 11:09" (the version record).
 *  - The DbgInfo of orangepi3g_hexing72_wg_b28 starts (xxd) CATI 01000000 00000000, then
 *    "WR8.W1315.MD.WG.MP HEXING72_CWET_KK_HSPA", "MT6572_S00", "MOLY.WR8.W1315.MD.WG.MP.V47",
 *    "2017/09/20 22:17".
 *  - alcatel_pixi3_4_4013d/modem_1_wg_n.img.stub is the 32 bytes "/custpack/modem/modem_1_wg_n.img".
 *  - PROVENANCE.tsv: the Fly modem's mddb is BPLGUInfoCustomAppSrcP_MT6571_S00_V530_P02A_V01_1_2g_n.
 */
#include "testutil.h"

#include "core/bytes.h"
#include "firmware/modem_internal.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FLY "modem/fly_iq434_mt6571/modem_1_2g_n.img"
#define DBG "modem/orangepi3g_hexing72_wg_b28/DbgInfo_WR8.W1315.MD.WG.MP_HEXING72_CWET_KK_HSPA_MOLY_WR8_W1315_MD_WG_MP_V47_2017_09_20_22_17_1_wg_n"
#define STUB "modem/alcatel_pixi3_4_4013d/modem_1_wg_n.img.stub"
#define FLY_MDDB "BPLGUInfoCustomAppSrcP_MT6571_S00_V530_P02A_V01_1_2g_n"

/* A modem image made here: ARM vectors, a body (with the version record when `custom`), and a
 * trailer written by the library's writer. */
static uint8_t *synth(size_t body, const char *project, const char *verno, const char *when, const char *custom,
		      size_t *len)
{
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	uint8_t *b = calloc(1, body + MTKFW_MODEM_TRAILER_MAX);
	size_t tl = 0;

	assert_non_null(m);
	assert_non_null(b);
	for (int i = 0; i < 8; i++)
		wr_le32(b + 4 * i, 0xE59FF018);
	if (custom) {
		char rec[400];
		int n = snprintf(rec, sizeof(rec), "%c%s%cWR8.W1315.MD.WG.MP %s%c%s", 0x19, custom, 0, project, 0, when);

		assert_true(body / 2 + (size_t)n + 1 < body);
		memcpy(b + body / 2, rec, (size_t)n + 1);
	}
	snprintf(m->project, sizeof(m->project), "%s", project);
	snprintf(m->flavor, sizeof(m->flavor), "DEFAULT");
	snprintf(m->verno, sizeof(m->verno), "%s", verno);
	snprintf(m->platform, sizeof(m->platform), "MT6572_S00");
	snprintf(m->build_time, sizeof(m->build_time), "%s", when);
	m->header_version = 2;
	m->product_version = 2;
	m->image_type = MTKFW_MODEM_TYPE_WG;
	m->bind_sys_id = 1;
	m->mem_size = 0x600000;
	m->image_size = (uint32_t)body;
	assert_int_equal(mtkfw_modem_write_trailer(b + body, MTKFW_MODEM_TRAILER_MAX, &tl, m), 0);
	assert_int_equal(tl, 416);
	free(m);
	*len = body + tl;
	return b;
}

static struct mtkfw_modem *parse_tail(const uint8_t *b, size_t len, int want)
{
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	size_t tn = len < MTKFW_MODEM_TRAILER_MAX ? len : MTKFW_MODEM_TRAILER_MAX;

	assert_non_null(m);
	assert_int_equal(mtkfw_modem_parse_trailer(m, b + len - tn, tn, len, "t"), want);
	return m;
}

static void fly_trailer(void **state)
{
	struct mtkfw_modem *m;
	uint8_t *b, out[MTKFW_MODEM_TRAILER_MAX];
	size_t len, tl;
	(void)state;
	CORPUS_OR_SKIP(path, FLY);
	b = slurp(path, &len);
	assert_int_equal(len, 2392212);
	m = parse_tail(b, len, 0);
	assert_int_equal(m->kind, MTKFW_MODEM_IMAGE);
	assert_string_equal(m->project, "HEXING71_ET_JB7_GPRS");
	assert_string_equal(m->flavor, "DEFAULT");
	assert_string_equal(m->verno, "MOLY.WR8.W1315.MD.WG.MP.V38.T1");
	assert_string_equal(m->platform, "MT6571_S00");
	assert_string_equal(m->build_time, "2014/08/21 11:09");
	assert_string_equal(m->build_version, "");
	assert_int_equal(m->header_version, 2);
	assert_int_equal(m->product_version, 2);
	assert_int_equal(m->image_type, MTKFW_MODEM_TYPE_2G);
	assert_string_equal(mtkfw_modem_type_name(m->image_type), "2G");
	assert_int_equal(m->bind_sys_id, 1);
	assert_int_equal(m->mem_size, 0x600000);
	assert_int_equal(m->image_size, 0x247ef4);
	assert_int_equal(m->reserved_info, 0x5c0000);
	assert_int_equal(m->header_size, 188);
	assert_int_equal(m->file_size, len);
	/* parse -> write is byte-identical with the file's last 416 bytes */
	assert_int_equal(mtkfw_modem_write_trailer(out, sizeof(out), &tl, m), 0);
	assert_int_equal(tl, 416);
	assert_memory_equal(out, b + len - 416, 416);
	/* the writer's fields: a new project goes where the old one was, nothing else moves */
	snprintf(m->project, sizeof(m->project), "HEXING72_CWET_KK_GPRS");
	assert_int_equal(mtkfw_modem_write_trailer(out, sizeof(out), &tl, m), 0);
	assert_memory_equal(out, "HEXING72_CWET_KK_GPRS\0", 22);
	assert_memory_equal(out + 128, b + len - 416 + 128, 416 - 128);
	free(m);
	free(b);
	free(path);
}

static void fly_open(void **state)
{
	struct mtkfw_modem m;
	(void)state;
	CORPUS_OR_SKIP(path, FLY);
	assert_int_equal(mtkfw_modem_open(&m, path), 0);
	assert_string_equal(m.file, path);
	assert_string_equal(m.project, "HEXING71_ET_JB7_GPRS");
	/* the version record in the body names the vendor's number */
	assert_string_equal(m.custom_verno, "V530.P02A.V01");
	assert_int_equal(m.mddb.count, 0);
	/* the mddb name PROVENANCE gives for this modem names it; the Orange Pi's does not */
	assert_int_equal(mtkfw_modem_names(&m, FLY_MDDB), MTKFW_MODEM_NAMES_IT);
	assert_int_equal(mtkfw_modem_names(&m, "BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V47_1_wg_n"),
			 MTKFW_MODEM_NAMES_OTHER);
	/* same platform and version but a WG name for a 2G modem */
	assert_int_equal(mtkfw_modem_names(&m, "BPLGUInfoCustomAppSrcP_MT6571_S00_V530_P02A_V01_1_wg_n"),
			 MTKFW_MODEM_NAMES_OTHER);
	assert_int_equal(mtkfw_modem_names(&m, "catcher_filter_1_2g_n.bin"), MTKFW_MODEM_NAMES_NONE);
	/* a DbgInfo name may carry either version; project and build time must be this modem's */
	assert_int_equal(mtkfw_modem_names(&m, "DbgInfo_WR8.W1315.MD.WG.MP_HEXING71_ET_JB7_GPRS_V530_P02A_V01_2014_08_21_11_09_1_2g_n"),
			 MTKFW_MODEM_NAMES_IT);
	assert_int_equal(mtkfw_modem_names(&m, "DbgInfo_WR8.W1315.MD.WG.MP_HEXING71_ET_JB7_GPRS_MOLY_WR8_W1315_MD_WG_MP_V38_T1_2014_08_21_11_09"),
			 MTKFW_MODEM_NAMES_IT);
	assert_int_equal(mtkfw_modem_names(&m, "DbgInfo_WR8.W1315.MD.WG.MP_HEXING71_ET_JB7_GPRS_V530_P02A_V01_2014_08_22_11_09_1_2g_n"),
			 MTKFW_MODEM_NAMES_OTHER);
	assert_int_equal(mtkfw_modem_names(&m, "DbgInfo_WR8.W1315.MD.WG.MP_HEXING71_ET_JB7_GPRSX_V530_P02A_V01_2014_08_21_11_09_1_2g_n"),
			 MTKFW_MODEM_NAMES_OTHER);
	mtkfw_modem_clear(&m);
	free(path);
}

static void dbginfo(void **state)
{
	struct mtkfw_modem m, img;
	uint8_t *b;
	size_t len;
	(void)state;
	CORPUS_OR_SKIP(path, DBG);
	b = slurp(path, &len);
	assert_int_equal(mtkfw_modem_parse_dbginfo(&m, b, len, "d"), 0);
	assert_int_equal(m.kind, MTKFW_MODEM_DBGINFO);
	assert_string_equal(m.branch, "WR8.W1315.MD.WG.MP");
	assert_string_equal(m.project, "HEXING72_CWET_KK_HSPA");
	assert_string_equal(m.platform, "MT6572_S00");
	assert_string_equal(m.verno, "MOLY.WR8.W1315.MD.WG.MP.V47");
	assert_string_equal(m.build_time, "2017/09/20 22:17");
	/* its file name names a modem of that project, verno and build time, not another */
	memset(&img, 0, sizeof(img));
	snprintf(img.project, sizeof(img.project), "HEXING72_CWET_KK_HSPA");
	snprintf(img.verno, sizeof(img.verno), "MOLY.WR8.W1315.MD.WG.MP.V47");
	snprintf(img.build_time, sizeof(img.build_time), "2017/09/20 22:17");
	assert_int_equal(mtkfw_modem_names(&img, strrchr(path, '/') + 1), MTKFW_MODEM_NAMES_IT);
	snprintf(img.build_time, sizeof(img.build_time), "2017/09/21 10:02");
	assert_int_equal(mtkfw_modem_names(&img, strrchr(path, '/') + 1), MTKFW_MODEM_NAMES_OTHER);
	/* through the file reader: the type comes from the name's suffix */
	assert_int_equal(mtkfw_modem_open(&img, path), 0);
	assert_int_equal(img.kind, MTKFW_MODEM_DBGINFO);
	assert_int_equal(img.image_type, MTKFW_MODEM_TYPE_WG);
	mtkfw_modem_clear(&img);
	/* cut inside the strings, another version, no magic */
	assert_int_equal(mtkfw_modem_parse_dbginfo(&m, b, 40, "d"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_modem_parse_dbginfo(&m, b, 8, "d"), MTKFW_ERR_FORMAT);
	b[4] = 2;
	assert_int_equal(mtkfw_modem_parse_dbginfo(&m, b, len, "d"), MTKFW_ERR_UNSUPPORTED);
	b[0] = 'X';
	assert_int_equal(mtkfw_modem_parse_dbginfo(&m, b, len, "d"), MTKFW_ERR_FORMAT);
	free(b);
	free(path);
}

static void stub(void **state)
{
	struct mtkfw_modem m;
	(void)state;
	CORPUS_OR_SKIP(path, STUB);
	assert_int_equal(mtkfw_modem_open(&m, path), 0);
	assert_int_equal(m.kind, MTKFW_MODEM_STUB);
	assert_string_equal(m.target, "/custpack/modem/modem_1_wg_n.img");
	assert_int_equal(m.image_type, MTKFW_MODEM_TYPE_WG);
	assert_string_equal(m.project, "");
	mtkfw_modem_clear(&m);
	free(path);
	/* not stubs: another path, words, a long text */
	assert_int_equal(mtkfw_modem_parse_stub(&m, (const uint8_t *)"/etc/hosts", 10, "s"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_modem_parse_stub(&m, (const uint8_t *)"hello world", 11, "s"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_modem_parse_stub(&m, (const uint8_t *)"/a b/modem.img", 14, "s"), MTKFW_ERR_FORMAT);
	{
		char big[400];

		memset(big, 'a', sizeof(big));
		memcpy(big, "/x/modem", 8);
		memcpy(big + sizeof(big) - 4, ".img", 4);
		assert_int_equal(mtkfw_modem_parse_stub(&m, (const uint8_t *)big, sizeof(big), "s"), MTKFW_ERR_FORMAT);
	}
	assert_int_equal(mtkfw_modem_parse_stub(&m, (const uint8_t *)"/vendor/modem.img\n", 18, "s"), 0);
	assert_string_equal(m.target, "/vendor/modem.img");
	mtkfw_modem_clear(&m);
}

static void mddb_names(void **state)
{
	struct mtkfw_modem m;
	(void)state;
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, "BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V47_1_wg_n"), 0);
	assert_int_equal(m.kind, MTKFW_MODEM_MDDB);
	assert_string_equal(m.platform, "MT6572_S00");
	assert_string_equal(m.verno, "MOLY.WR8.W1315.MD.WG.MP.V47");
	assert_int_equal(m.image_type, MTKFW_MODEM_TYPE_WG);
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, FLY_MDDB), 0);
	assert_string_equal(m.platform, "MT6571_S00");
	assert_string_equal(m.verno, "V530.P02A.V01");
	assert_int_equal(m.image_type, MTKFW_MODEM_TYPE_2G);
	/* without "SrcP", without a suffix */
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, "BPLGUInfoCustomApp_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V1_P3"), 0);
	assert_string_equal(m.verno, "MOLY.WR8.W1315.MD.WG.MP.V1.P3");
	assert_int_equal(m.image_type, MTKFW_MODEM_TYPE_UNKNOWN);
	/* not such names */
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, "APDB_MT6572_S01_ALPS.JB3.MP_"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, "BPLGUInfoCustomAppSrcP_"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, "BPLGUInfoCustomAppSrcP_MT6572_S00_"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, "BPLGUInfoCustomAppSrcP_MT6572_S00_1_wg_n"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_modem_parse_mddb_name(&m, "BPLGUInfoCustomAppSrcP_MT6572_X00_V1"), MTKFW_ERR_FORMAT);
	/* the type table, whole */
	static const char *const names[] = { NULL, "2G", "3G", "WG", "TG", "LWG", "LTG" };
	for (uint32_t t = 0; t < 7; t++) {
		char fname[64];

		if (names[t])
			assert_string_equal(mtkfw_modem_type_name(t), names[t]);
		else
			assert_null(mtkfw_modem_type_name(t));
		if (!names[t])
			continue;
		snprintf(fname, sizeof(fname), "modem_1_%s_n.img", names[t]);
		for (char *c = fname; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
		assert_int_equal(mtkfwi_modem_type_from_name(fname), t);
	}
	assert_null(mtkfw_modem_type_name(7));
	assert_string_equal(mtkfw_modem_kind_name(MTKFW_MODEM_MDDB), "mddb");
}

/* Truncated, garbage and absurd sizes: every one a clean error, never a read out of bounds. */
static void bad_trailers(void **state)
{
	uint8_t *b, junk[2000];
	size_t len;
	struct mtkfw_modem *m;
	(void)state;

	b = synth(4096, "P_ONE", "MOLY.V1", "2020/01/02 03:04", NULL, &len);
	free(parse_tail(b, len, 0));
	/* the announced trailer is longer than the file */
	free(parse_tail(b + len - 300, 300, MTKFW_ERR_TRUNCATED));
	free(parse_tail(b + len - 3, 3, MTKFW_ERR_TRUNCATED));
	free(parse_tail(b, 0, MTKFW_ERR_TRUNCATED));
	/* S out of bounds: small, huge, all ones */
	wr_le32(b + len - 4, 187);
	free(parse_tail(b, len, MTKFW_ERR_FORMAT));
	wr_le32(b + len - 4, MTKFW_MODEM_HEADER_MAX + 1);
	free(parse_tail(b, len, MTKFW_ERR_FORMAT));
	wr_le32(b + len - 4, 0xFFFFFFFFu);
	free(parse_tail(b, len, MTKFW_ERR_FORMAT));
	/* S in range but no CHECK_HEADER there */
	wr_le32(b + len - 4, 200);
	free(parse_tail(b, len, MTKFW_ERR_FORMAT));
	wr_le32(b + len - 4, 188);
	b[len - 188] = 'X';
	free(parse_tail(b, len, MTKFW_ERR_FORMAT));
	free(b);
	/* garbage */
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 7 + 3);
	free(parse_tail(junk, sizeof(junk), MTKFW_ERR_FORMAT));
	/* the caller gave too little of the end for the trailer it announces */
	b = synth(1024, "P", "V", "T", NULL, &len);
	m = calloc(1, sizeof(*m));
	assert_int_equal(mtkfw_modem_parse_trailer(m, b + len - 100, 100, len, "t"), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_modem_parse_trailer(m, b, len, len - 1, "t"), MTKFW_ERR_INVALID);
	/* text that is not ASCII, and a field with no NUL at all */
	b[len - 416] = 0x80;
	memset(b + len - 288, 'F', 36);
	free(m);
	m = parse_tail(b, len, 0);
	assert_string_equal(m->project, "?");
	assert_int_equal(strlen(m->flavor), 36);
	/* the writer refuses an absurd S and a short buffer */
	{
		uint8_t out[MTKFW_MODEM_TRAILER_MAX];
		size_t tl;

		m->header_size = 100;
		assert_int_equal(mtkfw_modem_write_trailer(out, sizeof(out), &tl, m), MTKFW_ERR_INVALID);
		m->header_size = 188;
		assert_int_equal(mtkfw_modem_write_trailer(out, 415, &tl, m), MTKFW_ERR_INVALID);
		/* and the trailer it writes parses back: non-ASCII stays as stored */
		assert_int_equal(mtkfw_modem_write_trailer(out, sizeof(out), &tl, m), 0);
		assert_memory_equal(out, b + len - 416, 416);
	}
	free(m);
	free(b);
}

/* A longer check header (S > 188): the fields before the image size stay in place, the last two
 * words move to the end, and the bytes between survive a round trip. */
static void longer_header(void **state)
{
	uint8_t *b, out[MTKFW_MODEM_TRAILER_MAX];
	size_t len, tl;
	struct mtkfw_modem *m;
	(void)state;

	b = synth(4096, "P_TWO", "MOLY.V2", "2021/05/06 07:08", NULL, &len);
	m = parse_tail(b, len, 0);
	m->header_size = 300;
	m->trailer_len = 0; /* written from the fields alone */
	assert_int_equal(mtkfw_modem_write_trailer(out, sizeof(out), &tl, m), 0);
	assert_int_equal(tl, 228 + 300);
	out[228 + 190] = 0xAB; /* a byte of the longer header no field covers */
	free(m);
	m = parse_tail(out, tl, 0);
	assert_int_equal(m->header_size, 300);
	assert_string_equal(m->project, "P_TWO");
	assert_string_equal(m->build_time, "2021/05/06 07:08");
	assert_int_equal(m->image_size, 4096);
	{
		uint8_t again[MTKFW_MODEM_TRAILER_MAX];
		size_t tl2;

		assert_int_equal(mtkfw_modem_write_trailer(again, sizeof(again), &tl2, m), 0);
		assert_int_equal(tl2, tl);
		assert_memory_equal(again, out, tl);
	}
	free(m);
	free(b);
}

/* The version record is found anywhere in the body, also across the scan's 1 MiB pieces. */
static void version_record(void **state)
{
	char *dir = make_tempdir(), p[4200];
	uint8_t *b;
	size_t len;
	struct mtkfw_modem m;
	(void)state;

	snprintf(p, sizeof(p), "%s/modem_1_wg_n.img", dir);
	b = synth((3u << 20) + 77, "HEXING72_X", "MOLY.WR8.V47", "2017/09/20 22:17", "V9.P1", &len);
	/* move the record onto the boundary between the last two pieces */
	{
		size_t at = len - 416 - (1u << 20) - 10, from = ((3u << 20) + 77) / 2;

		memmove(b + at, b + from, 64);
		memset(b + from, 0, 64);
	}
	write_file(p, b, len);
	assert_int_equal(mtkfw_modem_open(&m, p), 0);
	assert_string_equal(m.custom_verno, "V9.P1");
	assert_int_equal(m.image_type, MTKFW_MODEM_TYPE_WG);
	mtkfw_modem_clear(&m);
	/* no record: found by its trailer alone */
	free(b);
	b = synth(8192, "HEXING72_X", "MOLY.WR8.V47", "2017/09/20 22:17", NULL, &len);
	write_file(p, b, len);
	assert_int_equal(mtkfw_modem_open(&m, p), 0);
	assert_string_equal(m.custom_verno, "");
	mtkfw_modem_clear(&m);
	/* not a modem at all */
	write_file(p, "\x18\xf0\x9f\xe5 plain", 10);
	assert_int_equal(mtkfw_modem_open(&m, p), MTKFW_ERR_FORMAT);
	free(b);
	rm_rf(dir);
	free(dir);
}

/* JSON: what the writer writes, the reader reads back the same. */
static void json_round_trip(void **state)
{
	uint8_t *b;
	size_t len;
	struct mtkfw_modem *m, back;
	json_t *o;
	char *text = NULL;
	(void)state;

	b = synth(4096, "P_J", "MOLY.J", "2022/02/02 02:02", NULL, &len);
	m = parse_tail(b, len, 0);
	m->file = strdup("system.img:/etc/firmware/modem_1_wg_n.img");
	snprintf(m->custom_verno, sizeof(m->custom_verno), "V1.P2");
	m->mddb.names = calloc(2, sizeof(char *));
	m->mddb.names[0] = strdup("BPLGUInfoCustomAppSrcP_MT6572_S00_V1_P2_1_wg_n");
	m->mddb.count = 1;
	o = mtkfwi_modem_json(m);
	assert_int_equal(mtkfwi_modem_from_json(&back, o, "p.json"), 0);
	assert_string_equal(back.file, m->file);
	assert_string_equal(back.project, "P_J");
	assert_string_equal(back.verno, "MOLY.J");
	assert_string_equal(back.build_time, "2022/02/02 02:02");
	assert_string_equal(back.custom_verno, "V1.P2");
	assert_int_equal(back.image_type, MTKFW_MODEM_TYPE_WG);
	assert_int_equal(back.mem_size, 0x600000);
	assert_int_equal(back.mddb.count, 1);
	assert_int_equal(mtkfw_modem_names(&back, back.mddb.names[0]), MTKFW_MODEM_NAMES_IT);
	mtkfw_modem_clear(&back);
	assert_int_equal(mtkfw_modem_to_json(&text, m), 0);
	assert_non_null(strstr(text, "\"type\": \"WG\""));
	free(text);
	/* wrong types are one clear error */
	json_object_set_new(o, "mem_size", json_string("big"));
	assert_int_equal(mtkfwi_modem_from_json(&back, o, "p.json"), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "mem_size"));
	json_object_set_new(o, "mem_size", json_null());
	json_object_set_new(o, "kind", json_string("stub"));
	assert_int_equal(mtkfwi_modem_from_json(&back, o, "p.json"), MTKFW_ERR_FORMAT); /* a stub names its target */
	json_decref(o);
	mtkfw_modem_clear(m);
	free(m);
	free(b);
}

/* The finder over a system image mke2fs builds: the kernel's folder and name order, links,
 * stubs, the mddb names. Skips without mke2fs. */
static int mkfs(const char *tree, const char *img)
{
	char cmd[9000];

	snprintf(cmd, sizeof(cmd), "mke2fs -q -F -t ext4 -b 4096 -d '%s' '%s' 16M >/dev/null 2>&1", tree, img);
	return system(cmd);
}

static void put(const char *dir, const char *rel, const void *b, size_t n)
{
	char p[4200], cmd[4400];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", p);
	assert_int_equal(system(cmd), 0);
	write_file(p, b, n);
}

static void find_in_system(void **state)
{
	char *dir = make_tempdir(), tree[4200], img[4200], p[4300];
	uint8_t *a, *c;
	size_t alen, clen;
	mtkfw_ext4 *fs;
	struct mtkfw_modem m;
	(void)state;

	snprintf(tree, sizeof(tree), "%s/tree", dir);
	snprintf(img, sizeof(img), "%s/system.img", dir);
	a = synth(8192, "PROJ_A", "MOLY.A", "2019/01/01 01:01", NULL, &alen);
	c = synth(8192, "PROJ_C", "MOLY.C", "2019/03/03 03:03", NULL, &clen);
	/* modem.img comes after modem_1_wg_n.img; /custom/etc/firmware before /etc/firmware */
	put(tree, "etc/firmware/modem.img", c, clen);
	put(tree, "etc/firmware/modem_1_wg_n.img", a, alen);
	put(tree, "etc/firmware/catcher_filter_1_wg_n.bin", "\xcd\xab\x54\x24", 4);
	put(tree, "etc/mddb/DbgInfo_X_PROJ_A_MOLY_A_2019_01_01_01_01_1_wg_n", "CATI\1\0\0\0\0\0\0\0", 12);
	put(tree, "etc/mddb/BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_A_1_wg_n", "CATD", 4);
	if (mkfs(tree, img) != 0) {
		print_message("skip: mke2fs not found\n");
		rm_rf(dir);
		free(dir);
		free(a);
		free(c);
		skip();
	}
	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	assert_int_equal(mtkfw_modem_find(&m, fs, "system.img"), 0);
	assert_string_equal(m.file, "system.img:/etc/firmware/modem_1_wg_n.img");
	assert_string_equal(m.project, "PROJ_A");
	assert_int_equal(m.file_size, alen);
	assert_int_equal(m.mddb.count, 2);
	assert_string_equal(m.mddb.names[0], "BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_A_1_wg_n");
	for (size_t i = 0; i < m.mddb.count; i++)
		assert_int_equal(mtkfw_modem_names(&m, m.mddb.names[i]), MTKFW_MODEM_NAMES_IT);
	mtkfw_modem_clear(&m);
	mtkfw_ext4_free(fs);

	/* /custom/etc/firmware wins */
	put(tree, "custom/etc/firmware/modem_1_wg_n.img", c, clen);
	assert_int_equal(mkfs(tree, img), 0);
	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	assert_int_equal(mtkfw_modem_find(&m, fs, "s"), 0);
	assert_string_equal(m.file, "s:/custom/etc/firmware/modem_1_wg_n.img");
	assert_string_equal(m.project, "PROJ_C");
	mtkfw_modem_clear(&m);
	mtkfw_ext4_free(fs);

	/* a link out of the partition is a stub; a link inside it is followed */
	snprintf(p, sizeof(p), "%s/custom", tree);
	rm_rf(p);
	snprintf(p, sizeof(p), "%s/etc/firmware/modem_1_wg_n.img", tree);
	unlink(p);
	assert_int_equal(symlink("/custpack/modem/modem_1_wg_n.img", p), 0);
	assert_int_equal(mkfs(tree, img), 0);
	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	assert_int_equal(mtkfw_modem_find(&m, fs, "s"), 0);
	assert_int_equal(m.kind, MTKFW_MODEM_STUB);
	assert_string_equal(m.target, "/custpack/modem/modem_1_wg_n.img");
	assert_int_equal(m.mddb.count, 2);
	mtkfw_modem_clear(&m);
	mtkfw_ext4_free(fs);
	unlink(p);
	assert_int_equal(symlink("modem.img", p), 0);
	assert_int_equal(mkfs(tree, img), 0);
	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	assert_int_equal(mtkfw_modem_find(&m, fs, "s"), 0);
	assert_int_equal(m.kind, MTKFW_MODEM_IMAGE);
	assert_string_equal(m.project, "PROJ_C");
	mtkfw_modem_clear(&m);
	mtkfw_ext4_free(fs);

	/* garbage in the modem's place is an error naming it; no modem at all is NOTFOUND */
	unlink(p);
	write_file(p, "not a modem, just text that is long enough to not be a stub at all....", 70);
	assert_int_equal(mkfs(tree, img), 0);
	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	assert_int_equal(mtkfw_modem_find(&m, fs, "s"), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "s:/etc/firmware/modem_1_wg_n.img"));
	mtkfw_ext4_free(fs);
	snprintf(p, sizeof(p), "%s/etc/firmware", tree);
	rm_rf(p);
	assert_int_equal(mkfs(tree, img), 0);
	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	assert_int_equal(mtkfw_modem_find(&m, fs, "s"), MTKFW_ERR_NOTFOUND);
	mtkfw_ext4_free(fs);

	free(a);
	free(c);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fly_trailer),    cmocka_unit_test(fly_open),      cmocka_unit_test(dbginfo),
		cmocka_unit_test(stub),           cmocka_unit_test(mddb_names),    cmocka_unit_test(bad_trailers),
		cmocka_unit_test(longer_header),  cmocka_unit_test(version_record), cmocka_unit_test(json_round_trip),
		cmocka_unit_test(find_in_system),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
