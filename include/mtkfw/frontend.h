/*
 * mtkfw — the front ends' helper: the usual folders and files, resolved from the environment in
 * one place. The library itself reads no environment: its jobs take every folder in their
 * options. Each front end (the mtkfw program, the web UI, a Windows build) calls
 * mtkfw_defaults_get() once and hands the folders over, so they agree on where things live.
 *
 * This is its own library (frontend/, libmtkfw_frontend), which no domain of the library links.
 */
#ifndef MTKFW_FRONTEND_H
#define MTKFW_FRONTEND_H

#include "common.h"
#include "device.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file name of the download agent mtkfw looks for in its data folder. */
#define MTKFW_DA_FILE_NAME "MTK_AllInOne_DA.bin"

struct mtkfw_defaults {
	/* mtkfw's data folder: $XDG_DATA_HOME/mtkfw, else ~/.local/share/mtkfw; NULL when neither
	 * variable is set. */
	char *data_dir;
	/* The download agent: $MTKFW_DA, else data_dir/MTK_AllInOne_DA.bin when that file is
	 * readable; NULL when neither. */
	char *da_file;
	/* Where a DA is looked for when $MTKFW_DA is unset (data_dir/MTK_AllInOne_DA.bin), for a
	 * message saying where to put one; NULL without a data folder. */
	char *da_place;
	char *preloader_dir; /* data_dir/preloaders: preloaders searched by the eMMC id */
	char *backups_dir;   /* data_dir/backups: identity backups, one folder per CID and time */
	/* The flash journals: $XDG_STATE_HOME/mtkfw/journal, else ~/.local/state/mtkfw/journal. */
	char *journal_dir;
	/* The firmware library (mtkfw/catalog.h): $MTKFW_LIBRARY, else data_dir/library.sqlite;
	 * NULL when neither is known. The file need not exist yet. */
	char *library_file;
	/* The shop this machine indexes for in a library shared by several: $MTKFW_SHOP, else the
	 * host name; NULL when neither is known. */
	char *shop;
	/* Port lock files (one mtkfw per port): $XDG_RUNTIME_DIR/mtkfw, else /run/lock/mtkfw, where
	 * root without a session keeps device locks. Never NULL once filled. */
	char *lock_dir;
	/* Stand-ins for /sys and /dev when looking for the phone's port ($MTKFW_SYSFS_ROOT and
	 * $MTKFW_DEV_ROOT: for tests only; NULL: the system's). Owned by the struct. */
	struct mtkfw_port_search ports;
};

/* Fill `out` from the environment (every member malloc'd or NULL). */
MTKFW_API int mtkfw_defaults_get(struct mtkfw_defaults *out);
/* Empty a struct filled by mtkfw_defaults_get (the struct itself is the caller's). */
MTKFW_API void mtkfw_defaults_clear(struct mtkfw_defaults *d);

struct mtkfw_connect_opts;
/* A phone job's connection (mtkfw/jobs.h) with the usual folders of `d`: the download agent, the
 * preloaders folder (in `preloader_dirs`, one slot the caller keeps), the firmware library, the
 * port locks and where ports are looked for; the rest zeroed, for the front end to fill from
 * what its user gave (the port, the wait, another DA). Both front ends connect alike. */
MTKFW_API void mtkfw_defaults_connect(struct mtkfw_connect_opts *c, const struct mtkfw_defaults *d,
				      const char **preloader_dirs);

#ifdef __cplusplus
}
#endif
#endif
