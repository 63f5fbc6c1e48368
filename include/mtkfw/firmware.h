/*
 * mtkfw — what hardware a firmware supports: the preloader (GFH FILE_INFO, the EMMC_BOOT +
 * BRLYT headers of a boot1 readback, the EMI memory table), lk's and the kernel's compiled-in
 * drivers, the kernel version and build.prop. Parsers and the writers the virtual phone and
 * the sample-package generator need (EMI block, boot1 wrapper, a minimal preloader).
 *
 * The models below are plain structs, read-only for callers; each has a _free.
 */
#ifndef MTKFW_FIRMWARE_H
#define MTKFW_FIRMWARE_H

#include "common.h"
#include "compress.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- eMMC makers ---------------------------------------------------------------------- */

/* The maker behind a CID manufacturer id (its first byte), or NULL when unknown. */
MTKFW_API const char *mtkfw_emmc_maker(uint8_t mid);

/* ---- EMI table (MTK_BLOADER_INFO_vNN) ------------------------------------------------- */

enum {
	MTKFW_EMI_ID_MAX = 16,
	MTKFW_EMI_ENTRY_MAX = 188, /* the largest entry layout known (v12 / v2x) */
	MTKFW_EMI_COUNT_MAX = 128, /* more entries than any real preloader carries */
};

/* Entry layouts seen in real preloaders; the block's version string picks one. */
typedef enum mtkfw_emi_layout {
	MTKFW_EMI_LAYOUT_UNKNOWN = 0, /* recognised block, entries not decoded */
	MTKFW_EMI_LAYOUT_V11 = 1,     /* MT6572: 168-byte entries with EMI_Freq */
	MTKFW_EMI_LAYOUT_V12 = 2,     /* MT6582 v12, MT6580 v21, MT6737 v20: 188 bytes, sub_version first */
} mtkfw_emi_layout;

/* "unknown", "v11", "v12"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_emi_layout_name(int layout);
MTKFW_API int mtkfw_emi_layout_parse(const char *word);

struct mtkfw_emi_entry {
	uint32_t type;                    /* 0x0202 MCP(eMMC+LPDDR2), 0x0203 MCP(eMMC+LPDDR3) ... */
	uint8_t id[MTKFW_EMI_ID_MAX];     /* first CID bytes: MID, CBX, OID, PNM[6] */
	uint32_t id_length;               /* bytes of `id` the DA compares (9 on eMMC) */
	uint32_t freq_mhz;                /* EMI_Freq (v11); 0 when the layout has none */
	uint64_t dram_size;               /* sum of DRAM_RANK_SIZE[] in bytes */
	uint32_t dram_vendor;             /* LPDDR MR5 vendor id where the layout has it, else 0 */
	const char *maker;                /* from id[0]; NULL when unknown or id_length is 0 */
	char product[7];                  /* printable PNM (id[3..8]), "" when none */
	uint8_t raw[MTKFW_EMI_ENTRY_MAX]; /* the entry as stored, so writers keep every register */
};

struct mtkfw_emi {
	char version[8];         /* "v11", "v12", "v20" ... (after "MTK_BLOADER_INFO_") */
	mtkfw_emi_layout layout;
	char file_name[64];      /* the preloader file name stored at 0x1B: the project's name */
	uint32_t entry_size;     /* 168 or 188 (0 for an unknown layout) */
	uint32_t count;          /* entries in the block, also when the layout is unknown */
	struct mtkfw_emi_entry *entries; /* count entries; NULL when the layout is unknown */
	bool has_length;         /* the block ends with its own length (inside preloaders) */
	size_t length;           /* bytes of the block, trailer included */
	uint8_t raw_header[0x70]; /* the header as stored (all zero in a hand-made table) */
	uint32_t header_count;   /* the header's count when it claims more entries than the block,
				  * framed by its own length, holds (an MT6582 table says 16 and
				  * holds 10); 0 when they agree. The writer keeps it. */
};

/*
 * Parse an EMI block that starts at buf[0]: a bare block (as technicians and mtkclient keep
 * them, with or without the trailing length) or the block cut out of a preloader. `name` is
 * for messages. An unknown version is parsed with layout UNKNOWN and count set, no entries.
 */
MTKFW_API int mtkfw_emi_parse(struct mtkfw_emi *out, const uint8_t *buf, size_t len, const char *name);
MTKFW_API void mtkfw_emi_clear(struct mtkfw_emi *emi);

/* A name for an EMI entry type ("MCP(eMMC+LPDDR2)" for 0x0202), or NULL when unknown. */
MTKFW_API const char *mtkfw_emi_type_name(uint32_t type);

