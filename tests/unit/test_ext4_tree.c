/*
 * ext4 through a reader callback, at an offset in a bigger file, and whole trees copied out:
 * a file system mke2fs (e2fsprogs) builds from a /nvram tree written here is read through a
 * counting callback and through --offset; a failing reader's own error comes back and it is
 * not asked again; the copied tree equals the source files (SHA-256 by OpenSSL here), links
 * are recorded and not created, and each bound (entries, bytes, depth) holds. Names are made
 * safe words. The old text manifest's tree lines read back. Skips without mke2fs.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include "core/internal.h"
#include "device/backup.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir, img[4200];
static uint8_t *image;
static size_t image_len;
static uint8_t cal[70000];

static void put(const char *rel, const void *buf, size_t n)
{
	char p[4400], *s;

	snprintf(p, sizeof(p), "%s/tree/%s", dir, rel);
	for (s = strchr(p + strlen(dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	write_file(p, buf, n);
}

static int setup(void **state)
{
	char cmd[9000], p[4400];
	(void)state;

	dir = make_tempdir();
	for (size_t i = 0; i < sizeof(cal); i++)
		cal[i] = (uint8_t)(i * 7 + i / 251);
	put("nvram/md/NVRAM/NVD_IMEI/MP0B_001", "0123456789", 10);
	put("nvram/md/NVRAM/CALIBRAT/ML1B_000", cal, sizeof(cal));
	put("nvram/APCFG/APRDEB/WIFI", "wifi-mac", 8);
	put("nvram/sp ace", "s", 1);
	put("other/x", "x", 1);
	snprintf(p, sizeof(p), "%s/tree/nvram/link", dir);
	assert_int_equal(symlink("../other", p), 0);
	snprintf(img, sizeof(img), "%s/fs.img", dir);
	snprintf(cmd, sizeof(cmd), "mke2fs -q -F -t ext4 -b 1024 -d '%s/tree' '%s' 2M >/dev/null 2>&1", dir, img);
	if (system(cmd) != 0) {
		rm_rf(dir);
		free(dir);
		dir = NULL;
		return 0;
	}
	image = slurp(img, &image_len);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (dir) {
		rm_rf(dir);
		free(dir);
	}
	free(image);
	return 0;
}

#define NEED_FIXTURE()                                             \
	do {                                                       \
		if (!dir) {                                        \
			print_message("skip: mke2fs not found\n"); \
			skip();                                    \
		}                                                  \
	} while (0)

struct counting {
	unsigned calls, fail_after;
	size_t bytes;
};

static int count_read(void *user, uint64_t off, void *buf, size_t n)
{
	struct counting *c = user;

	assert_true(off <= image_len && n <= image_len - off);
	if (c->fail_after && ++c->calls > c->fail_after)
		return mtkfw_seterr(MTKFW_ERR_TIMEOUT, "the phone stopped answering");
	memcpy(buf, image + off, n);
	c->bytes += n;
	return 0;
}

static void reader_open(void **state)
{
	struct counting c = { 0 };
	mtkfw_ext4 *fs;
	uint8_t *buf;
	size_t n;
	(void)state;
	NEED_FIXTURE();

	assert_int_equal(mtkfw_ext4_open_reader(&fs, NULL, &c, image_len, "x"), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_ext4_open_reader(&fs, count_read, &c, image_len, "USRDATA"), 0);
	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "/nvram/md/NVRAM/NVD_IMEI/MP0B_001", 100), 0);
	assert_int_equal(n, 10);
	assert_memory_equal(buf, "0123456789", 10);
	free(buf);
	/* Only what the lookup needs: far less than the 2 MiB image. */
	assert_true(c.bytes > 0 && c.bytes < image_len / 4);
	mtkfw_ext4_free(fs);
	/* A reader over something that is not ext4: the usual one-line error, named. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(mtkfw_ext4_open_reader(&fs, count_read, &c, 1024, "USRDATA"), MTKFW_ERR_TRUNCATED);
	assert_non_null(strstr(mtkfw_error_last()->message, "USRDATA: "));
}

static void reader_failure(void **state)
{
	struct counting c = { .fail_after = 1 };
	mtkfw_ext4 *fs;
	mtkfw_ext4_tree t;
	unsigned calls, failed = 0;
	(void)state;
	NEED_FIXTURE();

	/* The reader's own error, not "short read" or "not a file system". */
	assert_int_equal(mtkfw_ext4_open_reader(&fs, count_read, &c, image_len, "USRDATA"), MTKFW_ERR_TIMEOUT);
	assert_string_equal(mtkfw_error_last()->message, "the phone stopped answering");
	/* Failing later: the walk ends with that error, and the reader is not asked again. */
	for (unsigned k = 4; k < 40; k += 3) {
		int rc;

		memset(&c, 0, sizeof(c));
		c.fail_after = k;
		if (mtkfw_ext4_open_reader(&fs, count_read, &c, image_len, "USRDATA") != 0)
			continue;
		rc = mtkfw_ext4_copy_tree(&t, fs, "/nvram", NULL, NULL, NULL);
		calls = c.calls;
		if (rc == 0) { /* finished within k reads */
			mtkfw_ext4_tree_clear(&t);
		} else {
			assert_int_equal(rc, MTKFW_ERR_TIMEOUT);
			assert_string_equal(mtkfw_error_last()->message, "the phone stopped answering");
			assert_int_equal(t.count, 0);
			assert_int_equal(calls, k + 1);
			failed++;
		}
		mtkfw_ext4_free(fs);
	}
	assert_true(failed > 3);
}

