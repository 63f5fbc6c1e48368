/*
 * Internal helpers shared by the unpack/repack code of each image kind: the output folder,
 * member files (always through mtkfw_path_under and atomic writes), the manifest, hex fields.
 */
#ifndef MTKFW_IMAGE_PACK_H
#define MTKFW_IMAGE_PACK_H

#include <mtkfw/image.h>

#include <jansson.h>

#define PK_MANIFEST "manifest.json"
/* Bound on any one member file read back by repack (a boot image part, a PNG...). */
#define PK_MEMBER_MAX (256u << 20)

/* Create the folder `dir` inside the (new, empty) folder an unpack is being built in. */
int mtkfwi_pk_prepare_dir(const char *dir);
/* Write `name` under `dir` atomically; `name` may not escape `dir`. */
int mtkfwi_pk_write(const char *dir, const char *name, const void *buf, size_t n);
/* Read member `name` of `dir` (at most `max` bytes). */
int mtkfwi_pk_read(const char *dir, const char *name, size_t max, uint8_t **out, size_t *len);

/* Lowercase hex of `n` bytes (malloc'd), and back: exactly `n` bytes or an error naming `what`. */
char *mtkfwi_pk_hex(const uint8_t *p, size_t n);
int mtkfwi_pk_unhex(const char *s, uint8_t *out, size_t n, const char *what);
bool mtkfwi_pk_all_byte(const uint8_t *p, size_t n, uint8_t v);

/* The manifest: a JSON object with "format": "mtkfw-unpack", "version" and "type". */
json_t *mtkfwi_pk_manifest_new(const char *type);
int mtkfwi_pk_manifest_save(const char *dir, json_t *m);
int mtkfwi_pk_manifest_load(const char *dir, json_t **out);

/* Typed getters that name manifest.json and the key in their errors. */
int mtkfwi_pk_get_u64(const json_t *o, const char *key, uint64_t max, uint64_t *out);
int mtkfwi_pk_get_u32(const json_t *o, const char *key, uint32_t *out);
/* NULL (and no error) when absent; an error when present but not a string. */
int mtkfwi_pk_get_str(const json_t *o, const char *key, const char **out);

/* A text field stored as a string when it is clean text followed by NULs, otherwise as
 * KEY_hex, so repack restores every byte. */
void mtkfwi_pk_put_textfield(json_t *o, const char *key, const uint8_t *p, size_t n);
int mtkfwi_pk_get_textfield(const json_t *o, const char *key, uint8_t *out, size_t n);

/* An MTK header as JSON (name, size, addr, mode, and the padding when it is not all 0xFF),
 * and back with a new payload size. */
json_t *mtkfwi_pk_mtkhdr_json(const struct mtkfw_mtkhdr *h);
int mtkfwi_pk_mtkhdr_from_json(const json_t *o, uint32_t size, struct mtkfw_mtkhdr *out);

/* Per-kind unpack and repack (buf holds the whole input). */
int mtkfwi_pk_bootimg_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len,
		      const char *dir);
int mtkfwi_pk_bootimg_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir,
		      const char *file);
int mtkfwi_pk_logo_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len,
		   const char *dir, const struct mtkfw_unpack_opts *opts, mtkfw_ctx *ctx);
int mtkfwi_pk_logo_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir,
		   const char *file, mtkfw_ctx *ctx);
int mtkfwi_pk_ramdisk_unpack(struct mtkfw_unpack_report *rep, const uint8_t *buf, size_t len,
		      const char *dir);
int mtkfwi_pk_ramdisk_repack(struct mtkfw_unpack_report *rep, const json_t *m, const char *dir,
		      const char *file);

#endif
