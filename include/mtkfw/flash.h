/*
 * mtkfw — flashing a package onto a phone, safely.
 *
 * A flash is a plan first: from a package, what the phone reported (chip, CID, sizes, its own
 * partition table) and the options, mtkfw_flash_plan_build() makes the ordered list of steps
 * (erase, write, PMT) and the pre-flight findings (the same model as `mtkfw check`). The plan
 * can be printed and tested without a phone. mtkfw_flash_run() executes it: an identity backup
 * before the first write, each partition written (sparse images expanded on the fly, DONT_CARE
 * skipped on erased ranges) and read back for a SHA-256 comparison, identity restored and
 * verified after any format, and a journal so an interrupted flash can be resumed.
 */
#ifndef MTKFW_FLASH_H
#define MTKFW_FLASH_H

#include "common.h"
#include "core.h"
#include "check.h"
#include "device.h"
#include "layout.h"
#include "package.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_flash_mode {
	MTKFW_FLASH_DOWNLOAD = 0,   /* the phone's layout must equal the package's */
	MTKFW_FLASH_UPGRADE = 1,    /* the layout may change; identity moved with it */
	MTKFW_FLASH_FORMAT_ALL = 2, /* erase the whole user area first, identity restored */
} mtkfw_flash_mode;

/* "download", "upgrade", "format-all"; parse returns -1 for an unknown word. */
MTKFW_API const char *mtkfw_flash_mode_name(int mode);
MTKFW_API int mtkfw_flash_mode_parse(const char *word);

typedef enum mtkfw_step_kind {
	MTKFW_STEP_ERASE = 0, /* FORMAT a range (format-all: the user area; before sparse images) */
	MTKFW_STEP_WRITE = 1, /* write a file (or a built buffer) and verify it */
	MTKFW_STEP_RESTORE = 2, /* put the identity backup back (at the package's offsets), verified */
} mtkfw_step_kind;

/* "erase", "write", "restore"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_step_kind_name(int kind);
MTKFW_API int mtkfw_step_kind_parse(const char *word);

typedef enum mtkfw_step_state {
	MTKFW_STEP_PENDING = 0,
	MTKFW_STEP_WRITTEN = 1,  /* written, not yet verified */
	MTKFW_STEP_VERIFIED = 2, /* read back and equal (erase: done) */
} mtkfw_step_state;

/* "pending", "written", "verified"; parse returns -1 for an unknown word. */
MTKFW_API const char *mtkfw_step_state_name(int state);
MTKFW_API int mtkfw_step_state_parse(const char *word);

struct mtkfw_flash_step {
	int kind;                         /* mtkfw_step_kind */
	char name[MTKFW_PART_NAME_MAX];   /* partition ("PRELOADER", "PMT", "ALL" for format-all) */
	int area;                         /* mtkfw_area */
	uint64_t offset, length;          /* on the phone, bytes; length a multiple of 512 */
	char *path;                       /* the package file (NULL for erase and built data) */
	uint64_t file_size;
	bool sparse;                      /* an Android sparse image, expanded on the fly */
	bool erased;                      /* the range is erased before: DONT_CARE is skipped */
	bool boot1_wrap;                  /* a raw preloader given EMMC_BOOT/BRLYT headers */
	uint8_t *data;                    /* built bytes (boot1 image, PMT); NULL for files */
	uint64_t data_len;
	uint64_t payload;                 /* bytes actually sent (sparse: RAW + FILL) */
	uint8_t sha256[32];               /* of the written ranges (sparse: RAW + FILL runs), as read back */
	int state;                        /* mtkfw_step_state */
};

/* What the phone reported, for planning. */
struct mtkfw_flash_phone {
	const char *chip;         /* "MT6572", NULL when unknown */
	uint8_t cid[16];
	uint64_t user_size, boot1_size;
	const mtkfw_layout *table; /* the phone's PMT (resolved), or NULL when it has none */
	/* The phone's own lk, kernel and modem (mtkfw_flash_read_phone_parts), for compat's
	 * display, touch, camera and radio rules; NULL when they were not read (those rules then
	 * say "unknown"). */
	const struct mtkfw_profile *parts;
};

struct mtkfw_flash_opts {
	unsigned version; /* 1 */
	int mode;         /* mtkfw_flash_mode */
	const char *only; /* comma list of partitions to write (any case), NULL: every one ticked */
	const char *skip; /* comma list of partitions not to write */
};

