/*
 * Coverage the fuzzer cannot see by itself. libarchive and libext2fs are the system's
 * libraries, built without coverage instrumentation: libFuzzer sees only our side of them,
 * and cannot tell an input that led libext2fs into an inode table from one refused at the
 * superblock, so it stops steering at their door and its coverage figures understate what
 * runs. In fuzz builds (MTKFW_FUZZ_FEEDBACK, set by fuzz/CMakeLists.txt) the places where
 * their input passes through our code (the ext4 io manager's reads, each cpio header
 * libarchive hands back) mark features in libFuzzer's extra-counters section, which it
 * reads as coverage. In every other build the calls are empty and vanish.
 */
#ifndef MTKFW_CORE_FUZZ_FEEDBACK_H
#define MTKFW_CORE_FUZZ_FEEDBACK_H

#include <stdint.h>

enum fuzz_feature_kind {
	FUZZ_EXT4_READ = 1,  /* a block range libext2fs asked for */
	FUZZ_CPIO_ENTRY = 2, /* a member header libarchive parsed: index, type */
	FUZZ_CPIO_POS = 3,   /* how far into the archive libarchive got (log2 of bytes) */
	FUZZ_CPIO_END = 4,   /* how the walk ended: status and libarchive's errno */
};

#ifdef MTKFW_FUZZ_FEEDBACK
void fuzz_feature(enum fuzz_feature_kind kind, uint64_t value);
#else
static inline void fuzz_feature(enum fuzz_feature_kind kind, uint64_t value)
{
	(void)kind, (void)value;
}
#endif

/* A value folded to a small range: itself below 64, then one step per power of two, so
 * a hostile block number makes one feature, not millions. */
static inline uint64_t fuzz_bucket(uint64_t v)
{
	unsigned lg = 0;

	if (v < 64)
		return v;
	while (v >> lg)
		lg++;
	return 64 + lg;
}

#endif
