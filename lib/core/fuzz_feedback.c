/* Extra coverage features for libFuzzer (see fuzz_feedback.h); empty outside fuzz builds. */
#include "core/fuzz_feedback.h"

#ifdef MTKFW_FUZZ_FEEDBACK
#include <stddef.h>

/* libFuzzer reads every byte of this section after each input as a coverage counter. */
__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t counters[1u << 13];

void fuzz_feature(enum fuzz_feature_kind kind, uint64_t value)
{
	uint64_t h = (value + 1) * UINT64_C(0x9E3779B97F4A7C15) ^ ((uint64_t)kind << 58);
	uint8_t *c;

	h ^= h >> 31;
	c = &counters[h % sizeof(counters)];
	if (*c != UINT8_MAX) /* libFuzzer buckets the counts too (1, 2, 3, 4-7 ...) */
		(*c)++;
}
#else
/* ISO C wants a translation unit to declare something. */
typedef int fuzz_feedback_unused;
#endif
