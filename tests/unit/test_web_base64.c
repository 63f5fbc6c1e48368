/*
 * mtkfw web's own base64 (web/base64.c): RFC 4648's test vectors (section 10), every tail
 * length, and all 256 byte values, so a picture's data: URL decodes to the PNG it came from.
 */
#include "testutil.h"

#include "base64.h"

#include <string.h>

static void rfc4648_vectors(void **state)
{
	static const struct {
		const char *in, *out;
	} v[] = {
		{ "", "" },
		{ "f", "Zg==" },
		{ "fo", "Zm8=" },
		{ "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
	};
	char out[16];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t n = strlen(v[i].in);

		memset(out, 'x', sizeof(out));
		web_base64(out, (const uint8_t *)v[i].in, n);
		assert_string_equal(out, v[i].out);
		assert_int_equal(strlen(out), WEB_BASE64_LEN(n));
	}
}

/* Decode what web_base64 wrote (a decoder of our own, only for the test) and compare. */
static int value(char c)
{
	const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = strchr(abc, c);

	return c && p ? (int)(p - abc) : -1;
}

static void every_byte_round_trips(void **state)
{
	uint8_t in[256], back[256];
	char out[WEB_BASE64_LEN(256) + 1];
	size_t nb = 0;

	(void)state;
	for (int i = 0; i < 256; i++)
		in[i] = (uint8_t)(255 - i);
	web_base64(out, in, sizeof(in));
	assert_int_equal(strlen(out), WEB_BASE64_LEN(256));
	for (size_t i = 0; out[i] && out[i] != '='; i += 4) {
		int a = value(out[i]), b = value(out[i + 1]), c = value(out[i + 2]), d = value(out[i + 3]);

		assert_true(a >= 0 && b >= 0);
		back[nb++] = (uint8_t)(a << 2 | b >> 4);
		if (c < 0)
			break;
		back[nb++] = (uint8_t)((b & 15) << 4 | c >> 2);
		if (d < 0)
			break;
		back[nb++] = (uint8_t)((c & 3) << 6 | d);
	}
	assert_int_equal(nb, sizeof(in));
	assert_memory_equal(back, in, sizeof(in));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc4648_vectors),
		cmocka_unit_test(every_byte_round_trips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
