/* lib/core: error model, sizes, byte access, fields, files. */
#include "testutil.h"

#include "core/bytes.h"
#include "core/fields.h"
#include "core/file.h"
#include "core/internal.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void error_last_is_per_call(void **state)
{
	(void)state;
	mtkfw_error_clear();
	assert_int_equal(mtkfw_error_last()->code, MTKFW_OK);
	assert_string_equal(mtkfw_error_last()->message, "");
	assert_int_equal(mtkfw_seterr(MTKFW_ERR_TRUNCATED, "x.bin: ends at %d", 12), MTKFW_ERR_TRUNCATED);
	assert_string_equal(mtkfw_error_last()->message, "x.bin: ends at 12");
	mtkfw_seterr_prefix("pkg");
	assert_string_equal(mtkfw_error_last()->message, "pkg: x.bin: ends at 12");
	assert_string_equal(mtkfw_status_name(MTKFW_ERR_TRUNCATED), "truncated");
	assert_string_equal(mtkfw_status_name(12345), "unknown");
}

static void parse_size_forms(void **state)
{
	uint64_t v;
	(void)state;
	assert_int_equal(mtkfw_parse_size(&v, "4096"), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(mtkfw_parse_size(&v, "0x1A0000"), 0);
	assert_int_equal(v, 0x1A0000);
	assert_int_equal(mtkfw_parse_size(&v, "512K"), 0);
	assert_int_equal(v, 512 * 1024);
	assert_int_equal(mtkfw_parse_size(&v, "4M"), 0);
	assert_int_equal(v, 4 << 20);
	assert_int_equal(mtkfw_parse_size(&v, "2GiB"), 0);
	assert_int_equal(v, 2ULL << 30);
	assert_int_equal(mtkfw_parse_size(&v, "0x10k"), 0);
	assert_int_equal(v, 16 * 1024);
	assert_int_equal(mtkfw_parse_size(&v, ""), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_parse_size(&v, "12q"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_parse_size(&v, "0x"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_parse_size(&v, "99999999999999999999"), MTKFW_ERR_LIMIT);
	assert_int_equal(mtkfw_parse_size(&v, "0xFFFFFFFFFFFFFFFFG"), MTKFW_ERR_LIMIT);
}

static void bytes_round_trip(void **state)
{
	uint8_t b[8];
	uint64_t out;
	(void)state;
	wr_le32(b, 0x58881688);
	assert_memory_equal(b, "\x88\x16\x88\x58", 4);
	assert_int_equal(rd_le32(b), 0x58881688);
	wr_be32(b, 0xA00A5005);
	assert_memory_equal(b, "\xA0\x0A\x50\x05", 4);
	assert_int_equal(rd_be32(b), 0xA00A5005);
	wr_le64(b, 0x0102030405060708ULL);
	assert_int_equal(rd_le64(b), 0x0102030405060708ULL);
	assert_true(span_ok(10, 2, 8));
	assert_false(span_ok(10, 3, 8));
	assert_false(span_ok(10, 11, 0));
	assert_false(span_ok(10, 2, UINT64_MAX));
	assert_false(add_ok(UINT64_MAX, 1, &out));
	assert_true(align_up_ok(5, 4, &out));
	assert_int_equal(out, 8);
	assert_false(align_up_ok(UINT64_MAX, 4096, &out));
}

static void fields_get_put(void **state)
{
	static const struct mtkfw_field t[] = {
		{ "magic", 0, 4, MTKFW_F_LE },
		{ "count", 4, 2, MTKFW_F_BE },
		{ "name", 6, 4, MTKFW_F_BYTES },
	};
	uint8_t b[10] = { 0 };
	(void)state;
	mtkfw_field_put(&t[0], b, 0x58881688);
	mtkfw_field_put(&t[1], b, 0x1234);
	assert_memory_equal(b, "\x88\x16\x88\x58\x12\x34", 6);
	assert_int_equal(mtkfw_field_get(&t[0], b), 0x58881688);
	assert_int_equal(mtkfw_field_get(&t[1], b), 0x1234);
	assert_ptr_equal(mtkfw_field_find(t, 3, "count"), &t[1]);
	assert_null(mtkfw_field_find(t, 3, "nope"));
	assert_int_equal(mtkfw_fields_span(t, 3), 10);
}

static void read_file_is_bounded(void **state)
{
	char *dir = make_tempdir();
	char *p = mtkfw_path_join(dir, "f.bin");
	uint8_t *buf;
	size_t len;
	(void)state;
	write_file(p, "0123456789", 10);
	assert_int_equal(mtkfw_read_file(p, 10, &buf, &len), 0);
	assert_int_equal(len, 10);
	assert_int_equal(buf[10], 0);
	free(buf);
	assert_int_equal(mtkfw_read_file(p, 9, &buf, &len), MTKFW_ERR_LIMIT);
	assert_non_null(strstr(mtkfw_error_last()->message, "f.bin"));
	assert_int_equal(mtkfw_read_file(dir, 9, &buf, &len), MTKFW_ERR_INVALID);
	free(p);
	p = mtkfw_path_join(dir, "missing");
	assert_int_equal(mtkfw_read_file(p, 9, &buf, &len), MTKFW_ERR_NOTFOUND);
	free(p);
	rm_rf(dir);
	free(dir);
}

/* Inputs open without waiting: a FIFO with no writer is refused at once (a plain open() would
 * block this test for ever), a folder too; a regular file gives its size and blocking reads. */
static void open_input_refuses_what_can_block(void **state)
{
	char *dir = make_tempdir();
	char *p = mtkfw_path_join(dir, "f.bin"), *fifo = mtkfw_path_join(dir, "fifo");
	uint64_t size = 99;
	char b[4];
	int fd = 7, fl;
	FILE *f;
	(void)state;
	write_file(p, "0123456789", 10);
	assert_int_equal(mtkfw_open_input(p, &fd, &size), 0);
	assert_int_equal(size, 10);
	fl = fcntl(fd, F_GETFL);
	assert_int_equal(fl & O_NONBLOCK, 0);
	assert_int_not_equal(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
	assert_int_equal(read(fd, b, 4), 4);
	assert_memory_equal(b, "0123", 4);
	close(fd);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(mtkfw_open_input(fifo, &fd, &size), MTKFW_ERR_INVALID);
	assert_int_equal(fd, -1);
	assert_int_equal(size, 0);
	assert_non_null(strstr(mtkfw_error_last()->message, "fifo: not a regular file"));
	assert_null(mtkfw_fopen_input(fifo));
	assert_int_equal(mtkfw_open_input(dir, &fd, NULL), MTKFW_ERR_INVALID);
	assert_non_null(strstr(mtkfw_error_last()->message, "is a folder"));
	assert_int_equal(mtkfw_open_input("/nonexistent/x", &fd, NULL), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_open_input(NULL, &fd, NULL), MTKFW_ERR_INVALID);
	assert_non_null(f = mtkfw_fopen_input(p));
	assert_int_equal(fread(b, 1, 4, f), 4);
	fclose(f);
	/* mtkfw_read_file goes through it too. */
	uint8_t *buf;
	size_t len;
	assert_int_equal(mtkfw_read_file(fifo, 9, &buf, &len), MTKFW_ERR_INVALID);
	free(p);
	free(fifo);
	rm_rf(dir);
	free(dir);
}

static void atomic_write_replaces_or_keeps(void **state)
{
	char *dir = make_tempdir();
	char *p = mtkfw_path_join(dir, "out.bin");
	struct mtkfw_atomic a;
	uint8_t *buf;
	size_t len;
	(void)state;
	write_file(p, "old", 3);
	/* An aborted write leaves the old file as it was. */
	assert_int_equal(mtkfw_atomic_open(&a, p), 0);
	assert_int_equal(mtkfw_atomic_write(&a, "new!", 4), 0);
	mtkfw_atomic_abort(&a);
	buf = slurp(p, &len);
	assert_int_equal(len, 3);
	free(buf);
	assert_int_equal(mtkfw_write_file_atomic(p, "new!", 4), 0);
	buf = slurp(p, &len);
	assert_int_equal(len, 4);
	assert_memory_equal(buf, "new!", 4);
	free(buf);
	free(p);
	rm_rf(dir);
	free(dir);
}

static void path_under_refuses_escapes(void **state)
{
	char *out;
	(void)state;
	assert_int_equal(mtkfw_path_under("/o", "a/b.img", &out), 0);
	assert_string_equal(out, "/o/a/b.img");
	free(out);
	assert_int_equal(mtkfw_path_under("/o/", "./x", &out), 0);
	assert_string_equal(out, "/o/./x");
	free(out);
	assert_int_equal(mtkfw_path_under("/o", "../etc/passwd", &out), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("/o", "a/../../x", &out), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("/o", "/etc/passwd", &out), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("/o", "", &out), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("/o", "a\nb", &out), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("/o", "..", &out), MTKFW_ERR_REFUSED);
	assert_int_equal(mtkfw_path_under("/o", "a..b", &out), 0);
	free(out);
}

static int progress_calls;
static uint64_t progress_last;
static int record_progress(const char *stage, uint64_t done, uint64_t total, void *user)
{
	(void)stage; (void)total;
	assert_true(done >= progress_last);
	progress_last = done;
	progress_calls++;
	return *(int *)user;
}

static void progress_monotonic_and_cancels(void **state)
{
	mtkfw_ctx *ctx;
	int stop = 0;
	(void)state;
	assert_int_equal(mtkfw_ctx_new(&ctx), 0);
	assert_int_equal(mtkfw_progress(NULL, "x", 1, 2), 0);
	mtkfw_ctx_set_progress(ctx, record_progress, &stop);
	assert_int_equal(mtkfw_progress(ctx, "read", 10, 100), 0);
	assert_int_equal(mtkfw_progress(ctx, "read", 5, 100), 0); /* clamped, not backwards */
	assert_int_equal(progress_last, 10);
	progress_last = 0;
	assert_int_equal(mtkfw_progress(ctx, "write", 1, 100), 0); /* a new stage starts at 0 */
	stop = 1;
	assert_int_equal(mtkfw_progress(ctx, "write", 2, 100), MTKFW_ERR_CANCELLED);
	assert_int_equal(progress_calls, 4);
	mtkfw_ctx_free(ctx);
}

/* A muted stretch reports nothing to the callback, but a cancel still stops it; unmuted, the
 * progress reaches the callback again. */
static void muted_progress_still_cancels(void **state)
{
	static volatile sig_atomic_t flag;
	mtkfw_ctx *ctx;
	int stop = 0;
	(void)state;
	assert_int_equal(mtkfw_ctx_new(&ctx), 0);
	mtkfw_ctx_set_progress(ctx, record_progress, &stop);
	mtkfw_ctx_set_cancel(ctx, &flag);
	progress_calls = 0;
	progress_last = 0;
	mtkfwi_ctx_mute(ctx, true);
	assert_int_equal(mtkfw_progress(ctx, "read user", 65536, 65536), 0);
	assert_int_equal(progress_calls, 0);
	flag = 1;
	assert_int_equal(mtkfw_progress(ctx, "read user", 65536, 65536), MTKFW_ERR_CANCELLED);
	flag = 0;
	mtkfwi_ctx_mute(ctx, false);
	assert_int_equal(mtkfw_progress(ctx, "read ANDROID files", 131072, 0), 0);
	assert_int_equal(progress_calls, 1);
	mtkfwi_ctx_mute(NULL, true); /* no context: nothing to mute */
	mtkfw_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_last_is_per_call),
		cmocka_unit_test(parse_size_forms),
		cmocka_unit_test(bytes_round_trip),
		cmocka_unit_test(fields_get_put),
		cmocka_unit_test(read_file_is_bounded),
		cmocka_unit_test(open_input_refuses_what_can_block),
		cmocka_unit_test(atomic_write_replaces_or_keeps),
		cmocka_unit_test(path_under_refuses_escapes),
		cmocka_unit_test(progress_monotonic_and_cancels),
		cmocka_unit_test(muted_progress_still_cancels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
