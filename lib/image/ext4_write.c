/*
 * Changing an ext4 image in place, through libext2fs (the library e2fsprogs' own tools use):
 * what `mtkfw port` needs to put a phone's board files into a sister firmware's system image.
 * A file, link or folder is removed with its blocks and attribute block given back; a tree is
 * grafted from another image with its owners, modes, times and extended attributes (the
 * security.selinux labels and security.capability bits Android reads), one inode at a time.
 * mtkfw writes no ext4 structure of its own: every allocation, directory entry and checksum is
 * libext2fs's, so e2fsck finds the result clean.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "image/ext4_internal.h"

#include <errno.h>
#include <sys/stat.h>
#include <time.h>

/* Bounds on one graft or usage walk: a phone's /system is some thousands of files. */
#define WALK_NODES MTKFW_EXT4_EXTRACT_NODES
#define WALK_DEPTH MTKFW_EXT4_EXTRACT_DEPTH

int mtkfw_ext4_open_rw(mtkfw_ext4 **out, const char *image)
{
	struct stat st;
	mtkfw_ext4 *e;
	errcode_t err;

	if (!out || !image)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_open_rw: NULL argument");
	*out = NULL;
	/* A regular file only: the image is a temporary copy the caller made, never a device. */
	if (stat(image, &st) != 0)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", image, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a regular file", image);
	if (!(e = mtkfw_calloc(1, sizeof(*e))) || !(e->name = mtkfw_strdup(image))) {
		free(e);
		return MTKFW_ERR_NOMEM;
	}
	e->fd = -1;
	e->rw = true;
	err = ext2fs_open2(image, NULL, EXT2_FLAG_RW | EXT2_FLAG_64BITS, 0, 0, unix_io_manager, &e->fs);
	if (err) {
		e->fs = NULL;
		mtkfw_ext4_free(e);
		return mtkfwi_ext4_seterr(err, image, "open for writing");
	}
	/* Large attributes in their own inodes would need their reference counts kept too. */
	if (ext2fs_has_feature_ea_inode(e->fs->super)) {
		mtkfw_ext4_free(e);
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: the file system stores attributes in inodes of "
				    "their own (ea_inode), which mtkfw does not rewrite", image);
	}
	if ((err = ext2fs_read_bitmaps(e->fs)) != 0) {
		int rc = mtkfwi_ext4_seterr(err, image, "read the allocation bitmaps");

		mtkfw_ext4_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

int mtkfw_ext4_commit(mtkfw_ext4 *e)
{
	errcode_t err;

	if (!e || !e->rw || !e->fs)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_commit: not an image open for writing");
	/* Bitmaps, group descriptors and superblock go out; the handle stays usable for reading
	 * nothing more, so it is closed here and only freed later. */
	err = ext2fs_close2(e->fs, 0);
	if (err)
		return mtkfwi_ext4_seterr(err, e->name, "write the file system's tables");
	e->fs = NULL;
	return 0;
}

int mtkfw_ext4_geometry(struct mtkfw_ext4_geometry *out, mtkfw_ext4 *e)
{
	if (!e || !e->fs || !out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_geometry: bad arguments");
	memset(out, 0, sizeof(*out));
	out->block_size = e->fs->blocksize;
	out->blocks = ext2fs_blocks_count(e->fs->super);
	out->free_blocks = ext2fs_free_blocks_count(e->fs->super);
	out->inodes = e->fs->super->s_inodes_count;
	out->free_inodes = e->fs->super->s_free_inodes_count;
	return 0;
}

/* ---- usage ---------------------------------------------------------------------------------- */

struct usage {
	mtkfw_ext4 *e;
	uint64_t bytes, nodes;
};

static int inode_bytes(mtkfw_ext4 *e, ext2_ino_t ino, uint64_t *bytes, const char *what)
{
	struct ext2_inode inode;
	errcode_t err = ext2fs_read_inode(e->fs, ino, &inode);

	if (err)
		return mtkfwi_ext4_fail(e, err, what);
	/* What the inode holds on disk, data, extent tree and attribute block together. */
	*bytes = ext2fs_get_stat_i_blocks(e->fs, &inode) * 512u;
	return 0;
}

static int usage_walk(struct usage *u, ext2_ino_t dir, const char *path, unsigned depth)
{
	mtkfw_ext4_dir l;
	int rc;

	if (depth > WALK_DEPTH)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: folders nested deeper than %u", u->e->name, path,
				    WALK_DEPTH);
	if ((rc = mtkfwi_ext4_list_ino(u->e, dir, path, MTKFW_EXT4_MAX_ENTRIES, &l)))
		return rc;
	for (size_t i = 0; i < l.count && !rc; i++) {
		uint64_t b = 0;

		if (++u->nodes > WALK_NODES) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: more than %u files", u->e->name, path, WALK_NODES);
			break;
		}
		if ((rc = inode_bytes(u->e, l.entries[i].inode, &b, path)))
			break;
		u->bytes += b;
		if (l.entries[i].type == MTKFW_EXT4_DIR) {
			char *sub = mtkfw_path_join(path, l.entries[i].name);

			rc = sub ? usage_walk(u, l.entries[i].inode, sub, depth + 1) : mtkfw_nomem();
			free(sub);
		}
	}
	mtkfw_ext4_dir_clear(&l);
	return rc;
}

