/* lib/firmware identity data: Wi-Fi/BT NVRAM records, IMEI record checksums, SECCFG, SEC_RO,
 * and finding them by content. Fixtures are built byte by byte from anchors-formats.md §B.9;
 * corpus values were read with xxd. */
#include "testutil.h"

#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/identity.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A Wi-Fi record: version 0x0104 (LE 04 01), peer version 0, MAC 00:08:22:5A:7C:01, "PH". */
static void wifi_fixture(uint8_t *b)
{
	memset(b, 0, MTKFW_WIFI_NVRAM_SIZE);
	memcpy(b, "\x04\x01\x00\x00" "\x00\x08\x22\x5A\x7C\x01" "PH", 12);
	memset(b + 12, 0x5A, 40); /* rTxPwr and onwards: anything */
}

static void wifi_record(void **state)
{
	uint8_t b[MTKFW_WIFI_NVRAM_SIZE], w[MTKFW_WIFI_NVRAM_SIZE];
	mtkfw_wifi_nvram r;
	(void)state;
	wifi_fixture(b);
	assert_int_equal(mtkfw_identity_detect(b, sizeof(b), sizeof(b)), MTKFW_IDENTITY_WIFI);
	assert_int_equal(mtkfw_wifi_nvram_parse(&r, b, sizeof(b), "WIFI"), 0);
	assert_int_equal(r.own_version, 0x0104);
	assert_int_equal(r.peer_version, 0);
	assert_memory_equal(r.mac, "\x00\x08\x22\x5A\x7C\x01", 6);
	assert_string_equal(r.country, "PH");
	assert_true(r.mac_set);
	assert_true(r.mac_unicast);
	assert_int_equal(r.size, 514);
	/* write back onto a copy with the header zeroed: the same bytes */
	memcpy(w, b, sizeof(w));
	memset(w, 0, 12);
	assert_int_equal(mtkfw_wifi_nvram_write(&r, w, sizeof(w)), 0);
	assert_memory_equal(w, b, sizeof(b));
	/* a wiped record: MAC all zeros, no country */
	memset(b + 4, 0, 8);
	assert_int_equal(mtkfw_wifi_nvram_parse(&r, b, sizeof(b), "WIFI"), 0);
	assert_false(r.mac_set);
	assert_string_equal(r.country, "");
	/* errors */
	assert_int_equal(mtkfw_wifi_nvram_parse(&r, b, 11, "WIFI"), MTKFW_ERR_TRUNCATED);
	assert_non_null(strstr(mtkfw_error_last()->message, "WIFI"));
	assert_int_equal(mtkfw_wifi_nvram_parse(NULL, b, 11, "WIFI"), MTKFW_ERR_INVALID);
	/* detection needs the size and a small non-zero version */
	wifi_fixture(b);
	assert_int_equal(mtkfw_identity_detect(b, 513, 513), MTKFW_IDENTITY_UNKNOWN);
	b[0] = b[1] = 0;
	assert_int_equal(mtkfw_identity_detect(b, sizeof(b), sizeof(b)), MTKFW_IDENTITY_UNKNOWN);
	b[1] = 0xF0;
	assert_int_equal(mtkfw_identity_detect(b, sizeof(b), sizeof(b)), MTKFW_IDENTITY_UNKNOWN);
}

static void bt_record(void **state)
{
	uint8_t b[MTKFW_BT_NVRAM_SIZE] = { 0x00, 0x08, 0x22, 0x5A, 0x7C, 0x02, 0x60, 0x00 }, w[66];
	mtkfw_bt_nvram r;
	(void)state;
	assert_int_equal(mtkfw_identity_detect(b, sizeof(b), sizeof(b)), MTKFW_IDENTITY_BT_ADDR);
	assert_int_equal(mtkfw_bt_nvram_parse(&r, b, sizeof(b), "BT_Addr"), 0);
	assert_memory_equal(r.addr, "\x00\x08\x22\x5A\x7C\x02", 6);
	assert_true(r.addr_set);
	memcpy(w, b, sizeof(w));
	memset(w, 0xFF, 6);
	assert_int_equal(mtkfw_bt_nvram_write(&r, w, sizeof(w)), 0);
	assert_memory_equal(w, b, sizeof(b));
	assert_int_equal(mtkfw_bt_nvram_parse(&r, b, 5, NULL), MTKFW_ERR_TRUNCATED);
	/* a multicast first byte or an unset address is not a device address */
	b[0] = 0x01;
	assert_int_equal(mtkfw_identity_detect(b, sizeof(b), sizeof(b)), MTKFW_IDENTITY_UNKNOWN);
	memset(b, 0, 6);
	assert_int_equal(mtkfw_identity_detect(b, sizeof(b), sizeof(b)), MTKFW_IDENTITY_UNKNOWN);
	assert_int_equal(mtkfw_bt_nvram_parse(&r, b, sizeof(b), NULL), 0);
	assert_false(r.addr_set);
}

