/*
 * File access for the library: bounded whole-file reads for small files, exact positioned
 * reads for large ones (never load a system image), atomic writes (temp file + rename, so a
 * user's file is never half-written) and member paths that cannot escape their folder.
 * Every error message names the file.
 */
#ifndef MTKFW_CORE_FILE_H
#define MTKFW_CORE_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* Read a whole regular file of at most `max` bytes into a malloc'd buffer (NUL-terminated
 * one byte past `*len`, so text parsers may treat it as a string). */
int mtkfw_read_file(const char *path, size_t max, uint8_t **out, size_t *len);

/* Every input is opened with mtkfw_open_input() (include/mtkfw/core.h): never a plain open(),
 * which waits for ever on a FIFO nobody writes to. */

/* mtkfw_open_input() as a stdio stream ("rb"); NULL with the error set. */
FILE *mtkfw_fopen_input(const char *path);

/* Size of a regular file (or a block device), from its name alone (no read permission needed). */
int mtkfw_file_size(const char *path, uint64_t *out);

/* Read exactly `n` bytes at `off` of `fd`; an early end is MTKFW_ERR_TRUNCATED. `name` is for
 * messages. */
int mtkfw_pread_exact(int fd, void *buf, size_t n, uint64_t off, const char *name);

/* One pread(2) of up to `n` bytes (EINTR retried), for a look at a file's head: what pread
 * returns, errno set on -1. Every read here is told to the read tally (core/read_tally.h). */
ssize_t mtkfwi_pread(int fd, void *buf, size_t n, uint64_t off);


/* Read `fd` from where it stands to its end in pieces of up to 1 MiB, handing each to `each`
 * (with the offset of its first byte from where reading began); stops at the first non-zero
 * return of `each`, which is returned. Read errors name `name`. */
int mtkfw_read_each(int fd, const char *name, int (*each)(const uint8_t *buf, size_t n, uint64_t pos, void *user),
		    void *user);

/* Write exactly `n` bytes to `fd`, retrying short writes. */
int mtkfw_write_all(int fd, const void *buf, size_t n, const char *name);

/* A file being written: bytes go to a temp file in the same folder, renamed on commit. */
struct mtkfw_atomic {
	int fd;
	char *tmp;
	char *path;
	unsigned flags; /* MTKFW_ATOMIC_* */
	int reg;        /* its entry in the temp registry (core/tmpreg.h), 0: none */
};

/*
 * Durability is chosen by what the output is. By default the commit waits for the disk
 * (fsync) before the rename: a backup, a flash journal, a copy of a phone's identity must
 * be whole on disk before they replace anything. MTKFW_ATOMIC_DERIVED is for an output that
 * its input can make again (an expanded or converted image): it is renamed into place
 * without waiting, and the kernel writes it back as it would any file, so the command ends
 * when the writing ends, not when the disk catches up (for a 1 GiB image that wait was
 * most of the wall time). After a power cut it may be missing or short: make it again.
 * Starting writeback while writing (sync_file_range) was tried and made the command slower:
 * the writer then waits on the disk's queue.
 */
#define MTKFW_ATOMIC_DERIVED 1u

int mtkfw_atomic_open(struct mtkfw_atomic *a, const char *path);
/* The same with MTKFW_ATOMIC_* flags. */
int mtkfw_atomic_open_flags(struct mtkfw_atomic *a, const char *path, unsigned flags);
int mtkfw_atomic_write(struct mtkfw_atomic *a, const void *buf, size_t n);
/* fsync (unless derived), then rename over `path`. Frees the struct's strings either way. */
int mtkfw_atomic_commit(struct mtkfw_atomic *a);
/* Remove the temp file; safe to call after commit or on a zeroed struct. */
void mtkfw_atomic_abort(struct mtkfw_atomic *a);

/* Write a buffer to `path` atomically. */
int mtkfw_write_file_atomic(const char *path, const void *buf, size_t n);

/*
 * Join `rel` (a member name from an archive, manifest or package) under `dir`. Refuses absolute
 * names, any ".." component, empty names and NUL-free control characters, so what an input file
 * names can never be written outside the folder the user chose. The result is malloc'd.
 */
int mtkfw_path_under(const char *dir, const char *rel, char **out);

/* Read member `rel` of folder `dir` (mtkfw_path_under's rules, then at most `max` bytes, as
 * mtkfw_read_file): a symbolic link on the way may lead anywhere inside `dir`, never out of it
 * (REFUSED). For folders the user edits and mtkfw reads back (repack). (core/member.c) */
int mtkfw_read_member(const char *dir, const char *rel, size_t max, uint8_t **out, size_t *len);

/* Join two path parts with one '/'; malloc'd. */
char *mtkfw_path_join(const char *dir, const char *name);

/* The last component of a path (points into `path`). */
const char *mtkfw_path_base(const char *path);

#endif
