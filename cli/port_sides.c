/* BASE of `mtkfw port` as given: a package, a library id, an archive (port_sides.h). */
#include "library_cli.h"
#include "port_sides.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A library id: digits only, and no file of that name here. */
static bool library_id(const char *s, int64_t *id)
{
	struct stat st;
	char *end;
	long long v;

	if (!*s || strspn(s, "0123456789") != strlen(s) || stat(s, &st) == 0)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return false;
	*id = v;
	return true;
}

/* The library's entry `id` as a path: a package that is here and readable. */
static int from_library(struct cli_env *env, struct port_side *out, int64_t id, const char *db)
{
	struct mtkfw_catalog_package p;
	mtkfw_catalog *cat = NULL;
	char *file = cli_library_path(env, db, false);
	const struct mtkfw_catalog_entry *e = &p.entry;
	int rc = 0;

	if (!file)
		return EXIT_USAGE;
	memset(&p, 0, sizeof(p));
	if (mtkfw_catalog_open(&cat, file, 0) != 0 || mtkfw_catalog_show(&p, cat, id) != 0) {
		rc = cli_fail(env);
	} else if (e->state && !strcmp(e->state, "gone")) {
		rc = cli_fail_status(env, MTKFW_ERR_NOTFOUND, "library package %lld: %s is gone (mtkfw library check)",
				     (long long)id, e->path);
	} else if (e->state && !strcmp(e->state, "imported")) {
		rc = cli_fail_status(env, MTKFW_ERR_NOTFOUND, "library package %lld: imported from another shop, its files "
				     "are not here", (long long)id);
	} else if (e->state && !strcmp(e->state, "failed")) {
		rc = cli_fail_status(env, MTKFW_ERR_FORMAT, "library package %lld: %s could not be read when added: %s",
				     (long long)id, e->path, e->error ? e->error : "?");
	} else if (!e->kind || strcmp(e->kind, "package") != 0) {
		rc = cli_fail_status(env, MTKFW_ERR_INVALID, "library package %lld: %s is a %s, not a firmware package with "
				     "a scatter", (long long)id, e->path, e->kind ? e->kind : "?");
	} else if (!(out->owned = strdup(e->path)) || asprintf(&out->name, "library package %lld (%s)", (long long)id,
								   e->path) < 0) {
		out->name = NULL;
		rc = cli_fail_status(env, MTKFW_ERR_NOMEM, "out of memory");
	} else {
		out->path = out->owned;
	}
	mtkfw_catalog_package_free(&p);
	mtkfw_catalog_free(cat);
	free(file);
	return rc;
}

int port_base_resolve(struct cli_env *env, struct port_side *out, const char *given, const char *db,
		      const mtkfw_keep_list *keep, const char *tmp_dir)
{
	struct mtkfw_catalog_unpack_opts uo = { .version = 1, .tmp_dir = tmp_dir, .want = mtkfw_port_base_wants,
						.user = (void *)keep };
	struct stat st;
	int64_t id;
	int rc;

	memset(out, 0, sizeof(*out));
	out->path = given;
	if (library_id(given, &id) && (rc = from_library(env, out, id, db)))
		return rc;
	if (!mtkfw_catalog_is_archive(out->path) || (stat(out->path, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	if (!out->name && !(out->name = strdup(out->path)))
		return cli_fail_status(env, MTKFW_ERR_NOMEM, "out of memory");
	if (mtkfw_catalog_unpack(&out->tmp, out->path, &uo, env->ctx) != 0)
		return cli_fail(env);
	out->path = out->tmp.scatter;
	return 0;
}

void port_side_clear(struct port_side *s)
{
	mtkfw_catalog_unpacked_clear(&s->tmp);
	mtkfw_tempdir_clear(&s->dir);
	free(s->owned);
	free(s->name);
	memset(s, 0, sizeof(*s));
}
