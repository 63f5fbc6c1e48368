/*
 * mtkfw — a phone's identity data as found in a readback or an NVRAM backup: the Wi-Fi MAC
 * (/data/nvram/APCFG/APRDEB/WIFI), the Bluetooth address (APRDEB/BT_Addr), the IMEI record file
 * of the modem (md/NVRAM/NVD_IMEI/MP0B_001), and the SECCFG and SEC_RO partitions.
 *
 * For `mtkfw profile` of a readback and for `mtkfw device backup`, which must recognise these
 * files whatever other tools named them: mtkfw_identity_detect() works on content alone.
 *
 * IMEI: MP0B_001 holds 10 records of 12 bytes whose first 10 bytes are a scrambled BCD IMEI.
 * The MT6572 scrambling is not publicly documented, so mtkfw only validates each record's two
 * checksum bytes and reports slots as present, empty or invalid. It never decodes an IMEI and
 * has no function that makes one: restoring the phone's own file byte for byte is the only
 * safe repair.
 *
 * All parsers take the whole file in memory (these files are small; SECCFG and SEC_RO are read
 * by their first MTKFW_IDENTITY_HEAD bytes) and copy what they report; the structs own nothing.
 */
#ifndef MTKFW_IDENTITY_H
#define MTKFW_IDENTITY_H

#include "common.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_identity_kind {
	MTKFW_IDENTITY_UNKNOWN = 0,
	MTKFW_IDENTITY_WIFI,     /* APCFG/APRDEB/WIFI */
	MTKFW_IDENTITY_BT_ADDR,  /* APCFG/APRDEB/BT_Addr */
	MTKFW_IDENTITY_IMEI,     /* md/NVRAM/NVD_IMEI/MP0B_001 */
	MTKFW_IDENTITY_SECCFG,   /* SECCFG partition */
	MTKFW_IDENTITY_SECRO,    /* SEC_RO partition (secro.img) */
} mtkfw_identity_kind;

/* Bytes of a file that detection and the partition parsers look at. */
#define MTKFW_IDENTITY_HEAD 0x2000

/* "wifi", "bt_addr", "imei", "seccfg", "secro", or "unknown". */
MTKFW_API const char *mtkfw_identity_kind_name(mtkfw_identity_kind kind);
MTKFW_API int mtkfw_identity_kind_parse(const char *word); /* -1 for another word */

/*
 * What a file is, from its content: `head` holds its first min(file_size, MTKFW_IDENTITY_HEAD)
 * bytes (`head_len`), `file_size` its full size (the NVRAM files are recognised partly by
 * their fixed sizes). Never fails; MTKFW_IDENTITY_UNKNOWN when nothing fits.
 */
MTKFW_API mtkfw_identity_kind mtkfw_identity_detect(const uint8_t *head, size_t head_len,
						    uint64_t file_size);

/* ---- Wi-Fi: WIFI_CFG_PARAM_STRUCT (u16 own version, u16 peer version, MAC at 4, country) */
#define MTKFW_WIFI_NVRAM_SIZE 514 /* the file size on MT6572 Android 4.x */

typedef struct mtkfw_wifi_nvram {
	uint16_t own_version;   /* u2Part1OwnVersion (0x0104 seen on MT6572) */
	uint16_t peer_version;  /* u2Part1PeerVersion */
	uint8_t mac[6];         /* aucMacAddress, in the order it is shown */
	char country[3];        /* aucCountryCode, NUL-terminated; "" when unset */
	bool mac_set;           /* not all-zero and not all-FF */
	bool mac_unicast;       /* the group bit (bit 0 of the first byte) is clear */
	size_t size;
} mtkfw_wifi_nvram;

MTKFW_API int mtkfw_wifi_nvram_parse(mtkfw_wifi_nvram *out, const uint8_t *buf, size_t len,
				     const char *name);
/* Store the struct's fields into `buf` (a copy of the file it came from, `len` bytes). */
MTKFW_API int mtkfw_wifi_nvram_write(const mtkfw_wifi_nvram *in, uint8_t *buf, size_t len);

/* ---- Bluetooth: ap_nvram_btradio_struct, the address first */
#define MTKFW_BT_NVRAM_SIZE 66

typedef struct mtkfw_bt_nvram {
	uint8_t addr[6];
	bool addr_set;          /* not all-zero and not all-FF */
	size_t size;
} mtkfw_bt_nvram;

MTKFW_API int mtkfw_bt_nvram_parse(mtkfw_bt_nvram *out, const uint8_t *buf, size_t len,
				   const char *name);
MTKFW_API int mtkfw_bt_nvram_write(const mtkfw_bt_nvram *in, uint8_t *buf, size_t len);

