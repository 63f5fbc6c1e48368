/* The library's one digest helper (lib/core/hash.h): the FIPS 180 "abc" vectors, a copy that
 * goes on from where the original was, and a digest fed anew after it finishes. */
#include "testutil.h"

#include "core/hash.h"

#include <string.h>

static const uint8_t sha256_abc[32] = { 0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
					0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
					0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };
static const uint8_t sha1_abc[20] = { 0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e,
				      0x25, 0x71, 0x78, 0x50, 0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d };

static void vectors(void **state)
{
	uint8_t out[MTKFW_HASH_MAX];
	mtkfw_hash *h;

	(void)state;
	assert_int_equal(mtkfw_sha256(out, "abc", 3), 0);
	assert_memory_equal(out, sha256_abc, 32);
	assert_int_equal(mtkfw_hash_new(&h, MTKFW_HASH_SHA1), 0);
	assert_int_equal(mtkfw_hash_update(h, "a", 1), 0);
	assert_int_equal(mtkfw_hash_update(h, NULL, 0), 0); /* nothing to add is no error */
	assert_int_equal(mtkfw_hash_update(h, "bc", 2), 0);
	assert_int_equal(mtkfw_hash_final(h, out), 0);
	assert_memory_equal(out, sha1_abc, 20);
	/* Finished, it starts again. */
	assert_int_equal(mtkfw_hash_update(h, "abc", 3), 0);
	assert_int_equal(mtkfw_hash_final(h, out), 0);
	assert_memory_equal(out, sha1_abc, 20);
	mtkfw_hash_free(h);
	mtkfw_hash_free(NULL);
}

static void copy_goes_on(void **state)
{
	uint8_t a[32], b[32];
	mtkfw_hash *h, *c;

	(void)state;
	assert_int_equal(mtkfw_hash_new(&h, MTKFW_HASH_SHA256), 0);
	assert_int_equal(mtkfw_hash_update(h, "ab", 2), 0);
	assert_int_equal(mtkfw_hash_copy(&c, h), 0);
	assert_int_equal(mtkfw_hash_update(c, "c", 1), 0);
	assert_int_equal(mtkfw_hash_final(c, a), 0);
	assert_memory_equal(a, sha256_abc, 32);
	/* The original is where it was. */
	assert_int_equal(mtkfw_hash_update(h, "c", 1), 0);
	assert_int_equal(mtkfw_hash_final(h, b), 0);
	assert_memory_equal(b, sha256_abc, 32);
	mtkfw_hash_free(c);
	mtkfw_hash_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vectors),
		cmocka_unit_test(copy_goes_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
