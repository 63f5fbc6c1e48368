/*
 * How a job ended, as both front ends report it (mtkfw_job_end) and the failure's JSON
 * (mtkfw_json_error): the exit codes of contracts.md by job and result, which line goes into
 * the JSON, and the "file" a message names.
 */
#include "testutil.h"

#include <mtkfw/json.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static struct mtkfw_job_end end_of(const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *op)
{
	struct mtkfw_job_end e;

	mtkfw_job_end(&e, o, op);
	return e;
}

static void offline_exit_codes(void **state)
{
	struct mtkfw_job_outcome o = { .job = MTKFW_JOB_CHECK };
	struct mtkfw_finding f = { 0 };
	struct mtkfw_job_end e;

	(void)state;
	e = end_of(&o, NULL);
	assert_true(e.report);
	assert_int_equal(e.exit, 0);
	assert_int_equal(e.status, 0);
	o.findings.items = &f;
	o.findings.count = o.findings.errors = 1;
	assert_int_equal(end_of(&o, NULL).exit, 1);
	/* A package that cannot be read is unreadable input (2), even for an I/O error. */
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_CHECK, .status = MTKFW_ERR_IO, .message = "pkg: gone" };
	e = end_of(&o, NULL);
	assert_false(e.report);
	assert_int_equal(e.exit, 2);
	assert_true(e.in_json);
	assert_string_equal(e.message, "pkg: gone");
	o.job = MTKFW_JOB_PROFILE;
	assert_int_equal(end_of(&o, NULL).exit, 1);
	o.status = MTKFW_ERR_TRUNCATED;
	assert_int_equal(end_of(&o, NULL).exit, 2);
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_COMPAT, .compat = { .verdict = MTKFW_VERDICT_UNSAFE } };
	assert_int_equal(end_of(&o, NULL).exit, 3);
	o.compat.verdict = MTKFW_VERDICT_RISKY;
	assert_int_equal(end_of(&o, NULL).exit, 1);
	/* A search that finds nothing is a finding; a list of an empty library is not. */
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_LIBRARY_SEARCH };
	assert_int_equal(end_of(&o, NULL).exit, 1);
	assert_int_equal(end_of(&o, &(struct mtkfw_job_end_opts){ .library_list = true }).exit, 0);
	/* Label and report answer with the package after the write; forget and export print none. */
	for (int i = 0; i < 2; i++) {
		o = (struct mtkfw_job_outcome){ .job = i ? MTKFW_JOB_LIBRARY_REPORT : MTKFW_JOB_LIBRARY_LABEL };
		assert_true(end_of(&o, NULL).report);
		o.status = MTKFW_ERR_NOTFOUND;
		assert_false(end_of(&o, NULL).report);
	}
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_LIBRARY_FORGET };
	assert_false(end_of(&o, NULL).report);
	/* Not a job (a front end's own failure): its status alone. */
	o = (struct mtkfw_job_outcome){ .job = -1, .status = MTKFW_ERR_REFUSED, .message = "no" };
	e = end_of(&o, NULL);
	assert_int_equal(e.exit, 3);
	assert_false(e.report);
}