static void at_offset(void **state)
{
	char big[4300];
	uint8_t *both;
	mtkfw_ext4 *fs;
	mtkfw_ext4_dir d;
	size_t off = 3 << 20;
	(void)state;
	NEED_FIXTURE();

	/* USRDATA 3 MiB into a dump, behind other bytes. */
	both = calloc(1, off + image_len);
	assert_non_null(both);
	memset(both, 0xA5, off);
	memcpy(both + off, image, image_len);
	snprintf(big, sizeof(big), "%s/user.img", dir);
	write_file(big, both, off + image_len);
	free(both);
	assert_int_equal(mtkfw_ext4_open_at(&fs, big, off), 0);
	assert_int_equal(mtkfw_ext4_list(&d, fs, "/nvram/APCFG/APRDEB"), 0);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.entries[0].name, "WIFI");
	mtkfw_ext4_dir_clear(&d);
	mtkfw_ext4_free(fs);
	assert_true(mtkfw_ext4_open_at(&fs, big, 0) < 0); /* the 0xA5 bytes are no file system */
	assert_int_equal(mtkfw_ext4_open_at(&fs, big, off + image_len + 1), MTKFW_ERR_TRUNCATED);
}

static const mtkfw_ext4_node *node(const mtkfw_ext4_tree *t, const char *path)
{
	for (size_t i = 0; i < t->count; i++)
		if (!strcmp(t->nodes[i].path, path))
			return &t->nodes[i];
	return NULL;
}