int mtkfw_ext4_usage(mtkfw_ext4 *e, const char *path, uint64_t *bytes, uint64_t *nodes)
{
	struct usage u = { e, 0, 0 };
	mtkfw_ext4_entry en;
	int rc;

	if (!e || !path || !bytes || !nodes)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_usage: bad arguments");
	*bytes = *nodes = 0;
	if ((rc = mtkfw_ext4_stat(&en, e, path)))
		return rc;
	u.nodes = 1;
	rc = inode_bytes(e, en.inode, &u.bytes, path);
	if (!rc && en.type == MTKFW_EXT4_DIR)
		rc = usage_walk(&u, en.inode, path, 1);
	mtkfw_ext4_entry_clear(&en);
	if (!rc) {
		*bytes = u.bytes;
		*nodes = u.nodes;
	}
	return rc;
}

/* ---- paths ---------------------------------------------------------------------------------- */

/* Split "/a/b/c" into the folder part and the last name (copied into `name`). A path with an
 * empty last name, "." or ".." in it, or a name over 255 bytes is refused: a writer must know
 * exactly which entry it changes. */
static int split(const char *image, const char *path, char *parent, size_t pcap, char name[EXT2_NAME_LEN + 1])
{
	const char *end = path + strlen(path), *b;
	size_t n;

	while (end > path && end[-1] == '/')
		end--;
	b = end;
	while (b > path && b[-1] != '/')
		b--;
	n = (size_t)(end - b);
	if (!n || n > EXT2_NAME_LEN || (n == 1 && b[0] == '.') || (n == 2 && b[0] == '.' && b[1] == '.') ||
	    strstr(path, "/../") || strncmp(path, "../", 3) == 0 || strstr(path, "/./"))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %s: not a path to one entry", image, path);
	memcpy(name, b, n);
	name[n] = '\0';
	if ((size_t)(b - path) >= pcap)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: path too long", image, path);
	memcpy(parent, path, (size_t)(b - path));
	parent[b - path] = '\0';
	if (!*parent)
		strcpy(parent, "/");
	return 0;
}

static bool out_of_room(errcode_t err)
{
	return err == EXT2_ET_BLOCK_ALLOC_FAIL || err == EXT2_ET_INODE_ALLOC_FAIL || err == ENOSPC ||
	       err == EXT2_ET_EA_NO_SPACE;
}

