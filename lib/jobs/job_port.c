/* The port job: a sister board's firmware made to fit a phone, built whole and proven. */
#include "jobs/jobs_internal.h"
#include "core/internal.h"

/* The keep-list the port follows: the caller's file or the default, with the --keep and
 * --take entries applied in order. */
static int keep_list(mtkfw_keep_list *l, const struct mtkfw_port_job *o)
{
	int rc = o->keep_file ? mtkfw_keep_load(l, o->keep_file) : mtkfw_keep_default(l);

	for (size_t i = 0; !rc && i < o->keep.count; i++)
		rc = mtkfw_keep_add(l, o->keep.names[i], "named with --keep");
	for (size_t i = 0; !rc && i < o->take.count; i++)
		rc = mtkfw_keep_take(l, o->take.names[i]);
	return rc;
}

int mtkfw_job_port(struct mtkfw_job_outcome *out, const struct mtkfw_port_job *opts, mtkfw_ctx *ctx)
{
	mtkfw_keep_list keep = { 0 };
	struct mtkfw_port_opts po = { .version = 1, .keep = &keep };
	struct mtkfw_port_build_opts bo = { .version = 1, .force = opts->force };
	struct port_side base = { 0 }, phone = { 0 };
	char *tmp = NULL;
	struct job j;
	int rc;

	mtkfwi_job_start(&j, out, MTKFW_JOB_PORT, ctx);
	if (!opts->base || !(opts->phone || opts->phone_on_cable) || (!opts->dry_run && !opts->out))
		return mtkfwi_job_end(&j, mtkfw_seterr(MTKFW_ERR_INVALID, "port: give the base, the phone and the package to write"));
	if ((rc = keep_list(&keep, opts)))
		goto out;
	/* Refused before an archive is taken out or a phone read (the build says it again). */
	if (!opts->dry_run && (rc = mtkfw_outdir_check(opts->out, opts->force)))
		goto out;
	if (!(tmp = mtkfwi_port_tmp_parent(opts->tmp_dir, opts->dry_run ? NULL : opts->out))) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	if ((rc = mtkfwi_port_base(&base, opts->base, opts->catalog, &keep, tmp, ctx)))
		goto out;
	if (opts->phone_on_cable) {
		if ((rc = mtkfwi_port_phone(&j, &phone, &opts->connect, &keep, tmp)))
			goto out;
	} else {
		phone.path = opts->phone;
	}
	po.base_name = base.name;
	po.phone_name = phone.name;
	if ((rc = mtkfw_port_plan_build(&out->port_plan, base.path, phone.path, &po, ctx)))
		goto out;
	if (opts->dry_run) {
		out->result = MTKFW_RESULT_DRY_RUN;
		goto out;
	}
	if (!(out->port_out = mtkfw_strdup(opts->out))) {
		rc = mtkfw_nomem();
		goto out;
	}
	if ((rc = mtkfw_port_build(out->port_plan, opts->out, &bo, ctx)) ||
	    (rc = mtkfw_port_prove(&out->port_proof, opts->out, phone.path, ctx)))
		goto out;
	out->has_port_proof = true;
	for (size_t i = 0; !rc && i < out->port_proof.check.count; i++)
		rc = mtkfwi_job_event(&j, MTKFW_EVENT_FINDING, NULL, &out->port_proof.check.items[i], NULL);
	if (!rc)
		out->result = MTKFW_RESULT_DONE;
out:
	rc = mtkfwi_job_end(&j, rc);
	mtkfwi_port_side_clear(&base);
	mtkfwi_port_side_clear(&phone);
	mtkfw_keep_list_clear(&keep);
	free(tmp);
	return rc;
}
