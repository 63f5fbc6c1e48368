/*
 * Writes that do not stick (issue #8): a worn eMMC in read-only mode acknowledges every write
 * and keeps its old data, so a host that only rewrites on a mismatch loops for ever. Two more
 * reads and one rewrite tell the cases apart: stable old data after a rewrite is a card that
 * does not keep writes; read-backs that disagree with each other are a flaky link or memory.
 */
#include "device/verify.h"
#include "core/hash.h"
#include "core/internal.h"

#include <mtkfw/flash.h>

#include <stdio.h>

/* Remember what went wrong for reports (the error message says it to a person). */
static void note_fault(mtkfw_device *dev, int kind, const char *name, mtkfw_area area, uint64_t offset, uint64_t len)
{
	struct mtkfw_write_outcome *o = &dev->outcome;

	o->kind = kind;
	snprintf(o->partition, sizeof(o->partition), "%s", name ? name : "");
	o->area = area;
	o->offset = offset;
	o->length = len;
}

const struct mtkfw_write_outcome *mtkfw_device_write_outcome(const mtkfw_device *dev)
{
	static const struct mtkfw_write_outcome none;

	return dev ? &dev->outcome : &none;
}

const char *mtkfw_write_fault_name(int kind)
{
	return kind == MTKFW_WRITE_READONLY ? "readonly" : kind == MTKFW_WRITE_UNSTABLE ? "unstable" : "kept";
}

