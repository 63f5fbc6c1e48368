/* A growing text buffer (textbuf.h). */
#include "core/textbuf.h"
#include "core/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void mtkfwi_lbuf_puts(struct lbuf *b, const char *s)
{
	mtkfwi_lbuf_printf(b, "%s", s);
}

void mtkfwi_lbuf_printf(struct lbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(b->p ? b->p + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = true;
			return;
		}
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		size_t ncap = b->cap ? b->cap * 2 : 4096;
		while (ncap - b->len <= (size_t)n)
			ncap *= 2;
		char *np = realloc(b->p, ncap);
		if (!np) {
			b->failed = true;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
}

int mtkfwi_lbuf_finish(struct lbuf *b, char **out, size_t *len)
{
	mtkfwi_lbuf_puts(b, ""); /* an empty text is still a buffer */
	if (b->failed) {
		free(b->p);
		b->p = NULL;
		return mtkfw_nomem();
	}
	*out = b->p;
	if (len)
		*len = b->len;
	b->p = NULL;
	return 0;
}
