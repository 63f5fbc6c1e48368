/*
 * The registry of uncommitted temporary paths (core/tmpreg.h). It must be usable from a signal
 * handler, so it is a fixed table of path buffers with a lock-free state word per slot: no
 * malloc, no lock, nothing a handler could find half-changed. A slot goes FREE -> FILLING ->
 * LIVE when a path is listed, LIVE -> FREE when its owner commits or removes it, and
 * LIVE -> CLAIMED when mtkfw_remove_temps() takes it (a claimed slot is never reused: the
 * process is ending).
 */
#include "core/tmpreg.h"
#include "core/file.h"
#include "core/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the temp registry needs lock-free atomics for signal handlers");

/* Paths alive at once: an output folder, the file being written in it, a few outputs of one
 * command. Past this, paths are still removed by their owners' error paths. */
#define TMP_SLOTS 32

enum { SLOT_FREE, SLOT_FILLING, SLOT_LIVE, SLOT_CLAIMED };

static struct {
	atomic_int state;
	bool dir;
	char path[PATH_MAX];
} slots[TMP_SLOTS];

char *mtkfw_tmp_template(const char *path)
{
	const char *base = mtkfw_path_base(path);
	size_t dirlen = (size_t)(base - path), bl = strlen(base);
	char *t;

	if (bl + 8 > NAME_MAX) {
		base = "mtkfw";
		bl = 5;
	}
	if (!(t = malloc(dirlen + bl + 9))) {
		mtkfw_nomem();
		return NULL;
	}
	memcpy(t, path, dirlen);
	t[dirlen] = '.';
	memcpy(t + dirlen + 1, base, bl);
	memcpy(t + dirlen + 1 + bl, ".XXXXXX", 8);
	return t;
}

int mtkfw_tmp_track(const char *path, bool dir)
{
	size_t n = strlen(path);

	if (n >= PATH_MAX)
		return 0;
	for (int i = 0; i < TMP_SLOTS; i++) {
		int expect = SLOT_FREE;

		if (!atomic_compare_exchange_strong(&slots[i].state, &expect, SLOT_FILLING))
			continue;
		memcpy(slots[i].path, path, n + 1);
		slots[i].dir = dir;
		atomic_store(&slots[i].state, SLOT_LIVE);
		return i + 1;
	}
	return 0;
}

void mtkfw_tmp_forget(int handle)
{
	int expect = SLOT_LIVE;

	if (handle < 1 || handle > TMP_SLOTS)
		return;
	/* Fails only when a cleanup claimed the slot: it is then that cleanup's to remove. */
	atomic_compare_exchange_strong(&slots[handle - 1].state, &expect, SLOT_FREE);
}

#ifdef __linux__
/* Directory entries as the kernel gives them (getdents64 has no glibc wrapper that is
 * async-signal-safe; readdir allocates). */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Remove `name` in `dfd`, a folder with all it holds. Links are removed, never followed
 * (O_NOFOLLOW on every folder opened). `depth` bounds the recursion, and with it the stack. */
static int remove_at(int dfd, const char *name, int depth)
{
	char buf[2048];
	int fd, again = 1, passes = 0;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if ((errno != EISDIR && errno != EPERM) || depth > 64)
		return -1;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* Entries removed while reading may shift the rest: read again until a pass removes
	 * nothing (bounded, so a folder someone keeps filling cannot hold us for ever). */
	while (again && passes++ < 64) {
		again = 0;
		if (lseek(fd, 0, SEEK_SET) != 0)
			break;
		for (;;) {
			long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));

			if (n <= 0)
				break;
			for (long off = 0; off < n;) {
				struct linux_dirent64 *d = (struct linux_dirent64 *)(void *)(buf + off);

				off += d->d_reclen;
				if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
					continue;
				if (remove_at(fd, d->d_name, depth + 1) == 0)
					again = 1;
			}
		}
	}
	close(fd);
	return unlinkat(dfd, name, AT_REMOVEDIR) == 0 || errno == ENOENT ? 0 : -1;
}

int mtkfw_remove_tree(const char *path)
{
	int saved = errno, rc = remove_at(AT_FDCWD, path, 0);

	errno = saved;
	return rc;
}
#else
static int remove_entry(const char *path, int depth)
{
	DIR *d;
	struct dirent *e;

	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	if (depth > 64 || !(d = opendir(path)))
		return -1;
	while ((e = readdir(d))) {
		char *sub;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if ((sub = mtkfw_path_join(path, e->d_name))) {
			remove_entry(sub, depth + 1);
			free(sub);
		}
	}
	closedir(d);
	return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
}

int mtkfw_remove_tree(const char *path)
{
	return remove_entry(path, 0);
}
#endif

int mtkfw_remove_temps(void)
{
	int saved = errno, removed = 0;

	for (int i = 0; i < TMP_SLOTS; i++) {
		int expect = SLOT_LIVE;

		if (!atomic_compare_exchange_strong(&slots[i].state, &expect, SLOT_CLAIMED))
			continue;
		if ((slots[i].dir ? mtkfw_remove_tree(slots[i].path) : unlink(slots[i].path)) == 0 || errno == ENOENT)
			removed++;
	}
	errno = saved;
	return removed;
}
