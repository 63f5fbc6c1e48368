/*
 * mtkfw — what a phone claims against what it is. "Do not trust the sticker on the back or the
 * About Phone settings": clones put another chip, more memory and another brand into their
 * build.prop. When a phone's own build.prop is known (a readback, a backup with its system, a
 * phone on the cable), its claims are put beside the hardware: the platform against the chip
 * the phone reported, the RAM against what the DA set up or the DRAM size of the phone's own EMI
 * entry for its eMMC, the storage against the eMMC's user area, and brand and model against the
 * board's own names (the preloader's and the scatter's project). Comparisons only: a claim is
 * listed when both sides are known.
 */
#ifndef MTKFW_CLAIMS_H
#define MTKFW_CLAIMS_H

#include "common.h"
#include "compat.h"

#ifdef __cplusplus
extern "C" {
#endif

struct mtkfw_claim {
	const char *field; /* "platform", "ram", "storage", "model" (static strings) */
	char *claimed;     /* as build.prop says it ("MT6582", "2GB", "samsung SM-G900H") */
	char *found;       /* what the hardware says ("MT6572", "512 MiB", "bird72_cwet_a_kk") */
	bool agrees;
};

struct mtkfw_claims {
	struct mtkfw_claim *items;
	size_t count;
	/* One line when the platform, RAM or storage claims disagree with the hardware ("About
	 * Phone claims MT6582, 2GB; the hardware is MT6572 with 512 MiB: a relabelled clone —
	 * match by the hardware"); NULL when they agree or cannot be compared. */
	char *summary;
	bool clone; /* summary is set: rank and judge by the hardware alone */
};

/* Compare the claims of `t`'s build.prop with its hardware (nothing to compare is no error). */
MTKFW_API int mtkfw_claims_check(struct mtkfw_claims *out, const struct mtkfw_target *t);
MTKFW_API void mtkfw_claims_clear(struct mtkfw_claims *c);

/* A size as About Phone and build.prop write it: "2GB", "512 MB", "1.5G", "3g", "8192M"; bytes
 * in *out (GB = 2^30 with `binary`, 10^9 otherwise, as eMMC makers count). FORMAT when the text
 * is not one. */
MTKFW_API int mtkfw_claims_parse_size(const char *text, bool binary, uint64_t *out);

#ifdef __cplusplus
}
#endif
#endif
