/*
 * mtkfw — firmware layouts: one model of a partition layout, fed by SP Flash Tool scatter files
 * (YAML-like V1.1.x, legacy `NAME 0xADDR { }`, OTA `NAME 0xADDR`), MediaTek MBR/EBR chains,
 * PMT regions (PTv1/MPT1) and /proc/dumchar_info text; and Checksum.ini.
 *
 * The model keeps what the source says (names as written, the file's own numbers) and, next to
 * it, the decoded position of each partition: its area (boot1 or user) and its byte offset in
 * that area, the MBR sitting at 0 of the user area. Every name match ignores case.
 *
 * The structs are plain data, read-only for callers; free them with the matching _free.
 */
#ifndef MTKFW_LAYOUT_H
#define MTKFW_LAYOUT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits that keep hostile input cheap (see the error MTKFW_ERR_LIMIT). */
#define MTKFW_SCATTER_MAX_BYTES (4u << 20) /* scatter text */
#define MTKFW_LAYOUT_MAX_PARTS 1024        /* partitions in one layout */
#define MTKFW_SCATTER_MAX_LINE 4096        /* bytes in one line */
#define MTKFW_PART_NAME_MAX 64             /* bytes in a partition name */

/* Where a layout came from. */
typedef enum mtkfw_layout_format {
	MTKFW_LAYOUT_NONE = 0,
	MTKFW_LAYOUT_YAML = 1,    /* scatter "config_version: V1.1.x" */
	MTKFW_LAYOUT_LEGACY = 2,  /* scatter "NAME 0xADDR { }" */
	MTKFW_LAYOUT_OTA = 3,     /* scatter "NAME 0xADDR" lines */
	MTKFW_LAYOUT_MBR = 4,     /* MBR + EBR chain */
	MTKFW_LAYOUT_PMT = 5,     /* MediaTek partition management table */
	MTKFW_LAYOUT_DUMCHAR = 6, /* /proc/dumchar_info */
} mtkfw_layout_format;

/* The eMMC area a partition lives in. */
typedef enum mtkfw_area {
	MTKFW_AREA_UNKNOWN = 0,
	MTKFW_AREA_BOOT1 = 1,
	MTKFW_AREA_BOOT2 = 2,
	MTKFW_AREA_RPMB = 3,
	MTKFW_AREA_USER = 4,
	MTKFW_AREA_NAND = 5, /* NAND storage: one linear space */
} mtkfw_area;

/* A key the parser does not interpret, kept (in file order) so a written file keeps it. */
struct mtkfw_kv {
	char *key;
	char *value;
};

struct mtkfw_partition {
	/* What the source says. Strings are NULL where the source has no such field. */
	char *name;            /* as written, "__NODL_" removed; NULL for unnamed MBR entries */
	char *index;           /* YAML partition_index ("SYS3") */
	char *file;            /* file_name; NULL for NONE or absent */
	bool download;         /* YAML is_download; legacy/OTA: no "__NODL_" */
	char *type;            /* NORMAL_ROM, YAFFS_IMG, SV5_BL_BIN, NONE ... */
	char *region;          /* EMMC_BOOT_1, EMMC_USER, NONE ... */
	char *storage;         /* HW_STORAGE_EMMC ... */
	char *operation;       /* operation_type: UPDATE, BOOTLOADERS, PROTECTED ... */
	uint64_t linear_start; /* the file's own number (0xFFFF00a8 stays so) */
	bool has_physical;
	uint64_t physical_start;
	bool has_size;         /* false where the format has no size (legacy, OTA) */
	uint64_t size;         /* bytes */
	bool has_flags;        /* boundary_check / is_reserved were given */
	bool boundary_check;
	bool reserved;
	struct mtkfw_kv *extra; /* other keys of this partition, in file order */
	size_t extra_count;
	int line;               /* line of the source where it starts (0 for binary sources) */

