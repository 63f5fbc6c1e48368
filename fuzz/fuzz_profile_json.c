/* Saved profile (JSON): parse, write back, parse again; the two writes must be the same text. */
#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtkfw_profile p, q;
	char *j1 = NULL, *j2 = NULL;

	if (mtkfw_profile_from_json(&p, (const char *)data, size, "fuzz") != 0)
		return 0;
	if (mtkfw_profile_to_json(&j1, &p, "fuzz") == 0) {
		if (mtkfw_profile_from_json(&q, j1, strlen(j1), "rewrite") != 0)
			abort(); /* what we write we must read */
		if (mtkfw_profile_to_json(&j2, &q, "fuzz") == 0 && strcmp(j1, j2) != 0)
			abort(); /* and the second trip changes nothing */
		mtkfw_profile_clear(&q);
	}
	free(j1);
	free(j2);
	mtkfw_profile_clear(&p);
	return 0;
}
