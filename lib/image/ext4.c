/*
 * ext4 images, read-only, through libext2fs: open (raw or sparse, by magic), look paths
 * up, list directories, stream or read files. libext2fs does the file system; this file
 * turns its answers into mtkfw models and its errors into mtkfw errors.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "image/ext4_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int mtkfwi_ext4_seterr(errcode_t err, const char *image, const char *what)
{
	const struct error_table *t = &et_ext2_error_table;
	const char *msg = NULL;
	int code = MTKFW_ERR_FORMAT;

	if (err >= t->base && err < t->base + t->n_msgs)
		msg = t->msgs[err - t->base];
	else if (err > 0 && err < 4096)
		msg = strerror((int)err);
	switch (err) {
	case EXT2_ET_FILE_NOT_FOUND:
		code = MTKFW_ERR_NOTFOUND;
		msg = "no such file or folder in the image";
		break;
	case EXT2_ET_NO_DIRECTORY:
		code = MTKFW_ERR_NOTFOUND;
		msg = "a part of the path is not a folder";
		break;
	case EXT2_ET_SHORT_READ:
		code = MTKFW_ERR_TRUNCATED;
		break;
	case EXT2_ET_UNSUPP_FEATURE:
	case EXT2_ET_RO_UNSUPP_FEATURE:
		code = MTKFW_ERR_UNSUPPORTED;
		break;
	case EXT2_ET_NO_MEMORY:
	case ENOMEM:
		code = MTKFW_ERR_NOMEM;
		break;
	case EXT2_ET_BAD_MAGIC:
		msg = "not an ext2/ext3/ext4 file system (no superblock magic)";
		break;
	default:
		break;
	}
	if (what)
		return mtkfw_seterr(code, "%s: %s: %s", image, what, msg ? msg : "file system error");
	return mtkfw_seterr(code, "%s: %s", image, msg ? msg : "file system error");
}

bool mtkfw_ext4_probe(const void *head, size_t len)
{
	return head && len >= 1024 + 58 && rd_le16((const uint8_t *)head + 1024 + 56) == 0xEF53;
}

int mtkfwi_ext4_fail(mtkfw_ext4 *e, errcode_t err, const char *what)
{
	if (e->src.failed)
		return mtkfw_seterr(e->src.failed, "%s", e->src.why);
	return mtkfwi_ext4_seterr(err, e->name, what);
}

static int fd_read(void *user, uint64_t off, void *buf, size_t n)
{
	mtkfw_ext4 *e = user;

	return mtkfw_pread_exact(e->fd, buf, n, e->base + off, e->name);
}

static int mem_read(void *user, uint64_t off, void *buf, size_t n)
{
	mtkfw_ext4 *e = user;

	if (!span_ok(e->src.size, off, n))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: read past the end", e->name);
	memcpy(buf, e->mem + off, n);
	return 0;
}

static int sparse_read(void *user, uint64_t off, void *buf, size_t n)
{
	mtkfw_ext4 *e = user;

	return mtkfw_sparse_pread(e->sparse, buf, n, off);
}

static mtkfw_ext4 *new_handle(const char *name)
{
	mtkfw_ext4 *e = mtkfw_calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->fd = -1;
	e->src.user = e;
	e->name = mtkfw_strdup(name);
	if (!e->name) {
		free(e);
		return NULL;
	}
	return e;
}

/* Every way in ends here: the source is set (or `rc` says why not), libext2fs opens the file
 * system over it, and the handle is handed out or freed. */
static int finish_open(mtkfw_ext4 *e, int rc, mtkfw_ext4 **out)
{
	char devname[64];
	errcode_t err;

	if (rc)
		goto fail;
	mtkfwi_ext4_src_name(devname, sizeof(devname), &e->src);
	/* Read-only; metadata checksums are checked (a bad one is a clear error, not garbage). */
	err = ext2fs_open2(devname, NULL, EXT2_FLAG_64BITS | EXT2_FLAG_SKIP_MMP, 0, 0, mtkfw_ext4_src_io_manager,
			   &e->fs);
	if (err) {
		e->fs = NULL;
		/* While opening, a short read means the file ends before the superblock or the group
		 * descriptors: a small non-ext4 file, or a cut image. Say both. */
		if (err == EXT2_ET_SHORT_READ && !e->src.failed)
			rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED,
					  "%s: not an ext2/ext3/ext4 file system, or a truncated one (it ends "
					  "before the file system's own tables do)", e->name);
		else
			rc = mtkfwi_ext4_fail(e, err, NULL);
		goto fail;
	}
	*out = e;
	return 0;
