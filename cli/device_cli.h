/*
 * `mtkfw device`: shared pieces of the subcommands (cli/device_*.c), dispatched by
 * cli/cmd_device.c. Not a command file itself. Each subcommand parses its options, calls one
 * job of the library (mtkfw/jobs.h) and renders the outcome: text here, JSON by the library.
 */
#ifndef MTKFW_CLI_DEVICE_H
#define MTKFW_CLI_DEVICE_H

#include "cli.h"

/* The options a subcommand takes beyond the connection and --json. */
enum dev_takes {
	DEV_READBACK = 1 << 0, /* --all, --range, --area, --partitions */
	DEV_SCATTER = 1 << 1,  /* --scatter */
	DEV_ONLY = 1 << 2,     /* --only */
	DEV_WRITES = 1 << 3,   /* --mode, --skip, --backup, --journal, --resume, --dry-run, --include-identity */
	DEV_NVRAM = 1 << 4,    /* --with-data-nvram */
	DEV_FORCE = 1 << 5,    /* --force (readback --range); a usage error elsewhere */
};

/* Options as given. */
struct dev_opts {
	const char *port, *da, *preloader, *package, *record, *replay, *fault;
	/* The package's preloader file as the package model resolved it (device flash sets it). */
	const char *package_preloader;
	uint64_t wait_ms;
	bool wait_set;         /* --wait given: it also bounds the wait for a re-enumerated port */
	int usb_speed;         /* --usb-speed: MTKFW_USB_FULL or HIGH; 0: the job's own choice */
	bool json;
	/* readback */
	bool all, force;
	const char *range, *area, *partitions;
	/* backup, restore, format, erase */
	const char *scatter, *only;
	bool data_nvram;
	/* flash, format, erase */
	const char *mode, *skip, *backup, *journal;
	bool resume, dry_run, include_identity;
};

/* Parse the connection options, --json and those `takes` names (any other option is a usage
 * error); positional arguments are left at argv[optind..]. Returns 0 or an exit code. */
int dev_parse(struct cli_env *env, int argc, char **argv, unsigned takes, struct dev_opts *o);

/* A comma list given on the command line as the array a job takes: `list` is cut in place and
 * `store` (n slots) holds the names. A usage error (returns false) for an empty name or more
 * than n names. */
bool dev_names(struct cli_env *env, const char *opt, char *list, const char **store, size_t n,
	       struct mtkfw_name_list *out);

/*
 * The job's connection from the options and the usual folders; and the context's progress and
 * events set up to show the job as it goes (the wait for the phone, notes: dev_event).
 * `preloader_dirs` holds the one folder the defaults give. A job with more to show (flash) sets
 * its own event callback after, passing these two kinds on to dev_event.
 */
int dev_event(const struct mtkfw_event *ev, void *env);
void dev_connect(struct cli_env *env, const struct dev_opts *o, struct mtkfw_connect_opts *c,
		 const char **preloader_dirs);

int device_detect(int argc, char **argv, struct cli_env *env);
int device_info(int argc, char **argv, struct cli_env *env);
int device_readback(int argc, char **argv, struct cli_env *env);
int device_backup(int argc, char **argv, struct cli_env *env);
int device_restore(int argc, char **argv, struct cli_env *env);

/* The files of a backup or a partition readback, as text. */
void device_items_text(const struct mtkfw_backup *b);
/* The info report as text. */
void device_info_text(const struct mtkfw_device_info *in, const char *port);

#endif
