/*
 * Copying a whole folder out of an ext4 image (a phone's /data/nvram before USRDATA is erased):
 * every file hashed as it is written, every count and byte bounded, nothing followed that could
 * leave the tree (links, devices) and no name from the image used as a path until it is made a
 * single safe word. The image is untrusted: a folder may list itself, claim terabytes, or nest
 * without end, and the walk must still end soon with a record of what it left out.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"
#include "image/ext4_internal.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

struct walk {
	mtkfw_ext4 *e;
	const char *root; /* the path asked for, for messages */
	const char *dir; /* NULL: hash only */
	struct mtkfw_ext4_limits lim;
	mtkfw_ext4_tree *t;
	size_t cap;
	ext2_ino_t *seen; /* folders entered: a folder that lists an ancestor is not walked twice */
	size_t nseen;
	mtkfw_ctx *ctx;
};

char *mtkfw_ext4_safe_name(const char *name, size_t len, bool keep_slash)
{
	char *out, *o;

	if (!name)
		return NULL;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return mtkfw_strdup(len == 1 ? "%2E" : "%2E%2E");
	/* A damaged entry's empty name (or one that began with NUL) would make "a//b". */
	if (!len)
		return mtkfw_strdup("%00");
	if (len > (SIZE_MAX - 1) / 3 || !(out = malloc(3 * len + 1)))
		return NULL;
	o = out;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c <= ' ' || c >= 0x7F || c == '%' || c == '\\' || (c == '/' && !keep_slash))
			o += sprintf(o, "%%%02X", c);
		else
			*o++ = (char)c;
	}
	*o = 0;
	return out;
}

void mtkfw_ext4_tree_clear(mtkfw_ext4_tree *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->count; i++) {
		free(t->nodes[i].path);
		free(t->nodes[i].target);
	}
	free(t->nodes);
	memset(t, 0, sizeof(*t));
}

static mtkfw_ext4_node *add_node(struct walk *w, const mtkfw_ext4_entry *en, char *path)
{
	mtkfw_ext4_node *n;

	if (w->t->count == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 32;
		mtkfw_ext4_node *nv = mtkfw_reallocarray(w->t->nodes, ncap, sizeof(*nv));

		if (!nv) {
			free(path);
			return NULL;
		}
		w->t->nodes = nv;
		w->cap = ncap;
	}
	n = &w->t->nodes[w->t->count++];
	memset(n, 0, sizeof(*n));
	n->path = path;
	n->type = en->type;
	n->mode = en->mode & 07777;
	n->uid = en->uid;
	n->gid = en->gid;
	n->size = en->size;
	return n;
}

static void skip(mtkfw_ext4_node *n, const char *why)
{
	snprintf(n->skipped, sizeof(n->skipped), "%s", why);
}

struct copy_sink {
	struct mtkfw_atomic f;
	bool writing;
	mtkfw_hash *md;
	uint64_t got, max;
};

static int copy_cb(const void *buf, size_t n, void *user)
{
	struct copy_sink *s = user;
	int rc;

	/* libext2fs stops at i_size; this is the belt to that brace. */
	if (n > s->max - s->got)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "the file holds more bytes than its size says");
	s->got += n;
	if ((rc = mtkfw_hash_update(s->md, buf, n)) != 0)
		return rc;
	/* A write that fails (ENOSPC, EFBIG) is an IO error on the output, kept as such. */
	return s->writing ? mtkfw_atomic_write(&s->f, buf, n) : 0;
}

/* Copy regular file `ino` to `out` (NULL: hash only). A damaged file is skipped, not fatal:
 * only the source's failure and our own writing errors stop the walk. */
