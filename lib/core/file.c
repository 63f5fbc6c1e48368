#include "core/internal.h"
#include "core/file.h"
#include "core/read_tally.h"
#include "core/os.h"
#include "core/tmpreg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

const char *mtkfw_path_base(const char *path)
{
	const char *s = path;

	for (const char *p = path; *p; p++)
		if (mtkfw_os_is_sep(*p))
			s = p + 1;
	return s;
}

char *mtkfw_path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p;

	while (dl > 1 && mtkfw_os_is_sep(dir[dl - 1]))
		dl--;
	p = malloc(dl + nl + 2);
	if (!p) {
		mtkfw_nomem();
		return NULL;
	}
	memcpy(p, dir, dl);
	p[dl] = '/';
	memcpy(p + dl + 1, name, nl + 1);
	return p;
}

int mtkfw_path_under(const char *dir, const char *rel, char **out)
{
	const char *c = rel, *why;

	*out = NULL;
	if (!rel || !*rel)
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "empty member name");
	if (rel[0] == '/')
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "'%s': absolute member name refused", rel);
	for (const char *p = rel; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return mtkfw_seterr(MTKFW_ERR_REFUSED, "member name with a control character refused");
	if ((why = mtkfw_os_member_refused(rel)))
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "'%s': member name refused: %s", rel, why);
	while (*c) {
		size_t n = 0;

		while (c[n] && !mtkfw_os_is_sep(c[n]))
			n++;
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return mtkfw_seterr(MTKFW_ERR_REFUSED, "'%s': member name leaves the output folder", rel);
		c += n;
		while (mtkfw_os_is_sep(*c))
			c++;
	}
	*out = mtkfw_path_join(dir, rel);
	return *out ? 0 : MTKFW_ERR_NOMEM;
}

/* An input that cannot be opened is unreadable input (the contract's exit 2): missing, or
 * denied to us; only a failing disk is an I/O error. */
static int input_error(int err)
{
	return err == ENOENT || err == ENOTDIR ? MTKFW_ERR_NOTFOUND
	       : err == EACCES || err == EPERM || err == ELOOP || err == ENAMETOOLONG ? MTKFW_ERR_INVALID
									     : MTKFW_ERR_IO;
}

int mtkfw_open_input(const char *path, int *fd, uint64_t *size)
{
	struct stat st;
	int f, flags;

	if (fd)
		*fd = -1;
	if (size)
		*size = 0;
	if (!path || !fd)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_open_input: NULL argument");
	/* O_NONBLOCK: opening a FIFO nobody writes to (or a modem's tty) would wait for ever. The
	 * type is checked on the open file, so nothing can swap the path between check and open;
	 * the flag is cleared afterwards so reads behave as usual. */
	f = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (f < 0)
		return mtkfw_seterr(input_error(errno), "%s: %s", path, strerror(errno));
	if (fstat(f, &st) != 0) {
		int e = errno;

		close(f);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(e));
	}
	if (S_ISDIR(st.st_mode) || (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))) {
		close(f);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: %s", path,
				    S_ISDIR(st.st_mode) ? "is a folder, not a file" : "not a regular file");
	}
	if ((flags = fcntl(f, F_GETFL)) < 0 || fcntl(f, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		int e = errno;

		close(f);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(e));
	}
	if (size && S_ISREG(st.st_mode)) {
		*size = (uint64_t)st.st_size;
	} else if (size) {
		/* A block device's st_size is 0: its length is where its end is. */
		off_t end = lseek(f, 0, SEEK_END);

		if (end < 0) {
			int e = errno;

			close(f);
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(e));
		}
		*size = (uint64_t)end;
	}
	mtkfwi_tally_opened(f, path);
	*fd = f;
	return 0;
}

FILE *mtkfw_fopen_input(const char *path)
{
	FILE *f;
	int fd;

	if (mtkfw_open_input(path, &fd, NULL) != 0)
		return NULL;
	if (!(f = fdopen(fd, "rb"))) {
		close(fd);
		mtkfw_nomem();
	}
	return f;
}

int mtkfw_file_size(const char *path, uint64_t *out)
{
	struct stat st;
	int fd;

	if (stat(path, &st) != 0)
		return mtkfw_seterr(input_error(errno), "%s: %s", path, strerror(errno));
	if (S_ISREG(st.st_mode)) {
		*out = (uint64_t)st.st_size;
		return 0;
	}
	if (!S_ISBLK(st.st_mode))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a regular file", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
	off_t end = lseek(fd, 0, SEEK_END);
	close(fd);
	if (end < 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
	*out = (uint64_t)end;
	return 0;
}

ssize_t mtkfwi_pread(int fd, void *buf, size_t n, uint64_t off)
{
	ssize_t r;

	do
		r = pread(fd, buf, n, (off_t)off);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		mtkfwi_tally_read(fd, off, (uint64_t)r);
	return r;
}

int mtkfw_pread_exact(int fd, void *buf, size_t n, uint64_t off, const char *name)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t r = mtkfwi_pread(fd, p, n, off);

		if (r < 0)
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: read failed: %s", name, strerror(errno));
		if (r == 0)
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: file ends at offset %llu", name,
					    (unsigned long long)off);
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

