/*
 * The modem image's identity trailer (../shared/specs/modem.md), described once as field tables
 * for the parser and the writer, and the small mddb and stub formats beside it. The trailer is
 * found from the end: the last word is S, the check header's size; CHECK_HEADER stands S bytes
 * before the end and the three identity texts 228 bytes before that.
 */
#include "core/bytes.h"
#include "core/fields.h"
#include "core/internal.h"
#include "firmware/modem_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char magic[12] = { 'C', 'H', 'E', 'C', 'K', '_', 'H', 'E', 'A', 'D', 'E', 'R' };

/* The trailer as MT6572-era modems carry it (S = 188), offsets from its first byte (416 bytes
 * before the end). A larger S keeps these at the same place and ends with `tail_fields`. */
static const struct mtkfw_field head_fields[] = {
	{ "project", 0, 128, MTKFW_F_BYTES },
	{ "flavor", 128, 36, MTKFW_F_BYTES },
	{ "verno", 164, 64, MTKFW_F_BYTES },
	{ "magic", 228, 12, MTKFW_F_BYTES },
	{ "header_version", 240, 4, MTKFW_F_LE },
	{ "product_version", 244, 4, MTKFW_F_LE },
	{ "image_type", 248, 4, MTKFW_F_LE },
	{ "platform", 252, 16, MTKFW_F_BYTES },
	{ "build_time", 268, 64, MTKFW_F_BYTES },
	{ "build_version", 332, 64, MTKFW_F_BYTES },
	{ "bind_sys_id", 396, 1, MTKFW_F_LE },
	{ "ext_attr", 397, 1, MTKFW_F_LE },
	/* 398: two reserved bytes, kept as stored */
	{ "mem_size", 400, 4, MTKFW_F_LE },
	{ "image_size", 404, 4, MTKFW_F_LE },
};
#define HEAD_SPAN 408u /* mtkfw_fields_span(head_fields): what every S >= 188 holds */

/* The check header's last two words, offsets from the trailer's last 8 bytes. */
static const struct mtkfw_field tail_fields[] = {
	{ "reserved_info", 0, 4, MTKFW_F_LE },
	{ "header_size", 4, 4, MTKFW_F_LE },
};

#define N(t) (sizeof(t) / sizeof((t)[0]))

/* Where the struct keeps each field: a text buffer or an integer. */
struct slot {
	char *text;
	size_t cap;
	uint32_t *u32;
	uint8_t *u8;
};

static struct slot slot_of(struct mtkfw_modem *m, const char *name)
{
	struct slot s = { 0 };

#define TEXT(f) if (!strcmp(name, #f)) { s.text = m->f; s.cap = sizeof(m->f); return s; }
#define U32(f) if (!strcmp(name, #f)) { s.u32 = &m->f; return s; }
#define U8(f) if (!strcmp(name, #f)) { s.u8 = &m->f; return s; }
	TEXT(project) TEXT(flavor) TEXT(verno) TEXT(platform) TEXT(build_time) TEXT(build_version)
	U32(header_version) U32(product_version) U32(image_type) U32(mem_size) U32(image_size)
	U32(reserved_info) U32(header_size) U8(bind_sys_id) U8(ext_attr)
#undef TEXT
#undef U32
#undef U8
	return s; /* the magic: checked and written, not kept */
}

void mtkfwi_modem_field_text(char *dst, size_t cap, const uint8_t *src, size_t n)
{
	size_t l = strnlen((const char *)src, n);

	if (l >= cap)
		l = cap - 1;
	for (size_t i = 0; i < l; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7F ? (char)src[i] : '?';
	dst[l] = '\0';
}

static void get_fields(struct mtkfw_modem *m, const struct mtkfw_field *t, size_t n, const uint8_t *base)
{
	for (size_t i = 0; i < n; i++) {
		struct slot s = slot_of(m, t[i].name);

		if (s.text)
			mtkfwi_modem_field_text(s.text, s.cap, base + t[i].offset, t[i].size);
		else if (s.u32)
			*s.u32 = (uint32_t)mtkfw_field_get(&t[i], base);
		else if (s.u8)
			*s.u8 = (uint8_t)mtkfw_field_get(&t[i], base);
	}
}

int mtkfw_modem_parse_trailer(struct mtkfw_modem *out, const uint8_t *tail, size_t len, uint64_t file_size,
			      const char *name)
{
	const uint8_t *base;
	uint32_t s;
	size_t tl;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "modem";
	if (len > file_size)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %zu tail bytes of a %llu-byte file", name, len,
				    (unsigned long long)file_size);
	if (len < 4)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %llu bytes, too short for a modem image's trailer", name,
				    (unsigned long long)file_size);
	s = rd_le32(tail + len - 4);
	if (s < MTKFW_MODEM_HEADER_V2 || s > MTKFW_MODEM_HEADER_MAX)
		return mtkfw_seterr(MTKFW_ERR_FORMAT,
				    "%s: not a modem image (its last word, the check header's size, is %u, not 188 to %u)",
				    name, s, MTKFW_MODEM_HEADER_MAX);
	tl = MTKFW_MODEM_IDENTITY + s;
	if (file_size < tl)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %llu bytes, less than the %zu-byte trailer its last word announces",
				    name, (unsigned long long)file_size, tl);
	if (len < tl)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %zu tail bytes given, the trailer has %zu", name, len, tl);
	base = tail + len - tl;
	if (memcmp(base + MTKFW_MODEM_IDENTITY, magic, sizeof(magic)) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no CHECK_HEADER %u bytes before the end: not a modem image", name, s);
	out->kind = MTKFW_MODEM_IMAGE;
	out->file_size = file_size;
	get_fields(out, head_fields, N(head_fields), base);
	get_fields(out, tail_fields, N(tail_fields), base + tl - 8);
	memcpy(out->trailer, base, tl);
	out->trailer_len = tl;
	return 0;
}

