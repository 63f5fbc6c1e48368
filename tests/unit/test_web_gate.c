/*
 * mtkfw web's gate, without a server: the token, cookie, Host and Origin checks (web/auth.c),
 * which paths a request may name (web/roots.c), the loopback-only listen address, and the
 * argument lists the page's jobs become (web/api_render.c).
 */
#include "testutil.h"

#include "api_render.h"
#include "auth.h"
#include "roots.h"
#include "web.h"

#include <mtkfw/error.h>
#include <mtkfw/frontend.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void secret_equal(void **state)
{
	(void)state;
	assert_true(web_secret_equal("abc", "abc"));
	assert_false(web_secret_equal("ab", "abc"));
	assert_false(web_secret_equal("abcd", "abc"));
	assert_false(web_secret_equal("abd", "abc"));
	assert_false(web_secret_equal("", "abc"));
	assert_true(web_secret_equal("", ""));
}

static void cookie_value(void **state)
{
	char v[16];

	(void)state;
	assert_true(web_cookie_value("a=1; mtkfw_token_80=abc; b=2", "mtkfw_token_80", v, sizeof(v)));
	assert_string_equal(v, "abc");
	assert_true(web_cookie_value("mtkfw_token_80=x", "mtkfw_token_80", v, sizeof(v)));
	assert_string_equal(v, "x");
	assert_true(web_cookie_value(";;\t mtkfw_token_80=;", "mtkfw_token_80", v, sizeof(v)));
	assert_string_equal(v, "");
	/* A longer name that ends with ours, or starts with it, is another cookie. */
	assert_false(web_cookie_value("xmtkfw_token_80=abc", "mtkfw_token_80", v, sizeof(v)));
	assert_false(web_cookie_value("mtkfw_token_800=abc", "mtkfw_token_80", v, sizeof(v)));
	assert_false(web_cookie_value("mtkfw_token_80=0123456789abcdef", "mtkfw_token_80", v, sizeof(v)));
	assert_false(web_cookie_value("", "mtkfw_token_80", v, sizeof(v)));
	assert_false(web_cookie_value(NULL, "mtkfw_token_80", v, sizeof(v)));
}

static void auth_check(void **state)
{
	struct web_auth a;
	char bearer[128], cookie[128], other[WEB_TOKEN_HEX + 1];

	(void)state;
	assert_int_equal(web_auth_init(&a, "127.0.0.1", 8080), 0);
	assert_int_equal(strlen(a.token), WEB_TOKEN_HEX);
	assert_string_equal(a.host, "127.0.0.1:8080");
	assert_string_equal(a.origin, "http://127.0.0.1:8080");
	assert_string_equal(a.cookie, "mtkfw_token_8080");
	snprintf(bearer, sizeof(bearer), "Bearer %s", a.token);
	snprintf(cookie, sizeof(cookie), "mtkfw_token_8080=%s", a.token);
	snprintf(other, sizeof(other), "%s", a.token);
	other[0] = other[0] == '0' ? '1' : '0';

	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", NULL, NULL, NULL, bearer), WEB_ALLOW);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", NULL, NULL, cookie, NULL), WEB_ALLOW);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", NULL, a.token, NULL, NULL), WEB_ALLOW_QUERY);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", "http://127.0.0.1:8080", NULL, NULL, bearer), WEB_ALLOW);
	/* The scheme's case does not matter; the token's does not arise (lower-case hex). */
	bearer[0] = 'b';
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", NULL, NULL, NULL, bearer), WEB_ALLOW);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", NULL, NULL, NULL, NULL), WEB_DENY_TOKEN);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", NULL, other, NULL, NULL), WEB_DENY_TOKEN);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", NULL, "", NULL, "Bearer "), WEB_DENY_TOKEN);
	/* Host first: a rebinding name is refused even with the right token. */
	assert_int_equal(web_auth_check(&a, "attacker.example:8080", NULL, NULL, NULL, bearer), WEB_DENY_HOST);
	assert_int_equal(web_auth_check(&a, "127.0.0.1", NULL, NULL, NULL, bearer), WEB_DENY_HOST);
	assert_int_equal(web_auth_check(&a, NULL, NULL, NULL, NULL, bearer), WEB_DENY_HOST);
	assert_int_equal(web_auth_check(&a, "", NULL, NULL, NULL, bearer), WEB_DENY_HOST);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", "http://attacker.example", NULL, NULL, bearer),
			 WEB_DENY_ORIGIN);
	assert_int_equal(web_auth_check(&a, "127.0.0.1:8080", "null", NULL, NULL, bearer), WEB_DENY_ORIGIN);
	assert_string_not_equal(web_verdict_message(WEB_DENY_HOST), web_verdict_message(WEB_DENY_TOKEN));
}

