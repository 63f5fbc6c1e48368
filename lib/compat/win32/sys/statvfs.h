/*
 * The Windows build's <sys/statvfs.h> (mingw has none): the free space of the volume a file is
 * on, as the POSIX call gives it, for the checks made before a large write. Implemented in
 * lib/core/os_win32.c with GetDiskFreeSpaceExW.
 */
#ifndef MTKFW_COMPAT_SYS_STATVFS_H
#define MTKFW_COMPAT_SYS_STATVFS_H

struct statvfs {
	unsigned long f_bsize, f_frsize;
	unsigned long long f_blocks, f_bfree, f_bavail;
};

int fstatvfs(int fd, struct statvfs *v);
int statvfs(const char *path, struct statvfs *v);

#endif
