/*
 * The shared image read (lib/analysis/image_pass.c): the byte sums equal
 * mtkfw_checksum_file's, the SHA-256 equals one computed here over the file and its zero
 * padding, and the pass answers only for the very file it read (same inode, same size).
 */
#include "testutil.h"
#include "analysis/image_pass.h"

#include <mtkfw/mtkfw.h>

#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void sha_padded(const uint8_t *buf, size_t n, size_t length, uint8_t out[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	uint8_t zero = 0;
	unsigned k = 0;

	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, buf, n);
	for (size_t i = n; i < length; i++)
		EVP_DigestUpdate(md, &zero, 1);
	EVP_DigestFinal_ex(md, out, &k);
	EVP_MD_CTX_free(md);
}

static void sums_and_digest(void **state)
{
	char *dir = make_tempdir(), path[4200], other[4200], alias[4300];
	uint8_t buf[3000], want[32], got[32];
	uint16_t a16, b16;
	uint32_t a32, b32;
	struct image_pass ip = { 0 };
	(void)state;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	snprintf(path, sizeof(path), "%s/lk.bin", dir);
	snprintf(other, sizeof(other), "%s/logo.bin", dir);
	snprintf(alias, sizeof(alias), "%s/./lk.bin", dir);
	write_file(path, buf, sizeof(buf));
	write_file(other, buf, 100);
	/* No pass: the plain byte sum. The sum by hand: 3000 bytes of (7i+3) mod 256. */
	{
		uint32_t hand = 0;

		for (size_t i = 0; i < sizeof(buf); i++)
			hand += buf[i];
		assert_int_equal(mtkfwi_image_pass_checksum(NULL, path, &a16, &a32), 0);
		assert_int_equal(a32, hand);
		assert_int_equal(a16, (uint16_t)hand);
	}
	assert_int_equal(mtkfwi_image_pass_want(&ip, path, IMAGE_PASS_FILE), 0);
	assert_int_equal(mtkfwi_image_pass_want(&ip, alias, IMAGE_PASS_FILE), 0); /* the same file once */
	assert_int_equal(ip.count, 1);
	assert_int_equal(mtkfwi_image_pass_want(&ip, "/nonexistent/x.img", IMAGE_PASS_FILE), 0); /* left out, no error */
	assert_int_equal(ip.count, 1);
	/* Before the read there is nothing to give. */
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, path, IMAGE_PASS_FILE, sizeof(buf), 3072, got), 0);
	assert_int_equal(mtkfwi_image_pass_checksum(&ip, alias, &b16, &b32), 0);
	assert_int_equal(b16, a16);
	assert_int_equal(b32, a32);
	/* 3000 bytes padded to 3072 (the 512-byte length), asked for by another spelling. */
	sha_padded(buf, sizeof(buf), 3072, want);
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, path, IMAGE_PASS_FILE, sizeof(buf), 3072, got), 1);
	assert_memory_equal(got, want, 32);
	/* Asked again (a second step of the same file): the same answer. */
	memset(got, 0, sizeof(got));
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, alias, IMAGE_PASS_FILE, sizeof(buf), 3072, got), 1);
	assert_memory_equal(got, want, 32);
	/* A size the pass did not read, a length below the size, a file not asked for: no answer. */
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, path, IMAGE_PASS_FILE, sizeof(buf) - 1, 3072, got), 0);
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, path, IMAGE_PASS_FILE, sizeof(buf), 100, got), 0);
	assert_int_equal(mtkfwi_image_pass_checksum(&ip, other, &b16, &b32), 0);
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, other, IMAGE_PASS_FILE, 100, 512, got), 0);
	assert_int_equal(mtkfwi_image_pass_sha256(NULL, path, IMAGE_PASS_FILE, sizeof(buf), 3072, got), 0);
	/* The file replaced by another after the read: not this pass's file. The old one is held
	 * open so the new one cannot reuse its inode number. */
	{
		int old = open(path, O_RDONLY);

		assert_true(old >= 0);
		unlink(path);
		write_file(path, buf, sizeof(buf));
		assert_int_equal(mtkfwi_image_pass_sha256(&ip, path, IMAGE_PASS_FILE, sizeof(buf), 3072, got), 0);
		close(old);
	}
	/* An unreadable file is the caller's error, as without a pass. */
	assert_int_equal(mtkfwi_image_pass_want(&ip, path, IMAGE_PASS_FILE), 0);
	assert_true(mtkfwi_image_pass_checksum(&ip, "/nonexistent/x.img", &b16, &b32) < 0);
	mtkfwi_image_pass_free(&ip);
	mtkfwi_image_pass_free(&ip); /* twice is harmless */
	mtkfwi_image_pass_free(NULL);
	rm_rf(dir);
	free(dir);
}

