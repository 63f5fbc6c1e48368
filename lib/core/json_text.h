/*
 * Text from firmware as a JSON string. Names, versions and model strings come out of binary
 * files and may hold any bytes; jansson refuses a string that is not UTF-8, and a refused value
 * silently drops its key from the document. Valid UTF-8 is kept as is; otherwise every byte
 * that is not printable ASCII becomes '?', one byte for one, so a value read back into a fixed
 * buffer of the same size still fits and writes out the same text.
 */
#ifndef MTKFW_CORE_JSON_TEXT_H
#define MTKFW_CORE_JSON_TEXT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* A new reference: a string, or JSON null for NULL (or when out of memory). */
json_t *mtkfw_json_text(const char *s);

/* Bytes as lowercase hex without 0x (contracts.md: CIDs, SHA-256); JSON null for n == 0. */
json_t *mtkfw_json_hex(const uint8_t *p, size_t n);
/* A size or offset: jansson integers are signed 64-bit; every size mtkfw reports fits. */
json_t *mtkfw_json_u64(uint64_t v);

/* `o` (a new reference, taken over and released) as indented text in key order, malloc'd in
 * *out: what the library hands out as a JSON document. Out of memory (also a NULL `o`) is
 * MTKFW_ERR_NOMEM. */
int mtkfw_json_dump(char **out, json_t *o);

#endif
