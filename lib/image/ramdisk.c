/*
 * Ramdisks: a newc cpio, raw or compressed (gzip, lz4 legacy, lzma, xz), read and written with
 * libarchive (lz4 legacy frames, which the kernel wants and libarchive does not write, with
 * liblz4). Every count and byte total is bounded while reading, so a bomb stops at the limit.
 */
#include <mtkfw/image.h>

#include "core/bytes.h"
#include "core/file.h"
#include "core/fuzz_feedback.h"
#include "image/gzip_make.h"
#include "core/internal.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <lz4.h>
#include <lz4hc.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int mtkfw_ramdisk_detect(const uint8_t *buf, size_t len)
{
	int c;

	if (len >= 6 && (!memcmp(buf, "070701", 6) || !memcmp(buf, "070702", 6)))
		return MTKFW_COMP_NONE;
	/* The compressions libarchive reads here and kernels of the era unpack. */
	c = mtkfw_compression_detect(buf, len);
	if (c == MTKFW_COMP_GZIP || c == MTKFW_COMP_LZ4 || c == MTKFW_COMP_LZMA || c == MTKFW_COMP_XZ)
		return c;
	return -1;
}

void mtkfw_ramdisk_clear(struct mtkfw_ramdisk *rd)
{
	if (!rd)
		return;
	for (size_t i = 0; i < rd->count; i++) {
		free(rd->entries[i].path);
		free(rd->entries[i].link);
	}
	free(rd->entries);
	memset(rd, 0, sizeof(*rd));
}

/* One hex field of a newc header. */
static bool hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		int c = p[i], d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
				 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return true;
}

/* The trailer's header fields and the zero padding after it (check_newc found it whole). */
static void read_tail(struct mtkfw_cpio_form *t, const uint8_t *p, size_t n, size_t pos)
{
	uint32_t *f[] = { &t->ino, &t->mode, &t->uid, &t->gid, &t->nlink, &t->mtime };
	size_t end = (pos + 110 + 11 + 3) & ~(size_t)3, k;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		hex8(p + pos + 6 + 8 * i, f[i]);
	end = end < n ? end : n;
	for (k = end; k < n && !p[k]; k++)
		;
	if (k < n)
		return; /* something after the trailer that is not padding: not kept */
	/* The largest block the length is a multiple of, and the zeros shorter than one block. */
	for (uint32_t a = 512; a > 4; a >>= 1)
		if (n % a == 0 && n - end < a) {
			t->pad_to = a;
			break;
		}
}

/*
 * Walk the newc headers ourselves before libarchive sees them: every name and data size must
 * fit the bytes that are really there, so a forged size can never make anyone allocate more
 * than the archive holds.
 */
static int check_newc(const uint8_t *p, size_t n, struct mtkfw_cpio_form *form)
{
	size_t pos = 0, count = 0, named = 0, dotted = 0;
	bool upper = false;

	for (;;) {
		uint32_t namesize, filesize;
		uint64_t end;

		if (pos == 0 && (n < 6 || (memcmp(p, "070701", 6) && memcmp(p, "070702", 6))))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: not a newc cpio archive");
		if (!span_ok(n, pos, 110))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "ramdisk: cpio ends inside a header at %zu "
					    "(no TRAILER!!!)", pos);
		if (memcmp(p + pos, "070701", 6) && memcmp(p + pos, "070702", 6))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: no newc cpio header at %zu", pos);
		/* All 13 fields must be hex: libarchive reads them leniently, we do not. */
		for (int f = 0; f < 13; f++) {
			uint32_t v;

			if (!hex8(p + pos + 6 + 8 * f, &v))
				return mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: cpio header at %zu has a non-hex field",
						    pos);
		}
		for (int k = 6; k < 110 && !upper; k++)
			upper = p[pos + k] >= 'A' && p[pos + k] <= 'F';
		hex8(p + pos + 54, &filesize);
		hex8(p + pos + 94, &namesize);
		if (!namesize || namesize > 4096)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: cpio member at %zu has a %u-byte name", pos,
					    namesize);
		end = (pos + 110 + namesize + 3) & ~(uint64_t)3;
		if (!span_ok(n, pos + 110, namesize))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "ramdisk: cpio name at %zu runs past the end", pos);
		if (namesize == 11 && !memcmp(p + pos + 110, "TRAILER!!!", 11)) {
			if (filesize)
				return mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: the cpio trailer carries data");
			if (form) {
				memset(form, 0, sizeof(*form));
				read_tail(form, p, n, pos);
				form->upper_hex = upper;
				form->dot_slash = named && dotted == named;
			}
			return 0;
		}
		if (!(namesize == 2 && p[pos + 110] == '.')) {
			named++;
			dotted += namesize > 2 && p[pos + 110] == '.' && p[pos + 111] == '/';
		}
		if (!span_ok(n, end, filesize))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "ramdisk: cpio member at %zu claims %u bytes, "
					    "%llu remain", pos, filesize, (unsigned long long)(end <= n ? n - end : 0));
		if (++count > MTKFW_RAMDISK_MAX_ENTRIES)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "ramdisk: over %u members", MTKFW_RAMDISK_MAX_ENTRIES);
		pos = (size_t)((end + filesize + 3) & ~(uint64_t)3);
	}
}