int mtkfw_modem_write_trailer(uint8_t *out, size_t cap, size_t *len, const struct mtkfw_modem *m)
{
	uint32_t s = m->header_size ? m->header_size : MTKFW_MODEM_HEADER_V2;
	/* slot_of hands out pointers for the parser to fill; here they are only read */
	struct mtkfw_modem *w = (struct mtkfw_modem *)m;
	size_t tl;

	*len = 0;
	if (s < MTKFW_MODEM_HEADER_V2 || s > MTKFW_MODEM_HEADER_MAX)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "modem trailer: a check header of %u bytes (188 to %u)", s,
				    MTKFW_MODEM_HEADER_MAX);
	tl = MTKFW_MODEM_IDENTITY + s;
	if (cap < tl)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "modem trailer: %zu bytes of room, %zu needed", cap, tl);
	if (m->trailer_len == tl)
		memcpy(out, m->trailer, tl);
	else
		memset(out, 0, tl);
	for (size_t i = 0; i < N(head_fields) + N(tail_fields); i++) {
		const struct mtkfw_field *f = i < N(head_fields) ? &head_fields[i] : &tail_fields[i - N(head_fields)];
		uint8_t *p = i < N(head_fields) ? out : out + tl - 8;
		struct slot sl = slot_of(w, f->name);
		char now[129];

		if (!strcmp(f->name, "magic")) {
			memcpy(p + f->offset, magic, sizeof(magic));
		} else if (!strcmp(f->name, "header_size")) {
			mtkfw_field_put(f, p, s); /* 0 in the struct means the usual 188 */
		} else if (sl.text) {
			/* Rewrite a text only when it changed: bytes after its NUL survive a round trip. */
			mtkfwi_modem_field_text(now, sizeof(now) < f->size + 1 ? sizeof(now) : f->size + 1, p + f->offset, f->size);
			if (strcmp(now, sl.text) != 0) {
				memset(p + f->offset, 0, f->size);
				memcpy(p + f->offset, sl.text, strnlen(sl.text, f->size));
			}
		} else if (sl.u32) {
			mtkfw_field_put(f, p, *sl.u32);
		} else if (sl.u8) {
			mtkfw_field_put(f, p, *sl.u8);
		}
	}
	*len = tl;
	return 0;
}

/* ---- DbgInfo: CATI, u32 1, u32 0, then NUL-terminated strings -------------------------- */

#define DBGINFO_HEAD 12u

/* The NUL-terminated string at *pos (printable, 1..cap-1 bytes), or false. */
static bool next_string(const uint8_t *buf, size_t len, size_t *pos, char *dst, size_t cap)
{
	size_t p = *pos, n = 0;

	while (p + n < len && buf[p + n] && n < cap)
		n++;
	if (!n || n >= cap || p + n >= len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (buf[p + i] < 0x20 || buf[p + i] >= 0x7F)
			return false;
	memcpy(dst, buf + p, n);
	dst[n] = '\0';
	*pos = p + n + 1;
	return true;
}

int mtkfw_modem_parse_dbginfo(struct mtkfw_modem *out, const uint8_t *buf, size_t len, const char *name)
{
	char first[200];
	size_t pos = DBGINFO_HEAD;
	const char *sp;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "DbgInfo";
	if (len < DBGINFO_HEAD || memcmp(buf, "CATI", 4) != 0)
		return mtkfw_seterr(len < 4 ? MTKFW_ERR_TRUNCATED : MTKFW_ERR_FORMAT, "%s: not a DbgInfo file (no CATI)", name);
	if (rd_le32(buf + 4) != 1)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: DbgInfo version %u (mtkfw reads 1)", name, rd_le32(buf + 4));
	if (!next_string(buf, len, &pos, first, sizeof(first)) ||
	    !next_string(buf, len, &pos, out->platform, sizeof(out->platform)) ||
	    !next_string(buf, len, &pos, out->verno, sizeof(out->verno)) ||
	    !next_string(buf, len, &pos, out->build_time, sizeof(out->build_time))) {
		memset(out, 0, sizeof(*out));
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: DbgInfo header strings (branch and project, platform, verno, build time) "
				    "missing or not text",
				    name);
	}
	/* "<branch> <PROJECT>" */
	sp = strrchr(first, ' ');
	if (sp && (size_t)(sp - first) < sizeof(out->branch)) {
		memcpy(out->branch, first, (size_t)(sp - first));
		mtkfwi_modem_field_text(out->project, sizeof(out->project), (const uint8_t *)sp + 1, strlen(sp + 1));
	} else {
		mtkfwi_modem_field_text(out->project, sizeof(out->project), (const uint8_t *)first, strlen(first));
	}
	out->kind = MTKFW_MODEM_DBGINFO;
	out->file_size = len;
	return 0;
}

