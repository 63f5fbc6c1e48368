/*
 * `library add`: walk what the user named, find every package (scan.c decides what a folder
 * holds), fingerprint it with the same code as `mtkfw profile` (mtkfw_target_load), hash its
 * files, check its Checksum.ini and store it (store.c). A folder whose files have the sizes
 * and times stored last time is not read again, which makes a re-add of an unchanged shop disk
 * a matter of stat() calls. A package that cannot be read is stored with its error and the
 * walk goes on: a shop's disk always holds a few broken downloads.
 */
#include "core/file.h"
#include "core/read_tally.h"
#include "core/internal.h"
#include "catalog/catalog_internal.h"
#include "catalog/scan.h"

#include <mtkfw/manifest.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>


/* ---- the report ---------------------------------------------------------------------------- */

int mtkfwi_cat_job_ref(struct cat_job *j, int64_t id, const char *path, const char *platform, const char *project, int change)
{
	struct mtkfw_catalog_add_report *r = j->r;
	struct mtkfw_catalog_ref *n = mtkfw_reallocarray(r->packages, r->package_count + 1, sizeof(*n));

	if (!n)
		return MTKFW_ERR_NOMEM;
	r->packages = n;
	n = &n[r->package_count];
	memset(n, 0, sizeof(*n));
	n->id = id;
	n->change = change;
	n->path = mtkfw_strdup(path);
	n->platform = platform ? mtkfw_strdup(platform) : NULL;
	n->project = project ? mtkfw_strdup(project) : NULL;
	if (!n->path || (platform && !n->platform) || (project && !n->project)) {
		free(n->path);
		free(n->platform);
		free(n->project);
		return MTKFW_ERR_NOMEM;
	}
	r->package_count++;
	switch (change) {
	case MTKFW_CATALOG_ADDED: r->added++; break;
	case MTKFW_CATALOG_UPDATED: r->updated++; break;
	case MTKFW_CATALOG_MOVED: r->moved++; break;
	default: r->unchanged++; break;
	}
	return 0;
}

int mtkfwi_cat_job_failure(struct cat_job *j, const char *path, const char *error)
{
	struct mtkfw_catalog_add_report *r = j->r;
	struct mtkfw_catalog_failure *n = mtkfw_reallocarray(r->failed, r->failed_count + 1, sizeof(*n));

	if (!n)
		return MTKFW_ERR_NOMEM;
	r->failed = n;
	n = &n[r->failed_count];
	n->path = mtkfw_strdup(path);
	n->error = mtkfw_strdup(error);
	if (!n->path || !n->error) {
		free(n->path);
		free(n->error);
		return MTKFW_ERR_NOMEM;
	}
	r->failed_count++;
	return 0;
}

/* A failure that belongs to the scan (not a catalogue error): recorded, the walk goes on. */
bool mtkfwi_cat_recoverable(int rc)
{
	return rc != MTKFW_ERR_NOMEM && rc != MTKFW_ERR_CANCELLED;
}

/* ---- unchanged since last time ------------------------------------------------------------- */

/* Are the files stored for package `id` exactly `files` (names, sizes, times)? */
static int same_files(struct cdb *db, int64_t id, const struct cat_files *files, bool *same)
{
	struct cdb_stmt *st = NULL;
	size_t n = 0;
	int rc = mtkfwi_cdb_query(&st, db, "SELECT rel, size, mtime FROM files WHERE package_id = ?", "i", id);

	*same = true;
	if (rc)
		return rc;
	while (*same && (rc = mtkfwi_cdb_step(st)) == 1) {
		const char *rel = mtkfwi_cdb_text(st, 0);
		bool found = false;

		for (size_t i = 0; rel && i < files->count && !found; i++)
			if (strcmp(files->items[i].rel, rel) == 0) {
				found = true;
				*same = (int64_t)files->items[i].size == mtkfwi_cdb_int(st, 1) &&
					files->items[i].mtime_ns == mtkfwi_cdb_int(st, 2);
			}
		*same = *same && found;
		n++;
	}
	mtkfwi_cdb_done(st);
	if (rc < 0)
		return rc;
	*same = *same && n == files->count;
	return 0;
}

