/*
 * mtkfw compat: the classic ways a cross-flash fails (anchors-formats.md §C.2/§C.3), each a
 * function that compares the firmware with the target and says how bad it is, why (evidence
 * from both sides) and what a technician does about it. The table at the bottom is the order
 * risks are reported in; the verdict is the worst level (contracts.md).
 */
#include "core/file.h"
#include "core/internal.h"
#include "analysis/compat_internal.h"

#include <mtkfw/compat.h>
#include <mtkfw/package.h>

#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

struct ctx {
	const struct mtkfw_target *fw, *ph; /* NULL when only the part rules run (mtkfwi_compat_part_risks) */
	/* What the part rules (display, touch, camera) read: the two profiles and the panel the
	 * phone's cmdline names. */
	const struct mtkfw_profile *fwp, *php;
	const char *lcm;
	bool no_system; /* what is flashed writes no system: the phone keeps its modem */
	struct mtkfw_risk *all; /* the risks so far (identity looks at layout's) */
	struct mtkfw_risk *r;   /* the one being decided */
};

static int say(struct mtkfw_risk *r, int level, const char *remedy, const char *fmt, ...) MTKFW_PRINTF(4, 5);

static int say(struct mtkfw_risk *r, int level, const char *remedy, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r->level = level;
	r->evidence = mtkfw_strdup(buf);
	r->remedy = remedy && level != MTKFW_RISK_OK ? mtkfw_strdup(remedy) : NULL;
	if (!r->evidence || (remedy && level != MTKFW_RISK_OK && !r->remedy))
		return mtkfw_nomem();
	return 0;
}

/* ---- dram: the 4032 predictor ---------------------------------------------------------- */

static void hex(char *out, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	out[2 * n] = '\0';
}

static const mtkfw_layout *scatter_of(const struct mtkfw_target *t)
{
	return t->profile.has_layout ? t->profile.layout : NULL;
}

static const struct mtkfw_emi *emi_of(const struct mtkfw_target *t)
{
	const struct mtkfw_preloader *pl = &t->profile.preloader;

	return t->profile.has_preloader && pl->has_emi && pl->emi.layout != MTKFW_EMI_LAYOUT_UNKNOWN ? &pl->emi : NULL;
}

static bool emi_has_id(const struct mtkfw_emi *emi, const struct mtkfw_emi_entry *e)
{
	for (uint32_t i = 0; i < emi->count; i++)
		if (emi->entries[i].id_length == e->id_length && memcmp(emi->entries[i].id, e->id, e->id_length) == 0)
			return true;
	return false;
}

