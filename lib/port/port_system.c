/*
 * The system image of a port: the base's file system, with the board's files of the phone put
 * in where the keep-list says (the modem and its databases, the kernel modules). Planned from
 * both images read in place; built on a raw copy of the base's image changed through libext2fs
 * (lib/image/ext4_write.c), then written sparse as packages ship it. The base's file system is
 * not resized: one larger than the phone's partition, or too full for the phone's files, is
 * refused with the numbers. This file plans; mtkfwi_port_system_build.c builds.
 */
#include "core/file.h"
#include "core/internal.h"
#include "port/port_internal.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

#define BUILDPROP_MAX (1u << 20)

char *mtkfwi_port_android_version(mtkfw_ext4 *fs)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char *v = NULL;

	if (mtkfw_ext4_read(&buf, &len, fs, "/build.prop", BUILDPROP_MAX) == 0)
		mtkfw_buildprop_get(&v, (const char *)buf, len, "ro.build.version.release");
	mtkfw_error_clear();
	free(buf);
	return v;
}

/* Nothing at a path is no match, not an error; anything else that went wrong is. */
static int absent_ok(int rc)
{
	if (rc != MTKFW_ERR_NOTFOUND)
		return rc;
	mtkfw_error_clear();
	return 0;
}

/* The names in `fs` that entry `path` (its last name may hold '*' and '?') stands for. An
 * image that lacks the folder or the path has none. */
static int match(mtkfw_ext4 *fs, const char *path, struct mtkfw_names *out)
{
	const char *last = strrchr(path, '/') + 1;
	char parent[MTKFW_KEEP_NAME_MAX + 2];
	mtkfw_ext4_entry en;
	mtkfw_ext4_dir d;
	bool folder;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!fs)
		return 0;
	if (!strpbrk(last, "*?")) {
		if ((rc = mtkfw_ext4_stat(&en, fs, path)))
			return absent_ok(rc);
		mtkfw_ext4_entry_clear(&en);
		return mtkfwi_port_names_add(out, path);
	}
	snprintf(parent, sizeof(parent), "%.*s", (int)(last - path), path);
	if ((rc = mtkfw_ext4_stat(&en, fs, parent)))
		return absent_ok(rc);
	folder = en.type == MTKFW_EXT4_DIR || en.type == MTKFW_EXT4_SYMLINK;
	mtkfw_ext4_entry_clear(&en);
	if (!folder)
		return 0;
	if ((rc = mtkfw_ext4_list(&d, fs, parent)))
		return absent_ok(rc);
	for (size_t i = 0; i < d.count && !rc; i++) {
		char full[MTKFW_KEEP_NAME_MAX + 300];

		if (fnmatch(last, d.entries[i].name, 0) != 0)
			continue;
		snprintf(full, sizeof(full), "%s%s", parent, d.entries[i].name);
		rc = mtkfwi_port_names_add(out, full);
	}
	mtkfw_ext4_dir_clear(&d);
	if (rc)
		mtkfw_names_clear(out);
	return rc;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

static int add_path(struct mtkfw_port_system *sy, const char *path, int source, bool in_base, uint64_t bytes,
		    const char *fmt, ...) MTKFW_PRINTF(6, 7);

static int add_path(struct mtkfw_port_system *sy, const char *path, int source, bool in_base, uint64_t bytes,
		    const char *fmt, ...)
{
	struct mtkfw_port_path *n;
	char why[512];
	va_list ap;

	/* A folder replaced whole covers what earlier entries said about its contents. */
	for (size_t i = 0; i < sy->count;) {
		if (under(sy->paths[i].path, path)) {
			free(sy->paths[i].path);
			free(sy->paths[i].reason);
			memmove(&sy->paths[i], &sy->paths[i + 1], (sy->count - i - 1) * sizeof(sy->paths[i]));
			sy->count--;
		} else {
			i++;
		}
	}
	if (!(n = mtkfw_reallocarray(sy->paths, sy->count + 1, sizeof(*n))))
		return MTKFW_ERR_NOMEM;
	sy->paths = n;
	n = &sy->paths[sy->count];
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	memset(n, 0, sizeof(*n));
	n->source = source;
	n->in_base = in_base;
	n->bytes = bytes;
	if (!(n->path = mtkfw_strdup(path)) || !(n->reason = mtkfw_strdup(why))) {
		free(n->path);
		return MTKFW_ERR_NOMEM;
	}
	sy->count++;
	return 0;
}

static bool covered(const struct mtkfw_port_system *sy, const char *path)
{
	for (size_t i = 0; i < sy->count; i++)
		if (under(path, sy->paths[i].path))
			return true;
	return false;
}

/* One keep-list path: the phone's matches go in (the base's of the same name out first), the
 * base's that the phone has not are removed. */
