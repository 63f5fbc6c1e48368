/*
 * Internal helpers shared by lib/firmware (not installed).
 */
#ifndef MTKFW_FW_INTERNAL_H
#define MTKFW_FW_INTERNAL_H

#include <mtkfw/firmware.h>

#include <stddef.h>
#include <stdint.h>

/* Bytes of a leading 512-byte MTK header (§B.3, parsed by lib/image/mtkhdr.c), or 0. */
size_t mtkfwi_fw_mtkhdr_skip(const uint8_t *buf, size_t len);

/* Call `fn` for every run of at least `min` printable ASCII bytes (a `strings` pass). The run
 * is not NUL-terminated; `fn` returns non-zero to stop (its value is returned). */
typedef int (*fw_string_fn)(const char *s, size_t n, void *user);
int mtkfwi_fw_strings(const uint8_t *buf, size_t len, size_t min, fw_string_fn fn, void *user);

/* Append a copy of s[0..n) unless already present; a cap keeps hostile input bounded. */
int mtkfwi_fw_names_add(struct mtkfw_names *list, const char *s, size_t n);

/* LCM drivers by their place: the lcm_driver_list array (pointers to structures that start
 * with a name and five callbacks) with lcm_count beside it, in an image loaded at one of
 * `bases` (tried in order until one finds a table). Names go into `out`; `tables` counts the
 * arrays found (lcm_table.c). */
int mtkfwi_fw_lcm_tables(struct mtkfw_names *out, const uint8_t *img, size_t len, const uint32_t *bases, size_t nbases,
		  size_t *tables);

/* Driver-name classifiers over one string (whole `strings` run). */
bool mtkfwi_fw_is_lcm_name(const char *s, size_t n);
bool mtkfwi_fw_is_camera_name(const char *s, size_t n);
bool mtkfwi_fw_is_touch_name(const char *s, size_t n);

/* The eMMC maker table (emmc_makers.c), exposed for its self-check test. */
struct fw_emmc_maker {
	uint8_t mid;
	const char *name;
};
extern const struct fw_emmc_maker mtkfwi_fw_emmc_makers[];
extern const size_t mtkfwi_fw_emmc_maker_count;

/* Touch driver names (names.c), exposed for its self-check test. */
extern const char *const mtkfwi_fw_touch_drivers[];
extern const size_t mtkfwi_fw_touch_driver_count;


/* The type code of an EMI type name as mtkfw_emi_type_name gives it (saved profiles); NOTFOUND
 * for another name. */
int mtkfwi_fw_emi_type_parse(const char *name, uint32_t *type);

#endif
