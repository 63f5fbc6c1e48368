/* A client that sees only the installed public header and the shared library's exported
 * symbols: proves the public API is self-contained. */
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
	mtkfw_ctx *ctx = NULL;
	uint64_t v = 0;

	if (mtkfw_ctx_new(&ctx) != 0 || !ctx)
		return 1;
	mtkfw_ctx_free(ctx);
	if (mtkfw_parse_size(&v, "0x10K") != 0 || v != 0x4000)
		return 1;
	if (mtkfw_parse_size(&v, "junk") != MTKFW_ERR_FORMAT || !*mtkfw_error_last()->message)
		return 1;
	if (strlen(mtkfw_version()) < 5)
		return 1;
	printf("external client ok: mtkfw %s\n", mtkfw_version());
	return 0;
}
