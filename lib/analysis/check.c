/*
 * mtkfw check: everything wrong or risky about a package before a flash, as findings. Each
 * rule reads only what it needs (heads, sizes, the small images); the SP Flash Tool error a
 * problem would cause is named in the message, so people can match it with what they saw.
 */
#include "core/file.h"
#include "core/internal.h"

#include "analysis/check_internal.h"
#include "analysis/image_pass.h"

#include <mtkfw/check.h>
#include <mtkfw/firmware.h>
#include <mtkfw/image.h>
#include <mtkfw/sparse.h>
#include <mtkfw/ext4.h>
#include <mtkfw/package.h>

#include <stdio.h>
#include <strings.h>

/* The most a rule reads into memory: boot images, logos and preloaders are well below. */
#define CHECK_READ_MAX (64u << 20)
#define CHECK_SMALL_MAX (4u << 20)

#define ADD(...)                                                       \
	do {                                                           \
		int rc_ = mtkfw_findings_add(__VA_ARGS__);             \
		if (rc_)                                               \
			return rc_;                                    \
	} while (0)

static const char *pname(const struct mtkfw_partition *p)
{
	return p->name ? p->name : "";
}

/* ---- files ---------------------------------------------------------------------------- */

/* Expanded size of a sparse image (what the partition must hold); the file size otherwise. */
static int image_size(mtkfw_findings *out, const struct mtkfw_partition *p, const struct mtkfw_package_file *pf,
		      uint64_t *size, bool *ok)
{
	mtkfw_sparse *s;

	*ok = true;
	*size = pf->size;
	if (pf->sniff.kind != MTKFW_KIND_SPARSE)
		return 0;
	if (mtkfw_sparse_open_headers(&s, pf->path) != 0) {
		*ok = false;
		ADD(out, MTKFW_SEV_ERROR, "image-invalid", pname(p), "%s: %s", pf->name, mtkfw_error_last()->message);
		return 0;
	}
	*size = mtkfw_sparse_raw_size(s);
	mtkfw_sparse_free(s);
	return 0;
}

/* Does a file's content contradict the partition it is named for? */
static bool content_fits(int want, int got)
{
	if (want == MTKFW_KIND_UNKNOWN || got == MTKFW_KIND_UNKNOWN)
		return true;
	if (want == MTKFW_KIND_PRELOADER)
		return got == MTKFW_KIND_PRELOADER || got == MTKFW_KIND_BOOT1;
	if (want == MTKFW_KIND_EXT4)
		return got == MTKFW_KIND_EXT4 || got == MTKFW_KIND_SPARSE;
	return want == got;
}

/* Parse the images whose format we know well enough to call them broken. */
static int parse_image(mtkfw_findings *out, const struct mtkfw_partition *p, const struct mtkfw_package_file *pf)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	int rc = 0, doubled = -1;

	switch (pf->sniff.kind) {
	case MTKFW_KIND_BOOTIMG: case MTKFW_KIND_RECOVERY: case MTKFW_KIND_LOGO: case MTKFW_KIND_LK:
		break;
	default:
		return 0;
	}
	if (pf->size > CHECK_READ_MAX)
		return 0; /* too-big is reported by the size rule */
	if (mtkfw_read_file(pf->path, CHECK_READ_MAX, &buf, &len) != 0) {
		ADD(out, MTKFW_SEV_ERROR, "image-invalid", pname(p), "%s", mtkfw_error_last()->message);
		return 0;
	}
	if (pf->sniff.kind == MTKFW_KIND_LOGO) {
		struct mtkfw_logo logo;

		rc = mtkfw_logo_parse(&logo, buf, len);
		if (rc == 0)
			mtkfw_logo_clear(&logo);
	} else if (pf->sniff.kind == MTKFW_KIND_LK) {
		struct mtkfw_mtkhdr h;

		rc = mtkfw_mtkhdr_parse(&h, buf, len);
		if (rc == 0 && (uint64_t)h.size + MTKFW_MTKHDR_SIZE > len)
			rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "its MTK header says %u bytes follow, the file has %zu",
					  h.size, len - MTKFW_MTKHDR_SIZE);
	} else {
		struct mtkfw_bootimg b;

		rc = mtkfw_bootimg_parse(&b, buf, len);
		for (int k = 0; rc == 0 && k < MTKFW_BOOT_NPARTS && doubled < 0; k++)
			if (b.part_mtk_doubled[k])
				doubled = k;
	}
	free(buf);
	if (doubled >= 0)
		ADD(out, MTKFW_SEV_ERROR, "mtk-header-doubled", pname(p),
		    "%s: its %s is wrapped in two MTK headers (a part copied with its header, then wrapped "
		    "again): the phone does not boot it; mtkfw unpack, then mtkfw repack, keeps one", pf->name,
		    mtkfw_bootimg_part_name(doubled));
	if (rc)
		ADD(out, MTKFW_SEV_ERROR, "image-invalid", pname(p), "%s does not parse: %s", pf->name,
		    mtkfw_error_last()->message);
	return 0;
}

