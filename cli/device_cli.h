/*
 * `mtkfw device`: shared pieces of the subcommands (cli/device_*.c), dispatched by
 * cli/cmd_device.c. Not a command file itself.
 */
#ifndef MTKFW_CLI_DEVICE_H
#define MTKFW_CLI_DEVICE_H

#include "cli.h"

/* Options every subcommand takes. */
struct dev_opts {
	const char *port, *da, *preloader, *package, *record, *replay, *fault;
	/* The package's preloader file as the package model resolved it (device flash sets it). */
	const char *package_preloader;
	uint64_t wait_ms;
	bool wait_set;       /* --wait given: it also bounds the wait for a re-enumerated port */
	const char *usb_speed; /* --usb-speed full|high, NULL: usb_default */
	int usb_default;       /* enum mtkfw_usb_speed: HIGH for the long jobs, else KEEP */
	bool json;
	/* readback */
	bool all, force;
	const char *range, *area, *partitions;
	/* backup and restore */
	const char *scatter, *only;
};

/* Parse the options shared by all subcommands (and readback's); positional arguments are
 * left at argv[optind..]. Returns 0 or an exit code. */
int dev_parse(struct cli_env *env, int argc, char **argv, struct dev_opts *o);

/* Open the session: resolve the DA and the preloader first (a live preloader port lives a
 * second or two, so nothing may be slow after it appears), then the port, then the phone.
 * With `need_da` false, stop after the BROM stage. On failure the device may still be set
 * (what was learnt); the library status is returned. */
int dev_open(struct cli_env *env, const struct dev_opts *o, bool need_da, mtkfw_device **dev);

/* --scatter loaded (before the phone is touched: a bad file returns EXIT_USAGE, its message
 * set, nothing opened), then the session, then the scatter resolved for the phone's user area.
 * Otherwise the library status of dev_open or the resolve (0: both done). */
int dev_open_scatter(struct cli_env *env, const struct dev_opts *o, mtkfw_device **dev, mtkfw_layout **layout);

/* The identity backup folder: `given`, else the default one for the phone's CID (malloc'd). */
int dev_backup_dir(const char *given, const mtkfw_device *dev, char **dir);

/* The port in use: the session's (it follows a USB re-enumeration), else --port or the one
 * found (NULL when replaying). */
const char *dev_port(const struct dev_opts *o, const mtkfw_device *dev);

/* Free what dev_open loaded. */
void dev_release(void);

int device_detect(int argc, char **argv, struct cli_env *env);
int device_info(int argc, char **argv, struct cli_env *env);
int device_readback(int argc, char **argv, struct cli_env *env);
int device_backup(int argc, char **argv, struct cli_env *env);
int device_restore(int argc, char **argv, struct cli_env *env);

/* Render the files of a backup or a partition readback (text or JSON). */
void device_render_items(const struct mtkfw_backup *b, bool json);

/* The info report as JSON (new reference). */
json_t *device_info_json(const struct mtkfw_device_info *in, const char *port);

/* Render the info report (text or JSON). */
void device_info_render(const struct cli_env *env, const struct mtkfw_device_info *in, const char *port,
			bool json);

#endif
