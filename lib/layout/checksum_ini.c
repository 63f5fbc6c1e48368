/*
 * Checksum.ini, the image checksums SP Flash Tool checks before a download (error 8041 when one
 * differs, a refusal when a value is 0). Two forms:
 *  - V1 (SP Flash Tool v5, CheckSum_Gen): [VERSION] VERSION=V1, TOOL, Change_ID;
 *    [IsEnableChecksum] CHECKSUM_SWITCH; [CheckSum] partition=0x%X, the value being the sum of
 *    every byte of the file modulo 0x10000 (verified on the corpus x5511B package);
 *  - the old v3 form: no [VERSION], upper-case partition names, "KEY = 0x..." with 32-bit
 *    values (plausibly the 32-bit byte sum; not verified on a real pair).
 * Keys are partition names, matched without regard to case. Which file a key's sum is taken of
 * is the package model's answer (lib/firmware/package_checksum.c).
 */
#include "layout/layout_internal.h"

#include "core/enum_words.h"
#include "core/file.h"
#include "core/internal.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

static const char *const style_words[] = { NULL, "v1", "v3" };
static const char *const status_words[] = { "ok",      "mismatch", "zero",           "missing",
					    "no-partition", "no-file", "not-downloaded", "unreadable" };

const char *mtkfw_checksum_style_name(int style)
{
	return mtkfw_enum_word(MTKFW_WORDS(style_words), style, "unknown");
}

int mtkfw_checksum_style_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(style_words), word);
}

const char *mtkfw_checksum_status_name(int status)
{
	return mtkfw_enum_word(MTKFW_WORDS(status_words), status, "unknown");
}

int mtkfw_checksum_status_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(status_words), word);
}

#define INI_MAX_BYTES (1u << 20)

enum section { SEC_NONE, SEC_VERSION, SEC_SWITCH, SEC_SUMS, SEC_OTHER };

void mtkfw_checksum_ini_free(mtkfw_checksum_ini *ini)
{
	if (!ini)
		return;
	for (size_t i = 0; i < ini->count; i++)
		free(ini->entries[i].key);
	free(ini->entries);
	free(ini->version);
	free(ini->tool);
	free(ini->change_id);
	free(ini);
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static int add_entry(mtkfw_checksum_ini *ini, const char *src, int line, const char *k, size_t kn, const char *v,
		     size_t vn)
{
	struct mtkfw_checksum_entry *e;
	uint64_t val;

	if (!mtkfwi_parse_u64(v, vn, &val))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: '%.*s' is not a number", src, line,
				    (int)(vn > 40 ? 40 : vn), v);
	if (kn > MTKFW_PART_NAME_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %d: key longer than %d bytes", src, line,
				    MTKFW_PART_NAME_MAX);
	for (size_t i = 0; i < ini->count; i++)
		if (strlen(ini->entries[i].key) == kn && strncasecmp(ini->entries[i].key, k, kn) == 0)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %.*s given twice", src, line, (int)kn, k);
	if (ini->count >= MTKFW_LAYOUT_MAX_PARTS)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %d checksums", src, MTKFW_LAYOUT_MAX_PARTS);
	e = mtkfw_reallocarray(ini->entries, ini->count + 1, sizeof(*e));
	if (!e)
		return MTKFW_ERR_NOMEM;
	ini->entries = e;
	e = &ini->entries[ini->count];
	memset(e, 0, sizeof(*e));
	if (!(e->key = mtkfw_strndup(k, kn)))
		return MTKFW_ERR_NOMEM;
	e->value = val;
	e->line = line;
	/* Keep a zero-padded width so the file is written back as it was. */
	if (vn > 2 && (v[1] == 'x' || v[1] == 'X') && v[2] == '0' && vn - 2 > 1)
		e->digits = (int)(vn - 2);
	ini->count++;
	return 0;
}

