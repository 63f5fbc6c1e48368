/*
 * mtkfw — the error catalogue: what SP Flash Tool, BROM, legacy-DA and mtkclient errors mean.
 *
 * The knowledge is data (data/errors.txt, embedded in the library at build time). Three ways in:
 *  - mtkfw_errors_catalogue(): the whole table, for listings and self-checks;
 *  - mtkfw_explain_query(): a code ("4032", "0xC0050005", "-1073414139"), a symbol
 *    ("S_FT_ENABLE_DRAM_FAIL", "ft_enable_dram_fail") or a message ("EMI Config not accepted");
 *  - mtkfw_explain_log(): every known error in a tool's log file, each once, with its lines.
 *
 * One number can mean different things in different tool generations ("numberings"): 4032 is
 * the DRAM failure for smartphone SP Flash Tool but a SEC_RO write failure in the feature-phone
 * build. A code query lists every numbering that knows the number.
 */
#ifndef MTKFW_EXPLAIN_H
#define MTKFW_EXPLAIN_H

#include "common.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One catalogue entry; read-only, owned by the library, valid until the process ends. */
typedef struct mtkfw_error_info {
	const char *numbering;  /* "spft", "spft-maui", "spft-status", "brom", "mtkclient" */
	const char *tool;       /* who prints it, for people ("SP Flash Tool (smartphone v3/v5)") */
	bool has_code;          /* false for messages without a number (mtkclient) */
	uint32_t code;          /* the value; STATUS_ codes as unsigned 32-bit (0xC0050005) */
	const char *code_text;  /* as the catalogue writes it: "4032", "0xC0050005"; "" if none */
	const char *symbol;     /* the tool's enum name, "S_FT_ENABLE_DRAM_FAIL"; "" if none */
	const char *severity;   /* "error", "warning", or "info" (a status normal in a session) */
	const char *text;       /* what the tool says, paraphrased */
	const char *cause;      /* the real cause */
	const char *meaning;    /* what it means for the phone on the bench */
	const char *fix;        /* what to do, naming the mtkfw command that helps */
	const char *const *patterns; /* phrases that identify it in a log (any case matches) */
	size_t npatterns;
	unsigned source_line;   /* line of its header in data/errors.txt */
} mtkfw_error_info;

/* The whole catalogue in file order. Fails only if the embedded data is malformed (a build
 * defect, reported with its line). */
MTKFW_API int mtkfw_errors_catalogue(const mtkfw_error_info **out, size_t *count);

/* The answer to one query. */
typedef struct mtkfw_explain {
	char *query;                        /* as given, trimmed */
	size_t count;                       /* at least 1 */
	const mtkfw_error_info **matches;   /* catalogue entries, in catalogue order */
} mtkfw_explain;

/*
 * Explain a code, symbol or message. Codes: decimal, 0x hex, or negative decimal as SP Flash
 * Tool v5 prints STATUS_ codes. Symbols: any case, with or without the S_ prefix. Messages: a
 * text containing one of the catalogue's log phrases. MTKFW_ERR_NOTFOUND when nothing matches.
 */
MTKFW_API int mtkfw_explain_query(mtkfw_explain **out, const char *query);
MTKFW_API void mtkfw_explain_free(mtkfw_explain *e);

/* Line numbers kept per error; `count` still counts them all. */
#define MTKFW_LOG_LINES_MAX 32
/* Bytes of a log that are scanned; the rest is skipped and `truncated` set. */
#define MTKFW_LOG_SIZE_MAX (512ull << 20)

typedef struct mtkfw_log_error {
	const mtkfw_error_info *match;
	uint64_t line;       /* first line (1-based) */
	char *text;          /* that line, trimmed, at most 240 bytes */
	uint64_t count;      /* lines on which it appears */
	uint64_t *lines;     /* the first min(count, MTKFW_LOG_LINES_MAX) of them */
	size_t nlines;
} mtkfw_log_error;

typedef struct mtkfw_log_scan {
	char *file;               /* the name given */
	uint64_t lines;           /* lines read */
	uint64_t bytes;           /* bytes read */
	bool truncated;           /* stopped at MTKFW_LOG_SIZE_MAX */
	size_t count;
	mtkfw_log_error *errors;  /* in order of first appearance */
} mtkfw_log_scan;

/*
 * Find every catalogued error in a log (SP Flash Tool, BROM_DLL, mtkclient), each once with the
 * lines it is on. The file is streamed; binary data is refused (MTKFW_ERR_FORMAT). Progress is
 * reported in bytes under the stage "scan log".
 */
MTKFW_API int mtkfw_explain_log(mtkfw_log_scan **out, const char *path, mtkfw_ctx *ctx);
/* The same on a buffer already in memory (`name` is for messages). */
MTKFW_API int mtkfw_explain_log_mem(mtkfw_log_scan **out, const char *name, const void *buf,
				    size_t len);
MTKFW_API void mtkfw_log_scan_free(mtkfw_log_scan *scan);

#ifdef __cplusplus
}
#endif
#endif