/* A write failed: a full file system gets words a technician can act on. */
static int write_fail(mtkfw_ext4 *e, errcode_t err, const char *path)
{
	if (out_of_room(err))
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: the file system is full (%llu blocks of %u bytes free, "
				    "%u inodes)", e->name, path,
				    (unsigned long long)ext2fs_free_blocks_count(e->fs->super), e->fs->blocksize,
				    e->fs->super->s_free_inodes_count);
	return mtkfwi_ext4_seterr(err, e->name, path);
}

/* ---- removing ------------------------------------------------------------------------------- */

static int release_inode(mtkfw_ext4 *e, ext2_ino_t ino, const char *path)
{
	struct ext2_inode_large inode;
	errcode_t err;

	memset(&inode, 0, sizeof(inode));
	if ((err = ext2fs_read_inode_full(e->fs, ino, (struct ext2_inode *)&inode, sizeof(inode))))
		return write_fail(e, err, path);
	/* The attribute block is shared by reference count; the data and extent blocks are its own. */
	if ((err = ext2fs_free_ext_attr(e->fs, ino, &inode)))
		return write_fail(e, err, path);
	if (ext2fs_inode_has_valid_blocks2(e->fs, (struct ext2_inode *)&inode) &&
	    (err = ext2fs_punch(e->fs, ino, (struct ext2_inode *)&inode, NULL, 0, ~0ULL)))
		return write_fail(e, err, path);
	inode.i_links_count = 0;
	inode.i_dtime = e->fs->now ? (uint32_t)e->fs->now : (uint32_t)time(NULL);
	if ((err = ext2fs_write_inode_full(e->fs, ino, (struct ext2_inode *)&inode, sizeof(inode))))
		return write_fail(e, err, path);
	ext2fs_inode_alloc_stats2(e->fs, ino, -1, LINUX_S_ISDIR(inode.i_mode));
	return 0;
}

/* Remove entry `name` (inode `ino`) of folder `dir`; a folder's contents first. */
static int remove_entry(mtkfw_ext4 *e, ext2_ino_t dir, const char *name, ext2_ino_t ino, const char *path,
			unsigned depth)
{
	struct ext2_inode inode;
	errcode_t err;
	int rc;

	if ((err = ext2fs_read_inode(e->fs, ino, &inode)))
		return write_fail(e, err, path);
	if (LINUX_S_ISDIR(inode.i_mode)) {
		mtkfw_ext4_dir l;

		if (depth > WALK_DEPTH)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: folders nested deeper than %u", e->name, path,
					    WALK_DEPTH);
		if ((rc = mtkfwi_ext4_list_ino(e, ino, path, MTKFW_EXT4_MAX_ENTRIES, &l)))
			return rc;
		for (size_t i = 0; i < l.count && !rc; i++) {
			char *sub = mtkfw_path_join(path, l.entries[i].name);

			rc = sub ? remove_entry(e, ino, l.entries[i].name, l.entries[i].inode, sub, depth + 1)
				 : mtkfw_nomem();
			free(sub);
		}
		mtkfw_ext4_dir_clear(&l);
		if (rc)
			return rc;
	}
	if ((err = ext2fs_unlink(e->fs, dir, name, ino, 0)))
		return write_fail(e, err, path);
	if (LINUX_S_ISDIR(inode.i_mode)) {
		struct ext2_inode parent;

		/* The folder's ".." counted as a link of its parent. */
		if ((err = ext2fs_read_inode(e->fs, dir, &parent)))
			return write_fail(e, err, path);
		if (parent.i_links_count > 2)
			parent.i_links_count--;
		if ((err = ext2fs_write_inode(e->fs, dir, &parent)))
			return write_fail(e, err, path);
		return release_inode(e, ino, path);
	}
	if ((err = ext2fs_read_inode(e->fs, ino, &inode)))
		return write_fail(e, err, path);
	if (inode.i_links_count > 1) {
		/* A hard link: the other names keep the file. */
		inode.i_links_count--;
		return (err = ext2fs_write_inode(e->fs, ino, &inode)) ? write_fail(e, err, path) : 0;
	}
	return release_inode(e, ino, path);
}

