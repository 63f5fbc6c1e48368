/* fuzz_backup_manifest: the identity backup's manifest.txt (parse, write back, parse again:
 * the same phone, the same items, the same /data/nvram tree lines). restore trusts nothing in
 * it beyond what it re-checks. */
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
		/* USRDATA's tree lines and note come back the same. */
		if (a->data_nvram.count != b->data_nvram.count || a->data_nvram.truncated != b->data_nvram.truncated ||
		    !a->data_nvram_note != !b->data_nvram_note ||
		    (a->data_nvram_note && strcmp(a->data_nvram_note, b->data_nvram_note)))
			abort();
		for (size_t i = 0; i < a->data_nvram.count; i++) {
			const mtkfw_ext4_node *x = &a->data_nvram.nodes[i], *y = &b->data_nvram.nodes[i];

			if (strcmp(x->path, y->path) || x->type != y->type || x->mode != y->mode || x->size != y->size ||
			    x->uid != y->uid || x->gid != y->gid || memcmp(x->sha256, y->sha256, 32) ||
			    strcmp(x->skipped, y->skipped) || !x->target != !y->target ||
			    (x->target && strcmp(x->target, y->target)))
				abort();
		}
	}
	free(out);
	free(text);
	mtkfw_backup_free(a);
	mtkfw_backup_free(b);
	return 0;
}
