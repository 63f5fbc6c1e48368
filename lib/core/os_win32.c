/*
 * The Windows side of the OS seam (os_win32.h says what and why). Built with
 * MTKFW_OS_WIN32_IMPL, so the CRT's own names are reachable here.
 *
 * Every path goes UTF-8 -> UTF-16 -> the W functions. Files are opened with CreateFileW and
 * FILE_SHARE_DELETE, so a file another mtkfw reads can still be replaced by an atomic rename,
 * as on POSIX, and then handed to the CRT as a binary-mode descriptor.
 */
#include <windows.h>
#include <winioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/os_win32.h"

#include <sys/statvfs.h>

wchar_t *mtkfw_win_wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	wchar_t *w;

	if (n <= 0) {
		errno = EILSEQ;
		return NULL;
	}
	if (!(w = malloc((size_t)n * sizeof(*w)))) {
		errno = ENOMEM;
		return NULL;
	}
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
	return w;
}

char *mtkfw_win_utf8(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	char *s;

	if (n <= 0 || !(s = malloc((size_t)n))) {
		errno = n <= 0 ? EILSEQ : ENOMEM;
		return NULL;
	}
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

int mtkfw_win_errno(unsigned long e)
{
	switch (e) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_NAME:
	case ERROR_BAD_NETPATH:
	case ERROR_INVALID_DRIVE:
	case ERROR_BAD_PATHNAME:
		return ENOENT;
	case ERROR_ACCESS_DENIED:
	case ERROR_WRITE_PROTECT:
		return EACCES;
	case ERROR_PRIVILEGE_NOT_HELD:
		return EPERM; /* a symlink without Developer Mode */
	case ERROR_NOT_SUPPORTED:
	case ERROR_CALL_NOT_IMPLEMENTED:
	case ERROR_INVALID_FUNCTION:
		return ENOSYS;
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
	case ERROR_BUSY:
		return EBUSY;
	case ERROR_FILE_EXISTS:
	case ERROR_ALREADY_EXISTS:
		return EEXIST;
	case ERROR_DIR_NOT_EMPTY:
		return ENOTEMPTY;
	case ERROR_DIRECTORY:
		return ENOTDIR;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		return ENOSPC;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		return ENOMEM;
	case ERROR_NOT_SAME_DEVICE:
		return EXDEV;
	case ERROR_HANDLE_EOF:
		return 0;
	case ERROR_INVALID_PARAMETER:
	case ERROR_NEGATIVE_SEEK:
		return EINVAL;
	case ERROR_FILENAME_EXCED_RANGE:
		return ENAMETOOLONG;
	case ERROR_DEVICE_NOT_CONNECTED:
	case ERROR_DEV_NOT_EXIST:
	case ERROR_GEN_FAILURE:
	case ERROR_OPERATION_ABORTED:
		return ENODEV;
	default:
		return EIO;
	}
}

static int fail(void)
{
	errno = mtkfw_win_errno(GetLastError());
	return -1;
}

/* ---- stat ---- */

static long long filetime_unix_ns(FILETIME ft)
{
	/* 100 ns ticks since 1601 to ns since 1970. */
	unsigned long long t = ((unsigned long long)ft.dwHighDateTime << 32) | ft.dwLowDateTime;

	return ((long long)t - 116444736000000000LL) * 100;
}

static struct timespec ts_of(FILETIME ft)
{
	long long ns = filetime_unix_ns(ft);
	struct timespec ts = { (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL) };

	return ts;
}

