/*
 * `library match`: rank the library for one phone. The hard gates (platform, storage, the
 * phone's eMMC in the package's EMI table, no failed flash on a phone with this eMMC) are
 * columns and rows of the database, so the database does the filtering and only the packages
 * that pass ever leave it; each of those is rebuilt from its stored fingerprint and judged by
 * mtkfw_compat_check — the very rules of `mtkfw compat` — and the ranking reads its risk
 * levels in the order: panel, touch and camera, radio, then the library's own
 * evidence (names, ALPS branch and kernel, layout, outcomes). Only the best `limit` are kept,
 * so memory does not grow with the library.
 */
#include "core/internal.h"
#include "catalog/catalog_internal.h"
#include "analysis/compat_internal.h"
#include "analysis/words.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

#define DEFAULT_LIMIT 10
/* One place value per criterion, so a better panel outranks anything below it. */
#define W_DISPLAY 10000000LL
#define W_DRIVERS 1000000LL
#define W_RADIO 100000LL
#define W_NAMES 10000LL
#define W_BRANCH 1000LL
#define W_LAYOUT 100LL
#define W_OUTCOME 1LL
#define GATE_PENALTY 10000000000LL
/* The query's column holding a package's best possible score (candidates_query). */
#define BOUND_COLUMN 14

struct phone {
	const struct mtkfw_target *t;
	const struct mtkfw_catalog_match_opts *o;
	bool has_cid;
	uint8_t cid[16];
	char cid_hex[33];
	char **ids;          /* the EMI ids the eMMC gate looks for */
	size_t nids;
	struct words words;
	char kernel[64];
	char branch[64];     /* ALPS.JB3.MP (the release without its .Vn) */
};

static const struct mtkfw_risk *risk(const struct mtkfw_compat *c, const char *code)
{
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->risks[i].code, code) == 0)
			return &c->risks[i];
	return NULL;
}

static int level(const struct mtkfw_compat *c, const char *code)
{
	const struct mtkfw_risk *r = risk(c, code);

	return r ? r->level : MTKFW_RISK_UNKNOWN;
}

static void branch_of(const char *release, char *out, size_t n)
{
	const char *v;
	size_t k;

	out[0] = '\0';
	if (!release || !*release)
		return;
	v = strrchr(release, '.');
	k = v && (v[1] == 'V' || v[1] == 'v') ? (size_t)(v - release) : strlen(release);
	snprintf(out, n, "%.*s", (int)k, release);
}

/* ---- the phone ---------------------------------------------------------------------------- */

static int add_hex(struct phone *ph, const char *hex)
{
	char **nn;

	for (size_t i = 0; i < ph->nids; i++)
		if (strcmp(ph->ids[i], hex) == 0)
			return 0;
	nn = mtkfw_reallocarray(ph->ids, ph->nids + 1, sizeof(*nn));
	if (!nn)
		return MTKFW_ERR_NOMEM;
	ph->ids = nn;
	if (!(nn[ph->nids] = mtkfw_strdup(hex)))
		return MTKFW_ERR_NOMEM;
	ph->nids++;
	return 0;
}

static int add_id(struct phone *ph, const uint8_t *b, size_t n)
{
	char hex[33];

	mtkfwi_cat_hex(hex, b, n);
	return add_hex(ph, hex);
}

