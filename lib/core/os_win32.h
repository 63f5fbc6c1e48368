/*
 * The Windows side of the OS seam, for the POSIX calls the domain code makes.
 *
 * The Windows build includes this header before every source of the library and the CLI
 * (`-include`, see CMakeLists.txt), the way git for Windows carries its compat layer: the domain
 * code stays plain POSIX, with no `#ifdef _WIN32`, and every call that takes a path reaches the
 * wide (UTF-16) API through os_win32.c, so names such as "Прошивка/" or "固件/" work whatever the
 * console's code page. Files always open in binary mode; rename replaces the target atomically
 * (MoveFileExW with MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH); pread/pwrite read and
 * write by range without moving the file position; folders are listed with FindFirstFileW.
 *
 * Paths are UTF-8 everywhere in mtkfw; the CLI turns the wide command line into UTF-8 at start.
 * Function-like macros are used where a struct member may share the name (`.open = ...`).
 */
#ifndef MTKFW_CORE_OS_WIN32_H
#define MTKFW_CORE_OS_WIN32_H

#ifndef _WIN32
#error "os_win32.h is for the Windows build only"
#endif

/* gmtime_r and localtime_r, as POSIX has them. */
#ifndef _POSIX_THREAD_SAFE_FUNCTIONS
#define _POSIX_THREAD_SAFE_FUNCTIONS 200112L
#endif

/* The CRT's own declarations first, so that the names below replace them from here on. */
#include <direct.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* ---- flags POSIX has and Windows does not ---- */
#undef O_CLOEXEC
#define O_CLOEXEC _O_NOINHERIT
#define O_NONBLOCK 0 /* no FIFO blocks an open on Windows */
#define O_NOCTTY 0
#define O_NOFOLLOW 0
#define F_GETFL 3
#define F_SETFL 4
#define F_OK 0
#define R_OK 4
#define W_OK 2
#ifndef S_IFLNK
#define S_IFLNK 0xA000
#endif
#ifndef S_ISLNK
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#endif
#ifndef S_IFSOCK
#define S_IFSOCK 0xC000
#endif
#ifndef S_ISSOCK
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)
#endif
#ifndef SEEK_DATA
#define SEEK_DATA 3 /* no sparse-file probing: lseek fails with EINVAL, callers read instead */
#define SEEK_HOLE 4
#endif
/* A name is up to 255 UTF-16 units; 255 bytes of UTF-8 always fit in that. */
#ifndef NAME_MAX
#define NAME_MAX 255
#endif
#ifndef ELOOP
#define ELOOP 114
#endif

/* ---- stat: 64-bit sizes and times, UTF-8 names, symlinks seen by lstat ---- */
struct mtkfw_win_stat {
	unsigned st_dev;
	unsigned long long st_ino;
	unsigned st_mode;
	unsigned st_nlink;
	unsigned st_uid, st_gid;
	unsigned st_rdev;
	long long st_size;
	struct timespec st_atim, st_mtim, st_ctim;
};
#undef stat
#undef fstat
#undef st_atime
#undef st_mtime
#undef st_ctime
#define stat mtkfw_win_stat
#define fstat mtkfw_win_fstat
#define lstat mtkfw_win_lstat
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec
int mtkfw_win_stat(const char *path, struct mtkfw_win_stat *st);
int mtkfw_win_lstat(const char *path, struct mtkfw_win_stat *st);
int mtkfw_win_fstat(int fd, struct mtkfw_win_stat *st);

/* ---- folders ---- */
struct mtkfw_win_dirent {
	unsigned char d_type;
	char d_name[1024]; /* UTF-8: up to 255 UTF-16 units of a name, 3 bytes each at most */
};
typedef struct mtkfw_win_dir mtkfw_win_dir;
#undef DIR
#define DIR mtkfw_win_dir
#define dirent mtkfw_win_dirent
#define DT_UNKNOWN 0
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10
#define opendir(p) mtkfw_win_opendir(p)
#define readdir(d) mtkfw_win_readdir(d)
#define closedir(d) mtkfw_win_closedir(d)
mtkfw_win_dir *mtkfw_win_opendir(const char *path);
struct mtkfw_win_dirent *mtkfw_win_readdir(mtkfw_win_dir *d);
int mtkfw_win_closedir(mtkfw_win_dir *d);
int scandir(const char *path, struct mtkfw_win_dirent ***list, int (*keep)(const struct mtkfw_win_dirent *),
	    int (*order)(const struct mtkfw_win_dirent **, const struct mtkfw_win_dirent **));
int alphasort(const struct mtkfw_win_dirent **a, const struct mtkfw_win_dirent **b);

