/*
 * Scatter files, in the three forms SP Flash Tool loads:
 *  - YAML-like "config_version: V1.1.x" (MT6572 and later; ptgen's GenYAMLScatFile), read line
 *    by line rather than with a YAML library: real files carry CRLF, trailing blanks and keys
 *    that a strict YAML parser would not forgive, and the shape is fixed (a general block, then
 *    one "- partition_index:" block per partition);
 *  - legacy "NAME 0xADDR" followed by "{" and "}" lines, "__NODL_" marking a partition that is
 *    not downloaded;
 *  - OTA "NAME 0xADDR" lines.
 * The format is told by content, not by file name.
 */
#include "layout/layout_internal.h"

#include "core/file.h"
#include "core/internal.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <strings.h>

static const char *skip_blanks(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static bool is_blank_or_comment(const struct text_line *l)
{
	const char *s = skip_blanks(l->p, l->p + l->len);

	return s == l->p + l->len || *s == '#';
}

/* The next line that is neither blank nor a comment (mtkfwi_text_next's 1), its text from the first
 * non-blank in `s`/`n`; 0 at the end, negative on error. */
static int next_content_line(struct text_iter *it, struct text_line *ln, const char **s, size_t *n)
{
	int rc;

	while ((rc = mtkfwi_text_next(it, ln)) == 1 && is_blank_or_comment(ln))
		;
	if (rc == 1) {
		*s = skip_blanks(ln->p, ln->p + ln->len);
		*n = (size_t)(ln->p + ln->len - *s);
	}
	return rc;
}

static int set_str(char **dst, const char *v, size_t n)
{
	char *s = mtkfw_strndup(v, n);

	if (!s)
		return MTKFW_ERR_NOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

/* ---- YAML-like ---- */

enum yaml_key {
	K_INDEX, K_NAME, K_FILE, K_DOWNLOAD, K_TYPE, K_LINEAR, K_PHYSICAL, K_SIZE, K_REGION,
	K_STORAGE, K_BOUNDARY, K_RESERVED, K_OPERATION, K_COUNT
};

/* A partition block's keys and the field each fills: a string, a true/false or a number, and
 * for some a flag that records the key was given. Name and file name have rules of their own
 * (yaml_part_key). */
enum yaml_value { V_STR, V_BOOL, V_NUM };
#define NO_FLAG SIZE_MAX
static const struct yaml_field {
	const char *key;
	enum yaml_value kind;
	size_t field; /* offset in struct mtkfw_partition */
	size_t flag;  /* offset of a bool set true when the key is given, or NO_FLAG */
} yaml_fields[K_COUNT] = {
#define F(k, key, kind, field, flag) [k] = { key, kind, offsetof(struct mtkfw_partition, field), flag }
#define HAS(field) offsetof(struct mtkfw_partition, field)
	F(K_INDEX, "partition_index", V_STR, index, NO_FLAG),
	F(K_NAME, "partition_name", V_STR, name, NO_FLAG),
	F(K_FILE, "file_name", V_STR, file, NO_FLAG),
	F(K_DOWNLOAD, "is_download", V_BOOL, download, NO_FLAG),
	F(K_TYPE, "type", V_STR, type, NO_FLAG),
	F(K_LINEAR, "linear_start_addr", V_NUM, linear_start, NO_FLAG),
	F(K_PHYSICAL, "physical_start_addr", V_NUM, physical_start, HAS(has_physical)),
	F(K_SIZE, "partition_size", V_NUM, size, HAS(has_size)),
	F(K_REGION, "region", V_STR, region, NO_FLAG),
	F(K_STORAGE, "storage", V_STR, storage, NO_FLAG),
	F(K_BOUNDARY, "boundary_check", V_BOOL, boundary_check, HAS(has_flags)),
	F(K_RESERVED, "is_reserved", V_BOOL, reserved, HAS(has_flags)),
	F(K_OPERATION, "operation_type", V_STR, operation, NO_FLAG),
#undef HAS
#undef F
};

struct yaml_state {
	const char *src;
	mtkfw_layout *l;
	struct mtkfw_partition *part; /* the partition block being read, or NULL */
	bool in_general;
	unsigned seen;                /* yaml_key bits of the current partition */
	int part_line;
};

static int yaml_bool(struct yaml_state *st, int line, const char *key, const char *v, size_t n, bool *out)
{
	if (n == 4 && strncasecmp(v, "true", 4) == 0) {
		*out = true;
		return 0;
	}
	if (n == 5 && strncasecmp(v, "false", 5) == 0) {
		*out = false;
		return 0;
	}
	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s is '%.*s', not true or false", st->src, line, key,
			    (int)(n > 40 ? 40 : n), v);
}

static int yaml_num(struct yaml_state *st, int line, const char *key, const char *v, size_t n, uint64_t *out)
{
	if (mtkfwi_parse_u64(v, n, out))
		return 0;
	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s is '%.*s', not a number below 2^64", st->src,
			    line, key, (int)(n > 40 ? 40 : n), v);
}

