/*
 * Writing one package into the catalogue: the facts a match filters on become columns and
 * rows (platform, storage, every EMI id, every driver name), the whole fingerprint is kept as
 * the document `mtkfw profile --json` writes, and every string a technician may search by goes
 * into the full-text index. One package is one short write transaction, so two mtkfw
 * processes adding at once interleave package by package.
 */
#include "core/hash.h"
#include "core/internal.h"
#include "analysis/compat_internal.h"
#include "catalog/catalog_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <sys/stat.h>

void mtkfwi_cat_pkg_free(struct cat_pkg *p)
{
	free(p->path);
	free(p->folder);
	free(p->archive);
	free(p->error);
	if (p->has_target)
		mtkfw_target_clear(&p->target);
	mtkfwi_cat_files_free(&p->files);
	memset(p, 0, sizeof(*p));
}

/* SHA-256 of the scatter's partition names, starts and sizes: equal layouts, equal hashes
 * (a flash between them needs no PMT change, so no Format All). */
static void layout_hash(const mtkfw_layout *l, char out[65])
{
	mtkfw_hash *md = NULL;
	uint8_t d[32];
	int rc;

	out[0] = '\0';
	if ((rc = mtkfw_hash_new(&md, MTKFW_HASH_SHA256)))
		return;
	for (size_t i = 0; !rc && i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		char line[256];

		snprintf(line, sizeof(line), "%s %llx %llx\n", p->name ? p->name : "",
			 (unsigned long long)p->linear_start, p->has_size ? (unsigned long long)p->size : 0ull);
		rc = mtkfw_hash_update(md, line, strlen(line));
	}
	if (!rc && !(rc = mtkfw_hash_final(md, d)))
		mtkfwi_cat_hex(out, d, 32);
	mtkfw_hash_free(md);
}

/* ---- the full-text document ---------------------------------------------------------------- */

struct doc {
	char *s;
	size_t len, cap;
	int rc;
};

static void doc_add(struct doc *d, const char *s)
{
	size_t n;

	if (d->rc || !s || !*s)
		return;
	n = strlen(s);
	if (d->len + n + 2 > d->cap) {
		size_t cap = (d->cap ? d->cap * 2 : 1024) + n;
		char *ns = realloc(d->s, cap);

		if (!ns) {
			d->rc = mtkfw_nomem();
			return;
		}
		d->s = ns;
		d->cap = cap;
	}
	memcpy(d->s + d->len, s, n);
	d->len += n;
	d->s[d->len++] = '\n';
	d->s[d->len] = '\0';
}

static void doc_names(struct doc *d, const struct mtkfw_names *n)
{
	for (size_t i = 0; i < n->count; i++)
		doc_add(d, n->names[i]);
}

/* Every string of a fingerprint a technician may type into `library search`. */
static void doc_target(struct doc *d, const struct mtkfw_target *t)
{
	const struct mtkfw_profile *p = &t->profile;
	const struct mtkfw_buildprop *b = &p->build;

	doc_add(d, p->platform);
	doc_add(d, p->project);
	doc_add(d, p->storage);
	if (p->has_preloader) {
		doc_add(d, p->source.preloader);
		if (p->preloader.has_emi) {
			doc_add(d, p->preloader.emi.file_name);
			for (uint32_t i = 0; p->preloader.emi.entries && i < p->preloader.emi.count; i++) {
				const struct mtkfw_emi_entry *e = &p->preloader.emi.entries[i];
				char id[2 * MTKFW_EMI_ID_MAX + 1];

				mtkfwi_cat_hex(id, e->id, e->id_length <= MTKFW_EMI_ID_MAX ? e->id_length : MTKFW_EMI_ID_MAX);
				doc_add(d, id);
				doc_add(d, e->maker);
				doc_add(d, e->product);
			}
		}
	}
	if (p->has_lk)
		doc_names(d, &p->lk_lcm);
	if (p->has_kernel) {
		doc_add(d, p->kernel.version);
		doc_names(d, &p->kernel.lcm);
		doc_names(d, &p->kernel.touch);
		doc_names(d, &p->kernel.camera);
	}
	if (p->has_build) {
		const char *const v[] = { b->model,	   b->brand,	     b->device,	      b->board,
					  b->display_id,   b->version,	     b->fingerprint,  b->baseband,
					  b->platform,	   b->mtk_release,   b->board_platform, b->custom_build,
					  b->fota_oem,	   b->fota_device };

		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
			doc_add(d, v[i]);
	}
	if (p->has_logo && p->logo.width) {
		char res[32];

		snprintf(res, sizeof(res), "%ux%u", p->logo.width, p->logo.height);
		doc_add(d, res);
	}
	if (p->has_modem) {
		doc_add(d, p->modem.project);
		doc_add(d, p->modem.verno);
		doc_add(d, p->modem.custom_verno);
		doc_add(d, p->modem.platform);
		doc_add(d, p->modem.build_time);
		doc_names(d, &p->modem.mddb);
	}
	if (t->has_cid) {
		char cid[33];

		mtkfwi_cat_hex(cid, t->cid, 16);
		doc_add(d, cid);
	}
	doc_add(d, t->lcm);
}