static int copy_file(struct walk *w, mtkfw_ext4_node *n, ext2_ino_t ino, const char *out)
{
	struct copy_sink s = { .f = { .fd = -1 }, .max = n->size };
	struct ext2_inode inode;
	int rc;

	if (n->size > w->lim.max_bytes - w->t->bytes) {
		skip(n, "limit");
		return 0;
	}
	if (ext2fs_read_inode(w->e->fs, ino, &inode) != 0) {
		skip(n, "unreadable");
		return w->e->src.failed ? mtkfwi_ext4_fail(w->e, 0, n->path) : 0;
	}
	if (mtkfw_hash_new(&s.md, MTKFW_HASH_SHA256) != 0) {
		mtkfw_hash_free(s.md);
		return mtkfw_nomem();
	}
	if (out) {
		if ((rc = mtkfw_atomic_open(&s.f, out))) {
			mtkfw_hash_free(s.md);
			return rc;
		}
		s.writing = true;
	}
	rc = mtkfwi_ext4_cat_ino(w->e, ino, &inode, n->path, copy_cb, &s);
	if (!rc && s.got != n->size)
		rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %s: %llu of %llu bytes", w->e->name, n->path,
				  (unsigned long long)s.got, (unsigned long long)n->size);
	if (!rc && mtkfw_hash_final(s.md, n->sha256) != 0)
		rc = mtkfw_nomem();
	mtkfw_hash_free(s.md);
	if (!rc && s.writing)
		return (rc = mtkfw_atomic_commit(&s.f)) ? rc : (w->t->bytes += n->size, 0);
	if (s.writing)
		mtkfw_atomic_abort(&s.f);
	if (!rc) {
		w->t->bytes += n->size;
		return 0;
	}
	/* Our own failures (writing, memory, an interruption) and a dead source end the copy;
	 * damage does not. */
	if (w->e->src.failed)
		return mtkfwi_ext4_fail(w->e, 0, n->path);
	if (rc == MTKFW_ERR_IO || rc == MTKFW_ERR_NOMEM || rc == MTKFW_ERR_CANCELLED)
		return rc;
	memset(n->sha256, 0, sizeof(n->sha256));
	skip(n, "unreadable");
	return 0;
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create the folder: %s", path, strerror(errno));
}

static bool seen_before(struct walk *w, ext2_ino_t ino)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i] == ino)
			return true;
	return false;
}

static int walk_dir(struct walk *w, ext2_ino_t dir, const char *rel, unsigned depth);

/* One entry of a folder: recorded, then copied or descended into when the bounds allow. */
static int visit(struct walk *w, const mtkfw_ext4_entry *en, const char *rel, unsigned depth)
{
	char *name = mtkfw_ext4_safe_name(en->name, strlen(en->name), false), *path, *out = NULL;
	mtkfw_ext4_node *n;
	size_t k;
	int rc = 0;

	if (!name)
		return mtkfw_nomem();
	k = strlen(rel) + strlen(name) + 2;
	path = malloc(k);
	if (path)
		snprintf(path, k, "%s%s%s", rel, *rel ? "/" : "", name);
	free(name);
	if (!path)
		return mtkfw_nomem();
	if (strlen(path) > MTKFW_EXT4_TREE_PATH) {
		free(path);
		w->t->truncated = true;
		return 0;
	}
	if (!(n = add_node(w, en, path)))
		return mtkfw_nomem();
	/* The name is one safe word now; the check is the rule every output path goes through. */
	if (w->dir && (rc = mtkfw_path_under(w->dir, n->path, &out)))
		return rc;
	switch (en->type) {
	case MTKFW_EXT4_FILE:
		rc = copy_file(w, n, en->inode, out);
		break;
	case MTKFW_EXT4_DIR:
		if (depth + 1 > w->lim.max_depth)
			skip(n, "depth");
		else if (seen_before(w, en->inode))
			skip(n, "loop");
		else if (!(rc = out ? make_dir(out) : 0))
			rc = walk_dir(w, en->inode, n->path, depth + 1);
		break;
	case MTKFW_EXT4_SYMLINK:
		if (en->target && !(n->target = mtkfw_ext4_safe_name(en->target, strlen(en->target), true)))
			rc = mtkfw_nomem();
		if (n->target && (!*n->target || strlen(n->target) > MTKFW_EXT4_TREE_PATH)) {
			if (*n->target)
				skip(n, "name");
			free(n->target);
			n->target = NULL;
		}
		break;
	case MTKFW_EXT4_UNKNOWN: /* an entry whose inode could not be read */
		skip(n, "unreadable");
		break;
	default: /* devices, fifos, sockets: recorded, never created */
		break;
	}
	free(out);
	return rc;
}

