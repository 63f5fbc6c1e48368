/*
 * mtkfw — a firmware package: a scatter file and the files of its partitions, found in the
 * scatter's folder by the names the scatter gives (ignoring case) and, when a name is missing
 * or wrong, by their content (readbacks from other tools name files their own way). Only the
 * first bytes of each file are read to recognise it; system images are never loaded.
 *
 * Content recognition ("sniffing") is public too: it serves `check`, `info` and readbacks.
 */
#ifndef MTKFW_PACKAGE_H
#define MTKFW_PACKAGE_H

#include "common.h"
#include "layout.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a file is, from its first bytes. */
typedef enum mtkfw_file_kind {
	MTKFW_KIND_UNKNOWN = 0,
	MTKFW_KIND_PRELOADER, /* GFH FILE_INFO at 0 (preloader_*.bin) */
	MTKFW_KIND_BOOT1,     /* EMMC_BOOT + BRLYT (a boot1 readback holding the preloader) */
	MTKFW_KIND_EMI,       /* a bare MTK_BLOADER_INFO block */
	MTKFW_KIND_MBR,       /* 55AA sector whose first entry is the extended partition */
	MTKFW_KIND_EBR,       /* 55AA sector of data entries (EBR1, EBR2 ...) */
	MTKFW_KIND_LK,        /* MTK header named LK (or UBOOT) */
	MTKFW_KIND_LOGO,      /* MTK header named LOGO */
	MTKFW_KIND_BOOTIMG,   /* ANDROID! whose ramdisk's MTK header says ROOTFS, or none */
	MTKFW_KIND_RECOVERY,  /* ANDROID! whose ramdisk's MTK header says RECOVERY */
	MTKFW_KIND_SECRO,     /* SEC_RO: starts with AND_AC_REGION */
	MTKFW_KIND_EXT4,      /* raw ext4 (superblock magic at 1024 + 0x38) */
	MTKFW_KIND_SPARSE,    /* Android sparse image */
	MTKFW_KIND_SCATTER,   /* scatter text */
	MTKFW_KIND_CHECKSUM,  /* Checksum.ini text */
	MTKFW_KIND_COUNT
} mtkfw_file_kind;

/* Stable lower-case names: "preloader", "boot1", "emi", "mbr", "ebr", "lk", "logo", "boot",
 * "recovery", "secro", "ext4", "sparse", "scatter", "checksum", "unknown". */
MTKFW_API const char *mtkfw_file_kind_name(int kind);
MTKFW_API int mtkfw_file_kind_parse(const char *word); /* -1 for another word */

/* Bytes of a file's head that mtkfw_sniff wants (the ext4 superblock inside a sparse
 * image's first chunk lies within it). */
#define MTKFW_SNIFF_HEAD 4096u

struct mtkfw_sniff {
	int kind;             /* mtkfw_file_kind */
	char label[33];       /* ext4 volume name, or the MTK header name; "" when none */
	/* A boot image's ramdisk MTK header lies past the head: when non-zero, read 512 bytes
	 * at this offset and pass them to mtkfw_sniff_ramdisk to tell boot from recovery. */
	uint64_t ramdisk_offset;
};

/* Recognise a file from its first `len` bytes (ideally MTKFW_SNIFF_HEAD). Never fails:
 * unrecognised bytes are MTKFW_KIND_UNKNOWN. */
MTKFW_API void mtkfw_sniff(struct mtkfw_sniff *out, const uint8_t *head, size_t len);
/* Refine a BOOTIMG with the bytes at ramdisk_offset (an MTK header RECOVERY makes it RECOVERY). */
MTKFW_API void mtkfw_sniff_ramdisk(struct mtkfw_sniff *s, const uint8_t *buf, size_t len);
/* Both steps on a file (reads at most two small ranges). */
MTKFW_API int mtkfw_sniff_file(struct mtkfw_sniff *out, const char *path);

