/*
 * The flash plan: what will be written where, and whether it may be, decided before the first
 * byte goes to the phone. The rules are `mtkfw check`'s (imported as findings) plus the ones
 * that need the phone: its chip, its eMMC in the preloader's EMI table, its partition table.
 */
#include "device/flash_internal.h"
#include "analysis/image_pass.h"
#include "core/bytes.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

/* A preloader is a few hundred KiB; anything over this is not one. */
#define PRELOADER_MAX (8u << 20) /* a boot1 readback (4 MiB) included */
/* Where the phone keeps its PMT: 1 MiB below the end of the user area (spec §4.8). */
#define PMT_FROM_END 0x100000u

static const char *const mode_names[] = { "download", "upgrade", "format-all" };
static const char *const state_names[] = { "pending", "written", "verified" };
static const char *const kind_names[] = { "erase", "write", "restore" };

const char *mtkfw_flash_mode_name(int mode)
{
	return mode >= 0 && mode < 3 ? mode_names[mode] : "?";
}

int mtkfw_flash_mode_parse(const char *word)
{
	for (int i = 0; word && i < 3; i++)
		if (!strcmp(word, mode_names[i]))
			return i;
	return -1;
}

const char *mtkfw_step_state_name(int state)
{
	return state >= 0 && state < 3 ? state_names[state] : "?";
}

int mtkfw_step_state_parse(const char *word)
{
	for (int i = 0; word && i < 3; i++)
		if (!strcmp(word, state_names[i]))
			return i;
	return -1;
}

const char *mtkfw_step_kind_name(int kind)
{
	return kind >= 0 && kind < 3 ? kind_names[kind] : "?";
}

int mtkfw_step_kind_parse(const char *word)
{
	for (int i = 0; word && i < 3; i++)
		if (!strcmp(word, kind_names[i]))
			return i;
	return -1;
}

bool mtkfw_is_identity_partition(const char *name)
{
	return name && mtkfwi_flash_in_list(MTKFW_IDENTITY_ITEMS, name);
}

bool mtkfwi_flash_in_list(const char *list, const char *name)
{
	return mtkfw_name_in_list(list, name);
}

/* Every name of a comma list is a partition of the layout. */
static int list_known(const mtkfw_layout *l, const char *list, const char *opt)
{
	char name[MTKFW_PART_NAME_MAX];

	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);

		if (k == 0 || k >= sizeof(name))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: empty or overlong partition name", opt);
		memcpy(name, p, k);
		name[k] = 0;
		if (!mtkfw_layout_find(l, name))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: the package has no partition %s", opt, name);
		p += k + (c ? 1 : 0);
	}
	return 0;
}

static int add_step(mtkfw_flash_plan *plan, struct mtkfw_flash_step **out)
{
	struct mtkfw_flash_step *s = mtkfw_reallocarray(plan->steps, plan->count + 1, sizeof(*s));

	if (!s)
		return MTKFW_ERR_NOMEM;
	plan->steps = s;
	*out = &s[plan->count++];
	memset(*out, 0, sizeof(**out));
	return 0;
}

const char *mtkfw_flash_remedy_name(int remedy)
{
	static const char *const names[] = { "none", "skip", "skip-or-port", "mode-upgrade", "write-too",
					     "fix-package", "other-chip", "keep-sizes", "include-identity" };

	return remedy >= 0 && remedy <= MTKFW_REMEDY_INCLUDE_IDENTITY ? names[remedy] : "?";
}

