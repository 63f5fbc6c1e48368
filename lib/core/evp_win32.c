/*
 * SHA-1 and SHA-256 through OpenSSL's EVP names, over Windows' CNG (bcrypt.dll): what
 * lib/compat/win32/openssl/evp.h declares and says why. One algorithm provider per digest is
 * opened once per process (InitOnce: thread-safe) and kept; every context owns a CNG hash.
 */
#include <windows.h>
#include <bcrypt.h>

#include <openssl/evp.h>

#include <stdlib.h>
#include <string.h>

struct evp_md_st {
	const wchar_t *alg;
	unsigned size;
	INIT_ONCE once;
	BCRYPT_ALG_HANDLE provider;
};

struct evp_md_ctx_st {
	const EVP_MD *md;
	BCRYPT_HASH_HANDLE hash;
};

static EVP_MD md_sha1 = { BCRYPT_SHA1_ALGORITHM, 20, INIT_ONCE_STATIC_INIT, NULL };
static EVP_MD md_sha256 = { BCRYPT_SHA256_ALGORITHM, 32, INIT_ONCE_STATIC_INIT, NULL };

const EVP_MD *EVP_sha1(void)
{
	return &md_sha1;
}

const EVP_MD *EVP_sha256(void)
{
	return &md_sha256;
}

static BOOL CALLBACK open_provider(INIT_ONCE *once, void *param, void **ctx)
{
	EVP_MD *md = param;

	(void)once;
	(void)ctx;
	return BCryptOpenAlgorithmProvider(&md->provider, md->alg, NULL, 0) >= 0;
}

static BCRYPT_ALG_HANDLE provider_of(const EVP_MD *type)
{
	EVP_MD *md = (EVP_MD *)type;

	return InitOnceExecuteOnce(&md->once, open_provider, md, NULL) ? md->provider : NULL;
}

EVP_MD_CTX *EVP_MD_CTX_new(void)
{
	return calloc(1, sizeof(EVP_MD_CTX));
}

static void drop_hash(EVP_MD_CTX *ctx)
{
	if (ctx->hash)
		BCryptDestroyHash(ctx->hash);
	ctx->hash = NULL;
}

void EVP_MD_CTX_free(EVP_MD_CTX *ctx)
{
	if (!ctx)
		return;
	drop_hash(ctx);
	free(ctx);
}

int EVP_MD_CTX_copy_ex(EVP_MD_CTX *out, const EVP_MD_CTX *in)
{
	if (!out || !in || !in->hash)
		return 0;
	drop_hash(out);
	out->md = in->md;
	return BCryptDuplicateHash(in->hash, &out->hash, NULL, 0, 0) >= 0;
}

int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl)
{
	BCRYPT_ALG_HANDLE p;

	(void)impl;
	if (!ctx || !type || !(p = provider_of(type)))
		return 0;
	drop_hash(ctx);
	ctx->md = type;
	/* No object buffer: CNG keeps the hash state itself (Windows 7 and later). */
	return BCryptCreateHash(p, &ctx->hash, NULL, 0, NULL, 0, 0) >= 0;
}

int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *data, size_t n)
{
	const unsigned char *p = data;

	if (!ctx || !ctx->hash)
		return 0;
	while (n) {
		ULONG part = n > 0x40000000u ? 0x40000000u : (ULONG)n;

		if (BCryptHashData(ctx->hash, (PUCHAR)p, part, 0) < 0)
			return 0;
		p += part;
		n -= part;
	}
	return 1;
}

int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *size)
{
	int ok;

	if (!ctx || !ctx->hash || !md)
		return 0;
	ok = BCryptFinishHash(ctx->hash, md, ctx->md->size, 0) >= 0;
	/* As OpenSSL's: the context needs a new Init before it hashes again. */
	drop_hash(ctx);
	if (ok && size)
		*size = ctx->md->size;
	return ok;
}

int EVP_Digest(const void *data, size_t n, unsigned char *md, unsigned int *size, const EVP_MD *type,
	       ENGINE *impl)
{
	EVP_MD_CTX ctx = { 0 };
	int ok = EVP_DigestInit_ex(&ctx, type, impl) && EVP_DigestUpdate(&ctx, data, n) &&
		 EVP_DigestFinal_ex(&ctx, md, size);

	drop_hash(&ctx);
	return ok;
}
