/* Text from firmware as a JSON string (see json_text.h). */
#include "core/json_text.h"
#include "core/hex.h"
#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

json_t *mtkfw_json_text(const char *s)
{
	json_t *j;
	char *t;
	size_t n;

	if (!s)
		return json_null();
	if ((j = json_string(s)))
		return j;
	n = strlen(s);
	if (!(t = malloc(n + 1)))
		return json_null();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		t[i] = c >= 0x20 && c < 0x7F ? (char)c : '?';
	}
	t[n] = '\0';
	j = json_string(t);
	free(t);
	return j ? j : json_null();
}

json_t *mtkfw_json_hex(const uint8_t *p, size_t n)
{
	char *s;
	json_t *j;

	if (!n || !(s = malloc(2 * n + 1)))
		return json_null();
	mtkfw_hex_encode(s, p, n);
	j = json_string(s);
	free(s);
	return j ? j : json_null();
}

json_t *mtkfw_json_u64(uint64_t v)
{
	return json_integer((json_int_t)v);
}

int mtkfw_json_dump(char **out, json_t *o)
{
	char *s = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(o);
	*out = NULL;
	if (!s)
		return mtkfw_nomem();
	*out = mtkfw_strdup(s);
	free(s);
	return *out ? 0 : mtkfw_nomem();
}
