/* fuzz_backup_manifest: the identity backup's manifest.txt (parse, write back, parse again:
 * the same phone, the same items). restore trusts nothing in it beyond what it re-checks. */
#include "device/backup.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_backup *a = backup_new("fuzz"), *b = backup_new("fuzz");
	char *text = malloc(size + 1), *out = NULL;
	size_t len;

	if (!a || !b || !text)
		abort();
	memcpy(text, data, size);
	text[size] = 0;
	if (backup_parse_manifest(a, text, "fuzz") == 0 && backup_format_manifest(a, &out, &len) == 0) {
		if (backup_parse_manifest(b, out, "rewrite") != 0 || a->count != b->count ||
		    memcmp(a->cid, b->cid, 16) != 0 || strcmp(a->chip, b->chip) != 0)
			abort();
		for (size_t i = 0; i < a->count; i++)
			if (memcmp(&a->items[i], &b->items[i], sizeof(a->items[i])) != 0)
				abort();
	}
	free(out);
	free(text);
	mtkfw_backup_free(a);
	mtkfw_backup_free(b);
	return 0;
}