static int risk_dram(struct ctx *c)
{
	static const char keep[] = "keep the phone's preloader (untick PRELOADER), or take a preloader whose EMI "
				   "table lists the phone's eMMC";
	const struct mtkfw_emi *fe = emi_of(c->fw), *pe = emi_of(c->ph);
	const char *fwname = c->fw->profile.source.preloader ? c->fw->profile.source.preloader : "the preloader";

	if (!c->fw->profile.has_preloader)
		return say(c->r, MTKFW_RISK_OK, NULL, "the firmware has no preloader: the phone keeps its own");
	if (!fe)
		return say(c->r, MTKFW_RISK_UNKNOWN, keep, "%s: no EMI table mtkfw can read", fwname);
	if (c->ph->has_cid) {
		struct mtkfw_emi_match m;
		char cid[33];
		const char *maker = mtkfw_emmc_maker(c->ph->cid[0]);

		hex(cid, c->ph->cid, 16);
		mtkfw_emi_match_cid(&m, fe, c->ph->cid);
		if (m.index >= 0)
			return say(c->r, MTKFW_RISK_OK, NULL, "eMMC CID %s (%s) matches entry %d (%s %s) of %s's EMI table%s",
				   cid, maker ? maker : "unknown maker", m.index,
				   fe->entries[m.index].maker ? fe->entries[m.index].maker : "?",
				   fe->entries[m.index].product, fwname, m.word_reversed ? " (word-reversed order)" : "");
		return say(c->r, MTKFW_RISK_UNSAFE, keep,
			   "eMMC CID %s (%s) is not in %s's EMI table (%u %s): flashing it gives 4032 "
			   "(S_FT_ENABLE_DRAM_FAIL) or a phone that no longer boots",
			   cid, maker ? maker : "unknown maker", fwname, fe->count, mtkfw_plural(fe->count, "entry", "entries"));
	}
	if (pe) {
		/* Without the CID, the phone's own preloader says which chips its board was built with:
		 * the phone has one of them, and the firmware's table must hold that one. */
		uint32_t in = 0, listed = 0, first_missing = UINT32_MAX;

		for (uint32_t i = 0; i < pe->count; i++) {
			if (!pe->entries[i].id_length)
				continue;
			listed++;
			if (emi_has_id(fe, &pe->entries[i]))
				in++;
			else if (first_missing == UINT32_MAX)
				first_missing = i;
		}
		if (first_missing == UINT32_MAX && in)
			return in == 1 ? say(c->r, MTKFW_RISK_OK, NULL,
					     "the one eMMC the phone's own preloader lists is in %s's EMI table too", fwname)
				       : say(c->r, MTKFW_RISK_OK, NULL,
					     "all %u eMMC chips the phone's own preloader lists are in %s's EMI table too", in,
					     fwname);
		if (first_missing != UINT32_MAX) {
			const struct mtkfw_emi_entry *e = &pe->entries[first_missing];
			uint32_t missing = listed - in;
			const char *product = e->product;
			char id[2 * MTKFW_EMI_ID_MAX + 1], chip[160], more[40] = "";

			hex(id, e->id, e->id_length <= MTKFW_EMI_ID_MAX ? e->id_length : MTKFW_EMI_ID_MAX);
			while (*product == ' ')
				product++; /* some tables pad the name in front */
			snprintf(chip, sizeof(chip), "%s %s %s", id, e->maker ? e->maker : "?", product);
			if (missing > 1)
				snprintf(more, sizeof(more), " and %u more", missing - 1);
			if (!in)
				return listed == 1
					       ? say(c->r, MTKFW_RISK_UNSAFE, keep,
						     "the one eMMC the phone's own preloader lists (%s) is not in %s's EMI table "
						     "(%u %s): flashing it gives 4032 or a dead phone",
						     chip, fwname, fe->count, mtkfw_plural(fe->count, "entry", "entries"))
					       : say(c->r, MTKFW_RISK_UNSAFE, keep,
						     "none of the %u eMMC chips the phone's own preloader lists is in %s's EMI "
						     "table (%u %s; %s%s missing): flashing it gives 4032 or a dead phone",
						     listed, fwname, fe->count, mtkfw_plural(fe->count, "entry", "entries"), chip,
						     more);
			return say(c->r, MTKFW_RISK_RISKY, keep,
				   "%u of the %u eMMC chips the phone's own preloader lists %s in %s's EMI table; %s%s %s "
				   "not: without the phone's CID it is unknown which of them the phone has (read it with "
				   "mtkfw device info)",
				   in, listed, mtkfw_plural(in, "is", "are"), fwname, chip, more,
				   mtkfw_plural(missing, "is", "are"));
		}
	}
	return say(c->r, MTKFW_RISK_UNKNOWN, keep,
		   "the target has neither an eMMC CID nor a preloader EMI table to check %s's table against", fwname);
}

/* ---- driver lists: display, touch, camera ------------------------------------------------ */

/* The length of a driver name without the "_lcm_drv" an lk may keep on it (the struct's
 * symbol), where a kernel lists the bare panel name: one panel is one name on both sides. */
static size_t driver_len(const char *s)
{
	static const char sfx[] = "_lcm_drv";
	size_t n = strlen(s), k = sizeof(sfx) - 1;

	return n > k && strcasecmp(s + n - k, sfx) == 0 ? n - k : n;
}

static bool names_have(const struct mtkfw_names *n, const char *name)
{
	size_t k = driver_len(name);

	for (size_t i = 0; i < n->count; i++)
		if (driver_len(n->names[i]) == k && strncasecmp(n->names[i], name, k) == 0)
			return true;
	return false;
}

/* How many of `want` are in `have`; the first one missing in *missing. */
static size_t overlap(const struct mtkfw_names *want, const struct mtkfw_names *have, const char **missing)
{
	size_t in = 0;

	*missing = NULL;
	for (size_t i = 0; i < want->count; i++) {
		if (names_have(have, want->names[i]))
			in++;
		else if (!*missing)
			*missing = want->names[i];
	}
	return in;
}

static void join(char *buf, size_t n, const struct mtkfw_names *l)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->count && used + 4 < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", l->names[i]);
	if (!l->count)
		snprintf(buf, n, "none");
}

