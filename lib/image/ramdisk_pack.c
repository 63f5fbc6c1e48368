/*
 * Ramdisk <-> folder: the members under DIR/root, and in the manifest the compression and every
 * member in archive order with its type, mode, owner, time and (for devices) numbers, which a
 * folder cannot hold. Repack takes the manifest's members, then any file added under root/.
 */
#include "image/pack.h"

#include "core/file.h"
#include "core/internal.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

#define RD_ROOT "root"

static const char *type_name(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "file";
	case S_IFDIR: return "dir";
	case S_IFLNK: return "symlink";
	case S_IFCHR: return "char";
	case S_IFBLK: return "block";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "socket";
	default: return "unknown";
	}
}

static int type_bits(const char *t, uint32_t *out)
{
	static const struct { const char *n; uint32_t b; } types[] = {
		{ "file", S_IFREG }, { "dir", S_IFDIR }, { "symlink", S_IFLNK }, { "char", S_IFCHR },
		{ "block", S_IFBLK }, { "fifo", S_IFIFO }, { "socket", S_IFSOCK },
	};
	for (size_t i = 0; t && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(t, types[i].n)) {
			*out = types[i].b;
			return 0;
		}
	return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": member type '%s' unknown", t ? t : "");
}

/* The archive's own numbers a folder cannot hold: the trailer, the padding, the gzip maker. */
static void put_archive_fields(json_t *m, const struct mtkfw_ramdisk *rd)
{
	const struct mtkfw_cpio_form *t = &rd->form;

	json_object_set_new(m, "trailer", json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "ino", (json_int_t)t->ino, "mode",
						  (json_int_t)t->mode, "uid", (json_int_t)t->uid, "gid", (json_int_t)t->gid,
						  "nlink", (json_int_t)t->nlink, "mtime", (json_int_t)t->mtime));
	json_object_set_new(m, "pad_to", json_integer(t->pad_to));
	json_object_set_new(m, "upper_hex", json_boolean(t->upper_hex));
	json_object_set_new(m, "dot_slash", json_boolean(t->dot_slash));
	if (rd->comp == MTKFW_COMP_GZIP)
		json_object_set_new(m, "gzip", json_pack("{s:i,s:I,s:i,s:i}", "level", rd->gzip.level, "mtime",
							 (json_int_t)rd->gzip.mtime, "xfl", rd->gzip.xfl, "os",
							 rd->gzip.os));
}

/* Absent keys keep their zero (manifests written before these fields existed). */
static int get_archive_fields(const json_t *m, struct mtkfw_ramdisk *rd)
{
	const json_t *t = json_object_get(m, "trailer"), *g = json_object_get(m, "gzip");
	struct mtkfw_cpio_form *tl = &rd->form;
	uint32_t v;
	int rc = 0;

	if (t && ((rc = mtkfwi_pk_get_u32(t, "ino", &tl->ino)) || (rc = mtkfwi_pk_get_u32(t, "mode", &tl->mode)) ||
		  (rc = mtkfwi_pk_get_u32(t, "uid", &tl->uid)) || (rc = mtkfwi_pk_get_u32(t, "gid", &tl->gid)) ||
		  (rc = mtkfwi_pk_get_u32(t, "nlink", &tl->nlink)) || (rc = mtkfwi_pk_get_u32(t, "mtime", &tl->mtime))))
		return rc;
	if (json_object_get(m, "pad_to") && (rc = mtkfwi_pk_get_u32(m, "pad_to", &tl->pad_to)))
		return rc;
	tl->upper_hex = json_is_true(json_object_get(m, "upper_hex"));
	tl->dot_slash = json_is_true(json_object_get(m, "dot_slash"));
	if (g) {
		if ((rc = mtkfwi_pk_get_u32(g, "level", &v)))
			return rc;
		if (v > 9)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": gzip level %u is not 0..9", v);
		rd->gzip.level = (int)v;
		if ((rc = mtkfwi_pk_get_u32(g, "mtime", &rd->gzip.mtime)) || (rc = mtkfwi_pk_get_u32(g, "xfl", &v)))
			return rc;
		rd->gzip.xfl = (uint8_t)v;
		if ((rc = mtkfwi_pk_get_u32(g, "os", &v)))
			return rc;
		rd->gzip.os = (uint8_t)v;
	}
	return 0;
}

