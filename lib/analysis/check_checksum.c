/*
 * mtkfw check, Checksum.ini rule: each listed image's byte sum against the value SP Flash Tool
 * will compare (8041), computed on the file the package resolved (by name or by content).
 * The Checksum.ini parser and the byte sums are lib/layout's (layout.h).
 */
#include "core/file.h"
#include "core/internal.h"
#include "analysis/check_internal.h"
#include "analysis/image_pass.h"

#include <strings.h>

static const char *pname(const struct mtkfw_partition *p)
{
	return p->name ? p->name : "";
}

/* ---- Checksum.ini ------------------------------------------------------------------------ */

int check_checksums(mtkfw_findings *out, const mtkfw_package *pkg, struct image_pass *ip)
{
	const char *ini_name = pkg->checksum_path ? mtkfw_path_base(pkg->checksum_path) : NULL;
	mtkfw_checksum_ini *ini = NULL;
	uint8_t *text = NULL;
	size_t len = 0;
	int rc = 0;

	if (!pkg->checksum_path)
		return 0;
	if (mtkfw_read_file(pkg->checksum_path, 1u << 20, &text, &len) != 0 ||
	    mtkfw_checksum_ini_parse(&ini, (const char *)text, len, ini_name) != 0) {
		free(text);
		return mtkfw_findings_add(out, MTKFW_SEV_ERROR, "checksum-invalid", NULL, "%s", mtkfw_error_last()->message);
	}
	free(text);
	if (!ini->enabled)
		rc = mtkfw_findings_add(out, MTKFW_SEV_INFO, "checksum-disabled", NULL,
					"%s has CHECKSUM_SWITCH=0: SP Flash Tool does not verify the images", ini_name);
	for (size_t i = 0; i < ini->count && rc == 0; i++) {
		const struct mtkfw_checksum_entry *e = &ini->entries[i];
		const struct mtkfw_partition *p = mtkfw_layout_find(pkg->layout, e->key);
		const struct mtkfw_package_file *pf = p ? &pkg->files[p - pkg->layout->parts] : NULL;
		int sev = ini->enabled ? MTKFW_SEV_ERROR : MTKFW_SEV_WARNING;
		uint16_t s16;
		uint32_t s32;
		uint64_t actual;

		if (!p) {
			rc = mtkfw_findings_add(out, MTKFW_SEV_WARNING, "checksum-unknown", e->key,
						"%s lists %s, which is not a partition of the scatter", ini_name, e->key);
			continue;
		}
		if (!pf->path || !p->download)
			continue; /* missing, no file, or not downloaded: SP Flash Tool does not sum it */
		if (e->value == 0) {
			rc = mtkfw_findings_add(out, sev, "checksum-zero", pname(p),
						"%s gives 0 for %s: SP Flash Tool refuses a zero reference value (8041)",
						ini_name, e->key);
			continue;
		}
		if ((rc = image_pass_checksum(ip, pf->path, &s16, &s32)) != 0) {
			rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "image-invalid", pname(p), "%s",
						mtkfw_error_last()->message);
			continue;
		}
		actual = ini->style == MTKFW_CHECKSUM_V1 ? s16 : s32;
		if (actual != e->value)
			rc = mtkfw_findings_add(out, sev, "checksum-mismatch", pname(p),
						"%s sums to 0x%llX, %s says 0x%llX: SP Flash Tool stops with 8041 "
						"(FT_CHECKSUM_NOT_MATCH); regenerate %s or use the right image",
						pf->name, (unsigned long long)actual, ini_name, (unsigned long long)e->value,
						ini_name);
	}
	mtkfw_checksum_ini_free(ini);
	return rc;
}

