/* Enum words (core/enum_words.h). */
#include "core/enum_words.h"

#include <string.h>

const char *mtkfw_enum_word(const char *const *words, size_t n, int v, const char *other)
{
	return v >= 0 && (size_t)v < n && words[v] ? words[v] : other;
}

int mtkfw_enum_value(const char *const *words, size_t n, const char *word)
{
	for (size_t i = 0; word && i < n; i++)
		if (words[i] && strcmp(words[i], word) == 0)
			return (int)i;
	return -1;
}
