/*
 * One table of content probes: what a file is from its first bytes. Each probe is the
 * necessary condition of its format (a magic at a fixed offset, every offset checked against
 * the length); nothing here parses further. Package file resolution (mtkfw_sniff), `mtkfw info`
 * (mtkfw_identify) and the profile's part finder all start from this one table, in its order,
 * so they cannot disagree on which format a head looks like; each then refines a match in its
 * own way (a label, a full parse) and may still decline it.
 */
#ifndef MTKFW_FW_PROBE_H
#define MTKFW_FW_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* In the table's order: strong magics at offset 0 first (they exclude each other), then the
 * ones further in (zImage at 0x24, the ext4 and F2FS superblocks at 1024, GPT at 512 before the
 * DOS signature at 510 that its protective MBR also has), text last. The ARM vector table is a
 * weak pattern, not a magic: after the zImage's. */
enum mtkfw_probe_id {
	MTKFW_PROBE_BOOTIMG,   /* "ANDROID!" */
	MTKFW_PROBE_MTKHDR,    /* MediaTek 512-byte header: 88 16 88 58 */
	MTKFW_PROBE_SPARSE,    /* Android sparse image: 3a ff 26 ed */
	MTKFW_PROBE_RAMDISK,   /* cpio newc, or gzip/lz4/lzma/xz as kernels unpack */
	MTKFW_PROBE_GFH,       /* preloader file: GFH FILE_INFO */
	MTKFW_PROBE_BOOT1,     /* boot1 readback: EMMC_BOOT */
	MTKFW_PROBE_EMI,       /* bare EMI table: MTK_BLOADER_INFO_v */
	MTKFW_PROBE_DA,        /* SP Flash Tool DA file: MTK_DOWNLOAD_AGENT */
	MTKFW_PROBE_SECRO,     /* SEC_RO: AND_AC_REGION */
	MTKFW_PROBE_CATI,      /* modem DbgInfo (mddb): CATI, version 1 */
	MTKFW_PROBE_CATD,      /* modem BPLGUInfo database (mddb): CATD */
	MTKFW_PROBE_DTB,       /* flattened device tree blob: d0 0d fe ed */
	MTKFW_PROBE_DTBO,      /* Android DTBO image (a table of device tree overlays): d7 b7 ab 1e */
	MTKFW_PROBE_ZIMAGE,    /* ARM zImage: 0x016F2818 at 0x24 */
	MTKFW_PROBE_ARMVEC,    /* an ARM exception vector table at 0 (a modem image; its trailer decides) */
	MTKFW_PROBE_EXT4,      /* ext superblock magic 0xEF53 at 1024 + 0x38 */
	MTKFW_PROBE_F2FS,      /* F2FS superblock magic 0xF2F52010 at 1024 */
	MTKFW_PROBE_GPT,       /* GPT header "EFI PART" at LBA 1 (512-byte sectors) */
	MTKFW_PROBE_DOS,       /* DOS partition sector (MBR or EBR): 55 AA, boot flags 0 or 0x80 */
	MTKFW_PROBE_TEXT,      /* no NUL byte: scatter, Checksum.ini, dumchar_info, build.prop */
	MTKFW_PROBE_COUNT
};

struct mtkfw_probe {
	enum mtkfw_probe_id id;
	const char *name;
	bool (*match)(const uint8_t *head, size_t len);
};

/* The table, MTKFW_PROBE_COUNT entries with probes[i].id == i. */
extern const struct mtkfw_probe mtkfw_probes[MTKFW_PROBE_COUNT];

#define MTKFW_PROBE_BIT(id) (1u << (id))

/* Every probe that matches `head`, as a mask of MTKFW_PROBE_BIT()s (0 for a NULL head). */
unsigned mtkfw_probe_mask(const uint8_t *head, size_t len);

#endif
