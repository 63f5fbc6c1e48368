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
#include "catalog/match.h"

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

struct phone {
	const struct mtkfw_target *t;
	const struct mtkfw_catalog_match_opts *o;
	bool has_cid;
	uint8_t cid[16];
	char cid_hex[33];
	char **ids;          /* the EMI ids the eMMC gate looks for */
	size_t nids;
	struct cat_words words;
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

static int add_id(struct phone *ph, const uint8_t *b, size_t n)
{
	char hex[33], **nn;

	cat_hex(hex, b, n);
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

static int phone_facts(struct phone *ph, const struct mtkfw_target *t, const struct mtkfw_catalog_match_opts *o)
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
		/* Every id length an EMI entry may compare, in the card's order and in the DA's
		 * word-reversed one: what mtkfw_emi_match_cid accepts. */
		uint8_t swapped[16];

		cat_hex(ph->cid_hex, ph->cid, 16);
		for (int w = 0; w < 4; w++)
			for (int b = 0; b < 4; b++)
				swapped[4 * w + b] = ph->cid[4 * w + 3 - b];
		for (size_t n = 1; n <= 16 && !rc; n++) {
			rc = add_id(ph, ph->cid, n);
			if (!rc)
				rc = add_id(ph, swapped, n);
		}
	} else if (p->has_preloader && p->preloader.has_emi && p->preloader.emi.entries) {
		/* No CID: a package that has none of the phone's own table's chips cannot set its
		 * memory up (compat's dram rule calls that unsafe). */
		for (uint32_t i = 0; i < p->preloader.emi.count && !rc; i++)
			if (p->preloader.emi.entries[i].id_length)
				rc = add_id(ph, p->preloader.emi.entries[i].id,
					    p->preloader.emi.entries[i].id_length <= 16 ? p->preloader.emi.entries[i].id_length : 16);
	}
	if (!rc)
		rc = cat_words_profile(&ph->words, p);
	if (!rc)
		rc = cat_words_add(&ph->words, o->board);
	cat_kernel_short(p, ph->kernel, sizeof(ph->kernel));
	branch_of(p->has_build ? p->build.mtk_release : NULL, ph->branch, sizeof(ph->branch));
	return rc;
}

static void phone_free(struct phone *ph)
{
	for (size_t i = 0; i < ph->nids; i++)
		free(ph->ids[i]);
	free(ph->ids);
	cat_words_free(&ph->words);
}

/* ---- the query: gates as columns, the rest of the library never leaves the database ------- */

/* Columns: 0 id, 1 path, 2 profile, 3 platform, 4 project, 5 alps, 6 g_platform, 7 g_storage,
 * 8 g_emmc, 9 g_outcome, 10 successes, 11 failures. */