/* A key the model has no field for: kept, in order, for writing back. */
static int extra_key(struct yaml_state *st, int line, struct mtkfw_kv **arr, size_t *count, const char *k,
		     size_t kn, const char *v, size_t vn)
{
	int rc = mtkfwi_kv_add(arr, count, k, kn, v, vn);

	if (rc == MTKFW_ERR_LIMIT)
		return mtkfw_seterr(rc, "%s: line %d: more than 256 unknown keys in one block", st->src, line);
	return rc;
}

/* The end of a partition block: check what every block must have. */
static int yaml_close_part(struct yaml_state *st)
{
	struct mtkfw_partition *p = st->part;

	if (!p)
		return 0;
	st->part = NULL;
	if (!(st->seen & (1u << K_NAME)))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: partition block without partition_name",
				    st->src, st->part_line);
	if (!(st->seen & (1u << K_LINEAR)))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: partition %s has no linear_start_addr",
				    st->src, st->part_line, p->name);
	if (!(st->seen & (1u << K_DOWNLOAD)))
		p->download = p->file != NULL;
	return 0;
}

static int yaml_part_key(struct yaml_state *st, int line, const char *k, size_t kn, const char *v, size_t vn)
{
	struct mtkfw_partition *p = st->part;
	int key = -1, rc = 0;
	const char *pname = p->name ? p->name : "partition";
	const struct yaml_field *f;
	char *base = (char *)p;

	for (int i = 0; i < K_COUNT; i++)
		if (strlen(yaml_fields[i].key) == kn && memcmp(yaml_fields[i].key, k, kn) == 0)
			key = i;
	if (key < 0)
		return extra_key(st, line, &p->extra, &p->extra_count, k, kn, v, vn);
	f = &yaml_fields[key];
	if (st->seen & (1u << key))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s: %s given twice", st->src, line, pname, f->key);
	st->seen |= 1u << key;
	if (key == K_NAME && vn > MTKFW_PART_NAME_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %d: partition name longer than %d bytes", st->src,
				    line, MTKFW_PART_NAME_MAX);
	if (key == K_FILE) {
		/* "NONE" (any case) or nothing: the partition has no file. */
		free(p->file);
		p->file = NULL;
		if (!vn || (vn == 4 && strncasecmp(v, "NONE", 4) == 0))
			return 0;
	}
	switch (f->kind) {
	case V_STR: rc = set_str((char **)(base + f->field), v, vn); break;
	case V_BOOL: rc = yaml_bool(st, line, f->key, v, vn, (bool *)(base + f->field)); break;
	case V_NUM: rc = yaml_num(st, line, f->key, v, vn, (uint64_t *)(base + f->field)); break;
	}
	if (f->flag != NO_FLAG)
		*(bool *)(base + f->flag) = true;
	return rc;
}

static int yaml_general_key(struct yaml_state *st, int line, const char *k, size_t kn, const char *v, size_t vn)
{
	mtkfw_layout *l = st->l;
	static const char *const names[] = { "config_version", "platform", "project", "storage", "boot_channel" };
	char **dst[] = { &l->config_version, &l->platform, &l->project, &l->storage, &l->boot_channel };

	if (kn == 4 && memcmp(k, "info", 4) == 0 && vn == 0)
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == kn && memcmp(names[i], k, kn) == 0)
			return set_str(dst[i], v, vn);
	if (kn == 10 && memcmp(k, "block_size", 10) == 0) {
		l->has_block_size = true;
		return yaml_num(st, line, "block_size", v, vn, &l->block_size);
	}
	return extra_key(st, line, &l->general_extra, &l->general_extra_count, k, kn, v, vn);
}

