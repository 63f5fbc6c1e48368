/*
 * mtkfw — whole jobs as library calls: what `mtkfw device ...`, `check`, `profile` and `compat`
 * do, each one call with an explicit options struct. A job reports through the context as it
 * goes (progress; events: the phone awaited and found, the plan, each step started and
 * finished, each finding, notes) and ends in one outcome struct, which every front end renders
 * (the CLI as text, and as JSON through mtkfw/json.h, as the web UI does). A front end parses
 * its own syntax into the options, calls one job and renders: it holds no job logic.
 *
 * The library reads no environment: the folders a job uses (backups, journals, preloaders) come
 * in the options; mtkfw/frontend.h gives the usual ones.
 */
#ifndef MTKFW_JOBS_H
#define MTKFW_JOBS_H

#include "common.h"
#include "core.h"
#include "catalog.h"
#include "check.h"
#include "compat.h"
#include "device.h"
#include "flash.h"
#include "port.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mtkfw_job {
	MTKFW_JOB_DETECT = 0,   /* the BROM stage only: chip, mode, security */
	MTKFW_JOB_INFO = 1,     /* through DA2: the eMMC, its sizes, RAM */
	MTKFW_JOB_READBACK = 2, /* a range into a file, partitions or everything into a folder */
	MTKFW_JOB_BACKUP = 3,   /* the phone's identity into a folder */
	MTKFW_JOB_RESTORE = 4,  /* a backup written back to its phone */
	MTKFW_JOB_FLASH = 5,    /* a package onto the phone, after its pre-flight */
	MTKFW_JOB_FORMAT = 6,   /* the user area or named partitions erased, after a backup */
	MTKFW_JOB_ERASE = 7,    /* one partition erased, after a backup */
	MTKFW_JOB_REBOOT = 8,   /* the session ended with a normal boot */
	MTKFW_JOB_CHECK = 9,    /* a package checked before a flash */
	MTKFW_JOB_PROFILE = 10, /* a firmware or a phone's readback fingerprinted */
	MTKFW_JOB_COMPAT = 11,  /* a firmware against a phone: a verdict per risk */
	MTKFW_JOB_PORT = 12,    /* a sister board's firmware made to fit a phone, built and proven */
	/* The firmware library (mtkfw/catalog.h): `mtkfw library SUBCOMMAND`. */
	MTKFW_JOB_LIBRARY_ADD = 13,    /* packages found under paths, fingerprinted and stored */
	MTKFW_JOB_LIBRARY_SEARCH = 14, /* every package, or those matching words */
	MTKFW_JOB_LIBRARY_SHOW = 15,   /* one package, with its fingerprint read */
	MTKFW_JOB_LIBRARY_FORGET = 16, /* one package removed */
	MTKFW_JOB_LIBRARY_CHECK = 17,  /* the library compared with the disk */
	MTKFW_JOB_LIBRARY_MATCH = 18,  /* the packages ranked for a phone (read, or on the cable) */
	MTKFW_JOB_LIBRARY_LABEL = 19,  /* a board label attached to a package */
	MTKFW_JOB_LIBRARY_REPORT = 20, /* a flash outcome recorded for a package */
	MTKFW_JOB_LIBRARY_EXPORT = 21, /* the library written as JSON lines */
	MTKFW_JOB_LIBRARY_IMPORT = 22, /* such a file read in */
} mtkfw_job;