fail:
	mtkfw_ext4_free(e);
	return rc;
}

/* A sparse image in `e` (by path or in memory) becomes the source. */
static int use_sparse(mtkfw_ext4 *e, int rc)
{
	if (rc)
		return rc;
	e->src.read = sparse_read;
	e->src.size = mtkfw_sparse_raw_size(e->sparse);
	return 0;
}

int mtkfw_ext4_open_at(mtkfw_ext4 **out, const char *image, uint64_t offset)
{
	uint8_t head[4] = { 0 };
	uint64_t size;
	mtkfw_ext4 *e;
	int rc;

	if (!out || !image)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_open: NULL argument");
	*out = NULL;
	if (!(e = new_handle(image)))
		return MTKFW_ERR_NOMEM;
	if ((rc = mtkfw_open_input(image, &e->fd, &size)) != 0)
		return finish_open(e, rc, out);
	if (offset > size)
		return finish_open(e,
				   mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: offset %llu is past its end (%llu bytes)", image,
						(unsigned long long)offset, (unsigned long long)size),
				   out);
	if (size - offset >= sizeof(head) &&
	    (rc = mtkfw_pread_exact(e->fd, head, sizeof(head), offset, image)) != 0)
		return finish_open(e, rc, out);
	/* A sparse image is a whole file of its own, never something inside a dump. */
	if (offset == 0 && mtkfw_sparse_probe(head, sizeof(head))) {
		close(e->fd);
		e->fd = -1;
		return finish_open(e, use_sparse(e, mtkfw_sparse_open(&e->sparse, image)), out);
	}
	e->base = offset;
	e->src.read = fd_read;
	e->src.size = size - offset;
	return finish_open(e, 0, out);
}

int mtkfw_ext4_open(mtkfw_ext4 **out, const char *image)
{
	return mtkfw_ext4_open_at(out, image, 0);
}

