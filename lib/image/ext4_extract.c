/*
 * `mtkfw ext4 extract`: a folder (or one file) of an image copied out whole or not at all.
 * Technicians pull /system/app or /nvram out of images and dumps; a copy that stops halfway
 * must not look like a finished one, so it is made in a temporary folder beside OUT and
 * renamed into place at the end (core/outdir.h). Folders and files keep the image's modes,
 * and a symbolic link is made as a link when it points inside OUT.
 */
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"
#include "core/outdir.h"
#include "image/ext4_internal.h"

#include <mtkfw/ext4.h>

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct hash_sink {
	struct mtkfw_atomic f;
	mtkfw_hash *md;
	uint64_t got, max;
};

static int to_file(const void *buf, size_t n, void *user)
{
	struct hash_sink *s = user;

	if (n > s->max - s->got)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "the file holds more bytes than its size says");
	s->got += n;
	if (mtkfw_hash_update(s->md, buf, n) != 0)
		return mtkfw_nomem();
	return mtkfw_atomic_write(&s->f, buf, n);
}

/* One regular file into `dir` under its safe name: the tree has that one node. */
static int extract_file(mtkfw_ext4 *fs, const char *path, const mtkfw_ext4_entry *en, const char *dir,
			const struct mtkfw_ext4_limits *lim, mtkfw_ext4_tree *t)
{
	struct hash_sink s = { .f = { .fd = -1 }, .max = en->size };
	mtkfw_ext4_node *n;
	char *out = NULL;
	int rc;

	if (!(t->nodes = mtkfw_calloc(1, sizeof(*t->nodes))) ||
	    !(t->nodes[0].path = mtkfw_ext4_safe_name(en->name, strlen(en->name), false)))
		return mtkfw_nomem();
	t->count = 1;
	n = &t->nodes[0];
	n->type = en->type;
	n->mode = en->mode & 07777;
	n->uid = en->uid;
	n->gid = en->gid;
	n->size = en->size;
	if (lim->max_bytes && en->size > lim->max_bytes) {
		snprintf(n->skipped, sizeof(n->skipped), "limit");
		return 0;
	}
	if ((rc = mtkfw_path_under(dir, n->path, &out)))
		return rc;
	if (mtkfw_hash_new(&s.md, MTKFW_HASH_SHA256) != 0)
		rc = mtkfw_nomem();
	if (!rc)
		rc = mtkfw_atomic_open(&s.f, out);
	if (!rc)
		rc = mtkfw_ext4_cat(fs, path, to_file, &s);
	if (!rc && s.got != en->size)
		rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %llu of %llu bytes", path, (unsigned long long)s.got,
				  (unsigned long long)en->size);
	if (!rc && mtkfw_hash_final(s.md, n->sha256) != 0)
		rc = mtkfw_nomem();
	if (!rc)
		rc = mtkfw_atomic_commit(&s.f);
	else
		mtkfw_atomic_abort(&s.f);
	mtkfw_hash_free(s.md);
	free(out);
	if (!rc)
		t->bytes = en->size;
	return rc;
}

/* Does link `link` (a path below OUT) pointing at `target` stay inside OUT? Judged on the
 * words alone, and only for targets that can be judged so: an absolute target names the
 * phone's root, not OUT; ".." may only lead the target, each climbing one real folder of the
 * link's own path. A ".." after a name could climb out of wherever a link in the path led
 * ("a/up/.." with a/up -> ".."), so such a target is not made. */
static bool link_stays_inside(const char *link, const char *target)
{
	int depth = 0;
	bool named = false;

	if (!*target || target[0] == '/')
		return false;
	for (const char *p = link; (p = strchr(p, '/')); p++)
		depth++;
	for (const char *c = target; *c;) {
		const char *e = strchr(c, '/');
		size_t n = e ? (size_t)(e - c) : strlen(c);

		if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (named || --depth < 0)
				return false;
		} else if (n && !(n == 1 && c[0] == '.')) {
			named = true;
		}
		c += n;
		while (*c == '/')
			c++;
	}
	return true;
}

/* The copy as the image has it: links that stay inside OUT made as links, then the modes of
 * files and folders (folders last and deepest first, so that a folder without write
 * permission is closed only once everything in it is made). Set-id bits are not given to
 * anything copied out of an untrusted image. */
static int finish_tree(const char *dir, mtkfw_ext4_tree *t)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < t->count; i++) {
		mtkfw_ext4_node *n = &t->nodes[i];
		char *p = NULL;

		if (n->type != MTKFW_EXT4_SYMLINK || n->skipped[0] || !n->target || strchr(n->target, '%') ||
		    !link_stays_inside(n->path, n->target))
			continue;
		if ((rc = mtkfw_path_under(dir, n->path, &p)))
			break;
		if (symlink(n->target, p) != 0)
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot make the link: %s", p, strerror(errno));
		else
			n->linked = true;
		free(p);
	}
	for (size_t i = t->count; !rc && i-- > 0;) {
		mtkfw_ext4_node *n = &t->nodes[i];
		char *p = NULL;

		if ((n->type != MTKFW_EXT4_FILE && n->type != MTKFW_EXT4_DIR) || n->skipped[0])
			continue;
		if ((rc = mtkfw_path_under(dir, n->path, &p)))
			break;
		if (chmod(p, n->mode & (n->type == MTKFW_EXT4_DIR ? 01777u : 0777u)) != 0 && errno != ENOENT)
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", p, strerror(errno));
		free(p);
	}
	return rc;
}

int mtkfw_ext4_extract(mtkfw_ext4_tree *tree, mtkfw_ext4 *fs, const char *path, const char *out,
		       const struct mtkfw_ext4_extract_opts *o, mtkfw_ctx *ctx)
{
	struct mtkfw_ext4_limits lim = { .max_nodes = MTKFW_EXT4_EXTRACT_NODES, .max_bytes = MTKFW_EXT4_EXTRACT_BYTES,
					 .max_depth = MTKFW_EXT4_EXTRACT_DEPTH };
	mtkfw_ext4_entry en = { 0 };
	struct mtkfw_outdir d;
	unsigned mode = 0755;
	int rc;

	if (!fs || !path || !out || !*out || !tree || (o && o->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "ext4 extract: bad arguments");
	memset(tree, 0, sizeof(*tree));
	if (o && o->limits.max_nodes)
		lim = o->limits;
	/* Refused before anything is read or written. */
	if ((rc = mtkfw_outdir_open(&d, out, o && o->force)))
		return rc;
	if ((rc = mtkfw_ext4_stat(&en, fs, path))) {
		mtkfw_outdir_abort(&d);
		return rc;
	}
	if (en.type == MTKFW_EXT4_FILE) {
		rc = extract_file(fs, path, &en, d.tmp, &lim, tree);
	} else {
		mode = en.mode & 01777;
		rc = mtkfw_ext4_copy_tree(tree, fs, path, d.tmp, &lim, ctx);
	}
	mtkfw_ext4_entry_clear(&en);
	if (!rc)
		rc = finish_tree(d.tmp, tree);
	if (!rc)
		rc = mtkfw_cancelled(ctx);
	if (!rc)
		rc = mtkfw_outdir_commit(&d, mode);
	if (!rc)
		return 0;
	/* A write that failed inside the temporary folder is a failure to write OUT. */
	mtkfw_outdir_name_output(&d);
	mtkfw_outdir_abort(&d);
	mtkfw_ext4_tree_clear(tree);
	return rc;
}
