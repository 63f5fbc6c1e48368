/*
 * The words of a public enum, in one table per enum indexed by its value: the name function
 * and the parse function of the enum both read that table, so the CLI, the JSON and the
 * journal spell a value one way (include/mtkfw: every public enum has mtkfw_X_name and
 * mtkfw_X_parse; tests/unit/test_enum_names.c walks them all).
 */
#ifndef MTKFW_CORE_ENUM_WORDS_H
#define MTKFW_CORE_ENUM_WORDS_H

#include <stddef.h>

/* The word of value `v`, or `other` when the table has none for it. */
const char *mtkfw_enum_word(const char *const *words, size_t n, int v, const char *other);
/* The value whose word is `word` (exactly as written), or -1. */
int mtkfw_enum_value(const char *const *words, size_t n, const char *word);

#define MTKFW_WORDS(table) (table), sizeof(table) / sizeof((table)[0])

#endif
