/*
 * mtkfw profile: run each firmware part through its parser and gather one fingerprint.
 * A single file is recognised by its content; a folder (a scatter package, or a loose set of
 * parts such as a readback) is walked once for its package's files (the package model's
 * answer, shared with check, checksum and device flash), then for every other regular file,
 * the first file of each kind winning. A part that fails to parse in a
 * folder is recorded as a problem and the rest still profiled.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "analysis/compat_internal.h"
#include "firmware/fw_internal.h"
#include "firmware/probe.h"

#include <mtkfw/image.h>
#include <mtkfw/layout.h>
#include <mtkfw/package.h>
#include <mtkfw/profile.h>
#include <mtkfw/ext4.h>
#include <mtkfw/sparse.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum part_kind {
	PART_NONE, PART_PRELOADER, PART_LK, PART_KERNEL, PART_LOGO, PART_BUILD, PART_SCATTER,
	PART_SYSTEM, /* an ext4 image (raw or sparse): its /build.prop and modem are read by range */
	PART_MODEM,  /* a modem image (read from its end) or a modem stub */
};

/* The most each kind may weigh: boot1 readbacks are a few MiB, boot images under 16 MiB, a
 * logo partition 3–8 MiB. Bigger files are not read into memory. */
static const size_t kind_max[] = {
	[PART_PRELOADER] = 8u << 20, [PART_LK] = 8u << 20,    [PART_KERNEL] = 64u << 20,
	[PART_LOGO] = 32u << 20,     [PART_BUILD] = 1u << 20, [PART_SCATTER] = 1u << 20,
	[PART_SYSTEM] = SIZE_MAX, /* never loaded: lib/image/ext4 reads the one file it needs */
	[PART_MODEM] = SIZE_MAX,  /* never loaded: its trailer is read from the end */
};

static bool mtkhdr_named(const uint8_t *b, size_t n, const char *name)
{
	struct mtkfw_mtkhdr h;

	return mtkfw_mtkhdr_parse(&h, b, n) == 0 && strcasecmp(h.name, name) == 0;
}

/* Scatter text in any of its three forms (the layout module tells them apart when parsing). */
static bool looks_like_scatter(const uint8_t *buf, size_t len)
{
	return memmem(buf, len, "partition_name:", 15) || memmem(buf, len, "config_version:", 15) ||
	       memmem(buf, len, "PRELOADER 0x", 12) || (len > 12 && !strncasecmp((const char *)buf, "preloader 0x", 12));
}

static bool looks_like_buildprop(const uint8_t *b, size_t n)
{
	return memmem(b, n, "ro.build.", 9) || memmem(b, n, "ro.product.", 11) || memmem(b, n, "ro.mediatek.", 12);
}

/* A modem stub: one short path to a modem image (the modem module decides when parsing). */
static bool looks_like_stub(const uint8_t *b, size_t n)
{
	return n <= MTKFW_MODEM_STUB_MAX && n > 1 && b[0] == '/' && memmem(b, n, "modem", 5);
}

/* Which part a file's head is, from the shared content probes (firmware/probe.h), in their
 * order: a boot image or zImage is the kernel, an MTK header says by its name. */
static enum part_kind classify(const uint8_t *b, size_t n)
{
	unsigned m = mtkfw_probe_mask(b, n);

