/* Inside lib/catalog: what one folder holds, for the add job (scan.c). */
#ifndef MTKFW_CATALOG_SCAN_H
#define MTKFW_CATALOG_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A folder with more entries than this is not walked (a hostile or runaway tree); deeper
 * folders and more of them are left out. */
#define SCAN_DIR_MAX 100000
#define SCAN_DEPTH_MAX 32
#define SCAN_DIRS_MAX 1000000

/* What a file is to the library, in an order mtkfwi_scan_shape relies on (the parts run from
 * SCAN_PRELOADER to SCAN_PART). */
enum scan_kind {
	SCAN_NONE = 0,   /* nothing a fingerprint reads */
	SCAN_UNREADABLE, /* could not be opened or read */
	SCAN_ARCHIVE,    /* .zip, .7z, .rar, .tar* */
	SCAN_CHECKSUM,   /* Checksum.ini */
	SCAN_MARKER,     /* cid, device.json, manifest.txt, cmdline, boot1.img, user.img: a phone's */
	SCAN_SCATTER,
	SCAN_PRELOADER,  /* a preloader, a boot1 dump or a bare EMI table */
	SCAN_LK,
	SCAN_LOGO,
	SCAN_KERNEL,     /* a boot image */
	SCAN_ZIMAGE,     /* a kernel alone (zImage, with or without its MTK header) */
	SCAN_BUILD,      /* build.prop */
	SCAN_SYSTEM,     /* an ext4 image, raw or sparse */
	SCAN_MODEM,      /* a modem image (ARM vectors at 0, its identity trailer at the end) */
	SCAN_PART,       /* recovery, MBR/EBR: read with the others, not an entry alone */
	SCAN_KIND_COUNT
};

struct scan_entry {
	char *name;
	char *path;
	bool is_dir;
	uint64_t size;
	int64_t mtime_ns;
	int kind; /* scan_kind, after mtkfwi_scan_classify */
};

struct scan_dir {
	struct scan_entry *items; /* by name */
	size_t count;
};

/* One level of `dir`: regular files and folders (linked folders are not followed; names
 * starting with '.' are skipped). */
int mtkfwi_scan_list(struct scan_dir *out, const char *dir);
void mtkfwi_scan_dir_free(struct scan_dir *d);

/* `root` and every folder under it, depth first in name order (malloc'd strings; the caller
 * frees them and the array, also on failure). */
int mtkfwi_scan_collect(char ***dirs, size_t *n, const char *root);

/* Read each file's head and say what it is. A file that cannot be read is SCAN_UNREADABLE
 * and the first such error is returned in *unreadable (malloc'd); only NOMEM fails. */
int mtkfwi_scan_classify(struct scan_dir *d, char **unreadable);
/* The same for one file's name and head (archive members). */
int mtkfwi_scan_classify_head(const char *name, const uint8_t *head, size_t n);
bool mtkfwi_scan_archive_name(const char *name);

enum mtkfwi_scan_shape {
	SCAN_SHAPE_NONE = 0,     /* nothing for the library */
	SCAN_SHAPE_PACKAGE,      /* one scatter: the folder is the package */
	SCAN_SHAPE_PACKAGES,     /* several scatters: a package per scatter, the folder's files shared */
	SCAN_SHAPE_FOLDER,       /* parts of one phone or firmware: the folder is one entry */
	SCAN_SHAPE_LOOSE,        /* parts side by side: each is its own entry */
};
int mtkfwi_scan_shape(const struct scan_dir *d);
/* The kinds that become an entry of their own in a folder of loose parts. */
bool mtkfwi_scan_loose_part(int kind);

#endif
