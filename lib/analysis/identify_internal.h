/*
 * Inside `mtkfw info` (identify.c and the probe files beside it): the file a probe looks at,
 * and how a probe fills the report. A probe returns 1 when it recognised the file, 0 when
 * not, a negative status when the magic matched but the structure is broken.
 */
#ifndef MTKFW_ANALYSIS_IDENTIFY_INTERNAL_H
#define MTKFW_ANALYSIS_IDENTIFY_INTERNAL_H

#include <mtkfw/common.h>
#include <mtkfw/identify.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAD_MAX (64u << 10)

struct probe_in {
	const char *path;
	int fd;
	uint64_t size;
	uint8_t head[HEAD_MAX];
	size_t head_len; /* the first bytes, up to HEAD_MAX */
	uint8_t *whole;  /* read on demand */
	size_t whole_len;
};

/* The whole file in in->whole, when it has at most `max` bytes (LIMIT otherwise). */
int mtkfwi_probe_whole(struct probe_in *in, uint64_t max);

/* Fields of the report, in the order added (a full report drops the rest). */
void mtkfwi_info_int(struct mtkfw_info *o, const char *key, uint64_t v);
void mtkfwi_info_bool(struct mtkfw_info *o, const char *key, bool v);
void mtkfwi_info_addr(struct mtkfw_info *o, const char *key, uint64_t v);
void mtkfwi_info_str(struct mtkfw_info *o, const char *key, const char *fmt, ...) MTKFW_PRINTF(3, 4);
/* A fixed-size text field as a printable string (non-printing bytes become '?'). */
void mtkfwi_info_text(struct mtkfw_info *o, const char *key, const uint8_t *p, size_t n);
/* The same into `out` (`outn` bytes with the NUL; the text is cut to fit). */
void mtkfwi_printable(char *out, size_t outn, const uint8_t *p, size_t n);
/* The one-line description. */
void mtkfwi_info_describe(struct mtkfw_info *o, const char *fmt, ...) MTKFW_PRINTF(2, 3);

/* Device trees (identify_dt.c): a flattened device tree blob, an Android DTBO image. */
int mtkfwi_probe_dtb(struct mtkfw_info *o, struct probe_in *in);
int mtkfwi_probe_dtbo(struct mtkfw_info *o, struct probe_in *in);
/* Disks and file systems (identify_disk.c): a GPT disk image, an F2FS image. */
int mtkfwi_probe_gpt(struct mtkfw_info *o, struct probe_in *in);
int mtkfwi_probe_f2fs(struct mtkfw_info *o, struct probe_in *in);

#endif
