/* Keep-list parser (mtkfw port): parse, write back, parse again: the same entries. */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mtkfw_keep_list a = { 0 }, b = { 0 };
	char *text = NULL;
	size_t len = 0;

	if (mtkfw_keep_parse(&a, (const char *)data, size, "fuzz", false) != 0)
		return 0;
	if (mtkfw_keep_write(&text, &len, &a) != 0)
		abort();
	if (mtkfw_keep_parse(&b, text, len, "fuzz", false) != 0) {
		fprintf(stderr, "a written keep-list does not parse: %s\n", mtkfw_error_last()->message);
		abort();
	}
	if (a.count != b.count)
		abort();
	for (size_t i = 0; i < a.count; i++)
		if (a.items[i].kind != b.items[i].kind || strcmp(a.items[i].name, b.items[i].name) ||
		    strcmp(a.items[i].why, b.items[i].why))
			abort();
	/* Taking each entry out by its written form empties the list. */
	for (size_t i = a.count; i-- > 0;) {
		char entry[MTKFW_KEEP_NAME_MAX + 16];

		snprintf(entry, sizeof(entry), "%s%s", a.items[i].kind == MTKFW_KEEP_RAMDISK ? "ramdisk:" : "", a.items[i].name);
		if (mtkfw_keep_take(&b, entry) != 0)
			abort();
	}
	if (b.count)
		abort();
	free(text);
	mtkfw_keep_list_clear(&a);
	mtkfw_keep_list_clear(&b);
	return 0;
}
