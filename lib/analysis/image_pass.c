/*
 * The shared image read (image_pass.h): a byte sum and, for the files a flash plan asked for,
 * a SHA-256 in the same loop over the same buffer.
 */
#include "analysis/image_pass.h"
#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/layout.h>

#include <errno.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1u << 20)

static struct image_pass_item *find(const struct image_pass *ip, dev_t dev, ino_t ino)
{
	for (size_t i = 0; ip && i < ip->count; i++)
		if (ip->items[i].dev == dev && ip->items[i].ino == ino)
			return &ip->items[i];
	return NULL;
}

int image_pass_want(struct image_pass *ip, const char *path)
{
	struct image_pass_item *it;
	struct stat st;

	if (!ip || !path || stat(path, &st) != 0 || !S_ISREG(st.st_mode) || find(ip, st.st_dev, st.st_ino))
		return 0;
	if (!(it = mtkfw_reallocarray(ip->items, ip->count + 1, sizeof(*it))))
		return mtkfw_nomem();
	ip->items = it;
	it = &ip->items[ip->count];
	memset(it, 0, sizeof(*it));
	if (!(it->md = EVP_MD_CTX_new()) || EVP_DigestInit_ex(it->md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(it->md);
		return mtkfw_nomem();
	}
	it->dev = st.st_dev;
	it->ino = st.st_ino;
	ip->count++;
	return 0;
}

int image_pass_checksum(struct image_pass *ip, const char *path, uint16_t *sum16, uint32_t *sum32)
{
	struct image_pass_item *it = NULL;
	struct stat st;
	uint8_t *buf;
	uint32_t sum = 0;
	uint64_t total = 0;
	int fd, rc;

	if (!ip || !ip->count)
		return mtkfw_checksum_file(path, sum16, sum32);
	if ((rc = mtkfw_open_input(path, &fd, NULL)) != 0)
		return rc;
	/* The file as opened, not as named: that is the one whose bytes are hashed. A file read
	 * twice (two partitions naming it) is hashed once: the second read only sums. */
	if (fstat(fd, &st) == 0 && (it = find(ip, st.st_dev, st.st_ino)) && it->done)
		it = NULL;
	if (!it) {
		close(fd);
		return mtkfw_checksum_file(path, sum16, sum32);
	}
	if (!(buf = malloc(CHUNK))) {
		close(fd);
		return mtkfw_nomem();
	}
	for (;;) {
		ssize_t n = read(fd, buf, CHUNK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			sum += buf[i];
		if (EVP_DigestUpdate(it->md, buf, (size_t)n) != 1) {
			rc = mtkfw_nomem();
			break;
		}
		total += (uint64_t)n;
	}
	free(buf);
	close(fd);
	if (rc)
		return rc; /* `it` stays not done: the plan hashes the file itself */
	it->done = true;
	it->size = total;
	it->ctime = st.st_ctim;
	if (sum16)
		*sum16 = (uint16_t)sum;
	if (sum32)
		*sum32 = sum;
	return 0;
}

int image_pass_sha256(const struct image_pass *ip, const char *path, uint64_t file_size, uint64_t length,
		      uint8_t out[32])
{
	static const uint8_t zeros[512];
	const struct image_pass_item *it;
	struct stat st;
	EVP_MD_CTX *md;
	unsigned n = 0;
	int ok;

	if (!ip || !ip->count || !path || stat(path, &st) != 0 || !(it = find(ip, st.st_dev, st.st_ino)) ||
	    !it->done || it->size != file_size || length < file_size || st.st_ctim.tv_sec != it->ctime.tv_sec ||
	    st.st_ctim.tv_nsec != it->ctime.tv_nsec)
		return 0;
	if (!(md = EVP_MD_CTX_new()))
		return mtkfw_nomem();
	/* Copy, not finish: the pass's state stays reusable for a second step of the same file. */
	ok = EVP_MD_CTX_copy_ex(md, it->md) == 1;
	for (uint64_t pad = length - file_size; ok && pad;) {
		size_t k = pad < sizeof(zeros) ? (size_t)pad : sizeof(zeros);

		ok = EVP_DigestUpdate(md, zeros, k) == 1;
		pad -= k;
	}
	ok = ok && EVP_DigestFinal_ex(md, out, &n) == 1 && n == 32;
	EVP_MD_CTX_free(md);
	return ok ? 1 : mtkfw_nomem();
}

void image_pass_free(struct image_pass *ip)
{
	if (!ip)
		return;
	for (size_t i = 0; i < ip->count; i++)
		EVP_MD_CTX_free(ip->items[i].md);
	free(ip->items);
	ip->items = NULL;
	ip->count = 0;
}
