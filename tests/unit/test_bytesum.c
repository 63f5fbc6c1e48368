/* lib/core/bytesum.h: the DA packet checksum's byte sum, word at a time, against a plain loop. */
#include "testutil.h"

#include "core/bytesum.h"

#include <stdlib.h>
#include <string.h>

static uint32_t plain(uint32_t acc, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		acc += p[i];
	return acc;
}

static void known_values(void **state)
{
	(void)state;
	assert_int_equal(bytesum_add(0, NULL, 0), 0);
	assert_int_equal(bytesum_add(7, (const uint8_t *)"\x01", 1), 8);
	/* ff ff 02: 0x200 (the spec's checksum is the low 16 bits of this). */
	assert_int_equal(bytesum_add(0, (const uint8_t *)"\xff\xff\x02", 3), 0x200);
	/* Nine bytes: one 64-bit word and a tail byte. */
	assert_int_equal(bytesum_add(0, (const uint8_t *)"\x01\x02\x03\x04\x05\x06\x07\x08\x09", 9), 45);
}

/* All 0xff is the worst case for the 16-bit lanes: 1 MiB + 5 of them sums to 255 * n. */
static void all_ones_do_not_carry_between_lanes(void **state)
{
	size_t n = (1u << 20) + 5;
	uint8_t *b = malloc(n);

	(void)state;
	assert_non_null(b);
	memset(b, 0xff, n);
	assert_int_equal(bytesum_add(0, b, n), (uint32_t)(255u * n));
	free(b);
}

/* Random data at every alignment and many lengths, and pieces summed in turn (as packets are
 * summed while they arrive) give the plain loop's result. */
static void random_lengths_offsets_and_pieces(void **state)
{
	size_t n = 70000;
	uint8_t *b = malloc(n);
	unsigned seed = 12345;

	(void)state;
	assert_non_null(b);
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		b[i] = (uint8_t)(seed >> 16);
	}
	for (size_t off = 0; off < 9; off++)
		for (size_t len = 0; len + off <= n; len = len * 3 + 1)
			assert_int_equal(bytesum_add(3, b + off, len), plain(3, b + off, len));
	{
		uint32_t acc = 0;

		for (size_t at = 0, piece = 1; at < n; at += piece, piece = piece * 2 + 3) {
			size_t k = n - at < piece ? n - at : piece;

			acc = bytesum_add(acc, b + at, k);
		}
		assert_int_equal(acc, plain(0, b, n));
	}
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_values),
		cmocka_unit_test(all_ones_do_not_carry_between_lanes),
		cmocka_unit_test(random_lengths_offsets_and_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
