/*
 * Running a flash plan: identity backup first, then each step written and read back for a
 * SHA-256 comparison, identity put back after a format, and the journal rewritten after every
 * state change so that a dropped link costs at most the step it hit.
 */
#include "device/device_internal.h"
#include "device/flash_internal.h"
#include "device/verify.h"
#include "device/backup.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"

#include <stdio.h>
#include <strings.h>
#include <unistd.h>

struct run {
	mtkfw_device *dev;
	const struct mtkfw_flash_step *st;
	struct flash_source src;
	uint64_t pos, sent;
	char stage[MTKFW_PART_NAME_MAX + 16];
	mtkfw_ctx *ctx;
};

/* Packets are pulled from here; progress counts over the whole step (a sparse image's extents
 * make one bar, not one per extent), so the DA layer reports none of its own. */
static int from_source(uint8_t *buf, size_t n, void *user)
{
	struct run *r = user;
	int rc = mtkfwi_flash_source_pread(&r->src, buf, n, r->pos);

	r->pos += n;
	if (!rc && (rc = mtkfw_progress(r->ctx, r->stage, r->sent, r->st->payload)) == 0)
		r->sent += n;
	return rc;
}

static int write_extent(uint64_t off, uint64_t len, void *user)
{
	struct run *r = user;

	r->pos = off;
	return mtkfwi_device_write_staged(r->dev, r->st->area, r->st->offset + off, len, from_source, r, r->stage, NULL);
}

static int do_write(struct run *r);

static int rewrite(void *user)
{
	return do_write(user);
}

struct verify_job {
	struct run *r;
	mtkfw_hash *md;
	const char *stage;
	mtkfw_ctx *ctx;
	uint64_t got;
	uint64_t end, hole; /* end of the last extent; the first unwritten offset (UINT64_MAX: none) */
};

/* Read-back packets go into the digest; progress counts over the whole step, as writing does
 * (a cancel from the progress callback comes back as a status and stops the read). */
static int to_digest(const uint8_t *data, size_t n, void *user)
{
	struct verify_job *v = user;

	if (mtkfw_hash_update(v->md, data, n) != 0)
		return mtkfw_nomem();
	v->got += n;
	return mtkfw_progress(v->ctx, v->stage, v->got, v->r->st->payload);
}

static int verify_extent(uint64_t off, uint64_t len, void *user)
{
	struct verify_job *v = user;

	if (v->hole == UINT64_MAX && off > v->end)
		v->hole = v->end;
	v->end = off + len;
	return mtkfwi_device_read_staged(v->r->dev, v->r->st->area, v->r->st->offset + off, len, to_digest, v, v->stage, NULL);
}

/* The SHA-256 of the ranges the step wrote (mtkfwi_flash_step_extents: all of it, or a sparse image's
 * RAW and FILL runs, never the erased DONT_CARE holes), as the phone holds them now: what
 * step_digest computed from the image over the same ranges. `hole`: the first unwritten offset
 * inside the step, UINT64_MAX when it has none. */
static int readback_sha(struct run *r, uint8_t sha[32], uint64_t *hole, const char *stage, mtkfw_ctx *ctx)
{
	struct verify_job v = { .r = r, .md = NULL, .stage = stage, .ctx = ctx, .hole = UINT64_MAX };
	int rc;

	if (mtkfw_hash_new(&v.md, MTKFW_HASH_SHA256) != 0) {
		mtkfw_hash_free(v.md);
		return mtkfw_nomem();
	}
	if (!(rc = mtkfw_progress(ctx, stage, 0, r->st->payload)))
		rc = mtkfwi_flash_step_extents(r->st, verify_extent, &v);
	if (!rc && mtkfw_hash_final(v.md, sha) != 0)
		rc = mtkfw_nomem();
	mtkfw_hash_free(v.md);
	if (v.hole == UINT64_MAX && v.end < r->st->length)
		v.hole = v.end;
	*hole = v.hole;
	return rc;
}

static int readback_digest(void *user, uint8_t sha[32], const char *stage, mtkfw_ctx *ctx)
{
	uint64_t hole;

	return readback_sha(user, sha, &hole, stage, ctx);
}

static int all_zero(const uint8_t *data, size_t n, void *user)
{
	for (size_t i = 0; i < n; i++)
		if (data[i]) {
			*(uint8_t *)user = data[i];
			return 1;
		}
	return 0;
}

/* The holes of a sparse image are not written, so they hold what the erase left: zeros is what
 * the image says they hold. One sector of the first hole is read to check that the eMMC erases
 * to zeros (an eMMC that erases to ff would leave the image's free blocks ff). */
