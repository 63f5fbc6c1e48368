/* The ext4 inside a phone partition, read through the DA with a window cache (part_fs.h).
 * Used by the backup's /data/nvram and radio copies and by the identity check after a write. */
#include "device/part_fs.h"
#include "device/layout_read.h"
#include "core/internal.h"

#include <stdio.h>

static int load_window(struct part_fs *c, uint64_t off, size_t *slot)
{
	size_t use = 0;
	uint64_t start = off - off % PART_FS_WINDOW;
	size_t len = c->size - start < PART_FS_WINDOW ? (size_t)(c->size - start) : PART_FS_WINDOW;
	int rc;

	for (size_t i = 0; i < PART_FS_WINDOWS; i++) {
		if (c->win[i].stamp && c->win[i].off == start) {
			c->win[i].stamp = ++c->clock;
			*slot = i;
			return 0;
		}
		if (c->win[i].stamp < c->win[use].stamp)
			use = i;
	}
	if (!c->win[use].buf && !(c->win[use].buf = malloc(PART_FS_WINDOW)))
		return mtkfw_nomem();
	c->win[use].stamp = 0; /* empty until the read succeeds */
	c->reads++;
	if ((rc = mtkfwi_device_read_mem(c->dev, MTKFW_AREA_USER, c->base + start, c->win[use].buf, len, NULL)))
		return c->failed = rc;
	c->win[use].off = start;
	c->win[use].len = len;
	c->win[use].stamp = ++c->clock;
	*slot = use;
	return 0;
}

static int da_read(void *user, uint64_t off, void *buf, size_t n)
{
	struct part_fs *c = user;
	uint8_t *p = buf;

	if (off > c->size || n > c->size - off)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "read past the partition's end");
	while (n) {
		size_t slot = 0, at, k;
		int rc = load_window(c, off, &slot);

		if (rc)
			return rc;
		at = (size_t)(off - c->win[slot].off);
		k = c->win[slot].len - at < n ? c->win[slot].len - at : n;
		memcpy(p, c->win[slot].buf + at, k);
		p += k;
		off += k;
		n -= k;
	}
	return 0;
}

int mtkfwi_part_fs_open(struct part_fs *pf, mtkfw_device *dev, const struct mtkfw_partition *p, const char *label)
{
	const struct mtkfw_device_info *in = mtkfw_device_info(dev);
	int rc;

	memset(pf, 0, sizeof(*pf));
	pf->dev = dev;
	if (!p || !p->has_start || !p->has_size || !p->size || p->area != MTKFW_AREA_USER)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "the layout gives no %s in the user area", label);
	if (p->start > in->user_size || p->size > in->user_size - p->start)
		return mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s (0x%llx+0x%llx) lies outside this phone's user area", label,
				    (unsigned long long)p->start, (unsigned long long)p->size);
	pf->base = p->start;
	pf->size = p->size;
	rc = mtkfw_ext4_open_reader(&pf->fs, da_read, pf, pf->size, label);
	if (rc && !pf->failed && rc != MTKFW_ERR_NOMEM) {
		char what[MTKFW_PART_NAME_MAX + 64];

		snprintf(what, sizeof(what), "%s holds no readable ext4 (encrypted, blank or erased?)", label);
		return mtkfw_seterr_prefix(what);
	}
	return rc;
}

void mtkfwi_part_fs_close(struct part_fs *pf)
{
	mtkfw_ext4_free(pf->fs);
	pf->fs = NULL;
	for (size_t i = 0; i < PART_FS_WINDOWS; i++) {
		free(pf->win[i].buf);
		pf->win[i].buf = NULL;
	}
}
