/* EMI block: parse, write back, parse again; the rewrite must equal the parsed bytes. */
#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_emi emi, again;
	struct mtkfw_emi_match m;
	uint8_t *out;
	size_t len;

	if (mtkfw_emi_parse(&emi, data, size, "fuzz") != 0)
		return 0;
	if (mtkfw_emi_build(&out, &len, &emi) == 0) {
		if (len != emi.length || memcmp(out, data, len) != 0)
			abort(); /* parse → write must be byte-identical */
		if (mtkfw_emi_parse(&again, out, len, "rewrite") != 0 || again.count != emi.count)
			abort();
		mtkfw_emi_clear(&again);
		free(out);
	}
	if (size >= 16)
		mtkfw_emi_match_cid(&m, &emi, data);
	mtkfw_emi_clear(&emi);
	return 0;
}
