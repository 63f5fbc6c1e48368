/* The offline jobs' documents: check, compat, profile (and what a phone's readback adds). */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <stdio.h>

json_t *json_check(const struct mtkfw_job_outcome *o)
{
	json_t *root = json_object(), *arr = json_array();

	json_object_set_new(root, "ok", json_boolean(o->findings.errors == 0));
	for (size_t i = 0; i < o->findings.count; i++)
		json_array_append_new(arr, json_finding(&o->findings.items[i]));
	json_object_set_new(root, "findings", arr);
	return root;
}

json_t *json_compat(const struct mtkfw_job_outcome *o)
{
	const struct mtkfw_compat *c = &o->compat;
	json_t *root = json_object(), *a = json_array();

	json_object_set_new(root, "firmware", mtkfw_json_text(o->firmware.path));
	json_object_set_new(root, "target", mtkfw_json_text(o->target.path));
	json_object_set_new(root, "verdict", json_string(mtkfw_verdict_name(c->verdict)));
	for (size_t i = 0; i < c->count; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "code", mtkfw_json_text(c->risks[i].code));
		json_object_set_new(r, "level", json_string(mtkfw_risk_level_name(c->risks[i].level)));
		json_object_set_new(r, "evidence", mtkfw_json_text(c->risks[i].evidence));
		json_object_set_new(r, "remedy", mtkfw_json_text(c->risks[i].remedy));
		json_array_append_new(a, r);
	}
	json_object_set_new(root, "risks", a);
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

json_t *json_profile(const struct mtkfw_job_outcome *o)
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