static int check_hole(struct run *r, uint64_t hole)
{
	const struct mtkfw_flash_step *st = r->st;
	uint8_t bad = 0;
	int rc;

	if (!st->sparse || !st->erased || hole == UINT64_MAX)
		return 0;
	rc = mtkfwi_device_read_staged(r->dev, st->area, st->offset + hole, 512, all_zero, &bad, r->stage, NULL);
	if (rc == MTKFW_ERR_CANCELLED && bad)
		return mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: the erased range reads %02x at 0x%llx, not zeros: the "
				    "image's unwritten (DONT_CARE) blocks would not read as the image says", st->name,
				    bad, (unsigned long long)(st->offset + hole));
	return rc;
}

/* Read back what the step wrote and compare its SHA-256 with the plan's; on a difference, find
 * out why (verify.c): one rewrite at most, and a card that keeps nothing stops the flash. Then
 * one sector of a hole (check_hole). */
static int verify(struct run *r)
{
	const struct mtkfw_flash_step *st = r->st;
	uint8_t got[32];
	uint64_t hole;
	int rc;

	snprintf(r->stage, sizeof(r->stage), "verify %s", st->name);
	rc = readback_sha(r, got, &hole, r->stage, r->ctx);
	if (!rc && memcmp(got, st->sha256, 32))
		rc = mtkfwi_device_diagnose_digest(r->dev, st->name, st->area, st->offset, st->length, st->sha256, got,
					    readback_digest, r, rewrite, r, r->ctx);
	if (!rc)
		rc = check_hole(r, hole);
	return rc;
}

static int do_write(struct run *r)
{
	int rc;

	snprintf(r->stage, sizeof(r->stage), "write %s", r->st->name);
	if ((rc = mtkfwi_flash_source_open(&r->src, r->st)))
		return rc;
	r->sent = 0;
	rc = mtkfwi_flash_step_extents(r->st, write_extent, r);
	if (!rc)
		rc = mtkfw_progress(r->ctx, r->stage, r->sent, r->st->payload);
	mtkfwi_flash_source_close(&r->src);
	return rc;
}

/* Put the identity back, at the package's offsets when a new layout moved it. */
static int do_restore(mtkfw_device *dev, const struct mtkfw_backup *b, const mtkfw_layout *target, mtkfw_ctx *ctx)
{
	struct mtkfw_backup moved = *b;
	char only[256] = "";
	int rc;

	if (!(moved.items = calloc(b->count ? b->count : 1, sizeof(*moved.items))))
		return mtkfw_nomem();
	for (size_t i = 0; i < b->count; i++) {
		struct mtkfw_backup_item *it = &moved.items[i];
		const struct mtkfw_partition *p;

		*it = b->items[i];
		if (!mtkfw_is_identity_partition(it->name) || it->area != MTKFW_AREA_USER)
			continue;
		if (target && (p = mtkfw_layout_find(target, it->name)) && p->has_start && p->area == MTKFW_AREA_USER) {
			if (p->has_size && p->size && p->size < it->size) {
				free(moved.items);
				return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: the new layout makes it %llu bytes, the backup has %llu: "
						    "the identity would not fit", it->name, (unsigned long long)p->size,
						    (unsigned long long)it->size);
			}
			it->offset = p->start;
		}
		snprintf(only + strlen(only), sizeof(only) - strlen(only), "%s%s", *only ? "," : "", it->name);
	}
	rc = *only ? mtkfw_device_restore(dev, &moved, only, ctx) : 0;
	free(moved.items);
	return rc;
}

/* Before anything is erased on the strength of an existing backup, its files must still be what
 * its manifest says: a restore checks them too, but only after the erase. */
static int backup_intact(const struct mtkfw_backup *b)
{
	uint8_t *buf = malloc(1u << 20), got[32];
	int rc = buf ? 0 : mtkfw_nomem();

	for (size_t i = 0; !rc && i < b->count; i++) {
		char *path = mtkfw_path_join(b->dir, b->items[i].file);
		mtkfw_hash *md = NULL;
		FILE *f = path ? mtkfw_fopen_input(path) : NULL;
		size_t k;

		if (!f || mtkfw_hash_new(&md, MTKFW_HASH_SHA256) != 0)
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: cannot read %s", b->dir, b->items[i].file);
		while (!rc && (k = fread(buf, 1, 1u << 20, f)) > 0)
			if (mtkfw_hash_update(md, buf, k) != 0)
				rc = mtkfw_nomem();
		if (!rc && (mtkfw_hash_final(md, got) != 0 || memcmp(got, b->items[i].sha256, 32)))
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: %s no longer has the SHA-256 of its manifest: the "
					  "backup is damaged, nothing erased", b->dir, b->items[i].file);
		if (f)
			fclose(f);
		mtkfw_hash_free(md);
		free(path);
	}
	free(buf);
	return rc;
}