static int candidates_query(struct cdb_stmt **out, struct cdb *db, const struct phone *ph, bool all)
{
	const struct mtkfw_profile *p = &ph->t->profile;
	char *ids = NULL, *sql = NULL;
	size_t cap = 8 + 3 * ph->nids;
	int param = 1, rc;

	ids = malloc(cap);
	if (!ids)
		return mtkfw_nomem();
	ids[0] = '\0';
	for (size_t i = 0; i < ph->nids; i++)
		strcat(ids, i ? ", ?" : "?");
	rc = asprintf(&sql,
		      "SELECT * FROM (SELECT p.id, p.path, p.profile, p.platform, p.project, p.alps, "
		      "%s AS g_platform, %s AS g_storage, "
		      "CASE WHEN NOT EXISTS (SELECT 1 FROM emi e WHERE e.package_id = p.id) THEN 0 %s%s%s ELSE 1 END AS g_emmc, "
		      "%s AS g_outcome, "
		      "(SELECT count(DISTINCT o.phone_key) FROM outcomes o WHERE o.package_id = p.id AND o.result = 'booted') "
		      "AS successes, "
		      "(SELECT count(*) FROM outcomes o WHERE o.package_id = p.id AND o.result <> 'booted') AS failures "
		      "FROM packages p WHERE p.state IN ('ok', 'imported') AND p.profile IS NOT NULL) q %s ORDER BY id",
		      p->platform ? "CASE WHEN p.platform IS NULL OR lower(p.platform) = lower(?) THEN 0 ELSE 1 END" : "0",
		      p->storage ? "CASE WHEN p.storage IS NULL OR lower(p.storage) = lower(?) THEN 0 ELSE 1 END" : "0",
		      ph->nids ? "WHEN EXISTS (SELECT 1 FROM emi e WHERE e.package_id = p.id AND e.flash_id IN (" : "WHEN 1 = 1",
		      ph->nids ? ids : "", ph->nids ? ")) THEN 0" : " THEN 0",
		      ph->has_cid ? "CASE WHEN EXISTS (SELECT 1 FROM outcomes o WHERE o.package_id = p.id AND o.phone_cid = ? "
				    "AND o.result <> 'booted') THEN 1 ELSE 0 END"
				  : "0",
		      all ? "" : "WHERE g_platform = 0 AND g_storage = 0 AND g_emmc = 0 AND g_outcome = 0");
	free(ids);
	if (rc < 0)
		return mtkfw_nomem();
	rc = cdb_prepare(out, db, sql);
	free(sql);
	if (!rc && p->platform)
		rc = cdb_bind_text(*out, param++, p->platform);
	if (!rc && p->storage)
		rc = cdb_bind_text(*out, param++, p->storage);
	for (size_t i = 0; i < ph->nids && !rc; i++)
		rc = cdb_bind_text(*out, param++, ph->ids[i]);
	if (!rc && ph->has_cid)
		rc = cdb_bind_text(*out, param++, ph->cid_hex);
	if (rc) {
		cdb_done(*out);
		*out = NULL;
	}
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
	mtkfw_compat_free(&c->compat);
	free(c->gates_failed);
	for (size_t i = 0; i < c->reason_count; i++)
		free(c->reasons[i]);
	free(c->reasons);
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

	if (cdb_int(st, 6)) {
		rc = gate(c, "platform");
		if (!rc)
			rc = reason(c, "gate platform: built for %s, the phone is %s", f->platform ? f->platform : "?",
				    p->platform ? p->platform : "?");
	}
	if (!rc && cdb_int(st, 7)) {
		rc = gate(c, "storage");
		if (!rc)
			rc = reason(c, "gate storage: built for %s, the phone has %s", f->storage ? f->storage : "?",
				    p->storage ? p->storage : "?");
	}
	if (!rc && cdb_int(st, 8)) {
		rc = gate(c, "emmc");
		if (!rc)
			rc = ph->has_cid ? reason(c, "gate emmc: the phone's eMMC %s is in none of the %u entries of its preloader's "
						    "EMI table (SP Flash Tool's 4032); it may still serve if the phone keeps its "
						    "own preloader (do not flash PRELOADER)",
						  ph->cid_hex, f->preloader.emi.count)
					 : reason(c, "gate emmc: none of the chips of the phone's own EMI table is in its "
						    "preloader's (4032); it may still serve if the phone keeps its own preloader");
	}
	if (!rc && cdb_int(st, 9)) {
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
	struct cat_words words = { { 0 }, 0 };
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
		rc = cat_words_profile(&words, f);
	if (!rc) {
		struct cdb_stmt *st = NULL;

		rc = cdb_query(&st, db, "SELECT text FROM labels WHERE package_id = ?", "i", c->id);
		while (cdb_next(st, &rc))
			if ((rc = cat_words_add(&words, cdb_text(st, 0))) != 0)
				break;
		cdb_done(st);
	}
	nshared = cat_words_shared(&ph->words, &words, shared, sizeof(shared));
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

		cat_kernel_short(f, fk, sizeof(fk));
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
	cat_words_free(&words);
	return rc;
}

static int evaluate(struct mtkfw_catalog_candidate *c, struct cdb *db, struct cdb_stmt *st, const struct phone *ph)
{
	const char *profile = cdb_text(st, 2);
	struct mtkfw_target fw;
	int rc;

	memset(c, 0, sizeof(*c));
	c->id = cdb_int(st, 0);
	c->path = mtkfw_strdup(cdb_text(st, 1) ? cdb_text(st, 1) : "");
	c->platform = cdb_text(st, 3) ? mtkfw_strdup(cdb_text(st, 3)) : NULL;
	c->project = cdb_text(st, 4) ? mtkfw_strdup(cdb_text(st, 4)) : NULL;
	c->successes = (unsigned)cdb_int(st, 10);
	c->failures = (unsigned)cdb_int(st, 11);
	if (!c->path)
		return MTKFW_ERR_NOMEM;
	if ((rc = mtkfw_target_from_json(&fw, profile, strlen(profile), c->path)) != 0)
		return rc;
	/* A stored package has no folder to measure: compat's "image larger than its partition"
	 * check was the package's own `mtkfw check` business. */
	rc = mtkfw_compat_check(&c->compat, &fw, ph->t);
	if (!rc)
		rc = gate_reasons(c, st, ph, &fw);
	if (!rc)
		rc = judge(c, db, ph, &fw, cdb_text(st, 5));
	mtkfw_target_free(&fw);
	return rc;
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
	if ((rc = phone_facts(&ph, phone, opts)) != 0)
		goto out;
	out->has_cid = ph.has_cid;
	memcpy(out->cid, ph.cid, 16);
	rc = cdb_run(cat->db, &library,
		     "SELECT count(*) FROM packages WHERE state IN ('ok', 'imported') AND profile IS NOT NULL", "");
	out->library = (size_t)library;
	if (!rc)
		rc = candidates_query(&st, cat->db, &ph, opts->all);
	while (cdb_next(st, &rc)) {
		if ((rc = mtkfw_progress(ctx, "library match", out->considered, out->library)) != 0)
			break;
		out->considered++;
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
	cdb_done(st);
	if (!rc && out->items) {
		qsort(out->items, out->count, sizeof(*out->items), by_rank);
		for (size_t i = 0; i < out->count; i++)
			out->items[i].rank = (int)i + 1;
	}
out:
	phone_free(&ph);
	if (rc)
		mtkfw_catalog_match_free(out);
	return rc;
}

void mtkfw_catalog_match_free(struct mtkfw_catalog_match *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->count; i++)
		candidate_clear(&m->items[i]);
	free(m->items);
	memset(m, 0, sizeof(*m));
}