	/* Decoded position (mtkfw_layout_decode; binary sources fill it directly). */
	int area;              /* mtkfw_area */
	bool has_start;        /* false while an end-relative start awaits the area size */
	uint64_t start;        /* byte offset in its area */
	bool end_relative;     /* reserved at the end of the area (scatter 0xFFFFxxxx) */
	uint64_t end_offset;   /* for end_relative: bytes from the end of the area to its start */
	bool to_end;           /* its size runs to the end of the area (MBR 0xFFFFFFFF rule) */

	/* Binary sources. */
	int number;            /* Linux partition number (mmcblk0pN), 0 when unknown */
	uint8_t mbr_type;      /* MBR/EBR entry type (0x83, 0x05 ...) */
	uint64_t mask_flags;   /* PMT mask_flags */
	char *map_to;          /* dumchar_info MapTo */
};

typedef struct mtkfw_layout {
	int format;            /* mtkfw_layout_format */
	char *source;          /* name of the file it came from (for messages) */
	char *config_version;  /* YAML: "V1.1.1" ... */
	char *platform;        /* "MT6572" */
	char *project;
	char *storage;         /* "EMMC" | "NAND" */
	char *boot_channel;
	bool has_block_size;
	uint64_t block_size;   /* bytes; unit of 0xFFFFxxxx reservations */
	struct mtkfw_kv *general_extra; /* other keys of the general block, in order */
	size_t general_extra_count;

	/* Linear address of the user area's sector 0 (the MBR); see mtkfw_layout_decode. */
	bool has_mbr_start;
	uint64_t mbr_start;
	bool mbr_start_guessed; /* no MBR and no EMMC_USER partition: 0x600000 assumed */

	struct mtkfw_partition *parts;
	size_t count;
} mtkfw_layout;

/* A fresh empty layout of `format` (for building one by hand). */
MTKFW_API int mtkfw_layout_new(mtkfw_layout **out, int format);
MTKFW_API void mtkfw_layout_free(mtkfw_layout *layout);
/* Append a partition named `name` (copied); returns it through `out` (owned by the layout). */
MTKFW_API int mtkfw_layout_add(struct mtkfw_partition **out, mtkfw_layout *layout, const char *name);

/* A copy of `src`'s partitions with what places them (name, download, linear_start, size,
 * decoded area and start, end-relative reservations, Linux number) and its format and source;
 * the scatter's other fields are left out. */
MTKFW_API int mtkfw_layout_copy_positions(mtkfw_layout **out, const mtkfw_layout *src);

/* The partition named `name`, ignoring case; NULL when absent. */
MTKFW_API const struct mtkfw_partition *mtkfw_layout_find(const mtkfw_layout *layout, const char *name);
/* The name scatter `ref` gives the place of `p`, an unnamed entry (an MBR's): the partition of
 * `ref` starting where `p` starts in the same area (a size-0 one only when no other is there).
 * NULL when `p` has a name or no start, or `ref` has nothing there. */
MTKFW_API const char *mtkfw_layout_scatter_name(const mtkfw_layout *ref, const struct mtkfw_partition *p);

/* The byte offset in the user area of the partition named `name` (ignoring case): NOTFOUND when
 * there is none, UNSUPPORTED when it is not in the user area or is an end-relative reservation
 * not yet resolved (mtkfw_layout_resolve). */
MTKFW_API int mtkfw_layout_user_start(uint64_t *out, const mtkfw_layout *layout, const char *name);

/* Stable lower-case names: "yaml", "legacy", "ota", "mbr", "pmt", "dumchar"; "boot1", "user". */
MTKFW_API const char *mtkfw_layout_format_name(int format);
MTKFW_API const char *mtkfw_area_name(int area);
/* The values of those names; -1 for another word. */
MTKFW_API int mtkfw_layout_format_parse(const char *word);
MTKFW_API int mtkfw_area_parse(const char *word);

/*
 * Decode the scatter's linear addresses into areas and offsets. MBR_START is the linear start of
 * the partition named MBR; without one, of the first EMMC_USER partition; without either,
 * 0x600000 (mbr_start_guessed set). EMMC_BOOT_1 partitions keep their linear start; user
 * partitions get linear − MBR_START; 0xFFFFxxxx starts become end-relative reservations of
 * xxxx × block_size bytes (block_size 0x20000 when the file has none). Parsing calls it.
 */
