/*
 * mtkfw_identity_find: identity files in a folder, recognised by content, because readbacks
 * and NVRAM copies made by other tools name files their own way (contracts.md, "found ... by
 * their content").
 */
#include "core/file.h"
#include "core/internal.h"

#include <mtkfw/identity.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIND_DEPTH_MAX 8
#define FIND_FILES_MAX 50000

struct walk {
	mtkfw_identity_list *list;
	size_t cap;
	uint64_t visited;
	mtkfw_ctx *ctx;
	uint8_t head[MTKFW_IDENTITY_HEAD];
};

void mtkfw_identity_list_free(mtkfw_identity_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++)
		free(list->files[i].path);
	free(list->files);
	free(list);
}

static int add(struct walk *w, const char *path, mtkfw_identity_kind kind, uint64_t size)
{
	mtkfw_identity_list *l = w->list;

	if (l->count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		mtkfw_identity_file *n = mtkfw_reallocarray(l->files, cap, sizeof(*n));

		if (!n)
			return MTKFW_ERR_NOMEM;
		l->files = n;
		w->cap = cap;
	}
	if (!(l->files[l->count].path = mtkfw_strdup(path)))
		return MTKFW_ERR_NOMEM;
	l->files[l->count].kind = kind;
	l->files[l->count].size = size;
	l->count++;
	return 0;
}

/* Look at one regular file; an unreadable file is skipped, not fatal (a readback folder may
 * hold files the user cannot read, and the others still count). */
static int visit_file(struct walk *w, const char *path, uint64_t size)
{
	size_t n = size < MTKFW_IDENTITY_HEAD ? (size_t)size : MTKFW_IDENTITY_HEAD;
	mtkfw_identity_kind kind;
	int fd, rc;

	if (mtkfw_open_input(path, &fd, NULL) != 0)
		return 0;
	rc = mtkfw_pread_exact(fd, w->head, n, 0, path);
	close(fd);
	if (rc != 0)
		return 0;
	kind = mtkfw_identity_detect(w->head, n, size);
	return kind == MTKFW_IDENTITY_UNKNOWN ? 0 : add(w, path, kind, size);
}

static int walk_dir(struct walk *w, const char *dir, int depth)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (depth > FIND_DEPTH_MAX) {
		w->list->truncated = true;
		return 0;
	}
	if (!(d = opendir(dir)))
		return depth == 0 ? mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO,
						 "%s: cannot open the folder: %s", dir, strerror(errno))
				  : 0;
	while (rc == 0 && (de = readdir(d))) {
		struct stat st;
		char *path;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (w->visited >= FIND_FILES_MAX) {
			w->list->truncated = true;
			break;
		}
		if (!(path = mtkfw_path_join(dir, de->d_name))) {
			rc = mtkfw_nomem();
			break;
		}
		if (lstat(path, &st) == 0) {
			w->visited++;
			if (S_ISDIR(st.st_mode))
				rc = walk_dir(w, path, depth + 1);
			else if (S_ISREG(st.st_mode))
				rc = visit_file(w, path, (uint64_t)st.st_size);
			if (rc == 0)
				rc = mtkfw_progress(w->ctx, "find identity files", w->visited, 0);
		}
		free(path);
	}
	closedir(d);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const mtkfw_identity_file *)a)->path, ((const mtkfw_identity_file *)b)->path);
}

int mtkfw_identity_find(mtkfw_identity_list **out, const char *dir, mtkfw_ctx *ctx)
{
	struct walk *w;
	int rc;

	if (!out || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_identity_find: NULL argument");
	*out = NULL;
	/* The walk state holds an 8 KiB buffer: on the heap, not on a deep recursion's stack. */
	if (!(w = mtkfw_calloc(1, sizeof(*w))))
		return MTKFW_ERR_NOMEM;
	w->ctx = ctx;
	if (!(w->list = mtkfw_calloc(1, sizeof(*w->list)))) {
		free(w);
		return MTKFW_ERR_NOMEM;
	}
	rc = walk_dir(w, dir, 0);
	if (rc) {
		mtkfw_identity_list_free(w->list);
		free(w);
		return rc;
	}
	if (w->list->count > 1)
		qsort(w->list->files, w->list->count, sizeof(*w->list->files), by_path);
	*out = w->list;
	free(w);
	return 0;
}