static int set_field(char **dst, const char *v, size_t n)
{
	char *s = mtkfw_strndup(v, n);

	if (!s)
		return MTKFW_ERR_NOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

int mtkfw_checksum_ini_parse(mtkfw_checksum_ini **out, const char *text, size_t len, const char *name)
{
	const char *src = name ? name : "Checksum.ini";
	struct text_iter it = { text, text ? len : 0, 0, 0, src };
	struct text_line ln;
	mtkfw_checksum_ini *ini;
	enum section sec = SEC_NONE;
	bool have_sums = false, have_version = false;
	int rc;

	*out = NULL;
	if (len > INI_MAX_BYTES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %zu bytes, more than a Checksum.ini may have", src, len);
	/* A UTF-8 byte order mark, as Windows editors leave one. */
	if (it.len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		it.pos = 3;
	if (!(ini = mtkfw_calloc(1, sizeof(*ini))))
		return MTKFW_ERR_NOMEM;
	ini->enabled = true; /* SP Flash Tool's default */
	while ((rc = mtkfwi_text_next(&it, &ln)) == 1) {
		const char *s = ln.p, *eq, *k, *v;
		size_t n = ln.len, kn, vn;

		trim(&s, &n);
		if (!n || *s == ';' || *s == '#')
			continue;
		if (*s == '[') {
			if (s[n - 1] != ']') {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: section without ']'", src, ln.number);
				goto fail;
			}
			k = s + 1;
			kn = n - 2;
			trim(&k, &kn);
			sec = kn == 7 && !strncasecmp(k, "VERSION", 7) ? SEC_VERSION
			      : kn == 16 && !strncasecmp(k, "IsEnableChecksum", 16) ? SEC_SWITCH
			      : kn == 8 && !strncasecmp(k, "CheckSum", 8) ? SEC_SUMS
									 : SEC_OTHER;
			have_sums |= sec == SEC_SUMS;
			have_version |= sec == SEC_VERSION;
			continue;
		}
		eq = memchr(s, '=', n);
		if (!eq || sec == SEC_NONE) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: expected 'KEY=VALUE' in a [section]: "
					  "not a Checksum.ini", src, ln.number);
			goto fail;
		}
		k = s;
		kn = (size_t)(eq - s);
		v = eq + 1;
		vn = n - kn - 1;
		trim(&k, &kn);
		trim(&v, &vn);
		if (!kn) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: a value without a key", src, ln.number);
			goto fail;
		}
		rc = 0;
		if (sec == SEC_SUMS) {
			rc = add_entry(ini, src, ln.number, k, kn, v, vn);
		} else if (sec == SEC_VERSION) {
			if (kn == 7 && !strncasecmp(k, "VERSION", 7))
				rc = set_field(&ini->version, v, vn);
			else if (kn == 4 && !strncasecmp(k, "TOOL", 4))
				rc = set_field(&ini->tool, v, vn);
			else if (kn == 9 && !strncasecmp(k, "Change_ID", 9))
				rc = set_field(&ini->change_id, v, vn);
		} else if (sec == SEC_SWITCH && kn == 15 && !strncasecmp(k, "CHECKSUM_SWITCH", 15)) {
			ini->has_switch = true;
			ini->enabled = !(vn == 1 && *v == '0');
		}
		if (rc)
			goto fail;
	}
	if (rc < 0)
		goto fail;
	if (!have_sums) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no [CheckSum] section: not a Checksum.ini", src);
		goto fail;
	}
	ini->style = have_version ? MTKFW_CHECKSUM_V1 : MTKFW_CHECKSUM_V3;
	*out = ini;
	return 0;
fail:
	mtkfw_checksum_ini_free(ini);
	return rc;
}

int mtkfw_checksum_ini_write(char **out, size_t *len, const mtkfw_checksum_ini *ini)
{
	struct lbuf b = { 0 };
	bool v1 = ini->style != MTKFW_CHECKSUM_V3;
	const char *eq = v1 ? "=" : " = ";

	*out = NULL;
	if (v1) {
		mtkfwi_lbuf_printf(&b, "[VERSION]\r\nVERSION=%s\r\n", ini->version ? ini->version : "V1");
		if (ini->tool)
			mtkfwi_lbuf_printf(&b, "TOOL=%s\r\n", ini->tool);
		if (ini->change_id)
			mtkfwi_lbuf_printf(&b, "Change_ID=%s\r\n", ini->change_id);
	}
	mtkfwi_lbuf_printf(&b, "[IsEnableChecksum]\r\nCHECKSUM_SWITCH%s%d\r\n[CheckSum]\r\n", eq, ini->enabled ? 1 : 0);
	for (size_t i = 0; i < ini->count; i++) {
		const struct mtkfw_checksum_entry *e = &ini->entries[i];

		for (const char *c = e->key; *c; c++)
			if (*c == '=' || *c == '[' || *c == '\r' || *c == '\n') {
				free(b.p);
				return mtkfw_seterr(MTKFW_ERR_INVALID, "Checksum.ini key '%s' cannot be written", e->key);
			}
		mtkfwi_lbuf_printf(&b, "%s%s0x%0*llX\r\n", e->key, eq, e->digits, (unsigned long long)e->value);
	}
	return mtkfwi_lbuf_finish(&b, out, len);
}

static int add_bytes(const uint8_t *buf, size_t n, uint64_t pos, void *user)
{
	uint32_t *sum = user;

	(void)pos;
	for (size_t i = 0; i < n; i++)
		*sum += buf[i];
	return 0;
}

int mtkfw_checksum_file(const char *path, uint16_t *sum16, uint32_t *sum32)
{
	uint32_t sum = 0;
	int fd, rc;

	if ((rc = mtkfw_open_input(path, &fd, NULL)) != 0)
		return rc;
	rc = mtkfw_read_each(fd, path, add_bytes, &sum);
	close(fd);
	if (rc == 0) {
		if (sum16)
			*sum16 = (uint16_t)sum;
		if (sum32)
			*sum32 = sum;
	}
	return rc;
}

int mtkfw_checksum_ini_load(mtkfw_checksum_ini **out, const char *path)
{
	uint8_t *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = mtkfw_read_file(path, INI_MAX_BYTES, &buf, &len)) != 0)
		return rc;
	rc = mtkfw_checksum_ini_parse(out, (const char *)buf, len, path);
	free(buf);
	return rc;
}

int mtkfw_checksum_ini_find(char **out, const char *dir)
{
	DIR *d;
	struct dirent *e;

	*out = NULL;
	if (!(d = opendir(dir)))
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		if (strcasecmp(e->d_name, "Checksum.ini") == 0) {
			*out = mtkfw_path_join(dir, e->d_name);
			break;
		}
	}
	closedir(d);
	if (!*out)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no Checksum.ini in this folder", dir);
	return 0;
}

int mtkfw_checksum_ini_save(const mtkfw_checksum_ini *ini, const char *path)
{
	char *text;
	size_t len;
	int rc;

	if ((rc = mtkfw_checksum_ini_write(&text, &len, ini)) != 0)
		return rc;
	rc = mtkfw_write_file_atomic(path, text, len);
	free(text);
	return rc;
}