/* "detect", "info", "readback", "backup", "restore", "flash", "format", "erase", "reboot",
 * "check", "profile", "compat", "port", "library-add", "library-search", "library-show",
 * "library-forget", "library-check", "library-match", "library-label", "library-report",
 * "library-export", "library-import"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_job_name(int job);
MTKFW_API int mtkfw_job_parse(const char *word);

typedef enum mtkfw_job_result {
	MTKFW_RESULT_NONE = 0,      /* stopped before its work (an unusable input, no phone): see status */
	MTKFW_RESULT_DONE = 1,      /* detect, info, readback, backup, reboot, check, profile, compat */
	MTKFW_RESULT_FLASHED = 2,   /* every written range read back equal */
	MTKFW_RESULT_FORMATTED = 3, /* the user area erased (and the identity put back) */
	MTKFW_RESULT_ERASED = 4,    /* the named partitions erased */
	MTKFW_RESULT_RESTORED = 5,  /* the backup written back and read back equal */
	MTKFW_RESULT_REFUSED = 6,   /* the pre-flight refused: nothing written (plan->refusal says why) */
	MTKFW_RESULT_DRY_RUN = 7,   /* the plan only, as asked */
	MTKFW_RESULT_FAILED = 8,    /* failed part way: fault, backup and identity say what is left */
	MTKFW_RESULT_INTERRUPTED = 9, /* cancelled (the context's flag) between two packets of a write:
				       * the same job again finishes it (a flash with `resume`) */
} mtkfw_job_result;

/* "none", "done", "flashed", "formatted", "erased", "restored", "refused", "dry-run", "failed",
 * "interrupted"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_job_result_name(int result);
MTKFW_API int mtkfw_job_result_parse(const char *word);

/* A list of partition names (any case), as an array: names with commas are not split. */
struct mtkfw_name_list {
	const char *const *names;
	size_t count;
};

/*
 * How a job reaches the phone, and what it loads before the phone appears: a live preloader
 * port lives a second or two, so every file is read (and a bad one refused) first.
 */
struct mtkfw_connect_opts {
	const char *port;       /* the serial port; NULL: wait for a MediaTek port (`ports`) */
	unsigned wait_ms;       /* how long to wait for it (0: 60 s) */
	unsigned reenum_wait_ms; /* after a switch to USB high speed, how long the port may take to
				  * come back (0: the session's default) */
	struct mtkfw_port_search ports; /* where ports are looked for (zero: /sys and /dev) */
	const char *replay;     /* play a recorded trace instead of talking to a port */
	const char *record;     /* record the session's traffic into this file */
	const char *fault;      /* inject faults (mtkfw_transport_fault's SPEC) */
	/* The download agent. NULL: the package folder's MTK_AllInOne_DA*.bin, else the job fails
	 * (NOTFOUND) before any port is touched. */
	const char *da_file;
	/* Where the EMI (DRAM set-up) table comes from in BROM mode: this phone's preloader or boot1
	 * dump; else the package folder's preloader; else the preloaders in `preloader_dirs`,
	 * searched by the eMMC id the DA reports. */
	const char *preloader;
	const char *package_dir; /* a firmware package folder (its preloader and DA), or NULL */
	struct mtkfw_name_list preloader_dirs;
	/* The firmware library (mtkfw/catalog.h) searched last for a preloader whose EMI table
	 * lists the phone's eMMC; NULL, or a file that does not exist: none. */
	const char *catalog;
	/* MTKFW_USB_FULL or MTKFW_USB_HIGH; 0 (MTKFW_USB_KEEP): the job's own choice: high speed for
	 * the jobs that move the eMMC's bulk (readback, backup, restore, flash, format), the
	 * phone's speed kept for the others. */
	int usb_speed;
	/* The caller's runtime folder for port lock files (one mtkfw per port: see
	 * mtkfw_transport_open_tty_ext); NULL: the tty's own lock only. */
	const char *lock_dir;
};

/* One range a format or an erase wiped. */
struct mtkfw_erased_range {
	char name[MTKFW_PART_NAME_MAX]; /* the partition; "ALL" for the user area */
	int area;                       /* mtkfw_area */
	uint64_t offset, length;
};

/*
 * How a job ended, and everything it learnt on the way: what the CLI renders and the JSON of
 * mtkfw/json.h writes. Members a job does not reach stay zero/NULL. Read-only for callers;
 * empty it with mtkfw_job_outcome_clear().
 */
