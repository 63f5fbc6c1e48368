/*
 * A growing text buffer for the library's text writers (scatters, Checksum.ini, backup
 * manifests): the library builds text in memory and hands it over; it never prints.
 */
#ifndef MTKFW_CORE_TEXTBUF_H
#define MTKFW_CORE_TEXTBUF_H

#include <mtkfw/common.h>

#include <stdbool.h>
#include <stddef.h>

/* A growing text buffer; `failed` latches the first allocation failure so
 * callers check once at the end. */
struct lbuf {
	char *p;
	size_t len, cap;
	bool failed;
};

void mtkfwi_lbuf_printf(struct lbuf *b, const char *fmt, ...) MTKFW_PRINTF(2, 3);
void mtkfwi_lbuf_puts(struct lbuf *b, const char *s);
/* Hand the text over (NUL-terminated) or report out of memory. */
int mtkfwi_lbuf_finish(struct lbuf *b, char **out, size_t *len);

#endif