static int rd_from_manifest(struct mtkfw_ramdisk *rd, const json_t *m, const char *root);

/*
 * Does the folder just written repack to the very bytes it came from? Said in the report, so
 * that a ramdisk whose gzip another compressor made (no zlib level gives its bytes) is not
 * promised a byte-identical round trip: its cpio still is, checked here too.
 */
static const char *same_on_repack(const json_t *m, const char *dir, const uint8_t *buf, size_t len)
{
	struct mtkfw_ramdisk rd = { 0 };
	uint8_t *out = NULL, *a = NULL, *b = NULL;
	size_t out_len = 0, al = 0, bl = 0;
	char *root = NULL;
	const char *say = "repack not checked";

	if (!mtkfw_path_under(dir, RD_ROOT, &root) && !rd_from_manifest(&rd, m, root) &&
	    !mtkfw_ramdisk_build(&out, &out_len, &rd, root)) {
		if (out_len == len && !memcmp(out, buf, len))
			say = "repacks byte for byte";
		else if (rd.comp == MTKFW_COMP_NONE)
			say = "repack differs (the cpio is not written the way mkbootfs, GNU cpio or libarchive write one)";
		else if (!mtkfw_decompress(&a, &al, rd.comp, buf, len, MTKFW_RAMDISK_MAX_BYTES) &&
			 !mtkfw_decompress(&b, &bl, rd.comp, out, out_len, MTKFW_RAMDISK_MAX_BYTES) && al == bl &&
			 !memcmp(a, b, al))
			say = rd.comp == MTKFW_COMP_GZIP ? "repack keeps the cpio byte for byte, not the gzip bytes "
							   "(no zlib level makes them: another compressor)"
							 : "repack keeps the cpio byte for byte, not the compressed bytes";
		else
			say = "repack differs in the cpio (written the way mkbootfs, GNU cpio or libarchive write one)";
	}
	mtkfw_error_clear();
	free(a);
	free(b);
	free(out);
	free(root);
	mtkfw_ramdisk_clear(&rd);
	return say;
}

int mtkfwi_pk_ramdisk_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len, const char *dir)
{
	struct mtkfw_ramdisk rd;
	char *root = NULL;
	json_t *m, *ents;
	int rc;

	if ((rc = mtkfw_ramdisk_list(&rd, buf, len)))
		return rc;
	if ((rc = mtkfw_path_under(dir, RD_ROOT, &root)))
		goto out;
	if ((rc = mtkfwi_pk_prepare_dir(root)))
		goto out;
	if ((rc = mtkfw_ramdisk_extract(&rd, buf, len, root)))
		goto out;
	m = mtkfwi_pk_manifest_new("ramdisk");
	json_object_set_new(m, "compression", json_string(mtkfw_compression_name(rd.comp)));
	json_object_set_new(m, "root", json_string(RD_ROOT));
	ents = json_array();
	json_object_set_new(m, "entries", ents);
	for (size_t i = 0; i < rd.count; i++) {
		const struct mtkfw_cpio_entry *ce = &rd.entries[i];
		json_t *o = json_object();

		json_object_set_new(o, "path", json_string(ce->path));
		json_object_set_new(o, "type", json_string(type_name(ce->mode)));
		json_object_set_new(o, "mode", json_integer(ce->mode & 07777));
		json_object_set_new(o, "uid", json_integer(ce->uid));
		json_object_set_new(o, "gid", json_integer(ce->gid));
		json_object_set_new(o, "mtime", json_integer((json_int_t)ce->mtime));
		json_object_set_new(o, "nlink", json_integer(ce->nlink));
		/* The inode number always: hard links share one, and a repack writes them back. */
		json_object_set_new(o, "ino", json_integer((json_int_t)ce->ino));
		if (ce->devmajor || ce->devminor) {
			json_object_set_new(o, "dev_major", json_integer(ce->devmajor));
			json_object_set_new(o, "dev_minor", json_integer(ce->devminor));
		}
		if (ce->link)
			json_object_set_new(o, "link", json_string(ce->link));
		if (S_ISCHR(ce->mode) || S_ISBLK(ce->mode)) {
			json_object_set_new(o, "major", json_integer(ce->rdevmajor));
			json_object_set_new(o, "minor", json_integer(ce->rdevminor));
		}
		json_array_append_new(ents, o);
	}
	put_archive_fields(m, &rd);
	rc = mtkfwi_pk_manifest_save(dir, m);
	if (!rc) {
		rep->kind = MTKFW_IMG_RAMDISK;
		rep->files = (uint32_t)rd.count;
		snprintf(rep->detail, sizeof(rep->detail), "ramdisk (%s cpio), %zu members, %llu bytes, %s",
			 mtkfw_compression_name(rd.comp), rd.count, (unsigned long long)rd.unpacked,
			 same_on_repack(m, dir, buf, len));
	}
	json_decref(m);
out:
	free(root);
	mtkfw_ramdisk_clear(&rd);
	return rc;
}