int mtkfw_write_fault_parse(const char *word)
{
	for (int v = MTKFW_WRITE_KEPT; word && v <= MTKFW_WRITE_UNSTABLE; v++) {
		const char *w = mtkfw_write_fault_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

static int to_digest(const uint8_t *data, size_t n, void *user)
{
	return mtkfw_hash_update(user, data, n) == 0 ? 0 : mtkfw_nomem();
}

int mtkfwi_device_range_sha256(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, uint8_t sha[32],
			const char *stage, mtkfw_ctx *ctx)
{
	mtkfw_hash *md = NULL;
	int rc;

	if (mtkfw_hash_new(&md, MTKFW_HASH_SHA256) != 0) {
		mtkfw_hash_free(md);
		return mtkfw_nomem();
	}
	rc = mtkfwi_device_read_staged(dev, area, offset, len, to_digest, md, stage, ctx);
	if (!rc && mtkfw_hash_final(md, sha) != 0)
		rc = mtkfw_nomem();
	mtkfw_hash_free(md);
	return rc;
}

struct range {
	mtkfw_device *dev;
	mtkfw_area area;
	uint64_t offset, len;
};

static int range_digest(void *user, uint8_t sha[32], const char *stage, mtkfw_ctx *ctx)
{
	struct range *r = user;

	return mtkfwi_device_range_sha256(r->dev, r->area, r->offset, r->len, sha, stage, ctx);
}

int mtkfwi_device_diagnose_write(mtkfw_device *dev, const char *name, mtkfw_area area, uint64_t offset, uint64_t len,
			  const uint8_t want[32], const uint8_t first[32], int (*rewrite)(void *user), void *user,
			  mtkfw_ctx *ctx)
{
	struct range r = { dev, area, offset, len };

	return mtkfwi_device_diagnose_digest(dev, name, area, offset, len, want, first, range_digest, &r, rewrite, user, ctx);
}

int mtkfwi_device_diagnose_digest(mtkfw_device *dev, const char *name, mtkfw_area area, uint64_t offset, uint64_t len,
			   const uint8_t want[32], const uint8_t first[32], device_digest_cb digest, void *duser,
			   int (*rewrite)(void *user), void *user, mtkfw_ctx *ctx)
{
	uint8_t again[32], third[32];
	char stage[MTKFW_PART_NAME_MAX + 16];
	int rc;

	(void)dev;
	snprintf(stage, sizeof(stage), "check %s", name);
	if ((rc = digest(duser, again, stage, ctx)))
		return rc;
	if (memcmp(again, first, 32)) {
		note_fault(dev, MTKFW_WRITE_UNSTABLE, name, area, offset, len);
		return mtkfw_seterr(MTKFW_ERR_MISMATCH,
				    "%s: read back twice after writing, the phone gave two different results: the "
				    "USB link or the eMMC is unreliable (try another cable and port, or --usb-speed "
				    "full); nothing more was written", name);
	}
	/* Stable and wrong: perhaps a write lost once (a reset mid-packet). One rewrite says which. */
	mtkfw_log(ctx, MTKFW_LOG_WARN, "%s: reads back different from what was written; writing it once more", name);
	if ((rc = rewrite(user)))
		return rc;
	if ((rc = digest(duser, third, stage, ctx)))
		return rc;
	if (!memcmp(third, want, 32))
		return 0;
	if (!memcmp(third, first, 32)) {
		note_fault(dev, MTKFW_WRITE_READONLY, name, area, offset, len);
		return mtkfw_seterr(MTKFW_ERR_READONLY,
				    "eMMC does not keep writes (read-only / worn out): %s (%s 0x%llx+0x%llx) reads "
				    "back unchanged after a write and a rewrite that the phone both acknowledged; "
				    "stopped, as more writes cannot help (mtkfw explain emmc-readonly)",
				    name, mtkfw_area_name(area), (unsigned long long)offset, (unsigned long long)len);
	}
	note_fault(dev, MTKFW_WRITE_UNSTABLE, name, area, offset, len);
	return mtkfw_seterr(MTKFW_ERR_MISMATCH,
			    "%s: after a rewrite the phone holds something else again, neither the image nor "
			    "what it held before: the eMMC or the link is failing", name);
}

/* Sectors sampled around an erase: the first, the middle and the last of the range. */
#define ERASE_SAMPLES 3
#define SECTOR 512

struct sector_sink {
	uint8_t *p;
	size_t got;
};

static int to_sector(const uint8_t *data, size_t n, void *user)
{
	struct sector_sink *s = user;

	if (n > SECTOR - s->got)
		n = SECTOR - s->got;
	memcpy(s->p + s->got, data, n);
	s->got += n;
	return 0;
}

static int read_sector(mtkfw_device *dev, mtkfw_area area, uint64_t at, uint8_t *buf)
{
	struct sector_sink s = { buf, 0 };

	/* No progress: three sectors are not a stage worth a line. */
	return mtkfwi_device_read_staged(dev, area, at, SECTOR, to_sector, &s, "check erase", NULL);
}

/* An erased sector reads as all zeros or all ones, by the card's ERASED_MEM_CONT. */
static bool looks_erased(const uint8_t *p)
{
	for (size_t i = 1; i < SECTOR; i++)
		if (p[i] != p[0])
			return false;
	return p[0] == 0x00 || p[0] == 0xFF;
}

int mtkfw_device_erase(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, mtkfw_ctx *ctx)
{
	return mtkfw_device_erase_named(dev, NULL, area, offset, len, ctx);
}

int mtkfw_device_erase_named(mtkfw_device *dev, const char *name, mtkfw_area area, uint64_t offset, uint64_t len,
			     mtkfw_ctx *ctx)
{
	uint8_t before[ERASE_SAMPLES][SECTOR], after[SECTOR];
	uint64_t at[ERASE_SAMPLES];
	char stage[MTKFW_PART_NAME_MAX + 8];
	int judged = 0, kept = 0, rc;

	if (name)
		snprintf(stage, sizeof(stage), "erase %s", name);

	/* Ranges the erase itself refuses, or too small to sample, go straight to it. */
	if (!dev || len < SECTOR || offset % SECTOR || len % SECTOR ||
	    (area != MTKFW_AREA_USER && area != MTKFW_AREA_BOOT1 && area != MTKFW_AREA_BOOT2))
		return mtkfwi_device_erase_raw(dev, area, offset, len, name ? stage : NULL, ctx);
	at[0] = offset;
	at[1] = offset + len / SECTOR / 2 * SECTOR;
	at[2] = offset + len - SECTOR;
	for (int i = 0; i < ERASE_SAMPLES; i++)
		if ((rc = read_sector(dev, area, at[i], before[i])))
			return rc;
	if ((rc = mtkfwi_device_erase_raw(dev, area, offset, len, name ? stage : NULL, ctx)))
		return rc;
	/*
	 * Only sectors that held data can show an erase that did nothing. UNSURE: whether MT6572's
	 * DA erases with ERASE (uniform 00 or FF) or DISCARD, after which a card may still return
	 * old data; the legacy DA's FORMAT is taken to erase, as SP Flash Tool's "format" does.
	 */
	for (int i = 0; i < ERASE_SAMPLES; i++) {
		if (looks_erased(before[i]))
			continue;
		if ((rc = read_sector(dev, area, at[i], after)))
			return rc;
		judged++;
		kept += !memcmp(after, before[i], SECTOR);
	}
	if (judged && kept == judged) {
		note_fault(dev, MTKFW_WRITE_READONLY, NULL, area, offset, len);
		return mtkfw_seterr(MTKFW_ERR_READONLY,
				    "eMMC does not keep writes (read-only / worn out): the erase of %s 0x%llx+0x%llx "
				    "was acknowledged, but the sectors read back unchanged; stopped, as more writes "
				    "cannot help (mtkfw explain emmc-readonly)",
				    mtkfw_area_name(area), (unsigned long long)offset, (unsigned long long)len);
	}
	return 0;
}
