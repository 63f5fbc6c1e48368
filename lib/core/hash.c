/* The library's digests (core/hash.h), over OpenSSL's EVP interface, every result checked. */
#include "core/hash.h"
#include "core/internal.h"

#include <openssl/evp.h>

struct mtkfw_hash {
	EVP_MD_CTX *md;
	const EVP_MD *type;
};

static int start(mtkfw_hash *h)
{
	return EVP_DigestInit_ex(h->md, h->type, NULL) == 1 ? 0 : mtkfw_seterr(MTKFW_ERR_NOMEM, "digest: cannot start");
}

int mtkfw_hash_new(mtkfw_hash **out, int kind)
{
	mtkfw_hash *h;

	*out = NULL;
	if (!(h = mtkfw_calloc(1, sizeof(*h))))
		return MTKFW_ERR_NOMEM;
	h->type = kind == MTKFW_HASH_SHA1 ? EVP_sha1() : EVP_sha256();
	if (!(h->md = EVP_MD_CTX_new()) || start(h)) {
		mtkfw_hash_free(h);
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "digest: cannot start");
	}
	*out = h;
	return 0;
}

int mtkfw_hash_copy(mtkfw_hash **out, const mtkfw_hash *h)
{
	mtkfw_hash *c;

	*out = NULL;
	if (!(c = mtkfw_calloc(1, sizeof(*c))))
		return MTKFW_ERR_NOMEM;
	c->type = h->type;
	if (!(c->md = EVP_MD_CTX_new()) || EVP_MD_CTX_copy_ex(c->md, h->md) != 1) {
		mtkfw_hash_free(c);
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "digest: cannot copy");
	}
	*out = c;
	return 0;
}

int mtkfw_hash_update(mtkfw_hash *h, const void *data, size_t n)
{
	if (!n)
		return 0;
	return EVP_DigestUpdate(h->md, data, n) == 1 ? 0 : mtkfw_seterr(MTKFW_ERR_NOMEM, "digest: cannot take data");
}

int mtkfw_hash_final(mtkfw_hash *h, uint8_t *out)
{
	unsigned n = 0;

	if (EVP_DigestFinal_ex(h->md, out, &n) != 1)
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "digest: cannot finish");
	return start(h);
}

void mtkfw_hash_free(mtkfw_hash *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->md);
	free(h);
}

int mtkfw_sha256(uint8_t out[32], const void *data, size_t n)
{
	mtkfw_hash *h;
	int rc;

	if ((rc = mtkfw_hash_new(&h, MTKFW_HASH_SHA256)))
		return rc;
	if (!(rc = mtkfw_hash_update(h, data, n)))
		rc = mtkfw_hash_final(h, out);
	mtkfw_hash_free(h);
	return rc;
}
