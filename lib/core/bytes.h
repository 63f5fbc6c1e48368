/*
 * Explicit little- and big-endian access to bytes, and bounds checks that cannot overflow.
 * File and wire headers are read and written field by field through these (or through
 * core/fields.h): never by casting bytes to a packed struct.
 */
#ifndef MTKFW_CORE_BYTES_H
#define MTKFW_CORE_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

static inline uint16_t rd_le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t rd_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t rd_le64(const uint8_t *p) { return rd_le32(p) | (uint64_t)rd_le32(p + 4) << 32; }
static inline uint16_t rd_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t rd_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}
static inline uint64_t rd_be64(const uint8_t *p) { return (uint64_t)rd_be32(p) << 32 | rd_be32(p + 4); }

static inline void wr_le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void wr_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void wr_le64(uint8_t *p, uint64_t v) { wr_le32(p, (uint32_t)v); wr_le32(p + 4, (uint32_t)(v >> 32)); }
static inline void wr_be16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void wr_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline void wr_be64(uint8_t *p, uint64_t v) { wr_be32(p, (uint32_t)(v >> 32)); wr_be32(p + 4, (uint32_t)v); }

/* True when [off, off+n) lies inside a buffer of `len` bytes; written so it cannot overflow. */
static inline bool span_ok(uint64_t len, uint64_t off, uint64_t n)
{
	return off <= len && n <= len - off;
}

/* a + b without wrapping; false on overflow. */
static inline bool add_ok(uint64_t a, uint64_t b, uint64_t *out)
{
	if (b > UINT64_MAX - a)
		return false;
	*out = a + b;
	return true;
}

/* Round up to a multiple of `align` (a power of two or any non-zero value); false on overflow. */
static inline bool align_up_ok(uint64_t v, uint64_t align, uint64_t *out)
{
	uint64_t r;

	if (!align)
		return false;
	r = v % align;
	if (!r) {
		*out = v;
		return true;
	}
	return add_ok(v, align - r, out);
}

#endif
