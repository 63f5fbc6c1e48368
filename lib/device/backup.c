/*
 * Identity backup (restore is restore.c): what "Format All + Download" destroys (NVRAM, PRO_INFO,
 * PROTECT_F/S, SECCFG) plus what a full restore needs to boot (boot1, MBR/EBR, PMT, lk, boot),
 * each with its SHA-256 in a manifest. Restore goes only to the phone the backup came from.
 */
#include "device/device_internal.h"
#include "device/layout_read.h"
#include "device/backup.h"
#include "core/bytes.h"
#include "core/file.h"
#include "core/hex.h"
#include "core/internal.h"
#include "core/outdir.h"

#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#define SECTOR 512
/* A backup has 15 or so items; a readback of every partition of a phone about 25. */
#define BACKUP_MAX_ITEMS 64

/* Identity partitions, with the other names ptgen gives them. The first three are what a
 * format destroys; without NVRAM a backup is refused. */
static const struct {
	const char *name;
	const char *alias;
	bool required;
} identity[] = {
	{ "NVRAM", NULL, true },    { "PRO_INFO", NULL, false }, { "PROTECT_F", NULL, false },
	{ "PROTECT_S", NULL, false }, { "SECCFG", NULL, false }, { "UBOOT", "LK", false },
	{ "BOOTIMG", "BOOT", false },
};

static int add_item(struct mtkfw_backup *b, const char *name, mtkfw_area area, uint64_t off, uint64_t size)
{
	struct mtkfw_backup_item *it;
	size_t k = 0;

	if (b->count == BACKUP_MAX_ITEMS)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "backup: more than %d items", BACKUP_MAX_ITEMS);
	it = &b->items[b->count++];
	memset(it, 0, sizeof(*it));
	snprintf(it->name, sizeof(it->name), "%s", name);
	/* One word per manifest field: a name with blanks or control bytes could not be read back. */
	for (char *c = it->name; *c; c++)
		if (*c <= ' ' || *c >= 0x7F)
			*c = '_';
	/* File names from partition names: only characters safe in any folder. */
	for (const char *p = name; *p && k + 1 < sizeof(it->file) - 4; p++)
		it->file[k++] = (char)((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
					       *p == '_' || *p == '-' ? *p : '_');
	snprintf(it->file + k, sizeof(it->file) - k, ".bin");
	it->area = area;
	it->offset = off;
	it->size = size;
	return 0;
}

/* The MBR and its EBR chain: sector offsets in the user area (DOS rules, MediaTek's EBR links
 * relative to EBR1). */
static int find_tables(mtkfw_device *dev, struct mtkfw_backup *b, mtkfw_ctx *ctx)
{
	uint8_t sec[SECTOR];
	uint64_t cur = 0, ebr1 = 0;
	int rc;

	if ((rc = mtkfwi_device_read_mem(dev, MTKFW_AREA_USER, 0, sec, SECTOR, ctx)))
		return rc;
	if (sec[510] != 0x55 || sec[511] != 0xAA)
		return 0; /* no MBR: nothing to save, the layout comes from the scatter alone */
	if ((rc = add_item(b, "MBR", MTKFW_AREA_USER, 0, SECTOR)))
		return rc;
	for (int k = 1; k < 16; k++) {
		uint64_t next = 0;

		for (int i = 0; i < 4; i++) {
			const uint8_t *e = sec + 0x1BE + 16 * i;

			if (e[4] == 0x05 || e[4] == 0x0F || e[4] == 0x85)
				next = (k == 1 ? 0 : ebr1) + (uint64_t)rd_le32(e + 8) * SECTOR;
		}
		if (!next || next <= cur || next + SECTOR > dev->info.user_size)
			break;
		if (k == 1)
			ebr1 = next;
		cur = next;
		if ((rc = mtkfwi_device_read_mem(dev, MTKFW_AREA_USER, cur, sec, SECTOR, ctx)))
			return rc;
		if (sec[510] != 0x55 || sec[511] != 0xAA)
			break;
		{
			char name[8];

			snprintf(name, sizeof(name), "EBR%d", k);
			if ((rc = add_item(b, name, MTKFW_AREA_USER, cur, SECTOR)))
				return rc;
		}
	}
	return 0;
}

