/*
 * mtkfw — talking to an MT6572 phone: transports and the device session (the DA file it
 * sends is a firmware format: da.h).
 *
 * Layers (lib/device, one file each): a transport moves bytes with timeouts (a tty, a recorded
 * trace being replayed, a recorder or a fault injector wrapped around another transport) →
 * the BROM/preloader command layer (handshake, echoed commands) → the legacy download agent
 * (DA1 start, DRAM, DA2, storage commands) → operations (readback to files with checksums).
 * Stateful things are opaque; the reports (the DA file model, the device info) are plain
 * structs, read-only for the caller.
 */
#ifndef MTKFW_DEVICE_H
#define MTKFW_DEVICE_H

#include "common.h"
#include "core.h"
#include "layout.h"
#include "firmware.h"
#include "da.h"
#include "ext4.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- transports ---------------------------------------------------------------------- */

typedef struct mtkfw_transport mtkfw_transport;

/*
 * Open a serial port (/dev/ttyACMn, or a pty) in raw mode. The error message explains the
 * classic failures: no such port, permission denied (the udev rule), port busy (ModemManager).
 */
MTKFW_API int mtkfw_transport_open_tty(mtkfw_transport **out, const char *path);

struct mtkfw_tty_opts {
	unsigned version;     /* 1 */
	const char *lock_dir; /* the caller's runtime folder for port lock files (made if missing;
			       * NULL: none); the library reads no environment to find one */
};

/*
 * mtkfw_transport_open_tty, with the port locked against a second mtkfw: a lock file named
 * after the port in `lock_dir` (it records our pid) and flock on the tty itself, which also
 * stops root, where TIOCEXCL does not. A port another process holds is MTKFW_ERR_IO "PORT: port
 * busy: another mtkfw (pid N) is using it", found before a byte is sent. Both locks go with
 * the transport (or the process). After a USB re-enumeration the new port is locked the same way.
 */
MTKFW_API int mtkfw_transport_open_tty_ext(mtkfw_transport **out, const char *path,
					   const struct mtkfw_tty_opts *opts);

/*
 * Replay a trace written by mtkfw_transport_record(): what the host writes must equal the
 * trace's host bytes, and reads are served from the device bytes, never ahead of the host bytes
 * that precede them in the trace. At the end of the trace a read times out at once.
 */
MTKFW_API int mtkfw_transport_open_replay(mtkfw_transport **out, const char *trace_path);

/* A device that answers `replies` (copied) whatever the host writes; for fuzzing and tests. */
MTKFW_API int mtkfw_transport_open_canned(mtkfw_transport **out, const uint8_t *replies, size_t n);

/* Wrap `inner` (ownership passes) and record every exchange as a text trace at `path`. */
MTKFW_API int mtkfw_transport_record(mtkfw_transport **out, mtkfw_transport *inner, const char *path);

/*
 * Wrap `inner` (ownership passes) and inject repeatable faults, `spec` being a comma list of
 * KIND@N: flip@N (invert device byte N), drop@N (lose device byte N), cut@N (the device falls
 * silent from byte N on), wfail@N (the host's write call N fails). Bytes and calls count from 0.
 */
MTKFW_API int mtkfw_transport_fault(mtkfw_transport **out, mtkfw_transport *inner, const char *spec);

/* Read exactly `n` bytes; MTKFW_ERR_TIMEOUT when the device is silent for `timeout_ms`. */
MTKFW_API int mtkfw_transport_read(mtkfw_transport *t, void *buf, size_t n, unsigned timeout_ms);
/* Write all `n` bytes. */
MTKFW_API int mtkfw_transport_write(mtkfw_transport *t, const void *buf, size_t n);
/* Close and free (wrappers close what they wrap). NULL is fine. */
MTKFW_API void mtkfw_transport_free(mtkfw_transport *t);

/*
 * Wait up to `wait_ms` for a MediaTek BROM (0E8D:0003) or preloader (0E8D:2000) serial port to
 * appear (sysfs) and return its /dev path (malloc'd). The message when none appears says what to
 * do, and names a MediaTek port of another kind (a phone that booted too far).
 */
MTKFW_API int mtkfw_device_find_port(char **out, unsigned wait_ms);