/* Fill an entry's derived fields (maker, product, dram_size) from the others; used by parsers
 * and by callers building entries for mtkfw_emi_build. */
MTKFW_API void mtkfw_emi_entry_describe(struct mtkfw_emi_entry *e);

/*
 * Write an EMI block from `emi` (version, file_name, entries; layout V11 or V12). The header
 * starts from raw_header when it holds one whose version and file name are unchanged, so odd
 * padding survives; otherwise it is written the way emigen writes it. Each entry
 * starts from its `raw` bytes and gets type, id, id_length, freq and its DRAM size (as rank 0
 * when `raw` holds none) written over them, so a parsed block writes back byte-identical and
 * a hand-made one needs only those fields. The trailing length is written when has_length.
 */
MTKFW_API int mtkfw_emi_build(uint8_t **out, size_t *len, const struct mtkfw_emi *emi);

/* The 4032 predictor: which entry the DA would accept for this eMMC CID (16 bytes, the card's
 * order). The DA's report has each 4-byte word reversed; both orders are tried. */
struct mtkfw_emi_match {
	int index;          /* entry index, -1 when none matches */
	bool word_reversed; /* matched the CID with each 32-bit word byte-reversed */
};
MTKFW_API int mtkfw_emi_match_cid(struct mtkfw_emi_match *out, const struct mtkfw_emi *emi,
				  const uint8_t cid[16]);

/* ---- preloader ---------------------------------------------------------------------- */

/* GFH_FILE_INFO (the preloader's first GFH record). */
struct mtkfw_gfh_file_info {
	uint32_t file_ver;
	uint16_t file_type;   /* 1 ARM_BL */
	uint8_t flash_dev;    /* 5 eMMC boot region, 2 NAND ... */
	uint8_t sig_type;
	uint32_t load_addr;
	uint32_t file_len;    /* whole image incl. signature */
	uint32_t max_size;
	uint32_t content_offset;
	uint32_t sig_len;
	uint32_t jump_offset;
	uint32_t attr;
};

/* EMMC_BOOT header + BRLYT layout header at the start of the eMMC boot1 area. */
struct mtkfw_boot1_header {
	uint32_t boot_version; /* EMMC_BOOT version (1) */
	uint32_t boot_size;    /* EMMC_BOOT header size (0x200) */
	uint32_t version;      /* BRLYT version (1) */
	uint32_t header_size;  /* where the preloader starts (0x800) */
	uint32_t total_size;   /* header + preloader area */
	uint32_t type;         /* 0x10005 eMMC */
	uint32_t unused;       /* 1 on real boot1 areas */
};

typedef enum mtkfw_preloader_kind {
	MTKFW_PRELOADER_RAW = 0,   /* a preloader_*.bin: starts with GFH */
	MTKFW_PRELOADER_BOOT1 = 1, /* a boot1 readback: EMMC_BOOT + BRLYT, GFH at header_size */
	MTKFW_PRELOADER_EMI = 2,   /* a bare MTK_BLOADER_INFO block */
} mtkfw_preloader_kind;

struct mtkfw_preloader {
	mtkfw_preloader_kind kind;
	struct mtkfw_boot1_header boot1; /* kind BOOT1 */
	uint64_t gfh_offset;             /* where GFH FILE_INFO starts in the input */
	struct mtkfw_gfh_file_info file_info;
	bool has_emi;
	bool emi_blank;                  /* an MTK_BLOADER_INFO block is there, an unfilled template */
	uint64_t emi_offset;             /* in the input (has_emi or emi_blank) */
	struct mtkfw_emi emi;
};

/* Parse any of the three kinds. A preloader whose EMI block cannot be found or decoded, or
 * is a blank template without its MTK_BIN marker, is still returned (has_emi false) unless the
 * block is malformed. */
MTKFW_API int mtkfw_preloader_parse(struct mtkfw_preloader *out, const uint8_t *buf, size_t len,
				    const char *name);
MTKFW_API void mtkfw_preloader_clear(struct mtkfw_preloader *pl);
/* "raw", "boot1", "emi"; the GFH flash_dev as "NOR", "NAND", "eMMC boot", "eMMC data",
 * "serial flash" or "unknown" (lib/firmware/preloader_names.c). */
MTKFW_API const char *mtkfw_preloader_kind_name(mtkfw_preloader_kind kind);
MTKFW_API int mtkfw_preloader_kind_parse(const char *word); /* -1 for another word */
MTKFW_API const char *mtkfw_gfh_flash_dev_name(uint8_t flash_dev);

