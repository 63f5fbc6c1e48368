/* The distinct-bytes tally of the file layer's reads (core/read_tally.h). */
#include "core/read_tally.h"

#include <stdlib.h>
#include <string.h>

/* The ranges read of one file, sorted and merged: [a, b) pairs. */
struct seen_file {
	char *path;
	uint64_t (*ranges)[2];
	size_t count, cap;
};

/* A descriptor and the file it reads, as mtkfw_open_input opened it. */
struct fd_file {
	int fd;
	size_t file;
};

struct tally {
	bool on, held;
	struct seen_file *files;
	size_t nfiles, files_cap;
	struct fd_file *fds;
	size_t nfds, fds_cap;
	uint64_t plain; /* bytes counted as they come: unknown descriptors, archives, no memory */
};

/* Per thread, as the last error is: a job on one thread counts its own reads. */
static _Thread_local struct tally t;

static void clear(void)
{
	for (size_t i = 0; i < t.nfiles; i++) {
		free(t.files[i].path);
		free(t.files[i].ranges);
	}
	free(t.files);
	free(t.fds);
	memset(&t, 0, sizeof(t));
}

void mtkfwi_tally_start(void)
{
	clear();
	t.on = true;
}

uint64_t mtkfwi_tally_stop(void)
{
	uint64_t sum = t.plain;

	for (size_t i = 0; i < t.nfiles; i++)
		for (size_t k = 0; k < t.files[i].count; k++)
			sum += t.files[i].ranges[k][1] - t.files[i].ranges[k][0];
	clear();
	return sum;
}

void mtkfwi_tally_hold(bool hold)
{
	t.held = hold;
}

static bool counting(void)
{
	return t.on && !t.held;
}

/* Room for one more of `size` bytes in *items (count *n, room *cap). */
static bool grow(void **items, size_t *cap, size_t n, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p;

	if (n < *cap)
		return true;
	if (ncap > SIZE_MAX / size || !(p = realloc(*items, ncap * size)))
		return false;
	*items = p;
	*cap = ncap;
	return true;
}

void mtkfwi_tally_opened(int fd, const char *path)
{
	size_t i, k;

	if (!counting() || fd < 0 || !path)
		return;
	for (i = 0; i < t.nfiles && strcmp(t.files[i].path, path) != 0; i++)
		;
	if (i == t.nfiles) {
		char *copy;

		if (!grow((void **)&t.files, &t.files_cap, t.nfiles, sizeof(*t.files)) || !(copy = strdup(path)))
			return; /* then this descriptor's reads count as they come */
		memset(&t.files[i], 0, sizeof(t.files[i]));
		t.files[i].path = copy;
		t.nfiles++;
	}
	/* A descriptor number is reused once closed: the newest open names its file. */
	for (k = 0; k < t.nfds && t.fds[k].fd != fd; k++)
		;
	if (k == t.nfds) {
		if (!grow((void **)&t.fds, &t.fds_cap, t.nfds, sizeof(*t.fds)))
			return;
		t.nfds++;
	}
	t.fds[k].fd = fd;
	t.fds[k].file = i;
}

/* Add [a, b) to f's ranges, merging what it touches; false when out of memory. */
static bool add_range(struct seen_file *f, uint64_t a, uint64_t b)
{
	size_t lo = 0, hi;

	while (lo < f->count && f->ranges[lo][1] < a)
		lo++;
	hi = lo;
	while (hi < f->count && f->ranges[hi][0] <= b) {
		if (f->ranges[hi][0] < a)
			a = f->ranges[hi][0];
		if (f->ranges[hi][1] > b)
			b = f->ranges[hi][1];
		hi++;
	}
	if (hi > lo) { /* ranges lo..hi-1 become one */
		f->ranges[lo][0] = a;
		f->ranges[lo][1] = b;
		memmove(&f->ranges[lo + 1], &f->ranges[hi], (f->count - hi) * sizeof(f->ranges[0]));
		f->count -= hi - lo - 1;
		return true;
	}
	if (!grow((void **)&f->ranges, &f->cap, f->count, sizeof(f->ranges[0])))
		return false;
	memmove(&f->ranges[lo + 1], &f->ranges[lo], (f->count - lo) * sizeof(f->ranges[0]));
	f->ranges[lo][0] = a;
	f->ranges[lo][1] = b;
	f->count++;
	return true;
}

void mtkfwi_tally_read(int fd, uint64_t off, uint64_t n)
{
	size_t k;

	if (!counting() || !n)
		return;
	for (k = 0; k < t.nfds && t.fds[k].fd != fd; k++)
		;
	if (k == t.nfds || off > UINT64_MAX - n || !add_range(&t.files[t.fds[k].file], off, off + n))
		t.plain += n;
}

void mtkfwi_tally_bytes(uint64_t n)
{
	if (t.on)
		t.plain += n;
}