MTKFW_API int mtkfw_layout_decode(mtkfw_layout *layout);

/* Now that the user area's size in bytes is known: give end-relative partitions their start,
 * and "to the end" partitions (MBR 0xFFFFFFFF rule) their size. */
MTKFW_API int mtkfw_layout_resolve(mtkfw_layout *layout, uint64_t user_size);

/* ---- scatter files ---- */

/*
 * Parse a scatter file in any of the three formats (told apart by content). `name` is used in
 * messages ("NAME: line N: ..."). At most MTKFW_SCATTER_MAX_BYTES of text,
 * MTKFW_LAYOUT_MAX_PARTS partitions, MTKFW_SCATTER_MAX_LINE bytes a line.
 */
MTKFW_API int mtkfw_scatter_parse(mtkfw_layout **out, const char *text, size_t len, const char *name);
MTKFW_API int mtkfw_scatter_load(mtkfw_layout **out, const char *path);

/*
 * Write a layout as a scatter of `format` (YAML V1.1.x as ptgen writes it, legacy, or OTA) into
 * a malloc'd NUL-terminated buffer. Fields a source lacks are filled the way MediaTek's ptgen
 * fills them (file names, types, operation types by partition name; sizes from the next start).
 */
MTKFW_API int mtkfw_scatter_write(char **out, size_t *len, const mtkfw_layout *layout, int format);
/* The same, written atomically to `path`. */
MTKFW_API int mtkfw_scatter_save(const mtkfw_layout *layout, int format, const char *path);

/* ---- MBR / EBR ---- */

#define MTKFW_MBR_MAX_TABLES 16 /* MBR + EBR1..EBR15 */

/* One 512-byte partition table sector and where it sits in the user area. */
struct mtkfw_mbr_table {
	char name[8];    /* "MBR", "EBR1", ... */
	uint64_t offset; /* bytes from the start of the user area */
	uint8_t data[512];
};

/*
 * Parse MediaTek's MBR and EBR chain. `disk` starts at the MBR (the MBR sector, or a longer
 * readback of the user area, where the EBRs are then found too); `ebr1`/`ebr2` are the EBR
 * sectors as separate files (NULL when absent). Starts are made user-area byte offsets
 * following MediaTek's rules: MBR entries relative to the MBR, data entries of an EBR relative
 * to that EBR, and EBR links relative to EBR1; a size reaching 0xFFFFFFFF sectors means "to the
 * end of the device". The result lists MBR and EBRn (named, one sector each) and the data
 * partitions (unnamed, numbered as Linux numbers them).
 */
MTKFW_API int mtkfw_mbr_parse(mtkfw_layout **out, const uint8_t *disk, size_t disk_len,
			      const uint8_t *ebr1, size_t ebr1_len, const uint8_t *ebr2, size_t ebr2_len,
			      const char *name);

/* The same from files: `path` is the MBR sector or a user-area readback (read by range, never
 * whole); `ebr1_path`/`ebr2_path` may be NULL. */
MTKFW_API int mtkfw_mbr_load(mtkfw_layout **out, const char *path, const char *ebr1_path,
			     const char *ebr2_path);

/* True for the partition names MediaTek's ptgen puts in the MBR/EBR (the ext4/vfat ones). */
MTKFW_API bool mtkfw_mbr_indexed_name(const char *name);

/*
 * Build the MBR and EBR sectors for a (decoded) scatter layout exactly as ptgen lays them out:
 * the MBR's first entry is the extended partition pointing at EBR1, then up to three data
 * partitions; each EBR holds up to three, and links to the next EBR in its fourth entry; the
 * last data partition's size reaches 0xFFFFFFFF. `tables` must hold MTKFW_MBR_MAX_TABLES.
 */
MTKFW_API int mtkfw_mbr_build(const mtkfw_layout *layout, struct mtkfw_mbr_table *tables, size_t *count);

/* ---- PMT ---- */

#define MTKFW_PMT_REGION_SIZE 0x1000
#define MTKFW_PMT_ENTRY_SIZE 0x58

