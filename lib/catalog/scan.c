/*
 * What a folder of a shop's disk holds, from names and the first bytes of each file: a
 * scatter package (a scatter and its images), one folder of parts (a readback, a backup, a
 * package without its scatter), loose parts side by side (a folder of fifty preloaders, each
 * its own entry), archives, or nothing for the library. The content probes are the ones
 * `mtkfw info` and the package module use (mtkfw_sniff, firmware/probe.h).
 */
#include "core/file.h"
#include "core/internal.h"
#include "catalog/scan.h"
#include "firmware/probe.h"

#include <mtkfw/manifest.h>
#include <mtkfw/package.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

bool mtkfwi_scan_archive_name(const char *name)
{
	static const char *const suffixes[] = { ".zip", ".7z",	    ".rar",	".tar",	    ".tgz",	".tar.gz",
						".txz", ".tar.xz", ".tbz2",	".tar.bz2", ".tar.zst", ".tzst" };

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends_with(name, suffixes[i]))
			return true;
	return false;
}

/* Files only a phone's readback or backup has (compat_target.c reads them). */
static bool readback_marker(const char *name)
{
	return !strcasecmp(name, "cid") || !strcasecmp(name, "cid.txt") || !strcasecmp(name, "device.json") ||
	       !strcasecmp(name, MTKFW_MANIFEST_FILE) || !strcasecmp(name, MTKFW_MANIFEST_LEGACY_FILE) ||
	       strcasestr(name, "cmdline") || !strcasecmp(name, "boot1.img") || !strcasecmp(name, "user.img");
}

int mtkfwi_scan_classify_head(const char *name, const uint8_t *head, size_t n)
{
	struct mtkfw_sniff s;
	unsigned m = mtkfw_probe_mask(head, n);

	if (readback_marker(name))
		return SCAN_MARKER;
	if (!strcasecmp(name, "build.prop"))
		return SCAN_BUILD;
	mtkfw_sniff(&s, head, n);
	switch (s.kind) {
	case MTKFW_KIND_SCATTER: return SCAN_SCATTER;
	case MTKFW_KIND_PRELOADER:
	case MTKFW_KIND_BOOT1:
	case MTKFW_KIND_EMI: return SCAN_PRELOADER;
	case MTKFW_KIND_LK: return SCAN_LK;
	case MTKFW_KIND_LOGO: return SCAN_LOGO;
	case MTKFW_KIND_BOOTIMG: return SCAN_KERNEL;
	case MTKFW_KIND_RECOVERY: return SCAN_PART;
	case MTKFW_KIND_MBR:
	case MTKFW_KIND_EBR: return SCAN_PART;
	case MTKFW_KIND_EXT4:
	case MTKFW_KIND_SPARSE: return SCAN_SYSTEM;
	case MTKFW_KIND_CHECKSUM: return SCAN_CHECKSUM;
	default: break;
	}
	if ((m & MTKFW_PROBE_BIT(MTKFW_PROBE_ZIMAGE)) || !strcmp(s.label, "KERNEL"))
		return SCAN_ZIMAGE;
	if (m & MTKFW_PROBE_BIT(MTKFW_PROBE_ARMVEC))
		return SCAN_MODEM;
	return SCAN_NONE;
}

static int classify_file(struct scan_entry *e)
{
	uint8_t head[MTKFW_SNIFF_HEAD];
	ssize_t r = 0;
	int fd, rc;

	if (mtkfwi_scan_archive_name(e->name)) {
		e->kind = SCAN_ARCHIVE;
		return 0;
	}
	if (readback_marker(e->name) || !strcasecmp(e->name, "build.prop")) {
		e->kind = mtkfwi_scan_classify_head(e->name, NULL, 0);
		return 0;
	}
	if ((rc = mtkfw_open_input(e->path, &fd, NULL)) != 0)
		return rc;
	r = mtkfwi_pread(fd, head, sizeof(head), 0);
	if (r < 0)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", e->path, strerror(errno));
	close(fd);
	if (!rc)
		e->kind = mtkfwi_scan_classify_head(e->name, head, (size_t)r);
	return rc;
}

