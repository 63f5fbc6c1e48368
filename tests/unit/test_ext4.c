/*
 * lib/image ext4: a file system made by mke2fs (e2fsprogs, independent of us) from a tree
 * written here, read raw, sparse and from memory; errors for missing paths, folders, links
 * that loop, size limits and images that are not file systems. Skips without mke2fs.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir, raw[4200], simg[4200];
static uint8_t deep[100000];

static int setup(void **state)
{
	char tree[4200], p[4300], cmd[9000];
	(void)state;

	dir = make_tempdir();
	snprintf(tree, sizeof(tree), "%s/tree", dir);
	snprintf(raw, sizeof(raw), "%s/fs.img", dir);
	snprintf(simg, sizeof(simg), "%s/fs.simg", dir);
	mkdir(tree, 0755);
	snprintf(p, sizeof(p), "%s/hello.txt", tree);
	write_file(p, "hello ext4\n", 11);
	snprintf(p, sizeof(p), "%s/dir", tree);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/dir/sub", tree);
	mkdir(p, 0700);
	for (size_t i = 0; i < sizeof(deep); i++)
		deep[i] = (uint8_t)(i * 31 + i / 4096);
	snprintf(p, sizeof(p), "%s/dir/sub/deep.bin", tree);
	write_file(p, deep, sizeof(deep));
	snprintf(p, sizeof(p), "%s/link", tree);
	assert_int_equal(symlink("hello.txt", p), 0);
	snprintf(p, sizeof(p), "%s/dirlink", tree);
	assert_int_equal(symlink("dir/sub", p), 0);
	snprintf(p, sizeof(p), "%s/loopA", tree);
	assert_int_equal(symlink("loopB", p), 0);
	snprintf(p, sizeof(p), "%s/loopB", tree);
	assert_int_equal(symlink("loopA", p), 0);
	snprintf(cmd, sizeof(cmd), "mke2fs -q -F -t ext4 -b 4096 -d '%s' '%s' 8M >/dev/null 2>&1", tree, raw);
	if (system(cmd) != 0) {
		rm_rf(dir);
		free(dir);
		dir = NULL;
		return 0; /* tests skip */
	}
	assert_int_equal(mtkfw_sparse_make(raw, simg, 4096, NULL), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (dir) {
		rm_rf(dir);
		free(dir);
	}
	return 0;
}

#define NEED_FIXTURE()                                           \
	do {                                                     \
		if (!dir) {                                      \
			print_message("skip: mke2fs not found\n"); \
			skip();                                  \
		}                                                \
	} while (0)

static void check_reads(mtkfw_ext4 *fs)
{
	uint8_t *buf;
	size_t n;

	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "/hello.txt", 100), 0);
	assert_int_equal(n, 11);
	assert_string_equal((char *)buf, "hello ext4\n");
	free(buf);
	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "link", 100), 0); /* followed, no leading / */
	assert_int_equal(n, 11);
	free(buf);
	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "/dirlink/deep.bin", sizeof(deep)), 0);
	assert_int_equal(n, sizeof(deep));
	assert_memory_equal(buf, deep, n);
	free(buf);
	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "/dir/sub/deep.bin", sizeof(deep) - 1), MTKFW_ERR_LIMIT);
	assert_null(buf);
	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "/dir", 100), MTKFW_ERR_INVALID);
	assert_non_null(strstr(mtkfw_error_last()->message, "is a directory"));
	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "/nope", 100), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "/nope"));
	assert_int_equal(mtkfw_ext4_read(&buf, &n, fs, "/hello.txt/x", 100), MTKFW_ERR_NOTFOUND);
	assert_true(mtkfw_ext4_read(&buf, &n, fs, "/loopA", 100) < 0);
	assert_non_null(strstr(mtkfw_error_last()->message, "symbolic links"));
}