static int risk_display(struct ctx *c)
{
	static const char port[] = "keep lk and the kernel (boot) from the phone: port the firmware onto the phone's "
				   "lk and zImage (mtkfw unpack/repack), or flash neither";
	const struct mtkfw_profile *f = c->fwp, *p = c->php;
	/* A list with no names is our extractor not finding them (every real lk has a panel),
	 * not a firmware without panels: it does not count as evidence either way. */
	const struct mtkfw_names *lists[2] = { f->has_lk && f->lk_lcm.count ? &f->lk_lcm : NULL,
					       f->has_kernel && f->kernel.lcm.count ? &f->kernel.lcm : NULL };
	static const char *const where[2] = { "lk", "kernel" };
	const struct mtkfw_names *want = NULL;
	const char *from;
	char have[512], wbuf[512];
	int level = MTKFW_RISK_OK;
	char ev[1024] = "";
	size_t used = 0;

	if (!f->has_lk && !f->has_kernel)
		return say(c->r, MTKFW_RISK_OK, NULL, "the firmware flashes neither lk nor a kernel: the phone keeps its own");
	if (!lists[0] && !lists[1])
		return say(c->r, MTKFW_RISK_UNKNOWN, port, "no LCM driver names found in the firmware's lk or kernel");
	if (c->lcm) {
		for (int i = 0; i < 2; i++) {
			if (!lists[i])
				continue;
			join(have, sizeof(have), lists[i]);
			if (!names_have(lists[i], c->lcm)) {
				level = MTKFW_RISK_UNSAFE;
				used += (size_t)snprintf(ev + used, sizeof(ev) - used, "%sfirmware %s lacks the phone's panel %s (it has %s)",
							 used ? "; " : "", where[i], c->lcm, have);
			} else {
				used += (size_t)snprintf(ev + used, sizeof(ev) - used, "%sfirmware %s has the phone's panel %s",
							 used ? "; " : "", where[i], c->lcm);
			}
			if (used >= sizeof(ev))
				used = sizeof(ev) - 1;
		}
		return say(c->r, level, port, "%s%s", ev, level ? ": black or white screen after flashing" : "");
	}
	if (p->has_lk && p->lk_lcm.count) {
		want = &p->lk_lcm;
		from = "the phone's lk";
	} else if (p->has_kernel && p->kernel.lcm.count) {
		want = &p->kernel.lcm;
		from = "the phone's kernel";
	} else {
		return say(c->r, MTKFW_RISK_UNKNOWN, port,
			   "the target has no lk, kernel or lcm= cmdline naming its panel");
	}
	join(wbuf, sizeof(wbuf), want);
	for (int i = 0; i < 2; i++) {
		const char *missing;
		size_t in;
		int lv;

		if (!lists[i])
			continue;
		in = overlap(want, lists[i], &missing);
		join(have, sizeof(have), lists[i]);
		/* The phone's panel is one of its list: all known here is fine, none is a black screen,
		 * some is a coin toss until lcm= on the phone's cmdline tells which. */
		lv = in == want->count ? MTKFW_RISK_OK : in == 0 ? MTKFW_RISK_UNSAFE : MTKFW_RISK_RISKY;
		if (lv > level)
			level = lv;
		used += (size_t)snprintf(ev + used, sizeof(ev) - used, "%sfirmware %s has %s", used ? "; " : "", where[i], have);
		if (used >= sizeof(ev))
			used = sizeof(ev) - 1;
	}
	return say(c->r, level, port, "%s: %s; %s%s", from, wbuf, ev,
		   level == MTKFW_RISK_UNSAFE   ? ": none of the phone's panels, black or white screen after flashing"
		   : level == MTKFW_RISK_RISKY ? ": only some of the phone's panels"
					       : "");
}

static int risk_driver(struct ctx *c, const char *what, const struct mtkfw_names *fwl, const struct mtkfw_names *phl,
		       const char *remedy)
{
	char have[512], want[512];
	const char *missing;
	size_t in;

	if (!c->fwp->has_kernel)
		return say(c->r, MTKFW_RISK_OK, NULL, "the firmware flashes no kernel: the phone keeps its own %s drivers",
			   what);
	if (!c->php->has_kernel)
		return say(c->r, MTKFW_RISK_UNKNOWN, remedy, "the target has no kernel to read its %s drivers from", what);
	join(have, sizeof(have), fwl);
	join(want, sizeof(want), phl);
	if (!phl->count)
		return say(c->r, MTKFW_RISK_OK, NULL, "the phone's kernel lists no %s driver mtkfw knows; firmware has %s",
			   what, have);
	in = overlap(phl, fwl, &missing);
	if (in == phl->count)
		return say(c->r, MTKFW_RISK_OK, NULL, "every %s driver of the phone's kernel (%s) is in the firmware's", what,
			   want);
	return say(c->r, MTKFW_RISK_RISKY, remedy, "the phone's kernel has %s drivers %s; the firmware's has %s (%s missing)",
		   what, want, have, missing);
}