static int stat_handle(HANDLE h, struct mtkfw_win_stat *st, bool link)
{
	BY_HANDLE_FILE_INFORMATION fi;
	DWORD type = GetFileType(h);

	memset(st, 0, sizeof(*st));
	if (type == FILE_TYPE_CHAR) {
		st->st_mode = S_IFCHR | 0666;
		st->st_nlink = 1;
		return 0;
	}
	if (type == FILE_TYPE_PIPE) {
		st->st_mode = S_IFIFO | 0666;
		st->st_nlink = 1;
		return 0;
	}
	if (!GetFileInformationByHandle(h, &fi))
		return fail();
	st->st_dev = fi.dwVolumeSerialNumber;
	st->st_ino = ((unsigned long long)fi.nFileIndexHigh << 32) | fi.nFileIndexLow;
	st->st_nlink = fi.nNumberOfLinks;
	st->st_size = (long long)(((unsigned long long)fi.nFileSizeHigh << 32) | fi.nFileSizeLow);
	st->st_atim = ts_of(fi.ftLastAccessTime);
	st->st_mtim = ts_of(fi.ftLastWriteTime);
	/* Windows keeps no inode-change time; the last write is the nearest thing. */
	st->st_ctim = ts_of(fi.ftLastWriteTime);
	if (link && (fi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
		st->st_mode = S_IFLNK | 0777;
		st->st_size = 0;
	} else if (fi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
		st->st_mode = S_IFDIR | 0755;
		st->st_size = 0;
	} else {
		st->st_mode = S_IFREG | ((fi.dwFileAttributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0644);
	}
	return 0;
}

static int stat_path(const char *path, struct mtkfw_win_stat *st, bool link)
{
	wchar_t *w = mtkfw_win_wide(path);
	HANDLE h;
	int rc;

	if (!w)
		return -1;
	/* No access rights asked: attributes can be read even from a file another program holds.
	 * BACKUP_SEMANTICS opens folders too. */
	h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
			FILE_FLAG_BACKUP_SEMANTICS | (link ? FILE_FLAG_OPEN_REPARSE_POINT : 0), NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return fail();
	rc = stat_handle(h, st, link);
	CloseHandle(h);
	return rc;
}

int mtkfw_win_stat(const char *path, struct mtkfw_win_stat *st)
{
	return stat_path(path, st, false);
}

int mtkfw_win_lstat(const char *path, struct mtkfw_win_stat *st)
{
	return stat_path(path, st, true);
}

int mtkfw_win_fstat(int fd, struct mtkfw_win_stat *st)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	return stat_handle(h, st, false);
}

/* ---- open ---- */

int mtkfw_win_open(const char *path, int flags, ...)
{
	DWORD access = 0, disp, attrs = FILE_ATTRIBUTE_NORMAL;
	wchar_t *w;
	HANDLE h;
	int fd, mode = 0666;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	switch (flags & (O_RDONLY | O_WRONLY | O_RDWR)) {
	case O_WRONLY:
		access = GENERIC_WRITE;
		break;
	case O_RDWR:
		access = GENERIC_READ | GENERIC_WRITE;
		break;
	default:
		access = GENERIC_READ;
	}
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		disp = CREATE_NEW;
	else if ((flags & (O_CREAT | O_TRUNC)) == (O_CREAT | O_TRUNC))
		disp = CREATE_ALWAYS;
	else if (flags & O_CREAT)
		disp = OPEN_ALWAYS;
	else if (flags & O_TRUNC)
		disp = TRUNCATE_EXISTING;
	else
		disp = OPEN_EXISTING;
	if ((flags & O_CREAT) && !(mode & 0200))
		attrs = FILE_ATTRIBUTE_READONLY;
	if (!(w = mtkfw_win_wide(path)))
		return -1;
	h = CreateFileW(w, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, disp, attrs, NULL);
	if (h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED && disp == OPEN_EXISTING) {
		/* A folder opens only with BACKUP_SEMANTICS; open it so that fstat can say "folder"
		 * (the POSIX code's check) instead of a puzzling "permission denied". */
		DWORD a = GetFileAttributesW(w);

		if (a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY))
			h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
					OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
		else
			SetLastError(ERROR_ACCESS_DENIED);
	}
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return fail();
	fd = _open_osfhandle((intptr_t)h, _O_BINARY | (flags & (O_APPEND | _O_NOINHERIT)) |
						 ((flags & (O_WRONLY | O_RDWR)) ? 0 : _O_RDONLY));
	if (fd < 0) {
		CloseHandle(h);
		errno = EMFILE;
		return -1;
	}
	return fd;
}

