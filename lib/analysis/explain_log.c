/*
 * mtkfw_explain_log: find every catalogued error in a flashing tool's log.
 *
 * A log is streamed line by line (at most MTKFW_LOG_SIZE_MAX bytes; a line longer than LINE_MAX
 * is matched on its first LINE_MAX bytes). On each line three kinds of evidence are looked for:
 *  1. a catalogue symbol as a whole word ("S_FT_ENABLE_DRAM_FAIL"); when the line also carries
 *     one of the symbol's codes ("(4032)") that picks the numbering, since the feature-phone
 *     build of the same symbol has another number;
 *  2. a STATUS_ code as hex or negative decimal ("0xC0050005", "-1073414139");
 *  3. the catalogue's log phrases ("PMT changed for the ROM", "EMI Config not accepted").
 * A bare code (four decimal digits, or hex as mtkclient prints statuses) counts only on a line
 * that says error/fail/status and carries no symbol, because logs are full of numbers (sizes,
 * times, addresses) that are not error codes.
 */
#include "analysis/explain_internal.h"
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINE_MAX_BYTES 8192
#define TEXT_MAX 240
#define LINE_NUMS_MAX 32 /* numbers remembered per line for numbering choice */
#define BINARY_PROBE 65536
#define READ_CHUNK (1u << 20)

struct scanner {
	const mtkfw_error_info *cat;
	size_t ncat;
	mtkfw_log_scan *scan;
	size_t cap;
	long *index_of;       /* per catalogue entry: its index in scan->errors, or -1 */
	unsigned char *hit;   /* per catalogue entry: matched on the current line */
	size_t *hitlist, nhits;
	char **lowpat;        /* every entry's patterns in lower case, entry after entry */
	size_t *patstart;     /* per entry: index of its first pattern in lowpat (ncat + 1) */
	char line[LINE_MAX_BYTES + 1];
	char low[LINE_MAX_BYTES + 1];
	size_t len;
	bool utf16;           /* UTF-16LE text: NUL bytes are dropped */
	uint64_t probed, ctrl;
};

void mtkfw_log_scan_free(mtkfw_log_scan *scan)
{
	if (!scan)
		return;
	for (size_t i = 0; i < scan->count; i++) {
		free(scan->errors[i].text);
		free(scan->errors[i].lines);
	}
	free(scan->errors);
	free(scan->file);
	free(scan);
}

static void mark(struct scanner *s, size_t i)
{
	if (!s->hit[i]) {
		s->hit[i] = 1;
		s->hitlist[s->nhits++] = i;
	}
}