/*
 * The bare cpio of a ramdisk: decompressed here (bounded by MTKFW_RAMDISK_MAX_BYTES, through
 * the library's one set of decompressors) and checked, so libarchive only ever parses a
 * validated, uncompressed archive in memory. *owned says whether *raw must be freed.
 */
static int load_cpio(const uint8_t *buf, size_t len, const uint8_t **raw, size_t *raw_len, uint8_t **owned,
		     mtkfw_compression *comp, struct mtkfw_cpio_form *form)
{
	int c = mtkfw_ramdisk_detect(buf, len), rc;
	uint8_t *out = NULL;
	size_t out_len = 0;

	*owned = NULL;
	if (c < 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "not a ramdisk (no cpio, gzip, lz4, lzma or xz magic)");
	*comp = (mtkfw_compression)c;
	if (c == MTKFW_COMP_NONE) {
		*raw = buf;
		*raw_len = len;
	} else {
		if ((rc = mtkfw_decompress(&out, &out_len, (mtkfw_compression)c, buf, len, MTKFW_RAMDISK_MAX_BYTES))) {
			mtkfw_seterr_prefix("ramdisk");
			return rc;
		}
		*raw = out;
		*raw_len = out_len;
		*owned = out;
	}
	if ((rc = check_newc(*raw, *raw_len, form))) {
		free(out);
		*owned = NULL;
		return rc;
	}
	return 0;
}

static struct archive *open_reader(const uint8_t *buf, size_t len)
{
	struct archive *a = archive_read_new();

	if (!a) {
		mtkfw_nomem();
		return NULL;
	}
	archive_read_support_format_cpio(a);
	if (archive_read_open_memory(a, buf, len) != ARCHIVE_OK) {
		mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: %s", archive_error_string(a) ? archive_error_string(a) : "not a cpio");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Drop a leading "./" so names compare and join the same way whatever tool made the cpio. */
static const char *clean_name(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

/* Read the data of the current entry, counting it against the total limit; `out` may be NULL
 * to skip. */
static int read_data(struct archive *a, uint64_t *total, uint8_t **out, size_t *out_len, const char *name)
{
	uint8_t chunk[1 << 16], *buf = NULL;
	size_t len = 0;
	la_ssize_t n;

	while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
		*total += (uint64_t)n;
		if (*total > MTKFW_RAMDISK_MAX_BYTES) {
			free(buf);
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "ramdisk: over %u MiB unpacked (a bomb?)",
					    MTKFW_RAMDISK_MAX_BYTES >> 20);
		}
		if (out) {
			uint8_t *nb = realloc(buf, len + (size_t)n);

			if (!nb) {
				free(buf);
				return mtkfw_nomem();
			}
			buf = nb;
			memcpy(buf + len, chunk, (size_t)n);
		}
		len += (size_t)n;
	}
	if (n < 0) {
		free(buf);
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: %s: %s", name,
				    archive_error_string(a) ? archive_error_string(a) : "corrupt data");
	}
	if (out) {
		*out = buf;
		*out_len = len;
	}
	return 0;
}

