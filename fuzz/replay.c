/*
 * Replays files through a fuzz harness without libFuzzer: each argument is a file or a folder
 * (walked recursively; missing ones are skipped). Also feeds a few fixed hostile inputs
 * (empty, all-0xFF, truncated headers), so a harness is exercised even with no seeds.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Files larger than this are skipped: harnesses take small inputs, and replay must stay fast
 * under the sanitizers. */
#define REPLAY_MAX (8u << 20)

static unsigned long replayed;

static void replay_file(const char *path, off_t size)
{
	FILE *f;
	uint8_t *buf;

	if (size > (off_t)REPLAY_MAX)
		return;
	f = fopen(path, "rb");
	if (!f)
		return;
	buf = malloc((size_t)size + 1);
	if (buf && fread(buf, 1, (size_t)size, f) == (size_t)size) {
		LLVMFuzzerTestOneInput(buf, (size_t)size);
		replayed++;
	}
	free(buf);
	fclose(f);
}

static void replay_path(const char *path, int depth)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (depth > 8 || lstat(path, &st) != 0)
		return;
	if (S_ISREG(st.st_mode)) {
		replay_file(path, st.st_size);
		return;
	}
	if (!S_ISDIR(st.st_mode) || !(d = opendir(path)))
		return;
	while ((e = readdir(d))) {
		char sub[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		replay_path(sub, depth + 1);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	static uint8_t ff[4096], zero[4096];

	memset(ff, 0xFF, sizeof(ff));
	LLVMFuzzerTestOneInput(zero, 0);
	for (size_t n = 1; n <= sizeof(ff); n *= 2) {
		LLVMFuzzerTestOneInput(ff, n);
		LLVMFuzzerTestOneInput(zero, n);
	}
	for (int i = 1; i < argc; i++)
		replay_path(argv[i], 0);
	printf("replayed %lu files\n", replayed);
	return 0;
}