/* ---- stub: one absolute path to a modem image, as text ---------------------------------- */

int mtkfw_modem_parse_stub(struct mtkfw_modem *out, const uint8_t *buf, size_t len, const char *name)
{
	size_t n = len;
	const char *base;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "stub";
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == '\0'))
		n--;
	if (len > MTKFW_MODEM_STUB_MAX || n < 2 || buf[0] != '/')
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a modem stub (one absolute path, at most %u bytes)", name,
				    MTKFW_MODEM_STUB_MAX);
	for (size_t i = 0; i < n; i++)
		if (buf[i] <= 0x20 || buf[i] >= 0x7F)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a modem stub (not one path)", name);
	if (!(out->target = mtkfw_strndup((const char *)buf, n)))
		return mtkfw_nomem();
	base = strrchr(out->target, '/') + 1;
	if (strncasecmp(base, "modem", 5) != 0 || n < 4 || strcasecmp(out->target + n - 4, ".img") != 0) {
		mtkfw_modem_clear(out);
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: a path, but not to a modem image (modem*.img)", name);
	}
	out->kind = MTKFW_MODEM_STUB;
	out->file_size = len;
	out->image_type = mtkfwi_modem_type_from_name(base);
	return 0;
}

/* ---- names: BPLGUInfo*, DbgInfo_*, the _1_<type>_n suffix ------------------------------- */

static const char *const type_names[] = { NULL, "2G", "3G", "WG", "TG", "LWG", "LTG" };

const char *mtkfw_modem_type_name(uint32_t type)
{
	return type < N(type_names) ? type_names[type] : NULL;
}

const char *mtkfw_modem_kind_name(mtkfw_modem_kind kind)
{
	static const char *const names[] = { "image", "stub", "dbginfo", "mddb" };

	return (unsigned)kind < N(names) ? names[kind] : "unknown";
}