static int risk_touch(struct ctx *c)
{
	return risk_driver(c, "touch", &c->fwp->kernel.touch, &c->php->kernel.touch,
			   "keep the phone's kernel (port it into the firmware's boot.img) so touch keeps working");
}

static int risk_camera(struct ctx *c)
{
	return risk_driver(c, "camera", &c->fwp->kernel.camera, &c->php->kernel.camera,
			   "keep the phone's kernel (port it into the firmware's boot.img) for the camera sensors");
}

static const char *table_kind(const mtkfw_layout *l)
{
	switch (l->format) {
	case MTKFW_LAYOUT_MBR: return "MBR/EBR";
	case MTKFW_LAYOUT_PMT: return "PMT";
	case MTKFW_LAYOUT_DUMCHAR: return "dumchar_info";
	default: return "scatter";
	}
}

/* ---- layout: 8038 and 5069 ----------------------------------------------------------------- */

/* Image files bigger than the partition the scatter gives them: SP Flash Tool's 5069. The
 * package module finds each file by the scatter's name or, failing that, by content. */
static int too_big(const struct mtkfw_target *fw, char *buf, size_t n)
{
	mtkfw_package *pkg = NULL;
	int found = 0;

	buf[0] = '\0';
	if (!scatter_of(fw) || !fw->path || mtkfw_package_open(&pkg, fw->path) != 0)
		return 0; /* a saved profile, or a part alone: no files to measure */
	for (size_t i = 0; i < pkg->layout->count && !found; i++) {
		const struct mtkfw_partition *p = &pkg->layout->parts[i];
		const struct mtkfw_package_file *f = &pkg->files[i];

		if (!p->download || !p->has_size || !p->size || !f->path || f->size <= p->size)
			continue;
		snprintf(buf, n, "%s is %llu bytes, more than partition %s's %llu", f->name ? f->name : "?",
			 (unsigned long long)f->size, p->name ? p->name : "?", (unsigned long long)p->size);
		found = 1;
	}
	mtkfw_package_free(pkg);
	return found;
}

static int risk_layout(struct ctx *c)
{
	static const char upgrade[] = "back up the phone's identity (mtkfw device backup: NVRAM, PRO_INFO, PROTECT_F/S), "
				      "then use Firmware Upgrade (or Format All + Download); or regenerate the scatter "
				      "from the phone's table";
	const mtkfw_layout *ref = scatter_of(c->fw);
	/* A phone's own table is the truth; for a package the scatter is what gets flashed. */
	const mtkfw_layout *tab = c->ph->table && (c->ph->readback || !scatter_of(c->ph)) ? c->ph->table : scatter_of(c->ph);
	struct mtkfw_layout_diffs d;
	char big[512];
	int rc, b = too_big(c->fw, big, sizeof(big));

	if (b < 0)
		return b;
	if (b)
		return say(c->r, MTKFW_RISK_UNSAFE, "take an image that fits, or a scatter whose partition is large enough",
			   "%s: the download stops with 5069 (S_DL_PMT_ERR_NO_SPACE)", big);
	if (!ref)
		return say(c->r, MTKFW_RISK_OK, NULL, "the firmware has no scatter: it cannot repartition the phone");
	if (c->ph->user_size) {
		/* A partition that starts past the end of the phone's eMMC cannot be written. */
		for (size_t i = 0; i < ref->count; i++) {
			const struct mtkfw_partition *p = &ref->parts[i];

			if (p->area == MTKFW_AREA_USER && p->has_start && !p->end_relative && p->start >= c->ph->user_size)
				return say(c->r, MTKFW_RISK_UNSAFE, "take firmware made for the phone's eMMC size",
					   "%s starts at user 0x%llx, past the end of the phone's %llu-byte user area: "
					   "5069 (S_DL_PMT_ERR_NO_SPACE)",
					   p->name ? p->name : "a partition", (unsigned long long)p->start,
					   (unsigned long long)c->ph->user_size);
		}
	}
	if (!tab)
		return say(c->r, MTKFW_RISK_UNKNOWN, upgrade,
			   "the target has no partition table (MBR/EBR, PMT or scatter) to compare with %s",
			   c->fw->profile.source.scatter ? c->fw->profile.source.scatter : "the scatter");
	if (tab == ref)
		return say(c->r, MTKFW_RISK_OK, NULL, "same layout");
	/* A PMT comes decoded from mtkfw_pmt_parse: one addressing for every table. */
	rc = mtkfw_layout_compare(&d, ref, tab);
	if (rc)
		return rc;
	if (!d.count) {
		rc = say(c->r, MTKFW_RISK_OK, NULL, "the target's %s agrees with the firmware's scatter (MBR_START 0x%llx)",
			 table_kind(tab), (unsigned long long)ref->mbr_start);
	} else {
		rc = say(c->r, MTKFW_RISK_RISKY, upgrade,
			 "%zu difference%s between the target's %s and the firmware's scatter (MBR_START 0x%llx), first: "
			 "%s: Download stops with 8038 (PMT changed for the ROM)",
			 d.count, d.count == 1 ? "" : "s", table_kind(tab),
			 (unsigned long long)ref->mbr_start, d.items[0].message);
	}
	mtkfw_layout_diffs_clear(&d);
	return rc;
}