static int check_file(mtkfw_findings *out, const mtkfw_package *pkg, size_t i)
{
	const struct mtkfw_partition *p = &pkg->layout->parts[i];
	const struct mtkfw_package_file *pf = &pkg->files[i];
	int want = mtkfw_partition_kind(p->name, NULL);
	uint64_t size;
	bool ok;
	int rc;

	if (pf->found == MTKFW_FOUND_NONE) {
		if (p->download)
			ADD(out, MTKFW_SEV_INFO, "no-file", pname(p),
			    "%s is marked for download but the scatter names no file: it is not downloaded", pname(p));
		return 0;
	}
	if (pf->found == MTKFW_FOUND_MISSING && pf->problem) {
		ADD(out, p->download ? MTKFW_SEV_ERROR : MTKFW_SEV_INFO, "image-invalid", pname(p), "%s", pf->problem);
		return 0;
	}
	if (pf->found == MTKFW_FOUND_MISSING) {
		if (!p->download)
			ADD(out, MTKFW_SEV_INFO, "file-missing", pname(p), "%s is not in the folder (not downloaded)",
			    p->file);
		else if (want == MTKFW_KIND_PRELOADER)
			ADD(out, MTKFW_SEV_ERROR, "file-missing", pname(p),
			    "%s is not in the folder, by name or by content: without a preloader there is no memory "
			    "table to send (SP Flash Tool 5054, S_DL_GET_DRAM_SETTING_FAIL)", p->file);
		else
			ADD(out, MTKFW_SEV_ERROR, "file-missing", pname(p),
			    "%s is not in the folder, by name or by content", p->file);
		return 0;
	}
	/* An image that is not downloaded cannot hurt the phone: SP Flash Tool leaves it unticked. */
	if (!p->download)
		return 0;
	if (pf->found == MTKFW_FOUND_CONTENT)
		ADD(out, MTKFW_SEV_INFO, "found-by-content", pname(p), "%s is not in the folder; %s is a %s image and is used",
		    p->file, pf->name, mtkfw_file_kind_name(pf->sniff.kind));
	if (pf->found == MTKFW_FOUND_SIGNED)
		ADD(out, MTKFW_SEV_INFO, "signed-image", pname(p),
		    "%s is the signed build of %s (secure boot): SP Flash Tool sends it and Checksum.ini sums it, so it "
		    "is used", pf->name, mtkfw_path_base(p->file));
	if (pf->size == 0) {
		ADD(out, MTKFW_SEV_ERROR, "image-empty", pname(p), "%s is empty", pf->name);
		return 0;
	}
	if (!content_fits(want, pf->sniff.kind))
		ADD(out, MTKFW_SEV_WARNING, "wrong-content", pname(p), "%s looks like a %s image, not a %s one",
		    pf->name, mtkfw_file_kind_name(pf->sniff.kind), mtkfw_file_kind_name(want));
	if ((rc = image_size(out, p, pf, &size, &ok)) != 0 || !ok)
		return rc;
	if (p->has_size && p->size && !p->end_relative && size > p->size)
		ADD(out, MTKFW_SEV_ERROR, "image-too-big", pname(p),
		    "%s%s is %llu bytes, the partition only 0x%llx (%llu): SP Flash Tool stops with 5069 "
		    "(S_DL_PMT_ERR_NO_SPACE)", pf->name, pf->sniff.kind == MTKFW_KIND_SPARSE ? " expanded" : "",
		    (unsigned long long)size, (unsigned long long)p->size, (unsigned long long)p->size);
	return parse_image(out, p, pf);
}