static int name_filter(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

int mtkfwi_scan_list(struct scan_dir *out, const char *dir)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, name_filter, alphasort), rc = 0;

	memset(out, 0, sizeof(*out));
	if (n < 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	if (n > SCAN_DIR_MAX) {
		for (int i = 0; i < n; i++)
			free(ents[i]);
		free(ents);
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %d entries, more than a folder the library walks (%d)", dir, n,
				    SCAN_DIR_MAX);
	}
	out->items = mtkfw_calloc((size_t)n + 1, sizeof(*out->items));
	if (!out->items)
		rc = MTKFW_ERR_NOMEM;
	for (int i = 0; i < n; i++) {
		struct scan_entry *e = out->items ? &out->items[out->count] : NULL;
		struct stat st, lst;

		if (!rc && e) {
			e->name = mtkfw_strdup(ents[i]->d_name);
			e->path = mtkfw_path_join(dir, ents[i]->d_name);
			if (!e->name || !e->path) {
				free(e->name);
				free(e->path);
				rc = MTKFW_ERR_NOMEM;
			} else if (lstat(e->path, &lst) != 0 || stat(e->path, &st) != 0 ||
				   (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) ||
				   /* A linked folder could lead back up the tree: folders are walked as
				    * they are, linked files are read. */
				   (S_ISDIR(st.st_mode) && S_ISLNK(lst.st_mode))) {
				free(e->name);
				free(e->path);
			} else {
				e->is_dir = S_ISDIR(st.st_mode);
				e->size = (uint64_t)st.st_size;
				e->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
				out->count++;
			}
		}
		free(ents[i]);
	}
	free(ents);
	if (rc)
		mtkfwi_scan_dir_free(out);
	return rc;
}

int mtkfwi_scan_classify(struct scan_dir *d, char **unreadable)
{
	*unreadable = NULL;
	for (size_t i = 0; i < d->count; i++) {
		struct scan_entry *e = &d->items[i];

		if (e->is_dir)
			continue;
		if (classify_file(e) != 0) {
			if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
				return MTKFW_ERR_NOMEM;
			/* Remembered (the package it belongs to is recorded with it); the rest goes on. */
			e->kind = SCAN_UNREADABLE;
			if (!*unreadable && !(*unreadable = mtkfw_strdup(mtkfw_error_last()->message)))
				return MTKFW_ERR_NOMEM;
		}
	}
	return 0;
}

int mtkfwi_scan_shape(const struct scan_dir *d)
{
	unsigned counts[SCAN_KIND_COUNT] = { 0 };
	bool parts = false;

	for (size_t i = 0; i < d->count; i++)
		if (!d->items[i].is_dir)
			counts[d->items[i].kind]++;
	if (counts[SCAN_SCATTER])
		return counts[SCAN_SCATTER] == 1 ? SCAN_SHAPE_PACKAGE : SCAN_SHAPE_PACKAGES;
	for (int k = SCAN_PRELOADER; k <= SCAN_PART; k++)
		parts |= counts[k] != 0;
	if (!parts && !counts[SCAN_MARKER])
		return SCAN_SHAPE_NONE;
	/* Two preloaders, two lk, two logos, two boot images or two modems side by side and nothing
	 * of a phone: loose parts a shop collected, not one phone's set. (A boot image taken apart —
	 * its header, zImage, zImage.mtkhdr, ramdisk — is one set.) */
	if (!counts[SCAN_MARKER] && (counts[SCAN_PRELOADER] > 1 || counts[SCAN_LK] > 1 || counts[SCAN_KERNEL] > 1 ||
				     counts[SCAN_LOGO] > 1 || counts[SCAN_MODEM] > 1))
		return SCAN_SHAPE_LOOSE;
	return SCAN_SHAPE_FOLDER;
}

bool mtkfwi_scan_loose_part(int kind)
{
	return kind == SCAN_PRELOADER || kind == SCAN_LK || kind == SCAN_KERNEL || kind == SCAN_ZIMAGE ||
	       kind == SCAN_LOGO || kind == SCAN_BUILD || kind == SCAN_MODEM;
}

static int collect(char ***dirs, size_t *n, const char *root, int depth)
{
	struct scan_dir d;
	char **nd;
	int rc;

	if (depth > SCAN_DEPTH_MAX || *n >= SCAN_DIRS_MAX)
		return 0;
	nd = mtkfw_reallocarray(*dirs, *n + 1, sizeof(*nd));
	if (!nd)
		return MTKFW_ERR_NOMEM;
	*dirs = nd;
	if (!(nd[*n] = mtkfw_strdup(root)))
		return MTKFW_ERR_NOMEM;
	(*n)++;
	/* A folder that cannot be listed is reported when its turn comes. */
	if (mtkfwi_scan_list(&d, root) != 0)
		return mtkfw_error_last()->code == MTKFW_ERR_NOMEM ? MTKFW_ERR_NOMEM : 0;
	rc = 0;
	for (size_t i = 0; i < d.count && !rc; i++)
		if (d.items[i].is_dir)
			rc = collect(dirs, n, d.items[i].path, depth + 1);
	mtkfwi_scan_dir_free(&d);
	return rc;
}

int mtkfwi_scan_collect(char ***dirs, size_t *n, const char *root)
{
	*dirs = NULL;
	*n = 0;
	return collect(dirs, n, root, 0);
}

void mtkfwi_scan_dir_free(struct scan_dir *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].name);
		free(d->items[i].path);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}