int mtkfw_flash_remedy_parse(const char *word)
{
	for (int v = MTKFW_REMEDY_NONE; word && v <= MTKFW_REMEDY_INCLUDE_IDENTITY; v++) {
		const char *w = mtkfw_flash_remedy_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

void mtkfwi_flash_refuse(mtkfw_flash_plan *plan, const char *code, int remedy, const char *const *parts, size_t n)
{
	struct mtkfw_flash_refusal *r = &plan->refusal;

	/* Every refusal's option goes into the change that lets the flash through (flash_change.c):
	 * a flash refused for two reasons needs both. */
	mtkfwi_flash_change_add(plan, remedy, parts, n);
	/* The first refusal is the one named: it is the first error of the report. */
	if (r->remedy != MTKFW_REMEDY_NONE)
		return;
	snprintf(r->code, sizeof(r->code), "%s", code);
	r->remedy = remedy;
	for (size_t i = 0; i < n && r->part_count < MTKFW_REFUSAL_PARTS; i++)
		if (parts[i])
			snprintf(r->parts[r->part_count++], sizeof(r->parts[0]), "%s", parts[i]);
}

/* A refusal naming at most one partition. */
static void refuse(mtkfw_flash_plan *plan, const char *code, int remedy, const char *part)
{
	mtkfwi_flash_refuse(plan, code, remedy, &part, part ? 1 : 0);
}

void mtkfwi_flash_select(const mtkfw_package *pkg, const struct mtkfw_flash_opts *opts, bool *sel)
{
	const mtkfw_layout *l = pkg->layout;

	/* What is written: downloadable partitions with a file, narrowed by --only and --skip. */
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];

		sel[i] = p->name && p->download && pkg->files[i].found >= MTKFW_FOUND_NAME &&
			 (!opts->only || mtkfwi_flash_in_list(opts->only, p->name)) && !mtkfwi_flash_in_list(opts->skip, p->name);
	}
}

/* The SHA-256 of what the phone holds, once written, over the ranges the step writes (its
 * extents, in order): the data zero padded to the 512-byte length. A sparse image on an erased
 * range is written, and so read back and hashed, only where it has RAW and FILL chunks; its
 * DONT_CARE holes are the erase's. flash_run.c's verify hashes the same ranges. */
struct digest_job {
	mtkfw_hash *md;
	struct flash_source src;
	uint8_t *buf;
};

static int digest_extent(uint64_t off, uint64_t len, void *user)
{
	struct digest_job *j = user;
	int rc = 0;

	for (uint64_t done = 0; !rc && done < len;) {
		size_t k = len - done < (1u << 20) ? (size_t)(len - done) : (1u << 20);

		if (!(rc = mtkfwi_flash_source_pread(&j->src, j->buf, k, off + done)) && mtkfw_hash_update(j->md, j->buf, k) != 0)
			rc = mtkfw_nomem();
		done += k;
	}
	return rc;
}

static int step_digest(struct mtkfw_flash_step *st, const struct image_pass *ip)
{
	struct digest_job j = { 0 };
	int rc = 0;

	/* The check's Checksum.ini read may already have hashed the step's bytes: a plain image
	 * is its file then zeros; a sparse one its expansion (image_pass.h). Then the file is
	 * not read again; the pass answers only when its byte count is the step's. */
	if (!st->data && st->path && ip && ip->count) {
		int how = !st->sparse ? IMAGE_PASS_FILE : st->erased ? IMAGE_PASS_SPARSE_DATA : IMAGE_PASS_SPARSE_FULL;
		uint64_t hashed = st->file_size, total = st->length;

		if (st->sparse) {
			mtkfw_sparse *s;
			mtkfw_sparse_stats stats;

			if ((rc = mtkfw_sparse_open_headers(&s, st->path)))
				return rc;
			mtkfw_sparse_get_stats(&stats, s);
			hashed = stats.raw_bytes + stats.fill_bytes + (st->erased ? 0 : stats.dont_care_bytes);
			mtkfw_sparse_free(s);
			if (st->erased && (rc = mtkfwi_flash_step_payload(st, &total)))
				return rc;
		}
		if ((rc = mtkfwi_image_pass_sha256(ip, st->path, how, hashed, total, st->sha256)) != 0)
			return rc < 0 ? rc : 0;
	}
	j.md = NULL;
	j.buf = malloc(1u << 20);
	if (!j.buf || mtkfw_hash_new(&j.md, MTKFW_HASH_SHA256) != 0) {
		mtkfw_hash_free(j.md);
		free(j.buf);
		return mtkfw_nomem();
	}
	if ((rc = mtkfwi_flash_source_open(&j.src, st)) == 0) {
		rc = mtkfwi_flash_step_extents(st, digest_extent, &j);
		mtkfwi_flash_source_close(&j.src);
	}
	if (!rc && mtkfw_hash_final(j.md, st->sha256) != 0)
		rc = mtkfw_nomem();
	mtkfw_hash_free(j.md);
	free(j.buf);
	return rc;
}