int mtkfwi_cat_reindex(struct cdb *db, int64_t id)
{
	struct cdb_stmt *st = NULL;
	struct doc d = { 0 };
	int rc = mtkfwi_cdb_query(&st, db, "SELECT search_doc FROM fingerprints WHERE package_id = ?", "i", id);

	if (rc)
		return rc;
	if ((rc = mtkfwi_cdb_step(st)) == 1)
		doc_add(&d, mtkfwi_cdb_text(st, 0));
	mtkfwi_cdb_done(st);
	if (rc < 0)
		return rc;
	if ((rc = mtkfwi_cdb_query(&st, db, "SELECT text FROM labels WHERE package_id = ? ORDER BY id", "i", id)) != 0) {
		free(d.s);
		return rc;
	}
	while ((rc = mtkfwi_cdb_step(st)) == 1)
		doc_add(&d, mtkfwi_cdb_text(st, 0));
	mtkfwi_cdb_done(st);
	if (!rc)
		rc = d.rc;
	if (!rc)
		rc = mtkfwi_cdb_run(db, NULL, db->be->search_put, "is", id, d.s ? d.s : "");
	free(d.s);
	return rc;
}

/* ---- the rows ------------------------------------------------------------------------------ */

int mtkfwi_cat_count_outcomes(struct cdb *db, int64_t id)
{
	return mtkfwi_cdb_run(db, NULL,
		       "UPDATE packages SET successes = (SELECT count(DISTINCT o.phone_key) FROM outcomes o "
		       "WHERE o.package_id = packages.id AND o.result = 'booted'), failures = (SELECT count(*) FROM outcomes o "
		       "WHERE o.package_id = packages.id AND o.result <> 'booted') WHERE id = ?",
		       "i", id);
}

/* The child rows, each table in one statement (mtkfwi_cdb_insert_rows): a package is a dozen
 * files, a few EMI entries and drivers, and on a server each statement is a round trip. */
struct rows {
	const struct cat_pkg *p;
	int64_t id;
	char hex[2 * MTKFW_EMI_ID_MAX + 1], type[16], lower[256];
	/* the driver lists, flattened */
	struct {
		const char *kind;
		const char *name;
	} *drv;
	size_t ndrv;
};

static void file_row(void *ctx, size_t i, union cdb_val *v)
{
	struct rows *r = ctx;
	const struct cat_file *f = &r->p->files.items[i];

	v[0].i = r->id;
	v[1].s = f->rel;
	v[2].i = (int64_t)f->size;
	v[3].i = f->mtime_ns;
	v[4].s = f->sha256[0] ? f->sha256 : NULL;
	v[5].s = !f->sha256[0] ? NULL : f->sampled ? "sample" : "whole";
	v[6].s = f->checksum;
}

static void emi_row(void *ctx, size_t i, union cdb_val *v)
{
	struct rows *r = ctx;
	const struct mtkfw_emi_entry *e = &r->p->target.profile.preloader.emi.entries[i];
	const char *tn = mtkfw_emi_type_name(e->type);

	mtkfwi_cat_hex(r->hex, e->id, e->id_length <= MTKFW_EMI_ID_MAX ? e->id_length : MTKFW_EMI_ID_MAX);
	snprintf(r->type, sizeof(r->type), "0x%04x", e->type);
	v[0].i = r->id;
	v[1].i = (int64_t)i;
	v[2].s = r->hex;
	v[3].s = e->maker;
	v[4].s = e->product[0] ? e->product : NULL;
	v[5].s = tn ? tn : r->type;
	v[6].i = (int64_t)e->dram_size;
}

static void driver_row(void *ctx, size_t i, union cdb_val *v)
{
	struct rows *r = ctx;
	const char *n = r->drv[i].name;
	size_t k;

	for (k = 0; n[k] && k + 1 < sizeof(r->lower); k++)
		r->lower[k] = (char)(n[k] >= 'A' && n[k] <= 'Z' ? n[k] + 32 : n[k]);
	r->lower[k] = '\0';
	v[0].i = r->id;
	v[1].s = r->drv[i].kind;
	v[2].s = r->lower;
}

