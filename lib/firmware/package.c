/*
 * A package: the scatter and, for each partition, its file. Files are looked up by the name
 * the scatter gives (case ignored, as SP Flash Tool on Windows does), then — for the names
 * that are missing — among the folder's other files by content, because readbacks from other
 * tools (MTK Droid Tools, WwR, mtkclient) name files their own way. Only heads are read.
 */
#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/package.h>

#include <dirent.h>
#include <errno.h>
#include <strings.h>
#include <sys/stat.h>

/* A folder with more entries than this is not a firmware package; the rest are ignored. */
#define PKG_MAX_ENTRIES 4096

struct entry {
	char *name;
	bool sniffed;
	bool claimed; /* taken by a partition through its content */
	struct mtkfw_sniff sniff;
};

struct folder {
	struct entry *e;
	size_t n;
};

static void folder_free(struct folder *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->e[i].name);
	free(f->e);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* Regular files of `dir`, sorted by name so that every run resolves the same way. */
static int folder_list(struct folder *f, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	memset(f, 0, sizeof(*f));
	if (!d)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	f->e = mtkfw_calloc(PKG_MAX_ENTRIES, sizeof(*f->e));
	if (!f->e) {
		closedir(d);
		return MTKFW_ERR_NOMEM;
	}
	while ((de = readdir(d)) != NULL && f->n < PKG_MAX_ENTRIES) {
		struct stat st;
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = mtkfw_path_join(dir, de->d_name);
		if (!p) {
			rc = mtkfw_nomem();
			break;
		}
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			f->e[f->n].name = mtkfw_strdup(de->d_name);
			if (!f->e[f->n].name) {
				free(p);
				rc = mtkfw_nomem();
				break;
			}
			f->n++;
		}
		free(p);
	}
	closedir(d);
	if (rc)
		folder_free(f);
	else
		qsort(f->e, f->n, sizeof(*f->e), name_cmp);
	return rc;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* *scatter*.txt, preferring *_Android_scatter* (the ptgen name), then the shortest name; an
 * OTA scatter (*ota_scatter*) only when there is nothing else, since SP Flash Tool is given
 * the full one. */
static const char *pick_scatter(const struct folder *f)
{
	const char *best = NULL;
	int best_rank = 0;

	for (size_t i = 0; i < f->n; i++) {
		const char *n = f->e[i].name;
		int rank;

		if (!strcasestr(n, "scatter") || !ends_with_ci(n, ".txt"))
			continue;
		rank = strcasestr(n, "ota_scatter") ? 1 : strcasestr(n, "_android_scatter") ? 3 : 2;
		if (rank > best_rank || (rank == best_rank && strlen(n) < strlen(best))) {
			best = n;
			best_rank = rank;
		}
	}
	return best;
}

static struct entry *find_name(struct folder *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcasecmp(f->e[i].name, name) == 0)
			return &f->e[i];
	return NULL;
}

static const struct mtkfw_sniff *entry_sniff(struct entry *e, const char *dir)
{
	if (!e->sniffed) {
		char *p = mtkfw_path_join(dir, e->name);

		e->sniffed = true;
		if (!p || mtkfw_sniff_file(&e->sniff, p) != 0)
			memset(&e->sniff, 0, sizeof(e->sniff));
		free(p);
	}
	return &e->sniff;
}

/* Does content of kind `s` fit a partition wanting `kind` (and, for ext4, `volume`)? */
static bool fits(const struct mtkfw_sniff *s, int kind, const char *volume)
{
	if (kind == MTKFW_KIND_UNKNOWN)
		return false;
	if (kind == MTKFW_KIND_PRELOADER)
		return s->kind == MTKFW_KIND_PRELOADER || s->kind == MTKFW_KIND_BOOT1;
	if (kind == MTKFW_KIND_EXT4) {
		/* Without a volume name several ext4 files look alike: only the name decides. */
		if (s->kind != MTKFW_KIND_EXT4 && s->kind != MTKFW_KIND_SPARSE)
			return false;
		if (!s->label[0])
			return false;
		return strcasecmp(s->label, volume) == 0 ||
		       (strcasecmp(volume, "userdata") == 0 && strcasecmp(s->label, "data") == 0);
	}
	return s->kind == kind;
}

static int set_found(struct mtkfw_package_file *pf, const char *dir, struct entry *e, int how)
{
	pf->found = how;
	pf->name = mtkfw_strdup(e->name);
	pf->path = mtkfw_path_join(dir, e->name);
	if (!pf->name || !pf->path)
		return mtkfw_nomem();
	pf->sniff = *entry_sniff(e, dir);
	return mtkfw_file_size(pf->path, &pf->size);
}