/* If the packages stored at `path` (or, when path is NULL, the folder packages of `folder`)
 * have exactly these files, report them unchanged and set *done. */
int mtkfwi_cat_job_unchanged(struct cat_job *j, const char *folder, const char *path, const struct cat_files *files,
			 bool *done)
{
	struct cdb_stmt *st = NULL;
	struct {
		int64_t id;
		char *path, *platform, *project, *error;
	} found[16];
	size_t n = 0;
	bool all = true;
	int rc;

	*done = false;
	rc = path ? mtkfwi_cdb_query(&st, j->db,
			      "SELECT id, path, platform, project, error FROM packages WHERE path = ? AND state <> 'imported' "
			      "AND fp_version >= ? AND " CAT_SHOP_HERE,
			      "sis", path, (int64_t)CAT_FP_VERSION, j->shop)
		  : mtkfwi_cdb_query(&st, j->db,
			      "SELECT id, path, platform, project, error FROM packages WHERE folder = ? AND kind <> 'part' "
			      "AND state <> 'imported' AND fp_version >= ? AND " CAT_SHOP_HERE " ORDER BY id",
			      "sis", folder, (int64_t)CAT_FP_VERSION, j->shop);
	if (rc)
		return rc;
	while ((rc = mtkfwi_cdb_step(st)) == 1 && n < 16) {
		found[n].id = mtkfwi_cdb_int(st, 0);
		found[n].path = mtkfw_strdup(mtkfwi_cdb_text(st, 1) ? mtkfwi_cdb_text(st, 1) : "");
		found[n].platform = mtkfwi_cdb_text(st, 2) ? mtkfw_strdup(mtkfwi_cdb_text(st, 2)) : NULL;
		found[n].project = mtkfwi_cdb_text(st, 3) ? mtkfw_strdup(mtkfwi_cdb_text(st, 3)) : NULL;
		found[n].error = mtkfwi_cdb_text(st, 4) ? mtkfw_strdup(mtkfwi_cdb_text(st, 4)) : NULL;
		n++;
	}
	mtkfwi_cdb_done(st);
	for (size_t i = 0; rc >= 0 && i < n && all; i++) {
		bool same;

		rc = same_files(j->db, found[i].id, files, &same);
		all = same;
	}
	if (rc >= 0 && n && all) {
		rc = 0;
		for (size_t i = 0; i < n && !rc; i++) {
			/* Seen again (and a package that vanished and came back is ok again); one indexed
			 * before shops were recorded is this shop's from now on. */
			rc = mtkfwi_cdb_run(j->db, NULL,
				     "UPDATE packages SET seen_at = ?, state = CASE WHEN error IS NULL THEN 'ok' ELSE 'failed' END, "
				     "shop = coalesce(shop, ?) WHERE id = ?",
				     "isi", j->now, j->shop, found[i].id);
			/* A package that could not be read is reported so again: it still cannot be. */
			if (!rc && found[i].error)
				rc = mtkfwi_cat_job_failure(j, found[i].path, found[i].error);
			else if (!rc)
				rc = mtkfwi_cat_job_ref(j, found[i].id, found[i].path, found[i].platform, found[i].project,
						 MTKFW_CATALOG_UNCHANGED);
		}
		*done = rc == 0;
	}
	for (size_t i = 0; i < n; i++) {
		free(found[i].path);
		free(found[i].platform);
		free(found[i].project);
		free(found[i].error);
	}
	return rc < 0 ? rc : 0;
}

/* ---- one package ----------------------------------------------------------------------------- */

/* The kind of entry a loaded target is; a folder mtkfw filled from a phone says in its
 * manifest whether it is a backup or a readback. */