/* Parse a PMT region (at least 0x1000 bytes starting with "PTv1"/"MPT1"): name[64], size,
 * offset, mask_flags per entry. The stored offsets stay in linear_start; area and start are
 * decoded with mtkfw_pmt_rebase_linear (user offsets, the MBR at 0), as for a scatter. */
MTKFW_API int mtkfw_pmt_parse(mtkfw_layout **out, const uint8_t *data, size_t len, const char *name);
/* Decode a PMT's linear addresses in place (mtkfw_pmt_parse does; doing it again is a no-op): entries below the MBR entry go to boot1 at
 * their address, the rest to the user area relative to the MBR (which lands at 0); linear_start
 * keeps what is stored. Without an MBR entry the offsets stay as stored (lib/layout/pmt_rebase.c). */
MTKFW_API int mtkfw_pmt_rebase_linear(mtkfw_layout *layout);
/* Build a PTv1 region (MTKFW_PMT_REGION_SIZE bytes) from a decoded layout's named partitions. */
MTKFW_API int mtkfw_pmt_build(const mtkfw_layout *layout, uint8_t *region, size_t region_len);

/* ---- /proc/dumchar_info ---- */

MTKFW_API int mtkfw_dumchar_parse(mtkfw_layout **out, const char *text, size_t len, const char *name);

/* The scatter file of a package folder, the one rule of every command: a regular file named
 * "*scatter*.txt" (any case), "*_Android_scatter*" first, an OTA scatter only when there is
 * nothing else; among equals the shortest name, then the first by name. malloc'd path;
 * NOTFOUND when there is none. */
MTKFW_API int mtkfw_scatter_find(char **out, const char *dir);

/* A readback tool that writes scatters, by the placeholder project it puts in them. */
struct mtkfw_scatter_writer {
	const char *project; /* "MTDTtest" */
	const char *tool;    /* "MTK Droid Tools" */
};
/* The table (lib/layout/scatter_writers.c) and its size. */
MTKFW_API const struct mtkfw_scatter_writer *mtkfw_scatter_writers(size_t *count);
/* The readback tool that wrote this scatter, told by its project (any case); NULL for a
 * firmware build's scatter, whose project names the board. */
MTKFW_API const char *mtkfw_scatter_readback_tool(const mtkfw_layout *layout);

/* ---- any source ---- */

/* Load a layout from a file of any kind above, told by content: an MBR (with `ebr1`/`ebr2`
 * files, either may be NULL), a PMT region, a dumchar_info or a scatter. */
MTKFW_API int mtkfw_layout_load(mtkfw_layout **out, const char *path, const char *ebr1, const char *ebr2);

/* ---- comparing layouts ---- */

struct mtkfw_layout_diff {
	char *name;       /* partition name, or "pN" */
	char *message;    /* one line: what differs */
};

struct mtkfw_layout_diffs {
	struct mtkfw_layout_diff *items;
	size_t count;
};

/*
 * Compare a scatter layout (`ref`, decoded) with a table read from a phone or a package (`table`:
 * MBR/EBR, PMT or dumchar). Each partition of `table` must sit where `ref` puts it, with the
 * same size where both know it; with an MBR table, each partition ptgen would index must be in
 * it. Returns 0 and the differences (count 0 when they agree).
 */
MTKFW_API int mtkfw_layout_compare(struct mtkfw_layout_diffs *out, const mtkfw_layout *ref, const mtkfw_layout *table);
MTKFW_API void mtkfw_layout_diffs_clear(struct mtkfw_layout_diffs *diffs);

/* ---- Checksum.ini ---- */

typedef enum mtkfw_checksum_style {
	MTKFW_CHECKSUM_V1 = 1, /* SP Flash Tool v5: [VERSION] VERSION=V1; 16-bit byte sum, 0x%X */
	MTKFW_CHECKSUM_V3 = 2, /* old SP Flash Tool v3: upper-case keys, "KEY = 0x..." (32-bit sum) */
} mtkfw_checksum_style;