/* A sparse image of RAW, DONT_CARE (a hole), FILL and RAW again, its first RAW chunk across
 * the pass's 1 MiB buffer boundary: hashed whole (DONT_CARE as zeros) it equals the SHA-256
 * of the expanded file; hashed as written on an erased range, the RAW and FILL chunks read
 * here one by one. */
static void sparse_ways(void **state)
{
	char *dir = make_tempdir(), raw[4200], img[4200], out[4300];
	size_t n = 3u << 20, len = 0;
	uint8_t *buf = malloc(n), *exp, want[32], got[32];
	struct image_pass ip = { 0 };
	mtkfw_sparse *s;
	mtkfw_sparse_stats st;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned k = 0;
	uint16_t a16, b16;
	uint32_t a32, b32;
	int fd;
	(void)state;

	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)((i * 2654435761u) >> 13);
	memset(buf + (1u << 20), 0, 512u << 10);
	memset(buf + (1536u << 10), 0xAB, 256u << 10);
	snprintf(raw, sizeof(raw), "%s/raw.img", dir);
	snprintf(img, sizeof(img), "%s/system.img", dir);
	snprintf(out, sizeof(out), "%s/expanded.img", dir);
	/* The zeros as a hole, so they become DONT_CARE. */
	fd = open(raw, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, buf, 1u << 20, 0), 1u << 20);
	assert_int_equal(pwrite(fd, buf + (1536u << 10), n - (1536u << 10), 1536u << 10), (ssize_t)(n - (1536u << 10)));
	close(fd);
	assert_int_equal(mtkfw_sparse_make(raw, img, 4096, NULL), 0);
	assert_int_equal(mtkfw_sparse_open(&s, img), 0);
	mtkfw_sparse_get_stats(&st, s);
	assert_true(st.raw_chunks >= 2 && st.fill_chunks >= 1 && st.dont_care_chunks >= 1);

	assert_int_equal(mtkfwi_image_pass_want(&ip, img, IMAGE_PASS_SPARSE_FULL), 0);
	assert_int_equal(mtkfwi_image_pass_want(&ip, img, IMAGE_PASS_SPARSE_DATA), 0);
	assert_int_equal(ip.count, 2);
	/* Each read hashes one way (the first not read yet); the sum is the sparse file's. */
	assert_int_equal(mtkfw_checksum_file(img, &a16, &a32), 0);
	assert_int_equal(mtkfwi_image_pass_checksum(&ip, img, &b16, &b32), 0);
	assert_int_equal(b32, a32);
	assert_int_equal(mtkfwi_image_pass_checksum(&ip, img, &b16, &b32), 0);
	assert_int_equal(b32, a32);

	/* Whole: the expanded file's hash, padded to a 512 multiple (it is one already). */
	assert_int_equal(mtkfw_sparse_expand(img, out, NULL), 0);
	exp = slurp(out, &len);
	assert_int_equal(len, n);
	assert_memory_equal(exp, buf, n);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, exp, len);
	EVP_DigestFinal_ex(md, want, &k);
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, img, IMAGE_PASS_SPARSE_FULL, n, n, got), 1);
	assert_memory_equal(got, want, 32);
	/* Written on an erased range: RAW and FILL only, in order. */
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (size_t i = 0; i < mtkfw_sparse_chunk_count(s); i++) {
		const mtkfw_sparse_chunk *c = mtkfw_sparse_chunk_at(s, i);

		if (c->type == MTKFW_SPARSE_RAW || c->type == MTKFW_SPARSE_FILL)
			EVP_DigestUpdate(md, exp + c->out_offset, c->out_len);
	}
	EVP_DigestFinal_ex(md, want, &k);
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, img, IMAGE_PASS_SPARSE_DATA, st.raw_bytes + st.fill_bytes,
					   st.raw_bytes + st.fill_bytes, got), 1);
	assert_memory_equal(got, want, 32);
	/* The byte count is the step's or there is no answer. */
	assert_int_equal(mtkfwi_image_pass_sha256(&ip, img, IMAGE_PASS_SPARSE_DATA, n, n, got), 0);
	mtkfwi_image_pass_free(&ip);

	/* A file that is not sparse is not taken for a sparse way. */
	assert_int_equal(mtkfwi_image_pass_want(&ip, raw, IMAGE_PASS_SPARSE_FULL), 0);
	assert_int_equal(ip.count, 0);
	EVP_MD_CTX_free(md);
	mtkfw_sparse_free(s);
	free(exp);
	free(buf);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sums_and_digest),
		cmocka_unit_test(sparse_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