static int put_children(struct cdb *db, int64_t id, const struct cat_pkg *p)
{
	const struct mtkfw_profile *pr = &p->target.profile;
	struct rows *r = mtkfw_calloc(1, sizeof(*r));
	int rc;

	if (!r)
		return MTKFW_ERR_NOMEM;
	r->p = p;
	r->id = id;
	rc = mtkfwi_cdb_insert_rows(db, "INSERT INTO files (package_id, rel, size, mtime, sha256, hashed, checksum) VALUES", "",
				    "isiisss", p->files.count, file_row, r);
	if (!rc && p->has_target && pr->has_preloader && pr->preloader.has_emi && pr->preloader.emi.entries)
		rc = mtkfwi_cdb_insert_rows(db, "INSERT INTO emi (package_id, idx, flash_id, maker, product, type, dram_size) VALUES",
					    "", "iissssi", pr->preloader.emi.count, emi_row, r);
	if (!rc && p->has_target) {
		const struct {
			const char *kind;
			const struct mtkfw_names *n;
		} lists[] = {
			{ "lk", pr->has_lk ? &pr->lk_lcm : NULL },
			{ "kernel", pr->has_kernel ? &pr->kernel.lcm : NULL },
			{ "touch", pr->has_kernel ? &pr->kernel.touch : NULL },
			{ "camera", pr->has_kernel ? &pr->kernel.camera : NULL },
		};

		size_t total = 0;

		for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
			total += lists[l].n ? lists[l].n->count : 0;
		if (total && !(r->drv = mtkfw_reallocarray(NULL, total, sizeof(*r->drv))))
			rc = MTKFW_ERR_NOMEM;
		for (size_t l = 0; !rc && l < sizeof(lists) / sizeof(lists[0]); l++)
			for (size_t i = 0; lists[l].n && i < lists[l].n->count; i++) {
				r->drv[r->ndrv].kind = lists[l].kind;
				r->drv[r->ndrv++].name = lists[l].n->names[i];
			}
		if (!rc)
			rc = mtkfwi_cdb_insert_rows(db, "INSERT INTO drivers (package_id, kind, name) VALUES",
						    "ON CONFLICT (package_id, kind, name) DO NOTHING", "iss", r->ndrv, driver_row, r);
	}
	free(r->drv);
	free(r);
	return rc;
}

static bool path_exists(const char *path, const char *archive)
{
	struct stat st;

	return stat(archive ? archive : path, &st) == 0;
}

/* A package new at this path whose content the catalogue knows at a path that is gone. Only
 * this shop's rows: another shop's path is on another shop's disk, never "gone" from ours. */
static int find_moved(struct cdb *db, const struct cat_pkg *p, int64_t *id)
{
	struct cdb_stmt *st = NULL;
	int rc;

	*id = 0;
	if (!p->content_hash[0])
		return 0;
	rc = mtkfwi_cdb_query(&st, db,
		       "SELECT id, path, archive FROM packages WHERE content_hash = ? AND kind = ? "
		       "AND state <> 'imported' AND " CAT_SHOP_HERE " ORDER BY id",
		       "sss", p->content_hash, p->kind, p->shop);
	if (rc)
		return rc;
	while (!*id && (rc = mtkfwi_cdb_step(st)) == 1)
		if (mtkfwi_cdb_text(st, 1) && !path_exists(mtkfwi_cdb_text(st, 1), mtkfwi_cdb_text(st, 2)))
			*id = mtkfwi_cdb_int(st, 0);
	mtkfwi_cdb_done(st);
	return rc < 0 ? rc : 0;
}

/* The row at this path at this shop: its own, else one from before shops were recorded, which
 * the shop then claims (so the upsert below lands on it). Another shop's row at the same path is
 * another package on another disk. */
