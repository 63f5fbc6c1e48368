/*
 * A package taken out of its archive, for a job that reads its files as a folder (`mtkfw port`
 * with a zip or a library entry as BASE). Two passes over the archive: the first finds the
 * package's scatter and writes it out; the scatter then says which files the package has, and
 * the second pass writes only those the caller wants (a port takes no preloader, lk or logo
 * from its base). Everything goes into one temporary folder listed in the temp registry, so a
 * Ctrl-C removes it as well as the caller's clear; a member whose name would leave the folder
 * is never written, and every member and the whole are bounded.
 */
#include "core/file.h"
#include "core/internal.h"
#include "catalog/archive_io.h"
#include "catalog/scan.h"

#include <mtkfw/catalog.h>
#include <mtkfw/layout.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCATTER_MAX (4u << 20)         /* a scatter is a few KiB */
#define MEMBER_MAX (16ull << 30)       /* the largest member written (a system image) */
#define UNPACK_MAX (32ull << 30)       /* what one package may put into the folder */
#define SCATTERS_MAX 64                /* scatters named in a refusal */

struct unpack {
	const char *archive;    /* the archive file */
	const char *member;     /* what inside it was named: "" for the archive itself */
	const char *tmp;        /* the caller's temporary folder */
	struct archive *a;
	mtkfw_ctx *ctx;
	uint64_t written;
	char *scatters[SCATTERS_MAX]; /* the scatters found (members' names) */
	size_t nscatters;
	char *scatter;          /* the one chosen */
	char **want;            /* pass two: the package's file names wanted (in the scatter's folder) */
	size_t nwant;
};

bool mtkfw_catalog_is_archive(const char *path)
{
	return path && (strstr(path, "!/") || mtkfwi_scan_archive_name(path));
}

/* "ARCHIVE!/member": the archive is the first prefix before a "!/" that is a file. */
static int split(const char *path, char **archive, const char **member)
{
	struct stat st;

	for (const char *bang = strstr(path, "!/"); bang; bang = strstr(bang + 1, "!/")) {
		char *a = mtkfw_strndup(path, (size_t)(bang - path));

		if (!a)
			return MTKFW_ERR_NOMEM;
		if (stat(a, &st) == 0 && S_ISREG(st.st_mode)) {
			*archive = a;
			*member = bang + 2;
			while (**member == '/')
				(*member)++;
			return 0;
		}
		free(a);
	}
	if (stat(path, &st) != 0)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not an archive file", path);
	*member = "";
	return (*archive = mtkfw_strdup(path)) ? 0 : MTKFW_ERR_NOMEM;
}

/* The folder part of a member's name ("" at the top). */
static size_t dir_len(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash ? (size_t)(slash - name) : 0;
}

/* Whether member `name` may be the package's scatter, by where it is: the member named, or
 * directly in the folder named, or anywhere when the archive itself was named. */
static bool scatter_place(const struct unpack *u, const char *name)
{
	size_t ml = strlen(u->member);

	while (ml && u->member[ml - 1] == '/')
		ml--;
	if (!ml)
		return true;
	if (strlen(name) == ml && !strncmp(name, u->member, ml))
		return true;
	return dir_len(name) == ml && !strncmp(name, u->member, ml);
}

/* Write the current member to `dest` (its first `head_len` bytes already read), bounded. */
static int write_member(struct unpack *u, const char *name, const char *dest, const uint8_t *head, size_t head_len,
			uint64_t max)
{
	uint8_t *buf = malloc(1u << 16);
	uint64_t total = head_len;
	int fd, rc = 0;

	if (!buf)
		return mtkfw_nomem();
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		free(buf);
		/* The same name twice in one archive: the first one is the one taken. */
		return errno == EEXIST ? 0 : mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", dest, strerror(errno));
	}
	rc = mtkfw_write_all(fd, head, head_len, dest);
	while (!rc) {
		size_t got = 0;

		if ((rc = mtkfwi_arc_pull(u->a, u->archive, buf, 1u << 16, &got)) != 0 || !got)
			break;
		total += got;
		if (total > max || u->written + total > UNPACK_MAX) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s!/%s: larger than it says, or than a package taken out of an "
					  "archive may be (%llu bytes)", u->archive, name,
					  (unsigned long long)(total > max ? max : UNPACK_MAX));
			break;
		}
		if (!(rc = mtkfw_write_all(fd, buf, got, dest)) && !(total & ((8u << 20) - 1)))
			rc = mtkfw_progress(u->ctx, "unpack", u->written + total, 0);
	}
	if (close(fd) != 0 && !rc)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", dest, strerror(errno));
	u->written += total;
	free(buf);
	return rc;
}

static bool wanted(const struct unpack *u, const char *name)
{
	size_t dl = dir_len(u->scatter);
	const char *base;

	if (dir_len(name) != dl || strncmp(name, u->scatter, dl) != 0)
		return false;
	base = name + dl + (dl ? 1 : 0);
	for (size_t i = 0; i < u->nwant; i++)
		if (!strcasecmp(base, u->want[i]))
			return true;
	return false;
}

