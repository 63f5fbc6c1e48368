/* The offline jobs' documents: check, compat, profile (and what a phone's readback adds). */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <stdio.h>

/* {ok, findings: [...]}: check's document, and the port proof's check. */
static json_t *findings(const mtkfw_findings *f)
{
	json_t *root = json_object(), *arr = json_array();

	json_object_set_new(root, "ok", json_boolean(f->errors == 0));
	for (size_t i = 0; i < f->count; i++)
		json_array_append_new(arr, mtkfwi_json_finding(&f->items[i]));
	json_object_set_new(root, "findings", arr);
	return root;
}

json_t *mtkfwi_json_check(const struct mtkfw_job_outcome *o)
{
	return findings(&o->findings);
}

json_t *mtkfwi_json_risks(const struct mtkfw_compat *c)
{
	json_t *a = json_array();

	for (size_t i = 0; i < c->count; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "code", mtkfw_json_text(c->risks[i].code));
		json_object_set_new(r, "level", json_string(mtkfw_risk_level_name(c->risks[i].level)));
		json_object_set_new(r, "evidence", mtkfw_json_text(c->risks[i].evidence));
		json_object_set_new(r, "remedy", mtkfw_json_text(c->risks[i].remedy));
		json_array_append_new(a, r);
	}
	return a;
}

json_t *mtkfwi_json_compat(const struct mtkfw_job_outcome *o)
{
	json_t *root = json_object();

	json_object_set_new(root, "firmware", mtkfw_json_text(o->firmware.path));
	json_object_set_new(root, "target", mtkfw_json_text(o->target.path));
	json_object_set_new(root, "verdict", json_string(mtkfw_verdict_name(o->compat.verdict)));
	json_object_set_new(root, "risks", mtkfwi_json_risks(&o->compat));
	return root;
}

/* A list of names as a JSON array of strings. */
static json_t *names(const struct mtkfw_names *n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n->count; i++)
		json_array_append_new(a, mtkfw_json_text(n->names[i]));
	return a;
}

static json_t *port_boot(const mtkfw_port_plan *p)
{
	json_t *boot = json_object();

	json_object_set_new(boot, "source", json_string(mtkfw_port_source_name(p->boot.source)));
	json_object_set_new(boot, "kernel", json_string(mtkfw_port_source_name(p->boot.source == MTKFW_PORT_BASE
										 ? MTKFW_PORT_BASE : MTKFW_PORT_PHONE)));
	json_object_set_new(boot, "ramdisk", json_string(mtkfw_port_source_name(p->boot.ramdisk)));
	json_object_set_new(boot, "phone_android", mtkfw_json_text(p->boot.phone_android));
	json_object_set_new(boot, "base_android", mtkfw_json_text(p->boot.base_android));
	json_object_set_new(boot, "board", mtkfw_json_text(p->boot.board));
	json_object_set_new(boot, "board_files", names(&p->boot.board_files));
	json_object_set_new(boot, "dropped", names(&p->boot.dropped));
	return boot;
}

static json_t *port_proof(const struct mtkfw_port_proof *pr)
{
	json_t *root = json_object(), *failed = json_array(), *compat = json_object();

	for (size_t i = 0; i < pr->failed_count; i++)
		json_array_append_new(failed, json_string(pr->failed[i]));
	json_object_set_new(root, "ok", json_boolean(pr->ok));
	json_object_set_new(root, "failed", failed);
	json_object_set_new(root, "check", findings(&pr->check));
	json_object_set_new(compat, "verdict", json_string(mtkfw_verdict_name(pr->compat.verdict)));
	json_object_set_new(compat, "risks", mtkfwi_json_risks(&pr->compat));
	json_object_set_new(root, "compat", compat);
	return root;
}

json_t *mtkfwi_json_port(const struct mtkfw_job_outcome *o)
{
	const mtkfw_port_plan *p = o->port_plan;
	json_t *root = json_object(), *parts = json_array(), *sys = json_array();

	for (size_t i = 0; i < p->count; i++) {
		json_t *j = json_object();

		json_object_set_new(j, "partition", mtkfw_json_text(p->parts[i].name));
		json_object_set_new(j, "source", json_string(mtkfw_port_source_name(p->parts[i].source)));
		json_object_set_new(j, "file", mtkfw_json_text(p->parts[i].file));
		json_object_set_new(j, "reason", mtkfw_json_text(p->parts[i].reason));
		json_array_append_new(parts, j);
	}
	for (size_t i = 0; i <= p->system.count; i++) {
		json_t *j = json_object();
		bool rest = i == p->system.count; /* the line that says where the rest comes from */

		json_object_set_new(j, "path", mtkfw_json_text(rest ? "/" : p->system.paths[i].path));
		json_object_set_new(j, "source", json_string(mtkfw_port_source_name(rest ? MTKFW_PORT_BASE
												  : p->system.paths[i].source)));
		json_object_set_new(j, "reason", mtkfw_json_text(rest ? MTKFW_PORT_REST_REASON : p->system.paths[i].reason));
		json_array_append_new(sys, j);
	}
	json_object_set_new(root, "base", mtkfw_json_text(p->base));
	json_object_set_new(root, "phone", mtkfw_json_text(p->phone));
	json_object_set_new(root, "layout", mtkfw_json_text(p->layout_from));
	json_object_set_new(root, "scatter", mtkfw_json_text(p->scatter_name));
	json_object_set_new(root, "parts", parts);
	json_object_set_new(root, "system", sys);
	json_object_set_new(root, "boot", port_boot(p));
	json_object_set_new(root, "out", mtkfw_json_text(o->port_out));
	json_object_set_new(root, "proof", o->has_port_proof ? port_proof(&o->port_proof) : json_null());
	return root;
}

json_t *mtkfwi_json_profile(const struct mtkfw_job_outcome *o)
{
	char *doc = NULL;
	json_t *root;

	/* The profile's one document (the one compat reads back as a saved profile and the
	 * firmware library stores), with what a readback adds and what the phone claims. */
	if (mtkfw_target_to_json(&doc, &o->target, o->target.path) != 0)
		return NULL;
	root = json_loads(doc, 0, NULL);
	free(doc);
	return root;
}