/* A folder that would flash nothing is not "ok": a scatter alone, or one whose downloaded
 * partitions have no file here (issue #13). SP Flash Tool has nothing to tick. */
static int check_something(mtkfw_findings *out, const mtkfw_package *pkg)
{
	size_t ticked = 0;

	for (size_t i = 0; i < pkg->layout->count; i++)
		if (pkg->layout->parts[i].download && pkg->files[i].path)
			return 0;
		else if (pkg->layout->parts[i].download && pkg->layout->parts[i].file)
			ticked++;
	ADD(out, MTKFW_SEV_ERROR, "nothing-to-flash", NULL,
	    "nothing would be flashed: %s", ticked ? "none of the files the scatter marks for download is in the folder"
						   : "the scatter marks no partition with a file for download");
	return 0;
}

/* ---- layout ---------------------------------------------------------------------------- */

#define GPT_STEP 0x8000u

static int check_layout(mtkfw_findings *out, const mtkfw_layout *l)
{
	uint64_t block = l->has_block_size ? l->block_size : 0;
	bool emmc = !l->storage || strcasecmp(l->storage, "EMMC") == 0;

	/* GPT-era layouts (a PGPT partition) are laid out in 32 KiB steps after the 32 KiB PGPT
	 * whatever block_size says: every start of 15 factory scatters (MT6580 to MT6771) is on
	 * one, half of them off a 0x20000 block. */
	if (block > GPT_STEP && mtkfw_layout_find(l, "PGPT"))
		block = GPT_STEP;

	if (l->mbr_start_guessed)
		ADD(out, MTKFW_SEV_INFO, "mbr-start-guessed", NULL,
		    "the scatter has no MBR and no EMMC_USER partition: the user area is assumed to start at 0x600000");
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];

		if (p->end_relative || !p->has_start)
			continue;
		if (p->start % 512 || (p->has_size && p->size % 512))
			ADD(out, MTKFW_SEV_ERROR, "misaligned", pname(p),
			    "%s starts at 0x%llx with size 0x%llx: eMMC partitions must be whole 512-byte sectors", pname(p),
			    (unsigned long long)p->start, (unsigned long long)p->size);
		else if (emmc && block && p->area == MTKFW_AREA_USER && p->start % block)
			ADD(out, MTKFW_SEV_WARNING, "misaligned", pname(p),
			    "%s starts at user offset 0x%llx, not on a 0x%llx block as ptgen lays partitions out", pname(p),
			    (unsigned long long)p->start, (unsigned long long)block);
	}
	/* Names are matched without regard to case (--only, --skip, Checksum.ini, the MBR): two
	 * partitions one name would reach are one error, reported once at the second. */
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *a = &l->parts[i];

		if (!a->name || !*a->name)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct mtkfw_partition *b = &l->parts[j];

			if (b->name && strcasecmp(a->name, b->name) == 0) {
				ADD(out, MTKFW_SEV_ERROR, "duplicate-name", pname(a),
				    "%s is named twice (%s and %s; names are matched without regard to case): which "
				    "one a file, --only or Checksum.ini means cannot be told", pname(a), pname(b), pname(a));
				break;
			}
		}
	}
	/* Overlaps within one area; layouts are short, so every pair is compared. */
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *a = &l->parts[i];

		if (a->end_relative || !a->has_start || !a->has_size || !a->size)
			continue;
		for (size_t j = i + 1; j < l->count; j++) {
			const struct mtkfw_partition *b = &l->parts[j];

			if (b->end_relative || !b->has_start || !b->has_size || !b->size || b->area != a->area)
				continue;
			if (a->start < b->start + b->size && b->start < a->start + a->size)
				ADD(out, MTKFW_SEV_ERROR, "overlap", pname(b),
				    "%s (%s 0x%llx, 0x%llx bytes) overlaps %s (0x%llx, 0x%llx bytes): writing one destroys "
				    "the other", pname(b), mtkfw_area_name(b->area), (unsigned long long)b->start,
				    (unsigned long long)b->size, pname(a), (unsigned long long)a->start,
				    (unsigned long long)a->size);
		}
	}
	return 0;
}

