/* Internal helpers shared by the layout parsers and writers (not installed). */
#ifndef MTKFW_LAYOUT_INTERNAL_H
#define MTKFW_LAYOUT_INTERNAL_H

#include "core/textbuf.h"

#include <mtkfw/layout.h>

#include <stdarg.h>


/* One line of a text file, CR and trailing blanks removed. */
struct text_line {
	const char *p;
	size_t len;
	int number; /* 1-based */
};

struct text_iter {
	const char *text;
	size_t len, pos;
	int number;
	const char *name;
};

/* Next line; returns 1 with a line, 0 at the end, or a negative status (a line longer than
 * MTKFW_SCATTER_MAX_LINE, or a NUL byte: binary data), message set. */
int mtkfwi_text_next(struct text_iter *it, struct text_line *line);

bool mtkfwi_name_eq(const char *a, const char *b);

/* mtkfw_layout_add for text parsers: the limit message names the file and the line. */
int mtkfwi_add_at_line(mtkfw_layout *l, const char *src, int line, struct mtkfw_partition **out);
/* Parse a whole token as 0x hex or decimal into 64 bits; false on garbage or overflow. */
bool mtkfwi_parse_u64(const char *s, size_t n, uint64_t *out);
/* Lines before a dumchar_info's "Part_Name" header (a pasted terminal line), or -1: none. */
int mtkfwi_dumchar_header_line(const char *text, size_t len);
/* The first line is a dumchar row, no header above it (MTK Droid Tools' firmware.info). */
bool mtkfwi_dumchar_headerless(const char *text, size_t len);

int mtkfwi_kv_add(struct mtkfw_kv **arr, size_t *count, const char *key, size_t klen, const char *val,
	   size_t vlen);
void mtkfwi_kv_free(struct mtkfw_kv *arr, size_t count);

/* The partition that holds the 0xFFFFxxxx encoding: true when `linear` is one. */
static inline bool scatter_end_relative(uint64_t linear)
{
	return (linear >> 16) == 0xFFFF;
}

/* Default block size of MT6572 eMMC scatters (2 × 64 KiB) when the file gives none. */
#define LAYOUT_DEFAULT_BLOCK 0x20000u
/* ptgen's fallback MBR start (6 MiB). */
#define LAYOUT_DEFAULT_MBR_START 0x600000u

/* True when two layouts hold the same model (what the source says and where it decodes);
 * otherwise false with `why` (may be NULL) saying the first difference. Used by the round-trip
 * tests and the fuzz harnesses. */
bool mtkfwi_layout_model_equal(const mtkfw_layout *a, const mtkfw_layout *b, char *why, size_t why_len);

#endif
