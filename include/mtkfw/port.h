/*
 * mtkfw — porting: a sister board's firmware (the base) made to fit this phone, the fix
 * technicians apply by hand to "universal" firmware, done as one checked step.
 *
 * The base gives the Android system; the phone keeps what belongs to its board: its layout (the
 * package's scatter is the phone's: no PMT change, no Format All), preloader, lk, logo, recovery,
 * secro, its kernel (the boot image's ramdisk chosen by Android version), and in the system
 * image its modem with the mddb databases and its kernel modules. What is kept is data, the
 * keep-list (data/port-keep.txt, overridable).
 *
 * A port is a plan first: mtkfw_port_plan_build() reads both sides and decides, for every
 * partition and every system path, where it comes from and why; it writes nothing, so a dry run
 * and the tests need nothing else. mtkfw_port_build() executes a plan into a folder (whole or
 * not at all), and mtkfw_port_prove() checks the result with the rules of `check` and `compat`.
 */
#ifndef MTKFW_PORT_H
#define MTKFW_PORT_H

#include "common.h"
#include "check.h"
#include "compat.h"
#include "core.h"
#include "firmware.h"
#include "layout.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the keep-list (lib/port/keep.c) --------------------------------------------------------- */

typedef enum mtkfw_keep_kind {
	MTKFW_KEEP_PARTITION = 0, /* "PRELOADER": the phone's partition goes into the package */
	MTKFW_KEEP_PATH = 1,      /* "/lib/modules": in the system image, the phone's replaces the base's */
	MTKFW_KEEP_RAMDISK = 2,   /* "ramdisk:fstab.*": a board file of the boot ramdisk */
} mtkfw_keep_kind;

struct mtkfw_keep_entry {
	int kind;    /* mtkfw_keep_kind */
	char *name;  /* the partition, the path, or the ramdisk file's name (without "ramdisk:") */
	char *why;   /* the reason the list gives; "" when none */
	int line;    /* its line in the list; 0 when it came from the command line */
	bool strict; /* named by the user (--keep, --list): the phone must have it */
};

typedef struct mtkfw_keep_list {
	struct mtkfw_keep_entry *items;
	size_t count;
} mtkfw_keep_list;

#define MTKFW_KEEP_MAX 1024             /* entries in one list */
#define MTKFW_KEEP_TEXT_MAX (1u << 20)  /* bytes of a list file */
#define MTKFW_KEEP_NAME_MAX 1024        /* bytes of one entry */

/*
 * Parse a keep-list: one entry a line, then blanks and the reason; '#' lines and empty lines
 * skipped (data/port-keep.txt says the form). An entry is a partition name ([A-Za-z0-9_]), an
 * absolute path without ".", ".." or empty steps ('*' and '?' only in its last name), or
 * "ramdisk:NAME" (a file at the ramdisk's root; '*', '?' and "${board}" allowed). A malformed
 * line or an entry listed twice is MTKFW_ERR_FORMAT naming `name` and the line. `strict` marks
 * every entry (the phone must have it).
 */
MTKFW_API int mtkfw_keep_parse(mtkfw_keep_list *out, const char *text, size_t len, const char *name, bool strict);
/* A list file (--list FILE): strict entries. */
MTKFW_API int mtkfw_keep_load(mtkfw_keep_list *out, const char *path);
/* The default list for MT6572-era ports (data/port-keep.txt, built into the library). */
MTKFW_API int mtkfw_keep_default(mtkfw_keep_list *out);
/* The list as text ("ENTRY\tWHY" lines) that parses back to the same entries. */
MTKFW_API int mtkfw_keep_write(char **out, size_t *len, const mtkfw_keep_list *list);
/* Add one entry written as on a command line (--keep); it is strict. One already there becomes
 * strict. A malformed entry is MTKFW_ERR_INVALID. */