/* ---- MBR / EBR ------------------------------------------------------------------------ */

static const struct mtkfw_package_file *file_of(const mtkfw_package *pkg, const char *name)
{
	for (size_t i = 0; i < pkg->layout->count; i++)
		if (pkg->layout->parts[i].name && strcasecmp(pkg->layout->parts[i].name, name) == 0)
			return pkg->files[i].path ? &pkg->files[i] : NULL;
	return NULL;
}

static int check_mbr(mtkfw_findings *out, const mtkfw_package *pkg)
{
	const struct mtkfw_package_file *mbr = file_of(pkg, "MBR"), *e1 = file_of(pkg, "EBR1"), *e2 = file_of(pkg, "EBR2");
	uint8_t *b0 = NULL, *b1 = NULL, *b2 = NULL;
	size_t n0 = 0, n1 = 0, n2 = 0;
	mtkfw_layout *t = NULL;
	struct mtkfw_layout_diffs d = { 0 };
	int rc = 0;

	if (!mbr)
		return 0;
	if (mtkfw_read_file(mbr->path, CHECK_SMALL_MAX, &b0, &n0) != 0 ||
	    (e1 && mtkfw_read_file(e1->path, CHECK_SMALL_MAX, &b1, &n1) != 0) ||
	    (e2 && mtkfw_read_file(e2->path, CHECK_SMALL_MAX, &b2, &n2) != 0) ||
	    mtkfw_mbr_parse(&t, b0, n0, b1, n1, b2, n2, mbr->name) != 0) {
		rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "mbr-invalid", "MBR", "%s", mtkfw_error_last()->message);
		goto done;
	}
	if ((rc = mtkfw_layout_compare(&d, pkg->layout, t)) != 0) {
		rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "mbr-invalid", "MBR", "%s", mtkfw_error_last()->message);
		goto done;
	}
	for (size_t i = 0; i < d.count && rc == 0; i++)
		rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "mbr-disagrees", d.items[i].name,
					"MBR/EBR and scatter disagree: %s; the phone would mount its file systems where "
					"the scatter did not write them", d.items[i].message);
done:
	mtkfw_layout_diffs_clear(&d);
	mtkfw_layout_free(t);
	free(b0);
	free(b1);
	free(b2);
	return rc;
}

/* ---- platform ------------------------------------------------------------------------- */

/* EMI block versions and the platforms whose preloaders carry them (seen in real files). */
static const struct {
	const char *version;
	const char *platforms[6];
} emi_platforms[] = {
	{ "v11", { "MT6572", "MT6571" } },
	{ "v12", { "MT6582" } },
	{ "v20", { "MT6737M", "MT6737T", "MT6737", "MT6735", "MT6735M" } },
	{ "v21", { "MT6580" } },
};

/* -1 unknown platform or version, 0 mismatch, 1 match. */
static int emi_platform_agrees(const char *version, const char *platform)
{
	int known_platform = 0, row = -1;

	for (size_t i = 0; i < sizeof(emi_platforms) / sizeof(emi_platforms[0]); i++) {
		if (strcmp(emi_platforms[i].version, version) == 0)
			row = (int)i;
		for (size_t j = 0; j < 6 && emi_platforms[i].platforms[j]; j++)
			if (strcasecmp(emi_platforms[i].platforms[j], platform) == 0) {
				known_platform = 1;
				if (strcmp(emi_platforms[i].version, version) == 0)
					return 1;
			}
	}
	return row < 0 || !known_platform ? -1 : 0;
}

/* "preloader_a516_row.bin" -> "a516_row" (the project the preloader was built for). */
static bool preloader_project(const char *file_name, char *proj, size_t n)
{
	size_t len = strlen(file_name);

	if (strncasecmp(file_name, "preloader_", 10) != 0 || len <= 14 || strcasecmp(file_name + len - 4, ".bin") != 0 ||
	    len - 14 >= n)
		return false;
	memcpy(proj, file_name + 10, len - 14);
	proj[len - 14] = '\0';
	return true;
}

