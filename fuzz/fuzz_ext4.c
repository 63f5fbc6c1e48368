/*
 * ext4 images (raw or sparse) in memory through our io manager: open, list the root, stat
 * and read a few bounded files. Kept cheap: libext2fs does the parsing, we check that our
 * io manager, lookups, listing and bounded reads survive whatever it is fed.
 */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "/build.prop", "/a", "/lost+found", "/link" };
	mtkfw_ext4 *fs;
	mtkfw_ext4_dir d;

	if (mtkfw_ext4_open_mem(&fs, data, size, "fuzz") != 0)
		return 0;
	if (mtkfw_ext4_list(&d, fs, "/") == 0) {
		/* Read the first few entries back by name: lookup and read must agree with listing. */
		for (size_t i = 0; i < d.count && i < 8; i++) {
			char path[300];
			uint8_t *buf;
			size_t n;

			snprintf(path, sizeof(path), "/%s", d.entries[i].name);
			if (mtkfw_ext4_read(&buf, &n, fs, path, 1u << 16) == 0)
				free(buf);
		}
		mtkfw_ext4_dir_clear(&d);
	}
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		mtkfw_ext4_entry e;
		if (mtkfw_ext4_stat(&e, fs, paths[i]) == 0)
			mtkfw_ext4_entry_clear(&e);
	}
	mtkfw_ext4_free(fs);
	return 0;
}
