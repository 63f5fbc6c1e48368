/*
 * Internal parts of the error catalogue shared by the catalogue, the query and the log scanner.
 */
#ifndef MTKFW_ANALYSIS_EXPLAIN_INTERNAL_H
#define MTKFW_ANALYSIS_EXPLAIN_INTERNAL_H

#include <mtkfw/explain.h>

/* Parse a catalogue text (the embedded data/errors.txt, or a test's own text) into entries.
 * Strings are owned by the result; free with mtkfw_catalogue_free(). */
struct mtkfw_catalogue {
	mtkfw_error_info *entries;
	size_t count;
	char **strings; /* every allocation, for freeing */
	size_t nstrings, capstrings;
};

int mtkfw_catalogue_parse(struct mtkfw_catalogue *cat, const char *text, size_t len);
void mtkfw_catalogue_free(struct mtkfw_catalogue *cat);

/* Numbers as tools print them: decimal, 0x hex, or a negative decimal (a STATUS_ code printed
 * as a signed 32-bit int). False when `s[0..n)` is not such a number or does not fit 32 bits. */
bool mtkfw_errcode_parse(const char *s, size_t n, uint32_t *out);

/* Symbol comparison: any case, with or without a leading "S_" on either side. */
bool mtkfw_errsym_equal(const char *a, size_t alen, const char *b);

/* ASCII lower-case of a byte. */
static inline char mtkfw_lc(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

#endif
