/*
 * mtkfw — the reports as JSON: the one writer of the JSON contract (contracts.md, the man
 * pages' JSON sections). The CLI prints these documents for --json; the web UI answers its
 * /api/v1/ with the same; nothing else spells a key.
 */
#ifndef MTKFW_JSON_H
#define MTKFW_JSON_H

#include "common.h"
#include "catalog.h"
#include "ext4.h"
#include "jobs.h"
#include "explain.h"
#include "identify.h"
#include "image.h"
#include "layout.h"
#include "package.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A job's outcome as the document its command prints with --json (malloc'd, NUL-terminated,
 * 2-space indent, keys in the contract's order): `device detect|info|readback|backup|restore|
 * flash|format|erase|reboot`, `check`, `profile`, `compat`, `port`. A job with no JSON report (a
 * readback of a range) is MTKFW_ERR_UNSUPPORTED; the library's jobs have their own documents
 * below (label and report: the package after the write, as show's).
 */
MTKFW_API int mtkfw_json_outcome(char **out, const struct mtkfw_job_outcome *o);

/* `mtkfw ext4 ls --json`: a directory's entries. */
MTKFW_API int mtkfw_json_ext4_ls(char **out, const char *image, const char *path, const mtkfw_ext4_dir *d);
/* `mtkfw ext4 extract --json`: what was copied out of `image`'s `path` into folder `outdir`. */
MTKFW_API int mtkfw_json_ext4_extract(char **out, const char *image, const char *path, const char *outdir,
				      const mtkfw_ext4_tree *t);

/* `mtkfw checksum --json`: a package's Checksum.ini (`ini`) verified against its files (`r`). */
MTKFW_API int mtkfw_json_checksum(char **out, const mtkfw_package *pkg, const mtkfw_checksum_ini *ini,
				  const struct mtkfw_checksum_report *r);
/* `mtkfw layout --json`: a layout; with `ref` (a scatter) each entry's scatter name, with
 * `diffs` the differences from it. */
MTKFW_API int mtkfw_json_layout(char **out, const mtkfw_layout *l, const mtkfw_layout *ref,
				const struct mtkfw_layout_diffs *diffs);

/* `mtkfw scatter --json`: a scatter file's partitions with the file's own numbers. */
MTKFW_API int mtkfw_json_scatter(char **out, const mtkfw_layout *l);

/* `mtkfw library match --json`: the target as the ranking read it (`input`: its path, NULL for
 * the phone on the cable) and the ranked candidates. */
MTKFW_API int mtkfw_json_catalog_match(char **out, const struct mtkfw_target *t, const char *input,
				       const struct mtkfw_catalog_match *m);

/* `mtkfw library add --json`: the add's report (its `bytes_read` as the library counted it). */
MTKFW_API int mtkfw_json_catalog_add(char **out, const struct mtkfw_catalog_add_report *r);
/* `mtkfw library list` and `search --json`: {"packages": [...]} */
MTKFW_API int mtkfw_json_catalog_list(char **out, const struct mtkfw_catalog_list *l);
/* `mtkfw library show --json`: the package's fingerprint (mtkfw profile's document) with the
 * library's own keys beside it: files, labels, outcomes. */
MTKFW_API int mtkfw_json_catalog_package(char **out, const struct mtkfw_catalog_package *p);
/* `mtkfw library check --json`: the packages whose files changed, moved or went. */
MTKFW_API int mtkfw_json_catalog_check(char **out, const struct mtkfw_catalog_check *c);
/* `mtkfw library import --json`: what the file brought. */
MTKFW_API int mtkfw_json_catalog_import(char **out, const struct mtkfw_catalog_import_report *r);

/* `mtkfw explain --json`: the catalogue entries that match `query` (NULL for --list). */
MTKFW_API int mtkfw_json_explain(char **out, const char *query, const mtkfw_error_info *const *matches,
				 size_t count);
/* `mtkfw explain --json LOGFILE`: the known errors found in a log. */
MTKFW_API int mtkfw_json_log_scan(char **out, const mtkfw_log_scan *scan);

/* `mtkfw info --json`: what `path` is (`in`) and, with `members` (a ramdisk's list, --list), its
 * members as "members_list". */
MTKFW_API int mtkfw_json_info(char **out, const char *path, const struct mtkfw_info *in,
			      const struct mtkfw_ramdisk *members);

/*
 * A failure under --json (contracts.md): {"code": "TRUNCATED", "message", "file"}, the code the
 * status's name in capitals. "file" is the name the message starts with ("FILE: what is wrong")
 * when that is one of `inputs` (the job's arguments: a path, such a path's base name, or a path
 * inside a folder among them) or names something on disk; else null. With `report` (a document
 * of this header) the document comes back with the failure as its "error" member (what a job
 * that failed part way did); without, {"error": {...}} alone.
 */
MTKFW_API int mtkfw_json_error(char **out, const char *report, int status, const char *message,
			       const char *const *inputs, size_t count);

/*
 * How a job ended, as every front end reports it: the exit code of contracts.md, whether the
 * outcome is a report, and the failure or warning in the words of the mtkfw command line. The
 * CLI prints the line on stderr and, `in_json`, as the JSON's "error" (mtkfw_json_error); the
 * web UI answers the same document and code.
 */
struct mtkfw_job_end {
	int exit;           /* 0 done, 1 a finding or a failure, 2 unusable input, 3 refused as unsafe */
	bool report;        /* the outcome is a report to render (mtkfw_json_outcome, or the library's
			     * own document for library jobs) */
	int status;         /* the line's code (a negative mtkfw_status); 0: no line */
	bool in_json;       /* the line is the JSON's "error" too (else people's alone: a verdict the
			     * report already carries, a refusal it explains) */
	bool warning;       /* the line is a warning: the job did its work */
	char message[1024]; /* the line, "" when status is 0 */
};

struct mtkfw_job_end_opts {
	const char *da_place;  /* where a download agent goes (mtkfw/frontend.h's da_place), or NULL */
	bool include_identity; /* format, erase: the identity partitions were let go */
	bool interrupted;      /* the front end stopped the job (a signal, a server stopping) */
	bool readback_range;   /* readback of a range: a file, no report */
	bool library_list;     /* library search with no words (`library list`): none found is no finding */
};

/* The exit code of contracts.md for a library status: 0 for 0, 2 for unreadable or malformed
 * input (INVALID, FORMAT, TRUNCATED, UNSUPPORTED, NOTFOUND, LIMIT), 3 for REFUSED, 1 else. */
MTKFW_API int mtkfw_exit_code(int status);

/* `e` from the outcome a job filled (its status, result and what it reached). */
MTKFW_API void mtkfw_job_end(struct mtkfw_job_end *e, const struct mtkfw_job_outcome *o,
			     const struct mtkfw_job_end_opts *opts);

/*
 * What lets a refused flash through, in the words of the mtkfw command line: every refusal's
 * option together ("--skip PRELOADER,UBOOT --mode upgrade"; true), or why no option does ("fix
 * the package"; false). "" and false when the plan is not refused. The flash JSON's "remedy".
 */
MTKFW_API bool mtkfw_flash_change_option(char *buf, size_t n, const mtkfw_flash_plan *plan);

/*
 * One refusal in the words of the mtkfw command line: the option that changes the decision
 * ("--skip UBOOT", "--mode upgrade", "--include-identity"; true), or why no option does ("fix
 * the package"; false). "" and false for no refusal (format and erase's refusal).
 */
MTKFW_API bool mtkfw_refusal_option(char *buf, size_t n, const struct mtkfw_flash_refusal *r);

#ifdef __cplusplus
}
#endif
#endif
