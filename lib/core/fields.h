/*
 * A header described once, as a table of fields, and used by both the parser and the writer
 * (and by manifests and JSON export, which list fields by name).
 *
 *   static const struct mtkfw_field mtkhdr_fields[] = {
 *       { "magic", 0x00, 4, MTKFW_F_LE }, { "size", 0x04, 4, MTKFW_F_LE }, ...
 *   };
 */
#ifndef MTKFW_CORE_FIELDS_H
#define MTKFW_CORE_FIELDS_H

#include <stddef.h>
#include <stdint.h>

enum mtkfw_field_kind {
	MTKFW_F_LE,    /* unsigned little-endian integer of `size` bytes (1, 2, 4 or 8) */
	MTKFW_F_BE,    /* unsigned big-endian integer */
	MTKFW_F_BYTES, /* opaque bytes (names, ids): copied, not converted */
};

struct mtkfw_field {
	const char *name;
	uint32_t offset;
	uint32_t size;
	enum mtkfw_field_kind kind;
};

/* Integer value of an MTKFW_F_LE / MTKFW_F_BE field in `base`. */
uint64_t mtkfw_field_get(const struct mtkfw_field *f, const uint8_t *base);
/* Store an integer into an MTKFW_F_LE / MTKFW_F_BE field. */
void mtkfw_field_put(const struct mtkfw_field *f, uint8_t *base, uint64_t value);
/* The field called `name` in a table of `n`, or NULL. */
const struct mtkfw_field *mtkfw_field_find(const struct mtkfw_field *t, size_t n, const char *name);
/* Bytes a header described by the table spans (largest offset + size). */
size_t mtkfw_fields_span(const struct mtkfw_field *t, size_t n);

#endif
