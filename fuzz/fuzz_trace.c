/* fuzz_trace: the text trace parser behind --replay (parse, write back, parse again: the same
 * host bytes, device bytes and ordering). */
#include "device/trace.h"
#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same(const struct replay *a, const struct replay *b)
{
	if (a->host_len != b->host_len || a->dev_len != b->dev_len)
		return false;
	if ((a->host_len && memcmp(a->host, b->host, a->host_len)) || (a->dev_len && memcmp(a->dev, b->dev, a->dev_len)))
		return false;
	/* Segments may split differently; what matters is each device byte's prerequisite. */
	for (size_t i = 0, j = 0; i < a->nsegs; i++) {
		for (size_t k = 0; k < a->segs[i].len; k++) {
			size_t pos = a->segs[i].start + k;

			while (j < b->nsegs && pos >= b->segs[j].start + b->segs[j].len)
				j++;
			if (j == b->nsegs || b->segs[j].host_before != a->segs[i].host_before)
				return false;
		}
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replay *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	char *text = NULL;
	size_t len;

	if (!a || !b)
		abort();
	if (mtkfwi_trace_parse(a, (const char *)data, size, "fuzz") == 0) {
		if (mtkfwi_trace_format(a, &text, &len) != 0)
			goto out;
		if (mtkfwi_trace_parse(b, text, len, "rewrite") != 0 || !same(a, b))
			abort();
	}
out:
	free(text);
	mtkfwi_replay_close(a);
	mtkfwi_replay_close(b);
	return 0;
}