static int known(struct cdb *db, const struct cat_pkg *p, int64_t *id, char hash[65], char state[16])
{
	struct cdb_stmt *st = NULL;
	bool unclaimed = false;
	int rc = mtkfwi_cdb_query(&st, db,
				  "SELECT id, content_hash, state, shop IS NULL FROM packages WHERE path = ? AND " CAT_SHOP_HERE
				  " ORDER BY shop IS NULL LIMIT 1",
				  "ss", p->path, p->shop);

	*id = 0;
	hash[0] = state[0] = '\0';
	if (rc)
		return rc;
	if ((rc = mtkfwi_cdb_step(st)) == 1) {
		*id = mtkfwi_cdb_int(st, 0);
		snprintf(hash, 65, "%s", mtkfwi_cdb_text(st, 1) ? mtkfwi_cdb_text(st, 1) : "");
		snprintf(state, 16, "%s", mtkfwi_cdb_text(st, 2) ? mtkfwi_cdb_text(st, 2) : "");
		unclaimed = mtkfwi_cdb_int(st, 3) != 0;
	}
	mtkfwi_cdb_done(st);
	if (rc < 0)
		return rc;
	return unclaimed && p->shop ? mtkfwi_cdb_run(db, NULL, "UPDATE packages SET shop = ? WHERE id = ?", "si", p->shop, *id) : 0;
}

/* The fingerprint is stored without indentation: a match parses thousands of them. */
static int compact(char **json)
{
	json_t *o = json_loads(*json, 0, NULL);
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

	json_decref(o);
	if (!s)
		return mtkfw_nomem();
	free(*json);
	*json = mtkfw_strdup(s);
	free(s);
	return *json ? 0 : MTKFW_ERR_NOMEM;
}

static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

