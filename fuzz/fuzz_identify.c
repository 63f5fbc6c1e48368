/* Fuzz `mtkfw info`: every probe over arbitrary bytes (written to a temp file, as identify reads
 * files); it must answer a type or one error, never crash. */
#include <mtkfw/identify.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct mtkfw_info info;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/mtkfw-fuzz-identify-%d", (int)getpid());
	if (!(f = fopen(path, "wb")))
		return 0;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	if (mtkfw_identify(&info, path) == 0) {
		if (!info.type || !info.type[0])
			abort();
		mtkfw_info_clear(&info);
	}
	unlink(path);
	return 0;
}