int mtkfw_ext4_remove(mtkfw_ext4 *e, const char *path)
{
	char parent[4096], name[EXT2_NAME_LEN + 1];
	ext2_ino_t dir, ino;
	errcode_t err;
	int rc;

	if (!e || !path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_remove: NULL argument");
	if (!e->rw || !e->fs)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not open for writing", e->name);
	if ((rc = split(e->name, path, parent, sizeof(parent), name)) || (rc = mtkfwi_ext4_lookup_dir(e, parent, &dir)))
		return rc;
	if ((err = ext2fs_lookup(e->fs, dir, name, (int)strlen(name), NULL, &ino)))
		return mtkfwi_ext4_seterr(err, e->name, path);
	return remove_entry(e, dir, name, ino, path, 0);
}

/* ---- grafting ------------------------------------------------------------------------------- */

struct graft {
	mtkfw_ext4 *dst, *src;
	uint64_t nodes;
};

/* Owners, mode, times (with their extra precision when both inodes have room for it). */
static void take_attrs(struct ext2_inode_large *d, const struct ext2_inode_large *s)
{
	d->i_mode = s->i_mode;
	d->i_uid = s->i_uid;
	d->i_gid = s->i_gid;
	d->osd2.linux2.l_i_uid_high = s->osd2.linux2.l_i_uid_high;
	d->osd2.linux2.l_i_gid_high = s->osd2.linux2.l_i_gid_high;
	d->i_atime = s->i_atime;
	d->i_ctime = s->i_ctime;
	d->i_mtime = s->i_mtime;
#define HAS_FIELD(i, f) ((i)->i_extra_isize >= offsetof(struct ext2_inode_large, f) + sizeof((i)->f) - EXT2_GOOD_OLD_INODE_SIZE)
	if (HAS_FIELD(d, i_crtime_extra) && HAS_FIELD(s, i_crtime_extra)) {
		d->i_ctime_extra = s->i_ctime_extra;
		d->i_mtime_extra = s->i_mtime_extra;
		d->i_atime_extra = s->i_atime_extra;
		d->i_crtime = s->i_crtime;
		d->i_crtime_extra = s->i_crtime_extra;
	}
#undef HAS_FIELD
}

static int read_large(mtkfw_ext4 *e, ext2_ino_t ino, struct ext2_inode_large *out, const char *path)
{
	errcode_t err;

	memset(out, 0, sizeof(*out));
	err = ext2fs_read_inode_full(e->fs, ino, (struct ext2_inode *)out, sizeof(*out));
	return err ? mtkfwi_ext4_fail(e, err, path) : 0;
}

/* Give new inode `dino` the source's attributes. */
static int set_attrs(struct graft *g, ext2_ino_t dino, const struct ext2_inode_large *s, const char *path)
{
	struct ext2_inode_large d;
	errcode_t err;
	int rc;

	if ((rc = read_large(g->dst, dino, &d, path)))
		return rc;
	take_attrs(&d, s);
	err = ext2fs_write_inode_full(g->dst->fs, dino, (struct ext2_inode *)&d, sizeof(d));
	return err ? write_fail(g->dst, err, path) : 0;
}

struct xattr_copy {
	struct ext2_xattr_handle *to;
	errcode_t err;
	const char *key; /* the one that failed */
};

static int xattr_one(char *name, char *value, size_t len, void *data)
{
	struct xattr_copy *x = data;

	/* system.data is where inline data lives, part of the inode's body, not an attribute. */
	if (!strcmp(name, "system.data"))
		return 0;
	if ((x->err = ext2fs_xattr_set(x->to, name, value, len)) != 0) {
		x->key = name;
		return XATTR_ABORT;
	}
	return 0;
}

/* Every extended attribute of source inode `sino` onto `dino`, byte for byte (raw: ACLs are
 * not translated on the way). */
static int copy_xattrs(struct graft *g, ext2_ino_t sino, ext2_ino_t dino, const char *path)
{
	struct ext2_xattr_handle *from = NULL, *to = NULL;
	struct xattr_copy x = { 0 };
	unsigned raw = XATTR_HANDLE_FLAG_RAW;
	errcode_t err;
	int rc = 0;

	if ((err = ext2fs_xattrs_open(g->src->fs, sino, &from)) || (err = ext2fs_xattrs_flags(from, &raw, NULL)) ||
	    (err = ext2fs_xattrs_read(from))) {
		/* An image without the feature has no attributes to copy. */
		rc = err == EXT2_ET_MISSING_EA_FEATURE ? 0 : mtkfwi_ext4_fail(g->src, err, path);
		goto out;
	}
	if ((err = ext2fs_xattrs_open(g->dst->fs, dino, &to)) || (err = ext2fs_xattrs_flags(to, &raw, NULL)) ||
	    (err = ext2fs_xattrs_read(to))) {
		rc = err == EXT2_ET_MISSING_EA_FEATURE
			     ? mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: %s: the file system has no extended attributes "
					    "(ext_attr) to keep the source's labels in", g->dst->name, path)
			     : write_fail(g->dst, err, path);
		goto out;
	}
	x.to = to;
	err = ext2fs_xattrs_iterate(from, xattr_one, &x);
	if (x.err)
		rc = out_of_room(x.err) ? write_fail(g->dst, x.err, path)
					: mtkfwi_ext4_seterr(x.err, g->dst->name, x.key ? x.key : path);
	else if (err)
		rc = mtkfwi_ext4_fail(g->src, err, path);
out:
	if (to && (err = ext2fs_xattrs_close(&to)) && !rc)
		rc = write_fail(g->dst, err, path);
	if (from)
		ext2fs_xattrs_close(&from);
	return rc;
}

