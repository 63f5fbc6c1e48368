/*
 * mtkfw — the image kit: MediaTek 512-byte headers, Android boot/recovery images (v0-v2),
 * logo.bin and ramdisks. Each format has parse, write and export; unpack writes a folder with
 * a manifest.json that says what repack rebuilds.
 */
#ifndef MTKFW_IMAGE_H
#define MTKFW_IMAGE_H

#include "common.h"
#include "compress.h"
#include "core.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- MediaTek 512-byte image header ("MTK header") --------------------------------------- */

#define MTKFW_MTKHDR_SIZE 512u
#define MTKFW_MTKHDR_MAGIC 0x58881688u
#define MTKFW_MTKHDR_NAME_LEN 32u

/*
 * One parsed MTK header. `raw` keeps all 512 bytes as read (the 0xFF padding and any bytes
 * after the name's NUL), and the writer lays the fields over it, so parse -> write is
 * byte-identical. Read-only for callers except through the functions below.
 */
struct mtkfw_mtkhdr {
	uint32_t size;                          /* payload bytes after the header */
	char name[MTKFW_MTKHDR_NAME_LEN + 1];   /* "KERNEL", "ROOTFS", "RECOVERY", "LK", "LOGO"... */
	uint32_t addr;                          /* load address; 0xFFFFFFFF when unused */
	uint32_t mode;                          /* 0xFFFFFFFF when unused */
	uint8_t raw[MTKFW_MTKHDR_SIZE];
};

/* True when `buf` starts with the MTK header magic (needs 4 bytes). */
MTKFW_API bool mtkfw_mtkhdr_detect(const uint8_t *buf, size_t len);

/* Parse the header at the start of `buf`. FORMAT when the magic is absent, TRUNCATED when
 * fewer than 512 bytes; the payload is not required to be present. */
MTKFW_API int mtkfw_mtkhdr_parse(struct mtkfw_mtkhdr *out, const uint8_t *buf, size_t len);

/* A fresh header as MediaTek's mkimage writes it: 0xFF everywhere, then magic, size, the
 * NUL-padded name, addr and mode 0xFFFFFFFF. INVALID when the name is longer than 32 bytes. */
MTKFW_API int mtkfw_mtkhdr_init(struct mtkfw_mtkhdr *out, const char *name, uint32_t size);

/* Change the name (INVALID when longer than 32 bytes): the 32-byte field is rewritten. */
MTKFW_API int mtkfw_mtkhdr_set_name(struct mtkfw_mtkhdr *h, const char *name);

/* The 512 bytes: `raw` with magic, size, addr and mode laid over it. */
MTKFW_API void mtkfw_mtkhdr_write(const struct mtkfw_mtkhdr *h, uint8_t out[MTKFW_MTKHDR_SIZE]);

/* Bytes 0x30..0x1FF are all 0xFF (the usual padding). */
MTKFW_API bool mtkfw_mtkhdr_padding_is_ff(const struct mtkfw_mtkhdr *h);

/* Read the header at the start of file `path` (and the file's size, when `file_size` is not
 * NULL). Errors name the file. */
MTKFW_API int mtkfw_mtkhdr_read_file(struct mtkfw_mtkhdr *out, const char *path, uint64_t *file_size);

/* Strip the header of file `in`, writing its payload (exactly `size` bytes) to `out`;
 * trailing bytes after the payload (readback padding) are dropped unless `keep_tail`. */
MTKFW_API int mtkfw_mtkhdr_strip_file(const char *in, const char *out, bool keep_tail);

/* Prepend a fresh header named `name` (size = the file's length) to `in`, writing `out`. */
MTKFW_API int mtkfw_mtkhdr_add_file(const char *in, const char *out, const char *name,
				    uint32_t addr, uint32_t mode);

/* ---- Android boot image (v0, v1, v2) ---------------------------------------------------- */

/* How the header's id was computed; repack recomputes it the same way. */
typedef enum mtkfw_bootimg_idconv {
	MTKFW_ID_UNKNOWN = 0, /* matches no known recipe: kept verbatim */
	MTKFW_ID_SHA1,        /* SHA-1 over kernel,size, ramdisk,size, second,size (+dtbo v1+,
			       * +dtb v2+, +dt when a v0 dt is present): C and Python mkbootimg */
	MTKFW_ID_SHA1_PRESENT,/* SHA-1 over the present parts and their sizes only */
	MTKFW_ID_SHA1_DTSLOT, /* as SHA1 plus an empty dt slot (a zero size) on v0 */
	MTKFW_ID_ZERO,        /* id left all zero */
} mtkfw_bootimg_idconv;