/* Two records with their checksum bytes worked out by hand, and the empty-slot filler of the
 * spec (the MT6735 generator's, whose sums are right: E9+0B+17+BD+8B = 0x253, 1A+2E+95+0F+86 =
 * 0x172). The record bytes are arbitrary: no IMEI is encoded here. */
static const uint8_t rec_a[12] = { 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0, 0x11, 0x22,
				   0xF1,   /* 12+56+9A+DE+11 = 0x1F1 */
				   0x7A }; /* 34+78+BC+F0+22 = 0x27A */
static const uint8_t rec_b[12] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A,
				   0x19,   /* 1+3+5+7+9 = 25 */
				   0x1E }; /* 2+4+6+8+10 = 30 */
static const uint8_t filler[12] = { 0xE9, 0x1A, 0x0B, 0x2E, 0x17, 0x95, 0xBD, 0x0F, 0x8B, 0x86, 0x53, 0x72 };

static void imei_fixture(uint8_t *f)
{
	memcpy(f, rec_a, 12);
	memcpy(f + 12, rec_b, 12);
	for (int i = 2; i < 10; i++)
		memcpy(f + 12 * i, filler, 12);
}

static void imei_records(void **state)
{
	uint8_t f[MTKFW_IMEI_FILE_SIZE], w[MTKFW_IMEI_FILE_SIZE];
	mtkfw_imei_file m;
	(void)state;
	imei_fixture(f);
	assert_int_equal(mtkfw_identity_detect(f, sizeof(f), sizeof(f)), MTKFW_IDENTITY_IMEI);
	assert_int_equal(mtkfw_imei_file_parse(&m, f, sizeof(f), "MP0B_001"), 0);
	assert_int_equal(m.present, 2);
	assert_int_equal(m.empty, 8);
	assert_int_equal(m.invalid, 0);
	assert_int_equal(m.records[0].state, MTKFW_IMEI_PRESENT);
	assert_int_equal(m.records[1].state, MTKFW_IMEI_PRESENT);
	assert_int_equal(m.records[5].state, MTKFW_IMEI_EMPTY);
	assert_int_equal(m.records[5].copies, 8);
	assert_true(m.records[5].checksum_ok);
	assert_string_equal(mtkfw_imei_slot_name(m.records[5].state), "empty");
	assert_int_equal(mtkfw_imei_file_write(&m, w), 0);
	assert_memory_equal(w, f, sizeof(f));

	/* one damaged byte in slot 2: its checksum fails; the file is still an IMEI file */
	f[12 + 3] ^= 0x40;
	assert_int_equal(mtkfw_imei_file_parse(&m, f, sizeof(f), "MP0B_001"), 0);
	assert_int_equal(m.records[1].state, MTKFW_IMEI_INVALID);
	assert_false(m.records[1].checksum_ok);
	assert_int_equal(m.present, 1);
	assert_int_equal(m.invalid, 1);
	assert_string_equal(mtkfw_imei_slot_name(MTKFW_IMEI_INVALID), "invalid");
	assert_int_equal(mtkfw_identity_detect(f, sizeof(f), sizeof(f)), MTKFW_IDENTITY_IMEI);

	/* a dual-SIM phone with one IMEI on both slots: two copies are still present */
	imei_fixture(f);
	memcpy(f + 12, rec_a, 12);
	assert_int_equal(mtkfw_imei_file_parse(&m, f, sizeof(f), NULL), 0);
	assert_int_equal(m.present, 2);
	assert_int_equal(m.records[1].copies, 2);

	/* wiped (all 00 or all FF) slots are empty, and a wiped file is not recognised */
	memset(f, 0xFF, 12);
	memset(f + 12, 0x00, 12);
	assert_int_equal(mtkfw_imei_file_parse(&m, f, sizeof(f), NULL), 0);
	assert_int_equal(m.present, 0);
	assert_int_equal(m.empty, 10);
	memset(f, 0, sizeof(f));
	assert_int_equal(mtkfw_identity_detect(f, sizeof(f), sizeof(f)), MTKFW_IDENTITY_UNKNOWN);
	/* nor is 120 bytes of something else */
	for (size_t i = 0; i < sizeof(f); i++)
		f[i] = (uint8_t)(i * 37 + 11);
	assert_int_equal(mtkfw_identity_detect(f, sizeof(f), sizeof(f)), MTKFW_IDENTITY_UNKNOWN);

	assert_int_equal(mtkfw_imei_file_parse(&m, f, 119, "MP0B_001"), MTKFW_ERR_TRUNCATED);
	assert_int_equal(mtkfw_imei_file_parse(&m, w, 120, NULL), 0);
	{
		uint8_t big[121] = { 0 };

		assert_int_equal(mtkfw_imei_file_parse(&m, big, sizeof(big), "MP0B_001"), MTKFW_ERR_FORMAT);
		assert_non_null(strstr(mtkfw_error_last()->message, "MP0B_001: 121 bytes"));
	}
}