static void done(const struct mtkfw_flash_run_opts *o, const struct mtkfw_flash_step *st)
{
	if (o->step_done)
		o->step_done(st, o->user);
}

int mtkfw_flash_run(mtkfw_device *dev, mtkfw_flash_plan *plan, const struct mtkfw_flash_run_opts *o, mtkfw_ctx *ctx)
{
	struct mtkfw_backup *b = NULL;
	bool started = false;
	int rc = 0;

	if (!dev || !plan || !o || o->version != 1 || !o->journal || !o->backup_dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "flash: bad arguments");
	if (plan->findings.errors)
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "the pre-flight refused this flash (%zu %s): nothing written",
				    plan->findings.errors, mtkfw_plural(plan->findings.errors, "error", "errors"));
	if (memcmp(plan->cid, dev->info.cid, 16))
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "the plan was made for another phone (eMMC CID differs)");
	for (size_t i = 0; i < plan->count; i++)
		started |= plan->steps[i].state != MTKFW_STEP_PENDING;
	/* The journal first: an interruption during the backup leaves something to resume. */
	if ((rc = mtkfw_flash_journal_save(plan, o->backup_dir, o->journal)))
		return rc;
	/* The identity backup, always, before the first write; a resumed flash reuses its own. */
	if (mtkfw_backup_load(&b, o->backup_dir) != 0) {
		if (started)
			return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: the identity backup of this flash is gone, and steps were "
					    "already written: refusing to go on without it", o->backup_dir);
		mtkfw_error_clear();
		if ((rc = mtkfwi_backup_for_plan(&b, dev, plan, o->phone_layout, o->backup_dir, ctx)))
			return mtkfw_seterr_prefix("identity backup");
	} else if (memcmp(b->cid, dev->info.cid, 16)) {
		mtkfw_backup_free(b);
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: the backup is of another phone", o->backup_dir);
	} else {
		bool erases = false;

		for (size_t i = 0; i < plan->count; i++)
			erases |= plan->steps[i].kind != MTKFW_STEP_WRITE && plan->steps[i].state != MTKFW_STEP_VERIFIED;
		if (erases && (rc = backup_intact(b))) {
			mtkfw_backup_free(b);
			return rc;
		}
	}
	for (size_t i = 0; !rc && i < plan->count; i++) {
		struct mtkfw_flash_step *st = &plan->steps[i];
		struct run r = { .dev = dev, .st = st, .ctx = ctx };

		if (st->state == MTKFW_STEP_VERIFIED)
			continue;
		if (o->step_start)
			o->step_start(st, o->user);
		switch (st->kind) {
		case MTKFW_STEP_ERASE:
			if (!(rc = mtkfw_device_erase_named(dev, st->name, st->area, st->offset, st->length, ctx)))
				st->state = MTKFW_STEP_VERIFIED;
			break;
		case MTKFW_STEP_RESTORE:
			if (!(rc = do_restore(dev, b, o->package_layout, ctx)))
				st->state = MTKFW_STEP_VERIFIED;
			break;
		default:
			if (st->state == MTKFW_STEP_PENDING) {
				if ((rc = do_write(&r)))
					break;
				st->state = MTKFW_STEP_WRITTEN;
				if ((rc = mtkfw_flash_journal_save(plan, o->backup_dir, o->journal)))
					break;
			}
			/* A written step whose read-back differs is written again once (verify). */
			if (!(rc = verify(&r)))
				st->state = MTKFW_STEP_VERIFIED;
			break;
		}
		if (rc) {
			/* "eMMC does not keep writes" is about the phone, not this step: said as is. */
			rc = mtkfw_seterr_prefix(rc == MTKFW_ERR_READONLY ? NULL : st->name);
			break;
		}
		if ((rc = mtkfw_flash_journal_save(plan, o->backup_dir, o->journal)))
			break;
		done(o, st);
	}
	mtkfw_backup_free(b);
	if (!rc && unlink(o->journal) != 0)
		mtkfw_log(ctx, MTKFW_LOG_WARN, "%s: could not remove the finished journal", o->journal);
	return rc;
}