/* The scatter's project is the build's product, which AOSP-style builds name "full_<project>"
 * (a public MT6592 package: project full_s5260 beside preloader_s5260.bin); the preloader
 * carries the bare project. */
static bool same_project(const char *preloader, const char *scatter)
{
	if (strncasecmp(scatter, "full_", 5) == 0 && strcasecmp(preloader, scatter + 5) == 0)
		return true;
	return strcasecmp(preloader, scatter) == 0;
}

static int check_preloader(mtkfw_findings *out, const mtkfw_package *pkg)
{
	const mtkfw_layout *l = pkg->layout;
	const struct mtkfw_partition *p = mtkfw_layout_find(l, "PRELOADER");
	const struct mtkfw_package_file *pf = p ? &pkg->files[p - l->parts] : NULL;
	struct mtkfw_preloader pl;
	uint8_t *buf = NULL;
	size_t len = 0;
	char proj[64];
	int rc = 0, agree;

	if (!pf || !pf->path || pf->size > CHECK_READ_MAX)
		return 0;
	if (mtkfw_read_file(pf->path, CHECK_READ_MAX, &buf, &len) != 0 ||
	    mtkfw_preloader_parse(&pl, buf, len, pf->name) != 0) {
		free(buf);
		ADD(out, MTKFW_SEV_ERROR, "preloader-invalid", pname(p),
		    "%s: SP Flash Tool rejects such a preloader (5066, S_DL_PC_BL_INVALID_GFH_FILE_INFO)",
		    mtkfw_error_last()->message);
		return 0;
	}
	free(buf);
	if (!pl.has_emi || pl.emi.count == 0) {
		rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "preloader-no-emi", pname(p),
					"%s has no memory (EMI) table: the DRAM cannot be set up (SP Flash Tool 5054 or 4032)",
					pf->name);
		goto done;
	}
	if (l->platform && (agree = emi_platform_agrees(pl.emi.version, l->platform)) == 0)
		rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "platform-mismatch", pname(p),
					"the scatter is for %s but %s carries a MTK_BLOADER_INFO_%s table, which %s "
					"preloaders do not use", l->platform, pf->name, pl.emi.version, l->platform);
	/* A readback tool's scatter names the tool, not the board: nothing to compare (issue #13:
	 * MTK Droid Tools' MTDTtest against the phone's own preloader was a false 4032 warning). */
	if (rc == 0 && mtkfw_scatter_readback_tool(l))
		rc = mtkfw_findings_add(out, MTKFW_SEV_INFO, "readback-scatter", NULL,
					"the scatter's project %s is what %s writes, not a firmware build's name: the "
					"preloader (%s) is not compared with it", l->project, mtkfw_scatter_readback_tool(l),
					pl.emi.file_name[0] ? pl.emi.file_name : pf->name);
	else if (rc == 0 && l->project && preloader_project(pl.emi.file_name, proj, sizeof(proj)) &&
		 !same_project(proj, l->project))
		rc = mtkfw_findings_add(out, MTKFW_SEV_WARNING, "project-mismatch", pname(p),
					"the scatter's project is %s but the preloader was built as %s: a preloader "
					"from another board may lack this phone's memory (4032)", l->project,
					pl.emi.file_name);
	if (rc == 0 && l->storage && pl.kind != MTKFW_PRELOADER_EMI &&
	    ((pl.file_info.flash_dev == 5 && strcasecmp(l->storage, "NAND") == 0) ||
	     (pl.file_info.flash_dev == 2 && strcasecmp(l->storage, "EMMC") == 0)))
		rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "storage-mismatch", pname(p),
					"the scatter says %s storage but %s boots from %s", l->storage, pf->name,
					pl.file_info.flash_dev == 5 ? "eMMC" : "NAND");
done:
	mtkfw_preloader_clear(&pl);
	return rc;
}