/* A sparse image whose range can be erased is written on the erased range. */
static bool erase_first(const struct mtkfw_partition *p, const struct mtkfw_package_file *pf,
			const struct mtkfw_flash_phone *ph)
{
	return pf->sniff.kind == MTKFW_KIND_SPARSE && p->has_start && p->has_size && p->size && !p->end_relative &&
	       p->start + p->size <= ph->user_size;
}

/* Import `mtkfw check`'s findings. Those about partitions this flash does not write are kept as
 * information; a file that contradicts its partition becomes a refusal here (check only warns,
 * a flash would write it). */
static int import_check(mtkfw_flash_plan *plan, const mtkfw_findings *chk, const bool *selected,
			const mtkfw_layout *l)
{
	for (size_t i = 0; i < chk->count; i++) {
		const struct mtkfw_finding *f = &chk->items[i];
		const struct mtkfw_partition *p = f->partition ? mtkfw_layout_find(l, f->partition) : NULL;
		bool sel = p ? selected[p - l->parts] : true;
		int sev = f->severity;
		const char *code = f->code;
		int rc;

		if (!sel && sev == MTKFW_SEV_ERROR)
			sev = MTKFW_SEV_INFO;
		if (sel && !strcmp(code, "wrong-content")) {
			code = "wrong-image-type";
			sev = MTKFW_SEV_ERROR;
		}
		if ((rc = mtkfw_findings_add(&plan->findings, sev, code, f->partition, "%s", f->message)))
			return rc;
		if (sev == MTKFW_SEV_ERROR)
			refuse(plan, code, f->partition ? MTKFW_REMEDY_SKIP : MTKFW_REMEDY_FIX_PACKAGE, f->partition);
	}
	return 0;
}

/* The phone's eMMC must be in the EMI table of the preloader that will boot it. */
static int check_preloader(mtkfw_flash_plan *plan, const struct mtkfw_partition *p,
			   const struct mtkfw_package_file *pf, const struct mtkfw_flash_phone *ph, uint8_t **pl,
			   size_t *pl_len)
{
	struct mtkfw_preloader parsed;
	struct mtkfw_emi_match m = { .index = -1 };
	char cid[33];
	int rc;

	if ((rc = mtkfw_read_file(pf->path, PRELOADER_MAX, pl, pl_len)))
		return rc;
	for (int i = 0; i < 16; i++)
		snprintf(cid + 2 * i, 3, "%02x", ph->cid[i]);
	if (mtkfw_preloader_parse(&parsed, *pl, *pl_len, pf->name) != 0) {
		rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "preloader-invalid", p->name,
					"%s does not parse as a preloader: %s", pf->name, mtkfw_error_last()->message);
		refuse(plan, "preloader-invalid", MTKFW_REMEDY_SKIP, p->name);
		return rc;
	}
	if (parsed.has_emi)
		(void)mtkfw_emi_match_cid(&m, &parsed.emi, ph->cid);
	if (m.index < 0) {
		rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "preloader-no-emi", p->name,
					"%s has no EMI entry for this phone's eMMC (CID %s): flashed, the phone would "
					"not set up its RAM and would not boot again (SP Flash Tool 4032); keep the "
					"phone's own preloader with --skip %s", pf->name, cid, p->name);
		refuse(plan, "preloader-no-emi", MTKFW_REMEDY_SKIP, p->name);
	} else {
		rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_INFO, "preloader-emi-ok", p->name,
					"%s lists this phone's eMMC (EMI entry %d)", pf->name, m.index);
	}
	mtkfw_preloader_clear(&parsed);
	return rc;
}

