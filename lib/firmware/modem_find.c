/*
 * The modem a system partition carries, looked up as the MT6572 kernel's CCCI driver does:
 * /custom/etc/firmware before /etc/firmware, and in each the names in the kernel's order. The
 * image is read by range through the ext4 reader (a system.img, raw or sparse, a readback, a
 * phone's partition through the DA): only its head, its trailer and the version search touch it.
 */
#include "core/internal.h"
#include "firmware/fw_internal.h"
#include "firmware/modem_internal.h"

#include <stdio.h>

static const char *const folders[] = { "/custom/etc/firmware", "/etc/firmware" };
static const char *const names[] = {
	"modem_1_wg_n_E1.img", "modem_1_wg_n.img", "modem_1_2g_n_E1.img", "modem_1_2g_n.img",
	"modem_1_tg_n_E1.img", "modem_1_tg_n.img", "modem.img",
};

struct fs_src {
	mtkfw_ext4 *fs;
	const char *path;
};

static int fs_read(void *user, uint64_t off, void *buf, size_t n)
{
	struct fs_src *s = user;

	return mtkfw_ext4_pread(s->fs, s->path, off, buf, n);
}

/* A link's target as a path in this image (the partition is mounted at /system), or NULL. */
static char *inside(const char *folder, const char *target)
{
	char *p = NULL;

	if (strncmp(target, "/system/", 8) == 0)
		return mtkfw_strdup(target + 7);
	if (target[0] == '/')
		return NULL; /* another partition: /custpack, /vendor, /data */
	if (asprintf(&p, "%s/%s", folder, target) < 0)
		return NULL;
	return p;
}

/* One candidate: 1 found (out filled), 0 absent, negative an error. */
static int try_one(struct mtkfw_modem *out, mtkfw_ext4 *fs, const char *folder, const char *name, const char *label)
{
	mtkfw_ext4_entry e = { 0 }, t = { 0 };
	struct fs_src src = { fs, NULL };
	char *path = NULL, *real = NULL, *shown = NULL;
	int rc;

	if (asprintf(&path, "%s/%s", folder, name) < 0)
		return mtkfw_nomem();
	rc = mtkfw_ext4_stat(&e, fs, path);
	if (rc == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		free(path);
		return 0;
	}
	if (!rc && e.type == MTKFW_EXT4_SYMLINK && e.target) {
		/* Followed one step when it stays in this image; otherwise the link is the stub. */
		if ((real = inside(folder, e.target)) && mtkfw_ext4_stat(&t, fs,
		    real) == 0 && t.type == MTKFW_EXT4_FILE) {
			src.path = real;
			e.size = t.size;
		} else {
			mtkfw_error_clear();
			memset(out, 0, sizeof(*out));
			out->kind = MTKFW_MODEM_STUB;
			out->image_type = mtkfwi_modem_type_from_name(name);
			if (!(out->target = mtkfw_strdup(e.target)) || asprintf(&out->file, "%s:%s", label, path) < 0) {
				out->file = NULL;
				rc = mtkfw_nomem();
			}
			goto done;
		}
	} else if (!rc && e.type != MTKFW_EXT4_FILE) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s:%s: a %s, not a modem image", label, path, mtkfw_ext4_type_name(e.type));
		goto done;
	} else if (!rc) {
		src.path = path;
	}
	if (!rc && asprintf(&shown, "%s:%s", label, path) < 0) {
		shown = NULL;
		rc = mtkfw_nomem();
	}
	if (!rc)
		rc = mtkfwi_modem_read(out, fs_read, &src, e.size, shown);
done:
	mtkfw_ext4_entry_clear(&e);
	mtkfw_ext4_entry_clear(&t);
	free(path);
	free(real);
	free(shown);
	if (rc)
		mtkfw_modem_clear(out);
	return rc ? rc : 1;
}

/* The names in /etc/mddb, sorted as the file system lists them. */
static int mddb_names(struct mtkfw_names *out, mtkfw_ext4 *fs)
{
	mtkfw_ext4_dir d = { 0 };
	int rc = mtkfw_ext4_list(&d, fs, "/etc/mddb");

	if (rc == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		return 0;
	}
	for (size_t i = 0; !rc && i < d.count && out->count < MTKFW_MODEM_MDDB_MAX; i++)
		if (d.entries[i].type == MTKFW_EXT4_FILE || d.entries[i].type == MTKFW_EXT4_SYMLINK)
			rc = mtkfwi_fw_names_add(out, d.entries[i].name, strlen(d.entries[i].name));
	mtkfw_ext4_dir_clear(&d);
	return rc;
}

int mtkfw_modem_find(struct mtkfw_modem *out, mtkfw_ext4 *fs, const char *label)
{
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!label)
		label = "system";
	for (size_t f = 0; f < sizeof(folders) / sizeof(folders[0]) && !rc; f++)
		for (size_t n = 0; n < sizeof(names) / sizeof(names[0]) && !rc; n++)
			rc = try_one(out, fs, folders[f], names[n], label);
	if (rc < 0)
		return rc;
	if (!rc)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no modem image in /custom/etc/firmware or /etc/firmware", label);
	if ((rc = mddb_names(&out->mddb, fs)) != 0)
		mtkfw_modem_clear(out);
	return rc;
}
