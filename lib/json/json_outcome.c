/* A job's outcome as the document its command prints with --json (mtkfw/json.h). */
#include "json/json_internal.h"
#include "device/device_json.h"
#include "core/json_text.h"
#include "core/internal.h"

int mtkfw_json_outcome(char **out, const struct mtkfw_job_outcome *o)
{
	json_t *doc = NULL;

	*out = NULL;
	switch (o->job) {
	case MTKFW_JOB_DETECT:
	case MTKFW_JOB_INFO:
		doc = mtkfwi_device_info_json(&o->device, o->port);
		break;
	case MTKFW_JOB_READBACK:
		if (o->files)
			doc = mtkfwi_json_backup_items(o->files);
		else if (o->device_json)
			doc = mtkfwi_device_info_json(&o->device, o->port);
		break;
	case MTKFW_JOB_BACKUP:
		if (o->files)
			doc = mtkfwi_json_backup_items(o->files);
		break;
	case MTKFW_JOB_RESTORE:
		doc = mtkfwi_json_restore(o);
		break;
	case MTKFW_JOB_FLASH:
		if (o->plan)
			doc = mtkfwi_json_flash(o);
		break;
	case MTKFW_JOB_FORMAT:
	case MTKFW_JOB_ERASE:
		doc = mtkfwi_json_format(o);
		break;
	case MTKFW_JOB_REBOOT:
		doc = mtkfwi_json_reboot(o);
		break;
	case MTKFW_JOB_CHECK:
		doc = mtkfwi_json_check(o);
		break;
	case MTKFW_JOB_PROFILE:
		if (o->has_target && !(doc = mtkfwi_json_profile(o)))
			return mtkfw_error_last()->code ? mtkfw_error_last()->code : mtkfw_nomem();
		break;
	case MTKFW_JOB_COMPAT:
		if (o->has_compat)
			doc = mtkfwi_json_compat(o);
		break;
	case MTKFW_JOB_PORT:
		if (o->port_plan)
			doc = mtkfwi_json_port(o);
		break;
	default:
		break;
	}
	if (!doc)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: no JSON report for this outcome", mtkfw_job_name(o->job));
	return mtkfw_json_dump(out, doc);
}