static void copy_whole(void **state)
{
	static const char *const paths[] = { "APCFG", "APCFG/APRDEB", "APCFG/APRDEB/WIFI", "link", "md", "md/NVRAM",
					     "md/NVRAM/CALIBRAT", "md/NVRAM/CALIBRAT/ML1B_000", "md/NVRAM/NVD_IMEI",
					     "md/NVRAM/NVD_IMEI/MP0B_001", "sp%20ace" };
	char out[4300], p[4400], *copied;
	uint8_t sha[32], *got;
	size_t n;
	mtkfw_ext4 *fs;
	mtkfw_ext4_tree t;
	const mtkfw_ext4_node *nd;
	struct stat st;
	(void)state;
	NEED_FIXTURE();

	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	snprintf(out, sizeof(out), "%s/out", dir);
	assert_int_equal(mtkfw_ext4_copy_tree(&t, fs, "/nvram", out, NULL, NULL), 0);
	assert_int_equal(t.count, sizeof(paths) / sizeof(paths[0]));
	for (size_t i = 0; i < t.count; i++)
		assert_string_equal(t.nodes[i].path, paths[i]); /* parents first, names sorted */
	assert_false(t.truncated);
	assert_int_equal(t.bytes, 10 + sizeof(cal) + 8 + 1);
	nd = node(&t, "md/NVRAM/CALIBRAT/ML1B_000");
	assert_int_equal(nd->type, MTKFW_EXT4_FILE);
	assert_int_equal(nd->size, sizeof(cal));
	assert_int_equal(nd->mode, 0644);
	SHA256(cal, sizeof(cal), sha);
	assert_memory_equal(nd->sha256, sha, 32);
	snprintf(p, sizeof(p), "%s/md/NVRAM/CALIBRAT/ML1B_000", out);
	got = slurp(p, &n);
	assert_int_equal(n, sizeof(cal));
	assert_memory_equal(got, cal, n);
	free(got);
	/* the link: recorded with its target, not created, not followed */
	nd = node(&t, "link");
	assert_int_equal(nd->type, MTKFW_EXT4_SYMLINK);
	assert_string_equal(nd->target, "../other");
	snprintf(p, sizeof(p), "%s/link", out);
	assert_int_not_equal(lstat(p, &st), 0);
	snprintf(p, sizeof(p), "%s/sp%%20ace", out);
	copied = (char *)slurp(p, &n);
	assert_int_equal(n, 1);
	free(copied);
	mtkfw_ext4_tree_clear(&t);
	/* hash only: the same tree, nothing written */
	assert_int_equal(mtkfw_ext4_copy_tree(&t, fs, "nvram/", NULL, NULL, NULL), 0);
	assert_int_equal(t.count, sizeof(paths) / sizeof(paths[0]));
	assert_memory_equal(node(&t, "md/NVRAM/CALIBRAT/ML1B_000")->sha256, sha, 32);
	mtkfw_ext4_tree_clear(&t);
	assert_int_equal(mtkfw_ext4_copy_tree(&t, fs, "/nope", NULL, NULL, NULL), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_ext4_copy_tree(&t, fs, "/nvram/sp ace", NULL, NULL, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "not a folder"));
	mtkfw_ext4_free(fs);
}

static void copy_bounds(void **state)
{
	mtkfw_ext4 *fs;
	mtkfw_ext4_tree t;
	struct mtkfw_ext4_limits lim = { .max_nodes = 4 };
	(void)state;
	NEED_FIXTURE();

	assert_int_equal(mtkfw_ext4_open(&fs, img), 0);
	/* entries: the walk stops at 4 and says so */
	assert_int_equal(mtkfw_ext4_copy_tree(&t, fs, "/nvram", NULL, &lim, NULL), 0);
	assert_int_equal(t.count, 4);
	assert_true(t.truncated);
	mtkfw_ext4_tree_clear(&t);
	/* bytes: the 70000-byte file does not fit in 1000, the small ones do */
	lim = (struct mtkfw_ext4_limits){ .max_bytes = 1000 };
	assert_int_equal(mtkfw_ext4_copy_tree(&t, fs, "/nvram", NULL, &lim, NULL), 0);
	assert_string_equal(node(&t, "md/NVRAM/CALIBRAT/ML1B_000")->skipped, "limit");
	assert_string_equal(node(&t, "md/NVRAM/NVD_IMEI/MP0B_001")->skipped, "");
	assert_int_equal(t.bytes, 10 + 8 + 1);
	assert_false(t.truncated);
	mtkfw_ext4_tree_clear(&t);
	/* depth: folders below the first level are recorded, not entered */
	lim = (struct mtkfw_ext4_limits){ .max_depth = 1 };
	assert_int_equal(mtkfw_ext4_copy_tree(&t, fs, "/nvram", NULL, &lim, NULL), 0);
	assert_string_equal(node(&t, "md/NVRAM")->skipped, "depth");
	assert_null(node(&t, "md/NVRAM/NVD_IMEI"));
	mtkfw_ext4_tree_clear(&t);
	mtkfw_ext4_free(fs);
}