/* ---- storage, platform, kernel generation ----------------------------------------------- */

static int same_or_not(struct ctx *c, const char *what, const char *a, const char *b, int bad_level,
		       const char *remedy, const char *consequence)
{
	if (!a || !b)
		return say(c->r, MTKFW_RISK_UNKNOWN, remedy, "%s: firmware %s, target %s", what, a ? a : "unknown",
			   b ? b : "unknown");
	if (strcasecmp(a, b) == 0)
		return say(c->r, MTKFW_RISK_OK, NULL, "%s: both %s", what, a);
	return say(c->r, bad_level, remedy, "%s: firmware %s, target %s: %s", what, a, b, consequence);
}

static int risk_storage(struct ctx *c)
{
	return same_or_not(c, "storage", c->fw->profile.storage, c->ph->profile.storage, MTKFW_RISK_UNSAFE,
			   "take firmware built for the phone's storage type",
			   "SP Flash Tool refuses with a storage error (8043), a forced flash does not boot");
}

static int risk_platform(struct ctx *c)
{
	return same_or_not(c, "platform", c->fw->profile.platform, c->ph->profile.platform, MTKFW_RISK_UNSAFE,
			   "take firmware built for the phone's SoC",
			   "8200 (the load and target are inconsistent); a forced flash does not boot");
}

/* "3.4.67" out of "Linux version 3.4.67 (...)". */
void mtkfwi_compat_kernel_short(const struct mtkfw_profile *p, char *out, size_t n)
{
	const char *v = p->has_kernel && p->kernel.version ? p->kernel.version : NULL;
	size_t k = 0;

	out[0] = '\0';
	if (!v)
		return;
	if (strncmp(v, "Linux version ", 14) == 0)
		v += 14;
	while (v[k] && v[k] != ' ' && v[k] != '-' && k + 1 < n) {
		out[k] = v[k];
		k++;
	}
	out[k] = '\0';
}

static bool flashes_system(const struct mtkfw_target *t)
{
	const mtkfw_layout *s = scatter_of(t);
	const struct mtkfw_partition *p = s ? mtkfw_layout_find(s, "ANDROID") : NULL;

	if (s && !p)
		p = mtkfw_layout_find(s, "system");
	return p && p->download && p->file;
}

static int risk_kernel(struct ctx *c)
{
	char fv[64], pv[64];

	mtkfwi_compat_kernel_short(&c->fw->profile, fv, sizeof(fv));
	mtkfwi_compat_kernel_short(&c->ph->profile, pv, sizeof(pv));
	if (!*fv || !*pv)
		return say(c->r, MTKFW_RISK_UNKNOWN, "flash boot and system from the same firmware generation",
			   "kernel: firmware %s, target %s", *fv ? fv : "unknown", *pv ? pv : "unknown");
	if (strcmp(fv, pv) == 0)
		return say(c->r, MTKFW_RISK_OK, NULL, "kernel: both Linux %s", fv);
	return say(c->r, MTKFW_RISK_RISKY,
		   "flash boot and system from the same firmware; porting the phone's kernel (for its panel) onto "
		   "this system mixes generations",
		   "kernel: firmware Linux %s, target Linux %s: a kernel of one generation with the other's "
		   "system/ramdisk bootloops%s",
		   fv, pv, flashes_system(c->fw) ? "" : " (and the firmware does not flash system)");
}

/* ---- radio: the modem build (specs/modem.md) ----------------------------------------------- */

/* "HEXING72_CWET_KK_GPRS MOLY.WR8.W1315.MD.WG.MP.V47 built 2017/09/20 22:17" */
static void modem_desc(char *buf, size_t n, const struct mtkfw_modem *m)
{
	snprintf(buf, n, "%s %s built %s", *m->project ? m->project : "(no project)", *m->verno ? m->verno : "(no verno)",
		 *m->build_time ? m->build_time : "(unknown)");
}