/* Link `ino` into `dir` as `name`, growing the folder by a block when it is full. */
static errcode_t link_in(ext2_filsys fs, ext2_ino_t dir, const char *name, ext2_ino_t ino, int type)
{
	errcode_t err = ext2fs_link(fs, dir, name, ino, type);

	if (err == EXT2_ET_DIR_NO_SPACE && !(err = ext2fs_expand_dir(fs, dir)))
		err = ext2fs_link(fs, dir, name, ino, type);
	return err;
}

struct file_sink {
	ext2_file_t f;
	errcode_t err;
};

static int file_put(const void *buf, size_t n, void *user)
{
	struct file_sink *s = user;
	const uint8_t *p = buf;

	while (n) {
		unsigned int done = 0;

		if ((s->err = ext2fs_file_write(s->f, p, (unsigned int)n, &done)) != 0)
			return 1;
		if (!done) {
			s->err = EXT2_ET_SHORT_WRITE;
			return 1;
		}
		p += done;
		n -= done;
	}
	return 0;
}

static int new_file(struct graft *g, ext2_ino_t dir, const char *name, ext2_ino_t sino,
		    const struct ext2_inode_large *s, const char *path, ext2_ino_t *out)
{
	ext2_filsys fs = g->dst->fs;
	struct ext2_inode inode;
	struct file_sink sink = { 0 };
	ext2_ino_t ino;
	errcode_t err;
	int rc;

	if ((err = ext2fs_new_inode(fs, dir, LINUX_S_IFREG | 0644, NULL, &ino)) ||
	    (err = link_in(fs, dir, name, ino, EXT2_FT_REG_FILE)))
		return write_fail(g->dst, err, path);
	ext2fs_inode_alloc_stats2(fs, ino, +1, 0);
	memset(&inode, 0, sizeof(inode));
	inode.i_mode = s->i_mode;
	inode.i_links_count = 1;
	if (ext2fs_has_feature_extents(fs->super)) {
		ext2_extent_handle_t h;

		/* An empty extent tree in i_block, as the kernel starts every new file. */
		if ((err = ext2fs_extent_open2(fs, ino, &inode, &h)))
			return write_fail(g->dst, err, path);
		ext2fs_extent_free(h);
	}
	if ((err = ext2fs_write_new_inode(fs, ino, &inode)))
		return write_fail(g->dst, err, path);
	if ((err = ext2fs_file_open(fs, ino, EXT2_FILE_WRITE, &sink.f)))
		return write_fail(g->dst, err, path);
	rc = mtkfwi_ext4_cat_ino(g->src, sino, (struct ext2_inode *)s, path, file_put, &sink);
	err = ext2fs_file_close(sink.f);
	if (sink.err)
		return write_fail(g->dst, sink.err, path);
	if (rc)
		return rc;
	if (err)
		return write_fail(g->dst, err, path);
	*out = ino;
	return 0;
}