int mtkfw_write_all(int fd, const void *buf, size_t n, const char *name)
{
	const uint8_t *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: write failed: %s", name, strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int mtkfw_read_file(const char *path, size_t max, uint8_t **out, size_t *len)
{
	uint64_t size;
	uint8_t *buf;
	size_t have = 0;
	int fd, rc;

	*out = NULL;
	*len = 0;
	if ((rc = mtkfw_open_input(path, &fd, &size)) != 0)
		return rc;
	if (size > max) {
		close(fd);
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %llu bytes, more than the %zu this file type may have",
				    path, (unsigned long long)size, max);
	}
	buf = malloc(max < 65536 ? max + 1 : 65537);
	size_t cap = max < 65536 ? max + 1 : 65537;
	if (!buf) {
		close(fd);
		return mtkfw_nomem();
	}
	for (;;) {
		ssize_t r;

		if (have + 1 >= cap) {
			size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			if (have >= max) {
				/* One byte more than allowed tells a file that grew since it was opened. */
				char extra;
				ssize_t x = read(fd, &extra, 1);
				if (x > 0) {
					free(buf);
					close(fd);
					return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than the %zu bytes this file type may have",
							    path, max);
				}
				break;
			}
			uint8_t *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				close(fd);
				return mtkfw_nomem();
			}
			buf = nb;
			cap = ncap;
		}
		r = read(fd, buf + have, cap - 1 - have);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return mtkfw_seterr(MTKFW_ERR_IO, "%s: read failed: %s", path, strerror(errno));
		}
		if (r == 0)
			break;
		mtkfwi_tally_read(fd, have, (uint64_t)r);
		have += (size_t)r;
	}
	close(fd);
	buf[have] = 0;
	*out = buf;
	*len = have;
	return 0;
}

int mtkfw_atomic_open(struct mtkfw_atomic *a, const char *path)
{
	return mtkfw_atomic_open_flags(a, path, 0);
}

int mtkfw_atomic_open_flags(struct mtkfw_atomic *a, const char *path, unsigned flags)
{
	memset(a, 0, sizeof(*a));
	a->fd = -1;
	a->flags = flags;
	a->path = mtkfw_strdup(path);
	/* The temp file sits beside the target so that rename() stays on one file system. */
	a->tmp = mtkfw_tmp_template(path);
	if (!a->path || !a->tmp) {
		mtkfw_atomic_abort(a);
		return mtkfw_nomem();
	}
	a->fd = mkstemp(a->tmp);
	if (a->fd < 0) {
		int e = errno;
		free(a->tmp);
		a->tmp = NULL;
		mtkfw_atomic_abort(a);
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot create: %s", path, strerror(e));
	}
	fchmod(a->fd, 0644);
	a->reg = mtkfw_tmp_track(a->tmp, false);
	return 0;
}

int mtkfw_atomic_write(struct mtkfw_atomic *a, const void *buf, size_t n)
{
	return mtkfw_write_all(a->fd, buf, n, a->path);
}

int mtkfw_atomic_commit(struct mtkfw_atomic *a)
{
	int rc = 0;

	/* A derived output is renamed without waiting for the disk (see file.h). */
	if (!(a->flags & MTKFW_ATOMIC_DERIVED) && fsync(a->fd) != 0 && errno != EINVAL)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: fsync failed: %s", a->path, strerror(errno));
	if (close(a->fd) != 0 && !rc)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: close failed: %s", a->path, strerror(errno));
	a->fd = -1;
	if (!rc && rename(a->tmp, a->path) != 0)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: rename failed: %s", a->path, strerror(errno));
	if (rc)
		unlink(a->tmp);
	mtkfw_tmp_forget(a->reg);
	a->reg = 0;
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	return rc;
}

void mtkfw_atomic_abort(struct mtkfw_atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	if (a->tmp)
		unlink(a->tmp);
	mtkfw_tmp_forget(a->reg);
	a->reg = 0;
	free(a->tmp);
	free(a->path);
	a->fd = -1;
	a->tmp = a->path = NULL;
}

int mtkfw_write_file_atomic(const char *path, const void *buf, size_t n)
{
	struct mtkfw_atomic a;
	int rc = mtkfw_atomic_open(&a, path);

	if (rc)
		return rc;
	rc = mtkfw_atomic_write(&a, buf, n);
	if (rc) {
		mtkfw_atomic_abort(&a);
		return rc;
	}
	return mtkfw_atomic_commit(&a);
}

int mtkfw_read_each(int fd, const char *name, int (*each)(const uint8_t *buf, size_t n, uint64_t pos, void *user),
		    void *user)
{
	static const size_t chunk = 1u << 20;
	off_t start = lseek(fd, 0, SEEK_CUR);
	uint64_t pos = 0;
	uint8_t *buf;
	int rc = 0;

	if (!(buf = malloc(chunk)))
		return mtkfw_nomem();
	for (;;) {
		ssize_t n = read(fd, buf, chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", name, strerror(errno));
			break;
		}
		/* A pipe has no position: its bytes count as they come. */
		mtkfwi_tally_read(start < 0 ? -1 : fd, (uint64_t)(start < 0 ? 0 : start) + pos, (uint64_t)n);
		if (n == 0 || (rc = each(buf, (size_t)n, pos, user)) != 0)
			break;
		pos += (uint64_t)n;
	}
	free(buf);
	return rc;
}