static int walk_dir(struct walk *w, ext2_ino_t dir, const char *rel, unsigned depth)
{
	size_t room = w->lim.max_nodes - w->t->count;
	mtkfw_ext4_dir d;
	int rc;

	if (w->nseen < w->lim.max_nodes + 1)
		w->seen[w->nseen++] = dir;
	/* One more than the room, so a folder that fills it exactly is not taken for too many. */
	rc = mtkfwi_ext4_list_ino(w->e, dir, *rel ? rel : w->root, room + 1, &d);
	if (rc == MTKFW_ERR_LIMIT) {
		w->t->truncated = true;
		return 0;
	}
	if (rc) {
		/* The root itself unreadable is the command's failure (as `ext4 ls` says), never an
		 * empty copy. */
		if (w->e->src.failed || rc == MTKFW_ERR_NOMEM || !*rel)
			return rc;
		/* A damaged folder: its own node says so. */
		if (w->t->count)
			for (size_t i = w->t->count; i-- > 0;)
				if (!strcmp(w->t->nodes[i].path, rel)) {
					skip(&w->t->nodes[i], "unreadable");
					break;
				}
		mtkfw_error_clear();
		return 0;
	}
	for (size_t i = 0; !rc && i < d.count; i++) {
		if (w->t->count == w->lim.max_nodes) {
			w->t->truncated = true;
			break;
		}
		/* Two entries of one name (a damaged folder) would write one file twice. */
		if (i && !strcmp(d.entries[i].name, d.entries[i - 1].name))
			continue;
		rc = visit(w, &d.entries[i], rel, depth);
		if (!rc)
			rc = mtkfw_progress(w->ctx, "copy files", w->t->bytes, 0);
	}
	mtkfw_ext4_dir_clear(&d);
	return rc;
}

int mtkfw_ext4_copy_tree(mtkfw_ext4_tree *out, mtkfw_ext4 *e, const char *path, const char *dir,
			 const struct mtkfw_ext4_limits *limits, mtkfw_ctx *ctx)
{
	struct walk w = { .e = e, .root = path, .dir = dir, .t = out, .ctx = ctx };
	ext2_ino_t root;
	int rc;

	if (!e || !path || !out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_ext4_copy_tree: NULL argument");
	memset(out, 0, sizeof(*out));
	if (limits)
		w.lim = *limits;
	if (!w.lim.max_nodes || w.lim.max_nodes > MTKFW_EXT4_MAX_ENTRIES)
		w.lim.max_nodes = w.lim.max_nodes ? MTKFW_EXT4_MAX_ENTRIES : MTKFW_EXT4_TREE_NODES;
	if (!w.lim.max_bytes)
		w.lim.max_bytes = MTKFW_EXT4_TREE_BYTES;
	if (!w.lim.max_depth)
		w.lim.max_depth = MTKFW_EXT4_TREE_DEPTH;
	/* The root may be reached through links (/data -> ...); nothing inside it is. */
	if ((rc = mtkfwi_ext4_lookup_dir(e, path, &root)))
		return rc;
	if (!(w.seen = mtkfw_calloc(w.lim.max_nodes + 1, sizeof(*w.seen))))
		return MTKFW_ERR_NOMEM;
	rc = dir ? make_dir(dir) : 0;
	if (!rc)
		rc = walk_dir(&w, root, "", 0);
	if (!rc)
		rc = mtkfw_progress(ctx, "copy files", out->bytes, out->bytes);
	free(w.seen);
	if (rc)
		mtkfw_ext4_tree_clear(out);
	return rc;
}