/* Stable names for manifests and JSON ("sha1", "sha1-present", ...); parse returns -1 when
 * unknown. */
MTKFW_API const char *mtkfw_bootimg_idconv_name(mtkfw_bootimg_idconv c);
MTKFW_API int mtkfw_bootimg_idconv_parse(const char *name);

enum mtkfw_bootimg_part {
	MTKFW_BOOT_KERNEL,
	MTKFW_BOOT_RAMDISK,
	MTKFW_BOOT_SECOND,
	MTKFW_BOOT_DT,            /* v0 legacy device tree (its size sits in header_version) */
	MTKFW_BOOT_RECOVERY_DTBO, /* v1+ */
	MTKFW_BOOT_DTB,           /* v2 */
	MTKFW_BOOT_NPARTS
};
MTKFW_API const char *mtkfw_bootimg_part_name(int part);
MTKFW_API int mtkfw_bootimg_part_parse(const char *word); /* -1 for another word */

/* A parsed boot image header plus where each part lies in the file. */
struct mtkfw_bootimg {
	uint32_t kernel_addr, ramdisk_addr, second_addr, tags_addr;
	uint32_t page_size;
	uint32_t header_version; /* the raw field (on v0 with a dt: the dt size) */
	unsigned version;        /* 0, 1 or 2 */
	uint32_t os_version;
	uint8_t name[16];
	uint8_t cmdline[512];
	uint8_t id[32];
	uint8_t extra_cmdline[1024];
	uint32_t recovery_dtbo_size; /* v1+ */
	uint64_t recovery_dtbo_offset;
	uint32_t header_size;
	uint32_t dtb_size;           /* v2 */
	uint64_t dtb_addr;
	uint32_t part_size[MTKFW_BOOT_NPARTS];
	uint64_t part_offset[MTKFW_BOOT_NPARTS];
	uint64_t end;       /* first byte after the last page-padded part */
	uint64_t file_size;
	bool part_mtk[MTKFW_BOOT_NPARTS];            /* the part starts with an MTK header */
	/* ... and another one right behind it: the part was wrapped twice (a kernel copied from
	 * another boot image with its header, then wrapped again); the bootloader would jump
	 * into the inner header, so the image does not boot. */
	bool part_mtk_doubled[MTKFW_BOOT_NPARTS];
	struct mtkfw_mtkhdr mtk[MTKFW_BOOT_NPARTS];
	mtkfw_bootimg_idconv idconv;
};

/* Parse the header of a boot image held in `buf` (the whole file): every size, offset and
 * page count is checked against `len`; detects the id convention. */
MTKFW_API int mtkfw_bootimg_parse(struct mtkfw_bootimg *out, const uint8_t *buf, size_t len);

/* The header alone (a header dump like image.hdr): parts are not looked at, part_mtk stays
 * false and idconv UNKNOWN; `end` is where the padded parts would end. */
MTKFW_API int mtkfw_bootimg_parse_header(struct mtkfw_bootimg *out, const uint8_t *buf, size_t len);

/* Compute the id of parts `data[i]`/`size[i]` (absent part: size 0) with convention `c`. */
MTKFW_API int mtkfw_bootimg_compute_id(uint8_t id[32], mtkfw_bootimg_idconv c, unsigned version,
				       const uint8_t *const data[MTKFW_BOOT_NPARTS],
				       const uint32_t size[MTKFW_BOOT_NPARTS]);

/* Header bytes (1632, 1648 or 1660 by version) from the struct. */
MTKFW_API size_t mtkfw_bootimg_header_len(unsigned version);
MTKFW_API void mtkfw_bootimg_write_header(uint8_t *out, const struct mtkfw_bootimg *b);

/* ---- logo.bin ---------------------------------------------------------------------------- */

typedef enum mtkfw_pixfmt {
	MTKFW_PIX_UNKNOWN = 0,
	MTKFW_PIX_RGB565,   /* MT6572 and most MT65xx: 2 bytes, little-endian */
	MTKFW_PIX_BGRA8888, /* 32 bpp (later chips): bytes B, G, R, A */
} mtkfw_pixfmt;
MTKFW_API const char *mtkfw_pixfmt_name(mtkfw_pixfmt f);
MTKFW_API int mtkfw_pixfmt_parse(const char *word); /* -1 for another word */
MTKFW_API unsigned mtkfw_pixfmt_bpp(mtkfw_pixfmt f);

