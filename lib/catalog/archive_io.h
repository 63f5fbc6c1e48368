/* Inside lib/catalog: reading archives through libarchive, shared by the add job (archive.c)
 * and by taking a package out of an archive (unpack.c). */
#ifndef MTKFW_CATALOG_ARCHIVE_IO_H
#define MTKFW_CATALOG_ARCHIVE_IO_H

#include <archive.h>
#include <archive_entry.h>
#include <stddef.h>
#include <stdint.h>

/* Open archive `path` for one pass, every format and filter libarchive knows. */
int mtkfwi_arc_open(struct archive **out, const char *path);
/* Close and free it, telling the read tally the bytes libarchive read of the file. */
void mtkfwi_arc_close(struct archive *a);
/* The error of a damaged or truncated archive, naming it (MTKFW_ERR_FORMAT). */
int mtkfwi_arc_damaged(struct archive *a, const char *path);
/* Read up to `n` bytes of the current member; *got 0 at its end. */
int mtkfwi_arc_pull(struct archive *a, const char *path, void *buf, size_t n, size_t *got);
/* The name of a regular member, without leading "./"; NULL for anything else. */
const char *mtkfwi_arc_member_name(struct archive_entry *e);
/* The member's size as the archive records it, 0 when unknown. */
uint64_t mtkfwi_arc_member_size(struct archive_entry *e);
/* `rel`'s folders under `dir`, made as needed (rel already checked by mtkfw_path_under). */
int mtkfwi_arc_make_parents(const char *dir, const char *rel);

#endif