int mtkfw_modem_kind_parse(const char *word)
{
	for (int v = MTKFW_MODEM_IMAGE; word && v <= MTKFW_MODEM_MDDB; v++) {
		const char *w = mtkfw_modem_kind_name((mtkfw_modem_kind)v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

int mtkfw_modem_type_parse(const char *word)
{
	for (int v = MTKFW_MODEM_TYPE_2G; word && v <= MTKFW_MODEM_TYPE_LTG; v++) {
		const char *w = mtkfw_modem_type_name((uint32_t)v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

const char *mtkfw_modem_naming_name(int naming)
{
	return naming == MTKFW_MODEM_NAMES_IT ? "it" : naming == MTKFW_MODEM_NAMES_NONE ? "none" : "other";
}

int mtkfw_modem_naming_parse(const char *word)
{
	for (int v = MTKFW_MODEM_NAMES_OTHER; word && v <= MTKFW_MODEM_NAMES_NONE; v++) {
		const char *w = mtkfw_modem_naming_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

uint32_t mtkfwi_modem_type_from_name(const char *base)
{
	/* "..._1_wg_n", "modem_1_2g_n.img", "modem_1_wg_n_E1.img": the word after "_1_". */
	const char *p = base, *hit = NULL;

	while ((p = strstr(p, "_1_")) != NULL)
		hit = p, p += 3;
	if (!hit)
		return MTKFW_MODEM_TYPE_UNKNOWN;
	hit += 3;
	for (uint32_t t = 1; t < N(type_names); t++) {
		size_t l = strlen(type_names[t]);

		if (strncasecmp(hit, type_names[t], l) == 0 && hit[l] == '_' && (hit[l + 1] == 'n' || hit[l + 1] == 'N'))
			return t;
	}
	return MTKFW_MODEM_TYPE_UNKNOWN;
}

int mtkfw_modem_parse_mddb_name(struct mtkfw_modem *out, const char *base)
{
	static const char *const prefixes[] = { "BPLGUInfoCustomAppSrcP_", "BPLGUInfoCustomApp_" };
	const char *p = NULL, *end;
	size_t n;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < N(prefixes) && !p; i++)
		if (strncasecmp(base, prefixes[i], strlen(prefixes[i])) == 0)
			p = base + strlen(prefixes[i]);
	/* The platform: MT<digits>_S<digits>. */
	if (!p || toupper((unsigned char)p[0]) != 'M' || toupper((unsigned char)p[1]) != 'T' || !isdigit((unsigned char)p[2]))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a BPLGUInfo name (BPLGUInfoCustomApp[SrcP]_MTxxxx_Sxx_...)", base);
	n = 2;
	while (isdigit((unsigned char)p[n]))
		n++;
	if (p[n] != '_' || toupper((unsigned char)p[n + 1]) != 'S' || !isdigit((unsigned char)p[n + 2]))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no platform (MTxxxx_Sxx) after BPLGUInfoCustomApp", base);
	n += 2;
	while (isdigit((unsigned char)p[n]))
		n++;
	if (n >= sizeof(out->platform) || p[n] != '_' || !p[n + 1])
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no modem version after the platform", base);
	memcpy(out->platform, p, n);
	p += n + 1;
	/* The verno runs to the "_1_<type>_n" suffix, when there is one. */
	out->image_type = mtkfwi_modem_type_from_name(base);
	end = p + strlen(p);
	if (out->image_type) {
		/* from the '_' before the verno: "..._S00_1_wg_n" has no verno at all */
		const char *s = strstr(p - 1, "_1_"), *last = NULL;

		while (s)
			last = s, s = strstr(s + 1, "_1_");
		if (last)
			end = last;
	}
	if (end <= p || (size_t)(end - p) >= sizeof(out->verno))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no modem version after the platform", base);
	for (size_t i = 0; p + i < end; i++)
		out->verno[i] = p[i] == '_' ? '.' : p[i] >= 0x20 && p[i] < 0x7F ? p[i] : '?';
	out->kind = MTKFW_MODEM_MDDB;
	return 0;
}

/* `s` folded for comparing names: '.', ' ', '/', ':' and '-' as '_', upper case. */
static void fold(char *dst, size_t cap, const char *s)
{
	size_t i = 0;

	for (; s[i] && i + 1 < cap; i++)
		dst[i] = strchr(". /:-", s[i]) ? '_' : (char)toupper((unsigned char)s[i]);
	dst[i] = '\0';
}

static bool same_folded(const char *a, const char *b)
{
	char fa[160], fb[160];

	fold(fa, sizeof(fa), a);
	fold(fb, sizeof(fb), b);
	return *fa && strcmp(fa, fb) == 0;
}

/* `field` (folded) stands as a whole word in `name` (folded, '_'-ended). */
static bool has_word(const char *name, const char *field)
{
	char want[200];

	snprintf(want, sizeof(want), "_%s_", field);
	fold(want, sizeof(want), want);
	return *field && strstr(name, want);
}

mtkfw_modem_naming mtkfw_modem_names(const struct mtkfw_modem *m, const char *base)
{
	struct mtkfw_modem n;

	if (strncasecmp(base, "DbgInfo_", 8) == 0) {
		char name[512];

		/* DbgInfo_<branch>_<PROJECT>_<verno>_<YYYY_MM_DD_HH_MM>[_1_<type>_n] */
		fold(name, sizeof(name) - 1, base);
		strcat(name, "_");
		return has_word(name, m->project) && (has_word(name, m->verno) || has_word(name, m->custom_verno)) &&
				       has_word(name, m->build_time)
			       ? MTKFW_MODEM_NAMES_IT
			       : MTKFW_MODEM_NAMES_OTHER;
	}
	if (mtkfw_modem_parse_mddb_name(&n, base) != 0) {
		mtkfw_error_clear();
		return MTKFW_MODEM_NAMES_NONE;
	}
	if (!same_folded(n.platform, m->platform))
		return MTKFW_MODEM_NAMES_OTHER;
	if (n.image_type && m->image_type && n.image_type != m->image_type)
		return MTKFW_MODEM_NAMES_OTHER;
	return same_folded(n.verno, m->verno) || same_folded(n.verno, m->custom_verno) ? MTKFW_MODEM_NAMES_IT
										     : MTKFW_MODEM_NAMES_OTHER;
}

void mtkfw_modem_clear(struct mtkfw_modem *m)
{
	if (!m)
		return;
	free(m->file);
	free(m->target);
	mtkfw_names_clear(&m->mddb);
	memset(m, 0, sizeof(*m));
}
