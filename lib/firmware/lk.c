/*
 * lk (the little kernel bootloader): which LCM drivers it carries. lk probes each compiled-in
 * driver at boot and passes the one found to the kernel as lcm=1-NAME, so its name list is what
 * decides whether a phone's panel lights up (anchors-formats.md §C.2).
 */
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>

struct lk_scan {
	struct mtkfw_names *out;
};

static int lk_string(const char *s, size_t n, void *user)
{
	struct lk_scan *sc = user;

	if (fw_is_lcm_name(s, n))
		return fw_names_add(sc->out, s, n);
	return 0;
}

int mtkfw_lk_lcm(struct mtkfw_names *out, const uint8_t *buf, size_t len, const char *name)
{
	struct lk_scan sc = { out };
	size_t skip = fw_mtkhdr_skip(buf, len);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "lk";
	if (len - skip < 1024)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes is too small for an lk image", name, len);
	rc = fw_strings(buf + skip, len - skip, 6, lk_string, &sc);
	if (rc) {
		mtkfw_names_free(out);
		return rc;
	}
	return 0;
}
