/*
 * Fuzz the log scanner and the query parser. A log has no writer to round-trip through, so the
 * harness checks the report's invariants instead: every error points into the catalogue, its
 * line numbers rise and lie within the lines read, and counts agree. The first line of the input
 * is also tried as a query.
 */
#include <mtkfw/explain.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const mtkfw_error_info *cat;
	mtkfw_log_scan *scan;
	mtkfw_explain *x;
	size_t ncat, qn = 0;
	char *q;

	if (mtkfw_errors_catalogue(&cat, &ncat) != 0)
		abort();
	if (mtkfw_explain_log_mem(&scan, "fuzz.log", data, size) == 0) {
		for (size_t i = 0; i < scan->count; i++) {
			const mtkfw_log_error *e = &scan->errors[i];

			if (e->match < cat || e->match >= cat + ncat)
				abort();
			if (!e->nlines || e->nlines > e->count || e->nlines > MTKFW_LOG_LINES_MAX)
				abort();
			if (e->lines[0] != e->line || e->line < 1 || e->line > scan->lines)
				abort();
			for (size_t k = 1; k < e->nlines; k++)
				if (e->lines[k] <= e->lines[k - 1])
					abort();
			if (strlen(e->text) > 240)
				abort();
		}
		mtkfw_log_scan_free(scan);
	}
	while (qn < size && qn < 300 && data[qn] != '\n')
		qn++;
	q = malloc(qn + 1);
	if (!q)
		return 0;
	memcpy(q, data, qn);
	q[qn] = '\0';
	if (mtkfw_explain_query(&x, q) == 0) {
		if (!x->count || x->count > ncat)
			abort();
		mtkfw_explain_free(x);
	}
	free(q);
	return 0;
}