	if (m & (MTKFW_PROBE_BIT(MTKFW_PROBE_GFH) | MTKFW_PROBE_BIT(MTKFW_PROBE_BOOT1) | MTKFW_PROBE_BIT(MTKFW_PROBE_EMI)))
		return PART_PRELOADER;
	if (m & (MTKFW_PROBE_BIT(MTKFW_PROBE_BOOTIMG) | MTKFW_PROBE_BIT(MTKFW_PROBE_ZIMAGE)))
		return PART_KERNEL;
	if (mtkhdr_named(b, n, "LK"))
		return PART_LK;
	if (mtkhdr_named(b, n, "LOGO"))
		return PART_LOGO;
	if (mtkhdr_named(b, n, "KERNEL"))
		return PART_KERNEL;
	if ((m & MTKFW_PROBE_BIT(MTKFW_PROBE_TEXT)) && looks_like_scatter(b, n))
		return PART_SCATTER;
	if ((m & MTKFW_PROBE_BIT(MTKFW_PROBE_TEXT)) && looks_like_buildprop(b, n))
		return PART_BUILD;
	if (((m & MTKFW_PROBE_BIT(MTKFW_PROBE_TEXT)) && looks_like_stub(b, n)) || (m & MTKFW_PROBE_BIT(MTKFW_PROBE_ARMVEC)))
		return PART_MODEM;
	/* ext4, or an Android sparse image of one */
	if (m & (MTKFW_PROBE_BIT(MTKFW_PROBE_EXT4) | MTKFW_PROBE_BIT(MTKFW_PROBE_SPARSE)))
		return PART_SYSTEM;
	return PART_NONE;
}

static int sniff(const char *path, enum part_kind *kind, uint64_t *size)
{
	uint8_t head[4096];
	ssize_t r;
	int fd, rc;

	*kind = PART_NONE;
	if ((rc = mtkfw_open_input(path, &fd, size)) != 0)
		return rc;
	r = mtkfwi_pread(fd, head, sizeof(head), 0);
	close(fd);
	if (r < 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
	*kind = classify(head, (size_t)r);
	return 0;
}

static int set_str(char **dst, const char *v)
{
	if (*dst || !v || !*v)
		return 0;
	*dst = mtkfw_strdup(v);
	return *dst ? 0 : MTKFW_ERR_NOMEM;
}

/* How much a build.prop tells (fields it has). Android 10 and later split props over
 * partitions: a folder may hold the system's, the vendor's and the product's, and the one that
 * tells most describes the firmware best. */
static int build_score(const struct mtkfw_buildprop *b)
{
	const char *f[] = { b->model, b->brand, b->device, b->display_id, b->version, b->fingerprint, b->platform,
			    b->mtk_release };
	int n = 0;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		n += f[i] && *f[i];
	return n;
}

static bool kind_done(const struct mtkfw_profile *p, enum part_kind k)
{
	switch (k) {
	case PART_PRELOADER: return p->has_preloader;
	case PART_LK: return p->has_lk;
	case PART_KERNEL: return p->has_kernel;
	case PART_LOGO: return p->has_logo;
	case PART_BUILD: return p->has_build && build_score(&p->build) >= 6;
	case PART_SCATTER: return p->has_layout;
	case PART_SYSTEM: return p->has_build && p->has_modem;
	case PART_MODEM: return p->has_modem;
	default: return true;
	}
}

/* A part found in a folder failed to parse: one of the profile's problems (NOMEM stays fatal). */
static int keep_problem(struct mtkfw_profile *p)
{
	if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
		return MTKFW_ERR_NOMEM;
	return mtkfwi_profile_add_problem(p, mtkfw_error_last()->message);
}

/* What a system partition (raw or sparse ext4) tells: its build.prop, its modem and the mddb
 * names. Nothing of either is MTKFW_ERR_NOTFOUND (a cache or userdata image); a modem that does
 * not parse is a problem, not a failure. */
int mtkfwi_profile_take_system(struct mtkfw_profile *p, mtkfw_ext4 *fs, const char *rel)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char *src = NULL;
	int rc = 0;

	if (!p->has_build) {
		rc = mtkfw_ext4_read(&buf, &len, fs, "/build.prop", kind_max[PART_BUILD]);
		if (rc == MTKFW_ERR_NOTFOUND) {
			mtkfw_error_clear();
			rc = 0;
		} else if (!rc && asprintf(&src, "%s:/build.prop", rel) < 0) {
			src = NULL;
			rc = mtkfw_nomem();
		} else if (!rc && (rc = mtkfw_buildprop_parse(&p->build, (const char *)buf, len, src)) == 0) {
			p->has_build = true;
			p->source.build = src;
			src = NULL;
		}
		free(buf);
		free(src);
		if (rc)
			return rc;
	}
	if (!p->has_modem) {
		rc = mtkfw_modem_find(&p->modem, fs, rel);
		p->has_modem = rc == 0;
		if (rc == MTKFW_ERR_NOTFOUND) {
			mtkfw_error_clear();
			rc = 0;
		} else if (rc) {
			rc = keep_problem(p);
		}
	}
	if (!rc && !p->has_build && !p->has_modem)
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no /build.prop and no modem", rel);
	return rc;
}