/* Where port discovery looks. NULL or "" means the system's own; another root is for tests,
 * which build a fake tree (the library itself never reads the environment). */
struct mtkfw_port_search {
	const char *sysfs_root; /* stands for /sys: ROOT/class/tty/NAME/device/../idVendor */
	const char *dev_root;   /* stands for /dev: ROOT/NAME is the port found */
};

/* mtkfw_device_find_port under other roots (`where` NULL: the system's), stopping at the next
 * look with MTKFW_ERR_CANCELLED once `ctx`'s cancel flag is set (ctx may be NULL). */
MTKFW_API int mtkfw_device_find_port_in(char **out, unsigned wait_ms, const struct mtkfw_port_search *where,
					mtkfw_ctx *ctx);

/* ---- the device session -------------------------------------------------------------- */

typedef struct mtkfw_device mtkfw_device;

enum mtkfw_device_mode { MTKFW_MODE_BROM = 0, MTKFW_MODE_PRELOADER = 1 };
enum mtkfw_storage { MTKFW_STORAGE_UNKNOWN = 0, MTKFW_STORAGE_EMMC, MTKFW_STORAGE_NAND, MTKFW_STORAGE_NOR };

/* How far a session got; info is filled up to this stage. */
enum mtkfw_device_stage {
	MTKFW_STAGE_BROM = 0, /* handshake and BROM/preloader commands done */
	MTKFW_STAGE_DA1 = 1,  /* DA1 runs and reported the storage */
	MTKFW_STAGE_DA2 = 2,  /* DA2 runs: DRAM set up, storage commands available */
};

struct mtkfw_device_info {
	const char *chip; /* "MT6572", or NULL for a chip mtkfw does not know */
	uint16_t hw_code, hw_sub_code, hw_version, sw_version;
	enum mtkfw_device_mode mode;
	uint8_t brom_version; /* GET_VERSION reply (0xFF from a preloader) */
	uint8_t bl_version;   /* GET_BL_VER reply (0xFE from the BROM itself) */
	uint32_t target_config;
	bool secure_boot, sla, daa;
	uint8_t me_id[16];
	size_t me_id_len; /* 0 when the phone does not give it (preloader mode) */
	enum mtkfw_device_stage stage;
	/* From DA1: */
	uint8_t da_major, da_minor, da_bbchip;
	enum mtkfw_storage storage;
	uint8_t cid[16]; /* card order: manufacturer id first, CRC last */
	const char *emmc_maker; /* from the CID's manufacturer id; NULL when unknown */
	char emmc_product[7];   /* the CID's product name, printable */
	bool dram_ready;        /* DRAM set up (preloader mode, or EMI accepted) */
	bool emi_needed;        /* the DA asked for an EMI table (BROM mode) */
	/* From DA2: */
	uint64_t boot1_size, boot2_size, rpmb_size, user_size;
	uint8_t emmc_fw_version[8]; /* the card's firmware version, as the DA reports it */
	uint64_t ram_size; /* 0 until DRAM is set up */
	/* The speed DA2's USB_CHECK_STATUS (72) reports: MTKFW_USB_FULL or MTKFW_USB_HIGH. */
	bool usb_speed_known;
	int usb_speed; /* enum mtkfw_usb_speed */
	bool usb_switched; /* mtkfw asked for high speed and the phone came back at high speed */
};

/* What to do about the USB speed DA2 reports (design item 12: technicians cure errors 1013
 * and 4032 at full speed; other tools hang switching to high speed). */
enum mtkfw_usb_speed {
	MTKFW_USB_KEEP = 0, /* stay at the speed the phone reports (no switch) */
	MTKFW_USB_FULL = 1, /* never ask for high speed */
	MTKFW_USB_HIGH = 2, /* at full speed, ask the DA for high speed and follow the phone to the
			     * port it re-enumerates as */
};
/* "keep", "full", "high"; parse (any case) gives -1 for another word. */
MTKFW_API const char *mtkfw_usb_speed_name(int speed);
MTKFW_API int mtkfw_usb_speed_parse(const char *word);

