/* Reading archives through libarchive: the pieces the add job and unpack share. */
#include "core/file.h"
#include "core/read_tally.h"
#include "core/internal.h"
#include "catalog/archive_io.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

int mtkfwi_arc_damaged(struct archive *a, const char *path)
{
	const char *why = a ? archive_error_string(a) : NULL;

	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: damaged or truncated archive (%s)", path, why ? why : "no reason given");
}

int mtkfwi_arc_open(struct archive **out, const char *path)
{
	struct archive *a = archive_read_new();

	*out = NULL;
	if (!a)
		return mtkfw_nomem();
	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	if (archive_read_open_filename(a, path, 1 << 16) != ARCHIVE_OK) {
		int rc = mtkfwi_arc_damaged(a, path);

		archive_read_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

void mtkfwi_arc_close(struct archive *a)
{
	la_int64_t raw;

	if (!a)
		return;
	/* Filter -1 is the last of the chain: the bytes taken from the file itself, before any
	 * decompression. */
	if ((raw = archive_filter_bytes(a, -1)) > 0)
		mtkfwi_tally_bytes((uint64_t)raw);
	archive_read_free(a);
}

int mtkfwi_arc_pull(struct archive *a, const char *path, void *buf, size_t n, size_t *got)
{
	la_ssize_t r = archive_read_data(a, buf, n);

	*got = 0;
	if (r < 0)
		return mtkfwi_arc_damaged(a, path);
	*got = (size_t)r;
	return 0;
}

const char *mtkfwi_arc_member_name(struct archive_entry *e)
{
	const char *name = archive_entry_pathname(e);

	if (archive_entry_filetype(e) != AE_IFREG || !name)
		return NULL;
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	return name;
}

uint64_t mtkfwi_arc_member_size(struct archive_entry *e)
{
	return archive_entry_size_is_set(e) && archive_entry_size(e) > 0 ? (uint64_t)archive_entry_size(e) : 0;
}

int mtkfwi_arc_make_parents(const char *dir, const char *rel)
{
	char *p = mtkfw_path_join(dir, rel), *s;
	int rc = 0;

	if (!p)
		return MTKFW_ERR_NOMEM;
	for (s = p + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", p, strerror(errno));
		*s = '/';
		if (rc)
			break;
	}
	free(p);
	return rc;
}
