/*
 * Following a phone across a USB re-enumeration (DA2's switch to high speed, spec §4.7.2):
 * its port disappears and a new one appears, maybe under another name or USB id.
 */
#ifndef MTKFW_DEVICE_REENUM_H
#define MTKFW_DEVICE_REENUM_H

#include <sys/types.h>

#include <mtkfw/device.h>

/* What a look saw besides the port it wanted, for the error when none is found. */
struct port_seen {
	unsigned other_pid;    /* a MediaTek port of another kind (the phone booted too far) */
	unsigned nodeless_pid; /* a wanted port listed in sysfs whose /dev node is not there */
	char nodeless[64];     /* its tty name ("ttyACM0") */
	char node[4096];       /* the /dev path that is missing */
};

/* One look through sysfs for a MediaTek serial port: BROM (0E8D:0003), preloader (0E8D:2000)
 * and, with `da_port`, the DA/VCOM id 0E8D:2001 a phone may come back as. 0 and the /dev
 * path (malloc'd), or NOTFOUND; `seen` (may be NULL, zeroed by the caller) gets what else was
 * there. `where` (may be NULL) moves /sys and /dev elsewhere, for tests. */
int mtkfwi_port_scan(char **out, bool da_port, struct port_seen *seen, const struct mtkfw_port_search *where);

/*
 * Wait up to `wait_ms` for the port that was `path` (device number `old`) to come back: the
 * same path naming a new device, or the same path after it vanished, or (once it vanished) a
 * MediaTek port elsewhere. Opens it as a tty transport: 0. A port that never went away within
 * `stay_ms` (the phone acknowledged the switch and stayed on the bus, as on one real phone:
 * docs/real-phones.md S3) is opened again as it is: 1. TIMEOUT with advice otherwise.
 */
int mtkfwi_port_wait_back(mtkfw_transport **out, const char *path, dev_t old, unsigned wait_ms, unsigned stay_ms,
		   const struct mtkfw_port_search *where);

#endif