static const char *kind_of(const struct mtkfw_target *t, const char *dir, bool single)
{
	mtkfw_manifest *m = NULL;

	if (single)
		return "part";
	if (dir && mtkfw_manifest_load(&m, dir) == 0) {
		bool backup = m->kind == MTKFW_MANIFEST_BACKUP;

		mtkfw_manifest_free(m);
		return backup ? "backup" : "readback";
	}
	mtkfw_error_clear();
	if (t->profile.has_layout)
		return "package";
	return t->readback ? "readback" : "parts";
}

static int read_checksum_ini(const struct cat_files *files, char **text, size_t *len)
{
	*text = NULL;
	for (size_t i = 0; i < files->count; i++) {
		const char *base = strrchr(files->items[i].rel, '/');

		base = base ? base + 1 : files->items[i].rel;
		if (strcasecmp(base, "Checksum.ini") == 0 && files->items[i].path)
			return mtkfw_read_file(files->items[i].path, 1u << 20, (uint8_t **)text, len);
	}
	return 0;
}

/* A folder with a file that looks like a scatter but no layout in the profile: the scatter is
 * broken, and that is the package's error. */
static const char *broken_scatter(const struct cat_pkg *p)
{
	const struct mtkfw_profile *pr = &p->target.profile;

	if (pr->has_layout)
		return NULL;
	for (size_t i = 0; i < pr->problem_count; i++)
		if (strcasestr(pr->problems[i], "scatter"))
			return pr->problems[i];
	return pr->problem_count ? pr->problems[0] : "the scatter could not be read";
}

int mtkfwi_cat_job_load(struct cat_job *j, struct cat_pkg *p, const char *load, const char *dir, bool single, bool scatter)
{
	int rc;

	if (p->error)
		return 0; /* already known to be unreadable */
	rc = mtkfw_target_load(&p->target, load, NULL);
	if (rc == 0) {
		const char *bad;

		p->has_target = true;
		p->kind = kind_of(&p->target, dir, single);
		if (scatter && (bad = broken_scatter(p)) && !(p->error = mtkfw_strdup(bad)))
			return MTKFW_ERR_NOMEM;
		return 0;
	}
	if (!mtkfwi_cat_recoverable(rc))
		return rc;
	p->kind = single ? "part" : "parts";
	return (p->error = mtkfw_strdup(mtkfw_error_last()->message)) ? 0 : MTKFW_ERR_NOMEM;
}

int mtkfwi_cat_job_store(struct cat_job *j, struct cat_pkg *p)
{
	char *ini = NULL;
	size_t ini_len = 0;
	int64_t id = 0;
	int change, rc;

	rc = mtkfwi_cat_files_hash(&p->files, j->o->full_hash, &j->r->bytes_hashed);
	if (rc && !mtkfwi_cat_recoverable(rc))
		return rc;
	if (rc && !p->error && !(p->error = mtkfw_strdup(mtkfw_error_last()->message)))
		return MTKFW_ERR_NOMEM;
	if ((rc = mtkfwi_cat_files_content_hash(&p->files, p->content_hash)) != 0)
		return rc;
	if (!p->error && read_checksum_ini(&p->files, &ini, &ini_len) == 0)
		p->checksum = mtkfwi_cat_files_checksum(&p->files, p->has_target ? p->target.profile.layout : NULL, ini, ini_len);
	free(ini);
	for (size_t i = 0; i < p->files.count; i++) {
		p->size += p->files.items[i].size;
		if (p->files.items[i].mtime_ns > p->mtime_ns)
			p->mtime_ns = p->files.items[i].mtime_ns;
	}
	j->r->bytes_on_disk += p->size;
	p->shop = j->shop;
	if ((rc = mtkfwi_cat_store(j->db, p, j->now, &id, &change)) != 0)
		return rc;
	if (p->error)
		return mtkfwi_cat_job_failure(j, p->path, p->error);
	return mtkfwi_cat_job_ref(j, id, p->path, p->has_target ? p->target.profile.platform : NULL,
			   p->has_target ? p->target.profile.project : NULL, change);
}