int mtkfw_ramdisk_list(struct mtkfw_ramdisk *out, const uint8_t *buf, size_t len)
{
	struct mtkfw_ramdisk rd = { 0 };
	struct archive *a;
	struct archive_entry *e;
	size_t cap = 0, raw_len;
	const uint8_t *raw;
	uint8_t *owned;
	int r, rc = 0;

	memset(out, 0, sizeof(*out));
	if ((rc = load_cpio(buf, len, &raw, &raw_len, &owned, &rd.comp, &rd.form)))
		return rc;
	if (rd.comp == MTKFW_COMP_GZIP)
		mtkfwi_gzip_find_level(&rd.gzip, buf, len, raw, raw_len);
	if (!(a = open_reader(raw, raw_len))) {
		free(owned);
		return mtkfw_error_last()->code;
	}
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		struct mtkfw_cpio_entry *ce;
		const char *name = archive_entry_pathname(e);

		if (!strcmp(name ? name : "", "TRAILER!!!"))
			break;
		if (rd.count >= MTKFW_RAMDISK_MAX_ENTRIES) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "ramdisk: over %u members", MTKFW_RAMDISK_MAX_ENTRIES);
			break;
		}
		if (rd.count == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			void *np = mtkfw_reallocarray(rd.entries, ncap, sizeof(*rd.entries));

			if (!np) {
				rc = MTKFW_ERR_NOMEM;
				break;
			}
			rd.entries = np;
			cap = ncap;
		}
		ce = &rd.entries[rd.count];
		memset(ce, 0, sizeof(*ce));
		/* What libarchive made of the header, and how far in it is (fuzz_feedback.h). */
		fuzz_feature(FUZZ_CPIO_ENTRY, fuzz_bucket(rd.count) << 8 | (unsigned)(archive_entry_filetype(e) >> 12) << 2 |
						      (r == ARCHIVE_WARN) << 1 | (name && *name));
		fuzz_feature(FUZZ_CPIO_POS, fuzz_bucket((uint64_t)archive_filter_bytes(a, -1)));
		ce->path = mtkfw_strdup(clean_name(name ? name : ""));
		ce->mode = archive_entry_mode(e);
		ce->uid = (uint32_t)archive_entry_uid(e);
		ce->gid = (uint32_t)archive_entry_gid(e);
		ce->mtime = (uint64_t)archive_entry_mtime(e);
		ce->nlink = archive_entry_nlink(e);
		ce->rdevmajor = (uint32_t)archive_entry_rdevmajor(e);
		ce->rdevminor = (uint32_t)archive_entry_rdevminor(e);
		ce->ino = (uint64_t)archive_entry_ino64(e);
		ce->devmajor = (uint32_t)archive_entry_devmajor(e);
		ce->devminor = (uint32_t)archive_entry_devminor(e);
		if (archive_entry_symlink(e))
			ce->link = mtkfw_strdup(archive_entry_symlink(e));
		rd.count++;
		if (!ce->path || (archive_entry_symlink(e) && !ce->link)) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		{
			uint64_t before = rd.unpacked;

			if ((rc = read_data(a, &rd.unpacked, NULL, NULL, ce->path)))
				break;
			ce->size = rd.unpacked - before;
			/* cpio stores a symlink's target as its data: its size is the target's. */
			if (ce->link)
				ce->size = strlen(ce->link);
		}
	}
	fuzz_feature(FUZZ_CPIO_END, (uint64_t)(r - ARCHIVE_FATAL) << 16 | (unsigned)(archive_errno(a) & 0xffff));
	if (!rc && r != ARCHIVE_OK && r != ARCHIVE_EOF && r != ARCHIVE_WARN)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: %s",
				  archive_error_string(a) ? archive_error_string(a) : "corrupt cpio");
	if (!rc && !rd.count)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "ramdisk: no members");
	archive_read_free(a);
	free(owned);
	if (rc) {
		mtkfw_ramdisk_clear(&rd);
		return rc;
	}
	*out = rd;
	return 0;
}

