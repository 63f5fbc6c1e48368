/* Sizes and offsets as people type them: 4096, 0x1000, 512K, 4M, 1G. */
#include "core/internal.h"

#include <ctype.h>
#include <errno.h>

int mtkfw_parse_size(uint64_t *out, const char *text)
{
	const char *p = text;
	uint64_t v = 0, mult = 1;
	int base = 10, digits = 0;

	if (!text || !out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_parse_size: NULL argument");
	while (isspace((unsigned char)*p))
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; *p; p++) {
		int d;

		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "'%s': number too large", text);
		v = v * (uint64_t)base + (uint64_t)d;
		digits++;
	}
	if (!digits)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "'%s': not a number", text);
	switch (*p) {
	case 'k': case 'K': mult = 1ULL << 10; p++; break;
	case 'm': case 'M': mult = 1ULL << 20; p++; break;
	case 'g': case 'G': mult = 1ULL << 30; p++; break;
	default: break;
	}
	/* Accept "4MiB"/"4MB" as well as "4M": people copy sizes from tool output. */
	if (mult > 1 && (*p == 'i' || *p == 'I'))
		p++;
	if (mult > 1 && (*p == 'b' || *p == 'B'))
		p++;
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "'%s': unexpected '%c' in a number", text, *p);
	if (v > UINT64_MAX / mult)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "'%s': number too large", text);
	*out = v * mult;
	return 0;
}
