/*
 * The shared image read (image_pass.h): a byte sum and, for the files a flash plan asked for,
 * a SHA-256 in the same loop over the same buffer.
 */
#include "analysis/image_pass.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"
#include "image/sparse_internal.h"

#include <mtkfw/layout.h>
#include <mtkfw/sparse.h>

#include <sys/stat.h>
#include <unistd.h>

/* The item for this file and way; with `how` < 0, the first of this file not read yet. */
static struct image_pass_item *find(const struct image_pass *ip, dev_t dev, ino_t ino, int how)
{
	for (size_t i = 0; ip && i < ip->count; i++) {
		struct image_pass_item *it = &ip->items[i];

		if (it->dev == dev && it->ino == ino && (how >= 0 ? it->how == how : !it->done))
			return it;
	}
	return NULL;
}

int mtkfwi_image_pass_want(struct image_pass *ip, const char *path, int how)
{
	struct image_pass_item *it;
	mtkfw_sparse *s = NULL;
	struct stat st;

	if (!ip || !path || stat(path, &st) != 0 || !S_ISREG(st.st_mode) || find(ip, st.st_dev, st.st_ino, how))
		return 0;
	/* The chunk map says which bytes of the file are which output; a file that does not
	 * open as sparse is left to the plan, which reports it. */
	if (how != IMAGE_PASS_FILE && mtkfw_sparse_open(&s, path) != 0) {
		mtkfw_error_clear();
		return 0;
	}
	if (!(it = mtkfw_reallocarray(ip->items, ip->count + 1, sizeof(*it)))) {
		mtkfw_sparse_free(s);
		return mtkfw_nomem();
	}
	ip->items = it;
	it = &ip->items[ip->count];
	memset(it, 0, sizeof(*it));
	if (mtkfw_hash_new(&it->md, MTKFW_HASH_SHA256) != 0) {
		mtkfw_hash_free(it->md);
		mtkfw_sparse_free(s);
		return mtkfw_nomem();
	}
	it->how = how;
	it->sparse = s;
	it->dev = st.st_dev;
	it->ino = st.st_ino;
	ip->count++;
	return 0;
}

/* `n` bytes of `b` into the hash, counted. */
static int put(struct image_pass_item *it, const void *b, size_t n)
{
	it->size += n;
	return n && mtkfw_hash_update(it->md, b, n) != 0 ? mtkfw_nomem() : 0;
}

/* `len` bytes of a repeated 4-byte pattern (a FILL chunk; zeros for DONT_CARE). */
static int put_pattern(struct image_pass_item *it, uint32_t value, uint64_t len)
{
	uint8_t pat[16384];
	int rc = 0;

	mtkfwi_sparse_fill_pattern(pat, sizeof(pat), value, 0); /* the sparse reader's own expansion */
	while (!rc && len) {
		size_t k = len < sizeof(pat) ? (size_t)len : sizeof(pat);

		rc = put(it, pat, k);
		len -= k;
	}
	return rc;
}

/* The file's bytes [pos, pos + n) are in `buf`: hash the output they and the chunks before
 * the next RAW data make. Chunks are in file order, which is output order. */
static int feed_sparse(struct image_pass_item *it, const uint8_t *buf, uint64_t pos, size_t n)
{
	const mtkfw_sparse *s = it->sparse;
	uint64_t end = pos + n;
	int rc = 0;

	for (const mtkfw_sparse_chunk *c; !rc && (c = mtkfw_sparse_chunk_at(s, it->next));) {
		if (c->type == MTKFW_SPARSE_RAW) {
			uint64_t a = c->in_offset > pos ? c->in_offset : pos;
			uint64_t b = c->in_offset + c->out_len < end ? c->in_offset + c->out_len : end;

			if (a < b)
				rc = put(it, buf + (a - pos), (size_t)(b - a));
			if (c->in_offset + c->out_len > end)
				break; /* the rest of its data is in the next buffer */
		} else if (c->type == MTKFW_SPARSE_FILL) {
			rc = put_pattern(it, c->value, c->out_len);
		} else if (c->type == MTKFW_SPARSE_DONT_CARE && it->how == IMAGE_PASS_SPARSE_FULL) {
			rc = put_pattern(it, 0, c->out_len);
		}
		it->next++;
	}
	return rc;
}

