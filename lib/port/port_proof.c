/*
 * The proof of a port: the package is checked as `mtkfw check` checks any package, and
 * compared with the phone as `mtkfw compat` compares any firmware, with the same rules. A port
 * is good when check finds no error and the rows that a port exists to fix are all ok.
 */
#include "core/internal.h"
#include "port/port_internal.h"

#include <stdio.h>

int mtkfw_port_prove(struct mtkfw_port_proof *out, const char *pkg, const char *phone, mtkfw_ctx *ctx)
{
	struct mtkfw_target fw = { 0 }, ph = { 0 };
	char *dir = NULL;
	int rc;

	if (!out || !pkg || !phone)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_port_prove: NULL argument");
	memset(out, 0, sizeof(*out));
	if ((rc = mtkfw_check_package(&out->check, pkg, ctx)) || (rc = mtkfwi_port_phone_dir(phone, &dir)) ||
	    (rc = mtkfw_target_load(&fw, pkg, ctx)) || (rc = mtkfw_target_load(&ph, dir, ctx)) ||
	    (rc = mtkfw_compat_check(&out->compat, &fw, &ph)))
		goto out;
	for (size_t i = 0; i < out->compat.count; i++) {
		const struct mtkfw_risk *r = &out->compat.risks[i];
		char want[64];

		/* A row is required when its code is a word of MTKFW_PORT_PROOF_ROWS. */
		snprintf(want, sizeof(want), ",%s,", r->code);
		if (strstr("," MTKFW_PORT_PROOF_ROWS ",", want) && r->level != MTKFW_RISK_OK &&
		    out->failed_count < sizeof(out->failed) / sizeof(out->failed[0]))
			out->failed[out->failed_count++] = r->code;
	}
	out->ok = out->check.errors == 0 && out->failed_count == 0;
out:
	mtkfw_target_clear(&fw);
	mtkfw_target_clear(&ph);
	free(dir);
	if (rc)
		mtkfw_port_proof_clear(out);
	return rc;
}

void mtkfw_port_proof_clear(struct mtkfw_port_proof *p)
{
	if (!p)
		return;
	mtkfw_findings_clear(&p->check);
	mtkfw_compat_clear(&p->compat);
	memset(p, 0, sizeof(*p));
}