/* Parse one file of a known kind into the profile; `rel` names it in messages and sources. */
static int take_part(struct mtkfw_profile *p, const char *path, const char *rel, enum part_kind k)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char **src = NULL;
	int rc;

	if (k == PART_SYSTEM) {
		mtkfw_ext4 *fs;

		if ((rc = mtkfw_ext4_open(&fs, path)) != 0)
			return mtkfw_seterr_prefix(rel);
		rc = mtkfwi_profile_take_system(p, fs, rel);
		mtkfw_ext4_free(fs);
		return rc;
	}
	if (k == PART_MODEM) {
		if ((rc = mtkfw_modem_open(&p->modem, path)) != 0)
			return rc;
		free(p->modem.file);
		p->modem.file = mtkfw_strdup(rel);
		p->has_modem = true;
		return p->modem.file ? 0 : mtkfw_nomem();
	}
	rc = mtkfw_read_file(path, kind_max[k], &buf, &len);
	if (rc)
		return rc;
	switch (k) {
	case PART_PRELOADER:
		rc = mtkfw_preloader_parse(&p->preloader, buf, len, rel);
		p->has_preloader = rc == 0;
		src = &p->source.preloader;
		break;
	case PART_LK:
		rc = mtkfw_lk_lcm(&p->lk_lcm, buf, len, rel);
		p->has_lk = rc == 0;
		src = &p->source.lk;
		break;
	case PART_KERNEL:
		rc = mtkfw_kernel_info(&p->kernel, buf, len, rel);
		p->has_kernel = rc == 0;
		src = &p->source.kernel;
		break;
	case PART_LOGO:
		rc = mtkfw_logo_info(&p->logo, buf, len, rel);
		p->has_logo = rc == 0;
		src = &p->source.logo;
		break;
	case PART_BUILD: {
		struct mtkfw_buildprop bp;

		rc = mtkfw_buildprop_parse(&bp, (const char *)buf, len, rel);
		if (!rc && p->has_build && build_score(&bp) <= build_score(&p->build)) {
			mtkfw_buildprop_clear(&bp); /* no better than the one we have */
		} else if (!rc) {
			mtkfw_buildprop_clear(&p->build);
			p->build = bp;
			p->has_build = true;
			free(p->source.build); /* the better one's name replaces the first's */
			p->source.build = NULL;
			src = &p->source.build;
		}
		break;
	}
	case PART_SCATTER:
		rc = mtkfw_scatter_parse(&p->layout, (const char *)buf, len, rel);
		p->has_layout = rc == 0;
		if (!rc) {
			rc = set_str(&p->platform, p->layout->platform);
			/* A readback tool's placeholder (MTDTtest) is no project: the preloader's is. */
			if (!rc && !mtkfw_scatter_readback_tool(p->layout))
				rc = set_str(&p->project, p->layout->project);
			if (!rc)
				rc = set_str(&p->storage, p->layout->storage);
		}
		src = &p->source.scatter;
		break;
	default:
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a part mtkfw profile knows", rel);
	}
	free(buf);
	if (!rc && src)
		rc = set_str(src, rel);
	return rc;
}

int mtkfwi_profile_add_problem(struct mtkfw_profile *p, const char *msg)
{
	char **np;

	/* A file the scatter names is tried as the package's and again as the folder's: once. */
	for (size_t i = 0; i < p->problem_count; i++)
		if (!strcmp(p->problems[i], msg))
			return 0;
	if (p->problem_count >= 64)
		return 0;
	np = mtkfw_reallocarray(p->problems, p->problem_count + 1, sizeof(*np));
	if (!np)
		return mtkfw_nomem();
	p->problems = np;
	if (!(np[p->problem_count] = mtkfw_strdup(msg)))
		return mtkfw_nomem();
	p->problem_count++;
	return 0;
}

