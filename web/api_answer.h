/*
 * How the adapter's files (api_render.c, api_library.c, api_jobs.c) end a job: its outcome made
 * into the answer's JSON and exit code by the rule the CLI follows (mtkfw_job_end), and the
 * pieces more than one of them needs. Internal to the adapter; api.c and jobs.c use
 * api_render.h.
 */
#ifndef MTKFW_WEB_API_ANSWER_H
#define MTKFW_WEB_API_ANSWER_H

#include <mtkfw/jobs.h>
#include <mtkfw/json.h>

#include <jansson.h>
#include <stddef.h>

struct mtkfw_defaults;

/* A job's document, as its command writes it with --json. */
typedef int (*web_doc_fn)(char **doc, const struct mtkfw_job_outcome *o);

/* mtkfw_json_outcome: the document of the device jobs, check, profile, compat, port. */
int web_outcome_doc(char **doc, const struct mtkfw_job_outcome *o);
/* `library match --json`'s document (the report, and the job on the phone on the cable). */
int web_match_doc(char **doc, const struct mtkfw_job_outcome *o);

/* `doc` (taken over) as the answer's JSON; NULL stays NULL. */
json_t *web_parsed(char *doc);

/*
 * The document and exit code of outcome `o`: mtkfw_job_end says whether there is a report
 * (rendered by `report`) and which failure rides along; `inputs` are the job's arguments, for
 * the failure's "file".
 */
int web_answer(json_t **out, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *eo, web_doc_fn report,
	       const char *const *inputs, size_t n);
/* A failure before any job (an unreadable file for info, an unknown code for explain): the
 * library's last error, ended as a job's would be. */
int web_answer_failed(json_t **out, const char *const *inputs, size_t n);

/* What `mtkfw library` says when it finds no library. */
extern const char web_no_library[];
/* The firmware library's file, as `mtkfw library` finds it without --db; NULL after the
 * answer (that error) is in *out. */
const char *web_library_file(json_t **out, const struct mtkfw_defaults *d);

#endif
