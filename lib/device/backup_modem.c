/*
 * The phone's radio in the identity backup. A flash that writes ANDROID (system) replaces the
 * modem image and its databases with the package's; when the package is another board's, the
 * phone boots and never registers a carrier, and NVRAM's calibration no longer matches its
 * modem (specs/modem.md). So before system goes, what makes the radio the phone's own is copied
 * out of the system partition through the DA: /etc/firmware/modem* (the image the kernel loads),
 * /etc/mddb/ (the databases that name it) and /custom/etc/firmware (looked up first by the
 * kernel), into <backup>/system_modem/ with a manifest record of every file and its SHA-256.
 * Like /data/nvram, anything short of a dead phone (no ext4, no such folder) is a note.
 */
#include "device/device_internal.h"
#include "device/backup.h"
#include "device/part_fs.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

/* The folders copied whole (below the system partition's root). */
static const char *const radio_dirs[] = { "etc/mddb", "custom/etc/firmware" };
/* The folder whose modem* files are copied. */
#define FIRMWARE_DIR "etc/firmware"
/* All the radio's files together: a modem image is 2-8 MiB, the databases some MiB. */
#define RADIO_MAX_BYTES (64ull << 20)

static const struct mtkfw_partition *find_system(const mtkfw_layout *l)
{
	const struct mtkfw_partition *p = l ? mtkfw_layout_find(l, "ANDROID") : NULL;

	return p || !l ? p : mtkfw_layout_find(l, "SYSTEM");
}

bool mtkfwi_backup_modem_wanted(const struct mtkfw_backup_opts *o, const mtkfw_layout *l)
{
	return o && (o->system_modem || mtkfwi_backup_spans_meet(o, find_system(l)));
}

/* Several folders may be missing: each note keeps the first reason (keep_first), the log has
 * them all. */

/* One copy job: the backup, the system partition's file system and where files go. */
struct radio {
	struct mtkfw_backup *b;
	const struct part_fs *c; /* c->failed: the phone failed, which ends the backup */
	const char *out;         /* <backup>/system_modem */
	uint64_t bytes;          /* copied so far, against RADIO_MAX_BYTES */
	size_t cap;              /* of b->system_modem.nodes */
	mtkfw_ctx *ctx;
};

/* Append a node (path taken over) to the backup's radio tree. */
static int add_node(struct radio *r, const mtkfw_ext4_node *src, char *path)
{
	mtkfw_ext4_tree *t = &r->b->system_modem;
	mtkfw_ext4_node *n;

	if (t->count == MTKFW_EXT4_TREE_NODES) {
		t->truncated = true;
		free(path);
		return 0;
	}
	if (t->count == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		mtkfw_ext4_node *nv = mtkfw_reallocarray(t->nodes, ncap, sizeof(*nv));

		if (!nv) {
			free(path);
			return mtkfw_nomem();
		}
		t->nodes = nv;
		r->cap = ncap;
	}
	n = &t->nodes[t->count];
	*n = *src;
	n->path = path;
	n->target = NULL;
	if (src->target && !(n->target = mtkfw_strdup(src->target))) {
		free(path);
		return mtkfw_nomem();
	}
	t->count++;
	return 0;
}

/* "a" + "/" + "b" (malloc'd). */
static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

/* A folder node for `path` unless the tree has it (the folders above the copied ones, so the
 * tree reads as a tree). */
static int add_folder(struct radio *r, const char *path)
{
	mtkfw_ext4_node n = { .type = MTKFW_EXT4_DIR, .mode = 0755 };
	char *p;

	for (size_t i = 0; i < r->b->system_modem.count; i++)
		if (!strcmp(r->b->system_modem.nodes[i].path, path))
			return 0;
	p = mtkfw_strdup(path);
	return p ? add_node(r, &n, p) : mtkfw_nomem();
}

/* The folders of `rel` from the top ("custom", "custom/etc", ...), then `rel` itself. */
static int add_folders(struct radio *r, const char *rel)
{
	int rc = 0;

	for (const char *p = rel; !rc && (p = strchr(p, '/')) != NULL; p++) {
		char *up = mtkfw_strndup(rel, (size_t)(p - rel));

		rc = up ? add_folder(r, up) : mtkfw_nomem();
		free(up);
	}
	return rc ? rc : add_folder(r, rel);
}