static int record(struct scanner *s, size_t ci)
{
	mtkfw_log_scan *scan = s->scan;
	mtkfw_log_error *e;

	if (s->index_of[ci] < 0) {
		const char *t = s->line;
		size_t n = s->len;

		if (scan->count == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 16;
			mtkfw_log_error *ne = mtkfw_reallocarray(scan->errors, cap, sizeof(*ne));

			if (!ne)
				return MTKFW_ERR_NOMEM;
			scan->errors = ne;
			s->cap = cap;
		}
		e = &scan->errors[scan->count];
		memset(e, 0, sizeof(*e));
		while (n && (*t == ' ' || *t == '\t')) {
			t++;
			n--;
		}
		while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			n--;
		e->text = mtkfw_strndup(t, n > TEXT_MAX ? TEXT_MAX : n);
		e->lines = mtkfw_calloc(MTKFW_LOG_LINES_MAX, sizeof(*e->lines));
		if (!e->text || !e->lines) {
			free(e->text);
			free(e->lines);
			return MTKFW_ERR_NOMEM;
		}
		e->match = &s->cat[ci];
		e->line = scan->lines;
		s->index_of[ci] = (long)scan->count++;
	}
	e = &scan->errors[s->index_of[ci]];
	e->count++;
	if (e->nlines < MTKFW_LOG_LINES_MAX)
		e->lines[e->nlines++] = scan->lines;
	return 0;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool has_word_error(const char *low)
{
	return strstr(low, "error") || strstr(low, "fail") || strstr(low, "status");
}

/* A bare decimal at [b, e) looks like an error code, not part of a time, version or path. */
static bool code_context(const char *l, size_t len, size_t b, size_t e)
{
	if (b > 0) {
		char p = l[b - 1];

		/* [4008] is a thread id in SP Flash Tool logs, not a code */
		if (p == '.' || p == '-' || p == '/' || p == '+' || p == '=' || p == '[' || word_char(p))
			return false;
		if (p == ':' && b > 1 && l[b - 2] >= '0' && l[b - 2] <= '9')
			return false; /* 12:30 */
	}
	if (e < len) {
		char n = l[e];

		if (n == '.' || n == ':' || n == '-' || n == '/' || n == '%' || n == ']' || word_char(n))
			return false;
	}
	return true;
}

/* A hex status as mtkclient prints one: "NAME (0xbc3)", "error: 0xBC3", "Status: 0x7017" -
 * not an address ("at 0x1d0c"). */
static bool hex_status_context(const char *low, size_t b)
{
	size_t k = b;

	while (k && low[k - 1] == ' ')
		k--;
	if (!k)
		return false;
	if (low[k - 1] == '(')
		return true;
	if (low[k - 1] != ':')
		return false;
	k--;
	return (k >= 5 && !memcmp(low + k - 5, "error", 5)) || (k >= 6 && !memcmp(low + k - 6, "status", 6));
}

static int process_line(struct scanner *s)
{
	const char *l = s->line;
	size_t len = s->len;
	size_t cand[16], ncand = 0;
	uint32_t nums[LINE_NUMS_MAX];
	size_t nnums = 0;
	int rc = 0;

	s->scan->lines++;
	while (len && l[len - 1] == '\r')
		len--;
	s->len = len;
	for (size_t i = 0; i < len; i++)
		s->low[i] = mtkfw_lc(l[i]);
	s->low[len] = '\0';
	s->nhits = 0;

	/* 1 and 2: words, and numbers shaped like STATUS_ codes. */
	for (size_t i = 0; i < len;) {
		size_t b = i;

		if (l[i] == '-' && i + 1 < len && l[i + 1] >= '0' && l[i + 1] <= '9' && (i == 0 || !word_char(l[i - 1])))
			i++; /* a negative number: SP Flash Tool v5's STATUS_ codes */
		else if (!word_char(l[i])) {
			i++;
			continue;
		}
		while (i < len && word_char(l[i]))
			i++;
		{
			const char *w = l + b;
			size_t n = i - b;
			uint32_t v;

			if (mtkfw_errcode_parse(w, n, &v)) {
				if (nnums < LINE_NUMS_MAX)
					nums[nnums++] = v;
				if (v >= 0x80000000u && (w[0] == '-' || n == 10)) {
					for (size_t c = 0; c < s->ncat; c++)
						if (s->cat[c].has_code && s->cat[c].code == v)
							mark(s, c);
				}
			} else if (n >= 4 && memchr(w, '_', n) && !(w[0] >= '0' && w[0] <= '9')) {
				for (size_t c = 0; c < s->ncat && ncand < 16; c++)
					if (mtkfw_errsym_equal(w, n, s->cat[c].symbol))
						cand[ncand++] = c;
			}
		}
	}
	if (ncand) {
		/* A symbol known in several numberings: the number next to it decides. */
		bool decided = false;

		for (size_t k = 0; k < ncand; k++)
			for (size_t m = 0; m < nnums; m++)
				if (s->cat[cand[k]].has_code && s->cat[cand[k]].code == nums[m]) {
					mark(s, cand[k]);
					decided = true;
				}
		if (!decided)
			for (size_t k = 0; k < ncand; k++)
				mark(s, cand[k]);
	} else if (has_word_error(s->low)) {
		/* 3a: bare codes on an error line; the smartphone numbering first (MT6572 logs). */
		for (size_t i = 0; i < len;) {
			size_t b = i;
			uint32_t v;
			bool found = false;

			if (!(l[i] >= '0' && l[i] <= '9')) {
				i++;
				continue;
			}
			if (l[i] == '0' && i + 1 < len && (l[i + 1] == 'x' || l[i + 1] == 'X')) {
				/* mtkclient prints statuses in hex: "RAM_ERROR (0xbc3)" */
				i += 2;
				while (i < len && word_char(l[i]))
					i++;
				if (!code_context(l, len, b, i) || !hex_status_context(s->low, b) ||
				    !mtkfw_errcode_parse(l + b, i - b, &v) ||
				    v < 1000 || v > 0xFFFF)
					continue;
				for (size_t c = 0; c < s->ncat; c++)
					if (s->cat[c].has_code && s->cat[c].code == v &&
					    strcmp(s->cat[c].numbering, "spft-maui"))
						mark(s, c);
				continue;
			}
			while (i < len && l[i] >= '0' && l[i] <= '9')
				i++;
			if (i - b != 4 || !code_context(l, len, b, i) || !mtkfw_errcode_parse(l + b, i - b, &v))
				continue;
			for (size_t c = 0; c < s->ncat; c++)
				if (s->cat[c].has_code && s->cat[c].code == v && !strcmp(s->cat[c].numbering, "spft")) {
					mark(s, c);
					found = true;
				}
			if (!found)
				for (size_t c = 0; c < s->ncat; c++)
					if (s->cat[c].has_code && s->cat[c].code == v && strcmp(s->cat[c].numbering, "brom"))
						mark(s, c);
		}
	}
	/* 3b: the catalogue's phrases. */
	for (size_t c = 0; c < s->ncat; c++)
		for (size_t p = s->patstart[c]; p < s->patstart[c + 1]; p++)
			if (strstr(s->low, s->lowpat[p])) {
				mark(s, c);
				break;
			}
	for (size_t h = 0; h < s->nhits && rc == 0; h++)
		rc = record(s, s->hitlist[h]);
	for (size_t h = 0; h < s->nhits; h++)
		s->hit[s->hitlist[h]] = 0;
	s->len = 0;
	return rc;
}

static int feed(struct scanner *s, const uint8_t *buf, size_t n)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = buf[i];

		if (s->probed < BINARY_PROBE) {
			s->probed++;
			/* control bytes other than tab, CR, LF, form feed and ESC (colours) */
			if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != 0x1b &&
			    !(c == 0 && s->utf16))
				s->ctrl++;
		}
		if (c == '\n') {
			if ((rc = process_line(s)) != 0)
				return rc;
			continue;
		}
		if (!c) {
			if (s->utf16)
				continue;
			c = ' '; /* keep C strings intact; the binary probe judges NULs */
		}
		if (s->len < LINE_MAX_BYTES)
			s->line[s->len++] = (char)c;
	}
	/* Text has (almost) no control bytes; a few are tolerated (a log cut by a crash, a stray
	 * byte from a serial console), many mean binary data. */
	if (s->ctrl > 16 && s->ctrl * 64 > s->probed)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "not a text log (binary data)");
	return 0;
}