/* In a folder: try one file; a parse failure becomes a problem, not an error. */
static int try_file(struct mtkfw_profile *p, const char *dir, const char *rel, mtkfw_ctx *ctx)
{
	char *path = mtkfw_path_join(dir, rel);
	enum part_kind k;
	uint64_t size;
	struct stat st;
	int rc = 0;

	if (!path)
		return mtkfw_nomem();
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || sniff(path, &k, &size) != 0 || k == PART_NONE ||
	    kind_done(p, k) || size > kind_max[k]) {
		free(path);
		return 0;
	}
	mtkfw_log(ctx, MTKFW_LOG_DEBUG, "profile: %s is a %d part", rel, (int)k);
	if (take_part(p, path, rel, k) != 0) {
		int code = mtkfw_error_last()->code;

		/* cache/userdata images simply have no build.prop; a file that only looked like a
		 * modem (ARM code, a short path) is some other file */
		if (!(k == PART_SYSTEM && code == MTKFW_ERR_NOTFOUND) && !(k == PART_MODEM && code == MTKFW_ERR_FORMAT))
			rc = keep_problem(p);
		else
			mtkfw_error_clear();
	}
	free(path);
	return rc;
}

static int name_filter(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* The files of the folder's package (its scatter `scatter`, or the one mtkfw_scatter_find picks
 * in `dir`): each partition's file as check, checksum and device flash resolve it — by the
 * scatter's name, its signed NAME-verified.EXT, or by content — so the profile describes what
 * would be flashed. */
static int package_parts(struct mtkfw_profile *p, const char *dir, const char *scatter, mtkfw_ctx *ctx)
{
	mtkfw_package *pkg = NULL;
	int rc = 0;

	if (mtkfw_package_open(&pkg, scatter ? scatter : dir) != 0) {
		if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
			return MTKFW_ERR_NOMEM;
		mtkfw_error_clear(); /* the scatter's own problem is reported where it was parsed */
		return 0;
	}
	for (size_t i = 0; i < pkg->layout->count && !rc; i++)
		if (pkg->files[i].name)
			rc = try_file(p, dir, pkg->files[i].name, ctx);
	mtkfw_package_free(pkg);
	return rc;
}

static int profile_folder(struct mtkfw_profile *p, const char *dir, const char *scatter, mtkfw_ctx *ctx)
{
	struct dirent **ents = NULL;
	char *found = NULL;
	int n = scandir(dir, &ents, name_filter, alphasort), rc = 0;

	if (n < 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	/* 1. the scatter, picked by the rule every command uses, so its partitions' files go first */
	if (!p->has_layout) {
		if (mtkfw_scatter_find(&found, dir) == 0)
			rc = try_file(p, dir, mtkfw_path_base(found), ctx);
		else if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
			rc = MTKFW_ERR_NOMEM;
		else
			mtkfw_error_clear();
	}
	/* 2. the file of each partition of that package */
	if (!rc && p->has_layout)
		rc = package_parts(p, dir, found ? found : scatter, ctx);
	free(found);
	/* 3. everything else, by content (readbacks name files their own way) */
	for (int i = 0; i < n && !rc; i++) {
		/* Files, not bytes: a folder holds a few parts and many images it skips. */
		rc = mtkfw_progress(ctx, "profile", (uint64_t)i, (uint64_t)n);
		if (!rc)
			rc = try_file(p, dir, ents[i]->d_name, ctx);
	}
	if (!rc)
		rc = try_file(p, dir, "system/build.prop", ctx);
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	if (rc)
		return rc;
	if (!p->has_preloader && !p->has_lk && !p->has_kernel && !p->has_logo && !p->has_build && !p->has_layout &&
	    !p->has_modem) {
		if (p->problem_count)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s", p->problems[0]);
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "%s: no preloader, lk, kernel, logo, build.prop, modem or scatter found", dir);
	}
	return 0;
}

