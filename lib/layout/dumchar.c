/*
 * /proc/dumchar_info, the MediaTek kernel's list of every partition (raw ones included, which
 * the MBR/EBR does not carry): a "Part_Name Size StartAddr Type MapTo" header, one row per
 * partition with hexadecimal size and start, then a few lines explaining the columns.
 * StartAddr is a user-area offset for eMMC (Type 2); the preloader row counts from the start of
 * boot1. Reserved pools at the end (bmtpool, otp) show a start derived from the scatter's
 * 0xFFFFxxxx encoding, which is no address: they are kept as end-relative, of their size.
 */
#include "layout/layout_internal.h"

#include "core/internal.h"

#include <stdio.h>
#include <strings.h>

#define MAX_TOK 5

static size_t tokens(const struct text_line *ln, const char **tok, size_t *len, size_t max)
{
	const char *s = ln->p, *end = ln->p + ln->len;
	size_t n = 0;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s == end)
			break;
		if (n == max)
			return max + 1;
		tok[n] = s;
		while (s < end && *s != ' ' && *s != '\t')
			s++;
		len[n] = (size_t)(s - tok[n]);
		n++;
	}
	return n;
}

static int row(mtkfw_layout *l, const char *src, const struct text_line *ln, const char **tok, size_t *tl)
{
	struct mtkfw_partition *p;
	uint64_t size, start, type;
	int rc;

	if (!mtkfwi_parse_u64(tok[1], tl[1], &size) || !mtkfwi_parse_u64(tok[2], tl[2], &start) || !mtkfwi_parse_u64(tok[3], tl[3], &type))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: size, start and type must be numbers", src,
				    ln->number);
	if (tl[0] > MTKFW_PART_NAME_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %d: partition name longer than %d bytes", src,
				    ln->number, MTKFW_PART_NAME_MAX);
	if ((rc = mtkfwi_add_at_line(l, src, ln->number, &p)) != 0)
		return rc;
	if (!(p->name = mtkfw_strndup(tok[0], tl[0])) || !(p->map_to = mtkfw_strndup(tok[4], tl[4])))
		return MTKFW_ERR_NOMEM;
	p->line = ln->number;
	p->has_size = true;
	p->size = size;
	p->linear_start = start;
	if (type == 1)
		p->area = MTKFW_AREA_NAND;
	else if (mtkfwi_name_eq(p->name, "preloader") || mtkfwi_name_eq(p->name, "dsp_bl"))
		p->area = MTKFW_AREA_BOOT1;
	else
		p->area = MTKFW_AREA_USER;
	if (mtkfwi_name_eq(p->name, "bmtpool") || mtkfwi_name_eq(p->name, "otp")) {
		p->end_relative = true;
		p->end_offset = size;
	} else {
		p->has_start = true;
		p->start = start;
	}
	/* "/dev/block/mmcblk0p5" → 5 */
	if (tl[4] > 17 && memcmp(tok[4], "/dev/block/mmcblk", 17) == 0) {
		const char *q = memchr(tok[4] + 17, 'p', tl[4] - 17);
		uint64_t n;

		if (q && mtkfwi_parse_u64(q + 1, (size_t)(tok[4] + tl[4] - q - 1), &n) && n < 256)
			p->number = (int)n;
	}
	return 0;
}

/* How many lines come before the "Part_Name" header: none for the file itself, one or two when
 * it was pasted from a terminal ("root@android:/ # cat /proc/dumchar_info"), as phone dumps
 * posted online often are. Returns -1 when the header is not among the first three lines. */
int mtkfwi_dumchar_header_line(const char *text, size_t len)
{
	size_t at = 0;

	for (int skipped = 0; text && skipped < 3 && at < len; skipped++) {
		const char *nl = memchr(text + at, '\n', len - at);

		if (len - at >= 9 && memcmp(text + at, "Part_Name", 9) == 0)
			return skipped;
		if (!nl || memchr(text + at, '\0', (size_t)(nl - text) - at))
			return -1;
		at = (size_t)(nl - text) + 1;
	}
	return -1;
}

/* True when the first line is a dumchar row itself, "NAME 0xSIZE 0xSTART TYPE /dev/...": MTK
 * Droid Tools saves /proc/dumchar_info that way, without the header, as firmware.info. The
 * /dev/ column is what tells it from any other five words. */
bool mtkfwi_dumchar_headerless(const char *text, size_t len)
{
	const char *nl = text ? memchr(text, '\n', len) : NULL;
	struct text_line ln = { text, nl ? (size_t)(nl - text) : len, 1 };
	const char *tok[MAX_TOK];
	size_t tl[MAX_TOK];
	uint64_t v;

	if (!text || memchr(text, '\0', ln.len))
		return false;
	if (ln.len && text[ln.len - 1] == '\r')
		ln.len--;
	return tokens(&ln, tok, tl, MAX_TOK) == 5 && tl[1] > 2 && !memcmp(tok[1], "0x", 2) && tl[2] > 2 &&
	       !memcmp(tok[2], "0x", 2) && mtkfwi_parse_u64(tok[1], tl[1], &v) && mtkfwi_parse_u64(tok[2], tl[2], &v) &&
	       mtkfwi_parse_u64(tok[3], tl[3], &v) && tl[4] > 5 && !memcmp(tok[4], "/dev/", 5);
}

int mtkfw_dumchar_parse(mtkfw_layout **out, const char *text, size_t len, const char *name)
{
	const char *src = name ? name : "dumchar_info";
	struct text_iter it = { text, len, 0, 0, src };
	struct text_line ln;
	mtkfw_layout *l = NULL;
	bool header = false, footer = false;
	int rc, before;

	*out = NULL;
	if (!text)
		len = 0;
	if (len > MTKFW_SCATTER_MAX_BYTES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %zu bytes, more than the %u a dumchar_info may have", src, len,
				    MTKFW_SCATTER_MAX_BYTES);
	it.len = len;
	before = mtkfwi_dumchar_header_line(text, len);
	header = before < 0 && mtkfwi_dumchar_headerless(text, len);
	if ((rc = mtkfw_layout_new(&l, MTKFW_LAYOUT_DUMCHAR)) != 0)
		return rc;
	if (!(l->source = mtkfw_strdup(src))) {
		rc = MTKFW_ERR_NOMEM;
		goto fail;
	}
	while ((rc = mtkfwi_text_next(&it, &ln)) == 1) {
		const char *tok[MAX_TOK];
		size_t tl[MAX_TOK], n;

		if (ln.len == 0 || (!header && ln.number <= before))
			continue; /* blank, or the terminal lines a pasted copy starts with */
		n = tokens(&ln, tok, tl, MAX_TOK);
		if (!header) {
			if (n < 3 || tl[0] != 9 || memcmp(tok[0], "Part_Name", 9) != 0) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: no 'Part_Name Size StartAddr' header: "
						  "not a dumchar_info", src, ln.number);
				goto fail;
			}
			header = true;
			continue;
		}
		/* The column notes after the table: "Part_Name:Partition name ...". */
		if (footer || memchr(tok[0], ':', tl[0])) {
			footer = true;
			continue;
		}
		if (n != 5) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: expected 5 columns (name size start type mapto)",
					  src, ln.number);
			goto fail;
		}
		if ((rc = row(l, src, &ln, tok, tl)) != 0)
			goto fail;
	}
	if (rc < 0)
		goto fail;
	if (!l->count) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no partitions: not a dumchar_info", src);
		goto fail;
	}
	l->has_mbr_start = false;
	*out = l;
	return 0;
fail:
	mtkfw_layout_free(l);
	return rc;
}