static int graft_node(struct graft *g, ext2_ino_t dir, const char *name, const mtkfw_ext4_entry *se,
		      const char *path, unsigned depth);

static int graft_children(struct graft *g, ext2_ino_t sdir, ext2_ino_t ddir, const char *path, unsigned depth)
{
	mtkfw_ext4_dir l;
	int rc;

	if (depth > WALK_DEPTH)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: folders nested deeper than %u", g->src->name, path,
				    WALK_DEPTH);
	if ((rc = mtkfwi_ext4_list_ino(g->src, sdir, path, MTKFW_EXT4_MAX_ENTRIES, &l)))
		return rc;
	for (size_t i = 0; i < l.count && !rc; i++) {
		char *sub = mtkfw_path_join(path, l.entries[i].name);

		rc = sub ? graft_node(g, ddir, l.entries[i].name, &l.entries[i], sub, depth + 1) : mtkfw_nomem();
		free(sub);
	}
	mtkfw_ext4_dir_clear(&l);
	return rc;
}

static int graft_node(struct graft *g, ext2_ino_t dir, const char *name, const mtkfw_ext4_entry *se,
		      const char *path, unsigned depth)
{
	ext2_filsys fs = g->dst->fs;
	struct ext2_inode_large s;
	ext2_ino_t ino = 0;
	errcode_t err;
	int rc;

	if (++g->nodes > WALK_NODES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: more than %u files", g->src->name, path, WALK_NODES);
	if (strlen(name) > EXT2_NAME_LEN)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s: a name over 255 bytes", g->src->name, path);
	if ((rc = read_large(g->src, se->inode, &s, path)))
		return rc;
	switch (se->type) {
	case MTKFW_EXT4_FILE:
		if ((rc = new_file(g, dir, name, se->inode, &s, path, &ino)))
			return rc;
		break;
	case MTKFW_EXT4_DIR:
		err = ext2fs_mkdir(fs, dir, 0, name);
		if (err == EXT2_ET_DIR_NO_SPACE && !(err = ext2fs_expand_dir(fs, dir)))
			err = ext2fs_mkdir(fs, dir, 0, name);
		if (err || (err = ext2fs_lookup(fs, dir, name, (int)strlen(name), NULL, &ino)))
			return write_fail(g->dst, err, path);
		break;
	case MTKFW_EXT4_SYMLINK:
		if (!se->target)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s: a symbolic link without a target", g->src->name,
					    path);
		err = ext2fs_symlink(fs, dir, 0, name, se->target);
		if (err == EXT2_ET_DIR_NO_SPACE && !(err = ext2fs_expand_dir(fs, dir)))
			err = ext2fs_symlink(fs, dir, 0, name, se->target);
		if (err || (err = ext2fs_lookup(fs, dir, name, (int)strlen(name), NULL, &ino)))
			return write_fail(g->dst, err, path);
		break;
	default:
		/* A system image holds no device nodes; one in a board's files is a mistake. */
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: %s: a %s is not copied (only files, folders and "
				    "symbolic links)", g->src->name, path, mtkfw_ext4_type_name(se->type));
	}
	if ((rc = set_attrs(g, ino, &s, path)) || (rc = copy_xattrs(g, se->inode, ino, path)))
		return rc;
	return se->type == MTKFW_EXT4_DIR ? graft_children(g, se->inode, ino, path, depth) : 0;
}