/* ---- folders --------------------------------------------------------------------------------- */

static int folder_files(struct cat_files *f, const struct scan_dir *d)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct scan_entry *e = &d->items[i];
		int rc;

		if (e->is_dir || mtkfwi_scan_archive_name(e->name))
			continue;
		if ((rc = mtkfwi_cat_files_add(f, e->name, e->path, e->size, e->mtime_ns)) != 0)
			return rc;
	}
	return 0;
}

/* One package of a folder: the folder itself, or one of its scatters, or one loose part;
 * `has_scatter`: the folder has a scatter, so the profile must have read a layout. */
static int add_one(struct cat_job *j, const char *dir, const struct scan_dir *d, const struct scan_entry *single,
		   const char *scatter, bool has_scatter)
{
	struct cat_pkg p = { 0 };
	const char *path = single ? single->path : scatter ? scatter : dir;
	int rc;

	p.path = mtkfw_strdup(path);
	p.folder = mtkfw_strdup(dir);
	if (!p.path || !p.folder)
		rc = MTKFW_ERR_NOMEM;
	else if (single)
		rc = mtkfwi_cat_files_add(&p.files, single->name, single->path, single->size, single->mtime_ns);
	else
		rc = folder_files(&p.files, d);
	if (!rc)
		rc = mtkfwi_cat_job_load(j, &p, path, single ? NULL : dir, single != NULL, has_scatter);
	if (!rc)
		rc = mtkfwi_cat_job_store(j, &p);
	mtkfwi_cat_pkg_free(&p);
	return rc;
}

static int add_folder(struct cat_job *j, const char *dir, struct scan_dir *d)
{
	struct cat_files files = { 0 };
	char *unreadable = NULL;
	bool done = false;
	int rc, shape;

	/* 1. The same files as last time: nothing to read. */
	rc = folder_files(&files, d);
	if (!rc && files.count)
		rc = mtkfwi_cat_job_unchanged(j, dir, NULL, &files, &done);
	mtkfwi_cat_files_free(&files);
	if (rc || done)
		return rc;
	/* 2. What is here, by the files' first bytes. */
	if ((rc = mtkfwi_scan_classify(d, &unreadable)) != 0)
		return rc;
	shape = mtkfwi_scan_shape(d);
	switch (shape) {
	case SCAN_SHAPE_PACKAGE:
	case SCAN_SHAPE_FOLDER:
		rc = add_one(j, dir, d, NULL, NULL, shape == SCAN_SHAPE_PACKAGE);
		break;
	case SCAN_SHAPE_PACKAGES:
		for (size_t i = 0; i < d->count && !rc; i++)
			if (d->items[i].kind == SCAN_SCATTER)
				rc = add_one(j, dir, d, NULL, d->items[i].path, true);
		break;
	case SCAN_SHAPE_LOOSE:
		for (size_t i = 0; i < d->count && !rc; i++) {
			const struct scan_entry *e = &d->items[i];
			struct cat_files one = { 0 };

			if (e->is_dir || !mtkfwi_scan_loose_part(e->kind))
				continue;
			rc = mtkfwi_cat_files_add(&one, e->name, e->path, e->size, e->mtime_ns);
			if (!rc)
				rc = mtkfwi_cat_job_unchanged(j, NULL, e->path, &one, &done);
			mtkfwi_cat_files_free(&one);
			if (!rc && !done)
				rc = add_one(j, dir, d, e, NULL, false);
		}
		break;
	default:
		break;
	}
	free(unreadable);
	return rc;
}

/* Archives in this folder, each read as a folder tree of its own (archive.c). */
static int add_archives(struct cat_job *j, const struct scan_dir *d)
{
	int rc = 0;

	for (size_t i = 0; i < d->count && !rc; i++)
		if (!d->items[i].is_dir && mtkfwi_scan_archive_name(d->items[i].name))
			rc = mtkfwi_cat_add_archive(j, d->items[i].path, d->items[i].size, d->items[i].mtime_ns);
	return rc;
}