/* The kind of file a partition takes, by its name (PRELOADER, UBOOT/lk, BOOTIMG/boot ...);
 * MTKFW_KIND_UNKNOWN when the name says nothing. For ext4 partitions `volume` gets the
 * volume names to expect ("system", "cache", "userdata"), else "". */
MTKFW_API int mtkfw_partition_kind(const char *name, const char **volume);

/* How a partition's file was found. */
typedef enum mtkfw_found {
	MTKFW_FOUND_NONE = 0,    /* the scatter names no file (NONE) */
	MTKFW_FOUND_MISSING = 1, /* named, but neither the name nor the content found it */
	MTKFW_FOUND_NAME = 2,    /* by the scatter's name (case ignored) */
	MTKFW_FOUND_CONTENT = 3, /* by content, under another name */
	MTKFW_FOUND_SIGNED = 4,  /* NAME-verified.EXT beside the scatter's NAME.EXT: the signed
				  * build SP Flash Tool sends and Checksum.ini sums */
} mtkfw_found;

/* "none", "missing", "name", "content", "signed"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_found_name(int found);
MTKFW_API int mtkfw_found_parse(const char *word);

struct mtkfw_package_file {
	int found;          /* mtkfw_found */
	char *path;         /* full path; NULL unless found */
	char *name;         /* the file's name in the folder; NULL unless found or unusable */
	/* MISSING although an entry has the name: why it cannot be read ("logo.bin: a FIFO, not a
	 * file"); else NULL. Such an entry is never opened (a FIFO would wait for ever). */
	char *problem;
	uint64_t size;      /* bytes on disk */
	struct mtkfw_sniff sniff;
};

typedef struct mtkfw_package {
	char *dir;            /* the folder */
	char *scatter_path;   /* the scatter file */
	mtkfw_layout *layout; /* parsed and decoded */
	struct mtkfw_package_file *files; /* one per layout->parts[i], same order */
	char *checksum_path;  /* Checksum.ini (any case) in the folder, or NULL */
} mtkfw_package;

/*
 * Open a package: `path` is a scatter file, or a folder whose scatter mtkfw_scatter_find()
 * picks. Each partition's file is looked up by name (its signed NAME-verified.EXT first), then
 * among the folder's other files by content. A folder without a scatter is MTKFW_ERR_NOTFOUND;
 * a scatter that does not parse is its error.
 */
MTKFW_API int mtkfw_package_open(mtkfw_package **out, const char *path);
MTKFW_API void mtkfw_package_free(mtkfw_package *pkg);

/* The file of partition `name` (any case), or of the first partition whose kind is `kind`
 * when `name` is NULL (MTKFW_KIND_PRELOADER: whatever the scatter calls it); NULL when the
 * package has no such partition or its file was not found. */
MTKFW_API const struct mtkfw_package_file *mtkfw_package_file(const mtkfw_package *pkg, const char *name, int kind);

/*
 * The preloader of folder `dir` (malloc'd path): the PRELOADER partition's file when the folder
 * is a package (by name, signed name or content), else the first file by name whose content is
 * a preloader or a boot1 image. NOTFOUND when there is none.
 */
MTKFW_API int mtkfw_package_preloader(char **out, const char *dir);

/* ---- Checksum.ini against the package's files (lib/firmware/package_checksum.c) ---- */

/* Check every entry of `ini` against the file the package resolved for its partition (by name,
 * signed name or content): the file SP Flash Tool would send. Entries of partitions that are not
 * downloaded are SKIPPED. */
MTKFW_API int mtkfw_package_checksum_verify(struct mtkfw_checksum_report *out, const mtkfw_package *pkg,
					    const mtkfw_checksum_ini *ini);
/* A Checksum.ini of `style` for every downloaded partition of the package, summing the file the
 * package resolved; a downloaded partition whose file was not found is NOTFOUND. */
MTKFW_API int mtkfw_package_checksum_generate(mtkfw_checksum_ini **out, const mtkfw_package *pkg, int style);

#ifdef __cplusplus
}
#endif
#endif