int mtkfw_ramdisk_list_file(struct mtkfw_ramdisk *out, const char *path)
{
	uint8_t *buf;
	size_t len;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = mtkfw_read_file(path, 256u << 20, &buf, &len)))
		return rc;
	if ((rc = mtkfw_ramdisk_list(out, buf, len)) && !strstr(mtkfw_error_last()->message, path))
		mtkfw_seterr_prefix(path);
	free(buf);
	return rc;
}

/* Refuse a member whose parent folders, below `root`, include a symlink: writing through it
 * would land outside the folder. Missing parents are created (as real folders). */
static int safe_parents(const char *root, const char *rel)
{
	char *path = NULL, *p;
	int rc = mtkfw_path_under(root, rel, &path);
	size_t rl;

	if (rc)
		return rc;
	/* Only the components of `rel` are examined: `root` is the user's own choice. */
	rl = strlen(path) - strlen(rel) - 1;
	for (p = path + rl + 1; (p = strchr(p, '/')); p++) {
		struct stat st;

		*p = '\0';
		if (lstat(path, &st) == 0) {
			if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
				rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "ramdisk: '%s' lies under %s '%s'; refused",
						  rel, S_ISLNK(st.st_mode) ? "the symlink" : "the file", path + rl + 1);
				break;
			}
		} else if (mkdir(path, 0755) != 0) {
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(path);
	return rc;
}

int mtkfw_ramdisk_extract(const struct mtkfw_ramdisk *rd, const uint8_t *buf, size_t len, const char *dir)
{
	struct archive *a;
	struct archive_entry *e;
	uint64_t total = 0;
	size_t i = 0, raw_len;
	const uint8_t *raw;
	uint8_t *owned;
	mtkfw_compression comp;
	int r, rc = 0;

	/* Every name is checked before anything is written. */
	for (size_t k = 0; k < rd->count; k++) {
		char *p;
		const char *n = rd->entries[k].path;

		if (!*n || !strcmp(n, "."))
			continue;
		if ((rc = mtkfw_path_under(dir, n, &p)))
			return mtkfw_seterr(MTKFW_ERR_REFUSED, "ramdisk: member '%s' would land outside %s; refused",
					    n, dir);
		free(p);
		/* A member under an earlier symlink member would be written through it. */
		if ((rd->entries[k].mode & S_IFMT) == S_IFLNK) {
			size_t sl = strlen(n);

			for (size_t j = 0; j < rd->count; j++)
				if (!strncmp(rd->entries[j].path, n, sl) && rd->entries[j].path[sl] == '/')
					return mtkfw_seterr(MTKFW_ERR_REFUSED, "ramdisk: member '%s' lies under the "
							    "symlink '%s'; refused", rd->entries[j].path, n);
		}
	}
	if ((rc = load_cpio(buf, len, &raw, &raw_len, &owned, &comp, NULL)))
		return rc;
	if (!(a = open_reader(raw, raw_len))) {
		free(owned);
		return mtkfw_error_last()->code;
	}
	while (i < rd->count && ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
		const struct mtkfw_cpio_entry *ce = &rd->entries[i++];
		mode_t type = ce->mode & S_IFMT;
		char *path = NULL;
		struct stat st;

		if (!*ce->path || !strcmp(ce->path, "."))
			continue;
		if ((rc = safe_parents(dir, ce->path)) || (rc = mtkfw_path_under(dir, ce->path, &path)))
			break;
		/* Re-extracting with --force: an old symlink of the same name is replaced, never
		 * followed (unlink removes the link itself). */
		if (type == S_IFLNK && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			unlink(path);
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
			rc = mtkfw_seterr(MTKFW_ERR_REFUSED, "ramdisk: '%s' would be written through a symlink; refused",
					  ce->path);
		} else if (type == S_IFDIR) {
			if (mkdir(path, 0755) != 0 && errno != EEXIST)
				rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
			else
				chmod(path, (ce->mode & 0777) | 0700);
		} else if (type == S_IFREG) {
			uint8_t *data = NULL;
			size_t dl = 0;

			if (!(rc = read_data(a, &total, &data, &dl, ce->path)))
				rc = mtkfw_write_file_atomic(path, data ? data : (const uint8_t *)"", dl);
			if (!rc)
				chmod(path, (ce->mode & 0777) | 0600);
			free(data);
		} else if (type == S_IFLNK) {
			/* A folder that cannot hold symlinks (FAT, exFAT, Windows without Developer
			 * Mode: EPERM or ENOTSUP) keeps them in the manifest only, as it keeps device
			 * nodes: repack takes links from the manifest, so nothing is lost. */
			if (!ce->link)
				rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create the symlink: no target", path);
			else if (symlink(ce->link, path) != 0 && errno != EPERM && errno != ENOTSUP && errno != ENOSYS)
				rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create the symlink: %s", path, strerror(errno));
		}
		/* Device nodes, fifos and sockets stay in the manifest only. */
		free(path);
		if (rc)
			break;
	}
	archive_read_free(a);
	free(owned);
	/* Hard links: the members before the last of a group came with no data; they get the
	 * group's content (as separate files: a folder cannot promise the link). */
	for (size_t k = 0; !rc && k < rd->count; k++) {
		const struct mtkfw_cpio_entry *ce = &rd->entries[k];
		char *dst = NULL, *src = NULL;
		uint8_t *data;
		size_t dl;

		if ((ce->mode & S_IFMT) != S_IFREG || ce->nlink < 2 || ce->size)
			continue;
		for (size_t j = 0; j < rd->count; j++) {
			const struct mtkfw_cpio_entry *o = &rd->entries[j];

			if (j == k || (o->mode & S_IFMT) != S_IFREG || o->ino != ce->ino || !o->size)
				continue;
			if (!(rc = mtkfw_path_under(dir, o->path, &src)) && !(rc = mtkfw_path_under(dir, ce->path, &dst)) &&
			    !(rc = mtkfw_read_file(src, MTKFW_RAMDISK_MAX_BYTES, &data, &dl))) {
				rc = mtkfw_write_file_atomic(dst, data, dl);
				free(data);
			}
			break;
		}
		free(src);
		free(dst);
	}
	return rc;
}