static void path_inside(void **state)
{
	(void)state;
	assert_true(web_path_inside("/a/b", "/a/b"));
	assert_true(web_path_inside("/a/b/c", "/a/b"));
	assert_false(web_path_inside("/a/bc", "/a/b"));
	assert_false(web_path_inside("/a", "/a/b"));
	assert_true(web_path_inside("/etc", "/"));
}

static void roots_resolve(void **state)
{
	char *dir = make_tempdir(), *root, *out, p[PATH_MAX + 64], outside[PATH_MAX];
	struct web_roots r = { { 0 }, 0 };

	(void)state;
	snprintf(p, sizeof(p), "%s/root", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/root/a..b", dir);
	write_file(p, "x", 1);
	snprintf(outside, sizeof(outside), "%s/outside", dir);
	assert_int_equal(mkdir(outside, 0700), 0);
	snprintf(p, sizeof(p), "%s/secret", outside);
	write_file(p, "x", 1);
	snprintf(p, sizeof(p), "%s/root/out", dir);
	assert_int_equal(symlink(outside, p), 0);
	snprintf(p, sizeof(p), "%s/root", dir);
	assert_int_equal(web_roots_add(&r, p), 0);
	root = r.dirs[0];

	/* Inside: absolute, relative (under the first root), a name that merely holds "..". */
	snprintf(p, sizeof(p), "%s/a..b", root);
	assert_int_equal(web_roots_resolve(&r, p, true, &out), 0);
	assert_string_equal(out, p);
	free(out);
	assert_int_equal(web_roots_resolve(&r, "a..b", true, &out), 0);
	assert_string_equal(out, p);
	free(out);
	assert_int_equal(web_roots_resolve(&r, root, true, &out), 0);
	free(out);
	/* A new file inside (an output), but not in a folder that does not exist. */
	assert_int_equal(web_roots_resolve(&r, "new.bin", false, &out), 0);
	snprintf(p, sizeof(p), "%s/new.bin", root);
	assert_string_equal(out, p);
	free(out);
	assert_int_equal(web_roots_resolve(&r, "nofolder/new.bin", false, &out), MTKFW_ERR_NOTFOUND);
	assert_int_equal(web_roots_resolve(&r, "missing.bin", true, &out), MTKFW_ERR_NOTFOUND);
	assert_null(out);

	/* Refused: dot-dot components, outside, a link out, control characters. */
	static const char *const rel_bad[] = { "..", "../outside/secret", "a/../..", "./..", "out/secret", "out",
					       "x\ny", "..\\outside" };
	for (size_t i = 0; i < sizeof(rel_bad) / sizeof(rel_bad[0]); i++) {
		out = NULL;
		assert_int_equal(web_roots_resolve(&r, rel_bad[i], true, &out), MTKFW_ERR_REFUSED);
		assert_null(out);
	}
	snprintf(p, sizeof(p), "%s/../outside/secret", root);
	assert_int_equal(web_roots_resolve(&r, p, true, &out), MTKFW_ERR_REFUSED);
	snprintf(p, sizeof(p), "%s/secret", outside);
	assert_int_equal(web_roots_resolve(&r, p, true, &out), MTKFW_ERR_REFUSED);
	assert_int_equal(web_roots_resolve(&r, "/etc/passwd", true, &out), MTKFW_ERR_REFUSED);
	/* Not "no such file" outside the roots: that would tell what exists there. */
	assert_int_equal(web_roots_resolve(&r, "/nonexistent/file", true, &out), MTKFW_ERR_REFUSED);
	snprintf(p, sizeof(p), "%s/new", outside);
	assert_int_equal(web_roots_resolve(&r, p, false, &out), MTKFW_ERR_REFUSED);
	assert_int_equal(web_roots_resolve(&r, "out/new", false, &out), MTKFW_ERR_REFUSED);
	assert_int_equal(web_roots_resolve(&r, "", true, &out), MTKFW_ERR_INVALID);
	web_roots_clear(&r);
	assert_int_equal(web_roots_resolve(&r, "a..b", true, &out), MTKFW_ERR_REFUSED);
	snprintf(p, sizeof(p), "%s/root/a..b", dir);
	assert_int_not_equal(web_roots_add(&r, p), 0); /* a file is no root */
	rm_rf(dir);
	free(dir);
}

static void listen_loopback_only(void **state)
{
	static const char *const refused[] = { "0.0.0.0:0", "192.0.2.7:0", "[::]:0", "[2001:db8::1]:0" };
	static const char *const invalid[] = { "localhost:0", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536",
					       "127.0.0.1:8x", "[::1:0", ":0" };
	const char *roots[] = { "/" };
	struct mtkfw_defaults d = { 0 };
	struct web_options o = { .roots = roots, .nroots = 1, .defaults = &d };
	web_server *s = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		o.listen = refused[i];
		assert_int_equal(web_server_start(&s, &o), MTKFW_ERR_REFUSED);
		assert_null(s);
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		o.listen = invalid[i];
		assert_int_equal(web_server_start(&s, &o), MTKFW_ERR_INVALID);
		assert_null(s);
	}
	o.listen = "127.0.0.1:0";
	assert_int_equal(web_server_start(&s, &o), 0);
	assert_non_null(s);
	assert_true(!strncmp(web_server_url(s), "http://127.0.0.1:", 17));
	assert_non_null(strstr(web_server_url(s), "/?token="));
	web_server_stop(s);
}