static int yaml_line(struct yaml_state *st, const struct text_line *ln)
{
	const char *s = ln->p, *end = ln->p + ln->len, *k, *v;
	size_t indent = 0, kn;
	bool item = false;
	int rc;

	while (s < end && (*s == ' ' || *s == '\t')) {
		s++;
		indent++;
	}
	if (s < end && *s == '-' && (s + 1 == end || s[1] == ' ' || s[1] == '\t')) {
		item = true;
		s++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
	}
	k = s;
	while (s < end && (isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.'))
		s++;
	kn = (size_t)(s - k);
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (!kn || s == end || *s != ':')
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: expected 'key: value', found '%.*s'", st->src,
				    ln->number, (int)(ln->len > 60 ? 60 : ln->len), ln->p);
	s++;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	v = s;

	if (indent == 0 && item) {
		/* A new top-level block: the general settings, or a partition. */
		if ((rc = yaml_close_part(st)) != 0)
			return rc;
		if (kn == 7 && memcmp(k, "general", 7) == 0) {
			st->in_general = true;
			return 0;
		}
		st->in_general = false;
		if ((rc = mtkfwi_add_at_line(st->l, st->src, ln->number, &st->part)) != 0)
			return rc;
		st->part->line = ln->number;
		st->seen = 0;
		st->part_line = ln->number;
		return yaml_part_key(st, ln->number, k, kn, v, (size_t)(end - v));
	}
	if (indent == 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: '%.*s' outside any '- ' block", st->src,
				    ln->number, (int)(kn > 60 ? 60 : kn), k);
	if (st->part)
		return yaml_part_key(st, ln->number, k, kn, v, (size_t)(end - v));
	if (st->in_general)
		return yaml_general_key(st, ln->number, k, kn, v, (size_t)(end - v));
	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: '%.*s' outside any block", st->src, ln->number,
			    (int)(kn > 60 ? 60 : kn), k);
}

static int parse_yaml(mtkfw_layout *l, const char *text, size_t len, const char *src)
{
	struct text_iter it = { text, len, 0, 0, src };
	struct yaml_state st = { src, l, NULL, false, 0, 0 };
	struct text_line ln;
	int rc;

	while ((rc = mtkfwi_text_next(&it, &ln)) == 1) {
		if (is_blank_or_comment(&ln))
			continue;
		if ((rc = yaml_line(&st, &ln)) != 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	return yaml_close_part(&st);
}

/* ---- legacy and OTA ---- */

/* The end of a word: a blank or the legacy form's '{' ends it. */
static const char *word_end(const char *s, const char *end)
{
	while (s < end && *s != ' ' && *s != '\t' && *s != '{')
		s++;
	return s;
}

/* "NAME 0xADDR" with an optional trailing "{" or "{}" (legacy). */
static int name_addr_line(const char *src, const struct text_line *ln, mtkfw_layout *l, bool *open_brace,
			  bool *closed)
{
	const char *s = ln->p, *end = ln->p + ln->len, *n, *a;
	size_t nn, an;
	struct mtkfw_partition *p;
	bool nodl = false;
	int rc;

	n = skip_blanks(s, end);
	s = word_end(n, end);
	nn = (size_t)(s - n);
	a = skip_blanks(s, end);
	s = word_end(a, end);
	an = (size_t)(s - a);
	s = skip_blanks(s, end);
	*open_brace = *closed = false;
	if (s < end && *s == '{') {
		*open_brace = true;
		s = skip_blanks(s + 1, end);
		if (s < end && *s == '}') {
			*closed = true;
			s++;
		}
	}
	if (!nn || !an || s != end)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: expected 'NAME 0xADDRESS', found '%.*s'", src,
				    ln->number, (int)(ln->len > 60 ? 60 : ln->len), ln->p);
	/* A byte order mark is no name: at the start of a written file it would be dropped on
	 * reading back, leaving the line without one (found by fuzz_scatter). */
	if (nn >= 3 && memcmp(n, "\xEF\xBB\xBF", 3) == 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: a byte order mark where a partition name should be",
				    src, ln->number);
	if (nn > 7 && memcmp(n, "__NODL_", 7) == 0) {
		nodl = true;
		n += 7;
		nn -= 7;
	}
	if (nn > MTKFW_PART_NAME_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %d: partition name longer than %d bytes", src,
				    ln->number, MTKFW_PART_NAME_MAX);
	if ((rc = mtkfwi_add_at_line(l, src, ln->number, &p)) != 0)
		return rc;
	if (!(p->name = mtkfw_strndup(n, nn)))
		return MTKFW_ERR_NOMEM;
	p->line = ln->number;
	p->download = !nodl;
	/* ptgen prefixes reserved eMMC partitions with RSV_ in this format. */
	p->reserved = nn > 4 && memcmp(n, "RSV_", 4) == 0;
	if (!mtkfwi_parse_u64(a, an, &p->linear_start))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: address '%.*s' is not a number below 2^64", src,
				    ln->number, (int)(an > 40 ? 40 : an), a);
	return 0;
}