static int phone_facts(struct phone *ph, const struct mtkfw_target *t, const struct mtkfw_catalog_match_opts *o,
		       bool clone)
{
	const struct mtkfw_profile *p = &t->profile;
	int rc = 0;

	memset(ph, 0, sizeof(*ph));
	ph->t = t;
	ph->o = o;
	if (o->has_cid) {
		ph->has_cid = true;
		memcpy(ph->cid, o->cid, 16);
	} else if (t->has_cid) {
		ph->has_cid = true;
		memcpy(ph->cid, t->cid, 16);
	}
	if (ph->has_cid) {
		char ids[CAT_CID_IDS][33];
		size_t n = mtkfwi_cat_cid_ids(ph->cid, ids);

		mtkfwi_cat_hex(ph->cid_hex, ph->cid, 16);
		for (size_t i = 0; i < n && !rc; i++)
			rc = add_hex(ph, ids[i]);
	} else if (p->has_preloader && p->preloader.has_emi && p->preloader.emi.entries) {
		/* No CID: a package that has none of the phone's own table's chips cannot set its
		 * memory up (compat's dram rule calls that unsafe). */
		for (uint32_t i = 0; i < p->preloader.emi.count && !rc; i++)
			if (p->preloader.emi.entries[i].id_length)
				rc = add_id(ph, p->preloader.emi.entries[i].id,
					    p->preloader.emi.entries[i].id_length <= 16 ? p->preloader.emi.entries[i].id_length : 16);
	}
	if (!rc && !clone) {
		rc = mtkfwi_words_profile(&ph->words, p);
	} else if (!rc) {
		/* A relabelled clone: its build.prop names another phone; its board's own names
		 * (the preloader's, the scatter's) are all that tell. */
		rc = mtkfwi_words_add(&ph->words, p->has_layout && p->layout ? p->layout->project : NULL);
		if (!rc && p->has_preloader && p->preloader.has_emi)
			rc = mtkfwi_words_add(&ph->words, p->preloader.emi.file_name);
	}
	if (!rc)
		rc = mtkfwi_words_add(&ph->words, o->board);
	mtkfwi_compat_kernel_short(p, ph->kernel, sizeof(ph->kernel));
	branch_of(p->has_build ? p->build.mtk_release : NULL, ph->branch, sizeof(ph->branch));
	return rc;
}

static void phone_free(struct phone *ph)
{
	for (size_t i = 0; i < ph->nids; i++)
		free(ph->ids[i]);
	free(ph->ids);
	mtkfwi_words_free(&ph->words);
}

/* ---- the query: gates as columns, the rest of the library never leaves the database ------- */

/* SQL text with its parameters, built together so they cannot drift apart. */
struct sqlb {
	char *s;
	size_t len, cap;
	const char **args;
	size_t nargs;
	int rc;
};

static void sql_add(struct sqlb *b, const char *text)
{
	size_t n = strlen(text);

	if (b->rc)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? 2 * b->cap : 4096) + n;
		char *ns = realloc(b->s, cap);

		if (!ns) {
			b->rc = mtkfw_nomem();
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, text, n + 1);
	b->len += n;
}

/* "?" bound to `v` (a string). */
static void sql_arg(struct sqlb *b, const char *v)
{
	const char **n;

	if (b->rc)
		return;
	if (!(n = mtkfw_reallocarray(b->args, b->nargs + 1, sizeof(*n)))) {
		b->rc = MTKFW_ERR_NOMEM;
		return;
	}
	b->args = n;
	n[b->nargs++] = v;
	sql_add(b, "?");
}

/* "?, ?, ..." for the lower-case names of a list, each once; returns how many. */
static size_t sql_names(struct sqlb *b, char **lower, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sql_add(b, ", ");
		sql_arg(b, lower[i]);
	}
	return n;
}

/* LEFT JOIN of how many of `names` each package's list of `kind` has (drivers are stored in
 * lower case), as column `alias`.have. */
static void sql_have(struct sqlb *b, const char *kind, char **names, size_t n, const char *alias)
{
	sql_add(b, " LEFT JOIN (SELECT package_id, count(DISTINCT name) AS have FROM drivers WHERE kind = ");
	sql_arg(b, kind);
	sql_add(b, " AND name IN (");
	sql_names(b, names, n);
	sql_add(b, ") GROUP BY package_id) ");
	sql_add(b, alias);
	sql_add(b, " ON ");
	sql_add(b, alias);
	sql_add(b, ".package_id = p.id");
}

/* compat's touch or camera rule can be ok (2) unless the package's kernel lacks one of the
 * phone's `n` drivers (joined as `alias`.have): then it is risky (0). */
static void sql_driver_bound(struct sqlb *b, const char *alias, size_t n)
{
	char text[160];

	if (!n) {
		sql_add(b, "2");
		return;
	}
	snprintf(text, sizeof(text), "CASE WHEN p.has_kernel <> 0 AND coalesce(%s.have, 0) < %zu THEN 0 ELSE 2 END", alias, n);
	sql_add(b, text);
}

