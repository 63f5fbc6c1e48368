/* Fuzz the ramdisk reader (libarchive under our count and byte limits): list, then rebuild an
 * uncompressed cpio of the directories and symlinks (no files are read from disk) and list it
 * again. */
#include <mtkfw/image.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_ramdisk rd, back, sub;
	uint8_t *out;
	size_t out_len, n = 0;

	if (mtkfw_ramdisk_list(&rd, data, size) != 0)
		return 0;
	sub = rd;
	sub.comp = MTKFW_COMP_NONE;
	sub.entries = calloc(rd.count, sizeof(*sub.entries));
	if (!sub.entries) {
		mtkfw_ramdisk_clear(&rd);
		return 0;
	}
	for (size_t i = 0; i < rd.count; i++) {
		mode_t t = rd.entries[i].mode & S_IFMT;

		/* Symlink targets would be read from disk when a file of that name exists. */
		if (t == S_IFDIR || t == S_IFCHR || t == S_IFBLK || t == S_IFIFO)
			if (rd.entries[i].path[0])
				sub.entries[n++] = rd.entries[i];
	}
	sub.count = n;
	if (n && mtkfw_ramdisk_build(&out, &out_len, &sub, "/nonexistent-mtkfw-fuzz") == 0) {
		if (mtkfw_ramdisk_list(&back, out, out_len) != 0 || back.count != n)
			abort();
		mtkfw_ramdisk_clear(&back);
		free(out);
	}
	free(sub.entries);
	mtkfw_ramdisk_clear(&rd);
	return 0;
}