/* One pass: the scatters where the package may be (pass one), or the wanted files (two). */
static int pass(struct unpack *u, bool second)
{
	struct archive_entry *e;
	uint8_t head[4096];
	int r = ARCHIVE_EOF, rc = 0;

	if ((rc = mtkfwi_arc_open(&u->a, u->archive)))
		return rc;
	while (!rc && ((r = archive_read_next_header(u->a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
		const char *name = mtkfwi_arc_member_name(e);
		uint64_t size = name ? mtkfwi_arc_member_size(e) : 0;
		size_t head_len = 0;
		char *dest = NULL;

		if (!name || (second ? !wanted(u, name) : (!scatter_place(u, name) || size > SCATTER_MAX)))
			continue;
		if (mtkfw_path_under(u->tmp, name, &dest) != 0) {
			if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
				rc = MTKFW_ERR_NOMEM;
			else
				mtkfw_error_clear(); /* a name that would leave the folder is never written */
			continue;
		}
		while (!rc && head_len < sizeof(head)) {
			size_t got = 0;

			if ((rc = mtkfwi_arc_pull(u->a, u->archive, head + head_len, sizeof(head) - head_len, &got)) || !got)
				break;
			head_len += got;
		}
		if (!rc && !second && mtkfwi_scan_classify_head(mtkfw_path_base(name), head, head_len) == SCAN_SCATTER) {
			if (u->nscatters < SCATTERS_MAX && !(u->scatters[u->nscatters++] = mtkfw_strdup(name)))
				rc = MTKFW_ERR_NOMEM;
			if (!rc && !(rc = mtkfwi_arc_make_parents(u->tmp, name)))
				rc = write_member(u, name, dest, head, head_len, SCATTER_MAX);
		} else if (!rc && second) {
			if (!(rc = mtkfwi_arc_make_parents(u->tmp, name)))
				rc = write_member(u, name, dest, head, head_len, MEMBER_MAX);
		}
		free(dest);
		if (!rc && archive_read_data_skip(u->a) != ARCHIVE_OK)
			rc = mtkfwi_arc_damaged(u->a, u->archive);
		if (!rc)
			rc = mtkfw_cancelled(u->ctx);
	}
	if (!rc && r != ARCHIVE_EOF)
		rc = mtkfwi_arc_damaged(u->a, u->archive);
	mtkfwi_arc_close(u->a);
	u->a = NULL;
	return rc;
}

/* The one scatter of the package, or a refusal naming the choices. */
static int choose(struct unpack *u)
{
	char list[512] = "";
	size_t used = 0;

	if (u->nscatters == 1)
		return (u->scatter = mtkfw_strdup(u->scatters[0])) ? 0 : MTKFW_ERR_NOMEM;
	if (!u->nscatters)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s%s%s: no scatter there: not a firmware package", u->archive,
				    *u->member ? "!/" : "", u->member);
	for (size_t i = 0; i < u->nscatters && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s!/%s", i ? ", " : "", u->archive,
					 u->scatters[i]);
	return mtkfw_seterr(MTKFW_ERR_INVALID, "%s%s%s: holds %zu%s packages; name one: %s", u->archive,
			    *u->member ? "!/" : "", u->member, u->nscatters, u->nscatters == SCATTERS_MAX ? " or more" : "",
			    list);
}

/* The files of the scatter's partitions the caller wants. */
static int want_files(struct unpack *u, const struct mtkfw_catalog_unpack_opts *o)
{
	mtkfw_layout *l = NULL;
	char *path = NULL;
	int rc = mtkfw_path_under(u->tmp, u->scatter, &path);

	if (!rc && (rc = mtkfw_scatter_load(&l, path)) == 0) {
		if (!(u->want = mtkfw_calloc(l->count ? l->count : 1, sizeof(*u->want))))
			rc = MTKFW_ERR_NOMEM;
		for (size_t i = 0; !rc && i < l->count; i++) {
			const struct mtkfw_partition *p = &l->parts[i];

			if (!p->name || !p->file || !strcasecmp(p->file, "NONE") || strchr(p->file, '/') ||
			    strchr(p->file, '\\') || (o && o->want && !o->want(p->name, o->user)))
				continue;
			if (!(u->want[u->nwant++] = mtkfw_strdup(p->file)))
				rc = MTKFW_ERR_NOMEM;
		}
	}
	mtkfw_layout_free(l);
	free(path);
	return rc;
}

int mtkfw_catalog_unpack(struct mtkfw_catalog_unpacked *out, const char *path, const struct mtkfw_catalog_unpack_opts *o,
			 mtkfw_ctx *ctx)
{
	struct unpack u = { .ctx = ctx };
	char *archive = NULL;
	int rc;

	if (!out || !path || (o && o->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_catalog_unpack: bad arguments");
	memset(out, 0, sizeof(*out));
	if ((rc = split(path, &archive, &u.member)))
		return rc;
	u.archive = archive;
	if ((rc = mtkfw_tempdir_make(&out->tmp, o ? o->tmp_dir : NULL, "mtkfw-unpack")))
		goto out;
	u.tmp = out->tmp.path;
	mtkfw_progress(ctx, "unpack", 0, 0);
	if (!(rc = pass(&u, false)) && !(rc = choose(&u)) && !(rc = want_files(&u, o)) && !(rc = pass(&u, true)))
		rc = mtkfw_path_under(u.tmp, u.scatter, &out->scatter);
out:
	if (rc)
		mtkfw_catalog_unpacked_clear(out);
	for (size_t i = 0; i < u.nscatters; i++)
		free(u.scatters[i]);
	for (size_t i = 0; i < u.nwant; i++)
		free(u.want[i]);
	free(u.want);
	free(u.scatter);
	free(archive);
	return rc;
}

void mtkfw_catalog_unpacked_clear(struct mtkfw_catalog_unpacked *u)
{
	if (!u)
		return;
	mtkfw_tempdir_clear(&u->tmp);
	free(u->scatter);
	memset(u, 0, sizeof(*u));
}
