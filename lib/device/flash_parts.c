/*
 * The flash pre-flight's part rules. The lk (UBOOT) and the kernel (BOOTIMG) a flash writes
 * carry the display, touch and camera drivers, and system (ANDROID) the modem; the phone's own
 * lk, kernel and system say which ones its hardware needs. The rules themselves are compat's
 * (mtkfwi_compat_part_risks): `mtkfw compat` and `mtkfw device flash` run one rule set and cannot
 * disagree. This file reads the two sides — the package's files, the phone's partitions through
 * the DA before anything is written — and turns each risk into a pre-flight finding: an unsafe
 * display refuses the flash; the radio is a warning at most (the phone's radio files are saved
 * with the identity before system is written, backup_modem.c).
 */
#include "device/device_internal.h"
#include "device/flash_internal.h"
#include "device/layout_read.h"
#include "device/part_fs.h"
#include "analysis/compat_internal.h"
#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/image.h>

#include <stdio.h>

/* The most of each part read: lk images are a few hundred KiB; a boot image is bounded by the
 * largest kernel accepted. */
#define LK_MAX (8u << 20)
#define BOOT_MAX MTKFW_KERNEL_MAX
/* A boot image's header fits in its first page (2 KiB, 4 KiB at most on these phones). */
#define BOOT_HEAD 4096u

enum role { ROLE_NONE, ROLE_LK, ROLE_KERNEL, ROLE_SYSTEM, ROLES };

static int role_of(const char *name)
{
	const char *volume = "";
	int k = name ? mtkfw_partition_kind(name, &volume) : MTKFW_KIND_UNKNOWN;

	return k == MTKFW_KIND_LK		  ? ROLE_LK
	       : k == MTKFW_KIND_BOOTIMG	  ? ROLE_KERNEL
	       : !strcmp(volume, "system") ? ROLE_SYSTEM
					   : ROLE_NONE;
}

/* Profile one part's bytes into `p`. A part that does not parse is a problem of the profile
 * (the rules then say "unknown"), not a failure. */
static int take(struct mtkfw_profile *p, int role, const uint8_t *buf, size_t len, const char *label)
{
	bool lk = role == ROLE_LK;
	int rc;

	if ((lk && p->has_lk) || (!lk && p->has_kernel))
		return 0; /* the first partition of the role is the one the phone boots */
	rc = lk ? mtkfw_lk_lcm(&p->lk_lcm, buf, len, label) : mtkfw_kernel_info(&p->kernel, buf, len, label);
	if (rc == MTKFW_ERR_NOMEM)
		return rc;
	if (rc)
		return mtkfwi_profile_add_problem(p, mtkfw_error_last()->message);
	if (lk)
		p->has_lk = true;
	else
		p->has_kernel = true;
	if (!(*(lk ? &p->source.lk : &p->source.kernel) = mtkfw_strdup(label)))
		return mtkfw_nomem();
	return 0;
}

/* What the plan writes of the three: the lk and kernel partitions (layout order, at most two),
 * and the system partition. */
struct written {
	const char *lk_kernel[2];
	size_t n;
	const char *system;
};

/* The package's side: the lk, kernel and system files the plan writes, profiled into `fw`. */
static int package_parts(struct mtkfw_profile *fw, const mtkfw_package *pkg, const bool *sel, struct written *w)
{
	for (size_t i = 0; i < pkg->layout->count; i++) {
		const struct mtkfw_package_file *pf = &pkg->files[i];
		int role = role_of(pkg->layout->parts[i].name);
		uint8_t *buf = NULL;
		size_t len = 0;
		int rc;

		if (!sel[i] || role == ROLE_NONE || !pf->path)
			continue;
		if (role == ROLE_SYSTEM) {
			mtkfw_ext4 *fs = NULL;

			w->system = pkg->layout->parts[i].name;
			/* build.prop and the modem, by range: a system image is never loaded. */
			if (!(rc = mtkfw_ext4_open(&fs, pf->path)))
				rc = mtkfwi_profile_take_system(fw, fs, pf->name);
			else
				mtkfw_seterr_prefix(pf->name);
			mtkfw_ext4_free(fs);
		} else {
			if (w->n < 2)
				w->lk_kernel[w->n++] = pkg->layout->parts[i].name;
			rc = mtkfw_read_file(pf->path, role == ROLE_LK ? LK_MAX : BOOT_MAX, &buf, &len);
			if (!rc)
				rc = take(fw, role, buf, len, pf->name);
		}
		if (rc && rc != MTKFW_ERR_NOMEM)
			rc = mtkfwi_profile_add_problem(fw, mtkfw_error_last()->message);
		free(buf);
		if (rc)
			return rc;
	}
	return 0;
}

