/* Checksum.ini parser: parse, write back, parse again: the same entries. */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mtkfw_checksum_ini *a = NULL, *b = NULL;
	char *text;
	size_t len;

	if (mtkfw_checksum_ini_parse(&a, (const char *)data, size, "fuzz") != 0)
		return 0;
	if (mtkfw_checksum_ini_write(&text, &len, a) == 0) {
		if (mtkfw_checksum_ini_parse(&b, text, len, "fuzz") != 0) {
			fprintf(stderr, "written Checksum.ini does not parse: %s\n", mtkfw_error_last()->message);
			abort();
		}
		if (a->count != b->count || a->style != b->style || a->enabled != b->enabled)
			abort();
		for (size_t i = 0; i < a->count; i++)
			if (strcmp(a->entries[i].key, b->entries[i].key) || a->entries[i].value != b->entries[i].value)
				abort();
		mtkfw_checksum_ini_free(b);
		free(text);
	}
	mtkfw_checksum_ini_free(a);
	return 0;
}
