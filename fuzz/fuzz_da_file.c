/* fuzz_da_file: the DA file parser (parse, select, write back, parse again: same model). */
#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_da_file *f, *g;
	const struct mtkfw_da_entry *e;
	uint8_t *w;
	size_t n;

	if (mtkfw_da_file_parse(&f, data, size, "fuzz") != 0)
		return 0;
	(void)mtkfw_da_file_select(&e, f, 0x6572, 0, 0xCA00, 0);
	if (mtkfw_da_file_write(&w, &n, f) == 0) {
		/* What we write must parse, and to the same entries. */
		if (n != size || memcmp(w, data, n) != 0 || mtkfw_da_file_parse(&g, w, n, "rewrite") != 0)
			abort();
		if (g->entry_count != f->entry_count ||
		    memcmp(g->entries, f->entries, f->entry_count * sizeof(*f->entries)) != 0)
			abort();
		mtkfw_da_file_free(g);
		free(w);
	}
	mtkfw_da_file_free(f);
	return 0;
}
