/* The temp registry, folder outputs and cancelling through a flag (core/tmpreg.h, outdir.h). */
#include "testutil.h"

#include "core/file.h"
#include "core/internal.h"
#include "core/outdir.h"
#include "core/tmpreg.h"

#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static char *join(const char *a, const char *b)
{
	char *p = mtkfw_path_join(a, b);

	assert_non_null(p);
	return p;
}

/* The flag stops work at the next progress report or check, with or without a callback. */
static void cancel_flag_stops_work(void **state)
{
	volatile sig_atomic_t stop = 0;
	mtkfw_ctx *ctx;
	(void)state;
	assert_int_equal(mtkfw_ctx_new(&ctx), 0);
	mtkfw_ctx_set_cancel(ctx, &stop);
	assert_int_equal(mtkfw_progress(ctx, "x", 1, 2), 0);
	assert_int_equal(mtkfw_cancelled(ctx), 0);
	stop = SIGINT;
	assert_int_equal(mtkfw_progress(ctx, "x", 2, 2), MTKFW_ERR_CANCELLED);
	assert_int_equal(mtkfw_cancelled(ctx), MTKFW_ERR_CANCELLED);
	assert_int_equal(mtkfw_cancelled(NULL), 0);
	mtkfw_ctx_set_cancel(ctx, NULL);
	assert_int_equal(mtkfw_progress(ctx, "x", 2, 2), 0);
	mtkfw_ctx_free(ctx);
}

/* What a signal handler calls: the temp file of an open atomic write and a folder being built
 * (with files, a sub-folder and a link to outside) go; what the link points at stays. */
static void remove_temps_takes_everything_uncommitted(void **state)
{
	char *dir = make_tempdir(), *outside = join(dir, "outside"), *keep = join(outside, "keep");
	char *file = join(dir, "out.bin"), *folder = join(dir, "tree"), *p;
	struct mtkfw_atomic a;
	struct mtkfw_outdir d;
	(void)state;
	assert_int_equal(mkdir(outside, 0755), 0);
	write_file(keep, "k", 1);
	assert_int_equal(mtkfw_atomic_open(&a, file), 0);
	assert_int_equal(mtkfw_atomic_write(&a, "x", 1), 0);
	assert_int_equal(mtkfw_outdir_open(&d, folder, false), 0);
	p = join(d.tmp, "sub");
	assert_int_equal(mkdir(p, 0555), 0);
	free(p);
	p = join(d.tmp, "link");
	assert_int_equal(symlink(outside, p), 0);
	free(p);
	p = join(d.tmp, "f");
	write_file(p, "f", 1);
	free(p);
	assert_int_equal(entries(dir), 3); /* outside, the temp file, the temp folder */
	assert_int_equal(mtkfw_remove_temps(), 2);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(access(keep, F_OK), 0);
	/* The owners' own clean-up afterwards is harmless, and nothing is listed twice. */
	mtkfw_atomic_abort(&a);
	mtkfw_outdir_abort(&d);
	assert_int_equal(mtkfw_remove_temps(), 0);
	free(file);
	free(folder);
	free(keep);
	free(outside);
	rm_rf(dir);
	free(dir);
}

/* Committed and aborted outputs leave the registry: a later clean-up touches nothing. */
static void committed_outputs_are_forgotten(void **state)
{
	char *dir = make_tempdir(), *file = join(dir, "a.bin"), *folder = join(dir, "out");
	struct mtkfw_outdir d;
	(void)state;
	assert_int_equal(mtkfw_write_file_atomic(file, "abc", 3), 0);
	assert_int_equal(mtkfw_outdir_open(&d, folder, false), 0);
	assert_int_equal(mtkfw_outdir_commit(&d, 0750), 0);
	assert_int_equal(mtkfw_remove_temps(), 0);
	assert_int_equal(entries(dir), 2);
	assert_int_equal(entries(folder), 0);
	free(file);
	free(folder);
	rm_rf(dir);
	free(dir);
}

