/* Shared by the manifest's model (manifest.c), its JSON (manifest_json.c) and the old text
 * it still reads (manifest_text.c). Not installed. */
#ifndef MTKFW_FIRMWARE_MANIFEST_INTERNAL_H
#define MTKFW_FIRMWARE_MANIFEST_INTERNAL_H

#include <mtkfw/manifest.h>

/* One file or folder name a writer could have made: printable ASCII without blanks, no '/',
 * not "." or "..", shorter than `max`. */
bool mtkfwi_manifest_safe_name(const char *s, size_t max);
/* A word as the tree's writer records a link's target (mtkfw_ext4_safe_name keeps slashes):
 * printable ASCII, no blanks, not empty. */
bool mtkfwi_manifest_word(const char *s);
/* A node path of a tree: '/'-separated safe names, below its folder. */
bool mtkfwi_manifest_safe_path(const char *s);
/* An area a manifest may name: boot1, boot2, user (UNKNOWN otherwise). */
int mtkfwi_manifest_area_parse(const char *word);

/* Fill the empty `m` from JSON / from the old text; `name` is for messages. */
int mtkfwi_manifest_parse_json(mtkfw_manifest *m, const char *text, size_t len, const char *name);
int mtkfwi_manifest_parse_text(mtkfw_manifest *m, const char *text, size_t len, const char *name);

#endif
