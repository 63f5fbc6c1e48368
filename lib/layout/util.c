/* Small helpers of the layout module: text lines, numbers, names, key/value lists. */
#include "layout/layout_internal.h"

#include "core/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>

int mtkfwi_text_next(struct text_iter *it, struct text_line *line)
{
	size_t start, end;

	if (it->pos >= it->len)
		return 0;
	start = it->pos;
	end = start;
	while (end < it->len && it->text[end] != '\n') {
		if (it->text[end] == '\0')
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: binary data (a NUL byte), not text",
					    it->name, it->number + 1);
		end++;
	}
	it->number++;
	it->pos = end < it->len ? end + 1 : end;
	if (end - start > MTKFW_SCATTER_MAX_LINE)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %d: longer than %u bytes", it->name, it->number,
				    MTKFW_SCATTER_MAX_LINE);
	while (end > start && (it->text[end - 1] == '\r' || it->text[end - 1] == ' ' || it->text[end - 1] == '\t'))
		end--;
	line->p = it->text + start;
	line->len = end - start;
	line->number = it->number;
	return 1;
}

bool mtkfwi_name_eq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

bool mtkfwi_parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	unsigned base = 10;
	size_t i = 0;

	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i >= n)
		return false;
	for (; i < n; i++) {
		unsigned d;
		char c = s[i];

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (base == 16 && isxdigit((unsigned char)c))
			d = (unsigned)(tolower((unsigned char)c) - 'a' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}

int mtkfwi_kv_add(struct mtkfw_kv **arr, size_t *count, const char *key, size_t klen, const char *val, size_t vlen)
{
	struct mtkfw_kv *na;
	char *k, *v;

	if (*count >= 256)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "more than 256 extra keys");
	na = mtkfw_reallocarray(*arr, *count + 1, sizeof(**arr));
	if (!na)
		return MTKFW_ERR_NOMEM;
	*arr = na;
	k = mtkfw_strndup(key, klen);
	v = mtkfw_strndup(val, vlen);
	if (!k || !v) {
		free(k);
		free(v);
		return MTKFW_ERR_NOMEM;
	}
	na[*count].key = k;
	na[*count].value = v;
	(*count)++;
	return 0;
}

void mtkfwi_kv_free(struct mtkfw_kv *arr, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(arr[i].key);
		free(arr[i].value);
	}
	free(arr);
}

int mtkfwi_add_at_line(mtkfw_layout *l, const char *src, int line, struct mtkfw_partition **out)
{
	int rc = mtkfw_layout_add(out, l, NULL);

	if (rc == MTKFW_ERR_LIMIT)
		return mtkfw_seterr(rc, "%s: line %d: more than %d partitions", src, line, MTKFW_LAYOUT_MAX_PARTS);
	return rc;
}