struct mtkfw_device_opts {
	unsigned version; /* 1 */
	/* The DA file: region 1 is DA1, region 2 is DA2 for the chip's entry. NULL: stop after the
	 * BROM stage. */
	const struct mtkfw_da_file *da;
	/* Where the EMI (DRAM set-up) table comes from when the DA asks for one (BROM mode): a
	 * preloader image (or anything holding its MTK_BLOADER_INFO block, such as a boot1 dump),
	 * else the package's preloader when its table lists the eMMC, else the preloaders in
	 * `preloader_dir`, searched by the eMMC id the DA reports. No match:
	 * stop before DA2 with MTKFW_ERR_NOTFOUND (SP Flash Tool's 4032); info has the eMMC id. */
	const uint8_t *preloader;
	size_t preloader_len;
	/* The firmware package's own preloader: tried after `preloader`, before the folder. */
	const uint8_t *package_preloader;
	size_t package_preloader_len;
	const char *preloader_dir;
	const char *const *preloader_dirs; /* more folders, searched after preloader_dir in order */
	size_t preloader_dir_count;
	bool skip_watchdog; /* leave the watchdog running (default: disable it, or the phone resets) */
	unsigned handshake_tries; /* 0: the default */
	int usb_speed;            /* enum mtkfw_usb_speed; 0 (KEEP) by default */
	unsigned reenum_wait_ms;  /* MTKFW_USB_HIGH: how long the port may take to come back (0: 10 s) */
	struct mtkfw_port_search ports; /* where a re-enumerated port is looked for (zero: /sys, /dev) */
	/* Last, when none of the above lists the eMMC: asked for a preloader whose EMI table has
	 * the CID the DA reported (the CLI looks in the firmware library, which indexes every
	 * preloader it saw; lib/device knows nothing of it). Return 0 with a malloc'd image in
	 * *buf and a malloc'd name to show in *name, MTKFW_ERR_NOTFOUND when there is none. */
	int (*preloader_lookup)(void *user, const uint8_t cid[16], uint8_t **buf, size_t *len, char **name);
	void *preloader_lookup_user;
};

/*
 * Start a session on `t` (ownership passes, even on failure): handshake, BROM/preloader
 * commands, then, when `opts->da` is set, DA1, DRAM set-up and DA2. On failure after the BROM
 * stage, `*out` is still returned so the caller can report what was learnt; free it.
 */
MTKFW_API int mtkfw_device_open(mtkfw_device **out, mtkfw_transport *t, const struct mtkfw_device_opts *opts,
				mtkfw_ctx *ctx);
MTKFW_API const struct mtkfw_device_info *mtkfw_device_info(const mtkfw_device *dev);
/* The serial port the session talks over now: after a switch to USB high speed, the one the
 * phone came back on. NULL when it is no port (a replayed trace). */
MTKFW_API const char *mtkfw_device_port(const mtkfw_device *dev);
/* The device report as the JSON document `mtkfw device info --json` prints and a full readback
 * keeps as device.json (contracts.md; `port` may be NULL); malloc'd. */
MTKFW_API int mtkfw_device_info_to_json(char **out, const struct mtkfw_device_info *in, const char *port);

/* A sink for read data: return 0 to go on, a negative mtkfw_status (message set) to fail with
 * it, or a positive value to cancel (the read then fails with MTKFW_ERR_CANCELLED). */
typedef int (*mtkfw_sink_cb)(const uint8_t *data, size_t n, void *user);

/* Read `len` bytes at byte `offset` of an eMMC area (boot1, boot2 or user; needs DA2),
 * checksum-verified per packet. */
MTKFW_API int mtkfw_device_read(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len,
				mtkfw_sink_cb sink, void *user, mtkfw_ctx *ctx);

/* A source of data to write: fill exactly `n` bytes; 0, a negative status, or positive to cancel. */
typedef int (*mtkfw_source_cb)(uint8_t *buf, size_t n, void *user);

/* Write `len` bytes (offset and length multiples of 512) at `offset` of an eMMC area (needs
 * DA2). Writes only inside the area the DA reported. */
MTKFW_API int mtkfw_device_write(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len,
				 mtkfw_source_cb source, void *user, mtkfw_ctx *ctx);