/* ---- writing ---------------------------------------------------------------------------- */

struct wbuf {
	uint8_t *p;
	size_t len, cap;
};

static int wb_put(struct wbuf *w, const void *buf, size_t n)
{
	if (n > w->cap - w->len) {
		size_t cap = w->cap ? w->cap : 1 << 20;
		uint8_t *np;

		while (cap - w->len < n) {
			if (cap > MTKFW_RAMDISK_MAX_BYTES)
				return mtkfw_seterr(MTKFW_ERR_LIMIT, "ramdisk: over %u MiB of cpio",
						    MTKFW_RAMDISK_MAX_BYTES >> 20);
			cap *= 2;
		}
		if (!(np = realloc(w->p, cap)))
			return mtkfw_nomem();
		w->p = np;
		w->cap = cap;
	}
	if (n)
		memcpy(w->p + w->len, buf, n);
	w->len += n;
	return 0;
}

/* Zeros up to the next multiple of `a`. */
static int wb_align(struct wbuf *w, size_t a)
{
	static const uint8_t zeros[512];

	return a > 1 && w->len % a ? wb_put(w, zeros, a - w->len % a) : 0;
}

/* One newc member: "070701", 13 fields of 8 lower-case hex digits (as mkbootfs, GNU cpio and
 * libarchive write them), the name with its NUL, data, each padded to 4. */
