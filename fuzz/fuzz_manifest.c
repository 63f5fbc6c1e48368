/*
 * fuzz_manifest: the manifest of mtkfw's own backups and readbacks (mtkfw/manifest.h), in
 * either form it reads: manifest.json, or the old text (the backup's `item` lines with the
 * /data/nvram tree lines, the full readback's `# mtkfw readback:` form). Parse, write as JSON,
 * parse that again and write it again: the two JSON texts are the same bytes, and the model
 * keeps its counts. restore, compat and profile trust nothing in it beyond what they re-check.
 */
#include <mtkfw/manifest.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mtkfw_manifest *a = NULL, *b = NULL;
	char *one = NULL, *two = NULL;
	size_t n1 = 0, n2 = 0;

	if (mtkfw_manifest_parse(&a, (const char *)data, size, "fuzz") != 0)
		return 0;
	if (!a->count || mtkfw_manifest_write(&one, &n1, a) != 0)
		abort(); /* what parses has files, and can always be written */
	if (mtkfw_manifest_parse(&b, one, n1, "rewrite") != 0 || mtkfw_manifest_write(&two, &n2, b) != 0)
		abort();
	if (n1 != n2 || memcmp(one, two, n1) || a->count != b->count || a->tree_count != b->tree_count ||
	    a->has_cid != b->has_cid || memcmp(a->cid, b->cid, 16) || strcmp(a->chip, b->chip) || a->kind != b->kind ||
	    !a->layout != !b->layout || (a->layout && a->layout->count != b->layout->count))
		abort();
	for (size_t i = 0; i < a->count; i++)
		if (memcmp(&a->items[i], &b->items[i], sizeof(a->items[i])))
			abort();
	for (size_t i = 0; i < a->tree_count; i++)
		if (a->trees[i].tree.count != b->trees[i].tree.count || a->trees[i].tree.bytes != b->trees[i].tree.bytes)
			abort();
	free(one);
	free(two);
	mtkfw_manifest_free(a);
	mtkfw_manifest_free(b);
	return 0;
}
