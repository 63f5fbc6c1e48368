/* lib/image/ramdisk.c: detection, listing with every newc header checked, safe extraction. */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>


static size_t trailer(uint8_t *out, size_t at)
{
	return newc_ent(out, at, "TRAILER!!!", 0, NULL);
}

static void list_and_detect(void **state)
{
	static uint8_t buf[4096];
	size_t n = 0;
	struct mtkfw_ramdisk rd;
	(void)state;
	n = newc_ent(buf, n, "sbin", 040755, NULL);
	n = newc_ent(buf, n, "./init", 0100750, "#!/bin/sh\n");
	n = newc_ent(buf, n, "bin", 0120777, "sbin");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_detect(buf, n), MTKFW_COMP_NONE);
	assert_int_equal(mtkfw_ramdisk_detect((const uint8_t *)"\x1f\x8b\x08", 3), MTKFW_COMP_GZIP);
	assert_int_equal(mtkfw_ramdisk_detect((const uint8_t *)"hello!", 6), -1);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(rd.count, 3);
	assert_string_equal(rd.entries[1].path, "init"); /* "./" dropped */
	assert_int_equal(rd.entries[1].mode, 0100750);
	assert_int_equal(rd.entries[1].size, 10);
	assert_string_equal(rd.entries[2].link, "sbin");
	assert_int_equal(rd.comp, MTKFW_COMP_NONE);
	mtkfw_ramdisk_clear(&rd);
}

static void forged_headers(void **state)
{
	static uint8_t buf[4096];
	size_t n;
	struct mtkfw_ramdisk rd;
	(void)state;
	n = newc_ent(buf, 0, "a", 0100644, "data");
	/* no trailer */
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_TRUNCATED);
	n = trailer(buf, n);
	/* a file size past the end */
	memcpy(buf + 54, "7fffffff", 8);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_TRUNCATED);
	memcpy(buf + 54, "00000004", 8);
	/* a name size of gigabytes */
	memcpy(buf + 94, "96000000", 8);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_FORMAT);
	memcpy(buf + 94, "00000002", 8);
	/* a non-hex field */
	buf[30] = 'z';
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), MTKFW_ERR_FORMAT);
	buf[30] = '0';
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	mtkfw_ramdisk_clear(&rd);
}

static void extract_refuses_escapes(void **state)
{
	static uint8_t buf[4096];
	char *dir = make_tempdir(), path[4096];
	struct mtkfw_ramdisk rd;
	size_t n;
	struct stat st;
	(void)state;
	/* a member under an earlier symlink member */
	n = newc_ent(buf, 0, "ok", 0100644, "fine");
	n = newc_ent(buf, n, "lnk", 0120777, "/tmp");
	n = newc_ent(buf, n, "lnk/planted", 0100644, "pwned");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "lnk/planted"));
	snprintf(path, sizeof(path), "%s/ok", dir);
	assert_int_not_equal(stat(path, &st), 0); /* refused before anything was written */
	mtkfw_ramdisk_clear(&rd);
	/* .. and absolute names */
	n = newc_ent(buf, 0, "../up", 0100644, "x");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), MTKFW_ERR_REFUSED);
	mtkfw_ramdisk_clear(&rd);
	n = newc_ent(buf, 0, "/etc/x", 0100644, "x");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), MTKFW_ERR_REFUSED);
	mtkfw_ramdisk_clear(&rd);
	/* a sound one extracts, symlink included */
	n = newc_ent(buf, 0, "etc", 040755, NULL);
	n = newc_ent(buf, n, "etc/fstab", 0100640, "/dev/a /b ext4\n");
	n = newc_ent(buf, n, "vendor", 0120777, "system/vendor");
	n = trailer(buf, n);
	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, n), 0);
	assert_int_equal(mtkfw_ramdisk_extract(&rd, buf, n, dir), 0);
	snprintf(path, sizeof(path), "%s/etc/fstab", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 15);
	snprintf(path, sizeof(path), "%s/vendor", dir);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	mtkfw_ramdisk_clear(&rd);
	rm_rf(dir);
	free(dir);
}