/* Compare the package's layout with the phone's table. */
static int check_layout(mtkfw_flash_plan *plan, const mtkfw_layout *l, const struct mtkfw_flash_phone *ph)
{
	struct mtkfw_layout_diffs d = { 0 };
	int rc;

	if (!ph->table)
		return mtkfw_findings_add(&plan->findings, plan->mode == MTKFW_FLASH_DOWNLOAD ? MTKFW_SEV_WARNING : MTKFW_SEV_INFO,
					  "no-phone-table", NULL,
					  "the phone has no PMT: its layout cannot be compared with the package's");
	if ((rc = mtkfw_layout_compare(&d, l, ph->table)))
		return rc;
	/* A PMT has no areas: it lists PRELOADER (boot1) at 0 like a user partition. Boot-area
	 * partitions are not placed by the table, so they cannot disagree with it. */
	for (size_t i = 0; i < d.count;) {
		const struct mtkfw_partition *p = mtkfw_layout_find(l, d.items[i].name);

		if (p && (p->area == MTKFW_AREA_BOOT1 || p->area == MTKFW_AREA_BOOT2)) {
			free(d.items[i].name);
			free(d.items[i].message);
			memmove(&d.items[i], &d.items[i + 1], (d.count - i - 1) * sizeof(d.items[0]));
			d.count--;
		} else {
			i++;
		}
	}
	/* A new layout may move the identity, never make it smaller than what is there now: the
	 * backup would not fit back. Known before anything is written. */
	for (size_t i = 0; !rc && plan->mode != MTKFW_FLASH_DOWNLOAD && i < ph->table->count; i++) {
		const struct mtkfw_partition *old = &ph->table->parts[i], *nw;

		if (!mtkfw_is_identity_partition(old->name) || !(nw = mtkfw_layout_find(l, old->name)) ||
		    !old->has_size || !nw->has_size || nw->size >= old->size)
			continue;
		rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "identity-shrinks", old->name,
					"the package makes %s 0x%llx bytes, the phone's holds 0x%llx: its identity "
					"would not fit back after the flash", old->name, (unsigned long long)nw->size,
					(unsigned long long)old->size);
		refuse(plan, "identity-shrinks", MTKFW_REMEDY_KEEP_SIZES, NULL);
	}
	if (rc) {
		mtkfw_layout_diffs_clear(&d);
		return rc;
	}
	if (d.count) {
		plan->layout_changed = true;
		if (plan->mode == MTKFW_FLASH_DOWNLOAD) {
			rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "layout-changed", d.items[0].name,
						"PMT changed: the package lays partitions out differently from the phone "
						"(%s: %s%s); a download keeps the phone's table, so partitions would be "
						"written where the phone does not look for them; use --mode upgrade (or "
						"format-all) to rewrite the table", d.items[0].name, d.items[0].message,
						d.count > 1 ? ", and more" : "");
			refuse(plan, "layout-changed", MTKFW_REMEDY_MODE_UPGRADE, NULL);
		} else {
			rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_INFO, "layout-changed", d.items[0].name,
						"PMT changed (%s: %s%s): the PMT, MBR and EBR are rewritten from the "
						"scatter and the identity partitions moved with it",
						d.items[0].name, d.items[0].message, d.count > 1 ? ", and more" : "");
		}
	}
	mtkfw_layout_diffs_clear(&d);
	return rc;
}

