/*
 * `mtkfw ext4 extract`: a folder (or one file) of an image copied out whole or not at all.
 * Technicians pull /system/app or /nvram out of images and dumps; a copy that stops halfway
 * must not look like a finished one, so it is made in a temporary folder beside OUT and
 * renamed into place at the end.
 */
#define _XOPEN_SOURCE 700
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"

#include <mtkfw/ext4.h>

#include <errno.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* Remove a folder we made (or the OUT --force replaces): links are removed, never followed. */
static void remove_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1: OUT is there and holds something (or is not a folder); 0: absent or an empty folder. */
static int out_state(const char *out)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int full = 0;

	if (lstat(out, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode) || !(d = opendir(out)))
		return 1;
	while (!full && (e = readdir(d)))
		full = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return full;
}

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

/* Put the finished copy `tmp` at `out`; a replaced OUT is moved aside first and removed
 * only once the new one is in place. */
static int place(const char *tmp, const char *out)
{
	struct stat st;
	char *old = NULL;
	int rc = 0;

	if (lstat(out, &st) == 0) {
		if (S_ISDIR(st.st_mode) && rmdir(out) == 0) {
			/* It was empty. */
		} else {
			size_t k = strlen(tmp) + 5;

			if (!(old = malloc(k)))
				return mtkfw_nomem();
			snprintf(old, k, "%s.old", tmp);
			if (rename(out, old) != 0) {
				rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot move it aside: %s", out, strerror(errno));
				free(old);
				return rc;
			}
		}
	}
	if (rename(tmp, out) != 0) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot put the copy in place: %s", out, strerror(errno));
		if (old)
			(void)rename(old, out);
	} else if (old) {
		remove_tree(old);
	}
	free(old);
	return rc;
}

int mtkfw_ext4_extract(mtkfw_ext4 *fs, const char *path, const char *out, const struct mtkfw_ext4_extract_opts *o,
		       mtkfw_ext4_tree *tree, mtkfw_ctx *ctx)
{
	struct mtkfw_ext4_limits lim = { .max_nodes = MTKFW_EXT4_EXTRACT_NODES, .max_bytes = MTKFW_EXT4_EXTRACT_BYTES,
					 .max_depth = MTKFW_EXT4_EXTRACT_DEPTH };
	mtkfw_ext4_entry en = { 0 };
	char *tmp;
	size_t k;
	int rc;

	if (!fs || !path || !out || !*out || !tree || (o && o->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "ext4 extract: bad arguments");
	memset(tree, 0, sizeof(*tree));
	if (o && o->limits.max_nodes)
		lim = o->limits;
	/* Refused before anything is read or written. */
	if (out_state(out) && !(o && o->force))
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s exists and is not an empty folder: add --force to replace it",
				    out);
	if ((rc = mtkfw_ext4_stat(fs, path, &en)))
		return rc;
	k = strlen(out) + 16;
	if (!(tmp = malloc(k))) {
		mtkfw_ext4_entry_clear(&en);
		return mtkfw_nomem();
	}
	/* Beside OUT, so the final rename stays on one file system. */
	snprintf(tmp, k, "%s.tmp-XXXXXX", out);
	if (!mkdtemp(tmp)) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create a folder beside it: %s", out, strerror(errno));
		free(tmp);
		mtkfw_ext4_entry_clear(&en);
		return rc;
	}
	if (en.type == MTKFW_EXT4_FILE)
		rc = extract_file(fs, path, &en, tmp, &lim, tree);
	else
		rc = mtkfw_ext4_copy_tree(fs, path, tmp, &lim, tree, ctx);
	mtkfw_ext4_entry_clear(&en);
	if (!rc && (rc = place(tmp, out)) == 0) {
		free(tmp);
		return 0;
	}
	remove_tree(tmp);
	free(tmp);
	mtkfw_ext4_tree_free(tree);
	return rc;
}
