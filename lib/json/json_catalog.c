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