static int add_entry(struct mtkfw_ramdisk *rd, size_t *cap, const char *path, uint32_t mode)
{
	struct mtkfw_cpio_entry *ce;

	if (rd->count >= MTKFW_RAMDISK_MAX_ENTRIES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "ramdisk: over %u members", MTKFW_RAMDISK_MAX_ENTRIES);
	if (rd->count == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		void *np = mtkfw_reallocarray(rd->entries, nc, sizeof(*rd->entries));

		if (!np)
			return MTKFW_ERR_NOMEM;
		rd->entries = np;
		*cap = nc;
	}
	ce = &rd->entries[rd->count];
	memset(ce, 0, sizeof(*ce));
	if (!(ce->path = mtkfw_strdup(path)))
		return MTKFW_ERR_NOMEM;
	ce->mode = mode;
	rd->count++;
	return 0;
}

static bool listed(const struct mtkfw_ramdisk *rd, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rd->entries[i].path, path))
			return true;
	return false;
}

/* Files added under root/ after unpack join the archive (0644 files, 0755 folders, root:root). */
static int add_new(struct mtkfw_ramdisk *rd, size_t *cap, size_t listed_n, const char *root, const char *rel,
		   int depth)
{
	char *dpath = rel[0] ? mtkfw_path_join(root, rel) : mtkfw_strdup(root);
	struct dirent **names = NULL;
	int n, rc = 0;

	if (!dpath)
		return MTKFW_ERR_NOMEM;
	if (depth > 64) {
		free(dpath);
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: folders nested too deep", root);
	}
	n = scandir(dpath, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		char *r = NULL, *full;
		struct stat st;

		if (!rc && strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
			if (rel[0]) {
				r = malloc(strlen(rel) + strlen(names[i]->d_name) + 2);
				if (r)
					sprintf(r, "%s/%s", rel, names[i]->d_name);
			} else {
				r = mtkfw_strdup(names[i]->d_name);
			}
			full = r ? mtkfw_path_join(root, r) : NULL;
			if (!full) {
				rc = MTKFW_ERR_NOMEM;
			} else if (lstat(full, &st) == 0) {
				if (!listed(rd, listed_n, r) && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) ||
								 S_ISLNK(st.st_mode)))
					rc = add_entry(rd, cap, r, (st.st_mode & S_IFMT) |
						       (S_ISDIR(st.st_mode) ? 0755 : S_ISLNK(st.st_mode) ? 0777 : 0644));
				if (!rc && S_ISDIR(st.st_mode))
					rc = add_new(rd, cap, listed_n, root, r, depth + 1);
			}
			free(full);
			free(r);
		}
		free(names[i]);
	}
	free(names);
	free(dpath);
	return rc;
}

/* The ramdisk a manifest describes: its members (minus files deleted from root/, plus files
 * added there) and the archive's own numbers. */
