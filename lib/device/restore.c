/*
 * Restore of an identity backup: only onto the phone it came from, only from files that still
 * match their SHA-256 (all checked before the first write), and every range read back after
 * writing, because writes have been seen to "succeed" and leave a partition unchanged.
 */
#include "device/device_internal.h"
#include "device/backup.h"
#include "device/verify.h"
#include "core/bytes.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/hex.h"
#include "core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <strings.h>

#define SECTOR 512

bool mtkfwi_backup_selected(const char *only, const char *name)
{
	return !only || mtkfw_name_in_list(only, name);
}

int mtkfwi_backup_file_sha256(const char *path, uint64_t size, uint8_t *sha)
{
	uint8_t buf[1 << 16];
	mtkfw_hash *md = NULL;
	FILE *f = mtkfw_fopen_input(path);
	uint64_t got = 0;
	size_t n;
	int rc = 0;

	if (!f || (rc = mtkfw_hash_new(&md, MTKFW_HASH_SHA256))) {
		rc = f ? rc : mtkfw_error_last()->code;
		goto out;
	}
	while (!rc && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		rc = mtkfw_hash_update(md, buf, n);
		got += n;
	}
	if (!rc && got != size)
		rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: %llu bytes, the manifest says %llu", path,
				  (unsigned long long)got, (unsigned long long)size);
	else if (!rc)
		rc = mtkfw_hash_final(md, sha);
out:
	if (f)
		fclose(f);
	mtkfw_hash_free(md);
	return rc;
}

struct file_src {
	FILE *f;
};

static int from_file(uint8_t *buf, size_t n, void *user)
{
	struct file_src *s = user;

	if (fread(buf, 1, n, s->f) != n)
		return mtkfw_seterr(MTKFW_ERR_IO, "a backup file ended early");
	return 0;
}

/* One item put back from its file; also the rewrite that verify.c may ask for. */
struct put {
	mtkfw_device *dev;
	const struct mtkfw_backup_item *it;
	const char *path;
	mtkfw_ctx *ctx;
};

static int put_item(void *user)
{
	struct put *p = user;
	struct file_src src = { NULL };
	char stage[MTKFW_PART_NAME_MAX + 8];
	int rc;

	if (!(src.f = mtkfw_fopen_input(p->path)))
		return mtkfw_error_last()->code;
	snprintf(stage, sizeof(stage), "write %s", p->it->name);
	rc = mtkfwi_device_write_staged(p->dev, p->it->area, p->it->offset, p->it->size, from_file, &src, stage, p->ctx);
	fclose(src.f);
	return rc;
}

int mtkfw_device_restore(mtkfw_device *dev, const struct mtkfw_backup *b, const char *only, mtkfw_ctx *ctx)
{
	char **paths;
	size_t chosen = 0;
	int rc = 0;

	if (!dev || !b)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "restore: bad arguments");
	if (dev->info.stage < MTKFW_STAGE_DA2)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "restore: the DA is not running");
	if (memcmp(b->cid, dev->info.cid, 16) != 0) {
		char a[33], p[33];

		mtkfw_hex_encode(a, b->cid, 16);
		mtkfw_hex_encode(p, dev->info.cid, 16);
		/* An identity (IMEI) only ever goes back to the phone it came from. */
		return mtkfw_seterr(MTKFW_ERR_REFUSED,
				    "the backup is of eMMC %s, this phone has %s: mtkfw restores a phone's own "
				    "backup only", a, p);
	}
	if (!(paths = mtkfw_calloc(b->count ? b->count : 1, sizeof(*paths))))
		return MTKFW_ERR_NOMEM;
	/* Check everything before the first write: a bad file must not leave a half restore. */
	for (size_t i = 0; !rc && i < b->count; i++) {
		const struct mtkfw_backup_item *it = &b->items[i];
		uint8_t sha[32];
		uint64_t end, size;

		if (!mtkfwi_backup_selected(only, it->name))
			continue;
		chosen++;
		size = it->area == MTKFW_AREA_USER ? dev->info.user_size : dev->info.boot1_size;
		if (!add_ok(it->offset, it->size, &end) || end > size || it->offset % SECTOR || it->size % SECTOR) {
			rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: the range 0x%llx+0x%llx does not fit this phone's %s area",
					  it->name, (unsigned long long)it->offset, (unsigned long long)it->size,
					  mtkfw_area_name(it->area));
			break;
		}
		if ((rc = mtkfw_path_under(b->dir, it->file, &paths[i])) || (rc = mtkfwi_backup_file_sha256(paths[i], it->size, sha)))
			break;
		if (memcmp(sha, it->sha256, 32) != 0)
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: the file changed since the backup (SHA-256 differs)",
					  paths[i]);
	}
	if (!rc && !chosen)
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "restore: --only names nothing in this backup");
	for (size_t i = 0; !rc && i < b->count; i++) {
		const struct mtkfw_backup_item *it = &b->items[i];
		struct put p = { dev, it, paths[i], ctx };
		char stage[MTKFW_PART_NAME_MAX + 8];
		uint8_t sha[32];

		if (!paths[i])
			continue;
		/* Verify: writes have been seen to "succeed" and leave the partition unchanged; a
		 * card that keeps nothing is named as such (verify.c), after one rewrite at most. */
		snprintf(stage, sizeof(stage), "verify %s", it->name);
		if (!(rc = put_item(&p)) && !(rc = mtkfwi_device_range_sha256(dev, it->area, it->offset, it->size, sha, stage, ctx)) &&
		    memcmp(sha, it->sha256, 32) != 0)
			rc = mtkfwi_device_diagnose_write(dev, it->name, it->area, it->offset, it->size, it->sha256, sha, put_item, &p,
						   ctx);
		if (rc && rc != MTKFW_ERR_READONLY)
			mtkfw_seterr_prefix(it->name);
	}
	for (size_t i = 0; i < b->count; i++)
		free(paths[i]);
	free(paths);
	return rc;
}