/* A SECCFG v3 built from the field order: header, MMMM, 3, 0x1860, ..., EEEE at 0x185C. */
static uint8_t *seccfg_fixture(size_t *len)
{
	uint8_t *b = calloc(1, 0x2000);

	assert_non_null(b);
	memcpy(b, "AND_SECCFG_v\0\0\0\0MMMM\x03\0\0\0\x60\x18\0\0", 0x1C);
	memcpy(b + 0x185C, "EEEE", 4);
	*len = 0x2000;
	return b;
}

static void seccfg(void **state)
{
	size_t len;
	uint8_t *b = seccfg_fixture(&len), *w;
	mtkfw_seccfg s;
	(void)state;
	assert_int_equal(mtkfw_identity_detect(b, MTKFW_IDENTITY_HEAD, 0x20000), MTKFW_IDENTITY_SECCFG);
	assert_int_equal(mtkfw_seccfg_parse(&s, b, len, "seccfg"), 0);
	assert_int_equal(s.version, 3);
	assert_int_equal(s.size, 0x1860);
	assert_true(s.end_marker_ok);
	w = calloc(1, len);
	assert_int_equal(mtkfw_seccfg_write(&s, w, len), 0);
	assert_memory_equal(w, b, len);
	free(w);
	/* errors: cut before the end marker, another version, absurd size, not a SECCFG */
	assert_int_equal(mtkfw_seccfg_parse(&s, b, 0x1000, "seccfg"), MTKFW_ERR_TRUNCATED);
	assert_int_equal(mtkfw_seccfg_parse(&s, b, 0x20, "seccfg"), MTKFW_ERR_TRUNCATED);
	b[0x14] = 4;
	assert_int_equal(mtkfw_seccfg_parse(&s, b, len, "seccfg"), MTKFW_ERR_UNSUPPORTED);
	b[0x14] = 3;
	memset(b + 0x18, 0xFF, 4);
	assert_int_equal(mtkfw_seccfg_parse(&s, b, len, "seccfg"), MTKFW_ERR_FORMAT);
	memcpy(b + 0x18, "\x60\x18\0\0", 4);
	memcpy(b + 0x185C, "EEEF", 4);
	assert_int_equal(mtkfw_seccfg_parse(&s, b, len, "seccfg"), 0);
	assert_false(s.end_marker_ok);
	b[0x10] = 'N';
	assert_int_equal(mtkfw_seccfg_parse(&s, b, len, "seccfg"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_identity_detect(b, MTKFW_IDENTITY_HEAD, 0x20000), MTKFW_IDENTITY_UNKNOWN);
	free(b);
}

/* The real SECCFG readback: values read with `xxd -s 0x10 -l 0x1c` and `xxd -s 0x185c -l 4`. */
static void seccfg_corpus(void **state)
{
	CORPUS_OR_SKIP(path, "Mobiwire_S10/nodl_seccfg");
	size_t len;
	uint8_t *b = slurp(path, &len), *w;
	mtkfw_seccfg s;
	(void)state;
	assert_int_equal(len, 131072);
	assert_int_equal(mtkfw_identity_detect(b, MTKFW_IDENTITY_HEAD, len), MTKFW_IDENTITY_SECCFG);
	assert_int_equal(mtkfw_seccfg_parse(&s, b, len, path), 0);
	assert_int_equal(s.version, 3);
	assert_int_equal(s.size, 0x1860);
	assert_int_equal(s.enc_offset, 0xF2F200F2u); /* bytes f2 00 f2 f2 */
	assert_int_equal(s.enc_length, 0x04000000u); /* bytes 00 00 00 04 */
	assert_int_equal(s.lock_try, 0);
	assert_int_equal(s.lock_done, 0);
	assert_int_equal(s.page_size, 0);
	assert_int_equal(s.page_count, 0);
	assert_true(s.end_marker_ok);
	/* parse → write is byte-identical on the real file */
	w = malloc(len);
	memcpy(w, b, len);
	memset(w, 0, 0x2C);
	memset(w + 0x185C, 0, 4);
	assert_int_equal(mtkfw_seccfg_write(&s, w, len), 0);
	assert_memory_equal(w, b, len);
	free(w);
	free(b);
	free(path);
}

/* Real SEC_RO images: the Lenovo A516 package's is in the clear ("AAAA" at 0x40), the
 * Mobiwire readback's body is not; both headers start c0 2b 00 00 after HHHH. */
static void secro_corpus(void **state)
{
	static const struct {
		const char *rel;
		size_t size;
		bool plain;
	} files[] = {
		{ "AllegroROM_4.2.2_mt6572/A516_S117/scatter/secro.img", 135168, true },
		{ "Mobiwire_S10/secro.img", 262144, false },
	};
	(void)state;
	for (size_t i = 0; i < 2; i++) {
		CORPUS_OR_SKIP(path, files[i].rel);
		size_t len;
		uint8_t *b = slurp(path, &len);
		mtkfw_secro s;

		assert_int_equal(len, files[i].size);
		assert_int_equal(mtkfw_identity_detect(b, MTKFW_IDENTITY_HEAD, len), MTKFW_IDENTITY_SECRO);
		assert_int_equal(mtkfw_secro_parse(&s, b, len, path), 0);
		assert_int_equal(s.header_words[0], 0x2BC0);
		assert_int_equal(s.header_words[1], 0x40);
		assert_int_equal(s.header_words[10], 0x0A01);
		assert_int_equal(s.body_plain, files[i].plain);
		assert_int_equal(s.size, len);
		assert_int_equal(mtkfw_secro_parse(&s, b, 0x43, path), MTKFW_ERR_TRUNCATED);
		b[16] = 'X';
		assert_int_equal(mtkfw_secro_parse(&s, b, len, path), MTKFW_ERR_FORMAT);
		free(b);
		free(path);
	}
}

static void find_by_content(void **state)
{
	char *dir = make_tempdir(), *p;
	uint8_t wifi[MTKFW_WIFI_NVRAM_SIZE], imei[MTKFW_IMEI_FILE_SIZE], noise[MTKFW_IMEI_FILE_SIZE];
	uint8_t bt[MTKFW_BT_NVRAM_SIZE] = { 0x00, 0x08, 0x22, 0x5A, 0x7C, 0x02 };
	size_t slen;
	uint8_t *sec = seccfg_fixture(&slen);
	mtkfw_identity_list *l;
	(void)state;
	wifi_fixture(wifi);
	imei_fixture(imei);
	for (size_t i = 0; i < sizeof(noise); i++)
		noise[i] = (uint8_t)(i * 37 + 11);
#define PUT(rel, buf, n) do { p = mtkfw_path_join(dir, rel); write_file(p, buf, n); free(p); } while (0)
	p = mtkfw_path_join(dir, "nvram");
	mkdir(p, 0755);
	free(p);
	p = mtkfw_path_join(dir, "nvram/APRDEB");
	mkdir(p, 0755);
	free(p);
	PUT("nvram/APRDEB/file_a", wifi, sizeof(wifi));
	PUT("nvram/APRDEB/file_b", bt, sizeof(bt));
	PUT("nvram/imei_backup.bin", imei, sizeof(imei));
	PUT("ROM_7", sec, slen);
	PUT("noise.bin", noise, sizeof(noise));
	PUT("empty", "", 0);
	p = mtkfw_path_join(dir, "loop");
	assert_int_equal(symlink(".", p), 0); /* not followed */
	free(p);
	assert_int_equal(mtkfw_identity_find(&l, dir, NULL), 0);
	assert_int_equal(l->count, 4);
	assert_false(l->truncated);
	assert_non_null(strstr(l->files[0].path, "ROM_7"));
	assert_int_equal(l->files[0].kind, MTKFW_IDENTITY_SECCFG);
	assert_int_equal(l->files[0].size, 0x2000);
	assert_int_equal(l->files[1].kind, MTKFW_IDENTITY_WIFI);
	assert_int_equal(l->files[2].kind, MTKFW_IDENTITY_BT_ADDR);
	assert_int_equal(l->files[3].kind, MTKFW_IDENTITY_IMEI);
	assert_string_equal(mtkfw_identity_kind_name(l->files[3].kind), "imei");
	mtkfw_identity_list_free(l);
	assert_int_equal(mtkfw_identity_find(&l, "/nonexistent/readback", NULL), MTKFW_ERR_NOTFOUND);
	assert_null(l);
	free(sec);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wifi_record),
		cmocka_unit_test(bt_record),
		cmocka_unit_test(imei_records),
		cmocka_unit_test(seccfg),
		cmocka_unit_test(seccfg_corpus),
		cmocka_unit_test(secro_corpus),
		cmocka_unit_test(find_by_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