/* '.', '_' and case do not count: versions are written both ways in names and properties. */
static bool same_version(const char *a, const char *b)
{
	size_t i;

	for (i = 0; a[i] && b[i]; i++) {
		char x = a[i] == '_' ? '.' : a[i], y = b[i] == '_' ? '.' : b[i];

		if (x != y && !(x >= 'A' && x <= 'Z' && x + 32 == y) && !(y >= 'A' && y <= 'Z' && y + 32 == x))
			return false;
	}
	return i && !a[i] && !b[i];
}

/* Does the firmware's /etc/mddb name its own modem? 0 yes (or nothing to say), 1 it names
 * only other builds (`other` says which). */
static int mddb_mismatch(const struct mtkfw_modem *m, const char **other)
{
	bool named = false;

	*other = NULL;
	for (size_t i = 0; i < m->mddb.count; i++) {
		mtkfw_modem_naming k = mtkfw_modem_names(m, m->mddb.names[i]);

		if (k == MTKFW_MODEM_NAMES_IT)
			named = true;
		else if (k == MTKFW_MODEM_NAMES_OTHER && !*other)
			*other = m->mddb.names[i];
	}
	return *other && !named;
}

/* The firmware's modem against the phone's modem, or against the version the phone reports
 * (gsm.version.baseband: "<verno>, <build time>"). */
static int radio_versus_phone(struct ctx *c, const struct mtkfw_modem *fm, char *ev, size_t n)
{
	const struct mtkfw_profile *p = c->php;
	const struct mtkfw_modem *pm = p->has_modem ? &p->modem : NULL;
	char fd[300], pd[300];

	modem_desc(fd, sizeof(fd), fm);
	if (pm && pm->kind == MTKFW_MODEM_IMAGE) {
		modem_desc(pd, sizeof(pd), pm);
		if (strcasecmp(fm->project, pm->project) != 0) {
			snprintf(ev, n, "firmware modem %s, phone modem %s: another board's RF configuration, the radio may "
				 "not register (no or weak signal)", fd, pd);
			return MTKFW_RISK_RISKY;
		}
		if (same_version(fm->verno, pm->verno) && strcmp(fm->build_time, pm->build_time) == 0) {
			snprintf(ev, n, "same modem: %s", fd);
			return MTKFW_RISK_OK;
		}
		snprintf(ev, n, "firmware modem %s, phone modem %s: same project, another build: another band variant "
			 "of the same board?", fd, pd);
		return MTKFW_RISK_RISKY;
	}
	if (pm && pm->kind == MTKFW_MODEM_STUB) {
		snprintf(ev, n, "firmware modem %s; the phone's %s is a stub pointing to %s (a partition mtkfw did not read)", fd,
			 pm->file ? pm->file : "modem", pm->target);
		return MTKFW_RISK_UNKNOWN;
	}
	if (p->has_build && p->build.baseband && *p->build.baseband) {
		const char *bb = p->build.baseband, *comma = strchr(bb, ',');
		char ver[128], when[128] = "";

		snprintf(ver, sizeof(ver), "%.*s", (int)(comma ? (size_t)(comma - bb) : strlen(bb)), bb);
		if (comma) {
			comma++;
			while (*comma == ' ')
				comma++;
			snprintf(when, sizeof(when), "%s", comma);
		}
		if (!strchr(ver, '.') && !strchr(ver, '_')) {
			snprintf(ev, n, "firmware modem %s; the phone reports gsm.version.baseband %s, the vendor's own number, "
				 "not a modem version", fd, bb);
			return MTKFW_RISK_UNKNOWN;
		}
		if (!same_version(ver, fm->verno) && !same_version(ver, fm->custom_verno)) {
			snprintf(ev, n, "firmware modem %s; the phone reports gsm.version.baseband %s: another modem build", fd, bb);
			return MTKFW_RISK_RISKY;
		}
		if (!*when) {
			snprintf(ev, n, "firmware modem %s; the phone reports %s without the build time that tells band "
				 "variants apart", fd, bb);
			return MTKFW_RISK_UNKNOWN;
		}
		if (strcmp(when, fm->build_time) == 0) {
			snprintf(ev, n, "same modem: %s; the phone reports gsm.version.baseband %s", fd, bb);
			return MTKFW_RISK_OK;
		}
		snprintf(ev, n, "firmware modem %s; the phone reports gsm.version.baseband %s: same version, another "
			 "build: another band variant of the same board?", fd, bb);
		return MTKFW_RISK_RISKY;
	}
	snprintf(ev, n, "firmware modem %s; the phone's modem is not known (no system partition in the target, no "
		 "gsm.version.baseband)", fd);
	return MTKFW_RISK_UNKNOWN;
}