int mtkfw_ext4_open_mem(mtkfw_ext4 **out, const void *data, size_t len, const char *name)
{
	mtkfw_ext4 *e;

	if (!out || (!data && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_open_mem: NULL argument");
	*out = NULL;
	if (!(e = new_handle(name ? name : "ext4 image")))
		return MTKFW_ERR_NOMEM;
	if (mtkfw_sparse_probe(data, len))
		return finish_open(e, use_sparse(e, mtkfw_sparse_open_mem(&e->sparse, data, len, e->name)), out);
	e->mem = data;
	e->src.read = mem_read;
	e->src.size = len;
	return finish_open(e, 0, out);
}

int mtkfw_ext4_open_reader(mtkfw_ext4 **out, mtkfw_ext4_read_fn read, void *user, uint64_t size, const char *name)
{
	mtkfw_ext4 *e;

	if (!out || !read)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_open_reader: NULL argument");
	*out = NULL;
	if (!(e = new_handle(name ? name : "ext4 file system")))
		return MTKFW_ERR_NOMEM;
	e->src.read = read;
	e->src.user = user;
	e->src.size = size;
	return finish_open(e, 0, out);
}

void mtkfw_ext4_free(mtkfw_ext4 *e)
{
	if (!e)
		return;
	if (e->fs)
		ext2fs_close_free(&e->fs);
	mtkfw_sparse_free(e->sparse);
	if (e->fd >= 0)
		close(e->fd);
	free(e->name);
	free(e);
}

const char *mtkfw_ext4_type_name(mtkfw_ext4_type t)
{
	static const char *const names[] = { "unknown", "file", "dir", "symlink", "chardev", "blockdev", "fifo",
					     "socket" };

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "unknown";
}

mtkfw_ext4_type mtkfw_ext4_type_parse(const char *word)
{
	for (int t = MTKFW_EXT4_FILE; word && t <= MTKFW_EXT4_SOCKET; t++)
		if (!strcmp(word, mtkfw_ext4_type_name((mtkfw_ext4_type)t)))
			return (mtkfw_ext4_type)t;
	return MTKFW_EXT4_UNKNOWN;
}

static mtkfw_ext4_type type_of(uint16_t mode)
{
	if (LINUX_S_ISREG(mode))
		return MTKFW_EXT4_FILE;
	if (LINUX_S_ISDIR(mode))
		return MTKFW_EXT4_DIR;
	if (LINUX_S_ISLNK(mode))
		return MTKFW_EXT4_SYMLINK;
	if (LINUX_S_ISCHR(mode))
		return MTKFW_EXT4_CHARDEV;
	if (LINUX_S_ISBLK(mode))
		return MTKFW_EXT4_BLOCKDEV;
	if (LINUX_S_ISFIFO(mode))
		return MTKFW_EXT4_FIFO;
	if (LINUX_S_ISSOCK(mode))
		return MTKFW_EXT4_SOCKET;
	return MTKFW_EXT4_UNKNOWN;
}

static int read_inode(mtkfw_ext4 *e, ext2_ino_t ino, struct ext2_inode *inode, const char *what)
{
	errcode_t err = ext2fs_read_inode(e->fs, ino, inode);

	return err ? mtkfwi_ext4_fail(e, err, what) : 0;
}

/* Read at most `max` bytes of inode `ino` from its start through libext2fs's file layer. */
static int read_inode_data(mtkfw_ext4 *e, ext2_ino_t ino, struct ext2_inode *inode, uint8_t *buf, size_t want,
			   size_t *got, const char *what)
{
	ext2_file_t f;
	errcode_t err;
	size_t have = 0;

	err = ext2fs_file_open2(e->fs, ino, inode, 0, &f);
	if (err)
		return mtkfwi_ext4_fail(e, err, what);
	while (have < want) {
		unsigned int n = 0;
		size_t ask = want - have > (1u << 20) ? (1u << 20) : want - have;

		err = ext2fs_file_read(f, buf + have, (unsigned int)ask, &n);
		if (err || n == 0)
			break;
		have += n;
	}
	ext2fs_file_close(f);
	if (err)
		return mtkfwi_ext4_fail(e, err, what);
	*got = have;
	return 0;
}

static int read_link(mtkfw_ext4 *e, ext2_ino_t ino, struct ext2_inode *inode, char **out, const char *what)
{
	uint64_t size = EXT2_I_SIZE(inode);
	size_t got = 0;
	char *t;
	int rc;

	*out = NULL;
	if (size > MTKFW_EXT4_MAX_LINK)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: symbolic link of %llu bytes", e->name, what,
				    (unsigned long long)size);
	t = malloc((size_t)size + 1);
	if (!t)
		return mtkfw_nomem();
	if (ext2fs_is_fast_symlink(inode)) {
		/* A short target lives in the block pointers themselves. */
		size_t n = size < sizeof(inode->i_block) ? (size_t)size : sizeof(inode->i_block);
		memcpy(t, inode->i_block, n);
		got = n;
	} else {
		rc = read_inode_data(e, ino, inode, (uint8_t *)t, (size_t)size, &got, what);
		if (rc) {
			free(t);
			return rc;
		}
	}
	t[got] = 0;
	*out = t;
	return 0;
}

/*
 * Path -> inode, resolved here rather than by libext2fs's namei: its link following only
 * limits nesting (8 deep), so links whose targets name more links multiply without bound
 * (seconds to hours of work), and it allocates whatever size a hostile link inode claims.
 * Here, as in the kernel, at most MAX_LINKS links are followed per lookup in total, and
 * targets longer than MTKFW_EXT4_MAX_LINK are refused.
 */
#define MAX_LINKS 40

static int walk(mtkfw_ext4 *e, ext2_ino_t dir, const char *path, bool follow_last, unsigned *links,
		ext2_ino_t *out, const char *orig)
{
	ext2_ino_t cur = *path == '/' ? EXT2_ROOT_INO : dir;
	const char *p = path;
	int rc;

	for (;;) {
		struct ext2_inode inode;
		ext2_ino_t ino;
		size_t len;
		bool last;
		errcode_t err;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		len = strcspn(p, "/");
		last = p[len + strspn(p + len, "/")] == '\0';
		if (len > EXT2_NAME_LEN)
			return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: %s: a name is longer than 255 bytes", e->name, orig);
		if (!(len == 1 && p[0] == '.')) {
			err = ext2fs_lookup(e->fs, cur, p, (int)len, NULL, &ino);
			if (err)
				return mtkfwi_ext4_fail(e, err, orig);
			rc = read_inode(e, ino, &inode, orig);
			if (rc)
				return rc;
			if (LINUX_S_ISLNK(inode.i_mode) && (!last || follow_last)) {
				char *target;

				if (++*links > MAX_LINKS)
					return mtkfw_seterr(MTKFW_ERR_FORMAT,
							    "%s: %s: more than %d symbolic links to follow (a loop?)",
							    e->name, orig, MAX_LINKS);
				rc = read_link(e, ino, &inode, &target, orig);
				if (rc)
					return rc;
				if (!*target) {
					free(target);
					return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: %s: an empty symbolic link", e->name,
							    orig);
				}
				/* A relative target starts from the folder that holds the link. */
				rc = walk(e, cur, target, true, links, &ino, orig);
				free(target);
				if (rc)
					return rc;
				rc = read_inode(e, ino, &inode, orig);
				if (rc)
					return rc;
			}
			if (!last && !LINUX_S_ISDIR(inode.i_mode))
				return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: %s: a part of the path is not a folder",
						    e->name, orig);
			cur = ino;
		}
		p += len;
	}
	*out = cur;
	return 0;
}

