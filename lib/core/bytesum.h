/*
 * The running sum of a buffer's bytes, as the MediaTek DA protocol checksums every 1 MiB packet
 * (the low 16 bits of the sum). Used by both ends of the link, mtkfw and mtkfw-sim, on every
 * byte moved, so it is written to be fast: eight bytes per step in 64-bit words (SWAR), the
 * even and the odd bytes of each word gathered in four 16-bit lanes each.
 */
#ifndef MTKFW_CORE_BYTESUM_H
#define MTKFW_CORE_BYTESUM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BYTESUM_MASK 0x00FF00FF00FF00FFull

static inline uint32_t bytesum_lanes(uint64_t v)
{
	return (uint32_t)(v & 0xFFFF) + (uint32_t)(v >> 16 & 0xFFFF) + (uint32_t)(v >> 32 & 0xFFFF) +
	       (uint32_t)(v >> 48);
}

/* `acc` plus the sum of the `n` bytes at `p` (modulo 2^32; the DA checksum is its low 16 bits).
 * The order of the bytes does not matter, so neither does the machine's byte order. */
static inline uint32_t bytesum_add(uint32_t acc, const uint8_t *p, size_t n)
{
	while (n >= 8) {
		/* A lane takes one byte (at most 255) per word: 256 words cannot carry out of it. */
		size_t words = n / 8 < 256 ? n / 8 : 256;
		uint64_t even = 0, odd = 0;

		for (size_t i = 0; i < words; i++) {
			uint64_t w;

			memcpy(&w, p + 8 * i, 8);
			even += w & BYTESUM_MASK;
			odd += w >> 8 & BYTESUM_MASK;
		}
		acc += bytesum_lanes(even) + bytesum_lanes(odd);
		p += 8 * words;
		n -= 8 * words;
	}
	while (n--)
		acc += *p++;
	return acc;
}

#endif
