/*
 * PMT offsets on MT6572 are ptgen's linear addresses: the MBR entry sits at MBR_START and the
 * preloader's area (boot1) lies below it, as mtkfw_pmt_build and the sim write them. The layout
 * model wants each partition's area and its offset in that area, so the MBR entry becomes user
 * offset 0. mtkfw_pmt_parse calls it, so every PMT (a file, a readback, the phone's) is read with
 * the one addressing of ../shared/contracts.md; it only reads linear_start, so calling it again
 * changes nothing.
 */
#include "layout/layout_internal.h"

#include "core/internal.h"

int mtkfw_pmt_rebase_linear(mtkfw_layout *l)
{
	const struct mtkfw_partition *mbr;
	uint64_t origin;

	if (!l)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "PMT rebase: no layout");
	mbr = mtkfw_layout_find(l, "MBR");
	/* Without an MBR entry nothing says where user offset 0 is; one reserved at the end of the
	 * area says nothing either, so the addresses are then taken as user offsets. */
	if (!mbr)
		return 0;
	origin = mbr->end_relative ? 0 : mbr->linear_start;
	l->has_mbr_start = true;
	l->mbr_start = origin;
	l->mbr_start_guessed = false;
	for (size_t i = 0; i < l->count; i++) {
		struct mtkfw_partition *p = &l->parts[i];

		if (p->end_relative || !p->has_start)
			continue;
		p->area = p->linear_start < origin ? MTKFW_AREA_BOOT1 : MTKFW_AREA_USER;
		p->start = p->linear_start < origin ? p->linear_start : p->linear_start - origin;
	}
	return 0;
}