/* ---- calls that take a path ---- */
#undef open
#undef lseek
#define open(...) mtkfw_win_open(__VA_ARGS__)
#define fopen(p, m) mtkfw_win_fopen(p, m)
#define mkdir(p, m) mtkfw_win_mkdir(p, m)
#define rename(a, b) mtkfw_win_rename(a, b)
#define unlink(p) mtkfw_win_unlink(p)
#define remove(p) mtkfw_win_remove(p)
#define rmdir(p) mtkfw_win_rmdir(p)
#define access(p, m) mtkfw_win_access(p, m)
#define chmod(p, m) mtkfw_win_chmod(p, m)
#define realpath(p, r) mtkfw_win_realpath(p, r)
#define symlink(t, p) mtkfw_win_symlink(t, p)
#define readlink(p, b, n) mtkfw_win_readlink(p, b, n)
#define mkstemp(t) mtkfw_win_mkstemp(t)
#define mkdtemp(t) mtkfw_win_mkdtemp(t)
#define lseek(fd, o, w) mtkfw_win_lseek(fd, o, w)
int mtkfw_win_open(const char *path, int flags, ...);
FILE *mtkfw_win_fopen(const char *path, const char *mode);
int mtkfw_win_mkdir(const char *path, int mode);
int mtkfw_win_rename(const char *from, const char *to);
int mtkfw_win_unlink(const char *path);
int mtkfw_win_remove(const char *path);
int mtkfw_win_rmdir(const char *path);
int mtkfw_win_access(const char *path, int mode);
int mtkfw_win_chmod(const char *path, int mode);
char *mtkfw_win_realpath(const char *path, char *resolved);
int mtkfw_win_symlink(const char *target, const char *path);
ssize_t mtkfw_win_readlink(const char *path, char *buf, size_t n);
int mtkfw_win_mkstemp(char *tmpl);
char *mtkfw_win_mkdtemp(char *tmpl);
long long mtkfw_win_lseek(int fd, long long off, int whence);
/* Libraries that open a path themselves do it with the ANSI API, where D:\Прошивка\ has no
 * name: jansson's two file calls go through fopen above instead (lib/core/json_file_win32.c;
 * the declarations in jansson.h become theirs). */
#define json_load_file(p, f, e) mtkfw_win_json_load_file(p, f, e)
#define json_dump_file(j, p, f) mtkfw_win_json_dump_file(j, p, f)

/* ---- the console ---- */
/* (The library reads no environment; the front ends' UTF-8 reading of it is
 * frontend/env_win32.h.) */
/* A console, not the NUL device (which the CRT's isatty also calls a terminal). */
#define isatty(fd) mtkfw_win_isatty(fd)
int mtkfw_win_isatty(int fd);

/* ---- calls on an open file that the CRT lacks ---- */
/* fpathconf answers _PC_FILESIZEBITS alone: 32 on FAT volumes, 64 elsewhere. (statvfs and
 * fstatvfs: lib/compat/win32/sys/statvfs.h.) */
#ifndef _PC_FILESIZEBITS
#define _PC_FILESIZEBITS 18
#endif
long fpathconf(int fd, int name);
ssize_t pread(int fd, void *buf, size_t n, long long off);
ssize_t pwrite(int fd, const void *buf, size_t n, long long off);
int fsync(int fd);
int fchmod(int fd, int mode);
int fcntl(int fd, int cmd, ...);

/* ---- Linux calls: absent here, so callers take their portable path ---- */
typedef long long loff_t;
/* Always fails with ENOSYS: the sparse expander then copies through its buffer. */
ssize_t copy_file_range(int in, loff_t *in_off, int out, loff_t *out_off, size_t n, unsigned flags);

/* ---- C library functions glibc has and msvcrt does not ---- */
/* msvcrt's getc takes the stream's lock; the unlocked forms are only a speed-up. */
#define getc_unlocked(f) getc(f)
#define putc_unlocked(c, f) putc(c, f)
char *strndup(const char *s, size_t n);
char *strcasestr(const char *hay, const char *needle);
void *memmem(const void *hay, size_t hn, const void *needle, size_t nn);

/* ---- the seam's helpers for the CLI and for os_win32.c itself ---- */
/* UTF-8 to a malloc'd UTF-16 string (NULL, errno set, when the bytes are not UTF-8). */
wchar_t *mtkfw_win_wide(const char *utf8);
/* UTF-16 to a malloc'd UTF-8 string. */
char *mtkfw_win_utf8(const wchar_t *wide);
/* errno for a Win32 error code (GetLastError()). */
int mtkfw_win_errno(unsigned long winerr);

#endif
