/*
 * lk (the little kernel bootloader): which LCM drivers it carries. lk probes each compiled-in
 * driver at boot and passes the one found to the kernel as lcm=1-NAME, so its name list is what
 * decides whether a phone's panel lights up (anchors-formats.md §C.2).
 */
#include "core/bytes.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>

struct lk_scan {
	struct mtkfw_names *out;
};

static int lk_string(const char *s, size_t n, void *user)
{
	struct lk_scan *sc = user;

	if (mtkfwi_fw_is_lcm_name(s, n))
		return mtkfwi_fw_names_add(sc->out, s, n);
	return 0;
}

/*
 * Where lk runs: its start code compares where it was loaded with where it was linked, so the
 * link address (_start) sits as a literal among the first instructions. Every page-aligned word
 * of the first KiB is a candidate; mtkfwi_fw_lcm_tables keeps the one that holds a driver table.
 */
static size_t lk_bases(const uint8_t *img, size_t len, uint32_t *bases, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i + 4 <= len && i < 1024 && n < max; i += 4) {
		uint32_t v = rd_le32(img + i);
		bool seen = false;

		if (!v || v & 0xFFFu)
			continue;
		for (size_t k = 0; k < n; k++)
			seen = seen || bases[k] == v;
		if (!seen)
			bases[n++] = v;
	}
	return n;
}

int mtkfw_lk_lcm(struct mtkfw_names *out, const uint8_t *buf, size_t len, const char *name)
{
	struct lk_scan sc = { out };
	size_t skip = mtkfwi_fw_mtkhdr_skip(buf, len), nbases, tables;
	uint32_t bases[16];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "lk";
	if (len - skip < 1024)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes is too small for an lk image", name, len);
	/* The table first (panels by their place), then the naming rules. */
	nbases = lk_bases(buf + skip, len - skip, bases, sizeof(bases) / sizeof(bases[0]));
	rc = mtkfwi_fw_lcm_tables(out, buf + skip, len - skip, bases, nbases, &tables);
	if (!rc)
		rc = mtkfwi_fw_strings(buf + skip, len - skip, 6, lk_string, &sc);
	if (rc) {
		mtkfw_names_clear(out);
		return rc;
	}
	return 0;
}