static int risk_radio(struct ctx *c)
{
	static const char keep[] = "keep the phone's modem (port it into the firmware's system)";
	static const char pair[] = "keep a modem and the /etc/mddb files of its own build together (port the phone's "
				   "modem with its mddb files, or take the mddb files of the firmware's modem)";
	const struct mtkfw_profile *f = c->fwp;
	const struct mtkfw_modem *fm = f->has_modem ? &f->modem : NULL;
	const char *other;
	char ev[1024];
	int level;

	if (c->no_system)
		return say(c->r, MTKFW_RISK_OK, NULL, "the firmware does not flash system: the phone keeps its modem");
	if (!fm)
		return say(c->r, MTKFW_RISK_UNKNOWN, keep,
			   "no modem found in the firmware (no system image, or no modem in its /etc/firmware)");
	if (fm->kind == MTKFW_MODEM_STUB)
		return say(c->r, MTKFW_RISK_UNKNOWN, keep, "the firmware's %s is a stub pointing to %s, on a partition "
			   "mtkfw did not read", fm->file ? fm->file : "modem", fm->target);
	if (fm->kind != MTKFW_MODEM_IMAGE)
		return say(c->r, MTKFW_RISK_UNKNOWN, keep, "the firmware has mddb files (%s) but no modem image",
			   fm->file ? fm->file : "?");
	level = radio_versus_phone(c, fm, ev, sizeof(ev));
	if (mddb_mismatch(fm, &other)) {
		/* The databases NVRAM is read with must be the modem's own. */
		size_t used = strlen(ev);

		snprintf(ev + used, sizeof(ev) - used, "; the firmware's /etc/mddb names another modem build (%s): NVRAM "
			 "may not load, baseband and IMEI show as unknown", other);
		return say(c->r, MTKFW_RISK_RISKY, level >= MTKFW_RISK_RISKY ? keep : pair, "%s", ev);
	}
	return say(c->r, level, keep, "%s", ev);
}

/* ---- identity: what a flash would overwrite ---------------------------------------------- */

/* Where MT6572 keeps what makes a phone itself: IMEI records, MACs and calibration live in
 * NVRAM, with copies in PROTECT_F/S; PRO_INFO holds the factory's test results. SEC_RO and
 * SECCFG are flashed with every package and hold no per-phone identity. */
static const char *const identity_parts[] = { "NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S" };

static const struct mtkfw_risk *earlier(const struct ctx *c, const char *code)
{
	for (const struct mtkfw_risk *r = c->all; r < c->r; r++)
		if (strcmp(r->code, code) == 0)
			return r;
	return NULL;
}

static int risk_identity(struct ctx *c)
{
	static const char backup[] = "back up the phone's identity first (mtkfw device backup: NVRAM, PRO_INFO, "
				     "PROTECT_F/S) and untick these partitions; never write another phone's NVRAM";
	const mtkfw_layout *s = scatter_of(c->fw);
	const struct mtkfw_risk *lay = earlier(c, "layout");
	char list[256] = "", have[160] = "";
	size_t used = 0, hused = 0;

	/* What the readback already holds: the backup a technician restores from. */
	for (size_t i = 0; i < c->ph->identity_count && hused + 48 < sizeof(have); i++) {
		const struct mtkfw_identity_check *id = &c->ph->identity[i];

		hused += (size_t)snprintf(have + hused, sizeof(have) - hused, "%s%s%s", hused ? ", " : "",
					  mtkfw_identity_kind_name((mtkfw_identity_kind)id->kind),
					  id->valid ? "" : " (damaged)");
	}
	if (!s)
		return say(c->r, MTKFW_RISK_OK, NULL, "the firmware has no scatter: no identity partition is written");
	for (size_t k = 0; k < sizeof(identity_parts) / sizeof(identity_parts[0]); k++) {
		const struct mtkfw_partition *p = mtkfw_layout_find(s, identity_parts[k]);

		if (p && p->download && p->file)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s (%s)", used ? ", " : "", p->name,
						 p->file);
		if (used >= sizeof(list))
			used = sizeof(list) - 1;
	}
	if (used)
		return say(c->r, MTKFW_RISK_RISKY, backup,
			   "the scatter downloads %s: the phone's IMEI records, MACs and calibration would be "
			   "replaced%s%s%s",
			   list, hused ? "; the readback holds " : "", have, hused ? "" : "");
	if (lay && lay->level == MTKFW_RISK_RISKY)
		return say(c->r, MTKFW_RISK_RISKY, backup,
			   "the layout differs, so only Firmware Upgrade or Format All + Download will flash it, and "
			   "both erase NVRAM, PRO_INFO and PROTECT_F/S%s%s",
			   hused ? "; the readback holds " : "", have);
	return say(c->r, MTKFW_RISK_OK, NULL, "the scatter downloads none of NVRAM, PRO_INFO, PROTECT_F/S%s%s",
		   hused ? "; the readback holds " : "", have);
}