static int scanner_init(struct scanner *s, const char *name, mtkfw_log_scan **out)
{
	int rc;

	memset(s, 0, sizeof(*s));
	*out = NULL;
	if ((rc = mtkfw_errors_catalogue(&s->cat, &s->ncat)) != 0)
		return rc;
	s->scan = mtkfw_calloc(1, sizeof(*s->scan));
	s->index_of = mtkfw_calloc(s->ncat, sizeof(*s->index_of));
	s->hit = mtkfw_calloc(s->ncat, 1);
	s->hitlist = mtkfw_calloc(s->ncat, sizeof(*s->hitlist));
	if (!s->scan || !s->index_of || !s->hit || !s->hitlist)
		return MTKFW_ERR_NOMEM;
	if (!(s->scan->file = mtkfw_strdup(name)))
		return MTKFW_ERR_NOMEM;
	/* Lower-case the phrases once, so each log line is lower-cased once and searched with
	 * strstr rather than compared case-insensitively pattern by pattern. */
	if (!(s->patstart = mtkfw_calloc(s->ncat + 1, sizeof(*s->patstart))))
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < s->ncat; i++)
		s->patstart[i + 1] = s->patstart[i] + s->cat[i].npatterns;
	if (!(s->lowpat = mtkfw_calloc(s->patstart[s->ncat] + 1, sizeof(*s->lowpat))))
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < s->ncat; i++)
		for (size_t p = 0; p < s->cat[i].npatterns; p++) {
			char *l = mtkfw_strdup(s->cat[i].patterns[p]);

			if (!l)
				return MTKFW_ERR_NOMEM;
			for (char *q = l; *q; q++)
				*q = mtkfw_lc(*q);
			s->lowpat[s->patstart[i] + p] = l;
		}
	for (size_t i = 0; i < s->ncat; i++)
		s->index_of[i] = -1;
	return 0;
}

