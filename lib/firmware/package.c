/*
 * A package: the scatter and, for each partition, its file — the one answer to "which file is
 * this partition" that check, checksum, profile, compat and device flash share. Files are
 * looked up by the name the scatter gives (case ignored, as SP Flash Tool on Windows does; its
 * signed NAME-verified.EXT first), then — for the names that are missing — among the folder's
 * other files by content, because readbacks from other tools (MTK Droid Tools, WwR, mtkclient)
 * name files their own way. Only heads are read.
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
	bool regular; /* a regular file; other entries are matched by name only, never opened */
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
		/* Folders are not files; a FIFO, socket or device named like a partition's file is
		 * kept, so that it can be named as the problem rather than reported missing. */
		if (stat(p, &st) == 0 && !S_ISDIR(st.st_mode)) {
			f->e[f->n].regular = S_ISREG(st.st_mode);
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
		char *p = e->regular ? mtkfw_path_join(dir, e->name) : NULL;

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
	if (!e->regular) {
		pf->found = MTKFW_FOUND_MISSING;
		pf->name = mtkfw_strdup(e->name);
		if (!pf->name || asprintf(&pf->problem, "%s/%s: not a regular file (a FIFO, socket or device): not read",
					  dir, e->name) < 0) {
			pf->problem = NULL;
			return mtkfw_nomem();
		}
		return 0;
	}
	pf->found = how;
	pf->name = mtkfw_strdup(e->name);
	pf->path = mtkfw_path_join(dir, e->name);
	if (!pf->name || !pf->path)
		return mtkfw_nomem();
	pf->sniff = *entry_sniff(e, dir);
	return mtkfw_file_size(pf->path, &pf->size);
}

/* "lk.bin" -> the entry "lk-verified.bin" (any case), or NULL. */
static struct entry *find_signed(struct folder *f, const char *file)
{
	const char *dot = strrchr(file, '.');
	size_t stem = dot ? (size_t)(dot - file) : strlen(file);
	char name[512];

	if (strlen(file) + sizeof("-verified") > sizeof(name))
		return NULL;
	snprintf(name, sizeof(name), "%.*s-verified%s", (int)stem, file, file + stem);
	return find_name(f, name);
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
	/* First every name, so content search never takes a file another partition names. A
	 * signed (secure-boot) build ships NAME-verified.EXT beside NAME.EXT: SP Flash Tool sends
	 * the signed one and Checksum.ini holds its sums (the corpus x5511B package: lk, logo,
	 * secro), so it is the partition's file. */
	for (size_t i = 0; i < l->count; i++) {
		const char *base;
		struct entry *e, *sig;

		if (!l->parts[i].file)
			continue;
		pkg->files[i].found = MTKFW_FOUND_MISSING;
		base = mtkfw_path_base(l->parts[i].file);
		e = find_name(f, base);
		sig = find_signed(f, base);
		if (e)
			e->claimed = true;
		if (sig)
			sig->claimed = true;
		if ((sig || e) && (rc = set_found(&pkg->files[i], pkg->dir, sig ? sig : e,
						  sig ? MTKFW_FOUND_SIGNED : MTKFW_FOUND_NAME)) != 0)
			return rc;
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
		pkg->dir = mtkfw_strdup(path);
		if (!pkg->dir) {
			rc = mtkfw_nomem();
			goto fail;
		}
		/* The one rule for which scatter a folder's is (layout.h). */
		if ((rc = folder_list(&f, pkg->dir)) != 0 || (rc = mtkfw_scatter_find(&pkg->scatter_path,
		    pkg->dir)) != 0)
			goto fail;
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
			free(pkg->files[i].problem);
		}
	free(pkg->files);
	mtkfw_layout_free(pkg->layout);
	free(pkg->dir);
	free(pkg->scatter_path);
	free(pkg->checksum_path);
	free(pkg);
}

const char *mtkfw_found_name(int found)
{
	static const char *const names[] = { "none", "missing", "name", "content", "signed" };

	return found >= 0 && found < (int)(sizeof(names) / sizeof(names[0])) ? names[found] : "unknown";
}

int mtkfw_found_parse(const char *word)
{
	for (int v = MTKFW_FOUND_NONE; word && v <= MTKFW_FOUND_SIGNED; v++)
		if (!strcmp(word, mtkfw_found_name(v)))
			return v;
	return -1;
}

const struct mtkfw_package_file *mtkfw_package_file(const mtkfw_package *pkg, const char *name, int kind)
{
	for (size_t i = 0; pkg && i < pkg->layout->count; i++) {
		const struct mtkfw_partition *p = &pkg->layout->parts[i];

		if (!p->name || (name ? strcasecmp(p->name, name) != 0 : mtkfw_partition_kind(p->name, NULL) != kind))
			continue;
		if (pkg->files[i].path)
			return &pkg->files[i];
		if (name)
			return NULL;
	}
	return NULL;
}

int mtkfw_package_preloader(char **out, const char *dir)
{
	mtkfw_package *pkg = NULL;
	struct folder f = { 0 };
	int rc;

	if (!out || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_package_preloader: NULL argument");
	*out = NULL;
	rc = mtkfw_package_open(&pkg, dir);
	if (rc == 0) {
		const struct mtkfw_package_file *pf = mtkfw_package_file(pkg, NULL, MTKFW_KIND_PRELOADER);

		rc = !pf ? mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: the package has no preloader file", dir)
			 : !(*out = mtkfw_strdup(pf->path)) ? MTKFW_ERR_NOMEM : 0;
		mtkfw_package_free(pkg);
		return rc;
	}
	if (rc != MTKFW_ERR_NOTFOUND)
		return rc;
	/* No scatter: a folder of parts, found by content like a package's missing files. */
	if ((rc = folder_list(&f, dir)) != 0)
		return rc;
	for (size_t i = 0; i < f.n && !*out; i++) {
		const struct mtkfw_sniff *s = entry_sniff(&f.e[i], dir);

		if ((s->kind == MTKFW_KIND_PRELOADER || s->kind == MTKFW_KIND_BOOT1) && !(*out = mtkfw_path_join(dir, f.e[i].name))) {
			folder_free(&f);
			return MTKFW_ERR_NOMEM;
		}
	}
	folder_free(&f);
	return *out ? 0 : mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no preloader or boot1 image in this folder", dir);
}