/* A pre-flight severity for a compat level: unsafe refuses, ok is a note. */
static int severity(int level)
{
	return level == MTKFW_RISK_UNSAFE ? MTKFW_SEV_ERROR : level == MTKFW_RISK_OK ? MTKFW_SEV_INFO : MTKFW_SEV_WARNING;
}

int mtkfwi_flash_check_parts(mtkfw_flash_plan *plan, const mtkfw_package *pkg, const bool *sel,
		      const struct mtkfw_profile *phone)
{
	static const struct mtkfw_profile unread;
	struct mtkfw_profile fw = { 0 };
	struct mtkfw_compat c = { 0 };
	struct written w = { { NULL, NULL }, 0, NULL };
	int rc = package_parts(&fw, pkg, sel, &w);

	/* None of the three written: the phone keeps its own drivers and modem, nothing to say. */
	if (rc || (!w.n && !w.system) ||
	    (rc = mtkfwi_compat_part_risks(&c, &fw, phone ? phone : &unread, NULL, w.system != NULL))) {
		mtkfw_profile_clear(&fw);
		return rc;
	}
	for (size_t i = 0; !rc && i < c.count; i++) {
		const struct mtkfw_risk *r = &c.risks[i];
		bool radio = !strcmp(r->code, "radio");
		int sev = severity(r->level);

		/* A row about parts this flash does not write says only that the phone keeps them. */
		if (radio ? !w.system : !w.n)
			continue;
		/* The radio warns, never refuses: the phone's radio files are saved before system goes. */
		if (radio && sev == MTKFW_SEV_ERROR)
			sev = MTKFW_SEV_WARNING;
		rc = mtkfw_findings_add(&plan->findings, sev, r->code, radio ? w.system : w.lk_kernel[0], "%s%s%s%s",
					r->evidence, phone ? "" : " (the phone's partitions were not read)",
					r->remedy ? "; " : "", r->remedy ? r->remedy : "");
		if (!rc && sev == MTKFW_SEV_ERROR)
			mtkfwi_flash_refuse(plan, r->code, MTKFW_REMEDY_SKIP_OR_PORT, w.lk_kernel, w.n);
	}
	mtkfw_compat_clear(&c);
	mtkfw_profile_clear(&fw);
	return rc;
}

/* Read one partition of the phone into memory: lk whole (bounded); a boot image up to the end
 * its header gives, so only the image and not the partition's padding crosses the cable. */
static int read_part(mtkfw_device *dev, const struct mtkfw_partition *p, int role, uint8_t **out, size_t *len,
		     mtkfw_ctx *ctx)
{
	uint64_t want = p->size;
	uint8_t *buf;
	int rc;

	*out = NULL;
	if (role == ROLE_KERNEL) {
		struct mtkfw_bootimg b;
		uint8_t head[BOOT_HEAD];

		if (want < sizeof(head))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "the phone's %s: %llu bytes, too small for a boot image",
					    p->name, (unsigned long long)want);
		if ((rc = mtkfwi_device_read_mem(dev, p->area, p->start, head, sizeof(head), ctx)))
			return rc;
		if (mtkfw_bootimg_parse_header(&b, head, sizeof(head)) != 0)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "the phone's %s holds no boot image (erased or foreign?): %s",
					    p->name, mtkfw_error_last()->message);
		if (b.end < want)
			want = b.end;
	}
	if (want > (role == ROLE_LK ? LK_MAX : BOOT_MAX))
		want = role == ROLE_LK ? LK_MAX : BOOT_MAX;
	if (!(buf = malloc(want ? (size_t)want : 1)))
		return mtkfw_nomem();
	if ((rc = mtkfwi_device_read_mem(dev, p->area, p->start, buf, (size_t)want, ctx))) {
		free(buf);
		return rc;
	}
	*out = buf;
	*len = (size_t)want;
	return 0;
}