struct mtkfw_job_outcome {
	int job;         /* mtkfw_job */
	int result;      /* mtkfw_job_result */
	int status;      /* what the job returned: 0 or a negative mtkfw_status */
	char *message;   /* its message (malloc'd), NULL when status is 0 */

	/* No DA was named and the package folder has none: the front end says where one goes. */
	bool da_missing;

	/* The phone. */
	bool connected;                  /* a session was opened: `device` holds what it learnt */
	struct mtkfw_device_info device; /* up to device.stage */
	char *port;                      /* the port at the end (it moves after a USB switch); NULL replaying */

	/* Refused (MTKFW_RESULT_REFUSED): the rule's code and what changes the decision, as data
	 * (the front end words it in its own syntax). Flash: the plan's refusal. */
	struct mtkfw_flash_refusal refusal;

	/* flash */
	mtkfw_flash_plan *plan;          /* the plan and its pre-flight */
	char *journal;                   /* the journal used */
	bool resumed;                    /* states taken over from the journal */

	/* What a write left: flash, format, erase, restore. */
	char *backup_dir;                /* the identity backup taken first (restore: the one restored) */
	struct mtkfw_backup *backup;     /* that backup as saved (its trees too); NULL when none */
	struct mtkfw_write_outcome fault; /* a range the eMMC did not keep (kind MTKFW_WRITE_KEPT: none) */
	bool identity_checked;           /* the identity was read back after the write */
	bool identity_unproven;          /* the writes were complete, reading the identity back failed */
	bool user_area_erasing;          /* format of all: the erase of the user area began */
	struct mtkfw_identity_proof identity;
	struct mtkfw_erased_range *erased; /* format, erase: what was wiped, in order */
	size_t erased_count;
	bool identity_restored;          /* format of all: the identity written back and verified */
	struct mtkfw_name_list restored;     /* restore: the items written back (names owned here) */

	/* readback */
	struct mtkfw_backup *files;      /* partitions, backup: the files written, with their SHA-256 */
	uint8_t sha256[32];              /* range: of the bytes read */
	char *scatter;                   /* all: the phone's PMT written as a scatter; NULL when it has none */
	char *device_json;               /* all: the phone's fingerprint written beside (device.json) */

	/* check */
	mtkfw_findings findings;
	/* profile (and compat's two sides) */
	struct mtkfw_target target;
	bool has_target;
	/* compat */
	struct mtkfw_target firmware;
	bool has_firmware;
	struct mtkfw_compat compat;
	bool has_compat;
	/* port */
	mtkfw_port_plan *port_plan;       /* what comes from where, and why */
	char *port_out;                   /* the package written; NULL for a dry run */
	struct mtkfw_port_proof port_proof; /* check and compat of the package built */
	bool has_port_proof;              /* built (not a dry run) and proven or not */
	/* library (each filled by its own job; show and match also fill `target`: the package's
	 * fingerprint as read back, the phone as the ranking read it) */
	struct mtkfw_catalog_add_report library_add;
	struct mtkfw_catalog_list library_list;       /* search */
	struct mtkfw_catalog_package library_package; /* show; label, report: after the write */
	struct mtkfw_catalog_check library_check;
	struct mtkfw_catalog_match library_match;
	char *match_input;                /* match: the target's path; NULL for the phone on the cable */
	size_t library_exported;          /* export: packages written */
	struct mtkfw_catalog_import_report library_import;
};

/* Empty an outcome a job filled (the struct itself is the caller's). */
MTKFW_API void mtkfw_job_outcome_clear(struct mtkfw_job_outcome *o);

/* ---- phone jobs ----------------------------------------------------------------------- */

/*
 * Each fills `out` (cleared first) as far as it gets and returns 0 or the status it ended with
 * (the message in mtkfw_error_last() and out->message). A job that cannot start (a missing DA,
 * a bad scatter) touches no port. Events go through `ctx` (MTKFW_EVENT_*); returning non-zero
 * from the event or progress callback cancels at the next safe point.
 */