static int find_pmt(mtkfw_device *dev, struct mtkfw_backup *b, mtkfw_ctx *ctx)
{
	uint64_t off;
	int rc = mtkfwi_device_find_pmt(dev, &off, ctx);

	if (rc == MTKFW_ERR_NOTFOUND)
		return 0;
	/* The main region and its mirror. */
	return rc ? rc : add_item(b, "PMT", MTKFW_AREA_USER, off, 2 * MTKFW_PMT_REGION_SIZE);
}

static const struct mtkfw_partition *find_part(const mtkfw_layout *l, const char *name, const char *alias)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, name);

	return p || !alias ? p : mtkfw_layout_find(l, alias);
}

int mtkfwi_device_make_dirs(const char *path, bool last)
{
	char tmp[4096];
	size_t n = strlen(path);

	if (n >= sizeof(tmp))
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: path too long", path);
	memcpy(tmp, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if ((tmp[i] != '/' && tmp[i] != 0) || (tmp[i] == 0 && !last))
			continue;
		tmp[i] = 0;
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create the folder: %s", tmp, strerror(errno));
		tmp[i] = path[i];
	}
	return 0;
}

int mtkfwi_backup_to_manifest(mtkfw_manifest **out, const struct mtkfw_backup *b, int kind, const mtkfw_device *dev,
		       const mtkfw_layout *layout)
{
	mtkfw_manifest *m;
	int rc = mtkfw_manifest_new(&m, kind);

	*out = NULL;
	if (rc)
		return rc;
	/* "unknown" stood in for a chip the session did not name. */
	if (strcmp(b->chip, "unknown"))
		snprintf(m->chip, sizeof(m->chip), "%s", b->chip);
	memcpy(m->cid, b->cid, 16);
	m->has_cid = true;
	if (dev) {
		m->boot1_size = dev->info.boot1_size;
		m->user_size = dev->info.user_size;
	}
	rc = mtkfw_manifest_set_layout(m, layout);
	for (size_t i = 0; !rc && i < b->count; i++) {
		const struct mtkfw_backup_item *it = &b->items[i];
		struct mtkfw_manifest_item mi = { .area = it->area, .offset = it->offset, .size = it->size };

		snprintf(mi.name, sizeof(mi.name), "%s", it->name);
		snprintf(mi.file, sizeof(mi.file), "%s", it->file);
		memcpy(mi.sha256, it->sha256, 32);
		rc = mtkfw_manifest_add_item(m, &mi);
	}
	/* Each tree when it was asked for: its entries, or the note saying why there are none. */
	if (!rc && (b->data_nvram.count || b->data_nvram.truncated || b->data_nvram_note))
		rc = mtkfw_manifest_add_tree(m, MTKFW_BACKUP_NVRAM_DIR, "USRDATA", b->data_nvram_note, &b->data_nvram);
	if (!rc && (b->system_modem.count || b->system_modem.truncated || b->system_modem_note))
		rc = mtkfw_manifest_add_tree(m, MTKFW_BACKUP_MODEM_DIR, "ANDROID", b->system_modem_note, &b->system_modem);
	if (rc) {
		mtkfw_manifest_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

/* A manifest's tree into one of the backup's (copied: the manifest owns its nodes). */
static int take_tree(mtkfw_ext4_tree *to, char **note, const struct mtkfw_manifest_tree *t)
{
	if (!t)
		return 0;
	if (t->note && !(*note = mtkfw_strdup(t->note)))
		return MTKFW_ERR_NOMEM;
	to->truncated = t->tree.truncated;
	to->bytes = t->tree.bytes;
	if (t->tree.count && !(to->nodes = mtkfw_calloc(t->tree.count, sizeof(mtkfw_ext4_node))))
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < t->tree.count; i++) {
		const mtkfw_ext4_node *a = &t->tree.nodes[i];
		mtkfw_ext4_node *n = &to->nodes[to->count++];

		*n = *a;
		n->path = mtkfw_strdup(a->path);
		n->target = a->target ? mtkfw_strdup(a->target) : NULL;
		if (!n->path || (a->target && !n->target))
			return MTKFW_ERR_NOMEM;
	}
	return 0;
}

int mtkfwi_backup_from_manifest(struct mtkfw_backup *b, const mtkfw_manifest *m, const char *name)
{
	int rc;

	/* Restore goes only to the phone the files came from: a manifest that does not say which
	 * phone, or lists nothing, is no backup. */
	if (!m->has_cid || !m->count)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no CID or no items: not an mtkfw backup", name);
	if (m->count > BACKUP_MAX_ITEMS)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %d items", name, BACKUP_MAX_ITEMS);
	memcpy(b->cid, m->cid, 16);
	snprintf(b->chip, sizeof(b->chip), "%s", m->chip[0] ? m->chip : "unknown");
	for (size_t i = 0; i < m->count; i++) {
		const struct mtkfw_manifest_item *mi = &m->items[i];
		struct mtkfw_backup_item *it = &b->items[b->count++];

		memset(it, 0, sizeof(*it));
		snprintf(it->name, sizeof(it->name), "%s", mi->name);
		snprintf(it->file, sizeof(it->file), "%s", mi->file);
		it->area = (mtkfw_area)mi->area;
		it->offset = mi->offset;
		it->size = mi->size;
		memcpy(it->sha256, mi->sha256, 32);
	}
	if ((rc = take_tree(&b->data_nvram, &b->data_nvram_note, mtkfw_manifest_find_tree(m, MTKFW_BACKUP_NVRAM_DIR))))
		return rc;
	return take_tree(&b->system_modem, &b->system_modem_note, mtkfw_manifest_find_tree(m, MTKFW_BACKUP_MODEM_DIR));
}

/* The folder's manifest.json. */
static int write_manifest(const struct mtkfw_backup *b, int kind, const mtkfw_device *dev, const mtkfw_layout *layout)
{
	mtkfw_manifest *m;
	int rc = mtkfwi_backup_to_manifest(&m, b, kind, dev, layout);

	if (!rc)
		rc = mtkfw_manifest_save(m, b->dir);
	mtkfw_manifest_free(m);
	return rc;
}

void mtkfw_backup_free(struct mtkfw_backup *b)
{
	if (!b)
		return;
	free(b->dir);
	free(b->items);
	mtkfw_ext4_tree_clear(&b->data_nvram);
	free(b->data_nvram_note);
	mtkfw_ext4_tree_clear(&b->system_modem);
	free(b->system_modem_note);
	free(b);
}

struct mtkfw_backup *mtkfwi_backup_new(const char *dir)
{
	struct mtkfw_backup *b = mtkfw_calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->dir = mtkfw_strdup(dir);
	b->items = mtkfw_calloc(BACKUP_MAX_ITEMS, sizeof(*b->items));
	if (!b->dir || !b->items) {
		mtkfw_backup_free(b);
		return NULL;
	}
	return b;
}

/* Add partition `p` as an item, checked against this phone's areas. */
static int add_part(struct mtkfw_backup *b, const mtkfw_device *dev, const struct mtkfw_partition *p)
{
	uint64_t end;

	if (!p->has_start || !p->has_size || !p->size || (p->area != MTKFW_AREA_USER && p->area != MTKFW_AREA_BOOT1))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "the layout gives %s no usable position or size",
				    p->name ? p->name : "a partition");
	if (!add_ok(p->start, p->size, &end) ||
	    end > (p->area == MTKFW_AREA_USER ? dev->info.user_size : dev->info.boot1_size))
		return mtkfw_seterr(MTKFW_ERR_MISMATCH,
				    "%s (0x%llx+0x%llx) lies outside this phone's %s area: the layout is not this "
				    "phone's", p->name, (unsigned long long)p->start, (unsigned long long)p->size,
				    mtkfw_area_name(p->area));
	return add_item(b, p->name, p->area, p->start, p->size);
}