static void safe_names(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		bool slash;
		const char *out;
	} cases[] = {
		{ "MP0B_001", 8, false, "MP0B_001" }, { ".", 1, false, "%2E" },  { "..", 2, false, "%2E%2E" },
		{ "...", 3, false, "..." },           { "a/b", 3, false, "a%2Fb" }, { "a/b", 3, true, "a/b" },
		{ "sp ace", 6, false, "sp%20ace" },   { "we\nird", 6, false, "we%0Aird" },
		{ "50%", 3, false, "50%25" },         { "\xff\\", 2, false, "%FF%5C" }, { "", 0, false, "%00" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = mtkfw_ext4_safe_name(cases[i].in, cases[i].len, cases[i].slash);

		assert_string_equal(s, cases[i].out);
		free(s);
	}
}

/* The tree lines of an old text manifest (written before manifest.json): read, written again
 * as JSON and read back the same, and refused when not as the old writer wrote them. */
static void manifest_lines(void **state)
{
	static const char good[] =
		"cid fe014e4d4d43303447106572c1d0d995\n"
		"item NVRAM user 0 512 076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560 NVRAM.bin\n"
		"nvram-note /data/nvram partly saved\n"
		"tree file 0660 1000 1001 10 2f1fda863f711b002f48b624418f405ab94eb3c0a80503a749736f08e073ca5c - "
		"data_nvram/md/MP0B_001\n"
		"tree file 0644 0 0 1099511627776 - limit data_nvram/huge\n"
		"tree symlink 0777 0 0 11 - - data_nvram/link /system/etc\n"
		"tree-truncated\n";
	static const char *const bad[] = {
		"tree file 0660 0 0 10 - - data_nvram/x\n",                         /* a copied file without hash */
		"tree dir 0755 0 0 1 - - data_nvram/../../etc\n",                    /* leaves the folder */
		"tree dir 0755 0 0 1 - - elsewhere/x\n",                             /* not under data_nvram/ */
		"tree dir 0755 0 0 1 - - data_nvram/\n",                             /* no name */
		"tree dir 09 0 0 1 - - data_nvram/x\n",                              /* not octal */
		"tree dir 0755 0 0 1 - - data_nvram/x /target\n",                    /* a target on a folder */
		"tree weird 0755 0 0 1 - - data_nvram/x\n",                          /* no such type */
		"tree file 0644 0 0 1 - toolongtobeareason data_nvram/x\n",          /* a reason of 16+ bytes */
		"tree symlink 0777 0 0 1 - - data_nvram/l /sys\x9c\n",              /* a target not ASCII (fuzz) */
	};
	mtkfw_manifest *m, *again;
	const struct mtkfw_manifest_tree *t;
	char text[2048], *out;
	size_t len;
	(void)state;

	assert_int_equal(mtkfw_manifest_parse(&m, good, strlen(good), "m"), 0);
	assert_int_equal(m->version, 0);
	assert_non_null(t = mtkfw_manifest_find_tree(m, "data_nvram"));
	assert_int_equal(t->tree.count, 3);
	assert_true(t->tree.truncated);
	assert_string_equal(t->note, "/data/nvram partly saved");
	assert_string_equal(t->tree.nodes[0].path, "md/MP0B_001");
	assert_int_equal(t->tree.nodes[0].mode, 0660);
	assert_int_equal(t->tree.nodes[0].gid, 1001);
	assert_int_equal(t->tree.nodes[0].sha256[0], 0x2f);
	assert_string_equal(t->tree.nodes[1].skipped, "limit");
	assert_string_equal(t->tree.nodes[2].target, "/system/etc");
	assert_int_equal(t->tree.bytes, 10);
	assert_int_equal(mtkfw_manifest_write(&out, &len, m), 0);
	assert_int_equal(mtkfw_manifest_parse(&again, out, len, "json"), 0);
	assert_int_equal(again->version, MTKFW_MANIFEST_VERSION);
	t = mtkfw_manifest_find_tree(again, "data_nvram");
	assert_non_null(t);
	assert_int_equal(t->tree.count, 3);
	assert_true(t->tree.truncated);
	assert_string_equal(t->tree.nodes[2].target, "/system/etc");
	assert_int_equal(t->tree.nodes[1].size, 1099511627776ull);
	free(out);
	mtkfw_manifest_free(again);
	mtkfw_manifest_free(m);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text),
			 "cid fe014e4d4d43303447106572c1d0d995\n"
			 "item NVRAM user 0 512 076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560 NVRAM.bin\n%s",
			 bad[i]);
		assert_int_equal(mtkfw_manifest_parse(&m, text, strlen(text), "m"), MTKFW_ERR_FORMAT);
		assert_null(m);
	}
}