FILE *mtkfw_win_fopen(const char *path, const char *mode)
{
	wchar_t *w = mtkfw_win_wide(path), wm[8];
	size_t i = 0;
	FILE *f;

	if (!w)
		return NULL;
	/* Always binary: text mode would turn CRLF into LF and stop at a Ctrl-Z byte. */
	for (const char *m = mode; *m && i < 6; m++)
		if (*m != 'b' && *m != 't')
			wm[i++] = (wchar_t)*m;
	wm[i++] = L'b';
	wm[i] = 0;
	f = _wfopen(w, wm);
	free(w);
	return f;
}

/* ---- names ---- */

int mtkfw_win_mkdir(const char *path, int mode)
{
	wchar_t *w = mtkfw_win_wide(path);
	BOOL ok;

	(void)mode;
	if (!w)
		return -1;
	ok = CreateDirectoryW(w, NULL);
	free(w);
	return ok ? 0 : fail();
}

/* Clear the read-only attribute of a file (never a folder's, which means something else). */
static bool clear_readonly(const wchar_t *w)
{
	DWORD at = GetFileAttributesW(w);

	return at != INVALID_FILE_ATTRIBUTES && (at & FILE_ATTRIBUTE_READONLY) && !(at & FILE_ATTRIBUTE_DIRECTORY) &&
	       SetFileAttributesW(w, at & ~(DWORD)FILE_ATTRIBUTE_READONLY);
}