static int lookup(mtkfw_ext4 *e, const char *path, bool follow, ext2_ino_t *ino)
{
	unsigned links = 0;

	return walk(e, EXT2_ROOT_INO, path, follow, &links, ino, path);
}

int mtkfwi_ext4_fill_entry(mtkfw_ext4 *e, ext2_ino_t ino, const char *name, size_t name_len, mtkfw_ext4_entry *out)
{
	struct ext2_inode inode;
	int rc;

	memset(out, 0, sizeof(*out));
	out->name = mtkfw_strndup(name, name_len);
	if (!out->name)
		return MTKFW_ERR_NOMEM;
	out->inode = ino;
	rc = read_inode(e, ino, &inode, out->name);
	if (rc)
		return rc;
	out->mode = inode.i_mode;
	out->type = type_of(inode.i_mode);
	out->uid = inode_uid(inode);
	out->gid = inode_gid(inode);
	out->links = inode.i_links_count;
	out->size = EXT2_I_SIZE(&inode);
	out->mtime = (int64_t)(int32_t)inode.i_mtime;
	if (out->type == MTKFW_EXT4_SYMLINK)
		return read_link(e, ino, &inode, &out->target, out->name);
	return 0;
}

void mtkfw_ext4_entry_clear(mtkfw_ext4_entry *en)
{
	if (!en)
		return;
	free(en->name);
	free(en->target);
	memset(en, 0, sizeof(*en));
}

static const char *base_of(const char *path)
{
	const char *end = path + strlen(path), *b;

	while (end > path && end[-1] == '/')
		end--;
	b = end;
	while (b > path && b[-1] != '/')
		b--;
	return b;
}

int mtkfw_ext4_stat(mtkfw_ext4_entry *out, mtkfw_ext4 *e, const char *path)
{
	ext2_ino_t ino;
	const char *b;
	size_t bl;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lookup(e, path, false, &ino);
	if (rc)
		return rc;
	b = base_of(path);
	bl = strcspn(b, "/");
	if (!bl) {
		b = "/";
		bl = 1;
	}
	rc = mtkfwi_ext4_fill_entry(e, ino, b, bl, out);
	if (rc)
		mtkfw_ext4_entry_clear(out);
	return rc;
}

struct collect {
	mtkfw_ext4_entry *v;
	size_t n, cap, max;
	int rc;
};

static int collect_cb(struct ext2_dir_entry *dirent, int offset, int blocksize, char *buf, void *priv)
{
	struct collect *c = priv;
	size_t len = (size_t)ext2fs_dirent_name_len(dirent);

	if ((len == 1 && dirent->name[0] == '.') || (len == 2 && dirent->name[0] == '.' && dirent->name[1] == '.'))
		return 0;
	if (c->n == c->max) {
		c->rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "directory has more than %zu entries", c->max);
		return DIRENT_ABORT;
	}
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 64;
		mtkfw_ext4_entry *nv = mtkfw_reallocarray(c->v, ncap, sizeof(*nv));
		if (!nv) {
			c->rc = MTKFW_ERR_NOMEM;
			return DIRENT_ABORT;
		}
		c->v = nv;
		c->cap = ncap;
	}
	memset(&c->v[c->n], 0, sizeof(c->v[c->n]));
	c->v[c->n].name = mtkfw_strndup(dirent->name, len);
	if (!c->v[c->n].name) {
		c->rc = MTKFW_ERR_NOMEM;
		return DIRENT_ABORT;
	}
	c->v[c->n].inode = dirent->inode;
	c->n++;
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const mtkfw_ext4_entry *)a)->name, ((const mtkfw_ext4_entry *)b)->name);
}

