/*
 * An eMMC CID as the EMI rows are looked up by it: every id length an EMI entry may compare
 * (1 to 16 bytes), in the card's byte order and in the word-reversed order the DA reports it
 * in — what mtkfw_emi_match_cid accepts, as SQL values.
 */
#include "core/internal.h"
#include "catalog/catalog_internal.h"

size_t mtkfwi_cat_cid_ids(const uint8_t cid[16], char ids[CAT_CID_IDS][33])
{
	uint8_t swapped[16];
	size_t n = 0;

	for (int w = 0; w < 4; w++)
		for (int b = 0; b < 4; b++)
			swapped[4 * w + b] = cid[4 * w + 3 - b];
	for (size_t len = 1; len <= 16; len++)
		for (int order = 0; order < 2; order++) {
			char hex[33];
			bool seen = false;

			mtkfwi_cat_hex(hex, order ? swapped : cid, len);
			for (size_t i = 0; i < n && !seen; i++)
				seen = strcmp(ids[i], hex) == 0;
			if (!seen)
				memcpy(ids[n++], hex, 33);
		}
	return n;
}