/* Read every item into its file (the manifest comes after USRDATA's tree). */
static int save_items(struct mtkfw_backup *b, mtkfw_device *dev, mtkfw_ctx *ctx)
{
	int rc = mtkfwi_device_make_dirs(b->dir, true);

	for (size_t i = 0; !rc && i < b->count; i++) {
		struct mtkfw_backup_item *it = &b->items[i];
		char *path, stage[MTKFW_PART_NAME_MAX + 8];

		/* Two partitions may share a file name once sanitised: never overwrite one. */
		for (size_t k = 0; !rc && k < i; k++)
			if (!strcmp(b->items[k].file, it->file))
				rc = mtkfw_seterr(MTKFW_ERR_INVALID, "%s and %s would share the file %s",
						  b->items[k].name, it->name, it->file);
		if (rc || (rc = mtkfw_path_under(b->dir, it->file, &path)))
			break;
		snprintf(stage, sizeof(stage), "read %s", it->name);
		rc = mtkfwi_device_read_to_file_staged(dev, it->area, it->offset, it->size, path, it->sha256, stage, ctx);
		free(path);
		if (rc)
			mtkfw_seterr_prefix(it->name);
	}
	return rc;
}

/* A backup folder is whole or absent: one that does not exist yet is built beside it (b->dir
 * points there meanwhile) and renamed into place once its manifest is written, so a dropped
 * link or a signal leaves no folder that looks like a backup. An existing folder (the user's,
 * or a flash's own being completed) is written into, its manifest last. */
