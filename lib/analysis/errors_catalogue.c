/*
 * The error catalogue: data/errors.txt, embedded at build time (lib/analysis/errors.cmake), is
 * parsed once on first use. The format is described at the top of that file. The parser is
 * strict, because a silently skipped entry would be knowledge lost without anyone noticing; the
 * unit test parses the real file, so a malformed edit fails `make check`.
 */
#include "analysis/explain_internal.h"
#include "core/internal.h"

#include <mtkfw/check.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#include "errors_data.h"

/* Who prints the numbers of each numbering; a numbering not listed here is a data error. */
static const struct {
	const char *numbering;
	const char *tool;
} numberings[] = {
	{ "spft", "SP Flash Tool (smartphone v3/v5 numbering; legacy DA statuses)" },
	{ "spft-maui", "SP Flash Tool (feature-phone/MAUI numbering)" },
	{ "spft-status", "SP Flash Tool v5.17+/v6 (STATUS_ codes)" },
	{ "brom", "boot ROM / preloader status" },
	{ "mtkclient", "mtkclient" },
	{ "mtkfw", "mtkfw" },
};

/* Limits that keep a runaway data file (or a test's hostile text) bounded. */
#define CAT_ENTRIES_MAX 4096
#define CAT_PATTERNS_MAX 16
#define CAT_FIELD_MAX 4096

static char *keep(struct mtkfw_catalogue *cat, char *s)
{
	char **n;

	if (!s)
		return NULL;
	if (cat->nstrings == cat->capstrings) {
		size_t cap = cat->capstrings ? cat->capstrings * 2 : 256;

		n = mtkfw_reallocarray(cat->strings, cap, sizeof(*n));
		if (!n) {
			free(s);
			return NULL;
		}
		cat->strings = n;
		cat->capstrings = cap;
	}
	cat->strings[cat->nstrings++] = s;
	return s;
}

void mtkfw_catalogue_free(struct mtkfw_catalogue *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->nstrings; i++)
		free(cat->strings[i]);
	free(cat->strings);
	free(cat->entries);
	memset(cat, 0, sizeof(*cat));
}