/* Read a range into `path` (atomically) and give its SHA-256 (32 bytes) when `sha256` is set. */
MTKFW_API int mtkfw_device_read_to_file(mtkfw_device *dev, mtkfw_area area, uint64_t offset,
					uint64_t len, const char *path, uint8_t *sha256, mtkfw_ctx *ctx);

/*
 * Full dump into folder `dir` (created if needed): boot1.img, user.img and manifest.json
 * (mtkfw/manifest.h: the phone, its PMT when it has one, SHA-256, offset, size per file).
 */
MTKFW_API int mtkfw_device_dump_all(mtkfw_device *dev, const char *dir, mtkfw_ctx *ctx);

/*
 * The phone's own partition table: its PMT, found near the end of the user area and parsed, with
 * starts made user-area offsets (the MBR at 0) and end-relative entries resolved. NOTFOUND when
 * the eMMC holds no PMT.
 */
MTKFW_API int mtkfw_device_read_pmt(mtkfw_layout **out, mtkfw_device *dev, mtkfw_ctx *ctx);

/* ---- identity backup and restore ---------------------------------------------------- */

/* One saved range of the phone. */
struct mtkfw_backup_item {
	char name[MTKFW_PART_NAME_MAX]; /* "NVRAM", "MBR", "boot1" ... */
	char file[MTKFW_PART_NAME_MAX + 8];
	mtkfw_area area;
	uint64_t offset, size;
	uint8_t sha256[32];
};

struct mtkfw_backup {
	char *dir;
	uint8_t cid[16]; /* the phone it came from: restore refuses any other */
	char chip[16];
	struct mtkfw_backup_item *items;
	size_t count;
	/* USRDATA's /data/nvram tree (the modem's IMEI and calibration files live there as well as
	 * in the NVRAM partition), copied into <dir>/data_nvram/ when USRDATA was about to be
	 * erased or it was asked for. Kept for manual use: restore never writes into a file
	 * system. Node paths are below data_nvram/. */
	mtkfw_ext4_tree data_nvram;
	/* Why the tree is missing or partial (USRDATA not ext4, no /nvram, limits reached);
	 * NULL when it is whole or was not asked for. */
	char *data_nvram_note;
	/* The phone's radio as its system partition (ANDROID) held it before a write replaced it:
	 * /etc/firmware/modem*, /etc/mddb/ and /custom/etc/firmware, copied into
	 * <dir>/system_modem/ (node paths below it, e.g. "etc/firmware/modem_1_wg_n.img"). Kept
	 * for manual use like data_nvram: restore never writes into a file system. */
	mtkfw_ext4_tree system_modem;
	char *system_modem_note; /* why it is missing or partial; NULL when whole or not asked for */
};

/* The folders of a backup that hold the /data/nvram tree and the radio files. */
#define MTKFW_BACKUP_NVRAM_DIR "data_nvram"
#define MTKFW_BACKUP_MODEM_DIR "system_modem"

/* A range of the eMMC. */
struct mtkfw_span {
	int area; /* mtkfw_area */
	uint64_t offset, length;
};

struct mtkfw_backup_opts {
	unsigned version; /* 1 */
	/* Also copy USRDATA's /data/nvram tree (/nvram inside the file system, which is mounted at
	 * /data; /data/nvram when the root has it), read through the DA with a read-ahead cache and
	 * the bounds of mtkfw_ext4_copy_tree(). */
	bool data_nvram;
	/* Ranges about to be erased or overwritten: when one meets USRDATA, the tree is copied as
	 * if `data_nvram` were set; when one meets ANDROID, the radio files as if `system_modem`. */
	const struct mtkfw_span *erasing;
	size_t erasing_count;
	/* Also copy the radio files out of the system partition (ANDROID's ext4, read through the
	 * DA like USRDATA): /etc/firmware/modem*, /etc/mddb/, /custom/etc/firmware. */
	bool system_modem;
};

