/* The readback part of `mtkfw profile` as text (see profile_readback.h; its JSON is the
 * library's). Addresses are shown the way phones' settings show them; IMEI records only as
 * counts of their checksum states. */
#include "profile_readback.h"

#include <stdio.h>
#include <stdlib.h>

static void mac_text(char out[18], const uint8_t a[6])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
}

void readback_text(const struct mtkfw_target *t)
{
	struct mtkfw_claims cl;

	/* What the phone claims, beside what it is. */
	if (mtkfw_claims_check(&cl, t) == 0) {
		for (size_t i = 0; i < cl.count; i++)
			printf("claim:     %-8s %s claimed, %s found%s\n", cl.items[i].field, cl.items[i].claimed,
			       cl.items[i].found, cl.items[i].agrees ? "" : " (disagrees)");
		if (cl.summary)
			printf("clone:     %s\n", cl.summary);
		mtkfw_claims_clear(&cl);
	}
	if (!t->readback)
		return;
	if (t->chip)
		printf("chip:      %s (as the phone reported it)\n", t->chip);
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