static int plan_erase(mtkfw_flash_plan *plan, const char *name, int area, uint64_t off, uint64_t len)
{
	struct mtkfw_flash_step *st;
	int rc = add_step(plan, &st);

	if (rc)
		return rc;
	st->kind = MTKFW_STEP_ERASE;
	snprintf(st->name, sizeof(st->name), "%s", name);
	st->area = area;
	st->offset = off;
	st->length = len;
	return 0;
}

static int plan_file(mtkfw_flash_plan *plan, const struct mtkfw_partition *p, const struct mtkfw_package_file *pf,
		     const struct mtkfw_flash_phone *ph, bool erased, uint8_t *boot1, size_t boot1_len,
		     const struct image_pass *ip)
{
	struct mtkfw_flash_step *st;
	uint64_t size = pf->size, area_size = p->area == MTKFW_AREA_BOOT1 ? ph->boot1_size : ph->user_size, end;
	int rc;

	if (pf->sniff.kind == MTKFW_KIND_SPARSE) {
		mtkfw_sparse *s;

		if ((rc = mtkfw_sparse_open_headers(&s, pf->path)))
			return rc;
		size = mtkfw_sparse_raw_size(s);
		mtkfw_sparse_free(s);
	}
	if (boot1)
		size = boot1_len;
	if (p->has_size && p->size && !p->end_relative && size > p->size && !boot1) {
		if (!mtkfw_findings_find(&plan->findings, "image-too-big", p->name)) {
			rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "image-too-big", p->name,
						"%s is %llu bytes, the partition only %llu", pf->name,
						(unsigned long long)size, (unsigned long long)p->size);
			refuse(plan, "image-too-big", MTKFW_REMEDY_SKIP, p->name);
			if (rc)
				return rc;
		}
		free(boot1);
		return 0;
	}
	if (!p->has_start || (p->area != MTKFW_AREA_USER && p->area != MTKFW_AREA_BOOT1) ||
	    !add_ok(p->start, (size + 511) & ~(uint64_t)511, &end) || end > area_size) {
		free(boot1);
		rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "image-too-big", p->name,
					"%s does not fit the phone: %s at 0x%llx + %llu bytes, the %s area has %llu",
					pf->name, p->name, (unsigned long long)p->start, (unsigned long long)size,
					mtkfw_area_name(p->area), (unsigned long long)area_size);
		refuse(plan, "image-too-big", MTKFW_REMEDY_SKIP, p->name);
		return rc;
	}
	if ((rc = add_step(plan, &st))) {
		free(boot1);
		return rc;
	}
	st->kind = MTKFW_STEP_WRITE;
	snprintf(st->name, sizeof(st->name), "%s", p->name);
	st->area = p->area;
	st->offset = p->start;
	st->length = (size + 511) & ~(uint64_t)511;
	st->file_size = pf->size;
	st->sparse = pf->sniff.kind == MTKFW_KIND_SPARSE;
	st->erased = erased;
	if (boot1) {
		st->boot1_wrap = true;
		st->data = boot1;
		st->data_len = boot1_len;
	}
	if (!(st->path = mtkfw_strdup(pf->path)))
		return MTKFW_ERR_NOMEM;
	if ((rc = step_digest(st, ip)))
		return mtkfw_seterr_prefix(pf->name);
	return mtkfwi_flash_step_payload(st, &st->payload);
}

/* A new PMT built from the scatter, where the phone keeps it. */
static int plan_pmt(mtkfw_flash_plan *plan, const mtkfw_layout *l, const struct mtkfw_flash_phone *ph)
{
	struct mtkfw_flash_step *st;
	uint8_t *region;
	int rc;

	if (ph->user_size < 2 * PMT_FROM_END)
		return 0;
	if (!(region = calloc(1, MTKFW_PMT_REGION_SIZE)))
		return mtkfw_nomem();
	if ((rc = mtkfw_pmt_build(l, region, MTKFW_PMT_REGION_SIZE)) || (rc = add_step(plan, &st))) {
		free(region);
		return rc;
	}
	st->kind = MTKFW_STEP_WRITE;
	snprintf(st->name, sizeof(st->name), "PMT");
	st->area = MTKFW_AREA_USER;
	st->offset = ph->user_size - PMT_FROM_END;
	st->length = MTKFW_PMT_REGION_SIZE;
	st->data = region;
	st->data_len = MTKFW_PMT_REGION_SIZE;
	st->payload = MTKFW_PMT_REGION_SIZE;
	return step_digest(st, NULL);
}

