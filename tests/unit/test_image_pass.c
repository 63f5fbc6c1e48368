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
		assert_int_equal(image_pass_checksum(NULL, path, &a16, &a32), 0);
		assert_int_equal(a32, hand);
		assert_int_equal(a16, (uint16_t)hand);
	}
	assert_int_equal(image_pass_want(&ip, path), 0);
	assert_int_equal(image_pass_want(&ip, alias), 0); /* the same file once */
	assert_int_equal(ip.count, 1);
	assert_int_equal(image_pass_want(&ip, "/nonexistent/x.img"), 0); /* left out, no error */
	assert_int_equal(ip.count, 1);
	/* Before the read there is nothing to give. */
	assert_int_equal(image_pass_sha256(&ip, path, sizeof(buf), 3072, got), 0);
	assert_int_equal(image_pass_checksum(&ip, alias, &b16, &b32), 0);
	assert_int_equal(b16, a16);
	assert_int_equal(b32, a32);
	/* 3000 bytes padded to 3072 (the 512-byte length), asked for by another spelling. */
	sha_padded(buf, sizeof(buf), 3072, want);
	assert_int_equal(image_pass_sha256(&ip, path, sizeof(buf), 3072, got), 1);
	assert_memory_equal(got, want, 32);
	/* Asked again (a second step of the same file): the same answer. */
	memset(got, 0, sizeof(got));
	assert_int_equal(image_pass_sha256(&ip, alias, sizeof(buf), 3072, got), 1);
	assert_memory_equal(got, want, 32);
	/* A size the pass did not read, a length below the size, a file not asked for: no answer. */
	assert_int_equal(image_pass_sha256(&ip, path, sizeof(buf) - 1, 3072, got), 0);
	assert_int_equal(image_pass_sha256(&ip, path, sizeof(buf), 100, got), 0);
	assert_int_equal(image_pass_checksum(&ip, other, &b16, &b32), 0);
	assert_int_equal(image_pass_sha256(&ip, other, 100, 512, got), 0);
	assert_int_equal(image_pass_sha256(NULL, path, sizeof(buf), 3072, got), 0);
	/* The file replaced by another after the read: not this pass's file. The old one is held
	 * open so the new one cannot reuse its inode number. */
	{
		int old = open(path, O_RDONLY);

		assert_true(old >= 0);
		unlink(path);
		write_file(path, buf, sizeof(buf));
		assert_int_equal(image_pass_sha256(&ip, path, sizeof(buf), 3072, got), 0);
		close(old);
	}
	/* An unreadable file is the caller's error, as without a pass. */
	assert_int_equal(image_pass_want(&ip, path), 0);
	assert_true(image_pass_checksum(&ip, "/nonexistent/x.img", &b16, &b32) < 0);
	image_pass_free(&ip);
	image_pass_free(&ip); /* twice is harmless */
	image_pass_free(NULL);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sums_and_digest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