/* ---- IMEI records: MP0B_001 */
#define MTKFW_IMEI_RECORDS 10
#define MTKFW_IMEI_RECORD_SIZE 12
#define MTKFW_IMEI_FILE_SIZE (MTKFW_IMEI_RECORDS * MTKFW_IMEI_RECORD_SIZE)

typedef enum mtkfw_imei_slot {
	MTKFW_IMEI_PRESENT = 0, /* checksums right and the record is not an empty-slot filler */
	MTKFW_IMEI_EMPTY,       /* all 00/FF bytes, or a filler repeated in 3 or more slots */
	MTKFW_IMEI_INVALID,     /* a checksum byte is wrong: damaged or never valid */
} mtkfw_imei_slot;

typedef struct mtkfw_imei_record {
	uint8_t raw[MTKFW_IMEI_RECORD_SIZE]; /* scrambled; never shown as an IMEI */
	mtkfw_imei_slot state;
	bool checksum_ok;     /* raw[10] = sum of raw[0,2,4,6,8], raw[11] = sum of raw[1,3,5,7,9] */
	unsigned copies;      /* records in the file with exactly these bytes (1 = unique) */
} mtkfw_imei_record;

typedef struct mtkfw_imei_file {
	mtkfw_imei_record records[MTKFW_IMEI_RECORDS];
	unsigned present, empty, invalid;
} mtkfw_imei_file;

/* `len` must be MTKFW_IMEI_FILE_SIZE. Invalid records are reported, not an error. */
MTKFW_API int mtkfw_imei_file_parse(mtkfw_imei_file *out, const uint8_t *buf, size_t len,
				    const char *name);
/* The file again, byte for byte (for the backup's round-trip check). */
MTKFW_API int mtkfw_imei_file_write(const mtkfw_imei_file *in, uint8_t out[MTKFW_IMEI_FILE_SIZE]);
/* The name of a slot state: "present", "empty", "invalid". */
MTKFW_API const char *mtkfw_imei_slot_name(mtkfw_imei_slot s);
MTKFW_API int mtkfw_imei_slot_parse(const char *word); /* -1 for another word */

/* ---- SECCFG v3: "AND_SECCFG_v" + 4 NULs, "MMMM", version, size ... "EEEE" at size - 4 */
typedef struct mtkfw_seccfg {
	uint32_t version;       /* 3 on MT6572 */
	uint32_t size;          /* bytes of the structure, end marker included (0x1860) */
	uint32_t enc_offset;    /* as stored; meaning not established for MT6572 */
	uint32_t enc_length;    /* as stored; mtkclient reads lock state from it on newer chips */
	uint8_t lock_try;       /* sw_sec_lock_try */
	uint8_t lock_done;      /* sw_sec_lock_done */
	uint16_t page_size;
	uint32_t page_count;
	bool end_marker_ok;     /* "EEEE" at size - 4 */
	/* The lock attribute sits in the encrypted body (SEJ hardware key); mtkfw does not
	 * decrypt it, so the lock state is reported as unknown. */
} mtkfw_seccfg;

MTKFW_API int mtkfw_seccfg_parse(mtkfw_seccfg *out, const uint8_t *buf, size_t len, const char *name);
/* Store the header fields into `buf` (a copy of the partition, at least `size` bytes). */
MTKFW_API int mtkfw_seccfg_write(const mtkfw_seccfg *in, uint8_t *buf, size_t len);

/* ---- SEC_RO: "AND_AC_REGION" + 3 NULs, "HHHH" */
typedef struct mtkfw_secro {
	uint32_t header_words[11]; /* the 11 little-endian words after HHHH (0x14..0x3F) */
	bool body_plain;           /* "AAAA" at 0x40: the AC region is in the clear (as in
				      unsigned package images); otherwise it is encrypted */
	size_t size;
} mtkfw_secro;

MTKFW_API int mtkfw_secro_parse(mtkfw_secro *out, const uint8_t *buf, size_t len, const char *name);

/* ---- Finding identity files in a folder (a readback, an extracted /data/nvram) */
typedef struct mtkfw_identity_file {
	char *path;               /* under the folder given */
	mtkfw_identity_kind kind;
	uint64_t size;
} mtkfw_identity_file;

typedef struct mtkfw_identity_list {
	size_t count;
	mtkfw_identity_file *files; /* sorted by path */
	bool truncated;             /* stopped at the depth or file-count limit */
} mtkfw_identity_list;

/*
 * Walk `dir` (symbolic links are not followed; at most 8 levels and 50000 files) and list every
 * file whose content is identity data, whatever its name. Progress counts files visited.
 */
MTKFW_API int mtkfw_identity_find(mtkfw_identity_list **out, const char *dir, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_identity_list_free(mtkfw_identity_list *list);

#ifdef __cplusplus
}
#endif
#endif
