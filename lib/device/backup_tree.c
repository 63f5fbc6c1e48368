/*
 * USRDATA's /data/nvram tree in a backup. "Format All" erases USRDATA too, and with it the
 * modem's working copy of the IMEI and calibration files; the NVRAM partition is the identity
 * that matters, so this copy is a second line of defence: read the ext4 inside USRDATA through
 * the DA, copy /nvram out with the bounds of mtkfw_ext4_copy_tree(), and record each file in
 * the manifest (a tree of mtkfw/manifest.h). Anything short of a dead phone (no ext4, no /nvram, limits) is a note, not a
 * failure.
 */
#include "device/device_internal.h"
#include "device/backup.h"
#include "device/layout_read.h"
#include <mtkfw/flash.h>
#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

/*
 * DA reads cost a command round trip each, and libext2fs asks for 1-4 KiB at a time, often
 * the same inode table block again: windows of 256 KiB, read whole and kept in a small LRU.
 * 16 windows bound the memory to 4 MiB; NVRAM's metadata and files fit in a few.
 */
#define WINDOW (256u << 10)
#define WINDOWS 16

struct da_cache {
	mtkfw_device *dev;
	uint64_t base, size; /* USRDATA in the user area */
	struct {
		uint8_t *buf;
		uint64_t off;
		size_t len;
		unsigned long stamp; /* 0: empty */
	} win[WINDOWS];
	unsigned long clock;
	unsigned long reads; /* DA commands, for the log */
	int failed;          /* the phone's error: ends the backup, where damage is only a note */
};

static int load_window(struct da_cache *c, uint64_t off, size_t *slot)
{
	size_t use = 0;
	uint64_t start = off - off % WINDOW;
	size_t len = c->size - start < WINDOW ? (size_t)(c->size - start) : WINDOW;
	int rc;

	for (size_t i = 0; i < WINDOWS; i++) {
		if (c->win[i].stamp && c->win[i].off == start) {
			c->win[i].stamp = ++c->clock;
			*slot = i;
			return 0;
		}
		if (c->win[i].stamp < c->win[use].stamp)
			use = i;
	}
	if (!c->win[use].buf && !(c->win[use].buf = malloc(WINDOW)))
		return mtkfw_nomem();
	c->win[use].stamp = 0; /* empty until the read succeeds */
	c->reads++;
	if ((rc = device_read_mem(c->dev, MTKFW_AREA_USER, c->base + start, c->win[use].buf, len, NULL)))
		return c->failed = rc;
	c->win[use].off = start;
	c->win[use].len = len;
	c->win[use].stamp = ++c->clock;
	*slot = use;
	return 0;
}

static int da_read(void *user, uint64_t off, void *buf, size_t n)
{
	struct da_cache *c = user;
	uint8_t *p = buf;

	if (off > c->size || n > c->size - off)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "USRDATA: read past its end");
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

static void cache_free(struct da_cache *c)
{
	for (size_t i = 0; i < WINDOWS; i++)
		free(c->win[i].buf);
}

static const struct mtkfw_partition *find_userdata(const mtkfw_layout *l)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, "USRDATA");

	return p ? p : mtkfw_layout_find(l, "USERDATA");
}

bool backup_tree_wanted(const struct mtkfw_backup_opts *o, const mtkfw_layout *l)
{
	const struct mtkfw_partition *p;

	if (!o)
		return false;
	if (o->data_nvram)
		return true;
	if (!(p = find_userdata(l)) || !p->has_start || !p->has_size)
		return false;
	for (size_t i = 0; i < o->erasing_count; i++) {
		const struct mtkfw_span *s = &o->erasing[i];

		if (s->area == p->area && s->offset < p->start + p->size && p->start < s->offset + s->length)
			return true;
	}
	return false;
}

/* Record why the tree is missing or partial, in the backup and as a warning. */
static int note(struct mtkfw_backup *b, mtkfw_ctx *ctx, const char *fmt, ...) MTKFW_PRINTF(3, 4);
static int note(struct mtkfw_backup *b, mtkfw_ctx *ctx, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One line in the manifest: no control bytes from an error message. */
	for (char *c = msg; *c; c++)
		if ((unsigned char)*c < ' ')
			*c = ' ';
	mtkfw_log(ctx, MTKFW_LOG_WARN, "backup: %s", msg);
	free(b->data_nvram_note);
	b->data_nvram_note = mtkfw_strdup(msg);
	return b->data_nvram_note ? 0 : MTKFW_ERR_NOMEM;
}

