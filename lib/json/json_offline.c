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

/* [{code, level, evidence, remedy}]: compat's risks, and the port proof's. */
static json_t *risks(const struct mtkfw_compat *c)
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
	json_object_set_new(root, "risks", risks(&o->compat));
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
	json_object_set_new(compat, "risks", risks(&pr->compat));
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

/* Addresses as phones' settings show them; IMEI records only as counts of their states. */
static json_t *identity_file(const struct mtkfw_identity_check *c)
{
	json_t *o = json_object();
	char mac[18];

	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", c->addr[0], c->addr[1], c->addr[2], c->addr[3],
		 c->addr[4], c->addr[5]);
	json_object_set_new(o, "file", mtkfw_json_text(c->path));
	json_object_set_new(o, "kind", json_string(mtkfw_identity_kind_name((mtkfw_identity_kind)c->kind)));
	json_object_set_new(o, "valid", json_boolean(c->valid));
	if (c->kind == MTKFW_IDENTITY_WIFI || c->kind == MTKFW_IDENTITY_BT_ADDR)
		json_object_set_new(o, "address", c->valid && c->addr_set ? json_string(mac) : json_null());
	if (c->kind == MTKFW_IDENTITY_IMEI)
		json_object_set_new(o, "imei_records",
				    c->valid ? json_pack("{s:i, s:i, s:i}", mtkfw_imei_slot_name(MTKFW_IMEI_PRESENT),
							 (json_int_t)c->imei_present, mtkfw_imei_slot_name(MTKFW_IMEI_EMPTY),
							 (json_int_t)c->imei_empty, mtkfw_imei_slot_name(MTKFW_IMEI_INVALID),
							 (json_int_t)c->imei_invalid)
					     : json_null());
	json_object_set_new(o, "problem", mtkfw_json_text(c->problem));
	return o;
}

/* What only a phone's readback has: its CID, its own table, the panel lk chose, identity files. */
static json_t *readback(const struct mtkfw_target *t)
{
	json_t *o, *ids, *table;

	if (!t->readback)
		return json_null();
	o = json_object();
	json_object_set_new(o, "cid", t->has_cid ? mtkfw_json_hex(t->cid, 16) : json_null());
	json_object_set_new(o, "maker", mtkfw_json_text(t->has_cid ? mtkfw_emmc_maker(t->cid[0]) : NULL));
	json_object_set_new(o, "user_size", t->user_size ? mtkfw_json_u64(t->user_size) : json_null());
	if (t->table) {
		table = json_object();
		json_object_set_new(table, "format", json_string(mtkfw_layout_format_name(t->table->format)));
		json_object_set_new(table, "partitions", mtkfw_json_u64(t->table->count));
	} else {
		table = json_null();
	}
	json_object_set_new(o, "table", table);
	json_object_set_new(o, "lcm", mtkfw_json_text(t->lcm));
	ids = json_array();
	for (size_t i = 0; i < t->identity_count; i++)
		json_array_append_new(ids, identity_file(&t->identity[i]));
	json_object_set_new(o, "identity", ids);
	return o;
}

json_t *mtkfwi_json_profile(const struct mtkfw_job_outcome *o)
{
	char *doc = NULL;
	json_t *root;

	/* The profile's own document (the one compat reads back as a saved profile), with what a
	 * readback adds. */
	if (mtkfw_profile_to_json(&doc, &o->target.profile, o->target.path) != 0)
		return NULL;
	root = json_loads(doc, 0, NULL);
	free(doc);
	if (root)
		json_object_set_new(root, "readback", readback(&o->target));
	return root;
}