bool mtkfw_errcode_parse(const char *s, size_t n, uint32_t *out)
{
	bool neg = false;
	uint64_t v = 0;
	size_t i = 0;

	if (n && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (!neg && n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (n - 2 > 8)
			return false;
		for (i = 2; i < n; i++) {
			char c = mtkfw_lc(s[i]);
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

			if (d < 0)
				return false;
			v = v << 4 | (unsigned)d;
		}
		*out = (uint32_t)v;
		return true;
	}
	if (i >= n || n - i > 10)
		return false;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (neg) {
		/* SP Flash Tool v5 prints STATUS_ codes as signed ints: -1073414139 is 0xC0050005. */
		if (v == 0 || v > 0x80000000u)
			return false;
		*out = (uint32_t)(0x100000000ull - v);
		return true;
	}
	if (v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

static const char *skip_s(const char *p, size_t *n)
{
	if (*n >= 2 && (p[0] == 'S' || p[0] == 's') && p[1] == '_') {
		*n -= 2;
		return p + 2;
	}
	return p;
}

bool mtkfw_errsym_equal(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);

	if (!alen || !blen)
		return false;
	a = skip_s(a, &alen);
	b = skip_s(b, &blen);
	if (alen != blen)
		return false;
	for (size_t i = 0; i < alen; i++)
		if (mtkfw_lc(a[i]) != mtkfw_lc(b[i]))
			return false;
	return true;
}

static bool symbol_ok(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z')))
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* One entry being built: its fields as growing strings. */
struct pending {
	mtkfw_error_info *e;
	char **field; /* the field a continuation line appends to */
};

static int set_field(struct mtkfw_catalogue *cat, char **slot, const char *v, size_t n, unsigned ln)
{
	char *s;

	if (*slot)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: field given twice", ln);
	if (n > CAT_FIELD_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "errors.txt: line %u: field too long", ln);
	s = keep(cat, mtkfw_strndup(v, n));
	if (!s)
		return MTKFW_ERR_NOMEM;
	*slot = s;
	return 0;
}

static int append_field(struct mtkfw_catalogue *cat, char **slot, const char *v, size_t n, unsigned ln)
{
	size_t old = strlen(*slot);
	char *s;

	if (old + 1 + n > CAT_FIELD_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "errors.txt: line %u: field too long", ln);
	s = malloc(old + 1 + n + 1);
	if (!s)
		return mtkfw_nomem();
	memcpy(s, *slot, old);
	s[old] = ' ';
	memcpy(s + old + 1, v, n);
	s[old + 1 + n] = '\0';
	/* The old string stays in `strings` (freed with the catalogue); small and bounded. */
	if (!keep(cat, s))
		return MTKFW_ERR_NOMEM;
	*slot = s;
	return 0;
}

static void trim(const char **p, size_t *n)
{
	while (*n && (**p == ' ' || **p == '\t')) {
		(*p)++;
		(*n)--;
	}
	while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r'))
		(*n)--;
}

static int parse_header(struct mtkfw_catalogue *cat, mtkfw_error_info *e, const char *p, size_t n,
			unsigned ln)
{
	char buf[256];
	char *words[4], *save = NULL;
	int nw = 0;
	size_t i;

	if (n < 2 || p[n - 1] != ']' || n - 2 >= sizeof(buf))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: bad entry header", ln);
	memcpy(buf, p + 1, n - 2);
	buf[n - 2] = '\0';
	for (char *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (nw == 3)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: header has more than "
					    "NUMBERING CODE SYMBOL", ln);
		words[nw++] = w;
	}
	if (nw != 3)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: header needs NUMBERING CODE SYMBOL", ln);
	for (i = 0; i < sizeof(numberings) / sizeof(numberings[0]); i++)
		if (strcmp(words[0], numberings[i].numbering) == 0)
			break;
	if (i == sizeof(numberings) / sizeof(numberings[0]))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: unknown numbering '%s'", ln, words[0]);
	e->numbering = numberings[i].numbering;
	e->tool = numberings[i].tool;
	if (strcmp(words[1], "-") == 0) {
		e->code_text = "";
	} else {
		if (words[1][0] == '-' || !mtkfw_errcode_parse(words[1], strlen(words[1]), &e->code))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: bad code '%s'", ln, words[1]);
		e->has_code = true;
		if (!(e->code_text = keep(cat, mtkfw_strdup(words[1]))))
			return MTKFW_ERR_NOMEM;
	}
	if (strcmp(words[2], "-") == 0) {
		e->symbol = "";
	} else {
		if (!symbol_ok(words[2]))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: bad symbol '%s'", ln, words[2]);
		if (!(e->symbol = keep(cat, mtkfw_strdup(words[2]))))
			return MTKFW_ERR_NOMEM;
	}
	e->source_line = ln;
	return 0;
}

static int add_pattern(struct mtkfw_catalogue *cat, mtkfw_error_info *e, const char *v, size_t n, unsigned ln)
{
	const char **list;
	char *s;

	if (!n)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: empty match", ln);
	if (e->npatterns == CAT_PATTERNS_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "errors.txt: line %u: too many match lines", ln);
	if (!(s = keep(cat, mtkfw_strndup(v, n))))
		return MTKFW_ERR_NOMEM;
	list = mtkfw_reallocarray(NULL, e->npatterns + 1, sizeof(*list));
	if (!list)
		return MTKFW_ERR_NOMEM;
	if (e->npatterns)
		memcpy(list, e->patterns, e->npatterns * sizeof(*list));
	list[e->npatterns++] = s;
	if (!keep(cat, (char *)list)) /* the previous array stays listed and is freed later */
		return MTKFW_ERR_NOMEM;
	e->patterns = (const char *const *)list;
	return 0;
}

static int finish_entry(mtkfw_error_info *e)
{
	static const char *const names[] = { "text", "cause", "meaning", "fix" };
	const char *vals[] = { e->text, e->cause, e->meaning, e->fix };

	for (size_t i = 0; i < 4; i++)
		if (!vals[i] || !*vals[i])
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: entry at line %u has no %s",
					    e->source_line, names[i]);
	if (!e->severity)
		e->severity = mtkfw_severity_name(MTKFW_SEV_ERROR);
	if (!e->has_code && !e->npatterns)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: entry at line %u has neither a code "
				    "nor a match line, so nothing can find it", e->source_line);
	return 0;
}