struct pass_read {
	struct image_pass_item *it; /* NULL: the file is only summed */
	uint32_t sum;
};

static int sum_and_hash(const uint8_t *buf, size_t n, uint64_t pos, void *user)
{
	struct pass_read *r = user;

	for (size_t i = 0; i < n; i++)
		r->sum += buf[i];
	if (!r->it)
		return 0;
	return r->it->how == IMAGE_PASS_FILE ? put(r->it, buf, n) : feed_sparse(r->it, buf, pos, n);
}

int mtkfwi_image_pass_checksum(struct image_pass *ip, const char *path, uint16_t *sum16, uint32_t *sum32)
{
	struct pass_read r = { NULL, 0 };
	struct stat st;
	int fd, rc;

	if (!ip || !ip->count)
		return mtkfw_checksum_file(path, sum16, sum32);
	if ((rc = mtkfw_open_input(path, &fd, NULL)) != 0)
		return rc;
	/* The file as opened, not as named: that is the one whose bytes are hashed. A file read
	 * twice (two partitions naming it) is hashed once: the second read only sums. */
	if (fstat(fd, &st) == 0)
		r.it = find(ip, st.st_dev, st.st_ino, -1);
	rc = mtkfw_read_each(fd, path, sum_and_hash, &r);
	close(fd);
	if (rc)
		return rc; /* `it` stays not done: the plan hashes the file itself */
	if (r.it) {
		/* A sparse image whose chunks did not all come (the file shrank since it was mapped)
		 * gives no hash; the sum is still the file's. */
		r.it->done = !r.it->sparse || r.it->next == mtkfw_sparse_chunk_count(r.it->sparse);
		r.it->ctime = st.st_ctim;
	}
	if (sum16)
		*sum16 = (uint16_t)r.sum;
	if (sum32)
		*sum32 = r.sum;
	return 0;
}

int mtkfwi_image_pass_sha256(const struct image_pass *ip, const char *path, int how, uint64_t hashed, uint64_t length,
		      uint8_t out[32])
{
	static const uint8_t zeros[512];
	const struct image_pass_item *it;
	struct stat st;
	mtkfw_hash *md;
	int ok;

	if (!ip || !ip->count || !path || stat(path, &st) != 0 || !(it = find(ip, st.st_dev, st.st_ino, how)) ||
	    !it->done || it->size != hashed || length < hashed || st.st_ctim.tv_sec != it->ctime.tv_sec ||
	    st.st_ctim.tv_nsec != it->ctime.tv_nsec)
		return 0;
	/* Copy, not finish: the pass's state stays reusable for a second step of the same file. */
	if (mtkfw_hash_copy(&md, it->md))
		return MTKFW_ERR_NOMEM;
	ok = 1;
	for (uint64_t pad = length - hashed; ok && pad;) {
		size_t k = pad < sizeof(zeros) ? (size_t)pad : sizeof(zeros);

		ok = mtkfw_hash_update(md, zeros, k) == 0;
		pad -= k;
	}
	ok = ok && mtkfw_hash_final(md, out) == 0;
	mtkfw_hash_free(md);
	return ok ? 1 : mtkfw_nomem();
}

void mtkfwi_image_pass_free(struct image_pass *ip)
{
	if (!ip)
		return;
	for (size_t i = 0; i < ip->count; i++) {
		mtkfw_hash_free(ip->items[i].md);
		mtkfw_sparse_free(ip->items[i].sparse);
	}
	free(ip->items);
	ip->items = NULL;
	ip->count = 0;
}