struct mtkfw_info_job {
	unsigned version; /* 1 */
	struct mtkfw_connect_opts connect;
};
/* detect: the BROM stage only (no DA). info: through DA2 (the DA is needed); in BROM mode with
 * no EMI table for the phone's eMMC, NOTFOUND with everything up to the eMMC id in out->device. */
MTKFW_API int mtkfw_job_detect(struct mtkfw_job_outcome *out, const struct mtkfw_info_job *opts, mtkfw_ctx *ctx);
MTKFW_API int mtkfw_job_info(struct mtkfw_job_outcome *out, const struct mtkfw_info_job *opts, mtkfw_ctx *ctx);
/* End the session with a normal boot of the phone. */
MTKFW_API int mtkfw_job_reboot(struct mtkfw_job_outcome *out, const struct mtkfw_info_job *opts, mtkfw_ctx *ctx);

typedef enum mtkfw_readback_kind {
	MTKFW_READBACK_RANGE = 0,      /* `length` bytes at `offset` of `area` into file `out` */
	MTKFW_READBACK_PARTITIONS = 1, /* `partitions` into folder `out` ("all": every one with a size) */
	MTKFW_READBACK_ALL = 2,        /* boot1 and the user area into folder `out`, with the phone's
					* fingerprint (device.json) and its PMT as a scatter */
	MTKFW_READBACK_MATCH = 3,      /* what a firmware match needs into folder `out`, laid out like
					* a readback: device.json, boot1, the PMT region, lk, boot,
					* logo, and the system's build.prop and modem (read in place) */
} mtkfw_readback_kind;

/* "range", "partitions", "all", "match"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_readback_kind_name(int kind);
MTKFW_API int mtkfw_readback_kind_parse(const char *word);

struct mtkfw_readback_job {
	unsigned version; /* 1 */
	struct mtkfw_connect_opts connect;
	int kind;         /* mtkfw_readback_kind */
	const char *out;
	int area;         /* RANGE: mtkfw_area (user or boot1) */
	uint64_t offset, length;
	struct mtkfw_name_list partitions; /* PARTITIONS */
	const char *scatter; /* PARTITIONS: this phone's scatter instead of its PMT */
	bool force;          /* RANGE: replace an `out` that exists (else REFUSED before the phone is touched) */
};
MTKFW_API int mtkfw_job_readback(struct mtkfw_job_outcome *out, const struct mtkfw_readback_job *opts,
				 mtkfw_ctx *ctx);

struct mtkfw_backup_job {
	unsigned version; /* 1 */
	struct mtkfw_connect_opts connect;
	const char *dir;         /* the backup folder; NULL: a new one in `backups_dir` */
	const char *backups_dir; /* ROOT of new backup folders: ROOT/<CID>/<UTC time> */
	const char *scatter;     /* this phone's scatter instead of its PMT */
	bool data_nvram;         /* also USRDATA's /data/nvram tree */
};
MTKFW_API int mtkfw_job_backup(struct mtkfw_job_outcome *out, const struct mtkfw_backup_job *opts, mtkfw_ctx *ctx);

struct mtkfw_restore_job {
	unsigned version; /* 1 */
	struct mtkfw_connect_opts connect;
	const char *backup;      /* the backup folder */
	struct mtkfw_name_list only; /* the items to restore; none: all */
};
/* The backup is loaded (and refused when unreadable) before the phone is touched; after the
 * writes, the identity is read back (out->identity). */
MTKFW_API int mtkfw_job_restore(struct mtkfw_job_outcome *out, const struct mtkfw_restore_job *opts,
				mtkfw_ctx *ctx);

