/*
 * jansson's json_load_file and json_dump_file for the Windows build: jansson opens the path
 * itself with the C library's ANSI fopen, so a manifest under D:\Прошивка\ or 固件\ would not
 * open. os_win32.h sends both calls here, where fopen is the OS seam's (UTF-8 to the wide API);
 * the reading and writing stay jansson's own (json_loadf, json_dumpf).
 */
#include <jansson.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

json_t *mtkfw_win_json_load_file(const char *path, size_t flags, json_error_t *error)
{
	FILE *f = fopen(path, "rb");
	json_t *j;

	if (!f) {
		/* The error jansson itself gives when the file does not open. */
		if (error) {
			memset(error, 0, sizeof(*error));
			error->line = error->column = -1;
			snprintf(error->source, sizeof(error->source), "%s", path);
			snprintf(error->text, sizeof(error->text), "unable to open %s: %s", path, strerror(errno));
		}
		return NULL;
	}
	j = json_loadf(f, flags, error);
	fclose(f);
	return j;
}

int mtkfw_win_json_dump_file(const json_t *json, const char *path, size_t flags)
{
	FILE *f = fopen(path, "wb");
	int rc;

	if (!f)
		return -1;
	rc = json_dumpf(json, f, flags);
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}
