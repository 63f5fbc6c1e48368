/*
 * mtkfw — the DA file (MTK_AllInOne_DA*.bin, "MTK_DOWNLOAD_AGENT"): a file format like the
 * preloader's, so it lives with the firmware formats; the device session (device.h) takes a
 * parsed one and sends the chip's agents to the phone.
 */
#ifndef MTKFW_DA_H
#define MTKFW_DA_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file name of the download agent mtkfw looks for in its data folder (the front ends'
 * defaults, mtkfw/frontend.h) and names when none is found (mtkfw_job_end). */
#define MTKFW_DA_FILE_NAME "MTK_AllInOne_DA.bin"

/* All little-endian. */
#define MTKFW_DA_MAX_REGIONS 10

struct mtkfw_da_region {
	uint32_t buf;          /* file offset of the region */
	uint32_t len;          /* length, signature included */
	uint32_t start_addr;   /* load address on the phone */
	uint32_t start_offset; /* where the signature starts (len - sig_len) */
	uint32_t sig_len;
};

struct mtkfw_da_entry {
	uint32_t offset; /* of the entry in the file */
	uint16_t magic;  /* 0xDADA */
	uint16_t hw_code, hw_sub_code, hw_version, sw_version, reserved1;
	uint16_t pagesize, reserved3, region_index, region_count;
	struct mtkfw_da_region regions[MTKFW_DA_MAX_REGIONS];
};

struct mtkfw_da_file {
	char identifier[33];  /* "MTK_DOWNLOAD_AGENT" */
	char description[65]; /* "MTK_AllInOne_DA_v7.1504.00.00" */
	uint32_t info_version;
	uint32_t magic; /* 0x22668899 */
	uint32_t entry_count;
	uint32_t entry_size; /* 0xDC, or 0xD8 in old files without sw_version */
	struct mtkfw_da_entry *entries;
	uint8_t *data; /* the whole file */
	size_t size;
};

MTKFW_API int mtkfw_da_file_parse(struct mtkfw_da_file **out, const uint8_t *buf, size_t len,
				  const char *name);
MTKFW_API int mtkfw_da_file_load(struct mtkfw_da_file **out, const char *path);
/* Encode the model back into a file image (malloc'd); parse → write is byte-identical. */
MTKFW_API int mtkfw_da_file_write(uint8_t **out, size_t *len, const struct mtkfw_da_file *f);
/*
 * The entry for a chip: same hw_code, same sub code (0 in the file matches any), and the first
 * whose hw_version and sw_version do not exceed the phone's (0 from the phone matches any).
 */
MTKFW_API int mtkfw_da_file_select(const struct mtkfw_da_entry **out, const struct mtkfw_da_file *f, uint16_t hw_code,
				   uint16_t hw_sub_code, uint16_t hw_version, uint16_t sw_version);
MTKFW_API void mtkfw_da_file_free(struct mtkfw_da_file *f);

#ifdef __cplusplus
}
#endif

#endif