int mtkfwi_ext4_list_ino(mtkfw_ext4 *e, ext2_ino_t dir, const char *path, size_t max, mtkfw_ext4_dir *out)
{
	struct collect c = { .max = max };
	errcode_t err;

	memset(out, 0, sizeof(*out));
	err = ext2fs_dir_iterate(e->fs, dir, 0, NULL, collect_cb, &c);
	if (!c.rc && err)
		c.rc = mtkfwi_ext4_fail(e, err, path);
	if (c.rc && c.rc != MTKFW_ERR_NOMEM && mtkfw_error_last()->code == MTKFW_ERR_LIMIT)
		mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: directory has more than %zu entries", e->name, path, max);
	for (size_t i = 0; i < c.n && !c.rc; i++) {
		mtkfw_ext4_entry *en = &c.v[i];
		char *name = en->name;
		ext2_ino_t ino = en->inode;

		en->name = NULL;
		/* A damaged entry (inode out of range, unreadable link) is listed as unknown rather
		 * than hiding the rest of the folder. */
		if (mtkfwi_ext4_fill_entry(e, ino, name, strlen(name), en) != 0) {
			mtkfw_ext4_entry_clear(en);
			en->name = mtkfw_strdup(name);
			en->inode = ino;
			en->type = MTKFW_EXT4_UNKNOWN;
			if (!en->name)
				c.rc = MTKFW_ERR_NOMEM;
			else if (e->src.failed) /* not damage: the source itself is gone */
				c.rc = mtkfwi_ext4_fail(e, 0, path);
		}
		free(name);
	}
	if (c.rc) {
		mtkfw_ext4_dir l = { c.v, c.n };
		mtkfw_ext4_dir_clear(&l);
		return c.rc;
	}
	if (c.n > 1) /* an empty folder has no array at all */
		qsort(c.v, c.n, sizeof(*c.v), cmp_entry);
	out->entries = c.v;
	out->count = c.n;
	return 0;
}

int mtkfw_ext4_list(mtkfw_ext4_dir *out, mtkfw_ext4 *e, const char *path)
{
	ext2_ino_t ino, target;
	struct ext2_inode inode;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lookup(e, path, false, &ino);
	if (!rc)
		rc = read_inode(e, ino, &inode, path);
	if (rc)
		return rc;
	/* A link to a folder lists the folder; a dangling or looping link shows itself, as ls does. */
	if (LINUX_S_ISLNK(inode.i_mode) && lookup(e, path, true, &target) == 0 &&
	    read_inode(e, target, &inode, path) == 0 && LINUX_S_ISDIR(inode.i_mode))
		ino = target;
	mtkfw_error_clear();
	if (LINUX_S_ISDIR(inode.i_mode))
		return mtkfwi_ext4_list_ino(e, ino, path, MTKFW_EXT4_MAX_ENTRIES, out);
	out->entries = mtkfw_calloc(1, sizeof(*out->entries));
	if (!out->entries)
		return MTKFW_ERR_NOMEM;
	rc = mtkfw_ext4_stat(&out->entries[0], e, path);
	if (rc) {
		free(out->entries);
		out->entries = NULL;
		return rc;
	}
	out->count = 1;
	return 0;
}

void mtkfw_ext4_dir_clear(mtkfw_ext4_dir *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		mtkfw_ext4_entry_clear(&l->entries[i]);
	free(l->entries);
	l->entries = NULL;
	l->count = 0;
}

int mtkfwi_ext4_lookup_dir(mtkfw_ext4 *e, const char *path, ext2_ino_t *ino)
{
	struct ext2_inode inode;
	int rc = lookup(e, path, true, ino);

	if (!rc)
		rc = read_inode(e, *ino, &inode, path);
	if (!rc && !LINUX_S_ISDIR(inode.i_mode))
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: %s: not a folder", e->name, path);
	return rc;
}

/* A regular file's inode, after following links. */
static int open_regular(mtkfw_ext4 *e, const char *path, ext2_ino_t *ino, struct ext2_inode *inode)
{
	int rc = lookup(e, path, true, ino);

	if (!rc)
		rc = read_inode(e, *ino, inode, path);
	if (rc)
		return rc;
	if (LINUX_S_ISDIR(inode->i_mode))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %s: is a directory", e->name, path);
	if (!LINUX_S_ISREG(inode->i_mode))
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: %s: not a regular file (%s)", e->name, path,
				    mtkfw_ext4_type_name(type_of(inode->i_mode)));
	return 0;
}