static int plan_entry(struct port_sides *s, struct mtkfw_port_system *sy, const struct mtkfw_keep_entry *e,
		      mtkfw_ext4 *base, mtkfw_ext4 *phone)
{
	struct mtkfw_names pm = { 0 }, bm = { 0 };
	int rc;

	if ((rc = match(phone, e->name, &pm)) || (rc = match(base, e->name, &bm)))
		goto out;
	if (!pm.count && e->strict) {
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "keep-list: %s: no such file or folder in the phone's system (%s)",
				  e->name, s->phone_path);
		goto out;
	}
	for (size_t i = 0; i < pm.count && !rc; i++) {
		uint64_t bytes = 0, nodes = 0, bb = 0, bn = 0;
		bool in_base = mtkfwi_port_names_have(&bm, pm.names[i]);

		if (covered(sy, pm.names[i]))
			continue;
		if ((rc = mtkfw_ext4_usage(phone, pm.names[i], &bytes, &nodes)))
			break;
		if (in_base && (rc = mtkfw_ext4_usage(base, pm.names[i], &bb, &bn)))
			break;
		sy->need_bytes += bytes;
		sy->freed_bytes += bb;
		rc = add_path(sy, pm.names[i], MTKFW_PORT_PHONE, in_base, bytes, "%s%s",
			      *e->why ? e->why : "named in the keep-list", in_base ? "" : " (the base has none)");
	}
	for (size_t i = 0; i < bm.count && !rc; i++) {
		uint64_t bb = 0, bn = 0;

		if (mtkfwi_port_names_have(&pm, bm.names[i]) || covered(sy, bm.names[i]))
			continue;
		if ((rc = mtkfw_ext4_usage(base, bm.names[i], &bb, &bn)))
			break;
		sy->freed_bytes += bb;
		rc = add_path(sy, bm.names[i], MTKFW_PORT_NONE, true, 0, "the phone has none, so the base's is removed (%s)",
			      *e->why ? e->why : "named in the keep-list");
	}
out:
	mtkfw_names_clear(&pm);
	mtkfw_names_clear(&bm);
	return rc;
}

/* The base's system partition entry, and the phone's partition size it must fit. */
static const struct mtkfw_partition *system_part(const mtkfw_layout *l, const char **name)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, "ANDROID");

	*name = "ANDROID";
	if (!p) {
		p = mtkfw_layout_find(l, "SYSTEM");
		*name = "SYSTEM";
	}
	return p;
}

int mtkfwi_port_system_plan(struct port_sides *s, mtkfw_port_plan *plan)
{
	struct mtkfw_port_system *sy = &plan->system;
	const struct mtkfw_partition *bp, *pp;
	const char *bname, *pname;
	mtkfw_ext4 *base = NULL, *phone = NULL;
	struct mtkfw_ext4_geometry g;
	bool any_path = false;
	int rc;

	bp = system_part(s->base->layout, &bname);
	if (!bp || s->base->files[bp - s->base->layout->parts].found < MTKFW_FOUND_NAME)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: the base has no system image (%s)", s->base_path,
				    bp && bp->file ? bp->file : "ANDROID");
	if ((rc = mtkfwi_port_from_set(&sy->base, s->base->files[bp - s->base->layout->parts].path, 0,
				s->base->files[bp - s->base->layout->parts].size)))
		return rc;
	pp = system_part(s->layout, &pname);
	if (!pp || !pp->has_size || !pp->size)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: the phone's layout has no %s partition with a size",
				    s->phone_path, pname);
	sy->partition = pp->size;
	if ((rc = mtkfw_ext4_open(&base, sy->base.path)))
		return rc;
	if ((rc = mtkfw_ext4_geometry(&g, base)))
		goto out;
	sy->block_size = g.block_size;
	sy->fs_bytes = g.blocks * g.block_size;
	sy->free_bytes = g.free_blocks * g.block_size;
	if (sy->fs_bytes > sy->partition) {
		rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: the base's system file system is %llu bytes (%llu blocks of %u), "
				  "the phone's %s partition %llu: it does not fit (mtkfw does not shrink file systems: "
				  "take a base whose system fits)", mtkfw_path_base(sy->base.path),
				  (unsigned long long)sy->fs_bytes, (unsigned long long)g.blocks, g.block_size, pname,
				  (unsigned long long)sy->partition);
		goto out;
	}
	for (size_t i = 0; i < s->keep->count; i++)
		any_path |= s->keep->items[i].kind == MTKFW_KEEP_PATH;
	if (any_path) {
		rc = mtkfwi_port_phone_part(s, pname, &sy->phone);
		if (rc == 0)
			rc = mtkfw_ext4_open_at(&phone, sy->phone.path, sy->phone.offset);
		if (rc) {
			char why[512];

			snprintf(why, sizeof(why), "%s", mtkfw_error_last()->message);
			rc = mtkfw_seterr(rc, "%s (the phone's modem and modules are kept from it: --take those paths to "
					  "keep the base's)", why);
			goto out;
		}
	}
	plan->boot.base_android = mtkfwi_port_android_version(base);
	plan->boot.phone_android = phone ? mtkfwi_port_android_version(phone) : NULL;
	for (size_t i = 0; i < s->keep->count && !rc; i++)
		if (s->keep->items[i].kind == MTKFW_KEEP_PATH)
			rc = plan_entry(s, sy, &s->keep->items[i], base, phone);
	if (!rc && sy->need_bytes > sy->free_bytes + sy->freed_bytes)
		rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: the phone's files to keep take %llu bytes, the base's system has "
				  "%llu free and %llu in what they replace: they do not fit (--take some of them)",
				  mtkfw_path_base(sy->base.path), (unsigned long long)sy->need_bytes,
				  (unsigned long long)sy->free_bytes, (unsigned long long)sy->freed_bytes);
	sy->source = sy->count ? MTKFW_PORT_BUILT : MTKFW_PORT_BASE;
out:
	mtkfw_ext4_free(phone);
	mtkfw_ext4_free(base);
	return rc;
}