int mtkfwi_cat_store(struct cdb *db, struct cat_pkg *p, int64_t now, int64_t *id, int *change)
{
	const struct mtkfw_profile *pr = p->has_target ? &p->target.profile : NULL;
	const struct mtkfw_buildprop *b = pr && pr->has_build ? &pr->build : NULL;
	const struct mtkfw_modem *mo = pr && pr->has_modem ? &pr->modem : NULL;
	char kernel[64] = "", lhash[65] = "", cid[33] = "", old_hash[65], old_state[16];
	char *json = NULL;
	struct doc d = { 0 };
	int64_t old = 0, moved = 0;
	int rc;

	if (pr) {
		mtkfwi_compat_kernel_short(pr, kernel, sizeof(kernel));
		if (pr->has_layout && pr->layout)
			layout_hash(pr->layout, lhash);
		if (p->target.has_cid)
			mtkfwi_cat_hex(cid, p->target.cid, 16);
		if ((rc = mtkfw_target_to_json(&json, &p->target, p->path)) != 0 || (rc = compact(&json)) != 0) {
			free(json);
			return rc;
		}
		doc_target(&d, &p->target);
	}
	doc_add(&d, p->path);
	doc_add(&d, p->kind);
	if ((rc = d.rc) != 0)
		goto out;
	if ((rc = mtkfwi_cdb_begin(db)) != 0)
		goto out;
	rc = known(db, p, &old, old_hash, old_state);
	if (!rc && !old)
		rc = find_moved(db, p, &moved);
	if (!rc && moved) {
		/* Keep the row (its labels and outcomes) and move it here. */
		rc = mtkfwi_cdb_run(db, NULL, "UPDATE packages SET path = ? WHERE id = ?", "si", p->path, moved);
		old = moved;
	}
	*change = moved ? MTKFW_CATALOG_MOVED
		  : !old ? MTKFW_CATALOG_ADDED
		  : strcmp(old_hash, p->content_hash) == 0 &&
				  strcmp(old_state, p->origin ? "imported" : p->error ? "failed" : "ok") == 0
			  ? MTKFW_CATALOG_UNCHANGED
			  : MTKFW_CATALOG_UPDATED;
	if (!rc)
		rc = mtkfwi_cdb_run(
			db, id,
			"INSERT INTO packages (path, kind, folder, archive, state, error, size, mtime, content_hash, platform, "
			"project, storage, preloader, kernel, android, alps, brand, model, device, board, display_id, "
			"custom_build, fota_oem, fota_device, layout_hash, logo_width, logo_height, cid, lcm, checksum, has_lk, has_kernel, "
			"n_emi, n_lk, n_kernel_lcm, modem_project, modem_verno, modem_build_time, modem_platform, fp_version, "
			"fingerprinted, origin, shop, added_at, seen_at) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
			"ON CONFLICT (path, (coalesce(shop, ''))) DO UPDATE SET kind = excluded.kind, folder = excluded.folder, archive = excluded.archive, "
			"state = excluded.state, error = excluded.error, size = excluded.size, mtime = excluded.mtime, "
			"content_hash = excluded.content_hash, platform = excluded.platform, project = excluded.project, "
			"storage = excluded.storage, preloader = excluded.preloader, kernel = excluded.kernel, "
			"android = excluded.android, alps = excluded.alps, brand = excluded.brand, model = excluded.model, "
			"device = excluded.device, board = excluded.board, display_id = excluded.display_id, "
			"custom_build = excluded.custom_build, fota_oem = excluded.fota_oem, "
			"fota_device = excluded.fota_device, layout_hash = excluded.layout_hash, "
			"logo_width = excluded.logo_width, logo_height = excluded.logo_height, cid = excluded.cid, "
			"lcm = excluded.lcm, checksum = excluded.checksum, has_lk = excluded.has_lk, "
			"has_kernel = excluded.has_kernel, n_emi = excluded.n_emi, n_lk = excluded.n_lk, "
			"n_kernel_lcm = excluded.n_kernel_lcm, modem_project = excluded.modem_project, "
			"modem_verno = excluded.modem_verno, modem_build_time = excluded.modem_build_time, "
			"modem_platform = excluded.modem_platform, fp_version = excluded.fp_version, "
			"fingerprinted = excluded.fingerprinted, origin = excluded.origin, shop = excluded.shop, "
			"seen_at = excluded.seen_at "
			"RETURNING id",
			"ssssssiisssssssssssssssssiisssiiiiissssiissii", p->path, p->kind, p->folder, p->archive,
			p->origin ? "imported" : p->error ? "failed" : "ok",
			p->error, (int64_t)p->size, p->mtime_ns, opt(p->content_hash), pr ? opt(pr->platform) : NULL,
			pr ? opt(pr->project) : NULL, pr ? opt(pr->storage) : NULL,
			pr && pr->has_preloader && pr->preloader.has_emi ? opt(pr->preloader.emi.file_name) : NULL,
			opt(kernel), b ? opt(b->version) : NULL, b ? opt(b->mtk_release) : NULL, b ? opt(b->brand) : NULL,
			b ? opt(b->model) : NULL, b ? opt(b->device) : NULL, b ? opt(b->board) : NULL,
			b ? opt(b->display_id) : NULL, b ? opt(b->custom_build) : NULL, b ? opt(b->fota_oem) : NULL,
			b ? opt(b->fota_device) : NULL, opt(lhash), pr && pr->has_logo ? (int64_t)pr->logo.width : 0,
			pr && pr->has_logo ? (int64_t)pr->logo.height : 0, opt(cid), p->has_target ? p->target.lcm : NULL,
			p->checksum, (int64_t)(pr && pr->has_lk), (int64_t)(pr && pr->has_kernel),
			(int64_t)(pr && pr->has_preloader && pr->preloader.has_emi && pr->preloader.emi.entries ? pr->preloader.emi.count : 0),
			(int64_t)(pr && pr->has_lk ? pr->lk_lcm.count : 0), (int64_t)(pr && pr->has_kernel ? pr->kernel.lcm.count : 0),
			mo ? opt(mo->project) : NULL, mo ? opt(mo->verno) : NULL, mo ? opt(mo->build_time) : NULL,
			mo ? opt(mo->platform) : NULL, (int64_t)CAT_FP_VERSION, (int64_t)(json != NULL), p->origin, p->shop, now, now);
	if (!rc)
		rc = mtkfwi_cdb_run(db, NULL,
			     "INSERT INTO fingerprints (package_id, profile, search_doc) VALUES (?, ?, ?) "
			     "ON CONFLICT (package_id) DO UPDATE SET profile = excluded.profile, search_doc = excluded.search_doc",
			     "iss", *id, json ? json : "", d.s ? d.s : "");
	/* A row new here has no child rows, labels or index entry yet: on a server every
	 * statement saved is a round trip saved. */
	if (!rc && old)
		rc = mtkfwi_cdb_run(db, NULL, "DELETE FROM files WHERE package_id = ?", "i", *id);
	if (!rc && old)
		rc = mtkfwi_cdb_run(db, NULL, "DELETE FROM emi WHERE package_id = ?", "i", *id);
	if (!rc && old)
		rc = mtkfwi_cdb_run(db, NULL, "DELETE FROM drivers WHERE package_id = ?", "i", *id);
	if (!rc)
		rc = put_children(db, *id, p);
	if (!rc)
		rc = old ? mtkfwi_cat_reindex(db, *id) : mtkfwi_cdb_run(db, NULL, db->be->search_put, "is", *id, d.s ? d.s : "");
	{
		int e = mtkfwi_cdb_end(db, rc == 0);

		rc = rc ? rc : e;
	}
out:
	free(json);
	free(d.s);
	return rc;
}