/* The folder `path` of the destination, made (with the source's attributes for each missing
 * step, or root-owned 0755 where the source has none) when it is not there. */
static int make_parents(struct graft *g, const char *path, ext2_ino_t *out)
{
	char step[4096];
	ext2_ino_t cur = EXT2_ROOT_INO;
	const char *p = path;
	int rc;

	while (*p) {
		size_t len;
		char name[EXT2_NAME_LEN + 1];
		ext2_ino_t next;
		errcode_t err;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		len = strcspn(p, "/");
		if (len > EXT2_NAME_LEN || (size_t)(p - path) + len >= sizeof(step))
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %s: path too long", g->dst->name, path);
		memcpy(name, p, len);
		name[len] = '\0';
		memcpy(step, path, (size_t)(p - path) + len);
		step[(p - path) + len] = '\0';
		p += len;
		if ((rc = mtkfwi_ext4_lookup_dir(g->dst, step, &next)) == 0) {
			cur = next;
			continue;
		}
		if (rc != MTKFW_ERR_NOTFOUND)
			return rc;
		mtkfw_error_clear();
		if ((err = ext2fs_lookup(g->dst->fs, cur, name, (int)len, NULL, &next)) == 0)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %s: exists and is not a folder", g->dst->name, step);
		err = ext2fs_mkdir(g->dst->fs, cur, 0, name);
		if (err == EXT2_ET_DIR_NO_SPACE && !(err = ext2fs_expand_dir(g->dst->fs, cur)))
			err = ext2fs_mkdir(g->dst->fs, cur, 0, name);
		if (err || (err = ext2fs_lookup(g->dst->fs, cur, name, (int)len, NULL, &next)))
			return write_fail(g->dst, err, step);
		{
			mtkfw_ext4_entry se;
			struct ext2_inode_large s;

			/* The source's folder of that name gives owner, mode, times and label. */
			if (mtkfw_ext4_stat(&se, g->src, step) == 0 && se.type == MTKFW_EXT4_DIR) {
				rc = read_large(g->src, se.inode, &s, step);
				if (!rc)
					rc = set_attrs(g, next, &s, step);
				if (!rc)
					rc = copy_xattrs(g, se.inode, next, step);
				mtkfw_ext4_entry_clear(&se);
				if (rc)
					return rc;
			} else {
				mtkfw_error_clear();
			}
		}
		cur = next;
	}
	*out = cur;
	return 0;
}

int mtkfw_ext4_graft(mtkfw_ext4 *dst, const char *path, mtkfw_ext4 *src, const char *src_path, uint64_t *nodes)
{
	char parent[4096], name[EXT2_NAME_LEN + 1];
	struct graft g = { dst, src, 0 };
	mtkfw_ext4_entry se;
	ext2_ino_t dir = 0, ino;
	int rc;

	if (!dst || !path || !src || !src_path)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_graft: NULL argument");
	if (!dst->rw || !dst->fs)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not open for writing", dst->name);
	if ((rc = split(dst->name, path, parent, sizeof(parent), name)))
		return rc;
	if ((rc = mtkfw_ext4_stat(&se, src, src_path)))
		return rc;
	if ((rc = make_parents(&g, parent, &dir)) == 0) {
		if (ext2fs_lookup(dst->fs, dir, name, (int)strlen(name), NULL, &ino) == 0)
			rc = mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %s: already there (remove it first)", dst->name, path);
		else
			rc = graft_node(&g, dir, name, &se, path, 0);
	}
	mtkfw_ext4_entry_clear(&se);
	if (!rc && nodes)
		*nodes = g.nodes;
	return rc;
}
