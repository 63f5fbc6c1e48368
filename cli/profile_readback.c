/* The readback part of `mtkfw profile` (see profile_readback.h). Addresses are shown the way
 * phones' settings show them; IMEI records only as counts of their checksum states. */
#include "profile_readback.h"

#include <stdio.h>
#include <stdlib.h>

static void mac_text(char out[18], const uint8_t a[6])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
}

static json_t *identity_json(const struct mtkfw_identity_check *c)
{
	char mac[18];
	json_t *o = json_pack("{s:s, s:s, s:b}", "file", c->path, "kind",
			      mtkfw_identity_kind_name((mtkfw_identity_kind)c->kind), "valid", c->valid);

	mac_text(mac, c->addr);
	if (c->kind == MTKFW_IDENTITY_WIFI || c->kind == MTKFW_IDENTITY_BT_ADDR)
		json_object_set_new(o, "address", c->valid && c->addr_set ? json_string(mac) : json_null());
	if (c->kind == MTKFW_IDENTITY_IMEI)
		json_object_set_new(o, "imei_records",
				    c->valid ? json_pack("{s:i, s:i, s:i}", "present", (json_int_t)c->imei_present, "empty",
							 (json_int_t)c->imei_empty, "invalid", (json_int_t)c->imei_invalid)
					     : json_null());
	json_object_set_new(o, "problem", cli_json_str_or_null(c->problem));
	return o;
}

json_t *readback_json(const struct mtkfw_target *t)
{
	json_t *o, *ids;
	char *cid;

	if (!t->readback)
		return json_null();
	ids = json_array();
	cid = t->has_cid ? cli_hex(t->cid, 16) : NULL;
	o = json_pack("{s:o, s:o, s:o}", "cid", cli_json_str_or_null(cid), "maker",
		      cli_json_str_or_null(t->has_cid ? mtkfw_emmc_maker(t->cid[0]) : NULL), "user_size",
		      t->user_size ? cli_json_u64(t->user_size) : json_null());
	free(cid);
	json_object_set_new(o, "table",
			    t->table ? json_pack("{s:s, s:o}", "format", mtkfw_layout_format_name(t->table->format),
						 "partitions", cli_json_u64(t->table->count))
				     : json_null());
	json_object_set_new(o, "lcm", cli_json_str_or_null(t->lcm));
	for (size_t i = 0; i < t->identity_count; i++)
		json_array_append_new(ids, identity_json(&t->identity[i]));
	json_object_set_new(o, "identity", ids);
	return o;
}

void readback_text(const struct mtkfw_target *t)
{
	if (!t->readback)
		return;
	if (t->has_cid) {
		char *cid = cli_hex(t->cid, 16);
		const char *m = mtkfw_emmc_maker(t->cid[0]);

		printf("eMMC CID:  %s (%s)\n", cid ? cid : "?", m ? m : "unknown maker");
		free(cid);
	}
	if (t->table)
		printf("table:     %s, %zu partitions%s\n", mtkfw_layout_format_name(t->table->format), t->table->count,
		       t->user_size ? "" : "");
	if (t->lcm)
		printf("panel:     %s (lcm= on the cmdline)\n", t->lcm);
	for (size_t i = 0; i < t->identity_count; i++) {
		const struct mtkfw_identity_check *c = &t->identity[i];
		char mac[18];

		mac_text(mac, c->addr);
		if (!c->valid)
			printf("identity:  %s: %s\n", c->path, c->problem ? c->problem : "damaged");
		else if (c->kind == MTKFW_IDENTITY_IMEI)
			printf("identity:  %s: IMEI records: %u present, %u empty, %u invalid checksums\n", c->path,
			       c->imei_present, c->imei_empty, c->imei_invalid);
		else
			printf("identity:  %s: %s %s\n", c->path, c->kind == MTKFW_IDENTITY_WIFI ? "Wi-Fi MAC" : "BT address",
			       c->addr_set ? mac : "(not set)");
	}
}