/* The phone's names of a list, lower case, each once (malloc'd strings). */
static int lower_names(char ***out, size_t *n, const char *const *names, size_t count)
{
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		char *l = mtkfw_strdup(names[i]), **nn;
		bool dup = false;

		if (!l)
			return MTKFW_ERR_NOMEM;
		for (char *c = l; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
		for (size_t k = 0; k < *n && !dup; k++)
			dup = strcmp((*out)[k], l) == 0;
		if (dup || !(nn = mtkfw_reallocarray(*out, *n + 1, sizeof(*nn)))) {
			free(l);
			if (dup)
				continue;
			return MTKFW_ERR_NOMEM;
		}
		*out = nn;
		nn[(*n)++] = l;
	}
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The gates, each an SQL expression that is 1 when the package fails it. */
static void gate_platform(struct sqlb *b, const struct mtkfw_profile *p)
{
	if (!p->platform) {
		sql_add(b, "0");
		return;
	}
	sql_add(b, "(CASE WHEN p.platform IS NULL OR lower(p.platform) = lower(");
	sql_arg(b, p->platform);
	sql_add(b, ") THEN 0 ELSE 1 END)");
}

static void gate_storage(struct sqlb *b, const struct mtkfw_profile *p)
{
	if (!p->storage) {
		sql_add(b, "0");
		return;
	}
	sql_add(b, "(CASE WHEN p.storage IS NULL OR lower(p.storage) = lower(");
	sql_arg(b, p->storage);
	sql_add(b, ") THEN 0 ELSE 1 END)");
}

/* A package without EMI entries passes (no preloader: the phone keeps its own); `em` is the
 * join of the packages with one of the phone's ids. */
static void gate_emmc(struct sqlb *b, const struct phone *ph)
{
	sql_add(b, ph->nids ? "(CASE WHEN p.n_emi = 0 OR em.package_id IS NOT NULL THEN 0 ELSE 1 END)" : "0");
}

/* `bad`: the join of the packages that failed on a phone with this CID. */
static void gate_outcome(struct sqlb *b, const struct phone *ph)
{
	sql_add(b, ph->has_cid ? "(CASE WHEN bad.package_id IS NOT NULL THEN 1 ELSE 0 END)" : "0");
}

/* Columns: 0 id, 1 path, 2 platform, 3 project, 4 alps, 5 g_platform, 6 g_storage, 7 g_emmc,
 * 8 g_outcome, 9 successes, 10 failures, 11-13 the panel, touch and camera bounds, 14 bound (the
 * most its score can be). The fingerprints themselves are read only for the packages judged. */
static int candidates_query(struct cdb_stmt **out, struct cdb *db, const struct phone *ph, bool all)
{
	const struct mtkfw_profile *p = &ph->t->profile;
	const struct mtkfw_names *panels = NULL;
	char **want = NULL, **touch = NULL, **camera = NULL, bound[512];
	size_t nwant = 0, ntouch = 0, ncamera = 0;
	struct sqlb b = { 0 };
	int rc;

	/* The phone's panels as compat's display rule takes them: lcm=, else lk's, else the kernel's. */
	if (ph->t->lcm)
		rc = lower_names(&want, &nwant, (const char *const *)&ph->t->lcm, 1);
	else if ((panels = p->has_lk && p->lk_lcm.count ? &p->lk_lcm : p->has_kernel && p->kernel.lcm.count ? &p->kernel.lcm : NULL))
		rc = lower_names(&want, &nwant, (const char *const *)panels->names, panels->count);
	else
		rc = 0;
	if (!rc && p->has_kernel)
		rc = lower_names(&touch, &ntouch, (const char *const *)p->kernel.touch.names, p->kernel.touch.count);
	if (!rc && p->has_kernel)
		rc = lower_names(&camera, &ncamera, (const char *const *)p->kernel.camera.names, p->kernel.camera.count);
	if (rc)
		goto out;

	/* Materialized, so each subquery runs once per package (a flattened query would run the
	 * bound's parts twice); SQLite 3.35 and PostgreSQL 12 both know the word. */
	sql_add(&b, "WITH q AS MATERIALIZED (SELECT p.id, p.path, p.platform, p.project, p.alps, ");
	/* the gates */
	gate_platform(&b, p);
	sql_add(&b, " AS g_platform, ");
	gate_storage(&b, p);
	sql_add(&b, " AS g_storage, ");
	gate_emmc(&b, ph);
	sql_add(&b, " AS g_emmc, ");
	gate_outcome(&b, ph);
	sql_add(&b, " AS g_outcome, p.successes, p.failures, ");
	/* what the panel, touch and camera rules can give at best */
	if (nwant) {
		char n[24];

		snprintf(n, sizeof(n), "%zu", nwant);
		/* compat: a list with none of the phone's panels is unsafe (0), one with some of them
		 * risky (2), all of them ok (3); the worst list decides. */
		sql_add(&b, "CASE WHEN (p.n_lk > 0 AND lk.have IS NULL) OR (p.n_kernel_lcm > 0 AND kl.have IS NULL) THEN 0 "
			    "WHEN (p.n_lk > 0 AND lk.have < ");
		sql_add(&b, n);
		sql_add(&b, ") OR (p.n_kernel_lcm > 0 AND kl.have < ");
		sql_add(&b, n);
		sql_add(&b, ") THEN 2 ELSE 3 END");
	} else {
		sql_add(&b, "3");
	}
	sql_add(&b, " AS g_display, ");
	sql_driver_bound(&b, "tc", ntouch);
	sql_add(&b, " AS g_touch, ");
	sql_driver_bound(&b, "cm", ncamera);
	sql_add(&b, " AS g_camera FROM packages p");
	if (ph->nids) {
		sql_add(&b, " LEFT JOIN (SELECT DISTINCT package_id FROM emi WHERE flash_id IN (");
		sql_names(&b, ph->ids, ph->nids);
		sql_add(&b, ")) em ON em.package_id = p.id");
	}
	if (ph->has_cid) {
		sql_add(&b, " LEFT JOIN (SELECT DISTINCT package_id FROM outcomes WHERE phone_cid = ");
		sql_arg(&b, ph->cid_hex);
		sql_add(&b, " AND result <> 'booted') bad ON bad.package_id = p.id");
	}
	if (nwant) {
		sql_have(&b, "lk", want, nwant, "lk");
		sql_have(&b, "kernel", want, nwant, "kl");
	}
	if (ntouch)
		sql_have(&b, "touch", touch, ntouch, "tc");
	if (ncamera)
		sql_have(&b, "camera", camera, ncamera, "cm");
	sql_add(&b, " WHERE p.state IN ('ok', 'imported') AND p.fingerprinted <> 0");
	if (!all) {
		/* Only the packages through the gates: the rest costs the database nothing more. */
		sql_add(&b, " AND ");
		gate_platform(&b, p);
		sql_add(&b, " = 0 AND ");
		gate_storage(&b, p);
		sql_add(&b, " = 0 AND ");
		gate_emmc(&b, ph);
		sql_add(&b, " = 0 AND ");
		gate_outcome(&b, ph);
		sql_add(&b, " = 0");
	}
	snprintf(bound, sizeof(bound),
		 ") SELECT q.*, %lld * g_display + %lld * (g_touch + g_camera) + %lld + "
		 "(CASE WHEN successes > 99 THEN 99 ELSE successes END) - %lld * (g_platform + g_storage + g_emmc + g_outcome) "
		 "AS bound FROM q ORDER BY bound DESC, id",
		 W_DISPLAY, W_DRIVERS, 2 * W_RADIO + 9 * W_NAMES + 2 * W_BRANCH + W_LAYOUT, GATE_PENALTY);
	sql_add(&b, bound);
	if ((rc = b.rc) != 0)
		goto out;
	rc = mtkfwi_cdb_prepare(out, db, b.s);
	for (size_t i = 0; i < b.nargs && !rc; i++)
		rc = mtkfwi_cdb_bind_text(*out, (int)i + 1, b.args[i]);
	if (rc) {
		mtkfwi_cdb_done(*out);
		*out = NULL;
	}
out:
	free(b.s);
	free(b.args);
	free_names(want, nwant);
	free_names(touch, ntouch);
	free_names(camera, ncamera);
	return rc;
}

/* ---- one candidate ------------------------------------------------------------------------ */

static int reason(struct mtkfw_catalog_candidate *c, const char *fmt, ...) MTKFW_PRINTF(2, 3);

static int reason(struct mtkfw_catalog_candidate *c, const char *fmt, ...)
{
	char buf[512], **n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = mtkfw_reallocarray(c->reasons, c->reason_count + 1, sizeof(*n));
	if (!n)
		return MTKFW_ERR_NOMEM;
	c->reasons = n;
	if (!(n[c->reason_count] = mtkfw_strdup(buf)))
		return MTKFW_ERR_NOMEM;
	c->reason_count++;
	return 0;
}

static void candidate_clear(struct mtkfw_catalog_candidate *c)
{
	free(c->path);
	free(c->platform);
	free(c->project);
	mtkfw_compat_clear(&c->compat);
	free(c->gates_failed);
	for (size_t i = 0; i < c->reason_count; i++)
		free(c->reasons[i]);
	free(c->reasons);
	mtkfwi_cat_holders_free(c->shops, c->shop_count);
	memset(c, 0, sizeof(*c));
}

static int gate(struct mtkfw_catalog_candidate *c, const char *name)
{
	const char **n = mtkfw_reallocarray(c->gates_failed, c->gate_count + 1, sizeof(*n));

	if (!n)
		return MTKFW_ERR_NOMEM;
	c->gates_failed = n;
	n[c->gate_count++] = name;
	return 0;
}

static const char *level_word(int lv)
{
	return mtkfw_risk_level_name(lv);
}

/* The gates this row failed, in words. */
static int gate_reasons(struct mtkfw_catalog_candidate *c, struct cdb_stmt *st, const struct phone *ph,
			const struct mtkfw_target *fw)
{
	const struct mtkfw_profile *p = &ph->t->profile, *f = &fw->profile;
	int rc = 0;

	if (mtkfwi_cdb_int(st, 5)) {
		rc = gate(c, "platform");
		if (!rc)
			rc = reason(c, "gate platform: built for %s, the phone is %s", f->platform ? f->platform : "?",
				    p->platform ? p->platform : "?");
	}
	if (!rc && mtkfwi_cdb_int(st, 6)) {
		rc = gate(c, "storage");
		if (!rc)
			rc = reason(c, "gate storage: built for %s, the phone has %s", f->storage ? f->storage : "?",
				    p->storage ? p->storage : "?");
	}
	if (!rc && mtkfwi_cdb_int(st, 7)) {
		rc = gate(c, "emmc");
		if (!rc)
			rc = ph->has_cid ? reason(c, "gate emmc: the phone's eMMC %s is in none of the %u entries of its preloader's "
						    "EMI table (SP Flash Tool's 4032); it may still serve if the phone keeps its "
						    "own preloader (do not flash PRELOADER)",
						  ph->cid_hex, f->preloader.emi.count)
					 : reason(c, "gate emmc: none of the chips of the phone's own EMI table is in its "
						    "preloader's (4032); it may still serve if the phone keeps its own preloader");
	}
	if (!rc && mtkfwi_cdb_int(st, 8)) {
		rc = gate(c, "outcome");
		if (!rc)
			rc = reason(c, "gate outcome: a flash of it failed on a phone with this eMMC (%s): see library show",
				    ph->cid_hex);
	}
	c->keep_preloader = c->gate_count == 1 && strcmp(c->gates_failed[0], "emmc") == 0;
	return rc;
}

static bool names_list(const struct mtkfw_names *n, const char *name)
{
	for (size_t i = 0; i < n->count; i++)
		if (strcasecmp(n->names[i], name) == 0)
			return true;
	return false;
}

/* Score the criteria below the gates and say each in words. */
static int judge(struct mtkfw_catalog_candidate *c, struct cdb *db, const struct phone *ph,
		 const struct mtkfw_target *fw, const char *alps)
{
	const struct mtkfw_profile *f = &fw->profile;
	const struct mtkfw_compat *k = &c->compat;
	int disp = level(k, "display"), touch = level(k, "touch"), cam = level(k, "camera"), radio = level(k, "radio");
	int64_t s = 0;
	struct words words = { { 0 }, 0 };
	char shared[256], fb[64];
	size_t nshared;
	int rc = 0;

	/* 1. eMMC: say how it passed. */
	if (!c->gate_count && ph->has_cid && f->has_preloader && f->preloader.has_emi) {
		struct mtkfw_emi_match m;

		mtkfw_emi_match_cid(&m, &f->preloader.emi, ph->cid);
		if (m.index >= 0)
			rc = reason(c, "eMMC: the phone's chip is entry %d of its preloader's EMI table", m.index);
	} else if (!c->gate_count && !f->has_preloader) {
		rc = reason(c, "eMMC: it has no preloader, the phone keeps its own");
	}
	/* 2. panel: compat's display rule. */
	s += W_DISPLAY * (disp == MTKFW_RISK_OK ? 3 : disp == MTKFW_RISK_RISKY ? 2 : disp == MTKFW_RISK_UNKNOWN ? 1 : 0);
	if (!rc) {
		const char *panel = ph->t->lcm;

		if (panel && disp == MTKFW_RISK_OK)
			rc = reason(c, "panel: lk and the kernel have the phone's panel %s", panel);
		else if (panel && disp == MTKFW_RISK_UNSAFE)
			rc = reason(c, "panel: lacks the phone's panel %s (black screen)", panel);
		else
			rc = reason(c, "panel: %s (%s)", level_word(disp),
				    disp == MTKFW_RISK_OK	? "every panel of the phone's lk or kernel is in it"
				    : disp == MTKFW_RISK_RISKY	? "only some of the phone's panels"
				    : disp == MTKFW_RISK_UNSAFE ? "none of the phone's panels: black screen"
								: "one side names no panel");
	}
	/* 3. touch and camera. */
	s += W_DRIVERS * ((touch == MTKFW_RISK_OK ? 2 : touch == MTKFW_RISK_UNKNOWN ? 1 : 0) +
			  (cam == MTKFW_RISK_OK ? 2 : cam == MTKFW_RISK_UNKNOWN ? 1 : 0));
	if (!rc && (touch == MTKFW_RISK_OK || touch == MTKFW_RISK_RISKY) && ph->t->profile.kernel.touch.count) {
		const char *t0 = ph->t->profile.kernel.touch.names[0];

		rc = reason(c, "touch: %s %s", t0, names_list(&f->kernel.touch, t0) ? "like the phone" : "is missing");
	}
	if (!rc && (cam == MTKFW_RISK_OK || cam == MTKFW_RISK_RISKY) && ph->t->profile.kernel.camera.count) {
		const char *c0 = ph->t->profile.kernel.camera.names[0];

		rc = reason(c, "camera: %s %s", c0, names_list(&f->kernel.camera, c0) ? "like the phone" : "is missing");
	}
	/* 4. radio: compat's radio rule, where this mtkfw has one. */
	s += W_RADIO * (radio == MTKFW_RISK_OK ? 2 : radio == MTKFW_RISK_UNKNOWN ? 1 : 0);
	if (!rc && risk(k, "radio") && radio != MTKFW_RISK_UNKNOWN)
		rc = reason(c, "radio: %s", risk(k, "radio")->evidence);
	/* 5. names: project, preloader, build.prop, labels against the phone's and --board. */
	if (!rc)
		rc = mtkfwi_words_profile(&words, f);
	if (!rc) {
		struct cdb_stmt *st = NULL;

		rc = mtkfwi_cdb_query(&st, db, "SELECT text FROM labels WHERE package_id = ?", "i", c->id);
		while (cdb_next(st, &rc))
			if ((rc = mtkfwi_words_add(&words, mtkfwi_cdb_text(st, 0))) != 0)
				break;
		mtkfwi_cdb_done(st);
	}
	nshared = mtkfwi_words_shared(&ph->words, &words, shared, sizeof(shared));
	s += W_NAMES * (int64_t)(nshared > 9 ? 9 : nshared);
	if (!rc && nshared)
		rc = reason(c, "names: shares %s with the phone", shared);
	/* 6. ALPS branch and kernel generation. */
	branch_of(alps, fb, sizeof(fb));
	if (*fb && *ph->branch && strcasecmp(fb, ph->branch) == 0) {
		s += W_BRANCH;
		if (!rc)
			rc = reason(c, "branch: %s like the phone", fb);
	}
	if (level(k, "kernel") == MTKFW_RISK_OK) {
		s += W_BRANCH;
		if (!rc)
			rc = reason(c, "kernel: %s like the phone", ph->kernel);
	} else if (!rc && level(k, "kernel") == MTKFW_RISK_RISKY) {
		char fk[64];

		mtkfwi_compat_kernel_short(f, fk, sizeof(fk));
		rc = reason(c, "kernel: %s, the phone %s (mixing generations bootloops)", fk, ph->kernel);
	}
	/* 7. layout: no PMT change, so no Format All. */
	if (level(k, "layout") == MTKFW_RISK_OK && f->has_layout) {
		s += W_LAYOUT;
		if (!rc && ph->t->table)
			rc = reason(c, "layout: the phone's partition table agrees (no PMT change, no Format All)");
	} else if (!rc && level(k, "layout") == MTKFW_RISK_RISKY) {
		rc = reason(c, "layout: differs from the phone's (Firmware Upgrade or Format All, identity backed up first)");
	}
	/* 8. outcomes: booted on distinct phones. */
	s += W_OUTCOME * (int64_t)(c->successes > 99 ? 99 : c->successes);
	if (!rc && c->successes)
		rc = reason(c, "outcomes: booted on %u phone%s", c->successes, c->successes == 1 ? "" : "s");
	if (!rc && c->failures)
		rc = reason(c, "outcomes: %u failed flash%s reported", c->failures, c->failures == 1 ? "" : "es");
	c->score = s - GATE_PENALTY * (int64_t)c->gate_count;
	mtkfwi_words_free(&words);
	return rc;
}

static int evaluate(struct mtkfw_catalog_candidate *c, struct cdb *db, struct cdb_stmt *st, const struct phone *ph)
{
	struct cdb_stmt *fp = NULL;
	struct mtkfw_target fw;
	int rc;

	memset(c, 0, sizeof(*c));
	c->id = mtkfwi_cdb_int(st, 0);
	c->path = mtkfw_strdup(mtkfwi_cdb_text(st, 1) ? mtkfwi_cdb_text(st, 1) : "");
	c->platform = mtkfwi_cdb_text(st, 2) ? mtkfw_strdup(mtkfwi_cdb_text(st, 2)) : NULL;
	c->project = mtkfwi_cdb_text(st, 3) ? mtkfw_strdup(mtkfwi_cdb_text(st, 3)) : NULL;
	c->successes = (unsigned)mtkfwi_cdb_int(st, 9);
	c->failures = (unsigned)mtkfwi_cdb_int(st, 10);
	if (!c->path)
		return MTKFW_ERR_NOMEM;
	rc = mtkfwi_cdb_query(&fp, db, "SELECT profile FROM fingerprints WHERE package_id = ?", "i", c->id);
	if (!rc && (rc = mtkfwi_cdb_step(fp)) == 1) {
		const char *profile = mtkfwi_cdb_text(fp, 0);

		rc = mtkfw_target_from_json(&fw, profile ? profile : "", profile ? strlen(profile) : 0, c->path);
	} else if (!rc) {
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "library: package %lld has no fingerprint", (long long)c->id);
	}
	mtkfwi_cdb_done(fp);
	if (rc)
		return rc;
	/* A stored package has no folder to measure: compat's "image larger than its partition"
	 * check was the package's own `mtkfw check` business. */
	rc = mtkfw_compat_check(&c->compat, &fw, ph->t);
	if (!rc)
		rc = gate_reasons(c, st, ph, &fw);
	if (!rc)
		rc = judge(c, db, ph, &fw, mtkfwi_cdb_text(st, 4));
	mtkfw_target_clear(&fw);
	return rc;
}

