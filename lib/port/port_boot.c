/*
 * The boot image of a port. The kernel is always the phone's: it carries the phone's panel,
 * touch and camera drivers, and its modules are what the system keeps. The ramdisk (init and
 * its scripts) must start the system it boots: when the phone and the base run the same Android
 * version the phone's boot image goes in as it is; otherwise the base's ramdisk, with the
 * phone's board files (fstab, init.project.rc ...: the keep-list's ramdisk entries) put in.
 *
 * This file decides; mtkfwi_port_boot_build.c builds.
 */
#include "core/file.h"
#include "core/internal.h"
#include "port/port_internal.h"

#include <mtkfw/image.h>

#include <fnmatch.h>
#include <stdio.h>
#include <strings.h>

/* The ramdisk payload of a boot image held in `buf` (its MTK header skipped). */
int mtkfwi_port_ramdisk_of(const uint8_t *buf, size_t len, const char *name, const uint8_t **rd, size_t *rd_len)
{
	struct mtkfw_bootimg b;
	int rc = mtkfw_bootimg_parse(&b, buf, len);
	uint64_t off, n;

	if (rc)
		return mtkfw_seterr_prefix(name);
	off = b.part_offset[MTKFW_BOOT_RAMDISK];
	n = b.part_size[MTKFW_BOOT_RAMDISK];
	if (!n)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: the boot image has no ramdisk", name);
	if (b.part_mtk[MTKFW_BOOT_RAMDISK] && n > MTKFW_MTKHDR_SIZE) {
		/* The payload after the header; a header claiming more than the part holds (a hand-made
		 * image) is held to the part. */
		off += MTKFW_MTKHDR_SIZE;
		n -= MTKFW_MTKHDR_SIZE;
		if (b.mtk[MTKFW_BOOT_RAMDISK].size < n)
			n = b.mtk[MTKFW_BOOT_RAMDISK].size;
	}
	*rd = buf + off;
	*rd_len = (size_t)n;
	return 0;
}

/* Does ramdisk member `path` (no folder) match one of the keep-list's ramdisk entries? */
static bool board_file(const mtkfw_keep_list *keep, const char *board, const char *path)
{
	if (strchr(path, '/'))
		return false;
	for (size_t i = 0; i < keep->count; i++) {
		const struct mtkfw_keep_entry *e = &keep->items[i];
		const char *b = e->kind == MTKFW_KEEP_RAMDISK ? strstr(e->name, "${board}") : NULL;
		char pat[600];

		if (e->kind != MTKFW_KEEP_RAMDISK)
			continue;
		if (b)
			snprintf(pat, sizeof(pat), "%.*s%s%s", (int)(b - e->name), e->name, board ? board : "", b + 8);
		else
			snprintf(pat, sizeof(pat), "%s", e->name);
		if ((!b || board) && fnmatch(pat, path, 0) == 0)
			return true;
	}
	return false;
}

static bool rd_has(const struct mtkfw_ramdisk *rd, const char *path)
{
	for (size_t i = 0; i < rd->count; i++)
		if (!strcmp(rd->entries[i].path, path))
			return true;
	return false;
}

/* The hardware name ${board} stands for: androidboot.hardware on the phone's cmdline, else its
 * platform in lower case. */
