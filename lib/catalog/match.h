/* Inside lib/catalog: the pieces of the match (match.c, names.c). */
#ifndef MTKFW_CATALOG_MATCH_H
#define MTKFW_CATALOG_MATCH_H

#include <mtkfw/profile.h>

#include <stddef.h>

/* The distinct telling words of some names (names.c). */
#define CAT_WORDS_MAX 64
struct cat_words {
	char *items[CAT_WORDS_MAX];
	size_t count;
};

/* Add the words of `text` (NULL is nothing). */
int cat_words_add(struct cat_words *w, const char *text);
/* The names a profile gives its board: project, preloader name, build.prop's device, board,
 * model, brand, display id, custom build, FOTA device. */
int cat_words_profile(struct cat_words *w, const struct mtkfw_profile *p);
/* How many words of `a` are in `b`; `list` gets them, comma-separated. */
size_t cat_words_shared(const struct cat_words *a, const struct cat_words *b, char *list, size_t size);
void cat_words_free(struct cat_words *w);

#endif