static int add_tree(struct cat_job *j, const char *root)
{
	char **dirs = NULL;
	size_t n = 0;
	int rc = mtkfwi_scan_collect(&dirs, &n, root);

	for (size_t i = 0; i < n && !rc; i++) {
		struct scan_dir d;

		if ((rc = mtkfw_progress(j->ctx, "library add", i, n)) != 0)
			break;
		if (mtkfwi_scan_list(&d, dirs[i]) != 0) {
			rc = mtkfwi_cat_recoverable(mtkfw_error_last()->code) ? mtkfwi_cat_job_failure(j, dirs[i], mtkfw_error_last()->message)
								    : mtkfw_error_last()->code;
			continue;
		}
		rc = add_folder(j, dirs[i], &d);
		if (!rc)
			rc = add_archives(j, &d);
		mtkfwi_scan_dir_free(&d);
	}
	if (!rc)
		rc = mtkfw_progress(j->ctx, "library add", n, n);
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	return rc;
}

/* A file named on the command line: an archive, a scatter (its package) or one part. */
static int add_file(struct cat_job *j, const char *path, const struct stat *st)
{
	struct scan_entry e = { 0 };
	struct scan_dir one = { &e, 1 };
	char *unreadable = NULL, *dir, *slash;
	bool done = false;
	int rc;

	if (mtkfwi_scan_archive_name(path))
		return mtkfwi_cat_add_archive(j, path, (uint64_t)st->st_size,
				       (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec);
	e.name = (char *)mtkfw_path_base(path);
	e.path = (char *)path;
	e.size = (uint64_t)st->st_size;
	e.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	if ((rc = mtkfwi_scan_classify(&one, &unreadable)) != 0)
		return rc;
	if (e.kind == SCAN_UNREADABLE || e.kind == SCAN_NONE || e.kind == SCAN_ARCHIVE) {
		rc = mtkfwi_cat_job_failure(j, path, unreadable ? unreadable : "not a firmware part, scatter or archive mtkfw knows");
		free(unreadable);
		return rc;
	}
	free(unreadable);
	if (!(dir = mtkfw_strdup(path)))
		return MTKFW_ERR_NOMEM;
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	if (e.kind == SCAN_SCATTER) {
		/* The scatter stands for its package, with the folder's files. */
		struct scan_dir d;

		rc = mtkfwi_scan_list(&d, dir);
		if (!rc) {
			struct cat_files files = { 0 };

			rc = folder_files(&files, &d);
			if (!rc)
				rc = mtkfwi_cat_job_unchanged(j, NULL, path, &files, &done);
			mtkfwi_cat_files_free(&files);
			if (!rc && !done)
				rc = add_one(j, dir, &d, NULL, path, true);
			mtkfwi_scan_dir_free(&d);
		} else if (mtkfwi_cat_recoverable(rc)) {
			rc = mtkfwi_cat_job_failure(j, path, mtkfw_error_last()->message);
		}
	} else {
		struct cat_files files = { 0 };

		rc = mtkfwi_cat_files_add(&files, e.name, path, e.size, e.mtime_ns);
		if (!rc)
			rc = mtkfwi_cat_job_unchanged(j, NULL, path, &files, &done);
		mtkfwi_cat_files_free(&files);
		if (!rc && !done)
			rc = add_one(j, dir, &one, &e, NULL, false);
	}
	free(dir);
	return rc;
}

/* Packages that were under `root` and are no longer on disk. */
static int mark_gone(struct cat_job *j, const char *root)
{
	struct cdb_stmt *st = NULL;
	struct {
		int64_t id;
	} *ids = NULL;
	size_t n = 0;
	char *like = NULL;
	int rc;

	/* root/% with LIKE's own characters escaped */
	like = malloc(2 * strlen(root) + 4);
	if (!like)
		return mtkfw_nomem();
	{
		size_t k = 0;

		for (const char *s = root; *s; s++) {
			if (*s == '%' || *s == '_' || *s == '\\')
				like[k++] = '\\';
			like[k++] = *s;
		}
		memcpy(like + k, strcmp(root, "/") ? "/%" : "%", 3);
	}
	rc = mtkfwi_cdb_query(&st, j->db,
		       "SELECT id, path, archive FROM packages WHERE state NOT IN ('gone', 'imported') AND " CAT_SHOP_HERE
		       " AND (path = ? OR path LIKE ? ESCAPE '\\' OR archive = ? OR archive LIKE ? ESCAPE '\\')",
		       "sssss", j->shop, root, like, root, like);
	free(like);
	if (rc)
		return rc;
	while ((rc = mtkfwi_cdb_step(st)) == 1) {
		const char *p = mtkfwi_cdb_text(st, 1), *a = mtkfwi_cdb_text(st, 2);
		struct stat s;

		if (p && stat(a ? a : p, &s) != 0) {
			void *nn = mtkfw_reallocarray(ids, n + 1, sizeof(*ids));

			if (!nn) {
				rc = MTKFW_ERR_NOMEM;
				break;
			}
			ids = nn;
			ids[n++].id = mtkfwi_cdb_int(st, 0);
		}
	}
	mtkfwi_cdb_done(st);
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		rc = mtkfwi_cdb_run(j->db, NULL, "UPDATE packages SET state = 'gone' WHERE id = ?", "i", ids[i].id);
		j->r->gone++;
	}
	free(ids);
	return rc < 0 ? rc : 0;
}