/* pe900s ramdisk: gzip (1f 8b), 37 members as GNU cpio lists them, init.rc among them. */
static void corpus_pe900s(void **state)
{
	(void)state;
	CORPUS_OR_SKIP(path, "MTK6572-pe900s/pe900s_ramdisk.img");
	size_t len;
	uint8_t *buf = slurp(path, &len);
	struct mtkfw_ramdisk rd;
	bool init_rc = false;

	assert_int_equal(mtkfw_ramdisk_list(&rd, buf, len), 0);
	assert_int_equal(rd.comp, MTKFW_COMP_GZIP);
	assert_int_equal(rd.count, 37);
	for (size_t i = 0; i < rd.count; i++)
		init_rc |= !strcmp(rd.entries[i].path, "init.rc");
	assert_true(init_rc);
	mtkfw_ramdisk_clear(&rd);
	/* cut short: the gzip stream ends early */
	assert_int_not_equal(mtkfw_ramdisk_list(&rd, buf, len / 2), 0);
	free(buf);
	free(path);
}

/* One newc member with every field chosen: inode, device, digits in capitals or not. */
struct mem {
	const char *name;
	unsigned ino, mode, nlink, dmaj, dmin;
	const char *data;
};

static size_t entf(uint8_t *out, size_t at, bool upper, const struct mem *m)
{
	size_t nl = strlen(m->name) + 1, dl = m->data ? strlen(m->data) : 0;
	char h[160];

	snprintf(h, sizeof(h), upper ? "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X"
				     : "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 m->ino, m->mode, 0u, 0u, m->nlink, 0x5f5e1000u, (unsigned)dl, m->dmaj, m->dmin, 0u, 0u, (unsigned)nl, 0u);
	memcpy(out + at, h, 110);
	at += 110;
	memcpy(out + at, m->name, nl);
	at += nl;
	while (at % 4)
		out[at++] = 0;
	if (dl)
		memcpy(out + at, m->data, dl);
	at += dl;
	while (at % 4)
		out[at++] = 0;
	return at;
}

/* Unpack `file`, check the report says `says`, repack, and return the repacked bytes. */
static uint8_t *round_trip(const char *dir, const char *file, const char *says, size_t *len)
{
	struct mtkfw_unpack_report rep;
	char un[4096], back[4096];

	snprintf(un, sizeof(un), "%s/un", dir);
	snprintf(back, sizeof(back), "%s/back", dir);
	assert_int_equal(mtkfw_unpack(&rep, file, un, NULL, NULL), 0);
	if (!strstr(rep.detail, says))
		fail_msg("detail '%s' lacks '%s'", rep.detail, says);
	assert_int_equal(mtkfw_repack(&rep, un, back, NULL), 0);
	return slurp(back, len);
}

/* gzip as zlib writes it at `level` (no name, time 0), or with a file name in the header as
 * gzip(1) writes one, which no zlib level makes again. */
static size_t gz(uint8_t *out, size_t cap, const uint8_t *in, size_t len, int level, bool named)
{
	z_stream s = { 0 };
	size_t at = 0;

	if (named) {
		memcpy(out, "\x1f\x8b\x08\x08\x01\x02\x03\x04\x00\x03" "a.cpio", 17);
		at = 17;
	}
	assert_int_equal(deflateInit2(&s, level, Z_DEFLATED, named ? -15 : 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	s.next_in = (Bytef *)in;
	s.avail_in = (uInt)len;
	s.next_out = out + at;
	s.avail_out = (uInt)(cap - at - 8);
	assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
	at += s.total_out;
	deflateEnd(&s);
	if (named) {
		uint32_t crc = (uint32_t)crc32(0, in, (uInt)len);
		for (int i = 0; i < 4; i++)
			out[at + i] = (uint8_t)(crc >> 8 * i), out[at + 4 + i] = (uint8_t)(len >> 8 * i);
		at += 8;
	}
	return at;
}

/*
 * A ramdisk as AOSP makes it (mkbootfs numbers inodes from 300000 and its trailer too, pads to
 * 256 bytes; minigzip is zlib at level 6) unpacks and repacks to the same bytes. Before, the
 * repack wrote the trailer with inode and mode 0, no padding and gzip level 9: three real
 * ramdisks (two MT6582 boot/recovery, one MT6765) came back different.
 */
static void mkbootfs_gzip_round_trip(void **state)
{
	static uint8_t cpio[4096], z[8192];
	const struct mem m[] = {
		{ "sbin", 300000, 040750, 1, 0, 0, NULL },
		{ "init", 300001, 0100750, 1, 0, 0, "#!/bin/sh\nexec /sbin/sh\n" },
		{ "sbin/sh", 300002, 0120777, 1, 0, 0, "../init" },
		{ "TRAILER!!!", 300003, 0755, 1, 0, 0, NULL },
	};
	char *dir = make_tempdir(), file[4096];
	struct mtkfw_ramdisk rd;
	size_t n = 0, zl, bl;
	uint8_t *back;
	(void)state;
	for (size_t i = 0; i < 4; i++)
		n = entf(cpio, n, false, &m[i]);
	while (n % 256)
		cpio[n++] = 0;
	zl = gz(z, sizeof(z), cpio, n, 6, false);
	assert_int_equal(mtkfw_ramdisk_list(&rd, z, zl), 0);
	assert_int_equal(rd.gzip.level, 6);
	assert_true(rd.form.pad_to >= 256 && n % rd.form.pad_to == 0); /* 256 or 512: both give these bytes */
	assert_int_equal(rd.form.ino, 300003);
	mtkfw_ramdisk_clear(&rd);
	snprintf(file, sizeof(file), "%s/ramdisk.img", dir);
	write_file(file, z, zl);
	back = round_trip(dir, file, "repacks byte for byte", &bl);
	assert_int_equal(bl, zl);
	assert_memory_equal(back, z, zl);
	free(back);
	tempdir_free(&dir);
}

/* `find . | cpio -o -H newc` writes capitals, "./" names, its own inode and device numbers
 * and pads to 512: the bare cpio repacks to the same bytes too. */
static void gnu_cpio_round_trip(void **state)
{
	static uint8_t cpio[4096];
	const struct mem m[] = {
		{ ".", 0xA800F3, 040755, 3, 254, 1, NULL },
		{ "./fifo", 0xA800F7, 010644, 1, 254, 1, NULL },
		{ "./init", 0xA800FA, 0100755, 1, 254, 1, "hi\n" },
		{ "TRAILER!!!", 0, 0, 1, 0, 0, NULL },
	};
	char *dir = make_tempdir(), file[4096];
	size_t n = 0, bl;
	uint8_t *back;
	(void)state;
	for (size_t i = 0; i < 4; i++)
		n = entf(cpio, n, true, &m[i]);
	while (n % 512)
		cpio[n++] = 0;
	snprintf(file, sizeof(file), "%s/a.cpio", dir);
	write_file(file, cpio, n);
	back = round_trip(dir, file, "repacks byte for byte", &bl);
	assert_int_equal(bl, n);
	assert_memory_equal(back, cpio, n);
	free(back);
	tempdir_free(&dir);
}

/* gzip(1)'s stream, with the file name in its header, cannot be made again by zlib: info and
 * unpack say so, and the cpio inside still comes back byte for byte. */
static void foreign_gzip_said(void **state)
{
	static uint8_t cpio[4096], z[8192];
	const struct mem m[] = {
		{ "init", 300000, 0100750, 1, 0, 0, "#!/bin/sh\n" },
		{ "TRAILER!!!", 0, 0, 1, 0, 0, NULL },
	};
	char *dir = make_tempdir(), file[4096];
	struct mtkfw_ramdisk rd;
	size_t n = 0, zl, bl, cl;
	uint8_t *back, *c;
	(void)state;
	for (size_t i = 0; i < 2; i++)
		n = entf(cpio, n, false, &m[i]);
	zl = gz(z, sizeof(z), cpio, n, 9, true);
	assert_int_equal(mtkfw_ramdisk_list(&rd, z, zl), 0);
	assert_int_equal(rd.gzip.level, 0);
	assert_int_equal(rd.gzip.mtime, 0x04030201);
	mtkfw_ramdisk_clear(&rd);
	snprintf(file, sizeof(file), "%s/ramdisk.gz", dir);
	write_file(file, z, zl);
	back = round_trip(dir, file, "keeps the cpio byte for byte, not the gzip bytes", &bl);
	assert_int_equal(mtkfw_decompress(&c, &cl, MTKFW_COMP_GZIP, back, bl, 1 << 20), 0);
	assert_int_equal(cl, n);
	assert_memory_equal(c, cpio, n);
	free(c);
	free(back);
	tempdir_free(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_and_detect),
		cmocka_unit_test(forged_headers),
		cmocka_unit_test(extract_refuses_escapes),
		cmocka_unit_test(corpus_pe900s),
		cmocka_unit_test(mkbootfs_gzip_round_trip),
		cmocka_unit_test(gnu_cpio_round_trip),
		cmocka_unit_test(foreign_gzip_said),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
