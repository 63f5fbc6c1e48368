/*
 * The readback job: a range of an eMMC area into a file; named partitions into a folder
 * (located by a scatter of this phone or its PMT); or all of boot1 and the user area into a
 * folder, with the phone's fingerprint (device.json) and its PMT as a scatter beside them.
 */
#include "jobs/jobs_internal.h"
#include "device/device_json.h"
#include "core/enum_words.h"
#include "core/file.h"
#include "core/json_text.h"
#include "core/internal.h"

static const char *const kind_words[] = { "range", "partitions", "all", "match" };

const char *mtkfw_readback_kind_name(int kind)
{
	return mtkfw_enum_word(MTKFW_WORDS(kind_words), kind, "?");
}

int mtkfw_readback_kind_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(kind_words), word);
}

/* The extras of a full dump: the phone's fingerprint, and its PMT as a scatter when it has one. */
static int dump_extras(struct job *j, const char *dir)
{
	mtkfw_layout *pmt = NULL;
	char *text = NULL, *path;
	int rc;

	if ((rc = mtkfw_json_dump(&text, mtkfwi_device_info_json(mtkfw_device_info(j->dev), NULL))))
		return rc;
	if (!(path = mtkfw_path_join(dir, "device.json"))) {
		free(text);
		return MTKFW_ERR_NOMEM;
	}
	rc = mtkfw_write_file_atomic(path, text, strlen(text));
	free(text);
	if (rc) {
		free(path);
		return rc;
	}
	j->out->device_json = path;
	rc = mtkfw_device_read_pmt(&pmt, j->dev, j->ctx);
	if (rc == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		return mtkfwi_job_event(j, MTKFW_EVENT_NOTE, NULL, NULL, "no PMT on the phone: no scatter generated");
	}
	if (!rc && !(path = mtkfw_path_join(dir, "MT6572_Android_scatter.txt")))
		rc = MTKFW_ERR_NOMEM;
	if (!rc && !(rc = mtkfw_scatter_save(pmt, MTKFW_LAYOUT_YAML, path)))
		j->out->scatter = path;
	else if (!rc)
		free(path);
	mtkfw_layout_free(pmt);
	return rc;
}

int mtkfw_job_readback(struct mtkfw_job_outcome *out, const struct mtkfw_readback_job *opts, mtkfw_ctx *ctx)
{
	mtkfw_layout *layout = NULL;
	char *list = NULL;
	struct job j;
	int rc = 0;

	mtkfwi_job_start(&j, out, MTKFW_JOB_READBACK, ctx);
	if (!opts->out)
		return mtkfwi_job_end(&j, mtkfw_seterr(MTKFW_ERR_INVALID, "readback: where to? no output named"));
	/* Everything that can fail without the phone fails first: a read of gigabytes must not
	 * end in a refusal of its output. */
	if (opts->kind == MTKFW_READBACK_RANGE && (rc = mtkfw_output_check(opts->out, opts->force)))
		return mtkfwi_job_end(&j, rc);
	if (opts->kind == MTKFW_READBACK_PARTITIONS) {
		if (!(list = mtkfwi_job_names_join(&opts->partitions)))
			return mtkfwi_job_end(&j, mtkfw_error_last()->code);
		if (opts->scatter && (rc = mtkfw_scatter_load(&layout, opts->scatter))) {
			free(list);
			return mtkfwi_job_end(&j, rc);
		}
	}
	if (!(rc = mtkfwi_job_connect(&j, &opts->connect, true, opts->kind == MTKFW_READBACK_MATCH ? MTKFW_USB_KEEP : MTKFW_USB_HIGH,
				       NULL)) && layout)
		rc = mtkfw_layout_resolve(layout, mtkfw_device_info(j.dev)->user_size);
	if (!rc) {
		switch (opts->kind) {
		case MTKFW_READBACK_ALL:
			if (!(rc = mtkfw_device_dump_all(j.dev, opts->out, ctx)))
				rc = dump_extras(&j, opts->out);
			break;
		case MTKFW_READBACK_MATCH:
			rc = mtkfwi_job_read_for_match(&j, opts->out);
			break;
		case MTKFW_READBACK_PARTITIONS:
			rc = mtkfw_device_read_partitions(&out->files, j.dev, layout, list, opts->out, ctx);
			break;
		default:
			rc = mtkfw_device_read_to_file(j.dev, opts->area, opts->offset, opts->length, opts->out,
						       out->sha256, ctx);
			break;
		}
	}
	if (!rc)
		out->result = MTKFW_RESULT_DONE;
	free(list);
	mtkfw_layout_free(layout);
	return mtkfwi_job_end(&j, rc);
}
