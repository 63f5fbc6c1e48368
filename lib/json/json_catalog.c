/* The document of `mtkfw library match`: what was read of the target, as the ranking used it,
 * and the ranked candidates with their risks (compat's, written once in json_offline.c). */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <mtkfw/catalog.h>
#include <mtkfw/firmware.h>

static json_t *names(const struct mtkfw_names *n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n->count; i++)
		json_array_append_new(a, mtkfw_json_text(n->names[i]));
	return a;
}

static json_t *build(const struct mtkfw_profile *p)
{
	json_t *o;

	if (!p->has_build)
		return json_null();
	o = json_object();
	json_object_set_new(o, "brand", mtkfw_json_text(p->build.brand));
	json_object_set_new(o, "model", mtkfw_json_text(p->build.model));
	json_object_set_new(o, "device", mtkfw_json_text(p->build.device));
	json_object_set_new(o, "board", mtkfw_json_text(p->build.board));
	json_object_set_new(o, "mtk_release", mtkfw_json_text(p->build.mtk_release));
	return o;
}

static json_t *target(const struct mtkfw_target *t, const char *input, const struct mtkfw_catalog_match *m)
{
	const struct mtkfw_profile *p = &t->profile;
	json_t *o = json_object(), *claims = json_array();

	json_object_set_new(o, "input", mtkfw_json_text(input));
	json_object_set_new(o, "platform", mtkfw_json_text(p->platform));
	json_object_set_new(o, "storage", mtkfw_json_text(p->storage));
	json_object_set_new(o, "project", mtkfw_json_text(p->project));
	json_object_set_new(o, "cid", m->has_cid ? mtkfw_json_hex(m->cid, 16) : json_null());
	json_object_set_new(o, "maker", mtkfw_json_text(m->has_cid ? mtkfw_emmc_maker(m->cid[0]) : NULL));
	json_object_set_new(o, "lcm", mtkfw_json_text(t->lcm));
	json_object_set_new(o, "lk_lcm", p->has_lk ? names(&p->lk_lcm) : json_null());
	json_object_set_new(o, "kernel_lcm", p->has_kernel ? names(&p->kernel.lcm) : json_null());
	json_object_set_new(o, "touch", p->has_kernel ? names(&p->kernel.touch) : json_null());
	json_object_set_new(o, "camera", p->has_kernel ? names(&p->kernel.camera) : json_null());
	json_object_set_new(o, "kernel", mtkfw_json_text(p->has_kernel ? p->kernel.version : NULL));
	json_object_set_new(o, "build", build(p));
	json_object_set_new(o, "table", t->table ? json_string(mtkfw_layout_format_name(t->table->format)) : json_null());
	for (size_t i = 0; i < m->claims.count; i++) {
		json_t *c = json_object();

		json_object_set_new(c, "field", mtkfw_json_text(m->claims.items[i].field));
		json_object_set_new(c, "claimed", mtkfw_json_text(m->claims.items[i].claimed));
		json_object_set_new(c, "found", mtkfw_json_text(m->claims.items[i].found));
		json_object_set_new(c, "agrees", json_boolean(m->claims.items[i].agrees));
		json_array_append_new(claims, c);
	}
	json_object_set_new(o, "claims", claims);
	json_object_set_new(o, "claims_summary", mtkfw_json_text(m->claims.summary));
	return o;
}

/* Where a package's content is held: [{"name": SHOP or null, "path": PATH}, ...]. */
static json_t *shops(const struct mtkfw_catalog_holder *h, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:o, s:o}", "name", mtkfw_json_text(h[i].shop), "path",
						   mtkfw_json_text(h[i].path)));
	return a;
}