static void check_list(mtkfw_ext4 *fs)
{
	static const char *const names[] = { "dir", "dirlink", "hello.txt", "link", "loopA", "loopB", "lost+found" };
	mtkfw_ext4_dir d;
	mtkfw_ext4_entry e;

	assert_int_equal(mtkfw_ext4_list(&d, fs, "/"), 0);
	assert_int_equal(d.count, 7);
	for (size_t i = 0; i < d.count; i++)
		assert_string_equal(d.entries[i].name, names[i]);
	assert_int_equal(d.entries[0].type, MTKFW_EXT4_DIR);
	assert_int_equal(d.entries[2].type, MTKFW_EXT4_FILE);
	assert_int_equal(d.entries[2].size, 11);
	assert_int_equal(d.entries[3].type, MTKFW_EXT4_SYMLINK);
	assert_string_equal(d.entries[3].target, "hello.txt");
	mtkfw_ext4_dir_clear(&d);
	/* a link to a folder lists the folder; a file lists itself */
	assert_int_equal(mtkfw_ext4_list(&d, fs, "/dirlink"), 0);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.entries[0].name, "deep.bin");
	assert_int_equal(d.entries[0].size, sizeof(deep));
	mtkfw_ext4_dir_clear(&d);
	assert_int_equal(mtkfw_ext4_list(&d, fs, "/dir/sub/deep.bin"), 0);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.entries[0].name, "deep.bin");
	mtkfw_ext4_dir_clear(&d);
	assert_int_equal(mtkfw_ext4_stat(&e, fs, "/dir/sub/"), 0);
	assert_string_equal(e.name, "sub");
	assert_int_equal(e.mode & 07777, 0700);
	mtkfw_ext4_entry_clear(&e);
	assert_int_equal(mtkfw_ext4_list(&d, fs, "/missing"), MTKFW_ERR_NOTFOUND);
	/* an empty folder (only "." and "..") lists nothing */
	assert_int_equal(mtkfw_ext4_list(&d, fs, "/lost+found"), 0);
	assert_int_equal(d.count, 0);
	mtkfw_ext4_dir_clear(&d);
}

static void raw_image(void **state)
{
	mtkfw_ext4 *fs;
	(void)state;
	NEED_FIXTURE();
	assert_int_equal(mtkfw_ext4_open(&fs, raw), 0);
	check_reads(fs);
	check_list(fs);
	mtkfw_ext4_free(fs);
}

static void sparse_image(void **state)
{
	mtkfw_ext4 *fs;
	(void)state;
	NEED_FIXTURE();
	assert_int_equal(mtkfw_ext4_open(&fs, simg), 0);
	check_reads(fs);
	check_list(fs);
	mtkfw_ext4_free(fs);
}

static void memory_images(void **state)
{
	mtkfw_ext4 *fs;
	uint8_t *b;
	size_t n;
	(void)state;
	NEED_FIXTURE();
	b = slurp(simg, &n);
	assert_int_equal(mtkfw_ext4_open_mem(&fs, b, n, "mem.simg"), 0);
	check_reads(fs);
	mtkfw_ext4_free(fs);
	free(b);
	b = slurp(raw, &n);
	assert_true(mtkfw_ext4_probe(b, n));
	assert_false(mtkfw_ext4_probe(b, 1081));
	assert_int_equal(mtkfw_ext4_open_mem(&fs, b, n, "mem.img"), 0);
	check_list(fs);
	mtkfw_ext4_free(fs);
	/* cut to 64 KiB: the superblock is there, the group descriptors or inodes are not */
	assert_true(mtkfw_ext4_open_mem(&fs, b, 65536, "cut.img") < 0 || (mtkfw_ext4_free(fs), 1));
	free(b);
}

static void read_file_one_call(void **state)
{
	uint8_t *buf;
	size_t n;
	(void)state;
	NEED_FIXTURE();
	assert_int_equal(mtkfw_ext4_read_file(&buf, &n, simg, "/hello.txt", 64), 0);
	assert_int_equal(n, 11);
	free(buf);
}

static void not_file_systems(void **state)
{
	static uint8_t zeros[65536];
	mtkfw_ext4 *fs;
	char *d = make_tempdir(), p[4200];
	(void)state;

	assert_int_equal(mtkfw_ext4_open_mem(&fs, zeros, sizeof(zeros), "zeros"), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "zeros: not an ext2/ext3/ext4 file system"));
	assert_int_equal(mtkfw_ext4_open_mem(&fs, zeros, 100, "tiny"), MTKFW_ERR_TRUNCATED);
	/* a sparse header that is broken stops at the sparse layer */
	assert_int_equal(mtkfw_ext4_open_mem(&fs, "\x3a\xff\x26\xed\x01\x00", 6, "bad.simg"), MTKFW_ERR_TRUNCATED);
	snprintf(p, sizeof(p), "%s/none", d);
	assert_int_equal(mtkfw_ext4_open(&fs, p), MTKFW_ERR_NOTFOUND);
	rm_rf(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(raw_image),	     cmocka_unit_test(sparse_image),	 cmocka_unit_test(memory_images),
		cmocka_unit_test(read_file_one_call), cmocka_unit_test(not_file_systems),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
