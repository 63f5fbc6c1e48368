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
	unsigned nodeless_pid; /* a wanted port listed in sysfs whose /dev node is not there (on
				* Windows: a wanted device with no COM port, its driver missing) */
	char nodeless[64];     /* its tty name ("ttyACM0"; on Windows its hardware id) */
	char node[4096];       /* the /dev path that is missing (on Windows: what Device Manager says) */
};

/* MediaTek's USB vendor id. */
#define MTK_USB_VID 0x0E8Du

/* Whether a MediaTek product id is a port mtkfw talks to (port_pick.c has the table): the
 * BROM's, a preloader's and, with `da_port`, the DA/VCOM id a phone may come back as. */
bool mtkfwi_port_pid_wanted(unsigned pid, bool da_port);

/* One look for a MediaTek serial port whose id mtkfwi_port_pid_wanted() accepts (sysfs on Linux,
 * SetupAPI on Windows). 0 and the port's path (malloc'd: "/dev/ttyACM0", "COM5"), or
 * NOTFOUND; `seen` (may be NULL, zeroed by the caller) gets what else was there. `where` (may
 * be NULL) moves /sys and /dev elsewhere, for tests. */
int mtkfwi_port_scan(char **out, bool da_port, struct port_seen *seen, const struct mtkfw_port_search *where);

/* The error when a wanted device was there but never got a port (this system's advice), and
 * how this system's users name a port on the command line ("--port PATH", "--port COMn"). */
int mtkfwi_port_nodeless_error(const struct port_seen *seen, unsigned wait_ms);
extern const char mtkfwi_port_hint[];

/*
 * One USB device as Windows' SetupAPI lists it: its hardware id ("USB\VID_0E8D&PID_0003&
 * REV_0100"), the COM port its driver made ("COM5"; NULL: none, e.g. no driver), and its
 * Device Manager problem code (0: none; 28: no driver installed). Portable, so that tests
 * replay recorded SetupAPI answers on any system.
 */
struct port_record {
	const char *hwid;
	const char *port;
	unsigned problem;
};

/* Pick the wanted port among `n` records, as mtkfwi_port_scan does: 0 and the port (malloc'd), or
 * NOTFOUND with `seen` (may be NULL) filled. */
int mtkfwi_port_pick(char **out, const struct port_record *r, size_t n, bool da_port, struct port_seen *seen);

/*
 * Wait up to `wait_ms` for the port that was `path` (device number `old`) to come back: the
 * same path naming a new device, or the same path after it vanished, or (once it vanished) a
 * MediaTek port elsewhere. Opens it as a tty transport: 0. A port that never went away within
 * `stay_ms` (the phone acknowledged the switch and stayed on the bus, as on one real phone:
 * docs/real-phones.md S3) is opened again as it is: 1. TIMEOUT with advice otherwise;
 * CANCELLED at the next look once `ctx`'s cancel flag is set (ctx may be NULL).
 */
int mtkfwi_port_wait_back(mtkfw_transport **out, const char *path, dev_t old, unsigned wait_ms, unsigned stay_ms,
			  const struct mtkfw_port_search *where, mtkfw_ctx *ctx);

#endif