int mtkfw_win_rename(const char *from, const char *to)
{
	wchar_t *a = mtkfw_win_wide(from), *b = mtkfw_win_wide(to);
	BOOL ok = FALSE;

	/* POSIX rename replaces its target in one step; Windows' rename refuses an existing one.
	 * WRITE_THROUGH: return only once the move is on disk, as the fsync before it intends. */
	if (a && b)
		ok = MoveFileExW(a, b, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
	/* A read-only target: POSIX replaces it all the same (the folder's permission is what
	 * counts). */
	if (!ok && a && b && GetLastError() == ERROR_ACCESS_DENIED) {
		ok = clear_readonly(b) && MoveFileExW(a, b, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
		if (!ok)
			SetLastError(ERROR_ACCESS_DENIED);
	}
	free(a);
	free(b);
	if (!a || !b) {
		errno = EILSEQ;
		return -1;
	}
	return ok ? 0 : fail();
}

int mtkfw_win_unlink(const char *path)
{
	wchar_t *w = mtkfw_win_wide(path);
	BOOL ok;

	if (!w)
		return -1;
	ok = DeleteFileW(w);
	/* POSIX removes a read-only file from a writable folder. */
	if (!ok && GetLastError() == ERROR_ACCESS_DENIED) {
		ok = clear_readonly(w) && DeleteFileW(w);
		if (!ok)
			SetLastError(ERROR_ACCESS_DENIED);
	}
	free(w);
	return ok ? 0 : fail();
}

int mtkfw_win_rmdir(const char *path)
{
	wchar_t *w = mtkfw_win_wide(path);
	BOOL ok;

	if (!w)
		return -1;
	ok = RemoveDirectoryW(w);
	free(w);
	return ok ? 0 : fail();
}

int mtkfw_win_remove(const char *path)
{
	struct mtkfw_win_stat st;

	if (mtkfw_win_lstat(path, &st) != 0)
		return -1;
	return S_ISDIR(st.st_mode) ? mtkfw_win_rmdir(path) : mtkfw_win_unlink(path);
}

int mtkfw_win_access(const char *path, int mode)
{
	wchar_t *w = mtkfw_win_wide(path);
	DWORD a;

	if (!w)
		return -1;
	a = GetFileAttributesW(w);
	free(w);
	if (a == INVALID_FILE_ATTRIBUTES)
		return fail();
	if ((mode & W_OK) && (a & FILE_ATTRIBUTE_READONLY) && !(a & FILE_ATTRIBUTE_DIRECTORY)) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

int mtkfw_win_chmod(const char *path, int mode)
{
	wchar_t *w = mtkfw_win_wide(path);
	DWORD a;
	BOOL ok = FALSE;

	if (!w)
		return -1;
	/* The one permission bit Windows files have: read-only. */
	a = GetFileAttributesW(w);
	if (a != INVALID_FILE_ATTRIBUTES)
		ok = SetFileAttributesW(w, (mode & 0200) ? (a & ~(DWORD)FILE_ATTRIBUTE_READONLY)
							 : (a | FILE_ATTRIBUTE_READONLY));
	free(w);
	return ok ? 0 : fail();
}

int fchmod(int fd, int mode)
{
	(void)fd;
	(void)mode;
	/* New files are created writable; the mode POSIX code sets (0644) needs nothing here. */
	return 0;
}

/* Where `full` leads once every symbolic link and junction is followed, as the file system
 * names it (GetFinalPathNameByHandleW), without the "\\?\" prefix; NULL, errno set, when it
 * does not exist. */
static char *final_path(const wchar_t *full)
{
	HANDLE h = CreateFileW(full, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
			       FILE_FLAG_BACKUP_SEMANTICS, NULL);
	wchar_t *fin, *p;
	DWORD n;
	char *u;

	if (h == INVALID_HANDLE_VALUE) {
		fail();
		return NULL;
	}
	if (!(fin = malloc(32768 * sizeof(*fin)))) {
		CloseHandle(h);
		errno = ENOMEM;
		return NULL;
	}
	n = GetFinalPathNameByHandleW(h, fin, 32768, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
	CloseHandle(h);
	if (!n || n >= 32768) {
		/* A file system that cannot say (some network shares): the name as given, links
		 * unresolved, rather than no answer. */
		free(fin);
		return mtkfw_win_utf8(full);
	}
	p = fin;
	if (!wcsncmp(p, L"\\\\?\\UNC\\", 8)) {
		fin[6] = L'\\'; /* \\?\UNC\server\share -> \\server\share */
		p = fin + 6;
	} else if (!wcsncmp(p, L"\\\\?\\", 4)) {
		p += 4;
	}
	u = mtkfw_win_utf8(p);
	free(fin);
	return u;
}

char *mtkfw_win_realpath(const char *path, char *resolved)
{
	wchar_t *w = mtkfw_win_wide(path), full[32768];
	DWORD n;
	char *u;

	if (!w)
		return NULL;
	n = GetFullPathNameW(w, 32768, full, NULL);
	free(w);
	if (!n || n >= 32768) {
		fail();
		return NULL;
	}
	/* Links followed, as POSIX realpath does: a caller checking that a name stays inside a
	 * folder (mtkfw_read_member) must see where a link really leads. */
	if (!(u = final_path(full)))
		return NULL;
	if (!resolved)
		return u;
	/* POSIX callers pass a PATH_MAX buffer (260 bytes with mingw's headers). */
	if (strlen(u) >= PATH_MAX) {
		free(u);
		errno = ENAMETOOLONG;
		return NULL;
	}
	strcpy(resolved, u);
	free(u);
	return resolved;
}

int mtkfw_win_symlink(const char *target, const char *path)
{
	wchar_t *t = mtkfw_win_wide(target), *p = mtkfw_win_wide(path);
	BOOL ok = FALSE;

	/* Symbolic links need Developer Mode or an administrator; without them the caller's
	 * error path says the link could not be made. */
	if (t && p)
		ok = CreateSymbolicLinkW(p, t, SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE);
	free(t);
	free(p);
	if (!t || !p) {
		errno = EILSEQ;
		return -1;
	}
	return ok ? 0 : fail();
}

/* The reparse data of a symbolic link or a junction (ntifs.h's REPARSE_DATA_BUFFER, which
 * user-mode headers lack). */
struct reparse_link {
	DWORD tag;
	WORD data_len, reserved;
	WORD sub_off, sub_len, print_off, print_len;
	ULONG flags; /* symbolic links only: a junction's names start here */
};

ssize_t mtkfw_win_readlink(const char *path, char *buf, size_t n)
{
	wchar_t *w = mtkfw_win_wide(path), *name;
	union {
		struct reparse_link r;
		BYTE raw[16 * 1024]; /* MAXIMUM_REPARSE_DATA_BUFFER_SIZE */
	} u;
	const BYTE *names;
	HANDLE h;
	DWORD got = 0;
	char *s;
	size_t len;

	if (!w)
		return -1;
	h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
			FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return fail();
	if (!DeviceIoControl(h, FSCTL_GET_REPARSE_POINT, NULL, 0, &u, sizeof(u), &got, NULL)) {
		DWORD e = GetLastError();

		CloseHandle(h);
		errno = e == ERROR_NOT_A_REPARSE_POINT ? EINVAL : mtkfw_win_errno(e);
		return -1;
	}
	CloseHandle(h);
	if (u.r.tag == IO_REPARSE_TAG_SYMLINK)
		names = (const BYTE *)&u.r.flags + sizeof(u.r.flags);
	else if (u.r.tag == IO_REPARSE_TAG_MOUNT_POINT)
		names = (const BYTE *)&u.r.flags;
	else {
		errno = EINVAL; /* another kind of reparse point: not a link */
		return -1;
	}
	/* The name as the user wrote it (PrintName), bounded by what DeviceIoControl returned. */
	if ((size_t)(names - u.raw) + u.r.print_off + u.r.print_len > got || u.r.print_len % 2) {
		errno = EINVAL;
		return -1;
	}
	if (!(name = calloc(u.r.print_len / 2 + 1, sizeof(*name)))) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(name, names + u.r.print_off, u.r.print_len);
	s = mtkfw_win_utf8(name);
	free(name);
	if (!s)
		return -1;
	len = strlen(s);
	if (len > n)
		len = n;
	memcpy(buf, s, len);
	free(s);
	return (ssize_t)len;
}

/* Replace the XXXXXX at the end of `tmpl` with a fresh name until `make` succeeds (or fails
 * for another reason than EEXIST). */
static int fill_template(char *tmpl, int (*make)(const char *path))
{
	static const char abc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t len = strlen(tmpl);
	char *x;

	if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return -1;
	}
	x = tmpl + len - 6;
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned long long r = GetTickCount64() ^ ((unsigned long long)GetCurrentProcessId() << 20) ^
				       ((unsigned long long)attempt * 0x9E3779B97F4A7C15ULL);
		LARGE_INTEGER pc;
		int rc;

		QueryPerformanceCounter(&pc);
		r ^= (unsigned long long)pc.QuadPart * 0x2545F4914F6CDD1DULL;
		for (int i = 0; i < 6; i++, r /= 62)
			x[i] = abc[r % 62];
		rc = make(tmpl);
		if (rc >= 0 || errno != EEXIST)
			return rc;
	}
	errno = EEXIST;
	return -1;
}

static int make_file(const char *path)
{
	return mtkfw_win_open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int make_dir(const char *path)
{
	return mtkfw_win_mkdir(path, 0700);
}

int mtkfw_win_mkstemp(char *tmpl)
{
	return fill_template(tmpl, make_file);
}

char *mtkfw_win_mkdtemp(char *tmpl)
{
	return fill_template(tmpl, make_dir) == 0 ? tmpl : NULL;
}

long long mtkfw_win_lseek(int fd, long long off, int whence)
{
	if (whence == SEEK_DATA || whence == SEEK_HOLE) {
		errno = EINVAL;
		return -1;
	}
	return _lseeki64(fd, off, whence);
}

/* ---- by range ---- */

/* ReadFile/WriteFile at an offset move the handle's position; POSIX pread must not, and callers
 * mix pread with read(), so the position is put back. */
static ssize_t at_offset(int fd, void *rbuf, const void *wbuf, size_t n, long long off)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	OVERLAPPED ov;
	LARGE_INTEGER zero = { 0 }, pos;
	DWORD done = 0, want = n > 0x40000000u ? 0x40000000u : (DWORD)n;
	BOOL ok;

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	if (off < 0) {
		errno = EINVAL;
		return -1;
	}
	if (!SetFilePointerEx(h, zero, &pos, FILE_CURRENT))
		return fail();
	memset(&ov, 0, sizeof(ov));
	ov.Offset = (DWORD)((unsigned long long)off & 0xffffffffu);
	ov.OffsetHigh = (DWORD)((unsigned long long)off >> 32);
	ok = rbuf ? ReadFile(h, rbuf, want, &done, &ov) : WriteFile(h, wbuf, want, &done, &ov);
	if (!ok && GetLastError() == ERROR_HANDLE_EOF)
		ok = TRUE, done = 0;
	{
		DWORD e = GetLastError();

		SetFilePointerEx(h, pos, NULL, FILE_BEGIN);
		SetLastError(e);
	}
	if (!ok)
		return fail();
	return (ssize_t)done;
}

ssize_t pread(int fd, void *buf, size_t n, long long off)
{
	return at_offset(fd, buf, NULL, n, off);
}

ssize_t pwrite(int fd, const void *buf, size_t n, long long off)
{
	return at_offset(fd, NULL, buf, n, off);
}

int fsync(int fd)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	return FlushFileBuffers(h) ? 0 : fail();
}

int fcntl(int fd, int cmd, ...)
{
	/* Only the O_NONBLOCK dance of mtkfw_open_input reaches here, and Windows files never
	 * block an open: nothing to change. */
	(void)fd;
	if (cmd == F_GETFL || cmd == F_SETFL)
		return 0;
	errno = EINVAL;
	return -1;
}

/* The root of the volume an open file is on ("Z:\\"), into `root` (MAX_PATH + 1 wide chars). */
static bool volume_root(int fd, wchar_t *root)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	wchar_t path[32768];
	DWORD n;

	if (h == INVALID_HANDLE_VALUE || !(n = GetFinalPathNameByHandleW(h, path, 32768, FILE_NAME_NORMALIZED)) ||
	    n >= 32768)
		return false;
	return GetVolumePathNameW(path, root, MAX_PATH + 1);
}

