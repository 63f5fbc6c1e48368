/* The backup manifest's text, parsed and written by one pair of functions (backup.c). */
#ifndef MTKFW_DEVICE_BACKUP_H
#define MTKFW_DEVICE_BACKUP_H

#include <mtkfw/device.h>

/* An empty backup for folder `dir`. */
struct mtkfw_backup *backup_new(const char *dir);
/* Parse manifest text (modified in place) into `b`; `path` is for messages. */
int backup_parse_manifest(struct mtkfw_backup *b, char *text, const char *path);
/* The manifest text of `b` (malloc'd). */
int backup_format_manifest(const struct mtkfw_backup *b, char **out, size_t *len);

/* `name` is in the comma list `only` (any case), or `only` is NULL. */
bool backup_selected(const char *only, const char *name);
/* Lowercase hex of `n` bytes into `out` (2n+1 bytes). */
void backup_hex(char *out, const uint8_t *p, size_t n);

#endif