MTKFW_API int mtkfw_keep_add(mtkfw_keep_list *list, const char *entry, const char *why);
/* Take one entry out (--take): the base's goes in instead. MTKFW_ERR_NOTFOUND when the list
 * has no such entry (partition names match ignoring case; a trailing '/' of a path is ignored). */
MTKFW_API int mtkfw_keep_take(mtkfw_keep_list *list, const char *entry);
/* Free the entries (the struct itself is the caller's) and zero it. */
MTKFW_API void mtkfw_keep_list_clear(mtkfw_keep_list *list);
/* "partition", "path", "ramdisk"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_keep_kind_name(int kind);
MTKFW_API int mtkfw_keep_kind_parse(const char *word);

/* ---- the plan (lib/port/port_plan.c) --------------------------------------------------------- */

typedef enum mtkfw_port_source {
	MTKFW_PORT_NONE = 0,  /* a partition not downloaded; a system path removed */
	MTKFW_PORT_PHONE = 1, /* taken from the phone */
	MTKFW_PORT_BASE = 2,  /* taken from the base firmware */
	MTKFW_PORT_BUILT = 3, /* made by the port out of both */
} mtkfw_port_source;

/* Where a port's system paths not listed come from, as the plan's last line says it. */
#define MTKFW_PORT_REST_REASON "everything not listed: the base's system"

/* "none", "phone", "base", "built"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_port_source_name(int source);
MTKFW_API int mtkfw_port_source_parse(const char *word);

/* Where bytes are read: `length` bytes at `offset` of file `path` (a partition inside a full
 * dump, a preloader inside a boot1 dump, or a whole file). */
struct mtkfw_port_from {
	char *path;
	uint64_t offset;
	uint64_t length;
};

struct mtkfw_port_part {
	char *name;                  /* the partition, as the phone's layout names it */
	int source;                  /* mtkfw_port_source */
	char *file;                  /* its file in the package; NULL when not downloaded */
	char *reason;                /* one line: why */
	struct mtkfw_port_from from; /* PHONE and BASE: what is copied (path NULL otherwise) */
};

struct mtkfw_port_path {
	char *path;        /* in the system image */
	int source;        /* MTKFW_PORT_PHONE (the phone's goes in) or MTKFW_PORT_NONE (removed) */
	char *reason;
	bool in_base;      /* the base has it: removed first */
	uint64_t bytes;    /* what the phone's takes on disk (0 when removed) */
};

/* The boot image: the phone's kernel always; the ramdisk by Android version. */
struct mtkfw_port_boot {
	int source;                   /* PHONE (its boot image as it is), BUILT, BASE (--take BOOTIMG) */
	int ramdisk;                  /* MTKFW_PORT_PHONE or MTKFW_PORT_BASE */
	char *phone_android;          /* ro.build.version.release of each system; NULL when unknown */
	char *base_android;
	char *board;                  /* what ${board} stood for (mt6572) */
	struct mtkfw_names board_files; /* the phone's ramdisk files put into the base's ramdisk */
	struct mtkfw_names dropped;     /* board files of the base's ramdisk the phone has not */
	struct mtkfw_port_from phone;   /* the phone's boot image, trimmed to its own length */
	struct mtkfw_port_from base;    /* the base's (path NULL when it has none) */
};

/* The system image: the base's file system with the phone's board files. */
struct mtkfw_port_system {
	int source;                   /* BUILT, or BASE when no path changes */
	struct mtkfw_port_from base;  /* the base's image (raw or sparse) */
	struct mtkfw_port_from phone; /* the phone's system (a file, or a partition of a dump) */
	uint32_t block_size;
	uint64_t fs_bytes;            /* the base's file system: blocks × block size */
	uint64_t partition;           /* the phone's ANDROID partition */
	uint64_t free_bytes;          /* free in the base's file system */
	uint64_t freed_bytes;         /* what the removed base paths took */
	uint64_t need_bytes;          /* what the phone's paths take */
	struct mtkfw_port_path *paths;
	size_t count;
};

