/*
 * mtkfw check, Checksum.ini rule: each listed image's byte sum against the value SP Flash Tool
 * will compare (8041), computed on the file the package resolved (by name, signed name or
 * content) by the one verification `mtkfw checksum` runs too (lib/firmware/package_checksum.c).
 */
#include "core/file.h"
#include "core/internal.h"
#include "analysis/check_internal.h"
#include "analysis/image_pass.h"
#include "firmware/package_checksum.h"

#include <strings.h>

static const char *pname(const struct mtkfw_partition *p)
{
	return p->name ? p->name : "";
}

/* ---- Checksum.ini ------------------------------------------------------------------------ */

static int pass_sum(void *user, const char *path, uint16_t *sum16, uint32_t *sum32)
{
	return mtkfwi_image_pass_checksum(user, path, sum16, sum32);
}

int mtkfwi_check_checksums(mtkfw_findings *out, const mtkfw_package *pkg, struct image_pass *ip)
{
	const char *ini_name = pkg->checksum_path ? mtkfw_path_base(pkg->checksum_path) : NULL;
	struct mtkfw_checksum_report r;
	mtkfw_checksum_ini *ini = NULL;
	int rc = 0;

	if (!pkg->checksum_path)
		return 0;
	if (mtkfw_checksum_ini_load(&ini, pkg->checksum_path) != 0)
		return mtkfw_findings_add(out, MTKFW_SEV_ERROR, "checksum-invalid", NULL, "%s", mtkfw_error_last()->message);
	/* The one verification `mtkfw checksum` runs too; this renders it as findings. */
	if ((rc = mtkfwi_package_checksum_verify_with(&r, pkg, ini, pass_sum, ip)) != 0) {
		mtkfw_checksum_ini_free(ini);
		return rc;
	}
	if (!ini->enabled)
		rc = mtkfw_findings_add(out, MTKFW_SEV_INFO, "checksum-disabled", NULL,
					"%s has CHECKSUM_SWITCH=0: SP Flash Tool does not verify the images", ini_name);
	for (size_t i = 0; i < r.count && rc == 0; i++) {
		const struct mtkfw_checksum_result *x = &r.items[i];
		const struct mtkfw_partition *p = mtkfw_layout_find(pkg->layout, x->key);
		int sev = ini->enabled ? MTKFW_SEV_ERROR : MTKFW_SEV_WARNING;

		switch (x->status) {
		case MTKFW_CHECKSUM_NOPART:
			rc = mtkfw_findings_add(out, MTKFW_SEV_WARNING, "checksum-unknown", x->key,
						"%s lists %s, which is not a partition of the scatter", ini_name, x->key);
			break;
		case MTKFW_CHECKSUM_ZERO:
			rc = mtkfw_findings_add(out, sev, "checksum-zero", pname(p),
						"%s gives 0 for %s: SP Flash Tool refuses a zero reference value (8041)",
						ini_name, x->key);
			break;
		case MTKFW_CHECKSUM_UNREADABLE:
			rc = mtkfw_findings_add(out, MTKFW_SEV_ERROR, "image-invalid", pname(p), "%s", x->problem);
			break;
		case MTKFW_CHECKSUM_MISMATCH:
			rc = mtkfw_findings_add(out, sev, "checksum-mismatch", pname(p),
						"%s sums to 0x%llX, %s says 0x%llX: SP Flash Tool stops with 8041 "
						"(FT_CHECKSUM_NOT_MATCH); regenerate %s or use the right image",
						x->file, (unsigned long long)x->actual, ini_name, (unsigned long long)x->expected,
						ini_name);
			break;
		default:
			break; /* ok; or missing, no file, not downloaded: SP Flash Tool does not sum it */
		}
	}
	mtkfw_checksum_report_clear(&r);
	mtkfw_checksum_ini_free(ini);
	return rc;
}