static int rd_from_manifest(struct mtkfw_ramdisk *rd, const json_t *m, const char *root)
{
	const json_t *ents = json_object_get(m, "entries");
	const char *comp;
	size_t cap = 0, n;
	int rc = 0, c;

	memset(rd, 0, sizeof(*rd));
	if ((rc = mtkfwi_pk_get_str(m, "compression", &comp)))
		return rc;
	if ((c = mtkfw_compression_parse(comp)) < 0 || c == MTKFW_COMP_LZO || c == MTKFW_COMP_ZLIB)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": compression must be none, gzip, lz4, lzma or xz");
	rd->comp = (mtkfw_compression)c;
	if (!json_is_array(ents))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": 'entries' must be a list");
	if ((rc = get_archive_fields(m, rd)))
		return rc;
	n = json_array_size(ents);
	for (size_t i = 0; i < n && !rc; i++) {
		const json_t *o = json_array_get(ents, i);
		const char *path, *type, *link;
		uint32_t bits = 0, mode = 0, v = 0;
		struct mtkfw_cpio_entry *ce;
		struct stat st;
		char *full = NULL;

		if ((rc = mtkfwi_pk_get_str(o, "path", &path)) || (rc = mtkfwi_pk_get_str(o, "type", &type)) ||
		    (rc = mtkfwi_pk_get_str(o, "link", &link)) || (rc = type_bits(type, &bits)) ||
		    (rc = mtkfwi_pk_get_u32(o, "mode", &mode)))
			break;
		if (!path) {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, PK_MANIFEST ": entry %zu has no path", i);
			break;
		}
		/* A file or folder deleted from root/ leaves the archive. */
		if ((bits == S_IFREG || bits == S_IFDIR) && strcmp(path, ".") && *path) {
			if ((rc = mtkfw_path_under(root, path, &full)))
				break;
			bool gone = lstat(full, &st) != 0;
			free(full);
			if (gone)
				continue;
		}
		if ((rc = add_entry(rd, &cap, path, bits | (mode & 07777))))
			break;
		ce = &rd->entries[rd->count - 1];
		if ((rc = mtkfwi_pk_get_u32(o, "uid", &ce->uid)) || (rc = mtkfwi_pk_get_u32(o, "gid", &ce->gid)) ||
		    (rc = mtkfwi_pk_get_u32(o, "mtime", &v)))
			break;
		ce->mtime = v;
		if (json_object_get(o, "nlink") && (rc = mtkfwi_pk_get_u32(o, "nlink", &ce->nlink)))
			break;
		if (json_object_get(o, "ino") && (rc = mtkfwi_pk_get_u64(o, "ino", UINT32_MAX, &ce->ino)))
			break;
		if (json_object_get(o, "dev_major") && ((rc = mtkfwi_pk_get_u32(o, "dev_major", &ce->devmajor)) ||
							(rc = mtkfwi_pk_get_u32(o, "dev_minor", &ce->devminor))))
			break;
		if (link && !(ce->link = mtkfw_strdup(link))) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		if (json_object_get(o, "major") && ((rc = mtkfwi_pk_get_u32(o, "major", &ce->rdevmajor)) ||
						    (rc = mtkfwi_pk_get_u32(o, "minor", &ce->rdevminor))))
			break;
	}
	if (!rc)
		rc = add_new(rd, &cap, rd->count, root, "", 0);
	if (rc)
		mtkfw_ramdisk_clear(rd);
	return rc;
}

int mtkfwi_pk_ramdisk_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir, const char *file)
{
	struct mtkfw_ramdisk rd = { 0 };
	const char *rootname;
	char *root = NULL;
	uint8_t *out = NULL;
	size_t out_len = 0;
	int rc;

	if ((rc = mtkfwi_pk_get_str(m, "root", &rootname)))
		return rc;
	if ((rc = mtkfw_path_under(dir, rootname ? rootname : RD_ROOT, &root)))
		return rc;
	if (!(rc = rd_from_manifest(&rd, m, root)))
		rc = mtkfw_ramdisk_build(&out, &out_len, &rd, root);
	if (!rc)
		rc = mtkfw_write_file_atomic(file, out, out_len);
	if (!rc) {
		rep->kind = MTKFW_IMG_RAMDISK;
		rep->files = (uint32_t)rd.count;
		snprintf(rep->detail, sizeof(rep->detail), "ramdisk (%s cpio), %zu members, %zu bytes",
			 mtkfw_compression_name(rd.comp), rd.count, out_len);
	}
	free(out);
	free(root);
	mtkfw_ramdisk_clear(&rd);
	return rc;
}