static int newc_put(struct wbuf *w, const uint32_t f[13], const char *prefix, const char *name, bool upper,
		    const uint8_t *data, size_t dl)
{
	char h[111];
	int rc;

	snprintf(h, sizeof(h), upper ? "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X"
				     : "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]);
	if ((rc = wb_put(w, h, 110)) || (rc = wb_put(w, prefix, strlen(prefix))) ||
	    (rc = wb_put(w, name, strlen(name) + 1)) || (rc = wb_align(w, 4)) ||
	    (rc = wb_put(w, data, dl)) || (rc = wb_align(w, 4)))
		return rc;
	return 0;
}

static la_ssize_t wb_write(struct archive *a, void *user, const void *buf, size_t n)
{
	if (wb_put(user, buf, n)) {
		archive_set_error(a, ENOMEM, "%s", mtkfw_error_last()->message);
		return -1;
	}
	return (la_ssize_t)n;
}

/* lzma and xz through libarchive's filters: the cpio goes in as one raw entry. */
static int lzma_filter(struct wbuf *w, mtkfw_compression comp)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	struct wbuf z = { 0 };
	int rc = 0;

	if (!a || !e) {
		archive_write_free(a);
		archive_entry_free(e);
		return mtkfw_nomem();
	}
	archive_write_set_format_raw(a);
	if (comp == MTKFW_COMP_LZMA) {
		archive_write_add_filter_lzma(a);
	} else {
		archive_write_add_filter_xz(a);
		/* The kernel's xz decoder knows CRC32 only. */
		archive_write_set_filter_option(a, "xz", "check", "crc32");
	}
	archive_write_set_bytes_in_last_block(a, 1);
	archive_entry_set_pathname(e, "cpio");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_size(e, (la_int64_t)w->len);
	if (archive_write_open(a, &z, NULL, wb_write, NULL) != ARCHIVE_OK || archive_write_header(a, e) != ARCHIVE_OK ||
	    (w->len && archive_write_data(a, w->p, w->len) != (la_ssize_t)w->len) || archive_write_close(a) != ARCHIVE_OK)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "ramdisk: %s", archive_error_string(a) ? archive_error_string(a) : "cannot compress");
	archive_write_free(a);
	archive_entry_free(e);
	if (rc) {
		free(z.p);
		return rc;
	}
	free(w->p);
	*w = z;
	return 0;
}

/* The kernel's lz4 ramdisk format: legacy magic, then blocks of up to 8 MiB, each a u32
 * compressed size and the data. */
static int lz4_legacy(const uint8_t *in, size_t len, uint8_t **out, size_t *out_len)
{
	const size_t blk = 8u << 20;
	size_t cap = 4 + (len / blk + 1) * (4 + (size_t)LZ4_compressBound((int)blk)), o = 4;
	uint8_t *b = malloc(cap);

	if (!b)
		return mtkfw_nomem();
	wr_le32(b, 0x184C2102u);
	for (size_t i = 0; i < len; i += blk) {
		int n = (int)(len - i < blk ? len - i : blk);
		int c = LZ4_compress_HC((const char *)in + i, (char *)b + o + 4, n, LZ4_compressBound(n), 12);

		if (c <= 0) {
			free(b);
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "lz4: cannot compress");
		}
		wr_le32(b + o, (uint32_t)c);
		o += 4 + (size_t)c;
	}
	*out = b;
	*out_len = o;
	return 0;
}

/* The data of member `i` as the archive stores it: a file's content (with the last member of a
 * hard-link group only), a symlink's target (the link on disk wins: it may have been edited). */
static int member_data(const struct mtkfw_ramdisk *rd, size_t i, const char *dir, uint8_t **data, size_t *dl)
{
	const struct mtkfw_cpio_entry *ce = &rd->entries[i];
	mode_t type = ce->mode & S_IFMT;
	char *path = NULL;
	int rc = 0;

	*data = NULL;
	*dl = 0;
	if (type == S_IFREG) {
		if (ce->nlink > 1 && ce->ino)
			for (size_t j = i + 1; j < rd->count; j++) {
				const struct mtkfw_cpio_entry *o = &rd->entries[j];

				if ((o->mode & S_IFMT) == S_IFREG && o->ino == ce->ino && o->nlink > 1)
					return 0; /* a later member of the group carries the data */
			}
		rc = mtkfw_read_member(dir, ce->path, MTKFW_RAMDISK_MAX_BYTES, data, dl);
	} else if (type == S_IFLNK) {
		char link[4096];
		ssize_t n = -1;

		if (!mtkfw_path_under(dir, ce->path, &path))
			n = readlink(path, link, sizeof(link) - 1);
		if (n >= 0)
			link[n] = '\0';
		else
			snprintf(link, sizeof(link), "%s", ce->link ? ce->link : "");
		if (!(*data = (uint8_t *)mtkfw_strdup(link)))
			rc = MTKFW_ERR_NOMEM;
		*dl = strlen(link);
	}
	free(path);
	return rc;
}

