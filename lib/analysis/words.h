/* Inside the library: the telling words of board and project names (lib/analysis/words.c),
 * shared by the firmware library's match and the claims check. */
#ifndef MTKFW_ANALYSIS_WORDS_H
#define MTKFW_ANALYSIS_WORDS_H

#include <mtkfw/profile.h>

#include <stddef.h>

#define WORDS_MAX 64
struct words {
	char *items[WORDS_MAX];
	size_t count;
};

/* Add the words of `text` (NULL is nothing). */
int mtkfwi_words_add(struct words *w, const char *text);
/* The names a profile gives its board: project, preloader name, build.prop's device, board,
 * model, brand, display id, custom build, FOTA device. */
int mtkfwi_words_profile(struct words *w, const struct mtkfw_profile *p);
/* How many words of `a` are in `b`; `list` gets them, comma-separated. */
size_t mtkfwi_words_shared(const struct words *a, const struct words *b, char *list, size_t size);
void mtkfwi_words_free(struct words *w);

#endif