/* system.img's build.prop names the platform the Android build is for. */
static int check_system_platform(mtkfw_findings *out, const mtkfw_package *pkg)
{
	const mtkfw_layout *l = pkg->layout;
	static const char *const keys[] = { "ro.mediatek.platform", "ro.board.platform" };
	uint8_t *text = NULL;
	size_t len = 0;
	int rc = 0;

	if (!l->platform)
		return 0;
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_package_file *pf = &pkg->files[i];
		const char *vol;

		if (mtkfw_partition_kind(l->parts[i].name, &vol) != MTKFW_KIND_EXT4 || strcmp(vol, "system") != 0 ||
		    !pf->path || (pf->sniff.kind != MTKFW_KIND_EXT4 && pf->sniff.kind != MTKFW_KIND_SPARSE))
			continue;
		if (mtkfw_ext4_read_file(&text, &len, pf->path, "/build.prop", 1u << 20) != 0)
			return 0; /* no build.prop: nothing said */
		for (size_t k = 0; k < 2 && rc == 0; k++) {
			char *v = NULL;

			if (mtkfw_buildprop_get(&v, (const char *)text, len, keys[k]) == 0 && v && *v &&
			    strcasecmp(v, l->platform) != 0)
				rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "platform-mismatch", pname(&l->parts[i]),
							"the scatter is for %s but %s's build.prop says %s=%s", l->platform,
							pf->name, keys[k], v);
			free(v);
			if (rc || mtkfw_findings_find(out, "platform-mismatch", l->parts[i].name))
				break;
		}
		free(text);
		return rc;
	}
	return 0;
}

/* ---- identity ------------------------------------------------------------------------- */

/* Partitions that hold the phone's own identity: IMEI and calibration (NVRAM, nvdata), the
 * protected file systems and PRO_INFO (MT6572 names and the later lower-case ones). */
static const char *const identity_parts[] = { "NVRAM", "PROTECT_F", "PROTECT_S", "PRO_INFO",
					      "protect1", "protect2", "proinfo", "nvdata" };

static int check_identity(mtkfw_findings *out, const mtkfw_package *pkg)
{
	const mtkfw_layout *l = pkg->layout;

	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];

		if (!p->download || !p->file || !p->name)
			continue;
		for (size_t k = 0; k < sizeof(identity_parts) / sizeof(identity_parts[0]); k++)
			if (strcasecmp(p->name, identity_parts[k]) == 0) {
				ADD(out, MTKFW_SEV_ERROR, "identity-download", pname(p),
				    "%s is selected for download (%s): it would replace the phone's IMEI, MAC "
				    "addresses and calibration with the package's; untick it unless %s is this "
				    "phone's own backup", pname(p), p->file, p->file);
				break;
			}
	}
	return 0;
}

int mtkfw_check_package(mtkfw_findings *out, const char *path, mtkfw_ctx *ctx)
{
	return mtkfwi_check_package_pass(out, path, ctx, NULL);
}

int mtkfwi_check_package_pass(mtkfw_findings *out, const char *path, mtkfw_ctx *ctx, struct image_pass *ip)
{
	mtkfw_package *pkg;
	int rc;

	if (!out || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_check_package: NULL argument");
	memset(out, 0, sizeof(*out));
	if ((rc = mtkfw_package_open(&pkg, path)) != 0)
		return rc;
	for (size_t i = 0; i < pkg->layout->count && rc == 0; i++) {
		rc = check_file(out, pkg, i);
		if (mtkfw_progress(ctx, "check", i + 1, pkg->layout->count))
			rc = mtkfw_seterr(MTKFW_ERR_CANCELLED, "check cancelled");
	}
	if (rc == 0)
		rc = check_something(out, pkg);
	if (rc == 0)
		rc = check_layout(out, pkg->layout);
	if (rc == 0)
		rc = check_mbr(out, pkg);
	if (rc == 0)
		rc = mtkfwi_check_checksums(out, pkg, ip);
	if (rc == 0)
		rc = check_preloader(out, pkg);
	if (rc == 0)
		rc = check_system_platform(out, pkg);
	if (rc == 0)
		rc = check_identity(out, pkg);
	mtkfw_package_free(pkg);
	if (rc)
		mtkfw_findings_clear(out);
	return rc;
}