static int begin_folder(struct mtkfw_backup *b, struct mtkfw_outdir *od, char **final)
{
	struct stat st;
	int rc;

	memset(od, 0, sizeof(*od));
	*final = NULL;
	if (lstat(b->dir, &st) == 0)
		return 0;
	if ((rc = mtkfwi_device_make_dirs(b->dir, false)) || (rc = mtkfw_outdir_open(od, b->dir, false)))
		return rc;
	*final = b->dir;
	b->dir = od->tmp;
	return 0;
}

static int end_folder(struct mtkfw_backup *b, struct mtkfw_outdir *od, char *final, int rc)
{
	if (!final)
		return rc;
	b->dir = final;
	if (!rc)
		return mtkfw_outdir_commit(od, 0700);
	mtkfw_outdir_name_output(od);
	mtkfw_outdir_abort(od);
	return rc;
}

/* The layout to use: the caller's, else the phone's PMT (owned by *own). */
static int pick_layout(mtkfw_device *dev, const mtkfw_layout *given, mtkfw_layout **own,
		       const mtkfw_layout **use, mtkfw_ctx *ctx)
{
	int rc;

	*own = NULL;
	*use = given;
	if (given)
		return 0;
	rc = mtkfw_device_read_pmt(own, dev, ctx);
	if (rc == MTKFW_ERR_NOTFOUND)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "the phone has no PMT to say where its partitions are: give its scatter with --scatter");
	*use = *own;
	return rc;
}

static struct mtkfw_backup *start_backup(const mtkfw_device *dev, const char *dir)
{
	struct mtkfw_backup *b = mtkfwi_backup_new(dir);

	if (!b)
		return NULL;
	memcpy(b->cid, dev->info.cid, 16);
	snprintf(b->chip, sizeof(b->chip), "%s", dev->info.chip ? dev->info.chip : "unknown");
	return b;
}

int mtkfw_device_backup(struct mtkfw_backup **out, mtkfw_device *dev, const mtkfw_layout *layout, const char *dir,
			mtkfw_ctx *ctx)
{
	return mtkfw_device_backup_ext(out, dev, layout, dir, NULL, ctx);
}