/* The radio files' lines (system_modem/) of an old text manifest go to their own tree, beside
 * /data/nvram's, and come back the same through manifest.json and the backup model. */
static void modem_lines(void **state)
{
	static const char good[] =
		"tree file 0660 1000 1001 10 2f1fda863f711b002f48b624418f405ab94eb3c0a80503a749736f08e073ca5c - "
		"data_nvram/md/MP0B_001\n"
		"modem-note radio files partly saved\n"
		"tree dir 0755 0 0 0 - - system_modem/etc\n"
		"tree file 0644 0 0 7 076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560 - "
		"system_modem/etc/firmware/modem_1_wg_n.img\n"
		"tree symlink 0777 0 0 16 - - system_modem/etc/firmware/modem.img modem_1_wg_n.img\n"
		"modem-truncated\n";
	struct mtkfw_backup *b = mtkfwi_backup_new("bk");
	mtkfw_manifest *m, *again;
	char text[2048], *out;
	size_t len;
	(void)state;

	snprintf(text, sizeof(text), "cid fe014e4d4d43303447106572c1d0d995\n"
		 "item NVRAM user 0 512 076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560 NVRAM.bin\n%s",
		 good);
	assert_int_equal(mtkfw_manifest_parse(&m, text, strlen(text), "m"), 0);
	assert_int_equal(mtkfw_manifest_write(&out, &len, m), 0);
	assert_int_equal(mtkfw_manifest_parse(&again, out, len, "json"), 0);
	assert_int_equal(mtkfwi_backup_from_manifest(b, again, "json"), 0);
	assert_int_equal(b->data_nvram.count, 1);
	assert_false(b->data_nvram.truncated);
	assert_null(b->data_nvram_note);
	assert_int_equal(b->system_modem.count, 3);
	assert_true(b->system_modem.truncated);
	assert_string_equal(b->system_modem_note, "radio files partly saved");
	assert_string_equal(b->system_modem.nodes[1].path, "etc/firmware/modem_1_wg_n.img");
	assert_int_equal(b->system_modem.nodes[1].sha256[0], 0x07);
	assert_string_equal(b->system_modem.nodes[2].target, "modem_1_wg_n.img");
	assert_int_equal(b->system_modem.bytes, 7);
	assert_string_equal(mtkfw_manifest_find_tree(again, "system_modem")->source, "ANDROID");
	free(out);
	mtkfw_manifest_free(again);
	mtkfw_manifest_free(m);
	mtkfw_backup_free(b);
	snprintf(text, sizeof(text), "cid fe014e4d4d43303447106572c1d0d995\n"
		 "item NVRAM user 0 512 076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560 NVRAM.bin\n"
		 "tree dir 0755 0 0 1 - - system_modem/../x\n");
	assert_int_equal(mtkfw_manifest_parse(&m, text, strlen(text), "m"), MTKFW_ERR_FORMAT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reader_open),   cmocka_unit_test(reader_failure), cmocka_unit_test(at_offset),
		cmocka_unit_test(copy_whole),    cmocka_unit_test(copy_bounds),    cmocka_unit_test(safe_names),
		cmocka_unit_test(manifest_lines), cmocka_unit_test(modem_lines),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
