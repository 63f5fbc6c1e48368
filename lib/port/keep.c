/*
 * The keep-list: which partitions, system paths and ramdisk files a port takes from the phone.
 * It is data (data/port-keep.txt, built in by keep.cmake) so that what a port keeps, and why,
 * can be read, changed and reviewed without reading code. Parsed, written back and edited here;
 * lib/port/port_plan.c decides with it.
 */
#include "core/file.h"
#include "core/enum_words.h"
#include "core/internal.h"

#include <mtkfw/port.h>

#include <stdio.h>
#include <strings.h>

#include "port_keep_data.h"

static const char ramdisk_prefix[] = "ramdisk:";

static const char *const kind_words[] = { "partition", "path", "ramdisk" };

const char *mtkfw_keep_kind_name(int kind)
{
	return mtkfw_enum_word(MTKFW_WORDS(kind_words), kind, "?");
}

int mtkfw_keep_kind_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(kind_words), word);
}

void mtkfw_keep_list_clear(mtkfw_keep_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].name);
		free(l->items[i].why);
	}
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

static bool glob_char(char c)
{
	return c == '*' || c == '?' || c == '[';
}

/*
 * Classify and check one entry `s` of `n` bytes. On success *kind is set and *norm is the entry
 * as stored (a path's trailing '/' dropped; "ramdisk:" removed). `why` says what is wrong.
 */
static bool entry_ok(const char *s, size_t n, int *kind, char **norm, const char **why)
{
	size_t pl = sizeof(ramdisk_prefix) - 1;

	*norm = NULL;
	if (!n || n > MTKFW_KEEP_NAME_MAX) {
		*why = n ? "longer than 1024 bytes" : "empty";
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7F || s[i] == '\\') {
			*why = "holds a blank, a control character or a backslash";
			return false;
		}
	if (s[0] == '/') {
		const char *last;

		while (n > 1 && s[n - 1] == '/')
			n--;
		if (n == 1) {
			*why = "is the whole system (/): name what to keep in it";
			return false;
		}
		for (size_t i = 0; i < n;) {
			size_t k = 1;

			while (i + k < n && s[i + k] != '/')
				k++;
			/* s[i] is the '/' before a step of k - 1 bytes */
			if (k == 1 || (k == 2 && s[i + 1] == '.') || (k == 3 && s[i + 1] == '.' && s[i + 2] == '.')) {
				*why = "has an empty, \".\" or \"..\" step";
				return false;
			}
			if (k - 1 > 255) {
				*why = "has a name over 255 bytes";
				return false;
			}
			i += k;
		}
		last = s + n;
		while (last > s && last[-1] != '/')
			last--;
		for (const char *p = s; p < last; p++)
			if (glob_char(*p)) {
				*why = "has '*', '?' or '[' before its last name (they match only within it)";
				return false;
			}
		for (const char *p = last; p < s + n; p++)
			if (*p == '[') {
				*why = "has '[' (only '*' and '?' match)";
				return false;
			}
		*kind = MTKFW_KEEP_PATH;
		*norm = mtkfw_strndup(s, n);
		return *norm != NULL || (*why = "out of memory", false);
	}
	if (n > pl && strncmp(s, ramdisk_prefix, pl) == 0) {
		for (size_t i = pl; i < n; i++)
			if (s[i] == '/' || s[i] == '[') {
				*why = "a ramdisk entry is one name at the ramdisk's root ('*' and '?' match)";
				return false;
			}
		if ((n - pl == 1 && s[pl] == '.') || (n - pl == 2 && s[pl] == '.' && s[pl + 1] == '.') || n - pl > 255) {
			*why = "is not a file name";
			return false;
		}
		*kind = MTKFW_KEEP_RAMDISK;
		*norm = mtkfw_strndup(s + pl, n - pl);
		return *norm != NULL || (*why = "out of memory", false);
	}
	if (n >= MTKFW_PART_NAME_MAX) {
		*why = "is too long for a partition name";
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_')) {
			*why = "is neither a partition name (letters, digits, '_'), a /path nor ramdisk:NAME";
			return false;
		}
	*kind = MTKFW_KEEP_PARTITION;
	*norm = mtkfw_strndup(s, n);
	return *norm != NULL || (*why = "out of memory", false);
}

static struct mtkfw_keep_entry *find(const mtkfw_keep_list *l, int kind, const char *name)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_keep_entry *e = &l->items[i];

		if (e->kind == kind && (kind == MTKFW_KEEP_PARTITION ? strcasecmp(e->name, name) : strcmp(e->name, name)) == 0)
			return &l->items[i];
	}
	return NULL;
}

/* Append an entry; takes ownership of `name`. */
static int append(mtkfw_keep_list *l, int kind, char *name, const char *why, size_t why_len, int line, bool strict)
{
	struct mtkfw_keep_entry *n;

	if (l->count >= MTKFW_KEEP_MAX) {
		free(name);
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "keep-list: more than %d entries", MTKFW_KEEP_MAX);
	}
	n = mtkfw_reallocarray(l->items, l->count + 1, sizeof(*n));
	if (!n) {
		free(name);
		return MTKFW_ERR_NOMEM;
	}
	l->items = n;
	n = &l->items[l->count];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->name = name;
	n->line = line;
	n->strict = strict;
	if (!(n->why = mtkfw_strndup(why ? why : "", why ? why_len : 0))) {
		free(name);
		return MTKFW_ERR_NOMEM;
	}
	l->count++;
	return 0;
}

