/* Inside lib/port: the two sides of a port while it is planned, and the helpers its files share. */
#ifndef MTKFW_PORT_INTERNAL_H
#define MTKFW_PORT_INTERNAL_H

#include <mtkfw/compat.h>
#include <mtkfw/ext4.h>
#include <mtkfw/package.h>
#include <mtkfw/port.h>

/* Boot images, lk, logo and preloaders are read whole while planning and building; nothing of
 * these kinds is bigger. */
#define PORT_IMAGE_MAX (64u << 20)

/* What planning reads once and every step looks at. */
struct port_sides {
	const char *base_path, *phone_path;
	mtkfw_package *base;        /* the base firmware */
	struct mtkfw_target phone;  /* the phone as compat sees it (profile, table, CID) */
	char *phone_dir;            /* the folder holding the phone's files */
	mtkfw_package *phone_pkg;   /* that folder as a package, when it has a scatter */
	char *dump;                 /* a full user-area dump in it (MBR at 0), or NULL */
	uint64_t dump_size;
	char *boot1;                /* a boot1 dump in it (the preloader inside), or NULL */
	mtkfw_layout *layout;       /* the phone's layout, decoded (own copy) */
	char *layout_from;
	const mtkfw_keep_list *keep;
	mtkfw_ctx *ctx;
};

/* lib/port/port_phone.c: the phone's folder, layout and partitions. */
/* The folder of a phone given as a folder or as the scatter of its stock package. */
int mtkfwi_port_phone_dir(const char *phone, char **dir);
int mtkfwi_port_phone_open(struct port_sides *s);
/* Where the phone's partition `name` is, trimmed to the image inside it: NOTFOUND when the
 * phone has no copy of it, FORMAT when what is there is not a `name` (an erased partition). */
int mtkfwi_port_phone_part(struct port_sides *s, const char *name, struct mtkfw_port_from *out);
void mtkfwi_port_sides_free(struct port_sides *s);

/* lib/port/port_from.c: byte ranges. */
/* The head of a range (at most `n` bytes; *got says how many). */
int mtkfwi_port_from_head(const struct mtkfw_port_from *f, uint8_t *buf, size_t n, size_t *got);
/* The whole range in memory (at most `max` bytes, else LIMIT). */
int mtkfwi_port_from_read(const struct mtkfw_port_from *f, size_t max, uint8_t **out, size_t *len);
/* Copy the range to file `out` (atomically), with progress under `stage`. */
int mtkfwi_port_from_copy(const struct mtkfw_port_from *f, const char *out, const char *stage, mtkfw_ctx *ctx);
/* Shorten a range to the image it holds (a boot image's pages, an MTK-header image, a file
 * system, a preloader inside a boot1 dump, one MBR/EBR sector); `kind` gets the sniffed kind. */
int mtkfwi_port_from_trim(struct mtkfw_port_from *f, int *kind);
int mtkfwi_port_from_set(struct mtkfw_port_from *f, const char *path, uint64_t offset, uint64_t length);
void mtkfwi_port_from_clear(struct mtkfw_port_from *f);

/* lib/port/port_system.c: the system paths of the plan, and the image built from them. */
int mtkfwi_port_system_plan(struct port_sides *s, mtkfw_port_plan *plan);
int mtkfwi_port_system_build(const mtkfw_port_plan *plan, const char *scratch, const char *out, mtkfw_ctx *ctx);

/* lib/port/port_boot.c: the boot image decision, and the image built from it. */
int mtkfwi_port_boot_plan(struct port_sides *s, mtkfw_port_plan *plan, bool keep_kernel);
int mtkfwi_port_boot_build(const mtkfw_port_plan *plan, const char *scratch, const char *out, mtkfw_ctx *ctx);

/* The ramdisk payload of a boot image held in `buf` (after its MTK header, when it has one). */
int mtkfwi_port_ramdisk_of(const uint8_t *buf, size_t len, const char *name, const uint8_t **rd, size_t *rd_len);

/* lib/port/port_names.c */
int mtkfwi_port_names_add(struct mtkfw_names *n, const char *s);
bool mtkfwi_port_names_have(const struct mtkfw_names *n, const char *s);

/* ro.build.version.release of a system image (malloc'd), NULL when it cannot be told. */
char *mtkfwi_port_android_version(mtkfw_ext4 *fs);

#endif
