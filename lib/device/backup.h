/* The identity backup and partition readbacks (backup.c, backup_tree.c); their manifest is
 * mtkfw/manifest.h's. */
#ifndef MTKFW_DEVICE_BACKUP_H
#define MTKFW_DEVICE_BACKUP_H

#include <mtkfw/device.h>

#include <mtkfw/manifest.h>

/* An empty backup for folder `dir`. */
struct mtkfw_backup *mtkfwi_backup_new(const char *dir);
/* `b` as a manifest of `kind` (its items, its /data/nvram tree), with the phone's area sizes
 * and the `layout` used (may be NULL); and back (CID and files required). */
int mtkfwi_backup_to_manifest(mtkfw_manifest **out, const struct mtkfw_backup *b, int kind, const mtkfw_device *dev,
		       const mtkfw_layout *layout);
int mtkfwi_backup_from_manifest(struct mtkfw_backup *b, const mtkfw_manifest *m, const char *name);

/* The SHA-256 of a backup file that must be `size` bytes (MISMATCH otherwise). */
int mtkfwi_backup_file_sha256(const char *path, uint64_t size, uint8_t *sha);
/* `name` is in the comma list `only` (any case), or `only` is NULL. */
bool mtkfwi_backup_selected(const char *only, const char *name);
/* mkdir -p of the parents of `path`, and of `path` itself when `last` (backups, the journal). */
int mtkfwi_device_make_dirs(const char *path, bool last);

/* ---- shared by the copies out of file systems (mtkfwi_backup_note.c) ---- */

/* A range the options say is about to be erased or written meets partition `p`. */
bool mtkfwi_backup_spans_meet(const struct mtkfw_backup_opts *o, const struct mtkfw_partition *p);
/* Why a copy is missing or partial: logged as a warning and kept in `*slot` (one line; with
 * `keep_first`, an earlier note stays). Only running out of memory is an error. */
int mtkfwi_backup_note(char **slot, bool keep_first, mtkfw_ctx *ctx, const char *fmt, ...) MTKFW_PRINTF(4, 5);

/* ---- USRDATA's /data/nvram tree (backup_tree.c) ---- */

/* The options ask for the tree, or erase a range that meets USRDATA in `layout`. */
bool mtkfwi_backup_tree_wanted(const struct mtkfw_backup_opts *o, const mtkfw_layout *layout);
/* Copy the tree into b->dir/data_nvram (USRDATA located by `layout`). 0 also when there is
 * nothing to copy (b->data_nvram_note says why); an error when the phone fails. */
int mtkfwi_backup_copy_tree(struct mtkfw_backup *b, mtkfw_device *dev, const mtkfw_layout *layout, mtkfw_ctx *ctx);
/* The tree USRDATA holds now, walked and hashed, not copied (the identity check after a write):
 * *found false when there is none (no ext4, no /nvram); an error only when the phone fails. */
int mtkfwi_backup_tree_now(mtkfw_ext4_tree *out, bool *found, mtkfw_device *dev, const mtkfw_layout *layout,
		    mtkfw_ctx *ctx);

/* ---- the radio files of the system partition (backup_modem.c) ---- */

/* The options ask for them, or erase or write a range that meets ANDROID in `layout`. */
bool mtkfwi_backup_modem_wanted(const struct mtkfw_backup_opts *o, const mtkfw_layout *layout);
/* Copy them into b->dir/system_modem (ANDROID located by `layout`). 0 also when there is
 * nothing to copy (b->system_modem_note says why); an error when the phone fails. */
int mtkfwi_backup_copy_modem(struct mtkfw_backup *b, mtkfw_device *dev, const mtkfw_layout *layout, mtkfw_ctx *ctx);

/* The backup's own flash: backup_ext with USRDATA's tree when the plan's steps not yet done
 * erase or write over it. */
struct mtkfw_flash_plan;
int mtkfwi_backup_for_plan(struct mtkfw_backup **out, mtkfw_device *dev, const struct mtkfw_flash_plan *plan,
		    const mtkfw_layout *layout, const char *dir, mtkfw_ctx *ctx);

#endif