/*
 * Back up the phone's identity into folder `dir` (created, parents too): NVRAM, PRO_INFO,
 * PROTECT_F, PROTECT_S, SECCFG, lk (UBOOT) and boot (BOOTIMG) located by `layout` (a decoded
 * scatter of this phone; NULL: the phone's own PMT), its MBR/EBR sectors and PMT as found on the
 * eMMC, and all of boot1; then manifest.json (mtkfw/manifest.h) with the phone, the layout used
 * and each file's area, offset, size and SHA-256.
 * Refused (NOTFOUND) before any partition is read when the layout has no NVRAM.
 */
MTKFW_API int mtkfw_device_backup(struct mtkfw_backup **out, mtkfw_device *dev, const mtkfw_layout *layout,
				  const char *dir, mtkfw_ctx *ctx);
/*
 * mtkfw_device_backup() with options (NULL: none). A USRDATA that holds no ext4 (encrypted,
 * blank, erased) or no /nvram is not a failure: the backup is made, data_nvram_note says why
 * the tree is missing, and the manifest keeps that note. A phone that stops answering is.
 */
MTKFW_API int mtkfw_device_backup_ext(struct mtkfw_backup **out, mtkfw_device *dev, const mtkfw_layout *layout,
				      const char *dir, const struct mtkfw_backup_opts *opts, mtkfw_ctx *ctx);
/*
 * Read the partitions named in `list` (comma-separated, any case) into folder `dir` as NAME.bin,
 * located by `layout` (NULL: the phone's PMT), with the same manifest as a backup (so such a
 * readback can be restored). "all" names every partition with a size.
 */
MTKFW_API int mtkfw_device_read_partitions(struct mtkfw_backup **out, mtkfw_device *dev, const mtkfw_layout *layout,
					   const char *list, const char *dir, mtkfw_ctx *ctx);
/* Load a backup's manifest: manifest.json, or the manifest.txt of earlier versions (files are
 * checked when restored). */
MTKFW_API int mtkfw_backup_load(struct mtkfw_backup **out, const char *dir);
MTKFW_API void mtkfw_backup_free(struct mtkfw_backup *b);
/* A new backup's folder: ROOT/<CID>/<UTC time> (malloc'd); ROOT is the front end's backups
 * folder (mtkfw_defaults: $XDG_DATA_HOME/mtkfw/backups). */
MTKFW_API int mtkfw_backup_new_dir(char **out, const char *root, const uint8_t cid[16]);

/*
 * Put a backup back and verify it: only onto the phone it came from (REFUSED otherwise), only
 * files whose SHA-256 still matches the manifest (MISMATCH otherwise, before any write), each
 * range read back and compared after writing (rewritten once at most; MTKFW_ERR_READONLY when
 * the eMMC keeps nothing). `only`: a comma list of item names (any case), or NULL for all.
 */
MTKFW_API int mtkfw_device_restore(mtkfw_device *dev, const struct mtkfw_backup *b, const char *only,
				   mtkfw_ctx *ctx);

/* ---- identity proven untouched ----------------------------------------------------- */

/* One identity partition read back after a write, against the backup taken before it. */
struct mtkfw_identity_row {
	char name[MTKFW_PART_NAME_MAX]; /* "NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S" */
	uint8_t sha256_before[32];      /* the backup's, from its manifest */
	uint8_t sha256_after[32];       /* of the same bytes on the phone now */
	bool same;
};

/* What became of the /data/nvram tree a backup saved. */
typedef enum mtkfw_tree_fate {
	MTKFW_TREE_NOT_SAVED = 0, /* the backup holds none: nothing to compare */
	MTKFW_TREE_SAME = 1,      /* USRDATA still holds it, every entry as saved */
	MTKFW_TREE_CHANGED = 2,   /* USRDATA holds a /nvram tree that differs from the saved one */
	MTKFW_TREE_GONE = 3,      /* USRDATA holds none now (erased or rewritten, which is why it
				   * was saved): the backup's copy is what is left of it */
} mtkfw_tree_fate;

#define MTKFW_IDENTITY_ROWS 4

