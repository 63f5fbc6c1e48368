/*
 * Building a port's boot image from its plan, through the image kit's own unpack and repack
 * (lib/image): the phone's boot image is unpacked once (its kernel's MTK header kept in the
 * manifest), its ramdisk payload replaced by the base's ramdisk with the phone's board files,
 * and repacked once, so the kernel is the phone's byte for byte and never wrapped twice.
 */
#include "core/file.h"
#include "core/internal.h"
#include "port/port_internal.h"

#include <mtkfw/image.h>

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int mkdir_new(const char *dir)
{
	return mkdir(dir, 0700) == 0 ? 0 : mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
}

/* The merged ramdisk: the base's members but its board files, then the phone's board files,
 * their bytes put beside the base's in `rdir`. */
static int merge(const mtkfw_port_plan *plan, const struct mtkfw_ramdisk *brd, const struct mtkfw_ramdisk *prd,
		 const char *rdir, const char *pdir, struct mtkfw_ramdisk *out)
{
	const struct mtkfw_port_boot *bt = &plan->boot;
	size_t n = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->comp = brd->comp;
	if (!(out->entries = mtkfw_calloc(brd->count + prd->count + 1, sizeof(*out->entries))))
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < brd->count; i++)
		if (!mtkfwi_port_names_have(&bt->board_files, brd->entries[i].path) &&
		    !mtkfwi_port_names_have(&bt->dropped, brd->entries[i].path))
			out->entries[n++] = brd->entries[i]; /* shallow: brd owns the strings */
	for (size_t i = 0; i < prd->count && !rc; i++) {
		const struct mtkfw_cpio_entry *e = &prd->entries[i];
		char *to = NULL, *from = NULL;

		if (!mtkfwi_port_names_have(&bt->board_files, e->path))
			continue;
		out->entries[n] = *e;
		/* Alone in this ramdisk: a hard link's other names stayed in the phone's. */
		if ((e->mode & S_IFMT) == S_IFREG)
			out->entries[n].nlink = 1;
		n++;
		if ((rc = mtkfw_path_under(rdir, e->path, &to)))
			break;
		(void)unlink(to); /* the base's file or link of that name */
		if ((e->mode & S_IFMT) == S_IFREG) {
			uint8_t *buf = NULL;
			size_t len = 0;

			if (!(rc = mtkfw_path_under(pdir, e->path, &from)) &&
			    !(rc = mtkfw_read_file(from, MTKFW_RAMDISK_MAX_BYTES, &buf, &len)))
				rc = mtkfw_write_file_atomic(to, buf, len);
			free(buf);
		}
		free(to);
		free(from);
	}
	out->count = n;
	if (rc) {
		free(out->entries);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

/* The file name the unpacked folder's manifest gives the ramdisk part. */
static int ramdisk_member(const char *dir, char **out)
{
	char *m = mtkfw_path_join(dir, "manifest.json");
	json_error_t err;
	json_t *root = m ? json_load_file(m, 0, &err) : NULL;
	const char *f = json_string_value(json_object_get(json_object_get(json_object_get(root, "parts"), "ramdisk"),
							   "file"));
	int rc = 0;

	if (!m)
		rc = mtkfw_nomem();
	else if (!f)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: the phone's boot image unpacked without a ramdisk", m);
	else if (!(*out = mtkfw_strdup(f)))
		rc = MTKFW_ERR_NOMEM;
	json_decref(root);
	free(m);
	return rc;
}

int mtkfwi_port_boot_build(const mtkfw_port_plan *plan, const char *scratch, const char *out, mtkfw_ctx *ctx)
{
	const struct mtkfw_port_boot *bt = &plan->boot;
	char *img = mtkfw_path_join(scratch, "boot-phone.img"), *udir = mtkfw_path_join(scratch, "boot-phone");
	char *rdir = mtkfw_path_join(scratch, "ramdisk"), *pdir = mtkfw_path_join(scratch, "ramdisk-phone");
	char *member = NULL, *rpath = NULL;
	struct mtkfw_ramdisk brd = { 0 }, prd = { 0 }, merged = { 0 };
	struct mtkfw_unpack_report rep;
	uint8_t *bbuf = NULL, *pr = NULL, *nr = NULL;
	const uint8_t *r;
	size_t blen = 0, prl = 0, rl, nrl = 0;
	int rc;

	if (!img || !udir || !rdir || !pdir) {
		rc = mtkfw_nomem();
		goto out;
	}
	/* Unpacked once: the kernel's header goes into the manifest, its bytes into a file. */
	if ((rc = mtkfwi_port_from_copy(&bt->phone, img, "BOOTIMG", ctx)) || (rc = mtkfw_unpack(&rep, img, udir, NULL, ctx)) ||
	    (rc = ramdisk_member(udir, &member)) || (rc = mtkfw_path_under(udir, member, &rpath)))
		goto out;
	/* The base's ramdisk and the phone's, each listed and extracted. */
	if ((rc = mtkfwi_port_from_read(&bt->base, PORT_IMAGE_MAX, &bbuf, &blen)) ||
	    (rc = mtkfwi_port_ramdisk_of(bbuf, blen, mtkfw_path_base(bt->base.path), &r, &rl)) ||
	    (rc = mtkfw_ramdisk_list(&brd, r, rl)) || (rc = mkdir_new(rdir)) || (rc = mtkfw_ramdisk_extract(&brd, r, rl, rdir)))
		goto out;
	if ((rc = mtkfw_read_file(rpath, PORT_IMAGE_MAX, &pr, &prl)) || (rc = mtkfw_ramdisk_list(&prd, pr, prl)) ||
	    (rc = mkdir_new(pdir)) || (rc = mtkfw_ramdisk_extract(&prd, pr, prl, pdir)))
		goto out;
	if ((rc = merge(plan, &brd, &prd, rdir, pdir, &merged)) || (rc = mtkfw_ramdisk_build(&nr, &nrl, &merged, rdir)))
		goto out;
	/* Repacked once: the phone's header fields and kernel, the new ramdisk in its MTK header. */
	if ((rc = mtkfw_write_file_atomic(rpath, nr, nrl)) == 0)
		rc = mtkfw_repack(&rep, udir, out, ctx);
out:
	free(merged.entries);
	mtkfw_ramdisk_clear(&brd);
	mtkfw_ramdisk_clear(&prd);
	free(bbuf);
	free(pr);
	free(nr);
	free(member);
	free(rpath);
	free(img);
	free(udir);
	free(rdir);
	free(pdir);
	return rc;
}