/* A real panel size, for inferring a logo's resolution from its decompressed size. */
struct mtkfw_panel {
	uint16_t width, height;
	const char *name;
};
/* The table (terminated by a zero entry). */
MTKFW_API const struct mtkfw_panel *mtkfw_panels(void);

struct mtkfw_logo_image {
	uint32_t offset;   /* of the zlib stream, from the body start */
	uint32_t zsize;    /* compressed bytes */
	uint32_t rawsize;  /* decompressed bytes (0 until inflated) */
};

/* A parsed logo.bin. */
struct mtkfw_logo {
	struct mtkfw_mtkhdr hdr;
	uint32_t count;
	uint32_t total;        /* body length as the body says */
	struct mtkfw_logo_image *images;
	uint64_t file_size;    /* readbacks are padded to the partition size after the body */
	mtkfw_pixfmt pixfmt;   /* inferred (UNKNOWN when no image matched a panel) */
	uint16_t width, height;/* inferred full-screen resolution (0 when unknown) */
};

/* Limits that keep hostile logos safe. */
#define MTKFW_LOGO_MAX_IMAGES 4096u
#define MTKFW_LOGO_MAX_RAW (64u << 20) /* a decompressed image */

/* Parse `buf` (the whole logo file): header, count, offsets (checked ascending and inside
 * total). Does not inflate; see mtkfw_logo_inflate. */
MTKFW_API int mtkfw_logo_parse(struct mtkfw_logo *out, const uint8_t *buf, size_t len);
MTKFW_API void mtkfw_logo_clear(struct mtkfw_logo *logo);

/* Inflate image `i` of a parsed logo (bounded by MTKFW_LOGO_MAX_RAW); malloc'd result. */
MTKFW_API int mtkfw_logo_inflate(uint8_t **out, size_t *out_len, const struct mtkfw_logo *logo, const uint8_t *buf,
				 size_t len, uint32_t i);

/* Fill rawsize of every image, then infer pixel format and full-screen resolution from the
 * panel table (a `force_w`x`force_h` of non-zero overrides the table). */
MTKFW_API int mtkfw_logo_analyse(struct mtkfw_logo *logo, const uint8_t *buf, size_t len,
				 uint16_t force_w, uint16_t force_h);

/* Every image of a logo file as a PNG (RGB for RGB565 logos, RGBA for 32 bpp) with the size
 * unpack gives it, in order, for showing a logo without unpacking it: `each` gets the index,
 * size and PNG bytes (valid during the call); an image that is not whole pixels is left out; a
 * non-zero return of `each` stops and is returned. */
MTKFW_API int mtkfw_logo_each_png(const uint8_t *buf, size_t len,
				  int (*each)(uint32_t index, uint32_t width, uint32_t height, const uint8_t *png,
					      size_t png_len, void *user),
				  void *user);

/* Build a logo file from `count` zlib streams: header named LOGO, count, total, offsets. */
MTKFW_API int mtkfw_logo_build(uint8_t **out, size_t *out_len, const uint8_t *const *streams,
			       const size_t *sizes, uint32_t count, const struct mtkfw_mtkhdr *tmpl);

/* ---- ramdisks (cpio newc, raw or gzip / lz4 / lzma / xz compressed) ----------------------- */

/* A ramdisk's compression is an mtkfw_compression (compress.h): one enum for the library. */

/* The compression of a ramdisk from its first bytes: NONE for a bare cpio, GZIP, LZ4, LZMA or
 * XZ; -1 when it is none of those. */
MTKFW_API int mtkfw_ramdisk_detect(const uint8_t *buf, size_t len);

struct mtkfw_cpio_entry {
	char *path;     /* as in the archive, without a leading "./" */
	uint32_t mode;  /* type and permission bits */
	uint32_t uid, gid;
	uint64_t mtime;
	uint64_t size;
	uint32_t nlink;
	uint32_t rdevmajor, rdevminor;
	char *link;     /* symlink target, or NULL */
	uint64_t ino;   /* hard links: regular files with nlink > 1 and one ino are one file,
			 * whose data newc stores with the last of them; 0: numbered on build */
	uint32_t devmajor, devminor; /* the device the member came from (c_maj/c_min), 0 from mkbootfs */
};