struct mtkfw_flash_job {
	unsigned version; /* 1 */
	struct mtkfw_connect_opts connect; /* connect.package_dir: NULL means the package's folder */
	const char *package;       /* a package folder or its scatter */
	int mode;                  /* mtkfw_flash_mode */
	struct mtkfw_name_list only;   /* write only these; none: every partition ticked */
	struct mtkfw_name_list skip;   /* never write these */
	bool resume;               /* take over a journal's verified steps */
	bool dry_run;              /* the plan only: nothing written */
	const char *backup_dir;    /* the identity backup's folder; NULL: the journal's when resuming,
				    * else a new one in `backups_dir` */
	const char *backups_dir;
	const char *journal;       /* the journal file; NULL: <journal_dir>/<CID>.json */
	const char *journal_dir;
};
/*
 * The package is opened before the phone is touched; then the phone's layout, the parts it
 * runs (for compat's rules), the plan (MTKFW_EVENT_PLAN); a refused plan ends there
 * (MTKFW_RESULT_REFUSED, REFUSED), a dry run too. Otherwise the identity backup, each step
 * written and verified (STEP_STARTED/STEP_FINISHED), the journal kept after every step, and the
 * identity read back where the package's layout puts it. A fault is matched to the step it hit.
 */
MTKFW_API int mtkfw_job_flash(struct mtkfw_job_outcome *out, const struct mtkfw_flash_job *opts, mtkfw_ctx *ctx);

struct mtkfw_format_job {
	unsigned version; /* 1 */
	struct mtkfw_connect_opts connect;
	struct mtkfw_name_list partitions; /* none: the whole user area (format only) */
	bool include_identity;  /* the identity partitions may go (and are not put back) */
	const char *scatter;    /* this phone's scatter instead of its PMT */
	const char *backup_dir; /* NULL: a new one in `backups_dir` */
	const char *backups_dir;
};
/* An identity partition is refused before the phone is touched (unless include_identity); every
 * name is found before the backup, the backup is made before the first erase; after a format of
 * all, the identity goes back; the identity is read back at the end. Erase takes one name. */
MTKFW_API int mtkfw_job_format(struct mtkfw_job_outcome *out, const struct mtkfw_format_job *opts, mtkfw_ctx *ctx);
MTKFW_API int mtkfw_job_erase(struct mtkfw_job_outcome *out, const struct mtkfw_format_job *opts, mtkfw_ctx *ctx);

/* ---- offline jobs --------------------------------------------------------------------- */

struct mtkfw_check_job {
	unsigned version;    /* 1 */
	const char *package; /* a scatter or its folder */
};
/* out->findings; each finding is an event too. */
MTKFW_API int mtkfw_job_check(struct mtkfw_job_outcome *out, const struct mtkfw_check_job *opts, mtkfw_ctx *ctx);

struct mtkfw_profile_job {
	unsigned version;  /* 1 */
	const char *input; /* a package, a part, a saved profile or a phone's readback */
};
/* out->target (its profile, and what only a readback has). */
MTKFW_API int mtkfw_job_profile(struct mtkfw_job_outcome *out, const struct mtkfw_profile_job *opts,
				mtkfw_ctx *ctx);

struct mtkfw_compat_job {
	unsigned version;     /* 1 */
	const char *firmware; /* as profile's input */
	const char *target;   /* a phone's readback, its profile, or another firmware */
};
/* out->firmware, out->target and out->compat (a risk per row, the verdict). */
MTKFW_API int mtkfw_job_compat(struct mtkfw_job_outcome *out, const struct mtkfw_compat_job *opts, mtkfw_ctx *ctx);