static char *board_name(const struct mtkfw_bootimg *b, const char *platform)
{
	const char *cl = (const char *)b->cmdline, *h = memmem(cl, sizeof(b->cmdline), "androidboot.hardware=", 21);
	char *out = NULL;

	if (h) {
		size_t n = 0;

		h += 21;
		while (h + n < cl + sizeof(b->cmdline) && h[n] > ' ' && h[n] < 0x7F && h[n] != '/' && n < 64)
			n++;
		if (n)
			return mtkfw_strndup(h, n);
	}
	if (platform && *platform && (out = mtkfw_strdup(platform)))
		for (char *p = out; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	return out;
}

int mtkfwi_port_boot_plan(struct port_sides *s, mtkfw_port_plan *plan, bool keep_kernel)
{
	struct mtkfw_port_boot *bt = &plan->boot;
	const struct mtkfw_partition *bp = mtkfw_layout_find(s->base->layout, "BOOTIMG");
	const struct mtkfw_package_file *bf = bp ? &s->base->files[bp - s->base->layout->parts] : NULL;
	struct mtkfw_ramdisk prd = { 0 }, brd = { 0 };
	struct mtkfw_bootimg b;
	uint8_t *pbuf = NULL, *bbuf = NULL;
	const uint8_t *r;
	size_t plen = 0, blen = 0, rl;
	int kind, rc;

	if (bf && bf->found >= MTKFW_FOUND_NAME && (rc = mtkfwi_port_from_set(&bt->base, bf->path, 0, bf->size)) == 0)
		rc = mtkfwi_port_from_trim(&bt->base, &kind);
	else
		rc = 0;
	if (rc)
		return rc;
	if (!keep_kernel) {
		bt->source = bt->base.path ? MTKFW_PORT_BASE : MTKFW_PORT_NONE;
		bt->ramdisk = MTKFW_PORT_BASE;
		return 0;
	}
	if ((rc = mtkfwi_port_phone_part(s, "BOOTIMG", &bt->phone)) != 0) {
		const char *m = mtkfw_error_last()->message;
		size_t pl = strlen(s->phone_path);
		char why[512];

		/* "PHONE: no readable kernel: ..." with the phone named once. */
		snprintf(why, sizeof(why), "%s", !strncmp(m, s->phone_path, pl) && !strncmp(m + pl, ": ", 2) ? m + pl + 2 : m);
		return mtkfw_seterr(rc, "%s: no readable kernel: %s", s->phone_path, why);
	}
	if ((rc = mtkfwi_port_from_read(&bt->phone, PORT_IMAGE_MAX, &pbuf, &plen)))
		return rc;
	if ((rc = mtkfw_bootimg_parse(&b, pbuf, plen)) || !b.part_size[MTKFW_BOOT_KERNEL]) {
		char why[512];

		snprintf(why, sizeof(why), "%s", rc ? mtkfw_error_last()->message : "no kernel part");
		rc = mtkfw_seterr(rc ? rc : MTKFW_ERR_FORMAT, "%s: the phone's boot image (%s at 0x%llx) has no readable "
				  "kernel: %s", s->phone_path, mtkfw_path_base(bt->phone.path),
				  (unsigned long long)bt->phone.offset, why);
		goto out;
	}
	bt->board = board_name(&b, s->layout->platform ? s->layout->platform : s->phone.profile.platform);
	if (bt->phone_android && bt->base_android && !strcmp(bt->phone_android, bt->base_android)) {
		bt->source = MTKFW_PORT_PHONE;
		bt->ramdisk = MTKFW_PORT_PHONE;
		goto out;
	}
	bt->source = MTKFW_PORT_BUILT;
	bt->ramdisk = MTKFW_PORT_BASE;
	if (!bt->base.path) {
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: the base has no boot image, so no ramdisk that starts its system "
				  "(Android %s; the phone runs %s)", s->base_path, bt->base_android ? bt->base_android : "?",
				  bt->phone_android ? bt->phone_android : "?");
		goto out;
	}
	/* The board files each side's ramdisk has: the phone's go in, the base's go out. */
	if ((rc = mtkfwi_port_from_read(&bt->base, PORT_IMAGE_MAX, &bbuf, &blen)) ||
	    (rc = mtkfwi_port_ramdisk_of(bbuf, blen, mtkfw_path_base(bt->base.path), &r, &rl)) || (rc = mtkfw_ramdisk_list(&brd, r, rl)) ||
	    (rc = mtkfwi_port_ramdisk_of(pbuf, plen, s->phone_path, &r, &rl)) || (rc = mtkfw_ramdisk_list(&prd, r, rl)))
		goto out;
	for (size_t i = 0; i < prd.count && !rc; i++)
		if (board_file(s->keep, bt->board, prd.entries[i].path))
			rc = mtkfwi_port_names_add(&bt->board_files, prd.entries[i].path);
	for (size_t i = 0; i < brd.count && !rc; i++)
		if (board_file(s->keep, bt->board, brd.entries[i].path) && !rd_has(&prd, brd.entries[i].path))
			rc = mtkfwi_port_names_add(&bt->dropped, brd.entries[i].path);
out:
	mtkfw_ramdisk_clear(&prd);
	mtkfw_ramdisk_clear(&brd);
	free(pbuf);
	free(bbuf);
	return rc;
}
