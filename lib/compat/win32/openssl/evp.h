/*
 * The Windows build's <openssl/evp.h>: the part of OpenSSL's EVP digest API that mtkfw calls
 * (SHA-1 and SHA-256, one-shot and incremental, context copies), implemented over Windows' own
 * CNG (bcrypt.dll) by lib/core/evp_win32.c. Same names, types and return values (1 done, 0
 * failed) as OpenSSL 3, so domain code is the same on both systems.
 *
 * Why not OpenSSL itself: its libcrypto is some 600 files to cross-compile even trimmed, which
 * would double the Windows dependency build in CI, for ten functions that every Windows already
 * ships (CNG is Microsoft's maintained, FIPS-validated crypto library). A call outside this
 * list fails the Windows build at compile time: add it here, or cross-build libcrypto.
 */
#ifndef MTKFW_COMPAT_OPENSSL_EVP_H
#define MTKFW_COMPAT_OPENSSL_EVP_H

#include <stddef.h>

#define EVP_MAX_MD_SIZE 64

typedef struct evp_md_st EVP_MD;
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct engine_st ENGINE; /* always NULL */

const EVP_MD *EVP_sha1(void);
const EVP_MD *EVP_sha256(void);

EVP_MD_CTX *EVP_MD_CTX_new(void);
void EVP_MD_CTX_free(EVP_MD_CTX *ctx);
int EVP_MD_CTX_copy_ex(EVP_MD_CTX *out, const EVP_MD_CTX *in);

int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *data, size_t n);
int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *size);
int EVP_Digest(const void *data, size_t n, unsigned char *md, unsigned int *size, const EVP_MD *type,
	       ENGINE *impl);

#endif