struct sink {
	struct mtkfw_atomic out;
	mtkfw_hash *md;
};

static int to_file(const void *buf, size_t n, void *user)
{
	struct sink *s = user;

	if (mtkfw_hash_update(s->md, buf, n) != 0)
		return mtkfw_nomem();
	return mtkfw_atomic_write(&s->out, buf, n);
}

/* Copy one regular file of the image to `path`, hashing it into n->sha256. */
static int copy_file(mtkfw_ext4 *fs, const char *src, const char *path, mtkfw_ext4_node *n)
{
	struct sink s = { .md = NULL };
	int rc;

	if (mtkfw_hash_new(&s.md, MTKFW_HASH_SHA256) != 0) {
		mtkfw_hash_free(s.md);
		return mtkfw_nomem();
	}
	if ((rc = mtkfw_atomic_open(&s.out, path)) == 0) {
		rc = mtkfw_ext4_cat(fs, src, to_file, &s);
		if (!rc && mtkfw_hash_final(s.md, n->sha256) != 0)
			rc = mtkfw_nomem();
		if (!rc)
			rc = mtkfw_atomic_commit(&s.out);
		else
			mtkfw_atomic_abort(&s.out);
	}
	mtkfw_hash_free(s.md);
	return rc;
}

/* One entry of /etc/firmware named modem*: a file copied, a link recorded (never followed). */
static int copy_modem(struct radio *r, const char *dir, const mtkfw_ext4_entry *e)
{
	mtkfw_ext4_node n = { .type = e->type, .mode = e->mode & 07777, .uid = e->uid, .gid = e->gid,
			      .size = e->size, .target = e->target };
	char *safe = mtkfw_ext4_safe_name(e->name, strlen(e->name), false), *src = join("/" FIRMWARE_DIR, e->name);
	char *rel = safe ? join(FIRMWARE_DIR, safe) : NULL, *path = NULL;
	int rc = safe && src && rel ? 0 : mtkfw_nomem();

	if (!rc && e->type == MTKFW_EXT4_FILE && r->bytes + e->size > RADIO_MAX_BYTES) {
		snprintf(n.skipped, sizeof(n.skipped), "limit");
	} else if (!rc && e->type == MTKFW_EXT4_FILE && !(rc = mtkfw_path_under(dir, safe, &path))) {
		rc = copy_file(r->c->fs, src, path, &n);
		if (rc && rc != MTKFW_ERR_NOMEM && !r->c->failed) {
			/* A damaged file is recorded as such; the phone failing ends the backup. */
			snprintf(n.skipped, sizeof(n.skipped), "unreadable");
			mtkfw_error_clear();
			rc = 0;
		}
		if (!rc && !n.skipped[0])
			r->bytes += e->size;
	}
	if (!rc) {
		rc = add_node(r, &n, rel);
		rel = NULL;
	}
	free(rel);
	free(path);
	free(src);
	free(safe);
	return rc;
}

/* /etc/firmware/modem*. */
static int copy_modems(struct radio *r)
{
	mtkfw_ext4_dir d = { 0 };
	char *dir = join(r->out, FIRMWARE_DIR);
	size_t found = 0;
	int rc = dir ? mtkfw_ext4_list(&d, r->c->fs, "/" FIRMWARE_DIR) : mtkfw_nomem();

	if (rc && rc != MTKFW_ERR_NOMEM && dir && !r->c->failed) {
		rc = mtkfwi_backup_note(&r->b->system_modem_note, true, r->ctx, "/" FIRMWARE_DIR " not in the system partition: %s",
				 mtkfw_error_last()->message);
		free(dir);
		return rc;
	}
	if (!rc)
		rc = mtkfwi_device_make_dirs(dir, true);
	if (!rc)
		rc = add_folders(r, FIRMWARE_DIR);
	for (size_t i = 0; !rc && i < d.count; i++) {
		const mtkfw_ext4_entry *e = &d.entries[i];

		if (strncasecmp(e->name, "modem", 5) || (e->type != MTKFW_EXT4_FILE && e->type != MTKFW_EXT4_SYMLINK))
			continue;
		rc = copy_modem(r, dir, e);
		found++;
	}
	mtkfw_ext4_dir_clear(&d);
	free(dir);
	if (!rc && !found)
		rc = mtkfwi_backup_note(&r->b->system_modem_note, true, r->ctx,
				 "no modem* file in the system partition's /" FIRMWARE_DIR);
	return rc;
}