int mtkfw_device_backup_ext(struct mtkfw_backup **out, mtkfw_device *dev, const mtkfw_layout *layout,
			    const char *dir, const struct mtkfw_backup_opts *opts, mtkfw_ctx *ctx)
{
	struct mtkfw_backup *b;
	struct mtkfw_outdir od;
	mtkfw_layout *own = NULL;
	char *final = NULL;
	int rc;

	if (!out || !dev || !dir || (opts && opts->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "backup: bad arguments");
	*out = NULL;
	if (dev->info.stage < MTKFW_STAGE_DA2)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "backup: the DA is not running");
	if ((rc = pick_layout(dev, layout, &own, &layout, ctx)))
		return rc;
	if (!mtkfw_layout_find(layout, "NVRAM")) {
		mtkfw_layout_free(own);
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s has no NVRAM partition: give this phone's scatter with --scatter",
				    own ? "the phone's PMT" : "the layout");
	}
	if (!(b = start_backup(dev, dir))) {
		mtkfw_layout_free(own);
		return MTKFW_ERR_NOMEM;
	}
	/* Decide every range first, so nothing is half-saved because of a bad layout entry. */
	for (size_t i = 0; !rc && i < sizeof(identity) / sizeof(identity[0]); i++) {
		const struct mtkfw_partition *p = find_part(layout, identity[i].name, identity[i].alias);

		if (!p) {
			mtkfw_log(ctx, MTKFW_LOG_WARN, "backup: the layout has no %s", identity[i].name);
			continue;
		}
		if ((rc = add_part(b, dev, p)))
			mtkfw_seterr_prefix("backup");
	}
	if (!rc)
		rc = find_tables(dev, b, ctx);
	if (!rc)
		rc = find_pmt(dev, b, ctx);
	if (!rc && dev->info.boot1_size)
		rc = add_item(b, "boot1", MTKFW_AREA_BOOT1, 0, dev->info.boot1_size);
	if (!rc && !(rc = begin_folder(b, &od, &final))) {
		rc = save_items(b, dev, ctx);
		if (!rc && mtkfwi_backup_tree_wanted(opts, layout))
			rc = mtkfwi_backup_copy_tree(b, dev, layout, ctx);
		if (!rc && mtkfwi_backup_modem_wanted(opts, layout))
			rc = mtkfwi_backup_copy_modem(b, dev, layout, ctx);
		if (!rc)
			rc = write_manifest(b, MTKFW_MANIFEST_BACKUP, dev, layout);
		rc = end_folder(b, &od, final, rc);
	}
	mtkfw_layout_free(own);
	if (rc) {
		mtkfw_backup_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

int mtkfw_device_read_partitions(struct mtkfw_backup **out, mtkfw_device *dev, const mtkfw_layout *layout,
				 const char *list, const char *dir, mtkfw_ctx *ctx)
{
	struct mtkfw_backup *b;
	struct mtkfw_outdir od;
	mtkfw_layout *own = NULL;
	char *final = NULL;
	bool all = list && !strcasecmp(list, "all");
	char name[MTKFW_PART_NAME_MAX];
	int rc;

	if (!out || !dev || !dir || !list)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "read partitions: bad arguments");
	*out = NULL;
	if (dev->info.stage < MTKFW_STAGE_DA2)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "read partitions: the DA is not running");
	if ((rc = pick_layout(dev, layout, &own, &layout, ctx)))
		return rc;
	if (!(b = start_backup(dev, dir))) {
		mtkfw_layout_free(own);
		return MTKFW_ERR_NOMEM;
	}
	/* Every name asked for must exist: a silently missing partition makes a partial dump. */
	for (const char *p = all ? NULL : list; !rc && mtkfw_name_next(&p, name, sizeof(name));)
		if (name[0] && !mtkfw_layout_find(layout, name))
			rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no partition named %s", own ? "the phone's PMT" : "the layout",
					  name);
	for (size_t i = 0; !rc && i < layout->count; i++) {
		const struct mtkfw_partition *p = &layout->parts[i];

		if (!p->name || !(all ? p->has_size && p->size : mtkfwi_backup_selected(list, p->name)))
			continue;
		if (b->count == BACKUP_MAX_ITEMS) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "more than %d partitions: read them in parts", BACKUP_MAX_ITEMS);
			break;
		}
		rc = add_part(b, dev, p);
	}
	if (!rc && !b->count)
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "no partition to read");
	if (!rc && !(rc = begin_folder(b, &od, &final))) {
		rc = save_items(b, dev, ctx);
		if (!rc)
			rc = write_manifest(b, MTKFW_MANIFEST_PARTITIONS, dev, layout);
		rc = end_folder(b, &od, final, rc);
	}
	mtkfw_layout_free(own);
	if (rc) {
		mtkfw_backup_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

int mtkfw_backup_load(struct mtkfw_backup **out, const char *dir)
{
	struct mtkfw_backup *b;
	mtkfw_manifest *m = NULL;
	int rc;

	if (!out || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "backup load: bad arguments");
	*out = NULL;
	if ((rc = mtkfw_manifest_load(&m, dir)))
		return rc;
	if (!(b = mtkfwi_backup_new(dir))) {
		mtkfw_manifest_free(m);
		return MTKFW_ERR_NOMEM;
	}
	rc = mtkfwi_backup_from_manifest(b, m, dir);
	mtkfw_manifest_free(m);
	if (rc) {
		mtkfw_backup_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

int mtkfw_backup_new_dir(char **out, const char *root, const uint8_t cid[16])
{
	char buf[4096], c[33], when[32];
	time_t now = time(NULL);
	struct tm tm;

	*out = NULL;
	if (!root)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "no folder for backups: name the backup folder");
	mtkfw_hex_encode(c, cid, 16);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, sizeof(buf), "%s/%s/%s", root, c, when);
	*out = mtkfw_strdup(buf);
	return *out ? 0 : MTKFW_ERR_NOMEM;
}
