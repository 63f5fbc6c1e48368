/*
 * lib/catalog/unpack.c: a package taken out of an archive holds its scatter and the files the
 * caller wants, nothing else; a member named to leave the folder is never written; several
 * packages, none, and a damaged archive are errors; the folder goes with the clear. And what a
 * port wants of a base (mtkfw_port_base_wants) on the default keep-list. The archives are
 * made with Python's zipfile and tarfile from a samplegen package.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>
#include <mtkfw/catalog.h>
#include <mtkfw/port.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmp;

static int setup(void **state)
{
	const char *sg = getenv("MTKFW_SAMPLEGEN");

	(void)state;
	tmp = make_tempdir();
	if (!sg || sh_run("'%s' '%s/pkg' >/dev/null 2>&1", sg, tmp) != 0 ||
	    sh_run("cd '%s' && python3 - <<'PY'\n"
		   "import os, zipfile, tarfile\n"
		   "z = zipfile.ZipFile('one.zip', 'w')\n"
		   "for f in sorted(os.listdir('pkg')): z.write('pkg/' + f, 'fw/' + f)\n"
		   "z.writestr('../escaped.txt', 'x')\n"
		   "z.writestr('fw/../../escaped2.txt', 'x')\n"
		   "z.close()\n"
		   "t = tarfile.open('two.tar.gz', 'w:gz')\n"
		   "t.add('pkg', 'a'); t.add('pkg', 'b'); t.close()\n"
		   "t = tarfile.open('none.tar', 'w'); t.add('pkg/lk.bin', 'lk.bin'); t.close()\n"
		   "d = open('one.zip', 'rb').read(); open('cut.zip', 'wb').write(d[:len(d) * 2 // 3])\n"
		   "PY",
		   tmp) != 0)
		tempdir_free(&tmp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tempdir_free(&tmp);
	return 0;
}

static char *at(const char *name)
{
	char *p = NULL;

	assert_true(asprintf(&p, "%s/%s", tmp, name) > 0);
	return p;
}

static bool exists(const char *dir, const char *name)
{
	char *p = NULL;
	struct stat st;
	bool there;

	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	there = stat(p, &st) == 0;
	free(p);
	return there;
}

static bool no_lk(const char *partition, void *user)
{
	(void)user;
	return strcasecmp(partition, "UBOOT") != 0 && strcasecmp(partition, "PRELOADER") != 0;
}

static void test_only_what_is_wanted(void **state)
{
	struct mtkfw_catalog_unpack_opts o = { .version = 1, .tmp_dir = tmp, .want = no_lk };
	struct mtkfw_catalog_unpacked u;
	char *zip, *dir;

	(void)state;
	NEED_TEMPDIR(tmp, "no samplegen or python3");
	zip = at("one.zip");
	assert_true(mtkfw_catalog_is_archive(zip));
	assert_int_equal(mtkfw_catalog_unpack(&u, zip, &o, NULL), 0);
	assert_non_null(u.scatter);
	dir = at("");
	assert_int_equal(strncmp(u.tmp.path, dir, strlen(dir)), 0);
	assert_non_null(strstr(u.scatter, "/fw/MT6572_Android_scatter.txt"));
	assert_true(exists(u.tmp.path, "fw/boot.img"));
	assert_true(exists(u.tmp.path, "fw/system.img"));
	assert_true(exists(u.tmp.path, "fw/logo.bin"));
	/* Not wanted, not named by the scatter, or named to leave the folder: not written. */
	assert_false(exists(u.tmp.path, "fw/lk.bin"));
	assert_false(exists(u.tmp.path, "fw/Checksum.ini"));
	assert_false(exists(tmp, "escaped.txt"));
	assert_false(exists(tmp, "escaped2.txt"));
	free(dir);
	dir = strdup(u.tmp.path);
	mtkfw_catalog_unpacked_clear(&u);
	assert_false(exists(dir, ""));
	assert_null(u.tmp.path);
	free(dir);
	free(zip);
}

static void test_member_forms(void **state)
{
	struct mtkfw_catalog_unpack_opts o = { .version = 1, .tmp_dir = tmp };
	struct mtkfw_catalog_unpacked u;
	char *p;

	(void)state;
	NEED_TEMPDIR(tmp, "no samplegen or python3");
	p = at("two.tar.gz");
	assert_int_equal(mtkfw_catalog_unpack(&u, p, &o, NULL), MTKFW_ERR_INVALID);
	assert_non_null(strstr(mtkfw_error_last()->message, "holds 2 packages"));
	assert_null(u.tmp.path);
	free(p);
	p = at("two.tar.gz!/b");
	assert_int_equal(mtkfw_catalog_unpack(&u, p, &o, NULL), 0);
	assert_non_null(strstr(u.scatter, "/b/MT6572_Android_scatter.txt"));
	assert_true(exists(u.tmp.path, "b/lk.bin")); /* no want: every file the scatter names */
	assert_false(exists(u.tmp.path, "a"));
	mtkfw_catalog_unpacked_clear(&u);
	free(p);
	p = at("two.tar.gz!/a/MT6572_Android_scatter.txt");
	assert_int_equal(mtkfw_catalog_unpack(&u, p, &o, NULL), 0);
	assert_true(exists(u.tmp.path, "a/boot.img"));
	mtkfw_catalog_unpacked_clear(&u);
	free(p);
	p = at("two.tar.gz!/c");
	assert_int_equal(mtkfw_catalog_unpack(&u, p, &o, NULL), MTKFW_ERR_NOTFOUND);
	free(p);
	p = at("none.tar");
	assert_int_equal(mtkfw_catalog_unpack(&u, p, &o, NULL), MTKFW_ERR_NOTFOUND);
	assert_non_null(strstr(mtkfw_error_last()->message, "no scatter"));
	free(p);
	p = at("cut.zip");
	assert_int_equal(mtkfw_catalog_unpack(&u, p, &o, NULL), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "damaged or truncated"));
	free(p);
	p = at("absent.zip");
	assert_int_equal(mtkfw_catalog_unpack(&u, p, &o, NULL), MTKFW_ERR_NOTFOUND);
	free(p);
	/* Every failure took its folder away. */
	assert_int_equal(sh_run("test -z \"$(ls '%s' | grep mtkfw-unpack)\"", tmp), 0);
}

static void test_port_base_wants(void **state)
{
	static const char *const yes[] = { "BOOTIMG", "ANDROID", "CACHE", "USRDATA", "boot" };
	static const char *const no[] = { "PRELOADER", "UBOOT", "LOGO", "RECOVERY", "SEC_RO", "NVRAM", "PRO_INFO",
					  "PROTECT_F", "SECCFG", "MBR", "EBR1", "PMT" };
	mtkfw_keep_list k = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(mtkfw_port_base_wants(yes[i], NULL));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(mtkfw_port_base_wants(no[i], NULL));
	/* --take LOGO: the base's logo is read then. */
	assert_int_equal(mtkfw_keep_default(&k), 0);
	assert_int_equal(mtkfw_keep_take(&k, "LOGO"), 0);
	assert_true(mtkfw_port_base_wants("LOGO", &k));
	assert_false(mtkfw_port_base_wants("UBOOT", &k));
	mtkfw_keep_list_clear(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_what_is_wanted),
		cmocka_unit_test(test_member_forms),
		cmocka_unit_test(test_port_base_wants),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
