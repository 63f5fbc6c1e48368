#include "core/fields.h"

#include <string.h>

uint64_t mtkfw_field_get(const struct mtkfw_field *f, const uint8_t *base)
{
	const uint8_t *p = base + f->offset;
	uint64_t v = 0;
	uint32_t i;

	if (f->kind == MTKFW_F_BE) {
		for (i = 0; i < f->size && i < 8; i++)
			v = v << 8 | p[i];
	} else if (f->kind == MTKFW_F_LE) {
		for (i = f->size < 8 ? f->size : 8; i > 0; i--)
			v = v << 8 | p[i - 1];
	}
	return v;
}

void mtkfw_field_put(const struct mtkfw_field *f, uint8_t *base, uint64_t value)
{
	uint8_t *p = base + f->offset;
	uint32_t i, n = f->size < 8 ? f->size : 8;

	if (f->kind == MTKFW_F_BE) {
		for (i = 0; i < n; i++)
			p[n - 1 - i] = (uint8_t)(value >> (8 * i));
	} else if (f->kind == MTKFW_F_LE) {
		for (i = 0; i < n; i++)
			p[i] = (uint8_t)(value >> (8 * i));
	}
}

const struct mtkfw_field *mtkfw_field_find(const struct mtkfw_field *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

size_t mtkfw_fields_span(const struct mtkfw_field *t, size_t n)
{
	size_t i, end = 0;

	for (i = 0; i < n; i++)
		if (t[i].offset + t[i].size > end)
			end = t[i].offset + t[i].size;
	return end;
}