int mtkfwi_ext4_cat_ino(mtkfw_ext4 *e, ext2_ino_t ino, struct ext2_inode *inode, const char *path, mtkfw_ext4_sink sink,
		 void *user)
{
	enum { BUF = 1u << 20 };
	ext2_file_t f;
	errcode_t err = 0;
	uint8_t *buf;
	int rc = 0;

	buf = malloc(BUF);
	if (!buf)
		return mtkfw_nomem();
	err = ext2fs_file_open2(e->fs, ino, inode, 0, &f);
	if (err) {
		free(buf);
		return mtkfwi_ext4_fail(e, err, path);
	}
	/* A sink that fails with an error of its own (a full disk under the copy) has it kept:
	 * that is the cause, not "stopped". */
	mtkfw_error_clear();
	for (;;) {
		unsigned int n = 0;

		err = ext2fs_file_read(f, buf, BUF, &n);
		if (err || n == 0)
			break;
		if (sink(buf, n, user) != 0) {
			rc = mtkfw_error_last()->code ? mtkfw_error_last()->code
						      : mtkfw_seterr(MTKFW_ERR_CANCELLED, "%s: %s: stopped", e->name, path);
			break;
		}
	}
	ext2fs_file_close(f);
	free(buf);
	if (!rc && err)
		rc = mtkfwi_ext4_fail(e, err, path);
	return rc;
}

int mtkfw_ext4_cat(mtkfw_ext4 *e, const char *path, mtkfw_ext4_sink sink, void *user)
{
	struct ext2_inode inode;
	ext2_ino_t ino;
	int rc = open_regular(e, path, &ino, &inode);

	return rc ? rc : mtkfwi_ext4_cat_ino(e, ino, &inode, path, sink, user);
}

int mtkfw_ext4_read(uint8_t **out, size_t *len, mtkfw_ext4 *e, const char *path, size_t max)
{
	struct ext2_inode inode;
	ext2_ino_t ino;
	uint64_t size;
	uint8_t *buf;
	size_t got = 0;
	int rc;

	*out = NULL;
	*len = 0;
	rc = open_regular(e, path, &ino, &inode);
	if (rc)
		return rc;
	size = EXT2_I_SIZE(&inode);
	if (size > max)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: %llu bytes, more than the %zu allowed", e->name, path,
				    (unsigned long long)size, max);
	buf = malloc((size_t)size + 1);
	if (!buf)
		return mtkfw_nomem();
	rc = read_inode_data(e, ino, &inode, buf, (size_t)size, &got, path);
	if (!rc && got != size)
		rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %s: read %zu of %llu bytes", e->name, path, got,
				  (unsigned long long)size);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[got] = 0;
	*out = buf;
	*len = got;
	return 0;
}

int mtkfw_ext4_pread(mtkfw_ext4 *e, const char *path, uint64_t off, void *buf, size_t n)
{
	struct ext2_inode inode;
	ext2_ino_t ino;
	ext2_file_t f;
	errcode_t err;
	size_t have = 0;
	int rc = open_regular(e, path, &ino, &inode);

	if (rc)
		return rc;
	if (!span_ok(EXT2_I_SIZE(&inode), off, n))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %s: %zu bytes at %llu are past its end (%llu bytes)", e->name,
				    path, n, (unsigned long long)off, (unsigned long long)EXT2_I_SIZE(&inode));
	err = ext2fs_file_open2(e->fs, ino, &inode, 0, &f);
	if (err)
		return mtkfwi_ext4_fail(e, err, path);
	err = ext2fs_file_llseek(f, off, EXT2_SEEK_SET, NULL);
	while (!err && have < n) {
		unsigned int got = 0;
		size_t ask = n - have > (1u << 20) ? (1u << 20) : n - have;

		err = ext2fs_file_read(f, (uint8_t *)buf + have, (unsigned int)ask, &got);
		if (!err && got == 0)
			break;
		have += got;
	}
	ext2fs_file_close(f);
	if (err)
		return mtkfwi_ext4_fail(e, err, path);
	if (have != n)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %s: read %zu of %zu bytes at %llu", e->name, path, have, n,
				    (unsigned long long)off);
	return 0;
}

int mtkfw_ext4_read_file(uint8_t **out, size_t *len, const char *image, const char *path, size_t max)
{
	mtkfw_ext4 *e;
	int rc = mtkfw_ext4_open(&e, image);

	if (rc)
		return rc;
	rc = mtkfw_ext4_read(out, len, e, path, max);
	mtkfw_ext4_free(e);
	return rc;
}