/* A legal 255-byte name can be written: the temp name beside it is a short one. */
static void longest_name_is_writable(void **state)
{
	char *dir = make_tempdir(), name[NAME_MAX + 1], *p, *t;
	size_t len;
	uint8_t *buf;
	(void)state;
	memset(name, 'n', NAME_MAX);
	name[NAME_MAX] = 0;
	p = join(dir, name);
	assert_int_equal(mtkfw_write_file_atomic(p, "long", 4), 0);
	buf = slurp(p, &len);
	assert_int_equal(len, 4);
	free(buf);
	t = mtkfw_tmp_template(p);
	assert_non_null(t);
	assert_string_equal(mtkfw_path_base(t), ".mtkfw.XXXXXX");
	free(t);
	t = mtkfw_tmp_template("/x/out.img");
	assert_string_equal(t, "/x/.out.img.XXXXXX");
	free(t);
	free(p);
	rm_rf(dir);
	free(dir);
}

/* A folder output: refused over a non-empty OUT unless forced (one wording), fine over an
 * empty one, and replacing OUT only once the new folder is complete. */
static void outdir_refuses_and_replaces(void **state)
{
	char *dir = make_tempdir(), *out = join(dir, "out"), *old = join(out, "old"), *p;
	struct mtkfw_outdir d;
	(void)state;
	assert_int_equal(mkdir(out, 0755), 0);
	assert_int_equal(mtkfw_outdir_open(&d, out, false), 0); /* empty: allowed */
	mtkfw_outdir_abort(&d);
	write_file(old, "o", 1);
	assert_int_equal(mtkfw_outdir_open(&d, out, false), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "out exists: add --force to replace it"));
	assert_int_equal(mtkfw_output_check(old, false), MTKFW_ERR_REFUSED);
	assert_non_null(strstr(mtkfw_error_last()->message, "old exists: add --force to replace it"));
	assert_int_equal(mtkfw_output_check(old, true), 0);
	p = join(dir, "absent");
	assert_int_equal(mtkfw_output_check(p, false), 0);
	free(p);
	assert_int_equal(mtkfw_outdir_open(&d, out, true), 0);
	p = join(d.tmp, "new");
	write_file(p, "n", 1);
	free(p);
	assert_int_equal(access(old, F_OK), 0); /* the old OUT is there until the commit */
	assert_int_equal(mtkfw_outdir_commit(&d, 0755), 0);
	assert_int_equal(access(old, F_OK), -1);
	p = join(out, "new");
	assert_int_equal(access(p, F_OK), 0);
	free(p);
	assert_int_equal(entries(dir), 1); /* nothing beside OUT: no temp, no old copy */
	free(old);
	free(out);
	rm_rf(dir);
	free(dir);
}

/* A write error inside the temp folder names OUT, not the hidden name. */
static void outdir_messages_name_out(void **state)
{
	char *dir = make_tempdir(), *out = join(dir, "out");
	struct mtkfw_outdir d;
	(void)state;
	assert_int_equal(mtkfw_outdir_open(&d, out, false), 0);
	mtkfw_seterr(MTKFW_ERR_IO, "%s/a/b: write failed: No space left on device", d.tmp);
	mtkfw_outdir_name_output(&d);
	assert_int_equal(mtkfw_error_last()->code, MTKFW_ERR_IO);
	assert_non_null(strstr(mtkfw_error_last()->message, "/out/a/b: write failed"));
	assert_null(strstr(mtkfw_error_last()->message, d.tmp));
	mtkfw_outdir_abort(&d);
	assert_int_equal(entries(dir), 0);
	free(out);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cancel_flag_stops_work),
		cmocka_unit_test(remove_temps_takes_everything_uncommitted),
		cmocka_unit_test(committed_outputs_are_forgotten),
		cmocka_unit_test(longest_name_is_writable),
		cmocka_unit_test(outdir_refuses_and_replaces),
		cmocka_unit_test(outdir_messages_name_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