/* "v1", "v3"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_checksum_style_name(int style);
MTKFW_API int mtkfw_checksum_style_parse(const char *word);

struct mtkfw_checksum_entry {
	char *key;      /* as written (a partition name) */
	uint64_t value;
	int digits;     /* hex digits as written ("0x09ED": 4), 0 for the shortest form */
	int line;
};

typedef struct mtkfw_checksum_ini {
	int style;              /* mtkfw_checksum_style */
	char *version;          /* [VERSION] VERSION */
	char *tool;             /* [VERSION] TOOL */
	char *change_id;        /* [VERSION] Change_ID */
	bool has_switch;
	bool enabled;           /* [IsEnableChecksum] CHECKSUM_SWITCH (default true) */
	struct mtkfw_checksum_entry *entries;
	size_t count;
} mtkfw_checksum_ini;

MTKFW_API int mtkfw_checksum_ini_parse(mtkfw_checksum_ini **out, const char *text, size_t len,
				       const char *name);
MTKFW_API int mtkfw_checksum_ini_load(mtkfw_checksum_ini **out, const char *path);
MTKFW_API void mtkfw_checksum_ini_free(mtkfw_checksum_ini *ini);
/* The Checksum.ini of a folder, matched without regard to case (Checksum.INI too); malloc'd
 * path, or MTKFW_ERR_NOTFOUND. */
MTKFW_API int mtkfw_checksum_ini_find(char **out, const char *dir);
/* Write in the ini's style (CRLF line ends, as SP Flash Tool's files have). */
MTKFW_API int mtkfw_checksum_ini_write(char **out, size_t *len, const mtkfw_checksum_ini *ini);
/* The same, written atomically to `path`. */
MTKFW_API int mtkfw_checksum_ini_save(const mtkfw_checksum_ini *ini, const char *path);

/* Sums of every byte of a file: the 16-bit V1 value and the 32-bit v3 one. */
MTKFW_API int mtkfw_checksum_file(const char *path, uint16_t *sum16, uint32_t *sum32);

typedef enum mtkfw_checksum_status {
	MTKFW_CHECKSUM_OK = 0,
	MTKFW_CHECKSUM_MISMATCH = 1,   /* the file's sum differs from the value */
	MTKFW_CHECKSUM_ZERO = 2,       /* the value is 0: SP Flash Tool refuses it */
	MTKFW_CHECKSUM_MISSING = 3,    /* the partition's file is not in the folder */
	MTKFW_CHECKSUM_NOPART = 4,     /* no partition of the scatter has this name */
	MTKFW_CHECKSUM_NOFILE = 5,     /* the partition has no file (NONE) */
	MTKFW_CHECKSUM_SKIPPED = 6,    /* not downloaded: SP Flash Tool neither loads nor sums it */
	MTKFW_CHECKSUM_UNREADABLE = 7, /* the file could not be read (`problem` says why) */
} mtkfw_checksum_status;

/* "ok", "mismatch", "zero", "missing", "no-partition", "no-file", "not-downloaded", "unreadable";
 * parse gives -1 for another word. */
MTKFW_API const char *mtkfw_checksum_status_name(int status);
MTKFW_API int mtkfw_checksum_status_parse(const char *word);

struct mtkfw_checksum_result {
	char *key;
	char *file;       /* the file summed (or the scatter's name for it); NULL when none */
	int found;        /* how the package found it (mtkfw_found, package.h) */
	int status;       /* mtkfw_checksum_status */
	uint64_t expected;
	uint64_t actual;  /* valid for OK, MISMATCH and ZERO */
	char *problem;    /* UNREADABLE: the reason */
};

struct mtkfw_checksum_report {
	struct mtkfw_checksum_result *items;
	size_t count;
	size_t mismatches; /* MISMATCH + ZERO */
	size_t missing;    /* MISSING + NOPART + NOFILE + SKIPPED: not checked */
	size_t unreadable; /* UNREADABLE */
};

/* Verifying and writing a Checksum.ini needs the package's files: mtkfw_package_checksum_verify()
 * and mtkfw_package_checksum_generate() in package.h. */
MTKFW_API void mtkfw_checksum_report_clear(struct mtkfw_checksum_report *report);

#ifdef __cplusplus
}
#endif
#endif