static int statvfs_root(const wchar_t *root, struct statvfs *v)
{
	ULARGE_INTEGER avail, total, free_;

	if (!GetDiskFreeSpaceExW(root, &avail, &total, &free_))
		return fail();
	/* Byte counts as blocks of one byte: callers multiply by f_frsize. */
	memset(v, 0, sizeof(*v));
	v->f_bsize = v->f_frsize = 1;
	v->f_blocks = total.QuadPart;
	v->f_bfree = free_.QuadPart;
	v->f_bavail = avail.QuadPart;
	return 0;
}

int fstatvfs(int fd, struct statvfs *v)
{
	wchar_t root[MAX_PATH + 1];

	if (!volume_root(fd, root)) {
		errno = EBADF;
		return -1;
	}
	return statvfs_root(root, v);
}

int statvfs(const char *path, struct statvfs *v)
{
	wchar_t *w = mtkfw_win_wide(path), root[MAX_PATH + 1];
	BOOL ok;

	if (!w)
		return -1;
	ok = GetVolumePathNameW(w, root, MAX_PATH + 1);
	free(w);
	return ok ? statvfs_root(root, v) : fail();
}

long fpathconf(int fd, int name)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	wchar_t fs[MAX_PATH + 1];

	if (name != _PC_FILESIZEBITS) {
		errno = EINVAL;
		return -1;
	}
	if (h == INVALID_HANDLE_VALUE || !GetVolumeInformationByHandleW(h, NULL, 0, NULL, NULL, NULL, fs, MAX_PATH + 1))
		return 64; /* unknown: no limit claimed */
	/* FAT12/16/32 keep sizes in 32 bits; exFAT and NTFS in 64. */
	return !wcsncmp(fs, L"FAT", 3) ? 32 : 64;
}

