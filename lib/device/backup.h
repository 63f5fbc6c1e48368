/* The identity backup and partition readbacks (backup.c, backup_tree.c); their manifest is
 * mtkfw/manifest.h's. */
#ifndef MTKFW_DEVICE_BACKUP_H
#define MTKFW_DEVICE_BACKUP_H

#include <mtkfw/device.h>

#include <mtkfw/manifest.h>

/* An empty backup for folder `dir`. */
struct mtkfw_backup *backup_new(const char *dir);
/* `b` as a manifest of `kind` (its items, its /data/nvram tree), with the phone's area sizes
 * and the `layout` used (may be NULL); and back (CID and files required). */
int backup_to_manifest(mtkfw_manifest **out, const struct mtkfw_backup *b, int kind, const mtkfw_device *dev,
		       const mtkfw_layout *layout);
int backup_from_manifest(struct mtkfw_backup *b, const mtkfw_manifest *m, const char *name);

/* `name` is in the comma list `only` (any case), or `only` is NULL. */
bool backup_selected(const char *only, const char *name);
/* mkdir -p of the parents of `path`, and of `path` itself when `last` (backups, the journal). */
int device_make_dirs(const char *path, bool last);

/* ---- USRDATA's /data/nvram tree (backup_tree.c) ---- */

/* The options ask for the tree, or erase a range that meets USRDATA in `layout`. */
bool backup_tree_wanted(const struct mtkfw_backup_opts *o, const mtkfw_layout *layout);
/* Copy the tree into b->dir/data_nvram (USRDATA located by `layout`). 0 also when there is
 * nothing to copy (b->data_nvram_note says why); an error when the phone fails. */
int backup_copy_tree(struct mtkfw_backup *b, mtkfw_device *dev, const mtkfw_layout *layout, mtkfw_ctx *ctx);

/* The backup's own flash: backup_ext with USRDATA's tree when the plan's steps not yet done
 * erase or write over it. */
struct mtkfw_flash_plan;
int backup_for_plan(struct mtkfw_backup **out, mtkfw_device *dev, const struct mtkfw_flash_plan *plan,
		    const mtkfw_layout *layout, const char *dir, mtkfw_ctx *ctx);

#endif
