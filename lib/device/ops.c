/*
 * Operations on a running DA2: readback of ranges into files (atomic, SHA-256 computed as the
 * bytes arrive, so a dump is never read twice) and the full dump of boot1 and the user area
 * with its manifest.json.
 */
#include "device/device_internal.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"
#include "core/outdir.h"

#include <mtkfw/manifest.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct file_sink {
	struct mtkfw_atomic f;
	mtkfw_hash *md;
	uint64_t written, flushed;
};

/* Start writing a dump out to the disk every few MiB as it arrives: the fsync before the rename
 * then has little left to wait for, and a dump of gigabytes never piles up as dirty pages. */
#define FLUSH_EVERY (8u << 20)

/* Zero runs of a dump (erased or never written eMMC: most of a phone's user area) become holes
 * in the file, in blocks of this size: the file reads back the same and takes no room for them. */
#define HOLE_BLOCK 4096u

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Write `n` bytes at the file position, seeking over whole zero blocks instead of writing them;
 * the file's length is set at the end (sink_finish), so a trailing hole still counts. */
static int write_with_holes(struct file_sink *s, const uint8_t *data, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t b = n - i < HOLE_BLOCK ? n - i : HOLE_BLOCK, run = 0;
		int rc;

		if (all_zero(data + i, b)) {
			while (i + run < n) {
				size_t k = n - i - run < HOLE_BLOCK ? n - i - run : HOLE_BLOCK;

				if (!all_zero(data + i + run, k))
					break;
				run += k;
			}
			if (lseek(s->f.fd, (off_t)run, SEEK_CUR) < 0)
				return mtkfw_seterr(MTKFW_ERR_IO, "%s: seek failed: %s", s->f.path, strerror(errno));
		} else {
			while (i + run < n) {
				size_t k = n - i - run < HOLE_BLOCK ? n - i - run : HOLE_BLOCK;

				if (run && all_zero(data + i + run, k))
					break;
				run += k;
			}
			if ((rc = mtkfw_atomic_write(&s->f, data + i, run)))
				return rc;
		}
		i += run;
	}
	return 0;
}

static int sink_finish(struct file_sink *s)
{
	if (ftruncate(s->f.fd, (off_t)s->written) != 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot set its length: %s", s->f.path, strerror(errno));
	return 0;
}

static int to_file(const uint8_t *data, size_t n, void *user)
{
	struct file_sink *s = user;
	int rc;

	if (mtkfw_hash_update(s->md, data, n) != 0)
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "SHA-256 failed");
	if ((rc = write_with_holes(s, data, n)))
		return rc;
	s->written += n;
#ifdef SYNC_FILE_RANGE_WRITE
	if (s->written - s->flushed >= FLUSH_EVERY) {
		/* Only a hint (it starts the writes, waits for none): a failure changes nothing. */
		(void)sync_file_range(s->f.fd, (off_t)s->flushed, (off_t)(s->written - s->flushed), SYNC_FILE_RANGE_WRITE);
		s->flushed = s->written;
	}
#endif
	return 0;
}

int mtkfw_device_read_to_file(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len,
			      const char *path, uint8_t *sha256, mtkfw_ctx *ctx)
{
	return mtkfwi_device_read_to_file_staged(dev, area, offset, len, path, sha256, NULL, ctx);
}

int mtkfwi_device_read_to_file_staged(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, const char *path,
			       uint8_t *sha256, const char *stage, mtkfw_ctx *ctx)
{
	struct file_sink s = { .f = { .fd = -1 } };
	uint8_t md[MTKFW_HASH_MAX];
	int rc;

	if (!dev || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "readback: bad arguments");
	if (mtkfw_hash_new(&s.md, MTKFW_HASH_SHA256) != 0)
		return MTKFW_ERR_NOMEM;
	rc = mtkfw_atomic_open(&s.f, path);
	if (!rc)
		rc = mtkfwi_device_read_staged(dev, area, offset, len, to_file, &s, stage, ctx);
	if (!rc && mtkfw_hash_final(s.md, md) != 0)
		rc = mtkfw_seterr(MTKFW_ERR_NOMEM, "SHA-256 failed");
	if (!rc)
		rc = sink_finish(&s);
	if (!rc)
		rc = mtkfw_atomic_commit(&s.f);
	else
		mtkfw_atomic_abort(&s.f);
	mtkfw_hash_free(s.md);
	if (!rc && sha256)
		memcpy(sha256, md, 32);
	return rc;
}

static int make_dir(const char *dir)
{
	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create the folder: %s", dir, strerror(errno));
}

static int dump_into(mtkfw_device *dev, const char *dir, mtkfw_ctx *ctx)
{
	static const struct {
		const char *file;
		mtkfw_area area;
	} parts[] = { { "boot1.img", MTKFW_AREA_BOOT1 }, { "user.img", MTKFW_AREA_USER } };
	mtkfw_manifest *m = NULL;
	mtkfw_layout *pmt = NULL;
	int rc;

	if ((rc = make_dir(dir)) || (rc = mtkfw_manifest_new(&m, MTKFW_MANIFEST_DUMP)))
		return rc;
	snprintf(m->chip, sizeof(m->chip), "%s", dev->info.chip ? dev->info.chip : "");
	memcpy(m->cid, dev->info.cid, 16);
	m->has_cid = true;
	m->boot1_size = dev->info.boot1_size;
	m->user_size = dev->info.user_size;
	for (size_t i = 0; !rc && i < sizeof(parts) / sizeof(parts[0]); i++) {
		struct mtkfw_manifest_item it = { .area = parts[i].area, .offset = 0 };
		char *path = mtkfw_path_join(dir, parts[i].file);

		if (!path) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		/* The range is named after the area it holds whole. */
		snprintf(it.name, sizeof(it.name), "%s", mtkfw_area_name(parts[i].area));
		snprintf(it.file, sizeof(it.file), "%s", parts[i].file);
		it.size = parts[i].area == MTKFW_AREA_USER ? dev->info.user_size : dev->info.boot1_size;
		rc = mtkfw_device_read_to_file(dev, parts[i].area, 0, it.size, path, it.sha256, ctx);
		free(path);
		if (rc)
			mtkfw_seterr_prefix(parts[i].file);
		else
			rc = mtkfw_manifest_add_item(m, &it);
	}
	/* Where the partitions are, for readers that have no scatter: the phone's own PMT. */
	if (!rc && (rc = mtkfw_device_read_pmt(&pmt, dev, ctx)) == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		rc = 0;
	}
	if (!rc)
		rc = mtkfw_manifest_set_layout(m, pmt);
	if (!rc)
		rc = mtkfw_manifest_save(m, dir);
	mtkfw_layout_free(pmt);
	mtkfw_manifest_free(m);
	return rc;
}

int mtkfw_device_dump_all(mtkfw_device *dev, const char *dir, mtkfw_ctx *ctx)
{
	struct mtkfw_outdir od;
	struct stat st;
	int rc;

	if (!dev || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "dump: bad arguments");
	/* A folder that does not exist yet is whole or absent: built beside it, renamed at the end
	 * (an existing one, the user's, is written into, the manifest last). */
	if (lstat(dir, &st) == 0)
		return dump_into(dev, dir, ctx);
	if ((rc = mtkfw_outdir_open(&od, dir, false)))
		return rc;
	if ((rc = dump_into(dev, od.tmp, ctx)) == 0)
		return mtkfw_outdir_commit(&od, 0755);
	mtkfw_outdir_name_output(&od);
	mtkfw_outdir_abort(&od);
	return rc;
}