static int parse_legacy(mtkfw_layout *l, const char *text, size_t len, const char *src)
{
	struct text_iter it = { text, len, 0, 0, src };
	struct text_line ln;
	enum { OUT, WANT_OPEN, IN } state = OUT;
	int rc, open_line = 0;
	const char *s;
	size_t n;

	while ((rc = next_content_line(&it, &ln, &s, &n)) == 1) {
		bool open, closed;

		switch (state) {
		case OUT:
			if ((rc = name_addr_line(src, &ln, l, &open, &closed)) != 0)
				return rc;
			state = closed ? OUT : open ? IN : WANT_OPEN;
			open_line = ln.number;
			break;
		case WANT_OPEN:
			if (n == 2 && s[0] == '{' && s[1] == '}') {
				state = OUT;
				break;
			}
			if (n != 1 || *s != '{')
				return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: expected '{' after line %d", src,
						    ln.number, open_line);
			state = IN;
			break;
		case IN:
			/* Old tools put settings inside the braces; the address is all that matters. */
			if (n == 1 && *s == '}')
				state = OUT;
			break;
		}
	}
	if (rc < 0)
		return rc;
	if (state != OUT)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the block opened at line %d is not closed", src,
				    open_line);
	return 0;
}

static int parse_ota(mtkfw_layout *l, const char *text, size_t len, const char *src)
{
	struct text_iter it = { text, len, 0, 0, src };
	struct text_line ln;
	const char *s;
	size_t n;
	int rc;

	while ((rc = next_content_line(&it, &ln, &s, &n)) == 1) {
		bool open, closed;

		if ((rc = name_addr_line(src, &ln, l, &open, &closed)) != 0)
			return rc;
		if (open)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: '{' in an OTA scatter", src, ln.number);
	}
	return rc;
}

/* The format from the first meaningful lines: "- key:" is YAML; "NAME 0xADDR" followed by a
 * "{" is legacy, by another address line OTA. */
static int detect(const char *text, size_t len, const char *src, int *format)
{
	struct text_iter it = { text, len, 0, 0, src };
	struct text_line ln;
	int rc, seen = 0;
	const char *s;
	size_t n;

	while ((rc = next_content_line(&it, &ln, &s, &n)) == 1) {
		if (seen == 0) {
			if (*s == '-') {
				*format = MTKFW_LAYOUT_YAML;
				return 0;
			}
			if (memchr(s, '{', n)) {
				*format = MTKFW_LAYOUT_LEGACY;
				return 0;
			}
			seen = 1;
			continue;
		}
		*format = *s == '{' ? MTKFW_LAYOUT_LEGACY : MTKFW_LAYOUT_OTA;
		return 0;
	}
	if (rc < 0)
		return rc;
	if (seen) {
		*format = MTKFW_LAYOUT_OTA;
		return 0;
	}
	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no partitions: not a scatter file", src);
}

/* Legacy and OTA scatters carry no platform, but SP Flash Tool names them after it
 * ("MT6589_Android_scatter_emmc.txt"); keep that, a YAML scatter needs one. */
static int platform_from_name(mtkfw_layout *l, const char *src)
{
	const char *b = mtkfw_path_base(src);
	size_t n = 2;

	if (strncasecmp(b, "MT", 2) != 0)
		return 0;
	while (isdigit((unsigned char)b[n]))
		n++;
	if (n < 6 || n > 7 || b[n] != '_')
		return 0;
	if (!(l->platform = mtkfw_strndup(b, n)))
		return MTKFW_ERR_NOMEM;
	l->platform[0] = 'M';
	l->platform[1] = 'T';
	return 0;
}

int mtkfw_scatter_parse(mtkfw_layout **out, const char *text, size_t len, const char *name)
{
	const char *src = name ? name : "scatter";
	mtkfw_layout *l;
	int format = 0, rc;

	*out = NULL;
	if (!text && len)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: no text", src);
	if (len > MTKFW_SCATTER_MAX_BYTES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %zu bytes, more than the %u a scatter file may have", src,
				    len, MTKFW_SCATTER_MAX_BYTES);
	/* A scatter saved by a Windows editor starts with a UTF-8 byte order mark. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if ((rc = detect(text, len, src, &format)) != 0)
		return rc;
	if ((rc = mtkfw_layout_new(&l, format)) != 0)
		return rc;
	if (!(l->source = mtkfw_strdup(src))) {
		mtkfw_layout_free(l);
		return MTKFW_ERR_NOMEM;
	}
	rc = format == MTKFW_LAYOUT_YAML ? parse_yaml(l, text, len, src)
	     : format == MTKFW_LAYOUT_LEGACY ? parse_legacy(l, text, len, src)
					     : parse_ota(l, text, len, src);
	if (rc == 0 && l->count == 0)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no partitions: not a scatter file", src);
	if (rc == 0 && !l->platform)
		rc = platform_from_name(l, src);
	if (rc == 0)
		rc = mtkfw_layout_decode(l);
	if (rc != 0) {
		mtkfw_layout_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

int mtkfw_scatter_load(mtkfw_layout **out, const char *path)
{
	uint8_t *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = mtkfw_read_file(path, MTKFW_SCATTER_MAX_BYTES, &buf, &len)) != 0)
		return rc;
	rc = mtkfw_scatter_parse(out, (const char *)buf, len, path);
	free(buf);
	return rc;
}
