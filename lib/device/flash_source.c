/*
 * What a flash step writes, as random-access bytes: a built buffer (a wrapped preloader, a
 * PMT), a plain image file, or a sparse image expanded on the fly (never into a temp file).
 */
#include "device/flash_internal.h"
#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int mtkfwi_flash_source_open(struct flash_source *src, const struct mtkfw_flash_step *st)
{
	int rc;

	memset(src, 0, sizeof(*src));
	src->st = st;
	src->fd = -1;
	if (st->data) {
		src->size = st->data_len;
		return 0;
	}
	if (!st->path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: the step has no data", st->name);
	if (st->sparse) {
		if ((rc = mtkfw_sparse_open(&src->sparse, st->path)))
			return rc;
		src->size = mtkfw_sparse_raw_size(src->sparse);
		return 0;
	}
	if ((rc = mtkfw_open_input(st->path, &src->fd, NULL)))
		return rc;
	src->size = st->file_size;
	return 0;
}

int mtkfwi_flash_source_pread(struct flash_source *src, uint8_t *buf, size_t n, uint64_t off)
{
	size_t k = 0;
	int rc = 0;

	if (off < src->size)
		k = src->size - off < n ? (size_t)(src->size - off) : n;
	if (k) {
		if (src->st->data)
			memcpy(buf, src->st->data + off, k);
		else if (src->sparse)
			rc = mtkfw_sparse_pread(src->sparse, buf, k, off);
		else
			rc = mtkfw_pread_exact(src->fd, buf, k, off, src->st->path);
	}
	if (!rc && k < n)
		memset(buf + k, 0, n - k);
	return rc;
}

void mtkfwi_flash_source_close(struct flash_source *src)
{
	if (src->fd >= 0)
		close(src->fd);
	mtkfw_sparse_free(src->sparse);
	src->fd = -1;
	src->sparse = NULL;
}

int mtkfwi_flash_step_extents(const struct mtkfw_flash_step *st, int (*cb)(uint64_t off, uint64_t len, void *user),
		       void *user)
{
	mtkfw_sparse *s;
	uint64_t run_start = 0, run_end = 0;
	bool have = false;
	int rc = 0;

	if (st->kind != MTKFW_STEP_WRITE)
		return 0;
	if (!st->sparse || !st->erased)
		return st->length ? cb(0, st->length, user) : 0;
	if ((rc = mtkfw_sparse_open(&s, st->path)))
		return rc;
	for (size_t i = 0; !rc && i < mtkfw_sparse_chunk_count(s); i++) {
		const mtkfw_sparse_chunk *c = mtkfw_sparse_chunk_at(s, i);

		if (c->type != MTKFW_SPARSE_RAW && c->type != MTKFW_SPARSE_FILL)
			continue; /* DONT_CARE: the erased range already reads as zeros; CRC32: no data */
		if (have && c->out_offset == run_end) {
			run_end += c->out_len;
			continue;
		}
		if (have)
			rc = cb(run_start, run_end - run_start, user);
		run_start = c->out_offset;
		run_end = c->out_offset + c->out_len;
		have = true;
	}
	if (!rc && have) {
		/* Chunks are whole blocks (multiples of 512); the last run is padded like the step. */
		if (run_end > st->length)
			run_end = st->length;
		rc = cb(run_start, (run_end - run_start + 511) & ~(uint64_t)511, user);
	}
	mtkfw_sparse_free(s);
	return rc;
}

static int add_len(uint64_t off, uint64_t len, void *user)
{
	(void)off;
	*(uint64_t *)user += len;
	return 0;
}

int mtkfwi_flash_step_payload(const struct mtkfw_flash_step *st, uint64_t *out)
{
	*out = 0;
	return mtkfwi_flash_step_extents(st, add_len, out);
}