/* The phone failing ends the read; what its partitions hold is only a problem of the profile. */
static bool phone_failed(int rc)
{
	return rc == MTKFW_ERR_NOMEM || rc == MTKFW_ERR_IO || rc == MTKFW_ERR_MISMATCH || rc == MTKFW_ERR_TIMEOUT ||
	       rc == MTKFW_ERR_PROTOCOL || rc == MTKFW_ERR_DEVICE || rc == MTKFW_ERR_CANCELLED;
}

/* The modem (and build.prop) in the phone's system partition, its ext4 read through the DA. */
static int phone_system(struct mtkfw_profile *out, mtkfw_device *dev, const struct mtkfw_partition *p,
			const char *label)
{
	struct part_fs c;
	int rc = mtkfwi_part_fs_open(&c, dev, p, label);

	if (!rc)
		rc = mtkfwi_profile_take_system(out, c.fs, label);
	/* What system holds (no ext4, no modem) is a problem of the profile; the phone failing is
	 * the end. */
	if (rc && !c.failed && rc != MTKFW_ERR_NOMEM)
		rc = mtkfwi_profile_add_problem(out, mtkfw_error_last()->message);
	mtkfwi_part_fs_close(&c);
	return rc;
}

int mtkfw_flash_read_phone_parts(struct mtkfw_profile *out, mtkfw_device *dev, const mtkfw_package *pkg,
				 const struct mtkfw_flash_opts *opts, const mtkfw_layout *where, mtkfw_ctx *ctx)
{
	bool *sel, want[ROLES] = { false };
	int rc = 0;

	if (!out || !dev || !pkg || !opts || !where)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "phone parts: bad arguments");
	memset(out, 0, sizeof(*out));
	if (!(sel = mtkfw_calloc(pkg->layout->count ? pkg->layout->count : 1, sizeof(*sel))))
		return MTKFW_ERR_NOMEM;
	mtkfwi_flash_select(pkg, opts, sel);
	for (size_t i = 0; i < pkg->layout->count; i++) {
		int role = sel[i] ? role_of(pkg->layout->parts[i].name) : ROLE_NONE;

		if (role == ROLE_LK || role == ROLE_KERNEL)
			want[ROLE_LK] = want[ROLE_KERNEL] = true;
		else if (role == ROLE_SYSTEM)
			want[ROLE_SYSTEM] = true;
	}
	free(sel);
	/* The display rule prefers the phone's lk list and falls back on its kernel's; touch and
	 * camera read the kernel: both are read when either is written. The radio rule reads the
	 * modem in the phone's system when system is written. */
	for (size_t i = 0; !rc && i < where->count; i++) {
		const struct mtkfw_partition *p = &where->parts[i];
		int role = role_of(p->name);
		char label[MTKFW_PART_NAME_MAX + 16];
		uint8_t *buf = NULL;
		size_t len = 0;

		if (role == ROLE_NONE || !want[role])
			continue;
		want[role] = false;
		snprintf(label, sizeof(label), "phone:%s", p->name);
		if (!p->has_start || !p->has_size || !p->size ||
		    (p->area != MTKFW_AREA_USER && p->area != MTKFW_AREA_BOOT1)) {
			char msg[160];

			snprintf(msg, sizeof(msg), "%s: the phone's layout gives it no place to read", label);
			rc = mtkfwi_profile_add_problem(out, msg);
			continue;
		}
		if (role == ROLE_SYSTEM) {
			rc = phone_system(out, dev, p, label);
			continue;
		}
		rc = read_part(dev, p, role, &buf, &len, ctx);
		if (!rc)
			rc = take(out, role, buf, len, label);
		else if (!phone_failed(rc))
			rc = mtkfwi_profile_add_problem(out, mtkfw_error_last()->message);
		free(buf);
	}
	if (rc) {
		mtkfw_profile_clear(out);
		return mtkfw_seterr_prefix("reading the phone's lk and kernel");
	}
	return 0;
}