int mtkfw_catalogue_parse(struct mtkfw_catalogue *cat, const char *text, size_t len)
{
	mtkfw_error_info *cur = NULL;
	char **last = NULL;
	size_t cap = 0, pos = 0;
	unsigned ln = 0;
	int rc = 0;

	memset(cat, 0, sizeof(*cat));
	while (pos < len && rc == 0) {
		const char *p = text + pos, *nl = memchr(p, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - p) : len - pos;
		bool cont = n && (p[0] == ' ' || p[0] == '\t');

		pos += n + (nl ? 1 : 0);
		ln++;
		if (memchr(p, '\0', n)) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: NUL byte", ln);
			break;
		}
		trim(&p, &n);
		if (!n || p[0] == '#') {
			if (!n)
				last = NULL; /* a blank line ends continuation */
			continue;
		}
		if (cont) {
			if (!last) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: continuation "
						  "without a field before it", ln);
				break;
			}
			rc = append_field(cat, last, p, n, ln);
			continue;
		}
		if (p[0] == '[') {
			if (cur && (rc = finish_entry(cur)) != 0)
				break;
			if (cat->count == CAT_ENTRIES_MAX) {
				rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "errors.txt: more than %d entries", CAT_ENTRIES_MAX);
				break;
			}
			if (cat->count == cap) {
				mtkfw_error_info *ne;

				cap = cap ? cap * 2 : 64;
				ne = mtkfw_reallocarray(cat->entries, cap, sizeof(*ne));
				if (!ne) {
					rc = MTKFW_ERR_NOMEM;
					break;
				}
				cat->entries = ne;
			}
			cur = &cat->entries[cat->count++];
			memset(cur, 0, sizeof(*cur));
			last = NULL;
			rc = parse_header(cat, cur, p, n, ln);
			continue;
		}
		{
			const char *colon = memchr(p, ':', n);
			const char *v;
			size_t kn, vn;
			char **slot = NULL;

			if (!cur || !colon) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: expected [HEADER] "
						  "or key: value", ln);
				break;
			}
			kn = (size_t)(colon - p);
			v = colon + 1;
			vn = n - kn - 1;
			trim(&v, &vn);
			last = NULL;
#define KEY(k) (kn == sizeof(k) - 1 && memcmp(p, k, kn) == 0)
			if (KEY("text"))
				slot = (char **)&cur->text;
			else if (KEY("cause"))
				slot = (char **)&cur->cause;
			else if (KEY("meaning"))
				slot = (char **)&cur->meaning;
			else if (KEY("fix"))
				slot = (char **)&cur->fix;
			else if (KEY("match")) {
				rc = add_pattern(cat, cur, v, vn, ln);
				continue;
			} else if (KEY("severity")) {
				char word[16] = "";
				int sev;

				if (vn < sizeof(word))
					memcpy(word, v, vn);
				sev = mtkfw_severity_parse(word);
				if (cur->severity)
					rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: severity given twice", ln);
				else if (sev >= 0)
					cur->severity = mtkfw_severity_name(sev);
				else
					rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: severity is "
							  "error, warning or info", ln);
				continue;
			}
#undef KEY
			if (!slot) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: line %u: unknown key '%.*s'",
						  ln, (int)(kn < 40 ? kn : 40), p);
				break;
			}
			rc = set_field(cat, slot, v, vn, ln);
			last = slot;
		}
	}
	if (rc == 0 && cur)
		rc = finish_entry(cur);
	if (rc == 0 && cat->count == 0)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "errors.txt: no entries");
	if (rc)
		mtkfw_catalogue_free(cat);
	return rc;
}

static struct mtkfw_catalogue builtin;
static int builtin_rc;
static char builtin_msg[256];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin(void)
{
	builtin_rc = mtkfw_catalogue_parse(&builtin, (const char *)mtkfw_errors_data, sizeof(mtkfw_errors_data));
	if (builtin_rc)
		snprintf(builtin_msg, sizeof(builtin_msg), "%s", mtkfw_error_last()->message);
}

int mtkfw_errors_catalogue(const mtkfw_error_info **out, size_t *count)
{
	if (!out || !count)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_errors_catalogue: NULL argument");
	pthread_once(&builtin_once, load_builtin);
	if (builtin_rc)
		return mtkfw_seterr(builtin_rc, "built-in error catalogue: %s", builtin_msg);
	*out = builtin.entries;
	*count = builtin.count;
	return 0;
}
