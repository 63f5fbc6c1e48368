/*
 * MediaTek's PMT on eMMC (kernel drivers/pmt/pmt.c for MT6572): a 0x1000-byte region kept about
 * 1 MiB below the end of the user area, with a mirror right after it. It opens with a signature
 * ("PTv1" or "MPT1" as a little-endian u32) and a 4-byte version, holds 0x58-byte entries
 * (name[64], u64 size, u64 offset, u64 mask_flags), and ends with a 4-byte pt_info and the
 * signature again. The offsets are ptgen's linear addresses (the MBR at MBR_START): they are
 * kept as stored in linear_start, and decoded into (area, start) like every other layout source
 * (mtkfw_pmt_rebase_linear), so a PMT and the scatter it came from compare equal.
 */
#include "layout/layout_internal.h"

#include "core/bytes.h"
#include "core/internal.h"

#include <stdio.h>

#define PT_SIG 0x50547631u  /* "PTv1" */
#define MPT_SIG 0x4D505431u /* "MPT1" */
#define HEAD 8              /* signature + version */
#define TAIL 8              /* pt_info + signature */

/* One pt_resident entry, described once for the reader and the writer. */
#define E_NAME 0
#define E_NAME_LEN 64
#define E_SIZE 64
#define E_OFFSET 72
#define E_MASK 80

int mtkfw_pmt_parse(mtkfw_layout **out, const uint8_t *d, size_t len, const char *name)
{
	const char *src = name ? name : "PMT";
	mtkfw_layout *l = NULL;
	uint32_t sig;
	int rc;

	*out = NULL;
	if (!d || len < MTKFW_PMT_REGION_SIZE)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, shorter than a 0x%x-byte PMT region", src,
				    d ? len : 0, MTKFW_PMT_REGION_SIZE);
	sig = rd_le32(d);
	if (sig != PT_SIG && sig != MPT_SIG)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no PTv1/MPT1 signature: not a PMT", src);
	if (rd_le32(d + MTKFW_PMT_REGION_SIZE - 4) != sig)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: the PMT's closing signature differs from its opening one",
				    src);
	if ((rc = mtkfw_layout_new(&l, MTKFW_LAYOUT_PMT)) != 0)
		return rc;
	if (!(l->source = mtkfw_strdup(src))) {
		rc = MTKFW_ERR_NOMEM;
		goto fail;
	}
	for (size_t off = HEAD; off + MTKFW_PMT_ENTRY_SIZE <= MTKFW_PMT_REGION_SIZE - TAIL;
	     off += MTKFW_PMT_ENTRY_SIZE) {
		const uint8_t *e = d + off;
		struct mtkfw_partition *p;
		size_t nl = 0;

		if (e[E_NAME] == 0)
			break; /* the first unnamed entry ends the table */
		while (nl < E_NAME_LEN && e[E_NAME + nl])
			nl++;
		if (nl == E_NAME_LEN) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: entry at 0x%zx: name not terminated", src, off);
			goto fail;
		}
		for (size_t i = 0; i < nl; i++) {
			if (e[E_NAME + i] < 0x20 || e[E_NAME + i] > 0x7e) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: entry at 0x%zx: name is not text", src, off);
				goto fail;
			}
		}
		if ((rc = mtkfw_layout_add(&p, l, NULL)) != 0)
			goto fail;
		if (!(p->name = mtkfw_strndup((const char *)e + E_NAME, nl))) {
			rc = MTKFW_ERR_NOMEM;
			goto fail;
		}
		p->has_size = true;
		p->size = rd_le64(e + E_SIZE);
		p->linear_start = rd_le64(e + E_OFFSET);
		p->mask_flags = rd_le64(e + E_MASK);
		p->area = MTKFW_AREA_USER;
		if (scatter_end_relative(p->linear_start)) {
			p->end_relative = true;
			p->end_offset = p->size;
		} else {
			p->has_start = true;
			p->start = p->linear_start;
		}
	}
	if (!l->count) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: the PMT holds no partition", src);
		goto fail;
	}
	if ((rc = mtkfw_pmt_rebase_linear(l)) != 0)
		goto fail;
	*out = l;
	return 0;
fail:
	mtkfw_layout_free(l);
	return rc;
}

int mtkfw_pmt_build(const mtkfw_layout *l, uint8_t *r, size_t rlen)
{
	size_t off = HEAD;

	if (rlen < MTKFW_PMT_REGION_SIZE)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "a PMT region needs 0x%x bytes", MTKFW_PMT_REGION_SIZE);
	memset(r, 0, MTKFW_PMT_REGION_SIZE);
	wr_le32(r, PT_SIG);
	memcpy(r + 4, "1.0", 4);
	wr_le32(r + MTKFW_PMT_REGION_SIZE - 4, PT_SIG);
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		size_t nl;

		if (!p->name || !*p->name)
			continue;
		if (off + MTKFW_PMT_ENTRY_SIZE > MTKFW_PMT_REGION_SIZE - TAIL)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "more partitions than a PMT region holds");
		nl = strlen(p->name);
		if (nl >= E_NAME_LEN)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: name too long for a PMT entry", p->name);
		memcpy(r + off + E_NAME, p->name, nl);
		wr_le64(r + off + E_SIZE, p->has_size ? p->size : p->end_offset);
		/* The source's own address: linear for a scatter, as stored for a PMT. */
		wr_le64(r + off + E_OFFSET, p->linear_start);
		wr_le64(r + off + E_MASK, p->mask_flags);
		off += MTKFW_PMT_ENTRY_SIZE;
	}
	return 0;
}