/* ---- the table ----------------------------------------------------------------------------- */

/* `parts`: the rule reads only the two profiles, the phone's panel and whether system is
 * flashed (struct ctx), so the flash pre-flight runs it too, on what it writes and what the
 * phone runs (mtkfwi_compat_part_risks). */
static const struct {
	const char *code;
	int (*fn)(struct ctx *c);
	bool parts;
} risks[] = {
	{ "dram", risk_dram, false },         { "display", risk_display, true }, { "touch", risk_touch, true },
	{ "camera", risk_camera, true },      { "radio", risk_radio, true },     { "layout", risk_layout, false },
	{ "storage", risk_storage, false },   { "platform", risk_platform, false }, { "kernel", risk_kernel, false },
	{ "identity", risk_identity, false },
};

const char *mtkfw_risk_level_name(int level)
{
	static const char *const names[] = { "ok", "unknown", "risky", "unsafe" };

	return level >= 0 && level <= MTKFW_RISK_UNSAFE ? names[level] : "unknown";
}

const char *mtkfw_verdict_name(int verdict)
{
	return verdict == MTKFW_VERDICT_UNSAFE ? "unsafe" : verdict == MTKFW_VERDICT_RISKY ? "risky" : "safe";
}

int mtkfw_risk_level_parse(const char *word)
{
	for (int v = MTKFW_RISK_OK; word && v <= MTKFW_RISK_UNSAFE; v++) {
		const char *w = mtkfw_risk_level_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

int mtkfw_verdict_parse(const char *word)
{
	static const int verdicts[] = { MTKFW_VERDICT_SAFE, MTKFW_VERDICT_RISKY, MTKFW_VERDICT_UNSAFE };

	for (size_t i = 0; word && i < sizeof(verdicts) / sizeof(verdicts[0]); i++)
		if (!strcmp(word, mtkfw_verdict_name(verdicts[i])))
			return verdicts[i];
	return -1;
}

/* Every rule of the table (or only the part rules), in its order, then the verdict. */
static int run(struct mtkfw_compat *out, struct ctx *c, bool parts_only)
{
	size_t n = sizeof(risks) / sizeof(risks[0]);
	int worst = MTKFW_RISK_OK;

	memset(out, 0, sizeof(*out));
	out->risks = mtkfw_calloc(n, sizeof(*out->risks));
	if (!out->risks)
		return mtkfw_nomem();
	c->all = out->risks;
	for (size_t i = 0; i < n; i++) {
		int rc;

		if (parts_only && !risks[i].parts)
			continue;
		c->r = &out->risks[out->count++];
		c->r->code = risks[i].code;
		rc = risks[i].fn(c);
		if (rc) {
			mtkfw_compat_clear(out);
			return rc;
		}
		if (c->r->level > worst)
			worst = c->r->level;
	}
	out->verdict = worst == MTKFW_RISK_UNSAFE ? MTKFW_VERDICT_UNSAFE
		       : worst == MTKFW_RISK_RISKY ? MTKFW_VERDICT_RISKY
						   : MTKFW_VERDICT_SAFE;
	return 0;
}

int mtkfw_compat_check(struct mtkfw_compat *out, const struct mtkfw_target *fw, const struct mtkfw_target *phone)
{
	struct ctx c = { fw, phone, &fw->profile, &phone->profile, phone->lcm, false, NULL, NULL };

	c.no_system = scatter_of(fw) && !flashes_system(fw);
	return run(out, &c, false);
}

int mtkfwi_compat_part_risks(struct mtkfw_compat *out, const struct mtkfw_profile *fw, const struct mtkfw_profile *phone,
		      const char *phone_lcm, bool writes_system)
{
	struct ctx c = { NULL, NULL, fw, phone, phone_lcm, !writes_system, NULL, NULL };

	return run(out, &c, true);
}

void mtkfw_compat_clear(struct mtkfw_compat *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++) {
		free(c->risks[i].evidence);
		free(c->risks[i].remedy);
	}
	free(c->risks);
	memset(c, 0, sizeof(*c));
}