/* Fill platform / project / storage from the parts when the scatter did not. */
static int derive_identity(struct mtkfw_profile *p)
{
	int rc = 0;

	if (p->has_build)
		rc = set_str(&p->platform, p->build.platform);
	if (!rc && p->has_preloader && p->preloader.has_emi && !p->project) {
		/* The EMI block stores the preloader's file name: preloader_<project>.bin. */
		char name[64];
		size_t l;

		snprintf(name, sizeof(name), "%s", p->preloader.emi.file_name);
		l = strlen(name);
		if (l > 4 && strcmp(name + l - 4, ".bin") == 0)
			name[l - 4] = '\0';
		rc = set_str(&p->project, strncmp(name, "preloader_", 10) == 0 ? name + 10 : name);
	}
	if (!rc && p->has_build)
		rc = set_str(&p->project, p->build.device);
	if (!rc && p->has_preloader && p->preloader.kind != MTKFW_PRELOADER_EMI) {
		uint8_t d = p->preloader.file_info.flash_dev;

		rc = set_str(&p->storage, d == 5 || d == 6 ? "EMMC" : d >= 2 && d <= 4 ? "NAND" : d == 7 ? "NOR" : NULL);
	}
	return rc;
}

int mtkfw_profile_path(struct mtkfw_profile *out, const char *path, mtkfw_ctx *ctx)
{
	struct mtkfw_profile p = { 0 };
	struct stat st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st) != 0)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		rc = profile_folder(&p, path, NULL, ctx);
	} else {
		enum part_kind k;
		uint64_t size;

		rc = sniff(path, &k, &size);
		if (!rc && k != PART_NONE && size > kind_max[k])
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %llu bytes is more than a %s may have", path,
					  (unsigned long long)size, "firmware part of this kind");
		if (!rc && k != PART_NONE)
			rc = take_part(&p, path, mtkfw_path_base(path), k);
		/* ARM code or a short path that is no modem is some other file. */
		if ((!rc && k == PART_NONE) || (rc == MTKFW_ERR_FORMAT && k == PART_MODEM))
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT,
					  "%s: not a preloader, EMI block, lk, kernel, boot image, logo, build.prop, modem "
					  "or scatter",
					  path);
		/* A scatter stands for its package: people point at the scatter, as SP Flash Tool
		 * asks them to. Its folder is walked with this scatter's file names first. */
		if (!rc && k == PART_SCATTER) {
			char *dir = mtkfw_strdup(path), *slash;

			if (!dir) {
				rc = MTKFW_ERR_NOMEM;
			} else {
				slash = strrchr(dir, '/');
				if (slash)
					slash[slash == dir ? 1 : 0] = '\0';
				rc = profile_folder(&p, slash ? dir : ".", path, ctx);
				free(dir);
			}
		}
	}
	if (!rc)
		rc = derive_identity(&p);
	if (rc) {
		mtkfw_profile_clear(&p);
		return rc;
	}
	*out = p;
	return 0;
}

void mtkfw_profile_clear(struct mtkfw_profile *p)
{
	if (!p)
		return;
	free(p->platform);
	free(p->project);
	free(p->storage);
	mtkfw_preloader_clear(&p->preloader);
	mtkfw_names_clear(&p->lk_lcm);
	mtkfw_kernel_info_clear(&p->kernel);
	mtkfw_buildprop_clear(&p->build);
	mtkfw_modem_clear(&p->modem);
	mtkfw_layout_free(p->layout);
	free(p->source.preloader);
	free(p->source.lk);
	free(p->source.kernel);
	free(p->source.logo);
	free(p->source.build);
	free(p->source.scatter);
	for (size_t i = 0; i < p->problem_count; i++)
		free(p->problems[i]);
	free(p->problems);
	memset(p, 0, sizeof(*p));
}