static json_t *candidate(const struct mtkfw_catalog_candidate *c)
{
	json_t *o = json_object(), *gates = json_array(), *reasons = json_array();

	for (size_t i = 0; i < c->gate_count; i++)
		json_array_append_new(gates, mtkfw_json_text(c->gates_failed[i]));
	for (size_t i = 0; i < c->reason_count; i++)
		json_array_append_new(reasons, mtkfw_json_text(c->reasons[i]));
	json_object_set_new(o, "id", json_integer((json_int_t)c->id));
	json_object_set_new(o, "path", mtkfw_json_text(c->path));
	json_object_set_new(o, "rank", json_integer(c->rank));
	json_object_set_new(o, "score", json_integer((json_int_t)c->score));
	json_object_set_new(o, "verdict", json_string(mtkfw_verdict_name(c->compat.verdict)));
	json_object_set_new(o, "gates_failed", gates);
	json_object_set_new(o, "reasons", reasons);
	json_object_set_new(o, "risks", mtkfwi_json_risks(&c->compat));
	json_object_set_new(o, "platform", mtkfw_json_text(c->platform));
	json_object_set_new(o, "project", mtkfw_json_text(c->project));
	json_object_set_new(o, "keep_preloader", json_boolean(c->keep_preloader));
	json_object_set_new(o, "successes", json_integer((json_int_t)c->successes));
	json_object_set_new(o, "failures", json_integer((json_int_t)c->failures));
	json_object_set_new(o, "shops", shops(c->shops, c->shop_count));
	json_object_set_new(o, "at_shop", mtkfw_json_text(c->elsewhere ? c->at_shop : NULL));
	return o;
}

int mtkfw_json_catalog_match(char **out, const struct mtkfw_target *t, const char *input,
			     const struct mtkfw_catalog_match *m)
{
	json_t *root = json_object(), *cands = json_array();

	*out = NULL;
	for (size_t i = 0; i < m->count; i++)
		json_array_append_new(cands, candidate(&m->items[i]));
	json_object_set_new(root, "target", target(t, input, m));
	json_object_set_new(root, "candidates", cands);
	json_object_set_new(root, "considered", mtkfw_json_u64(m->considered));
	json_object_set_new(root, "judged", mtkfw_json_u64(m->judged));
	json_object_set_new(root, "library", mtkfw_json_u64(m->library));
	return mtkfw_json_dump(out, root);
}

/* `library add`: what changed, what failed, the packages touched, what it read. */
int mtkfw_json_catalog_add(char **out, const struct mtkfw_catalog_add_report *r)
{
	json_t *root = json_object(), *failed = json_array(), *pk = json_array();

	*out = NULL;
	json_object_set_new(root, "added", mtkfw_json_u64(r->added));
	json_object_set_new(root, "updated", mtkfw_json_u64(r->updated));
	json_object_set_new(root, "unchanged", mtkfw_json_u64(r->unchanged));
	json_object_set_new(root, "moved", mtkfw_json_u64(r->moved));
	json_object_set_new(root, "gone", mtkfw_json_u64(r->gone));
	for (size_t i = 0; i < r->failed_count; i++) {
		json_t *f = json_object();

		json_object_set_new(f, "path", mtkfw_json_text(r->failed[i].path));
		json_object_set_new(f, "error", mtkfw_json_text(r->failed[i].error));
		json_array_append_new(failed, f);
	}
	json_object_set_new(root, "failed", failed);
	for (size_t i = 0; i < r->package_count; i++) {
		const struct mtkfw_catalog_ref *p = &r->packages[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer((json_int_t)p->id));
		json_object_set_new(o, "path", mtkfw_json_text(p->path));
		json_object_set_new(o, "platform", mtkfw_json_text(p->platform));
		json_object_set_new(o, "project", mtkfw_json_text(p->project));
		json_object_set_new(o, "change", json_string(mtkfw_catalog_change_name(p->change)));
		json_array_append_new(pk, o);
	}
	json_object_set_new(root, "packages", pk);
	json_object_set_new(root, "bytes_on_disk", mtkfw_json_u64(r->bytes_on_disk));
	json_object_set_new(root, "bytes_read", mtkfw_json_u64(r->bytes_read));
	return mtkfw_json_dump(out, root);
}

static json_t *labels(char *const *l, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, mtkfw_json_text(l[i]));
	return a;
}

int mtkfw_json_catalog_list(char **out, const struct mtkfw_catalog_list *l)
{
	json_t *root = json_object(), *a = json_array();

	*out = NULL;
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_catalog_entry *e = &l->items[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer((json_int_t)e->id));
		json_object_set_new(o, "path", mtkfw_json_text(e->path));
		json_object_set_new(o, "platform", mtkfw_json_text(e->platform));
		json_object_set_new(o, "project", mtkfw_json_text(e->project));
		json_object_set_new(o, "labels", labels(e->labels, e->label_count));
		json_object_set_new(o, "kind", mtkfw_json_text(e->kind));
		json_object_set_new(o, "state", mtkfw_json_text(e->state));
		json_object_set_new(o, "error", mtkfw_json_text(e->error));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "packages", a);
	return mtkfw_json_dump(out, root);
}