/* What changes a refused plan's decision, as data: the front end words it (an option of its
 * own syntax), nothing parses it back. */
typedef enum mtkfw_flash_remedy {
	MTKFW_REMEDY_NONE = 0,         /* nothing is refused */
	MTKFW_REMEDY_SKIP = 1,         /* leave the partitions named out (--skip) */
	MTKFW_REMEDY_SKIP_OR_PORT = 2, /* leave them out, keeping the phone's own lk and kernel, or
					* port the package onto the phone's lk and kernel first */
	MTKFW_REMEDY_MODE_UPGRADE = 3, /* a mode that rewrites the phone's table (--mode upgrade) */
	MTKFW_REMEDY_WRITE_TOO = 4,    /* write the partitions named as well (drop them from --skip) */
	MTKFW_REMEDY_FIX_PACKAGE = 5,  /* no option: the package itself is wrong */
	MTKFW_REMEDY_OTHER_CHIP = 6,   /* no option: the package is for another chip */
	MTKFW_REMEDY_KEEP_SIZES = 7,   /* no option: a layout that keeps the identity partitions' sizes */
	MTKFW_REMEDY_INCLUDE_IDENTITY = 8, /* format, erase: allow the identity partitions named to go */
} mtkfw_flash_remedy;

/* "none", "skip", "skip-or-port", "mode-upgrade", "write-too", "fix-package", "other-chip",
 * "keep-sizes", "include-identity". */
MTKFW_API const char *mtkfw_flash_remedy_name(int remedy);
MTKFW_API int mtkfw_flash_remedy_parse(const char *word); /* -1 for another word */

#define MTKFW_REFUSAL_PARTS 4

/* The first error of the pre-flight, typed: its finding code and what changes it. */
struct mtkfw_flash_refusal {
	char code[32];   /* the finding's code ("display", "preloader-no-emi" ...); "" when none */
	int remedy;      /* mtkfw_flash_remedy */
	char parts[MTKFW_REFUSAL_PARTS][MTKFW_PART_NAME_MAX]; /* the partitions the remedy names */
	size_t part_count;
};

/* What changes the whole decision of a refused plan: every refusal's remedy together, since a
 * flash refused for two reasons needs both (`refusal` is the first alone). */
struct mtkfw_flash_change {
	/* The whole --skip list that lets it through, the user's own names kept ("" for no --skip
	 * at all); NULL when --skip needs no change. */
	char *skip;
	/* Likewise the whole --only list, when partitions that must be written are not in the
	 * user's; NULL otherwise. */
	char *only;
	int mode;    /* the --mode it needs (mtkfw_flash_mode); -1 when any will do */
	bool port;   /* lk and kernel are skipped for their panels: porting the package onto the
		      * phone's own lk and kernel first is the other way */
	int blocked; /* mtkfw_flash_remedy of the first refusal no option changes (fix-package,
		      * other-chip, keep-sizes); MTKFW_REMEDY_NONE when each has an option */
};

typedef struct mtkfw_flash_plan {
	int mode;
	char *package;               /* the package folder (absolute when it could be made so) */
	uint8_t cid[16];
	mtkfw_findings findings;     /* pre-flight: errors refuse the flash */
	/* Why the first error refuses and the option that changes it (remedy NONE when nothing
	 * is refused). */
	struct mtkfw_flash_refusal refusal;
	/* What changes the whole decision: every refusal's remedy together. */
	struct mtkfw_flash_change change;
	bool layout_changed;         /* the package's layout differs from the phone's table */
	struct mtkfw_flash_step *steps;
	size_t count;
	uint64_t total_bytes;        /* payload bytes of all write steps */
} mtkfw_flash_plan;

/*
 * Build the plan. Never touches a phone. Returns 0 with the plan even when its findings
 * refuse the flash (plan->findings.errors > 0); a negative status only for unusable input
 * (no such partition in --only, an image that cannot be read or expanded).
 */
MTKFW_API int mtkfw_flash_plan_build(mtkfw_flash_plan **out, const mtkfw_package *pkg,
				     const struct mtkfw_flash_phone *phone, const struct mtkfw_flash_opts *opts,
				     mtkfw_ctx *ctx);
MTKFW_API void mtkfw_flash_plan_free(mtkfw_flash_plan *plan);

