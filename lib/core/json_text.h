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

/* A new reference: a string, or JSON null for NULL (or when out of memory). */
json_t *mtkfw_json_text(const char *s);

/* `o` (a new reference, taken over and released) as indented text in key order, malloc'd in
 * *out: what the library hands out as a JSON document. Out of memory (also a NULL `o`) is
 * MTKFW_ERR_NOMEM. */
int mtkfw_json_dump(char **out, json_t *o);

#endif