struct mtkfw_port_job {
	unsigned version;      /* 1 */
	/* The sister board's package: a folder or its scatter; an archive holding one, or
	 * "ARCHIVE!/member" (mtkfw_catalog_unpack: only what a port reads of a base is taken out);
	 * or, with `catalog`, a package's id in that firmware library. */
	const char *base;
	/* The phone's readback or backup folder, or its stock package; NULL with phone_on_cable. */
	const char *phone;
	const char *out;       /* the package to write; NULL with dry_run */
	const char *keep_file; /* a keep-list of the caller's own; NULL: the default one */
	struct mtkfw_name_list keep; /* also taken from the phone: partitions and system paths */
	struct mtkfw_name_list take; /* keep-list entries taken from the base instead */
	bool dry_run;          /* the plan only: nothing written */
	bool force;            /* replace an `out` that exists and is not empty */
	/* The firmware library a numeric `base` is looked up in; NULL: a base is never an id. */
	const char *catalog;
	/* Where an archive's package is taken out and a phone on the cable read (temporary
	 * folders, in the temp registry, removed when the job ends); NULL: beside `out`, else /tmp. */
	const char *tmp_dir;
	/* The phone on the cable (`connect`): its PMT, boot1, MBR/EBR, the keep-list's partitions,
	 * the boot image and the system are read (nothing is written to it), and the port goes on
	 * as from a readback. */
	bool phone_on_cable;
	struct mtkfw_connect_opts connect;
};
/*
 * The keep-list is loaded and edited (a bad or unknown entry: INVALID or NOTFOUND, before
 * anything is read), a non-empty `out` refused unless `force` (before an archive or the phone
 * is read), the base resolved (a library id: NOTFOUND when unknown or gone from disk; an
 * archive taken out), the phone read when on the cable, the plan made (out->port_plan); a dry run ends there
 * (MTKFW_RESULT_DRY_RUN). Otherwise the package is built into `out` whole or not at all and
 * proven (out->port_proof): MTKFW_RESULT_DONE either way, out->port_proof.ok says whether
 * the proof holds.
 */
MTKFW_API int mtkfw_job_port(struct mtkfw_job_outcome *out, const struct mtkfw_port_job *opts, mtkfw_ctx *ctx);

/* ---- the firmware library ------------------------------------------------------------- */

/*
 * `db` in every library job is where the catalogue is, as mtkfw_catalog_open takes it (a file;
 * the front end resolves the usual one: mtkfw/frontend.h's library_file). A job opens it,
 * does its one thing and closes it; a catalogue failure is the job's status (result NONE).
 */

struct mtkfw_library_add_job {
	unsigned version;           /* 1 */
	const char *db;             /* made when missing */
	struct mtkfw_name_list paths; /* files, folders (walked), archives */
	bool full_hash;             /* mtkfw_catalog_add_opts.full_hash */
	const char *tmp_dir;        /* for the archive members a fingerprint reads; NULL: /tmp */
	const char *shop;           /* mtkfw_catalog_set_shop: the shop indexing; NULL: unnamed */
};
/* out->library_add; each package that could not be read is an event (MTKFW_EVENT_NOTE:
 * "PATH: why") and the add goes on. Progress: stage "library add". */
MTKFW_API int mtkfw_job_library_add(struct mtkfw_job_outcome *out, const struct mtkfw_library_add_job *opts,
				    mtkfw_ctx *ctx);

struct mtkfw_library_search_job {
	unsigned version;             /* 1 */
	const char *db;
	struct mtkfw_name_list words; /* each must match a stored string (as a prefix); none: every package */
};
/* out->library_list, by id. */
MTKFW_API int mtkfw_job_library_search(struct mtkfw_job_outcome *out, const struct mtkfw_library_search_job *opts,
				       mtkfw_ctx *ctx);

/* The library jobs that name at most one package. */
struct mtkfw_library_job {
	unsigned version; /* 1 */
	const char *db;
	int64_t id;       /* show, forget: the package (ids from search) */
	const char *shop; /* check: only this shop's packages (mtkfw_catalog_set_shop); NULL: unnamed */
};
/* out->library_package, and out->target (has_target) read from its stored fingerprint when
 * that reads back (an imported or failed package may have none). */