/* How the archive was written, which a folder cannot hold but a byte-identical rebuild needs. */
struct mtkfw_cpio_form {
	uint32_t ino, mode, uid, gid, nlink, mtime; /* the TRAILER!!! header's fields */
	uint32_t pad_to; /* zeros pad the archive to a multiple of this (mkbootfs 256, GNU cpio 512);
			  * 0 or 4: no padding */
	bool upper_hex;  /* header digits A-F in capitals (GNU cpio) rather than a-f (mkbootfs) */
	bool dot_slash;  /* every name but "." starts with "./" (find . | cpio) */
};

/* A gzip stream zlib makes again byte for byte (deflate at `level`, this header). */
struct mtkfw_gzip_make {
	int level;       /* 1..9; 0: no zlib level reproduces the stream (another compressor made it) */
	uint32_t mtime;  /* header fields kept as read */
	uint8_t xfl, os;
};

struct mtkfw_ramdisk {
	mtkfw_compression comp;
	size_t count;
	struct mtkfw_cpio_entry *entries;
	uint64_t unpacked; /* sum of member sizes */
	struct mtkfw_cpio_form form;
	struct mtkfw_gzip_make gzip; /* comp GZIP, set by list; level 0 on build: level 9 */
};

/* Limits on what a ramdisk may expand to. */
#define MTKFW_RAMDISK_MAX_ENTRIES 100000u
#define MTKFW_RAMDISK_MAX_BYTES (512u << 20)

/* List the members of a ramdisk held in `buf`. */
MTKFW_API int mtkfw_ramdisk_list(struct mtkfw_ramdisk *out, const uint8_t *buf, size_t len);
MTKFW_API void mtkfw_ramdisk_clear(struct mtkfw_ramdisk *rd);
/* The same from a file (read whole, at most 256 MiB); errors name the file. */
MTKFW_API int mtkfw_ramdisk_list_file(struct mtkfw_ramdisk *out, const char *path);

/* Extract into `dir` (which must exist): regular files, folders and symlinks. A member whose
 * path is absolute, has a "..", or lies under a symlink is REFUSED before anything of it is
 * written. Device nodes and fifos are not created (they are listed in the manifest). */
MTKFW_API int mtkfw_ramdisk_extract(const struct mtkfw_ramdisk *rd, const uint8_t *buf, size_t len,
				    const char *dir);

/* Build a newc cpio compressed with `comp` from `rd`'s entries, taking file contents and
 * symlink targets from under `dir`. */
MTKFW_API int mtkfw_ramdisk_build(uint8_t **out, size_t *out_len, const struct mtkfw_ramdisk *rd,
				  const char *dir);

/* ---- unpack / repack of whole files ------------------------------------------------------ */

typedef enum mtkfw_image_kind {
	MTKFW_IMG_UNKNOWN = 0,
	MTKFW_IMG_BOOTIMG,
	MTKFW_IMG_LOGO,
	MTKFW_IMG_MTKHDR,
	MTKFW_IMG_RAMDISK,
} mtkfw_image_kind;
MTKFW_API const char *mtkfw_image_kind_name(mtkfw_image_kind k);
MTKFW_API int mtkfw_image_kind_parse(const char *word); /* -1 for another word */

struct mtkfw_unpack_opts {
	bool force;              /* replace a DIR that exists and is not an empty folder */
	uint16_t width, height;  /* logo: override the inferred resolution */
};

/* What an unpack or repack did, for the CLI to render. */
struct mtkfw_unpack_report {
	mtkfw_image_kind kind;
	char detail[256]; /* one line: "boot image v0, 2 parts, id sha1" */
	uint32_t files;   /* files written */
	/* repack of a boot image: bit (1 << part) for each part whose file came with its own MTK
	 * header, stripped so that the part is wrapped once (see mtkfw_bootimg_part_name) */
	uint32_t mtk_stripped;
};

/* Unpack `file` (boot/recovery image, logo.bin, MTK-header image, ramdisk) into folder `dir`,
 * whole or not at all: built beside `dir` and renamed into place once complete; any failure
 * leaves `dir` as it was. A `dir` that exists and is not empty is refused unless `force`
 * (then replaced once the new one is complete). */
MTKFW_API int mtkfw_unpack(struct mtkfw_unpack_report *rep, const char *file, const char *dir,
			   const struct mtkfw_unpack_opts *opts, mtkfw_ctx *ctx);
/* Rebuild `file` from the folder an unpack wrote (its manifest.json says what). */
MTKFW_API int mtkfw_repack(struct mtkfw_unpack_report *rep, const char *dir, const char *file,
			   mtkfw_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