typedef struct mtkfw_port_plan {
	char *base, *phone;         /* as given */
	char *layout_from;          /* one line: which of the phone's tables the layout is */
	mtkfw_layout *layout;       /* the package's scatter: the phone's layout, with the port's
				     * files; partitions not downloaded have no file */
	char *scatter_name;         /* "MT6572_Android_scatter.txt" */
	struct mtkfw_port_part *parts; /* one per partition of the layout, in its order */
	size_t count;
	struct mtkfw_port_boot boot;
	struct mtkfw_port_system system;
} mtkfw_port_plan;

struct mtkfw_port_opts {
	unsigned version;           /* 1 */
	const mtkfw_keep_list *keep; /* NULL: the default list */
	/* How the plan names each side (an archive, a library entry, a phone on the cable whose
	 * partitions were read into a temporary folder); NULL: the paths given. */
	const char *base_name, *phone_name;
};

/*
 * Whether a port reads the base's file for `partition` (`keep` a mtkfw_keep_list; NULL: the
 * default list): not for what the phone keeps (its preloader, lk, logo...), nor identity
 * partitions and partition tables; the boot image always (its ramdisk may be the one taken).
 * The form of mtkfw_catalog_unpack_opts.want: a base taken out of an archive holds no more.
 */
MTKFW_API bool mtkfw_port_base_wants(const char *partition, void *keep);

/*
 * Plan a port of firmware `base` (a package folder or its scatter) onto `phone` (a readback or
 * backup folder as mtkfw writes them, a disk folder of the virtual phone, or the phone's own
 * stock package). Reads both sides, writes nothing. Fails, with one message, when the port
 * cannot be made safely: no layout of the phone (NOTFOUND), no readable boot image of the phone
 * (NOTFOUND or FORMAT), a strict keep-list entry the phone has not (NOTFOUND), an identity or
 * layout partition named in the keep-list (INVALID), a base system whose file system is larger
 * than the phone's ANDROID partition or cannot hold the phone's files (REFUSED, with the
 * numbers; shrinking a file system is not done).
 */
MTKFW_API int mtkfw_port_plan_build(mtkfw_port_plan **out, const char *base, const char *phone,
				    const struct mtkfw_port_opts *opts, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_port_plan_free(mtkfw_port_plan *plan);

/* ---- building it (lib/port/port_build.c) ----------------------------------------------------- */

struct mtkfw_port_build_opts {
	unsigned version; /* 1 */
	bool force;       /* replace an OUT that exists and is not an empty folder */
};

/*
 * Write the package `plan` describes into folder `out`: every file, the scatter and a fresh
 * Checksum.ini, made in a temporary folder beside `out` and renamed into place at the end, so
 * `out` holds the whole package or nothing. A non-empty `out` is REFUSED (before anything is
 * read) unless `force`. Progress stages name the partition being made.
 */
MTKFW_API int mtkfw_port_build(const mtkfw_port_plan *plan, const char *out, const struct mtkfw_port_build_opts *opts,
			       mtkfw_ctx *ctx);

/* ---- the proof (lib/port/port_proof.c) ------------------------------------------------------- */

/* The compat rows a port must leave ok. */
#define MTKFW_PORT_PROOF_ROWS "dram,display,touch,camera,radio,layout,identity"

struct mtkfw_port_proof {
	mtkfw_findings check;       /* `mtkfw check` of the package */
	struct mtkfw_compat compat; /* `mtkfw compat PACKAGE PHONE` */
	const char *failed[16];     /* the rows of MTKFW_PORT_PROOF_ROWS that are not ok (static) */
	size_t failed_count;
	bool ok;                    /* no check error, and every one of those rows ok */
};

/* Check package `pkg` and compare it with `phone`. Returns 0 with the verdict in `out` (ok or
 * not); a negative status only when one side cannot be read. */
MTKFW_API int mtkfw_port_prove(struct mtkfw_port_proof *out, const char *pkg, const char *phone, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_port_proof_clear(struct mtkfw_port_proof *proof);

#ifdef __cplusplus
}
#endif
#endif