static int resolve(mtkfw_package *pkg, struct folder *f)
{
	const mtkfw_layout *l = pkg->layout;
	const char *scatter_base = mtkfw_path_base(pkg->scatter_path);
	int rc;

	/* The scatter and Checksum.ini are never a partition's file by content. */
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->e[i].name, scatter_base) == 0 || strcasecmp(f->e[i].name, "Checksum.ini") == 0)
			f->e[i].claimed = true;
	/* First every name, so content search never takes a file another partition names. */
	for (size_t i = 0; i < l->count; i++) {
		struct entry *e;

		if (!l->parts[i].file)
			continue;
		pkg->files[i].found = MTKFW_FOUND_MISSING;
		e = find_name(f, mtkfw_path_base(l->parts[i].file));
		if (e) {
			e->claimed = true;
			if ((rc = set_found(&pkg->files[i], pkg->dir, e, MTKFW_FOUND_NAME)) != 0)
				return rc;
		}
	}
	for (size_t i = 0; i < l->count; i++) {
		const char *volume;
		int kind = mtkfw_partition_kind(l->parts[i].name, &volume);

		if (pkg->files[i].found != MTKFW_FOUND_MISSING || kind == MTKFW_KIND_UNKNOWN)
			continue;
		for (size_t j = 0; j < f->n; j++) {
			if (f->e[j].claimed || !fits(entry_sniff(&f->e[j], pkg->dir), kind, volume))
				continue;
			f->e[j].claimed = true;
			if ((rc = set_found(&pkg->files[i], pkg->dir, &f->e[j], MTKFW_FOUND_CONTENT)) != 0)
				return rc;
			break;
		}
	}
	return 0;
}

int mtkfw_package_open(mtkfw_package **out, const char *path)
{
	mtkfw_package *pkg;
	struct folder f = { 0 };
	struct stat st;
	int rc;

	if (!out || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_package_open: NULL argument");
	*out = NULL;
	if (stat(path, &st) != 0)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
	pkg = mtkfw_calloc(1, sizeof(*pkg));
	if (!pkg)
		return MTKFW_ERR_NOMEM;
	if (S_ISDIR(st.st_mode)) {
		const char *sc;

		pkg->dir = mtkfw_strdup(path);
		if (!pkg->dir) {
			rc = mtkfw_nomem();
			goto fail;
		}
		if ((rc = folder_list(&f, pkg->dir)) != 0)
			goto fail;
		sc = pick_scatter(&f);
		if (!sc) {
			rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no scatter file (*scatter*.txt) in this folder", path);
			goto fail;
		}
		pkg->scatter_path = mtkfw_path_join(pkg->dir, sc);
	} else {
		const char *base = mtkfw_path_base(path);

		pkg->scatter_path = mtkfw_strdup(path);
		pkg->dir = base == path ? mtkfw_strdup(".") : mtkfw_strndup(path, (size_t)(base - path - 1));
		if (pkg->dir && !pkg->dir[0]) { /* "/scatter.txt" */
			free(pkg->dir);
			pkg->dir = mtkfw_strdup("/");
		}
		if (pkg->dir && (rc = folder_list(&f, pkg->dir)) != 0)
			goto fail;
	}
	if (!pkg->dir || !pkg->scatter_path) {
		rc = mtkfw_nomem();
		goto fail;
	}
	if ((rc = mtkfw_scatter_load(&pkg->layout, pkg->scatter_path)) != 0)
		goto fail;
	pkg->files = mtkfw_calloc(pkg->layout->count ? pkg->layout->count : 1, sizeof(*pkg->files));
	if (!pkg->files) {
		rc = MTKFW_ERR_NOMEM;
		goto fail;
	}
	if ((rc = resolve(pkg, &f)) != 0)
		goto fail;
	for (size_t i = 0; i < f.n; i++)
		if (strcasecmp(f.e[i].name, "Checksum.ini") == 0) {
			pkg->checksum_path = mtkfw_path_join(pkg->dir, f.e[i].name);
			if (!pkg->checksum_path) {
				rc = mtkfw_nomem();
				goto fail;
			}
			break;
		}
	folder_free(&f);
	*out = pkg;
	return 0;
fail:
	folder_free(&f);
	mtkfw_package_free(pkg);
	return rc;
}

void mtkfw_package_free(mtkfw_package *pkg)
{
	if (!pkg)
		return;
	if (pkg->files && pkg->layout)
		for (size_t i = 0; i < pkg->layout->count; i++) {
			free(pkg->files[i].path);
			free(pkg->files[i].name);
		}
	free(pkg->files);
	mtkfw_layout_free(pkg->layout);
	free(pkg->dir);
	free(pkg->scatter_path);
	free(pkg->checksum_path);
	free(pkg);
}