struct mtkfw_identity_proof {
	/* Every row the same; and the tree the same, or gone with the backup's copy whole. */
	bool intact;
	struct mtkfw_identity_row rows[MTKFW_IDENTITY_ROWS];
	size_t count;
	int data_nvram;                  /* mtkfw_tree_fate */
	/* SHA-256 of the tree's listing (type, path, mode, owner, size, file SHA-256 of every entry):
	 * as saved, and as USRDATA holds it now (SAME and CHANGED only). */
	uint8_t data_nvram_before[32], data_nvram_after[32];
	bool data_nvram_copy_intact;     /* GONE: every file of the backup's copy has its SHA-256 */
	char data_nvram_first[160];      /* CHANGED: the first entry that differs; a broken copy: the
					  * file; else "" */
};

/* "not-saved", "same", "changed", "gone". */
MTKFW_API const char *mtkfw_tree_fate_name(int fate);
MTKFW_API int mtkfw_tree_fate_parse(const char *word); /* -1 for another word */

/*
 * After a write (flash, format, erase, restore): read the identity partitions the backup holds
 * (NVRAM, PRO_INFO, PROTECT_F, PROTECT_S) back from the phone and compare each with the backup
 * taken before; then USRDATA's /data/nvram tree when the backup saved one. Partitions are read
 * where `now` places them (the layout the write left: a flash's package layout; a name it
 * lacks: where the backup found them), as many bytes as the backup holds. With `now` NULL
 * (a restore, which writes no file system) or `only` (a comma list, any case: the items a
 * restore wrote) the tree is not compared. A difference is a result (intact false), not an
 * error; errors are the phone's.
 */
MTKFW_API int mtkfw_device_identity_proof(struct mtkfw_identity_proof *out, mtkfw_device *dev,
					  const struct mtkfw_backup *b, const mtkfw_layout *now, const char *only,
					  mtkfw_ctx *ctx);

/* ---- how a write ended --------------------------------------------------------------- */

/* Why the phone did not keep a write (issue #8), for reports that carry it as data. */
enum mtkfw_write_fault {
	MTKFW_WRITE_KEPT = 0,     /* nothing wrong seen */
	MTKFW_WRITE_READONLY = 1, /* acknowledged, read back unchanged after a rewrite (a worn eMMC) */
	MTKFW_WRITE_UNSTABLE = 2, /* read-backs of the range disagree (a flaky link or card) */
};

struct mtkfw_write_outcome {
	int kind;                            /* enum mtkfw_write_fault */
	char partition[MTKFW_PART_NAME_MAX]; /* the range's name; "" for an erase by position */
	int area;                            /* mtkfw_area */
	uint64_t offset, length;
};

/* The session's last write, restore or erase that was found not kept (kind MTKFW_WRITE_KEPT
 * when none was): set together with MTKFW_ERR_READONLY or the read-back MTKFW_ERR_MISMATCH. */
MTKFW_API const struct mtkfw_write_outcome *mtkfw_device_write_outcome(const mtkfw_device *dev);
/* "kept", "readonly", "unstable"; parse gives -1 for another word. */
MTKFW_API const char *mtkfw_write_fault_name(int kind);
MTKFW_API int mtkfw_write_fault_parse(const char *word);

/* End the session (DA FINISH when DA2 runs), close the transport and free. NULL is fine. */
MTKFW_API void mtkfw_device_close(mtkfw_device *dev);

/* Comma lists of partition names (lib/device/name_list.c): `name` is in `list`, ignoring case
 * (false for a NULL list); and the next name of `*p` into `name` (cut to `size`), moving `*p`
 * past it, false at the end. */
MTKFW_API bool mtkfw_name_in_list(const char *list, const char *name);
MTKFW_API bool mtkfw_name_next(const char **p, char *name, size_t size);

/* Names for reports. */
MTKFW_API const char *mtkfw_device_mode_name(int mode);   /* "brom", "preloader" */
MTKFW_API const char *mtkfw_storage_name(int storage);    /* "unknown", "emmc", "nand", "nor" */
MTKFW_API const char *mtkfw_device_stage_name(int stage); /* "brom", "da1", "da2" */
/* Their values; -1 for another word. */
MTKFW_API int mtkfw_device_mode_parse(const char *word);
MTKFW_API int mtkfw_storage_parse(const char *word);
MTKFW_API int mtkfw_device_stage_parse(const char *word);
/* (The eMMC maker for a CID manufacturer id: mtkfw_emmc_maker() in firmware.h.) */

#ifdef __cplusplus
}
#endif
#endif
