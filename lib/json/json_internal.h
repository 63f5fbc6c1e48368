/* Pieces the JSON renderers share (lib/json): a finding, a backup's files, a copied tree. */
#ifndef MTKFW_JSON_INTERNAL_H
#define MTKFW_JSON_INTERNAL_H

#include <mtkfw/json.h>

#include <jansson.h>

/* {severity, code, partition, message} */
json_t *mtkfwi_json_finding(const struct mtkfw_finding *f);
/* {dir, chip, cid, items: [{name, area, offset, size, sha256, file}], data_nvram, system_modem} */
json_t *mtkfwi_json_backup_items(const struct mtkfw_backup *b);
/* A copied ext4 tree: [{path, type, mode, uid, gid, size, sha256, target, skipped}], each path
 * `prefix`/node path (no prefix when NULL). */
json_t *mtkfwi_json_ext4_entries(const mtkfw_ext4_tree *t, const char *prefix);
/* A backup's /data/nvram tree and its radio files: {entries, bytes, truncated, note}, or null
 * when it was not asked for (or `b` is NULL). */
json_t *mtkfwi_json_backup_nvram(const struct mtkfw_backup *b);
json_t *mtkfwi_json_backup_modem(const struct mtkfw_backup *b);
/* How a write ended, added to `root`: result, fault, backup, data_nvram, system_modem,
 * identity. */
void mtkfwi_json_write_result(json_t *root, const struct mtkfw_job_outcome *o);

/* [{code, level, evidence, remedy}]: compat's risks (compat, the port proof, a library match). */
json_t *mtkfwi_json_risks(const struct mtkfw_compat *c);

/* The documents of the jobs (lib/json/json_device.c, json_offline.c). */
json_t *mtkfwi_json_flash(const struct mtkfw_job_outcome *o);
json_t *mtkfwi_json_format(const struct mtkfw_job_outcome *o);
json_t *mtkfwi_json_restore(const struct mtkfw_job_outcome *o);
/* {rebooted, port, chip, cid} */
json_t *mtkfwi_json_reboot(const struct mtkfw_job_outcome *o);
json_t *mtkfwi_json_check(const struct mtkfw_job_outcome *o);
json_t *mtkfwi_json_compat(const struct mtkfw_job_outcome *o);
json_t *mtkfwi_json_port(const struct mtkfw_job_outcome *o);
/* profile: the library's profile document with the readback's part added (NULL: no memory). */
json_t *mtkfwi_json_profile(const struct mtkfw_job_outcome *o);

#endif
