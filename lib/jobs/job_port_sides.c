/*
 * The two sides of the port job as its caller names them, made into folders the port reads:
 * a base given as a library id (resolved through the catalogue to its path) or as an archive
 * (the package taken out, only what a port reads of a base), and a phone on the cable (what a
 * port reads of a phone, read into a folder shaped like a readback). Every folder made here is
 * a mtkfw_tempdir: in the temp registry, removed by mtkfwi_port_side_clear and on a signal.
 */
#include "jobs/jobs_internal.h"
#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

/* A library id: digits only, and no file of that name. */
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

/* The catalogue's package `id` as a path: one that is here and has a scatter. */
static int from_library(struct port_side *out, const char *catalog, int64_t id)
{
	struct mtkfw_catalog_package p;
	const struct mtkfw_catalog_entry *e = &p.entry;
	mtkfw_catalog *cat = NULL;
	int rc;

	memset(&p, 0, sizeof(p));
	if ((rc = mtkfw_catalog_open(&cat, catalog, 0)) || (rc = mtkfw_catalog_show(&p, cat, id)))
		goto out;
	if (e->state && !strcmp(e->state, "gone"))
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "library package %lld: %s is gone (mtkfw library check)", (long long)id,
				  e->path);
	else if (e->state && !strcmp(e->state, "imported"))
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "library package %lld: imported from another shop, its files are not "
				  "here", (long long)id);
	else if (e->state && !strcmp(e->state, "failed"))
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "library package %lld: %s could not be read when added: %s", (long long)id,
				  e->path, e->error ? e->error : "?");
	else if (!e->kind || strcmp(e->kind, "package") != 0)
		rc = mtkfw_seterr(MTKFW_ERR_INVALID, "library package %lld: %s is a %s, not a firmware package with a "
				  "scatter", (long long)id, e->path, e->kind ? e->kind : "?");
	else if (!(out->owned = mtkfw_strdup(e->path)) ||
		 asprintf(&out->name, "library package %lld (%s)", (long long)id, e->path) < 0)
		rc = (out->name = NULL, mtkfw_nomem());
	else
		out->path = out->owned;
out:
	mtkfw_catalog_package_clear(&p);
	mtkfw_catalog_free(cat);
	return rc;
}

char *mtkfwi_port_tmp_parent(const char *tmp_dir, const char *out)
{
	char *copy, *dir;

	if (tmp_dir || !out)
		return mtkfw_strdup(tmp_dir ? tmp_dir : "/tmp");
	if (!(copy = mtkfw_strdup(out)))
		return NULL;
	dir = mtkfw_strdup(dirname(copy));
	free(copy);
	return dir;
}

int mtkfwi_port_base(struct port_side *out, const char *base, const char *catalog, const mtkfw_keep_list *keep,
		     const char *tmp, mtkfw_ctx *ctx)
{
	struct mtkfw_catalog_unpack_opts uo = { .version = 1, .tmp_dir = tmp, .want = mtkfw_port_base_wants,
						.user = (void *)keep };
	struct stat st;
	int64_t id;
	int rc;

	memset(out, 0, sizeof(*out));
	out->path = base;
	if (catalog && library_id(base, &id) && (rc = from_library(out, catalog, id)))
		return rc;
	if (!mtkfw_catalog_is_archive(out->path) || (stat(out->path, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	if (!out->name && !(out->name = mtkfw_strdup(out->path)))
		return MTKFW_ERR_NOMEM;
	if ((rc = mtkfw_catalog_unpack(&out->unpacked, out->path, &uo, ctx)))
		return rc;
	out->path = out->unpacked.scatter;
	return 0;
}

/* ---- the phone on the cable ---------------------------------------------------------------- */

/* Appends `name` to the comma list when the phone's layout has it (sized) and it is not there. */
static void want(char *list, size_t n, const mtkfw_layout *l, const char *name)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, name);
	size_t used = strlen(list);

	if (!p || !p->has_size || !p->size || !strcasecmp(name, "PRELOADER") || mtkfw_name_in_list(list, p->name) ||
	    used + strlen(p->name) + 2 > n)
		return;
	snprintf(list + used, n - used, "%s%s", used ? "," : "", p->name);
}

/* The partitions a port reads: the tables, what the keep-list keeps, the boot image, the
 * system (its modem, modules and Android version). The preloader is in boot1, read whole. */
static void parts_to_read(char *list, size_t n, const mtkfw_layout *l, const mtkfw_keep_list *keep)
{
	char ebr[8];

	list[0] = '\0';
	want(list, n, l, "MBR");
	for (int i = 1; i <= 9; i++) {
		snprintf(ebr, sizeof(ebr), "EBR%d", i);
		want(list, n, l, ebr);
	}
	for (size_t i = 0; keep && i < keep->count; i++)
		if (keep->items[i].kind == MTKFW_KEEP_PARTITION && !mtkfw_is_identity_partition(keep->items[i].name))
			want(list, n, l, keep->items[i].name);
	want(list, n, l, "BOOTIMG");
	want(list, n, l, "ANDROID");
	want(list, n, l, "SYSTEM");
}

int mtkfwi_port_phone(struct job *j, struct port_side *out, const struct mtkfw_connect_opts *c,
		      const mtkfw_keep_list *keep, const char *tmp)
{
	const struct mtkfw_device_info *in;
	struct mtkfw_backup *parts = NULL;
	mtkfw_layout *pmt = NULL;
	char list[1024], *path = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = mtkfw_tempdir_make(&out->dir, tmp, "mtkfw-phone")) ||
	    (rc = mtkfwi_job_connect(j, c, true, MTKFW_USB_HIGH, NULL)))
		return rc;
	in = mtkfw_device_info(j->dev);
	/* The layout is the phone's PMT, saved as a scatter naming no file (port reads it so). */
	if ((rc = mtkfw_device_read_pmt(&pmt, j->dev, j->ctx)))
		goto out;
	parts_to_read(list, sizeof(list), pmt, keep);
	if (!(path = mtkfw_path_join(out->dir.path, "MT6572_Android_scatter.txt")))
		rc = MTKFW_ERR_NOMEM;
	if (!rc && !(rc = mtkfw_scatter_save(pmt, MTKFW_LAYOUT_YAML, path)))
		rc = mtkfw_device_read_partitions(&parts, j->dev, NULL, list, out->dir.path, j->ctx);
	free(path);
	path = NULL;
	if (!rc && in->boot1_size && !(path = mtkfw_path_join(out->dir.path, "boot1.img")))
		rc = MTKFW_ERR_NOMEM;
	if (!rc && path)
		rc = mtkfw_device_read_to_file(j->dev, MTKFW_AREA_BOOT1, 0, in->boot1_size, path, NULL, j->ctx);
	mtkfwi_job_note_device(j);
	if (!rc && asprintf(&out->name, "the phone on %s", j->out->port ? j->out->port : "the cable") < 0)
		rc = (out->name = NULL, mtkfw_nomem());
	if (!rc)
		out->path = out->dir.path;
out:
	free(path);
	mtkfw_backup_free(parts);
	mtkfw_layout_free(pmt);
	return rc;
}

void mtkfwi_port_side_clear(struct port_side *s)
{
	mtkfw_catalog_unpacked_clear(&s->unpacked);
	mtkfw_tempdir_clear(&s->dir);
	free(s->owned);
	free(s->name);
	memset(s, 0, sizeof(*s));
}