/* ---- folders ---- */

struct mtkfw_win_dir {
	HANDLE h;
	WIN32_FIND_DATAW fd;
	bool first, done;
	struct mtkfw_win_dirent ent;
};

mtkfw_win_dir *mtkfw_win_opendir(const char *path)
{
	size_t n = strlen(path);
	char *pat = malloc(n + 3);
	wchar_t *w;
	mtkfw_win_dir *d;

	if (!pat) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(pat, path, n);
	if (n && path[n - 1] != '/' && path[n - 1] != '\\')
		pat[n++] = '/';
	pat[n++] = '*';
	pat[n] = 0;
	w = mtkfw_win_wide(pat);
	free(pat);
	if (!w)
		return NULL;
	if (!(d = calloc(1, sizeof(*d)))) {
		free(w);
		errno = ENOMEM;
		return NULL;
	}
	d->h = FindFirstFileExW(w, FindExInfoBasic, &d->fd, FindExSearchNameMatch, NULL, FIND_FIRST_EX_LARGE_FETCH);
	free(w);
	if (d->h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();

		free(d);
		/* An empty drive root has no entries at all; anything else is an error. */
		errno = e == ERROR_FILE_NOT_FOUND ? ENOENT : mtkfw_win_errno(e);
		if (e == ERROR_DIRECTORY)
			errno = ENOTDIR;
		return NULL;
	}
	d->first = true;
	return d;
}

