/*
 * fnmatch(3) with flags 0, for the Windows build (mingw's C library has none; the port's
 * keep-list and board patterns use it). What glibc does in the C locale: '*' any bytes, '?'
 * one byte, '[...]' a set with '!' or '^' to negate, ranges, [:class:] names and ']' first as
 * itself, '\' quotes; a '[' that opens no closed set is itself, and an ill-formed pattern (a
 * lone '\' at its end, a range cut off, an unknown class) matches nothing. Not kept: collating
 * symbols ([.x.]) and equivalence classes ([=x=]), which no pattern of ours needs; a set with
 * one matches nothing. No recursion: one '*' is remembered and retried one byte further on a
 * mismatch, which is enough when '*' matches every byte.
 * tests/unit/test_fnmatch_compat.c holds it against glibc's fnmatch.
 */
#include <fnmatch.h>

#include <ctype.h>
#include <string.h>

static int in_class(const char *name, size_t len, unsigned char c)
{
	static const struct {
		const char *name;
		int (*is)(int);
	} classes[] = {
		{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank }, { "cntrl", iscntrl },
		{ "digit", isdigit }, { "graph", isgraph }, { "lower", islower }, { "print", isprint },
		{ "punct", ispunct }, { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == len && memcmp(classes[i].name, name, len) == 0)
			return classes[i].is(c) != 0;
	return -1;
}

/* A "[:name:]" at p: its length through ":]", or 0 when p starts no class name (then '[' is a
 * member of the set). Names are lowercase letters a to y, as glibc reads them. */
static size_t class_len(const char *p)
{
	size_t n = 2;

	while (p[n] >= 'a' && p[n] < 'z')
		n++;
	return p[n] == ':' && p[n + 1] == ']' ? n + 2 : 0;
}

/* The set that starts after '[' at *pp: 1 when c is in it, 0 when not (*pp then points past
 * its ']'), UNCLOSED when the set has no ']' ('[' is then itself), BAD when it is ill-formed
 * (a lone '\' or a range cut off at the pattern's end, an unknown class name), which glibc
 * answers with no match for the whole pattern. */
enum { UNCLOSED = -1, BAD = -2 };

static int in_set(const char **pp, unsigned char c)
{
	const char *p = *pp, *first;
	int neg = 0, hit = 0;

	if (*p == '!' || *p == '^')
		neg = 1, p++;
	first = p;
	for (;;) {
		unsigned char lo = (unsigned char)*p, hi;
		size_t cl;

		if (!lo)
			return UNCLOSED;
		if (lo == ']' && p != first) {
			p++;
			break;
		}
		if (lo == '[' && p[1] == ':' && (cl = class_len(p)) != 0) {
			int r = in_class(p + 2, cl - 4, c);

			if (r < 0)
				return BAD;
			hit |= r;
			p += cl;
			continue;
		}
		if (lo == '[' && (p[1] == '.' || p[1] == '='))
			return BAD; /* collating symbols and equivalence classes: not kept */
		if (lo == '\\') {
			if (!p[1])
				return BAD;
			lo = (unsigned char)*++p;
		}
		p++;
		hi = lo;
		if (p[0] == '-' && p[1] != ']') {
			p++;
			if (*p == '\\')
				p++;
			if (!*p)
				return BAD;
			hi = (unsigned char)*p++;
		}
		if (lo <= c && c <= hi)
			hit = 1;
	}
	*pp = p;
	return hit != neg;
}

int fnmatch(const char *pat, const char *str, int flags)
{
	const char *star_pat = NULL, *star_str = NULL;

	(void)flags;
	for (;;) {
		unsigned char c = (unsigned char)*pat;

		if (c == '*') {
			while (*pat == '*')
				pat++;
			if (!*pat)
				return 0;
			star_pat = pat, star_str = str;
			continue;
		}
		if (!*str) {
			if (!c)
				return 0;
		} else if (c == '?') {
			pat++, str++;
			continue;
		} else {
			if (c == '[') {
				const char *q = pat + 1;
				int r = in_set(&q, (unsigned char)*str);

				if (r > 0) {
					pat = q, str++;
					continue;
				}
				if (r == BAD)
					return FNM_NOMATCH;
				if (r == 0)
					goto retry;
				/* UNCLOSED: '[' is matched as itself below */
			}
			if (c == '\\') {
				if (!pat[1])
					return FNM_NOMATCH; /* glibc: a pattern may not end in a lone '\' */
				c = (unsigned char)*++pat;
			}
			if (c == (unsigned char)*str) {
				pat++, str++;
				continue;
			}
		}
	retry:
		if (!star_pat || !*star_str)
			return FNM_NOMATCH;
		pat = star_pat, str = ++star_str;
	}
}