/* Which shops hold the candidate's content (only the kept ones are asked: a handful of rows).
 * A candidate none of whose copies is this shop's is still ranked where it stands; it is marked
 * so a technician knows the files must come from the shop that has them. */
static int where_held(struct mtkfw_catalog_candidate *c, mtkfw_catalog *cat)
{
	struct cdb_stmt *st = NULL;
	char *hash = NULL;
	int rc = mtkfwi_cdb_query(&st, cat->db, "SELECT content_hash FROM packages WHERE id = ?", "i", c->id);

	if (!rc && (rc = mtkfwi_cdb_step(st)) == 1) {
		const char *h = mtkfwi_cdb_text(st, 0);

		rc = h && !(hash = mtkfw_strdup(h)) ? MTKFW_ERR_NOMEM : 0;
	}
	mtkfwi_cdb_done(st);
	if (rc < 0 || (rc = mtkfwi_cat_holders(&c->shops, &c->shop_count, cat->db, hash, c->id)) != 0) {
		free(hash);
		return rc;
	}
	free(hash);
	if (!cat->shop)
		return 0;
	c->elsewhere = true;
	for (size_t i = 0; i < c->shop_count; i++) {
		const char *s = c->shops[i].shop;

		if (!s || strcmp(s, cat->shop) == 0)
			c->elsewhere = false;
		else if (!c->at_shop)
			c->at_shop = s;
	}
	if (!c->elsewhere)
		c->at_shop = NULL;
	return 0;
}