int mtkfw_keep_parse(mtkfw_keep_list *out, const char *text, size_t len, const char *name, bool strict)
{
	mtkfw_keep_list l = { 0 };
	const char *p = text, *end = text + len;
	int line = 0, rc = 0;

	if (!out || (!text && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_keep_parse: NULL argument");
	memset(out, 0, sizeof(*out));
	if (!name)
		name = "keep-list";
	if (len > MTKFW_KEEP_TEXT_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %u bytes: not a keep-list", name, MTKFW_KEEP_TEXT_MAX);
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end, *w, *r;
		const char *why_msg = NULL;
		struct mtkfw_keep_entry *dup;
		char *norm;
		int kind;

		line++;
		if (memchr(p, '\0', (size_t)(e - p))) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: a NUL byte: not a text file", name, line);
			break;
		}
		while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p == e || *p == '#') {
			p = nl ? nl + 1 : end;
			continue;
		}
		for (w = p; w < e && *w != ' ' && *w != '\t';)
			w++;
		for (r = w; r < e && (*r == ' ' || *r == '\t');)
			r++;
		if (!entry_ok(p, (size_t)(w - p), &kind, &norm, &why_msg)) {
			rc = !strcmp(why_msg, "out of memory")
				     ? MTKFW_ERR_NOMEM
				     : mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: '%.*s' %s", name, line,
						    (int)((w - p) > 80 ? 80 : (w - p)), p, why_msg);
			break;
		}
		if ((dup = find(&l, kind, norm))) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: '%s' is listed twice (line %d)", name, line,
					  dup->name, dup->line);
			free(norm);
			break;
		}
		rc = append(&l, kind, norm, r, (size_t)(e - r), line, strict);
		p = nl ? nl + 1 : end;
	}
	if (rc) {
		mtkfw_keep_list_clear(&l);
		return rc;
	}
	*out = l;
	return 0;
}

int mtkfw_keep_load(mtkfw_keep_list *out, const char *path)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	int rc;

	if (!out || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_keep_load: NULL argument");
	memset(out, 0, sizeof(*out));
	if ((rc = mtkfw_read_file(path, MTKFW_KEEP_TEXT_MAX, &buf, &len)))
		return rc;
	rc = mtkfw_keep_parse(out, (const char *)buf, len, path, true);
	free(buf);
	return rc;
}

int mtkfw_keep_default(mtkfw_keep_list *out)
{
	return mtkfw_keep_parse(out, (const char *)mtkfw_port_keep_data, sizeof(mtkfw_port_keep_data),
				"data/port-keep.txt", false);
}

int mtkfw_keep_write(char **out, size_t *len, const mtkfw_keep_list *l)
{
	size_t cap = 1, used = 0;
	char *buf;

	if (!l || !out || !len)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_keep_write: NULL argument");
	for (size_t i = 0; i < l->count; i++)
		cap += strlen(l->items[i].name) + strlen(l->items[i].why) + sizeof(ramdisk_prefix) + 2;
	if (!(buf = malloc(cap)))
		return mtkfw_nomem();
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_keep_entry *e = &l->items[i];

		used += (size_t)snprintf(buf + used, cap - used, "%s%s%s%s\n",
					 e->kind == MTKFW_KEEP_RAMDISK ? ramdisk_prefix : "", e->name, *e->why ? "\t" : "",
					 e->why);
	}
	buf[used] = '\0';
	*out = buf;
	*len = used;
	return 0;
}

/* One entry as a command-line option gives it (`opt` names the option in the message). */
static int option_entry(const char *entry, const char *opt, int *kind, char **norm)
{
	const char *msg = NULL;

	if (entry_ok(entry, strlen(entry), kind, norm, &msg))
		return 0;
	return strcmp(msg, "out of memory") ? mtkfw_seterr(MTKFW_ERR_INVALID, "%s '%s' %s", opt, entry, msg)
					    : MTKFW_ERR_NOMEM;
}

int mtkfw_keep_add(mtkfw_keep_list *l, const char *entry, const char *why)
{
	struct mtkfw_keep_entry *e;
	char *norm;
	int kind, rc;

	if (!l || !entry)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_keep_add: NULL argument");
	if ((rc = option_entry(entry, "--keep", &kind, &norm)))
		return rc;
	if ((e = find(l, kind, norm))) {
		free(norm);
		e->strict = true;
		return 0;
	}
	return append(l, kind, norm, why, why ? strlen(why) : 0, 0, true);
}

int mtkfw_keep_take(mtkfw_keep_list *l, const char *entry)
{
	struct mtkfw_keep_entry *e;
	char *norm;
	int kind, rc;

	if (!l || !entry)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_keep_take: NULL argument");
	if ((rc = option_entry(entry, "--take", &kind, &norm)))
		return rc;
	e = find(l, kind, norm);
	free(norm);
	if (!e)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "--take %s: not in the keep-list, so the base's is taken "
				    "already (or it is fixed by the port)", entry);
	free(e->name);
	free(e->why);
	memmove(e, e + 1, (size_t)(l->items + l->count - (e + 1)) * sizeof(*e));
	l->count--;
	return 0;
}