static int add_path(struct cat_job *j, const char *given)
{
	char *abs = realpath(given, NULL);
	struct stat st;
	int rc;

	if (!abs) {
		char msg[512];

		snprintf(msg, sizeof(msg), "%s: %s", given, strerror(errno));
		return mtkfwi_cat_job_failure(j, given, msg);
	}
	if (stat(abs, &st) != 0) {
		rc = mtkfwi_cat_job_failure(j, abs, strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		rc = add_tree(j, abs);
	} else if (S_ISREG(st.st_mode)) {
		rc = add_file(j, abs, &st);
	} else {
		rc = mtkfwi_cat_job_failure(j, abs, "not a file or folder");
	}
	if (!rc)
		rc = mark_gone(j, abs);
	free(abs);
	return rc;
}

int mtkfw_catalog_add(struct mtkfw_catalog_add_report *out, mtkfw_catalog *cat, const char *const *paths, size_t count,
		      const struct mtkfw_catalog_add_opts *opts, mtkfw_ctx *ctx)
{
	static const struct mtkfw_catalog_add_opts defaults = { .version = 1 };
	struct cat_job j;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!cat || (!paths && count))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library add: bad arguments");
	if (!opts)
		opts = &defaults;
	if (opts->version != 1)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library add: options version %u (this library knows 1)",
				    opts->version);
	j.db = cat->db;
	j.shop = cat->shop;
	j.o = opts;
	j.r = out;
	j.ctx = ctx;
	j.now = (int64_t)time(NULL);
	mtkfwi_tally_start();
	for (size_t i = 0; i < count && !rc; i++)
		rc = add_path(&j, paths[i]);
	out->bytes_read = mtkfwi_tally_stop();
	if (rc)
		mtkfw_catalog_add_report_clear(out);
	else
		mtkfwi_cdb_analyze(j.db, out->added + out->updated + out->moved + out->failed_count);
	return rc;
}

void mtkfw_catalog_add_report_clear(struct mtkfw_catalog_add_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->package_count; i++) {
		free(r->packages[i].path);
		free(r->packages[i].platform);
		free(r->packages[i].project);
	}
	free(r->packages);
	for (size_t i = 0; i < r->failed_count; i++) {
		free(r->failed[i].path);
		free(r->failed[i].error);
	}
	free(r->failed);
	memset(r, 0, sizeof(*r));
}