struct mtkfw_win_dirent *mtkfw_win_readdir(mtkfw_win_dir *d)
{
	char *u;

	if (!d || d->done)
		return NULL;
	if (!d->first && !FindNextFileW(d->h, &d->fd)) {
		d->done = true;
		return NULL;
	}
	d->first = false;
	if (!(u = mtkfw_win_utf8(d->fd.cFileName)))
		return NULL;
	snprintf(d->ent.d_name, sizeof(d->ent.d_name), "%s", u);
	free(u);
	d->ent.d_type = (d->fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) ? DT_LNK
			: (d->fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)   ? DT_DIR
										: DT_REG;
	return &d->ent;
}

int mtkfw_win_closedir(mtkfw_win_dir *d)
{
	if (!d)
		return -1;
	FindClose(d->h);
	free(d);
	return 0;
}

/* ---- the console ---- */

int mtkfw_win_isatty(int fd)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	DWORD mode;

	return h != INVALID_HANDLE_VALUE && GetFileType(h) == FILE_TYPE_CHAR && GetConsoleMode(h, &mode);
}

int scandir(const char *path, struct mtkfw_win_dirent ***list, int (*keep)(const struct mtkfw_win_dirent *),
	    int (*order)(const struct mtkfw_win_dirent **, const struct mtkfw_win_dirent **))
{
	mtkfw_win_dir *d = mtkfw_win_opendir(path);
	struct mtkfw_win_dirent *e, **v = NULL;
	size_t n = 0, cap = 0;

	*list = NULL;
	if (!d)
		return -1;
	while ((e = mtkfw_win_readdir(d))) {
		if (keep && !keep(e))
			continue;
		if (n == cap) {
			struct mtkfw_win_dirent **nv;

			cap = cap ? cap * 2 : 32;
			if (cap > 0x7fffffff || !(nv = realloc(v, cap * sizeof(*v))))
				goto nomem;
			v = nv;
		}
		if (!(v[n] = malloc(sizeof(*e))))
			goto nomem;
		*v[n++] = *e;
	}
	mtkfw_win_closedir(d);
	if (order && n)
		qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))order);
	*list = v;
	return (int)n;
nomem:
	while (n)
		free(v[--n]);
	free(v);
	mtkfw_win_closedir(d);
	errno = ENOMEM;
	return -1;
}

int alphasort(const struct mtkfw_win_dirent **a, const struct mtkfw_win_dirent **b)
{
	/* Byte order of the UTF-8 names, as glibc's alphasort in the C locale. */
	return strcmp((*a)->d_name, (*b)->d_name);
}

ssize_t copy_file_range(int in, loff_t *in_off, int out, loff_t *out_off, size_t n, unsigned flags)
{
	(void)in, (void)in_off, (void)out, (void)out_off, (void)n, (void)flags;
	errno = ENOSYS;
	return -1;
}

/* ---- C library ---- */

char *strndup(const char *s, size_t n)
{
	size_t l = strnlen(s, n);
	char *p = malloc(l + 1);

	if (!p)
		return NULL;
	memcpy(p, s, l);
	p[l] = 0;
	return p;
}

char *strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return (char *)hay;
	return n ? NULL : (char *)hay;
}

void *memmem(const void *hay, size_t hn, const void *needle, size_t nn)
{
	const unsigned char *h = hay, *n = needle;

	if (!nn)
		return (void *)hay;
	if (hn < nn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++) {
		const unsigned char *p = memchr(h + i, n[0], hn - nn + 1 - i);

		if (!p)
			return NULL;
		i = (size_t)(p - h);
		if (!memcmp(p, n, nn))
			return (void *)p;
	}
	return NULL;
}