/* Start of input: a UTF-16LE byte-order mark switches to dropping NULs. */
static size_t scanner_bom(struct scanner *s, const uint8_t *buf, size_t n)
{
	if (n >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) {
		s->utf16 = true;
		return 2;
	}
	if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
		return 3;
	return 0;
}

static int scanner_finish(struct scanner *s, int rc, mtkfw_log_scan **out)
{
	if (rc == 0 && s->len)
		rc = process_line(s);
	free(s->index_of);
	free(s->hit);
	free(s->hitlist);
	if (s->lowpat)
		for (size_t i = 0; i < s->patstart[s->ncat]; i++)
			free(s->lowpat[i]);
	free(s->lowpat);
	free(s->patstart);
	if (rc) {
		mtkfw_seterr_prefix(s->scan ? s->scan->file : NULL);
		mtkfw_log_scan_free(s->scan);
		return rc;
	}
	*out = s->scan;
	return 0;
}

int mtkfw_explain_log_mem(mtkfw_log_scan **out, const char *name, const void *buf, size_t len)
{
	struct scanner s;
	const uint8_t *p = buf;
	size_t skip;
	int rc;

	if (!out || !name || (!buf && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_explain_log_mem: NULL argument");
	rc = scanner_init(&s, name, out);
	if (rc == 0) {
		if (len > MTKFW_LOG_SIZE_MAX) {
			len = MTKFW_LOG_SIZE_MAX;
			s.scan->truncated = true;
		}
		skip = scanner_bom(&s, p, len);
		s.scan->bytes = len;
		rc = feed(&s, p + skip, len - skip);
	}
	return scanner_finish(&s, rc, out);
}

int mtkfw_explain_log(mtkfw_log_scan **out, const char *path, mtkfw_ctx *ctx)
{
	struct scanner s;
	uint8_t *buf = NULL;
	uint64_t total;
	bool first = true;
	int fd = -1, rc;

	if (!out || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_explain_log: NULL argument");
	*out = NULL;
	/* The open's own message names the file: it comes before the scanner, which would
	 * prefix the name again. */
	if ((rc = mtkfw_open_input(path, &fd, &total)) != 0)
		return rc;
	rc = scanner_init(&s, path, out);
	if (rc == 0 && !(buf = malloc(READ_CHUNK)))
		rc = mtkfw_nomem();
	if (total > MTKFW_LOG_SIZE_MAX)
		total = MTKFW_LOG_SIZE_MAX;
	while (rc == 0) {
		size_t want = READ_CHUNK, skip = 0;
		ssize_t got;

		if (s.scan->bytes >= MTKFW_LOG_SIZE_MAX) {
			/* Anything beyond is skipped, not an error: say so in the report. */
			char probe;

			if (read(fd, &probe, 1) == 1)
				s.scan->truncated = true;
			break;
		}
		if (MTKFW_LOG_SIZE_MAX - s.scan->bytes < want)
			want = (size_t)(MTKFW_LOG_SIZE_MAX - s.scan->bytes);
		got = read(fd, buf, want);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			rc = mtkfw_seterr(MTKFW_ERR_IO, "read failed: %s", strerror(errno));
			break;
		}
		if (got == 0)
			break;
		if (first) {
			skip = scanner_bom(&s, buf, (size_t)got);
			first = false;
		}
		s.scan->bytes += (uint64_t)got;
		rc = feed(&s, buf + skip, (size_t)got - skip);
		if (rc == 0)
			rc = mtkfw_progress(ctx, "scan log", s.scan->bytes, total);
	}
	free(buf);
	if (fd >= 0)
		close(fd);
	return scanner_finish(&s, rc, out);
}
