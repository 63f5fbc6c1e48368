/*
 * mtkfw — findings: what is wrong or risky about a firmware package before a flash, and the
 * package check that produces them. A finding list is the one report model shared by `check`,
 * and later `compat` and the flash pre-flight: each finding has a severity, a stable code (the
 * words scripts match on; `mtkfw explain CODE` explains each), the partition it is about, and
 * one sentence for people.
 */
#ifndef MTKFW_CHECK_H
#define MTKFW_CHECK_H

#include "common.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_severity {
	MTKFW_SEV_INFO = 0,
	MTKFW_SEV_WARNING = 1,
	MTKFW_SEV_ERROR = 2,
} mtkfw_severity;

/* "error", "warning", "info" (the contract's words). */
MTKFW_API const char *mtkfw_severity_name(int severity);
MTKFW_API int mtkfw_severity_parse(const char *word); /* -1 for another word */

struct mtkfw_finding {
	int severity;     /* mtkfw_severity */
	char *code;       /* stable: "image-too-big", "file-missing" ... */
	char *partition;  /* partition name as the scatter writes it, or NULL */
	char *message;    /* one sentence */
};

typedef struct mtkfw_findings {
	struct mtkfw_finding *items;
	size_t count;
	size_t errors, warnings, infos;
} mtkfw_findings;

/* Append a finding (strings copied; `partition` may be NULL). */
MTKFW_API int mtkfw_findings_add(mtkfw_findings *list, int severity, const char *code, const char *partition,
				 const char *fmt, ...) MTKFW_PRINTF(5, 6);
/* Free the items (the struct itself is the caller's) and zero it. */
MTKFW_API void mtkfw_findings_clear(mtkfw_findings *list);
/* The first finding with `code` (and, when non-NULL, `partition`, ignoring case), or NULL. */
MTKFW_API const struct mtkfw_finding *mtkfw_findings_find(const mtkfw_findings *list, const char *code,
							  const char *partition);

/*
 * Check a package: `path` is a scatter file or the folder holding one. Opens it with
 * mtkfw_package_open (an unreadable or unparsable scatter is returned as that error, not as a
 * finding), then runs every rule: files present and fitting their partitions (SP Flash Tool
 * 5069), layout overlaps and alignment, MBR/EBR against the scatter, Checksum.ini (8041),
 * platform and project of the preloader and images against the scatter, identity partitions
 * ticked for download. Findings are in rule order, partitions in scatter order.
 */
MTKFW_API int mtkfw_check_package(mtkfw_findings *out, const char *path, mtkfw_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