int mtkfw_ramdisk_build(uint8_t **out, size_t *out_len, const struct mtkfw_ramdisk *rd, const char *dir)
{
	const struct mtkfw_cpio_form *t = &rd->form;
	struct wbuf w = { 0 };
	int rc = 0;

	if (rd->comp == MTKFW_COMP_LZO || rd->comp == MTKFW_COMP_ZLIB)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "ramdisk: %s is not written; use gzip, lz4, lzma or xz",
				    mtkfw_compression_name(rd->comp));
	/* The cpio, written here so that every header field is the one listed: the numbers a
	 * folder cannot hold (inode, device, trailer, padding) come back as the archive had them. */
	for (size_t i = 0; i < rd->count && !rc; i++) {
		const struct mtkfw_cpio_entry *ce = &rd->entries[i];
		mode_t type = ce->mode & S_IFMT;
		uint8_t *data;
		size_t dl;

		/* "./" back on every name but the root's when the archive had it */
		const char *pre = t->dot_slash && *ce->path && strcmp(ce->path, ".") ? "./" : "";

		if (!(rc = member_data(rd, i, dir, &data, &dl))) {
			/* Unnumbered members count up from 300000, as mkbootfs numbers them. */
			uint32_t f[13] = { ce->ino ? (uint32_t)ce->ino : (uint32_t)(300000 + i), ce->mode, ce->uid, ce->gid,
					   ce->nlink ? ce->nlink : type == S_IFDIR ? 2 : 1, (uint32_t)ce->mtime,
					   (uint32_t)dl, ce->devmajor, ce->devminor, ce->rdevmajor, ce->rdevminor,
					   (uint32_t)(strlen(pre) + strlen(ce->path) + 1), 0 };

			if (dl > UINT32_MAX)
				rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "ramdisk: %s is over 4 GiB", ce->path);
			else
				rc = newc_put(&w, f, pre, ce->path, t->upper_hex, data, dl);
		}
		free(data);
	}
	if (!rc) {
		uint32_t f[13] = { t->ino, t->mode, t->uid, t->gid, t->nlink ? t->nlink : 1, t->mtime, 0, 0, 0, 0, 0, 11, 0 };

		if (!(rc = newc_put(&w, f, "", "TRAILER!!!", t->upper_hex, NULL, 0)) && t->pad_to > 4 && t->pad_to <= 512)
			rc = wb_align(&w, t->pad_to);
	}
	if (!rc && rd->comp == MTKFW_COMP_GZIP) {
		uint8_t *z = NULL;
		size_t zl = 0;

		if (!(rc = mtkfwi_gzip_make(&z, &zl, w.p, w.len, &rd->gzip))) {
			free(w.p);
			w.p = z;
			w.len = zl;
		}
	} else if (!rc && (rd->comp == MTKFW_COMP_LZMA || rd->comp == MTKFW_COMP_XZ)) {
		rc = lzma_filter(&w, rd->comp);
	} else if (!rc && rd->comp == MTKFW_COMP_LZ4) {
		uint8_t *z = NULL;
		size_t zl = 0;

		if (!(rc = lz4_legacy(w.p, w.len, &z, &zl))) {
			free(w.p);
			w.p = z;
			w.len = zl;
		}
	}
	if (rc) {
		free(w.p);
		return rc;
	}
	*out = w.p;
	*out_len = w.len;
	return 0;
}
