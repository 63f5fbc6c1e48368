/*
 * Executing a port's plan: each file of the package copied or built in a temporary folder
 * beside OUT, then the scatter (the phone's layout) and a Checksum.ini computed from the files
 * as written, and the folder renamed into place. Large intermediate files (the raw system image,
 * the unpacked boot image) live in a second folder beside OUT, removed at the end either way.
 */
#include "core/file.h"
#include "core/internal.h"
#include "core/outdir.h"
#include "port/port_internal.h"

#include <stdio.h>
#include <strings.h>

/* An MBR or EBR sector laid out from the layout, as ptgen lays it out. */
static int build_table(const mtkfw_port_plan *plan, const char *name, const char *path)
{
	struct mtkfw_mbr_table t[MTKFW_MBR_MAX_TABLES];
	size_t n = 0;
	int rc = mtkfw_mbr_build(plan->layout, t, &n);

	for (size_t i = 0; !rc && i < n; i++)
		if (!strcasecmp(t[i].name, name))
			return mtkfw_write_file_atomic(path, t[i].data, sizeof(t[i].data));
	return rc ? rc : mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: the layout puts no such table", name);
}

static int build_part(const mtkfw_port_plan *plan, const struct mtkfw_port_part *pp, const char *tmp,
		      const char *scratch, mtkfw_ctx *ctx)
{
	char *path = NULL;
	int rc = mtkfw_path_under(tmp, pp->file, &path);

	if (rc)
		return rc;
	if (pp->source == MTKFW_PORT_PHONE || pp->source == MTKFW_PORT_BASE)
		rc = mtkfwi_port_from_copy(&pp->from, path, pp->name, ctx);
	else if (!strcasecmp(pp->name, "BOOTIMG"))
		rc = mtkfwi_port_boot_build(plan, scratch, path, ctx);
	else if (!strcasecmp(pp->name, "ANDROID") || !strcasecmp(pp->name, "SYSTEM"))
		rc = mtkfwi_port_system_build(plan, scratch, path, ctx);
	else
		rc = build_table(plan, pp->name, path);
	free(path);
	return rc;
}

int mtkfw_port_build(const mtkfw_port_plan *plan, const char *out, const struct mtkfw_port_build_opts *o,
		     mtkfw_ctx *ctx)
{
	struct mtkfw_outdir d, scratch = { 0 };
	char *sc = NULL, *ck = NULL;
	mtkfw_checksum_ini *ini = NULL;
	int rc;

	if (!plan || !out || !*out || (o && o->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_port_build: bad arguments");
	/* Refused before anything is read or written (the same rule and words as every output). */
	if ((rc = mtkfw_outdir_open(&d, out, o && o->force)))
		return rc;
	/* The intermediates' folder is a second temporary folder beside OUT, never committed: both
	 * are in the temp registry, so an interruption removes them too. */
	if ((rc = mtkfw_outdir_open(&scratch, out, true)))
		goto out;
	for (size_t i = 0; i < plan->count && !rc; i++)
		if (plan->parts[i].source != MTKFW_PORT_NONE && plan->parts[i].file)
			rc = build_part(plan, &plan->parts[i], d.tmp, scratch.tmp, ctx);
	if (!rc && !(rc = mtkfw_path_under(d.tmp, plan->scatter_name, &sc)))
		rc = mtkfw_scatter_save(plan->layout, MTKFW_LAYOUT_YAML, sc);
	/* Sums of the files as written: a stale Checksum.ini (8041) cannot come out of a port. */
	if (!rc) {
		mtkfw_package *pkg = NULL;

		if (!(rc = mtkfw_package_open(&pkg, sc)) && !(rc = mtkfw_package_checksum_generate(&ini, pkg, MTKFW_CHECKSUM_V1)) &&
		    !(rc = mtkfw_path_under(d.tmp, "Checksum.ini", &ck)))
			rc = mtkfw_checksum_ini_save(ini, ck);
		mtkfw_package_free(pkg);
	}
	if (!rc)
		rc = mtkfw_cancelled(ctx);
	if (!rc)
		rc = mtkfw_outdir_commit(&d, 0755);
out:
	/* A write that failed inside the temporary folder is a failure to write OUT. */
	mtkfw_outdir_name_output(&d);
	mtkfw_outdir_abort(&d);
	mtkfw_outdir_abort(&scratch);
	mtkfw_checksum_ini_free(ini);
	free(sc);
	free(ck);
	return rc;
}
