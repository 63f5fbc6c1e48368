/*
 * The libext2fs io manager over a byte source: reads land at the right offsets (blocks and
 * the negative byte counts libext2fs uses for the superblock), reads past the end are short
 * and zero-filled, and every way of writing is refused: the images mtkfw reads stay untouched.
 */
#include "testutil.h"

#include "image/ext4_internal.h"

#include <mtkfw/mtkfw.h>

#include <string.h>

static uint8_t backing[10000];

static int mem_read(void *user, uint64_t off, void *buf, size_t n)
{
	(void)user;
	if (off > sizeof(backing) || n > sizeof(backing) - off)
		return MTKFW_ERR_TRUNCATED;
	memcpy(buf, backing + off, n);
	return 0;
}

static void reads_and_refusals(void **state)
{
	struct ext4_src src = { .read = mem_read, .size = sizeof(backing) };
	io_manager m = mtkfw_ext4_src_io_manager;
	io_channel ch;
	char name[64];
	uint8_t buf[4096];
	(void)state;

	for (size_t i = 0; i < sizeof(backing); i++)
		backing[i] = (uint8_t)(i % 251);
	mtkfwi_ext4_src_name(name, sizeof(name), &src);
	assert_int_equal(m->open(name, IO_FLAG_RW, &ch), EXT2_ET_RO_FILSYS);
	assert_int_equal(m->open("not-ours", 0, &ch), EXT2_ET_BAD_DEVICE_NAME);
	assert_int_equal(m->open(name, 0, &ch), 0);
	assert_int_equal(m->set_blksize(ch, 1024), 0);
	assert_int_equal(m->read_blk64(ch, 2, 1, buf), 0);
	assert_memory_equal(buf, backing + 2048, 1024);
	assert_int_equal(m->read_blk64(ch, 1, -100, buf), 0); /* 100 bytes at block 1 */
	assert_memory_equal(buf, backing + 1024, 100);
	/* block 9 holds bytes 9216..10239: 784 exist, the rest must read as zeros */
	memset(buf, 0xEE, sizeof(buf));
	assert_int_equal(m->read_blk64(ch, 9, 1, buf), EXT2_ET_SHORT_READ);
	assert_memory_equal(buf, backing + 9216, 784);
	for (size_t i = 784; i < 1024; i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(m->read_blk64(ch, 1ull << 62, 1, buf), EXT2_ET_SHORT_READ);
	assert_int_equal(m->write_blk64(ch, 0, 1, buf), EXT2_ET_RO_FILSYS);
	assert_int_equal(m->write_blk(ch, 0, 1, buf), EXT2_ET_RO_FILSYS);
	assert_int_equal(m->write_byte(ch, 0, 1, buf), EXT2_ET_RO_FILSYS);
	assert_true(src.bytes_read >= 1024 + 100 + 784);
	assert_int_equal(m->close(ch), 0);
}

static void error_mapping(void **state)
{
	(void)state;
	assert_int_equal(mtkfwi_ext4_seterr(EXT2_ET_FILE_NOT_FOUND, "img", "/x"), MTKFW_ERR_NOTFOUND);
	assert_string_equal(mtkfw_error_last()->message, "img: /x: no such file or folder in the image");
	assert_int_equal(mtkfwi_ext4_seterr(EXT2_ET_SHORT_READ, "img", NULL), MTKFW_ERR_TRUNCATED);
	assert_int_equal(mtkfwi_ext4_seterr(EXT2_ET_UNSUPP_FEATURE, "img", NULL), MTKFW_ERR_UNSUPPORTED);
	assert_int_equal(mtkfwi_ext4_seterr(EXT2_ET_BAD_MAGIC, "img", NULL), MTKFW_ERR_FORMAT);
	/* libext2fs's own text for the rest */
	assert_int_equal(mtkfwi_ext4_seterr(EXT2_ET_DIR_CORRUPTED, "img", "/d"), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "img: /d: "));
	assert_true(strlen(mtkfw_error_last()->message) > strlen("img: /d: "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_and_refusals),
		cmocka_unit_test(error_mapping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
