/* The two sides of `mtkfw port` as the command line names them (cli/port_sides.c, and
 * cli/port_device.c for a phone on the cable), made into folders the port library reads. */
#ifndef MTKFW_CLI_PORT_SIDES_H
#define MTKFW_CLI_PORT_SIDES_H

#include "cli.h"

#include <mtkfw/catalog.h>
#include <mtkfw/port.h>

struct port_side {
	const char *path; /* what the plan reads: the argument, or a file in `tmp` */
	char *name;       /* how the plan names it (NULL: path) */
	char *owned;      /* path when it was allocated here */
	struct mtkfw_catalog_unpacked tmp; /* an archive's package taken out; removed by clear */
	struct mtkfw_tempdir dir;          /* a phone's partitions read off the cable; removed too */
};

/* BASE: a folder or scatter as it is; a library id (`db` as `mtkfw library --db` takes it)
 * resolved to its path; an archive or "ARCHIVE!/member" taken out under `tmp_dir` (only what
 * a port reads of a base). Returns 0 or an exit code after the one error line. */
int port_base_resolve(struct cli_env *env, struct port_side *out, const char *given, const char *db,
		      const mtkfw_keep_list *keep, const char *tmp_dir);

struct port_device_opts {
	const char *port, *da; /* --port, --da; port NULL: the phone found on the cable */
	bool quiet;            /* no "waiting for the phone" line (--json) */
};

/* PHONE on the cable: the parts a port reads of a phone (its boot area, the partition tables,
 * lk, boot, what `keep` keeps, and the system) read into a temporary folder under `tmp_dir`
 * that the temp registry removes on a signal, as `device readback` writes them. Returns 0 or
 * an exit code after the one error line. */
int port_phone_read(struct cli_env *env, struct port_side *out, const struct port_device_opts *o,
		    const mtkfw_keep_list *keep, const char *tmp_dir);

void port_side_clear(struct port_side *s);

#endif
