/*
 * mtkfw_explain_query: a code, a symbol or a message → the catalogue entries that explain it.
 */
#include "analysis/explain_internal.h"
#include "core/internal.h"

void mtkfw_explain_free(mtkfw_explain *e)
{
	if (!e)
		return;
	free(e->query);
	free(e->matches);
	free(e);
}

/* Case-insensitive: does `hay` (length hn) contain `needle`? */
static bool ci_contains(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (!nn || nn > hn)
		return false;
	for (size_t i = 0; i + nn <= hn; i++) {
		size_t j = 0;

		while (j < nn && mtkfw_lc(hay[i + j]) == mtkfw_lc(needle[j]))
			j++;
		if (j == nn)
			return true;
	}
	return false;
}

static bool is_symbol_text(const char *q, size_t n)
{
	bool letter = false;

	for (size_t i = 0; i < n; i++) {
		char c = q[i];

		if (c >= 'A' && c <= 'Z')
			letter = true;
		else if (c >= 'a' && c <= 'z')
			letter = true;
		else if (!((c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return letter;
}

enum how { BY_CODE, BY_SYMBOL, BY_TEXT };

static bool entry_matches(const mtkfw_error_info *e, enum how how, const char *q, size_t n, uint32_t code)
{
	switch (how) {
	case BY_CODE:
		return e->has_code && e->code == code;
	case BY_SYMBOL:
		if (mtkfw_errsym_equal(q, n, e->symbol))
			return true;
		/* a single word may also be a phrase of a message ("handshake") */
		/* fallthrough */
	case BY_TEXT:
		for (size_t i = 0; i < e->npatterns; i++) {
			/* Either the query quotes a log line containing the phrase, or it is a
			 * fragment of the phrase long enough not to be a coincidence. */
			const char *pat = e->patterns[i];

			if (ci_contains(q, n, pat, strlen(pat)))
				return true;
			if (n >= 8 && ci_contains(pat, strlen(pat), q, n))
				return true;
		}
		return false;
	}
	return false;
}

/*
 * What a technician copies from SP Flash Tool's dialog or mtkclient's output ("ERROR :
 * S_FT_ENABLE_DRAM_FAIL (4032)", "BROM ERROR : S_BROM_CMD_STARTCMD_FAIL (2005)", "Error : 4032")
 * is a log line, or a few: read it with the log reader, so a line explains the same on the
 * command line as in a log. Marks the entries found in `hit` (indexed like the catalogue).
 */
static int by_log_lines(const char *q, size_t n, const mtkfw_error_info *cat, size_t count, bool *hit,
			size_t *nhit)
{
	mtkfw_log_scan *scan;
	int rc = mtkfw_explain_log_mem(&scan, "query", q, n);

	*nhit = 0;
	if (rc == MTKFW_ERR_FORMAT) {
		mtkfw_error_clear(); /* binary bytes: not a line, the other readings decide */
		return 0;
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < scan->count; i++) {
		size_t k = (size_t)(scan->errors[i].match - cat);

		if (k < count && !hit[k]) {
			hit[k] = true;
			(*nhit)++;
		}
	}
	mtkfw_log_scan_free(scan);
	return 0;
}

int mtkfw_explain_query(mtkfw_explain **out, const char *query)
{
	const mtkfw_error_info *cat;
	mtkfw_explain *e;
	size_t count, n;
	const char *q;
	enum how how;
	uint32_t code = 0;
	int rc;

	if (!out || !query)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_explain_query: NULL argument");
	*out = NULL;
	if ((rc = mtkfw_errors_catalogue(&cat, &count)) != 0)
		return rc;
	q = query;
	n = strlen(q);
	while (n && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')) {
		q++;
		n--;
	}
	while (n && (q[n - 1] == ' ' || q[n - 1] == '\t' || q[n - 1] == '\n' || q[n - 1] == '\r'))
		n--;
	if (!n)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "empty query: give a code, a symbol or a message");
	/* A code in parentheses, as logs write it: "(4032)". */
	if (n > 2 && q[0] == '(' && q[n - 1] == ')' && mtkfw_errcode_parse(q + 1, n - 2, &code)) {
		q++;
		n -= 2;
	}
	if (mtkfw_errcode_parse(q, n, &code))
		how = BY_CODE;
	else if (is_symbol_text(q, n))
		how = BY_SYMBOL;
	else
		how = BY_TEXT;
	e = mtkfw_calloc(1, sizeof(*e));
	if (!e)
		return MTKFW_ERR_NOMEM;
	e->query = mtkfw_strndup(q, n);
	e->matches = mtkfw_calloc(count ? count : 1, sizeof(*e->matches));
	if (!e->query || !e->matches) {
		mtkfw_explain_free(e);
		return MTKFW_ERR_NOMEM;
	}
	if (how == BY_TEXT) {
		bool *hit = mtkfw_calloc(count ? count : 1, sizeof(*hit));
		size_t nhit = 0;

		if (!hit) {
			mtkfw_explain_free(e);
			return MTKFW_ERR_NOMEM;
		}
		if ((rc = by_log_lines(q, n, cat, count, hit, &nhit)) != 0) {
			free(hit);
			mtkfw_explain_free(e);
			return rc;
		}
		for (size_t i = 0; i < count; i++)
			if (hit[i])
				e->matches[e->count++] = &cat[i];
		free(hit);
	}
	/* Not a line any tool prints: a code, a symbol, or a fragment of a known phrase. */
	if (!e->count)
		for (size_t i = 0; i < count; i++)
			if (entry_matches(&cat[i], how, q, n, code))
				e->matches[e->count++] = &cat[i];
	if (!e->count) {
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "'%.*s': not in the error catalogue%s", (int)(n > 80 ? 80 : n), q,
				  how == BY_CODE ? " (no numbering knows this code)" : "");
		mtkfw_explain_free(e);
		return rc;
	}
	*out = e;
	return 0;
}