/* ---- keeping the best ------------------------------------------------------------------------ */

static bool better(const struct mtkfw_catalog_candidate *a, const struct mtkfw_catalog_candidate *b)
{
	return a->score > b->score || (a->score == b->score && a->id < b->id);
}

static int by_rank(const void *x, const void *y)
{
	const struct mtkfw_catalog_candidate *a = x, *b = y;

	return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}

int mtkfw_catalog_match(struct mtkfw_catalog_match *out, mtkfw_catalog *cat, const struct mtkfw_target *phone,
			const struct mtkfw_catalog_match_opts *opts, mtkfw_ctx *ctx)
{
	static const struct mtkfw_catalog_match_opts defaults = { .version = 1 };
	struct phone ph;
	struct cdb_stmt *st = NULL;
	struct mtkfw_catalog_candidate cand;
	struct mtkfw_target with_cid;
	size_t limit, worst = 0;
	int64_t library = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!cat || !phone)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library match: bad arguments");
	if (!opts)
		opts = &defaults;
	if (opts->version != 1)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "library match: options version %u (this library knows 1)",
				    opts->version);
	limit = opts->limit ? opts->limit : opts->all ? SIZE_MAX : DEFAULT_LIMIT;
	if (opts->has_cid) {
		/* The CID the technician gave is the phone's for the gates and for compat alike. */
		with_cid = *phone;
		with_cid.has_cid = true;
		memcpy(with_cid.cid, opts->cid, 16);
		with_cid.readback = true;
		phone = &with_cid;
	}
	if ((rc = mtkfw_claims_check(&out->claims, phone)) != 0 ||
	    (rc = phone_facts(&ph, phone, opts, out->claims.clone)) != 0)
		goto out;
	out->has_cid = ph.has_cid;
	memcpy(out->cid, ph.cid, 16);
	rc = mtkfwi_cdb_run(cat->db, &library,
		     "SELECT count(*) FROM packages WHERE state IN ('ok', 'imported') AND fingerprinted <> 0", "");
	out->library = (size_t)library;
	if (!rc)
		rc = candidates_query(&st, cat->db, &ph, opts->all);
	while (cdb_next(st, &rc)) {
		if (!mtkfwi_cdb_int(st, 5) && !mtkfwi_cdb_int(st, 6) && !mtkfwi_cdb_int(st, 7) && !mtkfwi_cdb_int(st, 8))
			out->considered++;
		/* In the order of what each package can score at best: once that is below the worst
		 * of the best `limit`, the rest is only counted (the database has sorted it anyway). */
		if (out->count == limit && mtkfwi_cdb_int(st, BOUND_COLUMN) < out->items[worst].score)
			continue;
		if ((rc = mtkfw_progress(ctx, "library match", out->judged, out->library)) != 0)
			break;
		out->judged++;
		if ((rc = evaluate(&cand, cat->db, st, &ph)) != 0) {
			candidate_clear(&cand);
			break;
		}
		if (out->count < limit) {
			struct mtkfw_catalog_candidate *n = mtkfw_reallocarray(out->items, out->count + 1, sizeof(*n));

			if (!n) {
				candidate_clear(&cand);
				rc = MTKFW_ERR_NOMEM;
				break;
			}
			out->items = n;
			n[out->count++] = cand;
		} else if (better(&cand, &out->items[worst])) {
			candidate_clear(&out->items[worst]);
			out->items[worst] = cand;
		} else {
			candidate_clear(&cand);
			continue;
		}
		/* The one to replace next: the worst kept. */
		worst = 0;
		for (size_t i = 1; i < out->count; i++)
			if (better(&out->items[worst], &out->items[i]))
				worst = i;
	}
	mtkfwi_cdb_done(st);
	if (!rc && out->items) {
		qsort(out->items, out->count, sizeof(*out->items), by_rank);
		for (size_t i = 0; i < out->count; i++)
			out->items[i].rank = (int)i + 1;
	}
	for (size_t i = 0; !rc && i < out->count; i++)
		rc = where_held(&out->items[i], cat);
out:
	phone_free(&ph);
	if (rc)
		mtkfw_catalog_match_clear(out);
	return rc;
}

void mtkfw_catalog_match_clear(struct mtkfw_catalog_match *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->count; i++)
		candidate_clear(&m->items[i]);
	free(m->items);
	mtkfw_claims_clear(&m->claims);
	memset(m, 0, sizeof(*m));
}