/*
 * Before planning, read what the phone runs where the package would write its lk (UBOOT), its
 * kernel (BOOTIMG) or its system (ANDROID), as `opts` select them: the phone's lk and boot
 * image (both, when either is written), and the modem and build.prop in its system partition's
 * ext4 (read through the DA), located by `where` (the phone's PMT, or the package's layout when
 * it has none), profiled into `out` (lk_lcm, kernel, modem) for mtkfw_flash_phone.parts. Reads
 * nothing when none of them is written. A part that does not parse (erased, foreign) is one of
 * out->problems, not a failure; only the phone failing is.
 */
MTKFW_API int mtkfw_flash_read_phone_parts(struct mtkfw_profile *out, mtkfw_device *dev, const mtkfw_package *pkg,
					   const struct mtkfw_flash_opts *opts, const mtkfw_layout *where,
					   mtkfw_ctx *ctx);

/* ---- the journal ---------------------------------------------------------------------- */

/* A phone's journal in folder DIR: DIR/<CID>.json (malloc'd); DIR is the front end's journal
 * folder (mtkfw_defaults: $XDG_STATE_HOME/mtkfw/journal). */
MTKFW_API int mtkfw_flash_journal_path(char **out, const char *dir, const uint8_t cid[16]);
/* Write the plan's state (atomically): package, CID, mode, backup folder, steps with their
 * SHA-256 and state. */
MTKFW_API int mtkfw_flash_journal_save(const mtkfw_flash_plan *plan, const char *backup_dir, const char *path);
/*
 * Take over the states of a journal into `plan`: refused (MISMATCH) when the journal is for
 * another package, phone, mode or differs in any step; `*backup_dir` gets the backup folder it
 * names (malloc'd). NOTFOUND when there is no journal.
 */
MTKFW_API int mtkfw_flash_journal_apply(mtkfw_flash_plan *plan, const char *path, char **backup_dir);

/* ---- running it ----------------------------------------------------------------------- */

/* Device operations the flash needs beyond read/write (lib/device/da_format.c). */
/* FORMAT `len` bytes at `offset` of an area (multiples of 512; needs DA2). The first, middle
 * and last sectors are read before and after: MTKFW_ERR_READONLY when those that held data
 * are unchanged (a worn eMMC that ACKs and keeps nothing). */
MTKFW_API int mtkfw_device_erase(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, mtkfw_ctx *ctx);
/* The same for a partition: its progress stage is "erase NAME" rather than "erase AREA". An
 * erase moves no data over USB, so its progress says how far, not how fast. */
MTKFW_API int mtkfw_device_erase_named(mtkfw_device *dev, const char *name, mtkfw_area area, uint64_t offset,
				       uint64_t len, mtkfw_ctx *ctx);
/* End the session with a normal reboot of the phone (DA FINISH, mode 0), close and free. */
MTKFW_API int mtkfw_device_reboot(mtkfw_device *dev);

/* The identity items a format destroys and a flash restores. */
#define MTKFW_IDENTITY_ITEMS "NVRAM,PRO_INFO,PROTECT_F,PROTECT_S,SECCFG"
/* The partition is one of the identity partitions (any case). */
MTKFW_API bool mtkfw_is_identity_partition(const char *name);

struct mtkfw_flash_run_opts {
	unsigned version;        /* 1 */
	const char *journal;     /* journal path (required) */
	const char *backup_dir;  /* where the identity backup goes (required, unless resuming
				  * with a backup named by the journal) */
	const mtkfw_layout *phone_layout; /* where the identity is now (NULL: the phone's PMT) */
	const mtkfw_layout *package_layout; /* where it goes after a format (resolved; NULL: where it was) */
	/* Called before each step still to do, and after each with its final state (for one line
	 * per partition). */
	void (*step_start)(const struct mtkfw_flash_step *step, void *user);
	void (*step_done)(const struct mtkfw_flash_step *step, void *user);
	void *user;
};

/*
 * Execute a plan whose findings have no errors (REFUSED otherwise, before any I/O): identity
 * backup (unless the journal's backup exists) → steps not yet verified, each verified by a
 * read-back SHA-256 → identity restored and verified when anything was erased. The journal is
 * saved after every step; it is removed when everything is verified. A range that reads back
 * wrong is read again and rewritten once at most: MTKFW_ERR_READONLY when it still holds its
 * old data (the flash stops there), MTKFW_ERR_MISMATCH when read-backs disagree.
 */
MTKFW_API int mtkfw_flash_run(mtkfw_device *dev, mtkfw_flash_plan *plan, const struct mtkfw_flash_run_opts *opts,
			      mtkfw_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