int mtkfw_json_catalog_package(char **out, const struct mtkfw_catalog_package *p)
{
	json_t *o = p->fingerprint ? json_loads(p->fingerprint, 0, NULL) : NULL, *files = json_array(),
	       *outs = json_array();

	*out = NULL;
	if (!o)
		o = json_object();
	/* The fingerprint keeps mtkfw profile's names; the library adds its own beside them. */
	json_object_set_new(o, "id", json_integer((json_int_t)p->entry.id));
	json_object_set_new(o, "path", mtkfw_json_text(p->entry.path));
	json_object_set_new(o, "kind", mtkfw_json_text(p->entry.kind));
	json_object_set_new(o, "state", mtkfw_json_text(p->entry.state));
	json_object_set_new(o, "error", mtkfw_json_text(p->entry.error));
	json_object_set_new(o, "archive", mtkfw_json_text(p->archive));
	json_object_set_new(o, "content_hash", mtkfw_json_text(p->content_hash));
	json_object_set_new(o, "checksum", mtkfw_json_text(p->checksum));
	json_object_set_new(o, "shop", mtkfw_json_text(p->shop));
	json_object_set_new(o, "shops", shops(p->shops, p->shop_count));
	for (size_t i = 0; i < p->file_count; i++) {
		json_t *f = json_object();

		json_object_set_new(f, "name", mtkfw_json_text(p->files[i].rel));
		json_object_set_new(f, "size", mtkfw_json_u64(p->files[i].size));
		json_object_set_new(f, "sha256", mtkfw_json_text(p->files[i].sha256));
		json_object_set_new(f, "sampled", json_boolean(p->files[i].sampled));
		json_object_set_new(f, "checksum", mtkfw_json_text(p->files[i].checksum));
		json_array_append_new(files, f);
	}
	json_object_set_new(o, "files", files);
	json_object_set_new(o, "labels", labels(p->entry.labels, p->entry.label_count));
	for (size_t i = 0; i < p->outcome_count; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "result", mtkfw_json_text(p->outcomes[i].result));
		json_object_set_new(r, "note", mtkfw_json_text(p->outcomes[i].note));
		json_object_set_new(r, "phone_cid", mtkfw_json_text(p->outcomes[i].phone_cid));
		json_object_set_new(r, "time", json_integer((json_int_t)p->outcomes[i].created_at));
		json_array_append_new(outs, r);
	}
	json_object_set_new(o, "outcomes", outs);
	return mtkfw_json_dump(out, o);
}

int mtkfw_json_catalog_check(char **out, const struct mtkfw_catalog_check *c)
{
	json_t *root = json_object(), *a = json_array();

	*out = NULL;
	for (size_t i = 0; i < c->count; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer((json_int_t)c->items[i].id));
		json_object_set_new(o, "path", mtkfw_json_text(c->items[i].path));
		json_object_set_new(o, "state", json_string(mtkfw_catalog_disk_name(c->items[i].disk)));
		json_object_set_new(o, "detail", mtkfw_json_text(c->items[i].detail));
		json_object_set_new(o, "moved_to", mtkfw_json_text(c->items[i].moved_to));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "checked", mtkfw_json_u64(c->checked));
	json_object_set_new(root, "packages", a);
	return mtkfw_json_dump(out, root);
}

int mtkfw_json_catalog_import(char **out, const struct mtkfw_catalog_import_report *r)
{
	json_t *root = json_object();

	*out = NULL;
	json_object_set_new(root, "packages", mtkfw_json_u64(r->packages));
	json_object_set_new(root, "known", mtkfw_json_u64(r->known));
	json_object_set_new(root, "added", mtkfw_json_u64(r->added));
	json_object_set_new(root, "labels", mtkfw_json_u64(r->labels));
	json_object_set_new(root, "outcomes", mtkfw_json_u64(r->outcomes));
	return mtkfw_json_dump(out, root);
}
