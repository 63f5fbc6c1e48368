/*
 * The phone's own partition table, read from its eMMC: MediaTek's PMT, kept 1 MiB below the end
 * of the user area less MBR_START (anchors spec §B.8; where MBR_START is unknown the usual values
 * are tried), parsed by lib/layout.
 */
#include "device/device_internal.h"
#include "device/layout_read.h"
#include "core/internal.h"

/* MBR_START values of MT65xx phones; 0 covers a PMT placed from the user area's own size. */
static const uint64_t pmt_mbr_starts[] = { 0x0, 0x600000, 0xC00000, 0x1400000 };

struct mem_sink {
	uint8_t *buf;
	size_t n, cap;
};

static int to_mem(const uint8_t *p, size_t n, void *user)
{
	struct mem_sink *m = user;

	if (n > m->cap - m->n)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "the DA sent more than asked");
	memcpy(m->buf + m->n, p, n);
	m->n += n;
	return 0;
}

int mtkfwi_device_read_mem(mtkfw_device *dev, mtkfw_area area, uint64_t off, uint8_t *buf, size_t n, mtkfw_ctx *ctx)
{
	struct mem_sink m = { buf, 0, n };

	/* Table sectors and signatures are too small to be worth a progress line. */
	(void)ctx;
	return mtkfw_device_read(dev, area, off, n, to_mem, &m, NULL);
}

int mtkfwi_device_find_pmt(mtkfw_device *dev, uint64_t *offset, mtkfw_ctx *ctx)
{
	uint8_t sig[4];
	int rc;

	for (size_t i = 0; i < sizeof(pmt_mbr_starts) / sizeof(pmt_mbr_starts[0]); i++) {
		uint64_t off;

		if (dev->info.user_size < 0x100000 + pmt_mbr_starts[i] + 2 * MTKFW_PMT_REGION_SIZE)
			continue;
		off = dev->info.user_size - 0x100000 - pmt_mbr_starts[i];
		if ((rc = mtkfwi_device_read_mem(dev, MTKFW_AREA_USER, off, sig, sizeof(sig), ctx)))
			return rc;
		/* "PTv1" / "MPT1" stored as little-endian words. */
		if (!memcmp(sig, "1vTP", 4) || !memcmp(sig, "1TPM", 4)) {
			*offset = off;
			return 0;
		}
	}
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "no PMT found on the phone's eMMC");
}

int mtkfw_device_read_pmt(mtkfw_layout **out, mtkfw_device *dev, mtkfw_ctx *ctx)
{
	uint8_t *region;
	uint64_t off;
	int rc;

	if (!out || !dev)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "read PMT: bad arguments");
	*out = NULL;
	if ((rc = mtkfwi_device_find_pmt(dev, &off, ctx)))
		return rc;
	if (!(region = malloc(MTKFW_PMT_REGION_SIZE)))
		return mtkfw_nomem();
	rc = mtkfwi_device_read_mem(dev, MTKFW_AREA_USER, off, region, MTKFW_PMT_REGION_SIZE, ctx);
	if (!rc)
		rc = mtkfw_pmt_parse(out, region, MTKFW_PMT_REGION_SIZE, "the phone's PMT");
	free(region);
	if (rc)
		return rc;
	/* mtkfw_pmt_parse gave area offsets (the MBR at user 0) whether the phone stored linear or
	 * user-relative ones; the end reservations need the device size. */
	return mtkfw_layout_resolve(*out, dev->info.user_size);
}
