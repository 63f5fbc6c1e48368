/*
 * The read tally (lib/core/read_tally.c): what the file layer read, each byte once — ranges
 * that overlap or touch merge, files are told apart by path, a reused descriptor number
 * follows its newest file, a descriptor the layer did not open counts every byte, a hold
 * stops the counting, and nothing counts while no tally runs.
 */
#include "testutil.h"
#include "core/file.h"
#include "core/internal.h"
#include "core/read_tally.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void ranges_merge(void **state)
{
	(void)state;
	mtkfwi_tally_start();
	mtkfwi_tally_opened(7, "/a");
	mtkfwi_tally_read(7, 100, 50);  /* [100,150) */
	mtkfwi_tally_read(7, 0, 10);    /* [0,10) */
	mtkfwi_tally_read(7, 120, 10);  /* inside */
	mtkfwi_tally_read(7, 140, 20);  /* overlaps: [100,160) */
	mtkfwi_tally_read(7, 160, 40);  /* touches: [100,200) */
	mtkfwi_tally_read(7, 5, 100);   /* bridges both: [0,200) */
	mtkfwi_tally_read(7, 300, 0);   /* nothing */
	assert_int_equal(mtkfwi_tally_stop(), 200);
	/* Stopped: nothing counts, and a stop without a start is 0. */
	mtkfwi_tally_read(7, 0, 10);
	assert_int_equal(mtkfwi_tally_stop(), 0);
}

static void files_and_descriptors(void **state)
{
	(void)state;
	mtkfwi_tally_start();
	mtkfwi_tally_opened(3, "/a");
	mtkfwi_tally_read(3, 0, 100);
	mtkfwi_tally_opened(3, "/b"); /* 3 closed and reused for another file */
	mtkfwi_tally_read(3, 0, 100);
	mtkfwi_tally_opened(4, "/a"); /* /a again: its bytes were counted already */
	mtkfwi_tally_read(4, 50, 100);
	mtkfwi_tally_read(9, 0, 30);  /* never opened through the layer: every byte */
	mtkfwi_tally_read(9, 0, 30);
	mtkfwi_tally_bytes(5);        /* libarchive's own count */
	mtkfwi_tally_hold(true);
	mtkfwi_tally_read(4, 1000, 100);
	mtkfwi_tally_read(9, 0, 30);
	mtkfwi_tally_bytes(5);        /* still counts while held */
	mtkfwi_tally_hold(false);
	mtkfwi_tally_read(3, UINT64_MAX - 10, 20); /* past the end of numbers: counted as it comes */
	assert_int_equal(mtkfwi_tally_stop(), 150 + 100 + 60 + 10 + 20);
}

static void many_ranges(void **state)
{
	(void)state;
	mtkfwi_tally_start();
	mtkfwi_tally_opened(5, "/big");
	/* Every other KiB, backwards, then the gaps: ranges grow, then all merge into one. */
	for (int i = 999; i >= 0; i--)
		mtkfwi_tally_read(5, (uint64_t)i * 2048, 1024);
	for (int i = 0; i < 1000; i++)
		mtkfwi_tally_read(5, (uint64_t)i * 2048 + 1024, 1024);
	assert_int_equal(mtkfwi_tally_stop(), 2048000);
}

/* Through the file layer: a whole-file read and positioned reads of the same file count once. */
static void file_layer_reports(void **state)
{
	char *dir = make_tempdir(), path[4200];
	uint8_t buf[64], *all = NULL;
	size_t len = 0;
	uint64_t size;
	int fd;
	(void)state;

	snprintf(path, sizeof(path), "%s/f.bin", dir);
	memset(buf, 0xA5, sizeof(buf));
	write_file(path, buf, sizeof(buf));
	mtkfwi_tally_start();
	assert_int_equal(mtkfw_open_input(path, &fd, &size), 0);
	assert_int_equal(mtkfw_pread_exact(fd, buf, 16, 8, path), 0);
	assert_int_equal(mtkfwi_pread(fd, buf, 64, 0), 64);
	close(fd);
	assert_int_equal(mtkfw_read_file(path, 1024, &all, &len), 0);
	assert_int_equal(len, 64);
	free(all);
	assert_int_equal(mtkfwi_tally_stop(), 64);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranges_merge),
		cmocka_unit_test(files_and_descriptors),
		cmocka_unit_test(many_ranges),
		cmocka_unit_test(file_layer_reports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
