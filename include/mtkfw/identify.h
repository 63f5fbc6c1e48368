/*
 * mtkfw — identify a file (`mtkfw info`): which format it is and that format's main fields.
 * Probes run in a fixed order from a const table; each reads only the bytes it needs.
 */
#ifndef MTKFW_IDENTIFY_H
#define MTKFW_IDENTIFY_H

#include "common.h"
#include "core.h"
#include "error.h"
#include "modem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_info_kind {
	MTKFW_INFO_INT,  /* sizes, offsets, counts: JSON integers */
	MTKFW_INFO_STR,  /* names, hex ids */
	MTKFW_INFO_BOOL,
	MTKFW_INFO_ADDR, /* load addresses: JSON integers (contracts.md), text shows 0x hex */
} mtkfw_info_kind;

/* "int", "str", "bool", "addr"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_info_kind_name(int kind);
MTKFW_API int mtkfw_info_kind_parse(const char *word);

struct mtkfw_info_field {
	const char *key;     /* static */
	mtkfw_info_kind kind;
	uint64_t num;        /* INT, BOOL and ADDR */
	char *str;           /* STR (malloc'd) */
};

#define MTKFW_INFO_MAX_FIELDS 48

/* What a file is. Text and JSON render this one struct. Read-only for callers. */
struct mtkfw_info {
	const char *type;        /* "bootimg", "logo", "mtkhdr", "lk", "sparse", "ext4", "f2fs", "gpt",
				  * "dtb", "dtbo", "ramdisk", "preloader", "scatter", "mbr", "da",
				  * "checksum_ini", "modem", ... "data" */
	char description[160];   /* one line for people */
	uint64_t file_size;
	size_t nfields;
	struct mtkfw_info_field fields[MTKFW_INFO_MAX_FIELDS];
	struct mtkfw_modem *modem; /* types "modem", "modem_stub", "dbginfo", "mddb": what it tells */
};

/* Identify `path`. An unreadable file is an error; an unrecognised one is type "data". */
MTKFW_API int mtkfw_identify(struct mtkfw_info *out, const char *path);
MTKFW_API void mtkfw_info_clear(struct mtkfw_info *info);

/* The probe names in the order they are tried (NULL-terminated), for documentation and tests. */
MTKFW_API const char *const *mtkfw_identify_types(void);

#ifdef __cplusplus
}
#endif
#endif