/* A folder copied whole (mtkfw_ext4_copy_tree's bounds), its nodes put below `rel`. */
static int copy_dir(struct radio *r, const char *rel)
{
	struct mtkfw_ext4_limits lim = { .max_bytes = r->bytes < RADIO_MAX_BYTES ? RADIO_MAX_BYTES - r->bytes : 1 };
	mtkfw_ext4_tree t = { 0 };
	mtkfw_ext4_entry e;
	char *src = join("", rel), *dir = join(r->out, rel), *parent = dir ? mtkfw_strdup(dir) : NULL;
	int rc = src && dir && parent ? 0 : mtkfw_nomem();

	if (!rc && mtkfw_ext4_stat(&e, r->c->fs, src) != 0) {
		/* Most phones have no /custom: nothing to say, unless the phone failed. */
		rc = r->c->failed ? r->c->failed : 0;
		if (!rc)
			mtkfw_error_clear();
		goto out;
	}
	if (!rc) {
		mtkfw_ext4_entry_clear(&e);
		/* copy_tree makes `dir`, not its parents. */
		*strrchr(parent, '/') = 0;
		rc = mtkfwi_device_make_dirs(parent, true);
	}
	if (!rc && (rc = mtkfw_ext4_copy_tree(&t, r->c->fs, src, dir, &lim, r->ctx)) != 0) {
		if (!r->c->failed && rc != MTKFW_ERR_NOMEM)
			rc = mtkfwi_backup_note(&r->b->system_modem_note, true, r->ctx, "%s not copied: %s", src,
					 mtkfw_error_last()->message);
		goto out;
	}
	if (!rc)
		rc = add_folders(r, rel);
	for (size_t i = 0; !rc && i < t.count; i++) {
		char *path = join(rel, t.nodes[i].path);

		rc = path ? add_node(r, &t.nodes[i], path) : mtkfw_nomem();
	}
	if (!rc) {
		r->bytes += t.bytes;
		r->b->system_modem.truncated |= t.truncated;
	}
out:
	mtkfw_ext4_tree_clear(&t);
	free(parent);
	free(src);
	free(dir);
	return rc;
}

int mtkfwi_backup_copy_modem(struct mtkfw_backup *b, mtkfw_device *dev, const mtkfw_layout *l, mtkfw_ctx *ctx)
{
	struct part_fs c;
	struct radio r = { .b = b, .c = &c, .ctx = ctx };
	char *out = NULL;
	size_t skipped = 0;
	int rc;

	rc = mtkfwi_part_fs_open(&c, dev, find_system(l), "ANDROID");
	if (rc && !c.failed && rc != MTKFW_ERR_NOMEM) {
		rc = mtkfwi_backup_note(&b->system_modem_note, true, ctx, "radio files not saved: %s", mtkfw_error_last()->message);
		mtkfwi_part_fs_close(&c);
		return rc;
	}
	if (!rc && !(rc = mtkfw_path_under(b->dir, MTKFW_BACKUP_MODEM_DIR, &out))) {
		r.out = out;
		rc = copy_modems(&r);
	}
	for (size_t i = 0; !rc && i < sizeof(radio_dirs) / sizeof(radio_dirs[0]); i++)
		rc = copy_dir(&r, radio_dirs[i]);
	b->system_modem.bytes = r.bytes;
	for (size_t i = 0; !rc && i < b->system_modem.count; i++)
		skipped += b->system_modem.nodes[i].skipped[0] != 0;
	if (!rc && (skipped || b->system_modem.truncated))
		rc = mtkfwi_backup_note(&b->system_modem_note, true, ctx,
				 "radio files partly saved: %zu %s skipped%s (limits or damage; see the tree's entries)",
				 skipped, mtkfw_plural(skipped, "entry", "entries"),
				 b->system_modem.truncated ? ", and the entry limit stopped the walk" : "");
	if (!rc)
		mtkfw_log(ctx, MTKFW_LOG_INFO, "backup: radio files: %zu entries, %llu bytes, %lu DA reads",
			  b->system_modem.count, (unsigned long long)r.bytes, c.reads);
	if (rc && c.failed)
		rc = mtkfw_seterr_prefix("ANDROID (radio files)");
	free(out);
	mtkfwi_part_fs_close(&c);
	return rc;
}
