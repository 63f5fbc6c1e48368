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
#include "device/part_fs.h"
#include <mtkfw/flash.h>
#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

static const struct mtkfw_partition *find_userdata(const mtkfw_layout *l)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, "USRDATA");

	return p ? p : mtkfw_layout_find(l, "USERDATA");
}

bool mtkfwi_backup_tree_wanted(const struct mtkfw_backup_opts *o, const mtkfw_layout *l)
{
	return o && (o->data_nvram || mtkfwi_backup_spans_meet(o, find_userdata(l)));
}

/* Where the tree is: /nvram (USRDATA is mounted at /data), or /data/nvram. */
static const char *tree_root(mtkfw_ext4 *fs, const struct part_fs *c)
{
	static const char *const roots[] = { "/nvram", "/data/nvram" };

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]) && !c->failed; i++) {
		mtkfw_ext4_entry e;

		if (mtkfw_ext4_stat(&e, fs, roots[i]) == 0) {
			bool folder = e.type == MTKFW_EXT4_DIR || e.type == MTKFW_EXT4_SYMLINK;

			mtkfw_ext4_entry_clear(&e);
			return folder ? roots[i] : NULL;
		}
	}
	return NULL;
}

/*
 * Walk USRDATA's /data/nvram tree into `t`, copying it into `dir` (NULL: hash only). 0 with
 * *why set (static words, a note's start) when there is no tree to walk; an error only when
 * the phone fails or the copy cannot be written.
 */
static int walk_tree(mtkfw_ext4_tree *t, const char **why, mtkfw_device *dev, const mtkfw_layout *l, const char *dir,
		     mtkfw_ctx *ctx)
{
	struct part_fs c;
	const char *root;
	int rc;

	*why = NULL;
	rc = mtkfwi_part_fs_open(&c, dev, find_userdata(l), "USRDATA");
	/* The phone failing is a failure; what USRDATA holds is only a note. */
	if (rc && !c.failed && rc != MTKFW_ERR_NOMEM) {
		*why = "";
		rc = 0;
	} else if (!rc && !(root = tree_root(c.fs, &c))) {
		if (c.failed)
			rc = mtkfw_seterr_prefix("USRDATA");
		else
			*why = "USRDATA's file system has no /nvram folder";
	} else if (!rc && (rc = mtkfw_ext4_copy_tree(t, c.fs, root, dir, NULL, ctx))) {
		mtkfw_seterr_prefix("USRDATA /data/nvram");
	} else if (!rc) {
		mtkfw_log(ctx, MTKFW_LOG_INFO, "USRDATA /data/nvram: %zu entries, %llu bytes, %lu DA reads of %u KiB",
			  t->count, (unsigned long long)t->bytes, c.reads, PART_FS_WINDOW >> 10);
	}
	mtkfwi_part_fs_close(&c);
	return rc;
}

int mtkfwi_backup_copy_tree(struct mtkfw_backup *b, mtkfw_device *dev, const mtkfw_layout *l, mtkfw_ctx *ctx)
{
	const char *why = NULL;
	char *dir = NULL;
	size_t skipped = 0;
	int rc;

	if ((rc = mtkfw_path_under(b->dir, MTKFW_BACKUP_NVRAM_DIR, &dir)))
		return rc;
	rc = walk_tree(&b->data_nvram, &why, dev, l, dir, ctx);
	free(dir);
	if (rc || why)
		/* "" : mtkfwi_part_fs_open's own message says what USRDATA holds. */
		return rc ? rc
			  : mtkfwi_backup_note(&b->data_nvram_note, false, ctx, "/data/nvram not saved: %s",
					*why ? why : mtkfw_error_last()->message);
	for (size_t i = 0; i < b->data_nvram.count; i++)
		skipped += b->data_nvram.nodes[i].skipped[0] != 0;
	if (b->data_nvram.truncated || skipped)
		rc = mtkfwi_backup_note(&b->data_nvram_note, false, ctx,
				 "/data/nvram partly saved: %zu %s skipped%s (limits or damage; see the tree's entries)",
				 skipped, mtkfw_plural(skipped, "entry", "entries"),
				 b->data_nvram.truncated ? ", and the entry limit stopped the walk" : "");
	return rc;
}

int mtkfwi_backup_tree_now(mtkfw_ext4_tree *out, bool *found, mtkfw_device *dev, const mtkfw_layout *l, mtkfw_ctx *ctx)
{
	const char *why = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = walk_tree(out, &why, dev, l, NULL, ctx);
	*found = !rc && !why;
	if (why)
		mtkfw_error_clear();
	return rc;
}

int mtkfwi_backup_for_plan(struct mtkfw_backup **out, mtkfw_device *dev, const struct mtkfw_flash_plan *plan,
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
