/* Base64 (base64.h). */
#include "base64.h"

void web_base64(char *out, const uint8_t *in, size_t len)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i = 0;

	for (; i + 3 <= len; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];

		*out++ = abc[v >> 18];
		*out++ = abc[(v >> 12) & 63];
		*out++ = abc[(v >> 6) & 63];
		*out++ = abc[v & 63];
	}
	if (len - i == 1) {
		*out++ = abc[in[i] >> 2];
		*out++ = abc[(in[i] & 3) << 4];
		*out++ = '=';
		*out++ = '=';
	} else if (len - i == 2) {
		*out++ = abc[in[i] >> 2];
		*out++ = abc[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
		*out++ = abc[(in[i + 1] & 15) << 2];
		*out++ = '=';
	}
	*out = '\0';
}
