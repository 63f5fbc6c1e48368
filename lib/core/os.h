/*
 * The OS seam's portable face: the few rules about paths that differ between systems, for
 * core code (file.c) to ask instead of assuming '/' alone. os_path_posix.c and os_path_win32.c answer;
 * the Windows side of the POSIX calls themselves is os_win32.h.
 */
#ifndef MTKFW_CORE_OS_H
#define MTKFW_CORE_OS_H

#include <stdbool.h>

/* Whether `c` separates path components: '/' everywhere, '\\' too on Windows. */
bool mtkfw_os_is_sep(char c);

/* Whether `path` names its place without a current folder: a leading '/' everywhere; on
 * Windows also a leading '\\' ("\\server\share", the current drive's root) and a drive with
 * its root ("C:\\", "C:/"). "C:name" (relative to that drive's current folder) is not. */
bool mtkfw_os_is_absolute(const char *path);

/* Why a member name from an input file may not be used under an output folder on this system,
 * beyond the rules every system shares (no leading '/', no "..", no control characters):
 * NULL when it may. On Windows: a leading '\\', a drive or stream colon, a device name
 * (CON, NUL, COM1...), a component Windows would trim (trailing dot or space), <>"|?*. */
const char *mtkfw_os_member_refused(const char *rel);

#endif