/* What a job needs is checked before it starts; a copy for its thread owns its strings. */
static void job_check(void **state)
{
	struct web_job_params p = { .job = "flash", .port = "/dev/ttyACM0", .da = "/h/da.bin", .subject = "/h/pkg",
				    .mode = "upgrade", .skip = "PRELOADER,UBOOT", .dry_run = true };
	struct web_job_params *c;
	char subject[] = "/h/pkg";

	(void)state;
	assert_int_equal(web_job_check(&p), 0);
	p.subject = subject;
	assert_non_null(c = web_job_params_copy(&p));
	subject[1] = 'x';
	assert_string_equal(c->subject, "/h/pkg");
	assert_string_equal(c->skip, "PRELOADER,UBOOT");
	assert_null(c->only);
	assert_true(c->dry_run);
	web_job_params_free(c);
	p = (struct web_job_params){ .job = "detect", .port = "/dev/ttyACM0", .wait_set = true, .wait_ms = 5000 };
	assert_int_equal(web_job_check(&p), 0);
	p = (struct web_job_params){ .job = "readback", .subject = "/h/out", .partitions = "NVRAM" };
	assert_int_equal(web_job_check(&p), 0);
	p = (struct web_job_params){ .job = "format", .partitions = "CACHE,USRDATA", .backup = "/h/bk" };
	assert_int_equal(web_job_check(&p), 0);
	p = (struct web_job_params){ .job = "port", .subject = "/h/base", .phone = "/h/phone", .dry_run = true };
	assert_int_equal(web_job_check(&p), 0);
	/* Missing what the job needs, or a job the page may not run. */
	p = (struct web_job_params){ .job = "flash" };
	assert_int_equal(web_job_check(&p), MTKFW_ERR_INVALID);
	p = (struct web_job_params){ .job = "readback", .subject = "/h/out" };
	assert_int_equal(web_job_check(&p), MTKFW_ERR_INVALID);
	p = (struct web_job_params){ .job = "port", .subject = "/h/base", .phone = "/h/phone" };
	assert_int_equal(web_job_check(&p), MTKFW_ERR_INVALID);
	p = (struct web_job_params){ .job = "erase" };
	assert_int_equal(web_job_check(&p), MTKFW_ERR_INVALID);
	p = (struct web_job_params){ .job = NULL };
	assert_int_equal(web_job_check(&p), MTKFW_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(secret_equal),   cmocka_unit_test(cookie_value), cmocka_unit_test(auth_check),
		cmocka_unit_test(path_inside),    cmocka_unit_test(roots_resolve), cmocka_unit_test(listen_loopback_only),
		cmocka_unit_test(job_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
