/*
 * The registry of uncommitted temporary paths: every temp file an atomic write makes and every
 * folder an output is built in is listed here from creation until it is renamed into place or
 * removed, so that a program stopped by a signal can remove them all (mtkfw_remove_temps() in
 * include/mtkfw/core.h) and leave nothing half-written behind. The library owns no signal
 * handler: the program calls it.
 */
#ifndef MTKFW_CORE_TMPREG_H
#define MTKFW_CORE_TMPREG_H

#include <stdbool.h>

/* List `path` (a file, or with `dir` a folder removed with all it holds); returns a handle
 * for mtkfw_tmp_forget, 0 when the path cannot be listed (too long, registry full): the path
 * is then removed by its owner's own error paths only. Never fails the caller. */
int mtkfw_tmp_track(const char *path, bool dir);
/* Take the path off the list (it was committed or removed); 0 is a no-op. */
void mtkfw_tmp_forget(int handle);

/* A template for mkstemp/mkdtemp beside `path` (same folder, so a rename stays on one file
 * system): ".NAME.XXXXXX", or ".mtkfw.XXXXXX" when NAME is too long for 8 more bytes to fit in
 * a file name (a legal 255-byte name must still be writable). malloc'd; NULL (error set) when
 * out of memory. */
char *mtkfw_tmp_template(const char *path);

/* Remove a folder and everything below it without following links (nothing outside it is
 * touched). Async-signal-safe on Linux. Returns 0 when it is gone. */
int mtkfw_remove_tree(const char *path);

#endif