/* Where the tree is: /nvram (USRDATA is mounted at /data), or /data/nvram. */
static const char *tree_root(mtkfw_ext4 *fs, const struct da_cache *c)
{
	static const char *const roots[] = { "/nvram", "/data/nvram" };

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]) && !c->failed; i++) {
		mtkfw_ext4_entry e;

		if (mtkfw_ext4_stat(fs, roots[i], &e) == 0) {
			bool folder = e.type == MTKFW_EXT4_DIR || e.type == MTKFW_EXT4_SYMLINK;

			mtkfw_ext4_entry_clear(&e);
			return folder ? roots[i] : NULL;
		}
	}
	return NULL;
}

int backup_copy_tree(struct mtkfw_backup *b, mtkfw_device *dev, const mtkfw_layout *l, mtkfw_ctx *ctx)
{
	const struct mtkfw_partition *p = find_userdata(l);
	struct da_cache c = { .dev = dev };
	mtkfw_ext4 *fs = NULL;
	const char *root;
	char *dir = NULL;
	size_t skipped = 0;
	int rc;

	if (!p || !p->has_start || !p->has_size || !p->size || p->area != MTKFW_AREA_USER)
		return note(b, ctx, "/data/nvram not saved: the layout gives no USRDATA in the user area");
	if (p->start > dev->info.user_size || p->size > dev->info.user_size - p->start)
		return note(b, ctx, "/data/nvram not saved: USRDATA (0x%llx+0x%llx) lies outside this phone's user area",
			    (unsigned long long)p->start, (unsigned long long)p->size);
	c.base = p->start;
	c.size = p->size;
	rc = mtkfw_ext4_open_reader(&fs, da_read, &c, c.size, "USRDATA");
	/* The phone failing is a failure; what USRDATA holds is only a note. */
	if (rc && !c.failed && rc != MTKFW_ERR_NOMEM) {
		rc = note(b, ctx, "/data/nvram not saved: USRDATA holds no readable ext4 (encrypted, blank or erased?): %s",
			  mtkfw_error_last()->message);
		goto out;
	}
	if (rc)
		goto out;
	if (!(root = tree_root(fs, &c))) {
		rc = c.failed ? mtkfw_seterr_prefix("USRDATA")
			      : note(b, ctx, "/data/nvram not saved: USRDATA's file system has no /nvram folder");
		goto out;
	}
	if ((rc = mtkfw_path_under(b->dir, MTKFW_BACKUP_NVRAM_DIR, &dir)))
		goto out;
	rc = mtkfw_ext4_copy_tree(fs, root, dir, NULL, &b->data_nvram, ctx);
	if (rc) {
		mtkfw_seterr_prefix("USRDATA /data/nvram");
		goto out;
	}
	for (size_t i = 0; i < b->data_nvram.count; i++)
		skipped += b->data_nvram.nodes[i].skipped[0] != 0;
	if (b->data_nvram.truncated || skipped)
		rc = note(b, ctx, "/data/nvram partly saved: %zu %s skipped%s (limits or damage; see the tree's entries)",
			  skipped, mtkfw_plural(skipped, "entry", "entries"),
			  b->data_nvram.truncated ? ", and the entry limit stopped the walk" : "");
	mtkfw_log(ctx, MTKFW_LOG_INFO, "backup: /data/nvram: %zu entries, %llu bytes, %lu DA reads of %u KiB",
		  b->data_nvram.count, (unsigned long long)b->data_nvram.bytes, c.reads, WINDOW >> 10);
out:
	free(dir);
	mtkfw_ext4_free(fs);
	cache_free(&c);
	return rc;
}

int backup_for_plan(struct mtkfw_backup **out, mtkfw_device *dev, const struct mtkfw_flash_plan *plan,
		    const mtkfw_layout *layout, const char *dir, mtkfw_ctx *ctx)
{
	struct mtkfw_backup_opts o = { .version = 1 };
	struct mtkfw_span *spans = mtkfw_calloc(plan->count ? plan->count : 1, sizeof(*spans));
	int rc;

	if (!spans)
		return MTKFW_ERR_NOMEM;
	/* What the steps still to come erase or write; a restore writes only identity ranges. */
	for (size_t i = 0; i < plan->count; i++) {
		const struct mtkfw_flash_step *st = &plan->steps[i];

		if (st->kind != MTKFW_STEP_RESTORE && st->state != MTKFW_STEP_VERIFIED)
			spans[o.erasing_count++] = (struct mtkfw_span){ st->area, st->offset, st->length };
	}
	o.erasing = spans;
	rc = mtkfw_device_backup_ext(out, dev, layout, dir, &o, ctx);
	free(spans);
	return rc;
}