static void phone_jobs(void **state)
{
	struct mtkfw_job_outcome o = { .job = MTKFW_JOB_FLASH, .status = MTKFW_ERR_NOTFOUND, .da_missing = true,
				       .message = "x" };
	struct mtkfw_job_end e;

	(void)state;
	/* Reboot: a report once the phone took the command ({rebooted, port, chip, cid}). */
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_REBOOT };
	assert_true(end_of(&o, NULL).report);
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_FLASH, .status = MTKFW_ERR_NOTFOUND, .da_missing = true,
					.message = "x" };
	/* No DA: where one goes, in the line and the JSON. */
	e = end_of(&o, &(struct mtkfw_job_end_opts){ .da_place = "/d/MTK_AllInOne_DA.bin" });
	assert_int_equal(e.exit, 2);
	assert_true(e.in_json);
	assert_non_null(strstr(e.message, "no download agent"));
	assert_non_null(strstr(e.message, "/d/MTK_AllInOne_DA.bin"));
	/* Stopped by the front end before anything was committed. */
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_BACKUP, .status = MTKFW_ERR_CANCELLED, .message = "cancelled" };
	e = end_of(&o, &(struct mtkfw_job_end_opts){ .interrupted = true });
	assert_string_equal(e.message, "interrupted; nothing written");
	assert_int_equal(e.exit, 1);
	/* A refused flash is a report with the refusal in it: exit 3, the line for people only. */
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_FLASH, .result = MTKFW_RESULT_REFUSED,
					.status = MTKFW_ERR_REFUSED, .message = "another chip" };
	e = end_of(&o, NULL);
	assert_true(e.report);
	assert_int_equal(e.exit, 3);
	assert_false(e.in_json);
	/* A refused format is no report: the error is the JSON. */
	o.job = MTKFW_JOB_FORMAT;
	e = end_of(&o, NULL);
	assert_false(e.report);
	assert_true(e.in_json);
	assert_int_equal(e.exit, 3);
	/* Detect in BROM mode without an EMI table: a report and a warning, exit 0. */
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_INFO, .status = MTKFW_ERR_NOTFOUND, .connected = true,
					.message = "no EMI table" };
	o.device.stage = MTKFW_STAGE_DA1;
	o.device.emi_needed = true;
	e = end_of(&o, NULL);
	assert_true(e.report && e.warning);
	assert_int_equal(e.exit, 0);
	/* The identity changed after a flash: exit 1, the rows are the report's; asked for by
	 * --include-identity (format): a warning. */
	o = (struct mtkfw_job_outcome){ .job = MTKFW_JOB_FLASH, .result = MTKFW_RESULT_FLASHED, .identity_checked = true };
	strcpy(o.identity.rows[0].name, "NVRAM");
	o.identity.count = 1;
	e = end_of(&o, NULL);
	assert_int_equal(e.exit, 1);
	assert_false(e.in_json);
	assert_non_null(strstr(e.message, "NVRAM"));
	o.job = MTKFW_JOB_FORMAT;
	o.backup = (struct mtkfw_backup *)&o; /* any: the report exists once a backup was made */
	e = end_of(&o, &(struct mtkfw_job_end_opts){ .include_identity = true });
	assert_int_equal(e.exit, 0);
	assert_true(e.warning && e.report);
}

static json_t *error_of(const char *report, int status, const char *msg, const char *const *in, size_t n)
{
	char *doc = NULL;
	json_t *o;

	assert_int_equal(mtkfw_json_error(&doc, report, status, msg, in, n), 0);
	o = json_loads(doc, 0, NULL);
	free(doc);
	assert_non_null(o);
	return o;
}

static void error_object(void **state)
{
	const char *in[] = { "--json", "/p/pkg", "/p/backup/" };
	json_t *o, *e;

	(void)state;
	o = error_of(NULL, MTKFW_ERR_TRUNCATED, "/p/pkg: cut short", in, 3);
	assert_int_equal(json_object_size(o), 1);
	e = json_object_get(o, "error");
	assert_string_equal(json_string_value(json_object_get(e, "code")), "TRUNCATED");
	assert_string_equal(json_string_value(json_object_get(e, "message")), "/p/pkg: cut short");
	assert_string_equal(json_string_value(json_object_get(e, "file")), "/p/pkg");
	json_decref(o);
	/* A base name of an input names it; a member of a folder input is itself. */
	o = error_of(NULL, MTKFW_ERR_FORMAT, "pkg: what", in, 3);
	assert_string_equal(json_string_value(json_object_get(json_object_get(o, "error"), "file")), "/p/pkg");
	json_decref(o);
	o = error_of(NULL, MTKFW_ERR_FORMAT, "/p/backup/manifest.json: bad", in, 3);
	assert_string_equal(json_string_value(json_object_get(json_object_get(o, "error"), "file")),
			    "/p/backup/manifest.json");
	json_decref(o);
	/* No file: null. */
	o = error_of(NULL, MTKFW_ERR_DEVICE, "the phone did not answer", in, 3);
	assert_true(json_is_null(json_object_get(json_object_get(o, "error"), "file")));
	json_decref(o);
	/* Added to a report, after its own members; a report's own error stays. */
	o = error_of("{\"result\": \"failed\"}", MTKFW_ERR_DEVICE, "x: y", NULL, 0);
	assert_string_equal(json_string_value(json_object_get(o, "result")), "failed");
	assert_string_equal(json_string_value(json_object_get(json_object_get(o, "error"), "code")), "DEVICE");
	json_decref(o);
	o = error_of("{\"error\": 1}", MTKFW_ERR_DEVICE, "x: y", NULL, 0);
	assert_int_equal(json_integer_value(json_object_get(o, "error")), 1);
	json_decref(o);
	/* Not an object: refused. */
	{
		char *doc = NULL;

		assert_int_equal(mtkfw_json_error(&doc, "[1]", MTKFW_ERR_IO, "m", NULL, 0), MTKFW_ERR_FORMAT);
		assert_null(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offline_exit_codes),
		cmocka_unit_test(phone_jobs),
		cmocka_unit_test(error_object),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
