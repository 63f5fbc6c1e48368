/*
 * `mtkfw ext4 extract`: a folder (or one file) of an image copied out whole or not at all.
 * Technicians pull /system/app or /nvram out of images and dumps; a copy that stops halfway
 * must not look like a finished one, so it is made in a temporary folder beside OUT and
 * renamed into place at the end.
 */
#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/ext4.h>

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct hash_sink {
	struct mtkfw_atomic f;
	EVP_MD_CTX *md;
	uint64_t got, max;
};

static int to_file(const void *buf, size_t n, void *user)
{
	struct hash_sink *s = user;

	if (n > s->max - s->got)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "the file holds more bytes than its size says");
	s->got += n;
	if (EVP_DigestUpdate(s->md, buf, n) != 1)
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
	unsigned mdlen = 0;
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
	if (!(s.md = EVP_MD_CTX_new()) || EVP_DigestInit_ex(s.md, EVP_sha256(), NULL) != 1)
		rc = mtkfw_nomem();
	if (!rc)
		rc = mtkfw_atomic_open(&s.f, out);
	if (!rc)
		rc = mtkfw_ext4_cat(fs, path, to_file, &s);
	if (!rc && s.got != en->size)
		rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %llu of %llu bytes", path, (unsigned long long)s.got,
				  (unsigned long long)en->size);
	if (!rc && EVP_DigestFinal_ex(s.md, n->sha256, &mdlen) != 1)
		rc = mtkfw_nomem();
	if (!rc)
		rc = mtkfw_atomic_commit(&s.f);
	else
		mtkfw_atomic_abort(&s.f);
	EVP_MD_CTX_free(s.md);
	free(out);
	if (!rc)
		t->bytes = en->size;
	return rc;
}

int mtkfw_ext4_extract(mtkfw_ext4 *fs, const char *path, const char *out, const struct mtkfw_ext4_extract_opts *o,
		       mtkfw_ext4_tree *tree, mtkfw_ctx *ctx)
{
	struct mtkfw_ext4_limits lim = { .max_nodes = MTKFW_EXT4_EXTRACT_NODES, .max_bytes = MTKFW_EXT4_EXTRACT_BYTES,
					 .max_depth = MTKFW_EXT4_EXTRACT_DEPTH };
	mtkfw_ext4_entry en = { 0 };
	char *tmp;
	int rc;

	if (!fs || !path || !out || !*out || !tree || (o && o->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "ext4 extract: bad arguments");
	memset(tree, 0, sizeof(*tree));
	if (o && o->limits.max_nodes)
		lim = o->limits;
	/* Refused before anything is read or written. */
	if (mtkfw_folder_is_full(out) && !(o && o->force))
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s exists and is not an empty folder: add --force to replace it",
				    out);
	if ((rc = mtkfw_ext4_stat(fs, path, &en)))
		return rc;
	/* Beside OUT, so the final rename stays on one file system. */
	if ((rc = mtkfw_folder_temp_beside(out, "tmp", &tmp))) {
		mtkfw_ext4_entry_clear(&en);
		return rc;
	}
	if (en.type == MTKFW_EXT4_FILE)
		rc = extract_file(fs, path, &en, tmp, &lim, tree);
	else
		rc = mtkfw_ext4_copy_tree(fs, path, tmp, &lim, tree, ctx);
	mtkfw_ext4_entry_clear(&en);
	if (!rc && (rc = mtkfw_folder_place(tmp, out)) == 0) {
		free(tmp);
		return 0;
	}
	mtkfw_folder_remove(tmp);
	free(tmp);
	mtkfw_ext4_tree_free(tree);
	return rc;
}