MTKFW_API int mtkfw_job_library_show(struct mtkfw_job_outcome *out, const struct mtkfw_library_job *opts, mtkfw_ctx *ctx);
/* The package and its labels and outcomes removed (NOTFOUND: no such id). */
MTKFW_API int mtkfw_job_library_forget(struct mtkfw_job_outcome *out, const struct mtkfw_library_job *opts,
				       mtkfw_ctx *ctx);
/* out->library_check: the packages whose files changed, moved or went, each also an event
 * (MTKFW_EVENT_NOTE: "PATH: what changed"). Nothing is read or changed. */
MTKFW_API int mtkfw_job_library_check(struct mtkfw_job_outcome *out, const struct mtkfw_library_job *opts, mtkfw_ctx *ctx);

struct mtkfw_library_label_job {
	unsigned version; /* 1 */
	const char *db;
	int64_t id;       /* the package */
	const char *text; /* the label read off the board (mtkfw_catalog_label's rules) */
};
/* The label attached, then out->library_package: the package as it now stands (as show reads
 * it, without the fingerprint's `target`). */
MTKFW_API int mtkfw_job_library_label(struct mtkfw_job_outcome *out, const struct mtkfw_library_label_job *opts,
				      mtkfw_ctx *ctx);

struct mtkfw_library_report_job {
	unsigned version;  /* 1 */
	const char *db;
	int64_t id;        /* the package flashed */
	const char *phone; /* what was read of the phone (as compat's target): loaded first */
	int result;        /* mtkfw_catalog_result */
	const char *note;  /* or NULL */
	bool has_cid;      /* the phone's eMMC CID, over the one `phone` has */
	uint8_t cid[16];
};
/* The catalogue opened for writing, the phone loaded (out->target), the outcome recorded; then
 * out->library_package as for label. */
MTKFW_API int mtkfw_job_library_report(struct mtkfw_job_outcome *out, const struct mtkfw_library_report_job *opts,
				       mtkfw_ctx *ctx);

struct mtkfw_library_file_job {
	unsigned version; /* 1 */
	const char *db;   /* import: made when missing */
	const char *file; /* the JSON lines file written or read */
	bool force;       /* export: replace a `file` that exists (else REFUSED before the catalogue is opened) */
};
/* out->library_exported: the packages written (atomically). */
MTKFW_API int mtkfw_job_library_export(struct mtkfw_job_outcome *out, const struct mtkfw_library_file_job *opts,
				       mtkfw_ctx *ctx);
/* out->library_import: what the file brought, in one transaction. */
MTKFW_API int mtkfw_job_library_import(struct mtkfw_job_outcome *out, const struct mtkfw_library_file_job *opts,
				       mtkfw_ctx *ctx);

struct mtkfw_library_match_job {
	unsigned version;    /* 1 */
	const char *db;
	/* What to match: a readback or backup folder, a saved profile, a package (as compat's
	 * target); NULL: the phone on the cable, read through `connect` (as the readback job's
	 * MATCH kind reads it) into a private folder under `tmp_dir` (NULL: /tmp), removed after. */
	const char *target;
	struct mtkfw_connect_opts connect;
	const char *tmp_dir;
	const char *board;   /* mtkfw_catalog_match_opts: a PCB label, the CID over the target's, */
	bool has_cid;        /* how many candidates, and the gated ones too */
	uint8_t cid[16];
	size_t limit;
	bool all;
	const char *shop;    /* mtkfw_catalog_set_shop: candidates held only elsewhere are marked */
};
/* The catalogue is opened before the phone is touched; out->target (the phone as read),
 * out->match_input (the target's path; NULL for the phone on the cable), out->library_match
 * (the candidates by rank, each with compat's verdict). The phone's session is ended before
 * the ranking. */
MTKFW_API int mtkfw_job_library_match(struct mtkfw_job_outcome *out, const struct mtkfw_library_match_job *opts,
				      mtkfw_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