/* Parse / write the 0x800-byte boot1 header area (EMMC_BOOT, BRLYT and their padding). */
MTKFW_API int mtkfw_boot1_header_parse(struct mtkfw_boot1_header *out, const uint8_t *buf, size_t len,
				       const char *name);
MTKFW_API int mtkfw_boot1_header_write(uint8_t *out, size_t len, const struct mtkfw_boot1_header *h);

/*
 * Put EMMC_BOOT + BRLYT headers in front of a raw preloader, as on a real boot1 area.
 * `total_size` 0 means header + the GFH max_size (as on MT6572 phones), or header + the
 * preloader rounded up to 512 bytes when that is larger. The result is header + preloader,
 * padded with zeros to total_size.
 */
MTKFW_API int mtkfw_boot1_wrap(uint8_t **out, size_t *len, const uint8_t *pl, size_t pl_len,
			       uint32_t total_size);

/*
 * A minimal synthetic preloader for sample firmware: GFH FILE_INFO (eMMC, ARM_BL), BL_INFO,
 * a zero code area, the EMI block with its length, and a zero "signature". It parses back
 * with mtkfw_preloader_parse; it does not boot.
 */
MTKFW_API int mtkfw_preloader_synth(uint8_t **out, size_t *len, const struct mtkfw_emi *emi);

/* ---- driver names in lk and the kernel -------------------------------------------------- */

/* A list of distinct names, in the order first found. */
struct mtkfw_names {
	char **names;
	size_t count;
};
MTKFW_API void mtkfw_names_clear(struct mtkfw_names *n);

/* LCM driver names compiled into an lk image (an MTK header in front is skipped). */
MTKFW_API int mtkfw_lk_lcm(struct mtkfw_names *out, const uint8_t *buf, size_t len, const char *name);

/* ---- kernel ------------------------------------------------------------------------------ */

/* The largest decompressed kernel accepted (MT65xx kernels are 8–13 MiB). */
#define MTKFW_KERNEL_MAX (64u << 20)


struct mtkfw_kernel_info {
	mtkfw_compression compression;
	uint64_t payload_offset;   /* of the compressed stream in the input */
	size_t image_size;         /* decompressed size */
	char *version;             /* the whole "Linux version ..." line */
	struct mtkfw_names lcm;    /* LCM drivers */
	struct mtkfw_names touch;  /* touch-panel drivers */
	struct mtkfw_names camera; /* image-sensor drivers */
};

/*
 * Fingerprint a kernel: a boot/recovery image (Android header), a zImage with or without an
 * MTK header, or an uncompressed Image. Finds the compressed payload, decompresses it
 * (bounded by MTKFW_KERNEL_MAX) and lists version and drivers.
 */
MTKFW_API int mtkfw_kernel_info(struct mtkfw_kernel_info *out, const uint8_t *buf, size_t len,
				const char *name);
MTKFW_API void mtkfw_kernel_info_clear(struct mtkfw_kernel_info *k);

/* ---- build.prop -------------------------------------------------------------------------- */

struct mtkfw_buildprop {
	char *model;        /* ro.product.model */
	char *brand;        /* ro.product.brand */
	char *device;       /* ro.product.device */
	char *display_id;   /* ro.build.display.id */
	char *version;      /* ro.build.version.release */
	char *fingerprint;  /* ro.build.fingerprint */
	char *baseband;     /* gsm.version.baseband (dumps of a running phone have it) */
	char *mtk_release;  /* ro.mediatek.version.release, e.g. ALPS.JB3.MP.V1 */
	char *platform;     /* ro.mediatek.platform */
	char *board;        /* ro.product.board */
	/* What a firmware library searches by (a shop finds a sister firmware by these): */
	char *board_platform; /* ro.board.platform ("mt6572"; often empty) */
	char *custom_build;   /* ro.custom.build.version, the vendor's build number */
	char *fota_oem;       /* ro.fota.oem: the maker name the FOTA (update) server knows */
	char *fota_device;    /* ro.fota.device: the model name the FOTA server knows */
	/* What About Phone shows as the memory (clones set these to what they pretend to have):
	 * ro.product.ram or ro.product.ramsize; ro.product.romsize or ro.product.rom. */
	char *ram;
	char *rom;
};

/* Parse build.prop text (key=value lines; comments and blanks skipped; the last value wins). */
MTKFW_API int mtkfw_buildprop_parse(struct mtkfw_buildprop *out, const char *text, size_t len,
				    const char *name);
MTKFW_API void mtkfw_buildprop_clear(struct mtkfw_buildprop *bp);
/* The value of any key, or NULL; malloc'd. */
MTKFW_API int mtkfw_buildprop_get(char **out, const char *text, size_t len, const char *key);

#ifdef __cplusplus
}
#endif
#endif