int mtkfw_flash_plan_build(mtkfw_flash_plan **out, const mtkfw_package *pkg, const struct mtkfw_flash_phone *ph,
			   const struct mtkfw_flash_opts *opts, mtkfw_ctx *ctx)
{
	const mtkfw_layout *l;
	mtkfw_flash_plan *plan;
	mtkfw_findings chk = { 0 };
	struct image_pass ip = { 0 };
	bool *sel = NULL;
	char real[PATH_MAX];
	int rc;

	if (!out || !pkg || !ph || !opts || opts->version != 1 || opts->mode < 0 || opts->mode > 2)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "flash plan: bad arguments");
	*out = NULL;
	l = pkg->layout;
	if ((rc = list_known(l, opts->only, "--only")) || (rc = list_known(l, opts->skip, "--skip")))
		return rc;
	if (!(plan = calloc(1, sizeof(*plan))))
		return mtkfw_nomem();
	plan->mode = opts->mode;
	plan->change.mode = -1;
	memcpy(plan->cid, ph->cid, 16);
	plan->package = mtkfw_strdup(realpath(pkg->dir, real) ? real : pkg->dir);
	if (!plan->package || !(sel = calloc(l->count ? l->count : 1, sizeof(*sel)))) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	mtkfwi_flash_select(pkg, opts, sel);
	/* The images written are hashed in the check's Checksum.ini read (image_pass.h), as
	 * their steps will write them: one read of each before the first write, not two. */
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		const struct mtkfw_package_file *pf = &pkg->files[i];
		bool erased = (plan->mode == MTKFW_FLASH_FORMAT_ALL && p->area == MTKFW_AREA_USER) || erase_first(p, pf, ph);
		int how = pf->sniff.kind != MTKFW_KIND_SPARSE ? IMAGE_PASS_FILE
			  : erased			       ? IMAGE_PASS_SPARSE_DATA
							       : IMAGE_PASS_SPARSE_FULL;

		if (sel[i] && pf->path && (rc = mtkfwi_image_pass_want(&ip, pf->path, how)))
			goto out;
	}
	/* No progress for the package check: what it reads, the plan would read anyway. */
	if ((rc = mtkfwi_check_package_pass(&chk, pkg->scatter_path, NULL, &ip)) || (rc = import_check(plan, &chk, sel, l)))
		goto out;
	if (ph->chip && l->platform && strcasecmp(ph->chip, l->platform)) {
		if ((rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "platform-mismatch", NULL,
					     "the package is for %s, the phone is an %s", l->platform, ph->chip)))
			goto out;
		refuse(plan, "platform-mismatch", MTKFW_REMEDY_OTHER_CHIP, NULL);
	}
	if ((rc = check_layout(plan, l, ph)))
		goto out;
	/* compat's display, touch and camera rules, on the lk and kernel written against the phone's. */
	if ((rc = mtkfwi_flash_check_parts(plan, pkg, sel, ph->parts)))
		goto out;
	/* A rewritten PMT (or an erased eMMC) needs the package's MBR and EBRs with it, or the
	 * kernel would mount file systems where the new table has moved them. */
	for (size_t i = 0; (plan->layout_changed || plan->mode == MTKFW_FLASH_FORMAT_ALL) &&
			   plan->mode != MTKFW_FLASH_DOWNLOAD && i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];

		if (!p->name || sel[i] || (strcasecmp(p->name, "MBR") && strncasecmp(p->name, "EBR", 3)))
			continue;
		if ((rc = mtkfw_findings_add(&plan->findings, MTKFW_SEV_ERROR, "table-skipped", p->name,
					     "%s is not written, but this flash %s: the phone's MBR/EBR would no "
					     "longer match its PMT", p->name,
					     plan->mode == MTKFW_FLASH_FORMAT_ALL ? "erases the eMMC" : "rewrites the PMT")))
			goto out;
		refuse(plan, "table-skipped", MTKFW_REMEDY_WRITE_TOO, p->name);
	}
	if (plan->mode == MTKFW_FLASH_FORMAT_ALL &&
	    (rc = plan_erase(plan, "ALL", MTKFW_AREA_USER, 0, ph->user_size)))
		goto out;
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		const struct mtkfw_package_file *pf = &pkg->files[i];
		uint8_t *pl = NULL, *boot1 = NULL;
		size_t pl_len = 0, boot1_len = 0;
		bool erased = plan->mode == MTKFW_FLASH_FORMAT_ALL && p->area == MTKFW_AREA_USER;

		if (!sel[i])
			continue;
		if (mtkfw_partition_kind(p->name, NULL) == MTKFW_KIND_PRELOADER &&
		    (pf->sniff.kind == MTKFW_KIND_PRELOADER || pf->sniff.kind == MTKFW_KIND_BOOT1)) {
			if ((rc = check_preloader(plan, p, pf, ph, &pl, &pl_len)))
				goto out;
			/* The boot ROM looks for EMMC_BOOT/BRLYT at the start of boot1, never a bare GFH;
			 * a boot1 readback already has them and goes as it is. */
			if (pf->sniff.kind == MTKFW_KIND_PRELOADER)
				rc = mtkfw_boot1_wrap(&boot1, &boot1_len, pl, pl_len, 0);
			free(pl);
			if (rc)
				goto out;
		}
		/* A sparse image's range is erased first, so its DONT_CARE blocks need no writing. */
		if (!erased && erase_first(p, pf, ph)) {
			if ((rc = plan_erase(plan, p->name, p->area, p->start, p->size)))
				goto out;
			erased = true;
		}
		if ((rc = plan_file(plan, p, pf, ph, erased, boot1, boot1_len, &ip)))
			goto out;
	}
	if ((plan->layout_changed || plan->mode == MTKFW_FLASH_FORMAT_ALL) && plan->mode != MTKFW_FLASH_DOWNLOAD &&
	    (rc = plan_pmt(plan, l, ph)))
		goto out;
	/* After a format, or when the identity moves with a new layout, it is put back. */
	if (plan->mode == MTKFW_FLASH_FORMAT_ALL || (plan->mode == MTKFW_FLASH_UPGRADE && plan->layout_changed)) {
		struct mtkfw_flash_step *st;

		if ((rc = add_step(plan, &st)))
			goto out;
		st->kind = MTKFW_STEP_RESTORE;
		snprintf(st->name, sizeof(st->name), "IDENTITY");
		st->area = MTKFW_AREA_USER;
	}
	for (size_t i = 0; i < plan->count; i++)
		plan->total_bytes += plan->steps[i].payload;
	rc = mtkfwi_flash_change_finish(plan, opts);
out:
	mtkfw_findings_clear(&chk);
	mtkfwi_image_pass_free(&ip);
	free(sel);
	if (rc) {
		mtkfw_flash_plan_free(plan);
		return rc;
	}
	*out = plan;
	return 0;
}

void mtkfw_flash_plan_free(mtkfw_flash_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->count; i++) {
		free(plan->steps[i].path);
		free(plan->steps[i].data);
	}
	free(plan->steps);
	mtkfw_findings_clear(&plan->findings);
	free(plan->change.skip);
	free(plan->change.only);
	free(plan->package);
	free(plan);
}
