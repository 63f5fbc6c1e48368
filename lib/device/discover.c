/*
 * Finding the phone's port through sysfs: a CDC-ACM tty whose USB device is MediaTek's BROM
 * (0E8D:0003) or preloader (0E8D:2000). A live preloader's port lives a second or two, so the
 * caller starts the handshake the moment this returns.
 */
#include "core/file.h"
#include "core/internal.h"
#include "device/reenum.h"

#include <dirent.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* The system's roots; a test passes others (struct mtkfw_port_search). */
#define SYS_ROOT "/sys"
#define DEV_ROOT "/dev"
/* Poll often: a preloader port that appears between two looks may be gone by the next. */
#define POLL_MS 20

static int read_hex_attr(const char *path, unsigned *out)
{
	char buf[16];
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, sizeof(buf), f) != NULL;
	fclose(f);
	return ok && sscanf(buf, "%x", out) == 1 ? 0 : -1;
}

/* The USB ids of a tty: its device is the interface; the ids sit one level up. */
static int tty_ids(const char *tty_dir, const char *name, unsigned *vid, unsigned *pid)
{
	char p[4096];

	if ((size_t)snprintf(p, sizeof(p), "%s/%s/device/../idVendor", tty_dir, name) >= sizeof(p) ||
	    read_hex_attr(p, vid))
		return -1;
	if ((size_t)snprintf(p, sizeof(p), "%s/%s/device/../idProduct", tty_dir, name) >= sizeof(p))
		return -1;
	return read_hex_attr(p, pid);
}

static const char *root_or(const char *root, const char *dflt)
{
	return root && *root ? root : dflt;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int mtkfwi_port_scan(char **out, bool da_port, struct port_seen *seen, const struct mtkfw_port_search *where)
{
	const char *dev = root_or(where ? where->dev_root : NULL, DEV_ROOT);
	char tty_dir[4096];
	DIR *d;
	struct dirent *e;

	*out = NULL;
	if ((size_t)snprintf(tty_dir, sizeof(tty_dir), "%s/class/tty",
			     root_or(where ? where->sysfs_root : NULL, SYS_ROOT)) >= sizeof(tty_dir))
		return MTKFW_ERR_NOTFOUND;
	d = opendir(tty_dir);
	while (d && (e = readdir(d))) {
		unsigned vid, pid;

		if (strncmp(e->d_name, "ttyACM", 6) != 0 || tty_ids(tty_dir, e->d_name, &vid, &pid))
			continue;
		if (vid != 0x0E8D)
			continue;
		/* 2001: the DA's VCOM; which stage of an MT6572 uses it is UNSURE (spec §1.1). */
		if (pid == 0x0003 || pid == 0x2000 || (da_port && pid == 0x2001)) {
			size_t n = strlen(dev) + strlen(e->d_name) + 2;

			if (!(*out = mtkfw_calloc(1, n))) {
				closedir(d);
				return MTKFW_ERR_NOMEM;
			}
			snprintf(*out, n, "%s/%s", dev, e->d_name);
			/* sysfs shows the port a moment before its /dev node exists: opening now
			 * would fail with "no such port", so take it on a later look. Remember it: a
			 * node that never comes is a host problem (udev, a container), not the phone's. */
			if (access(*out, F_OK) == 0) {
				closedir(d);
				return 0;
			}
			if (seen && !seen->nodeless_pid) {
				seen->nodeless_pid = pid;
				snprintf(seen->nodeless, sizeof(seen->nodeless), "%s", e->d_name);
				snprintf(seen->node, sizeof(seen->node), "%s", *out);
			}
			free(*out);
			*out = NULL;
			continue;
		}
		if (seen)
			seen->other_pid = pid;
	}
	if (d)
		closedir(d);
	return MTKFW_ERR_NOTFOUND;
}

int mtkfw_device_find_port(char **out, unsigned wait_ms)
{
	return mtkfw_device_find_port_in(out, wait_ms, NULL);
}

int mtkfw_device_find_port_in(char **out, unsigned wait_ms, const struct mtkfw_port_search *where)
{
	uint64_t deadline = now_ms() + wait_ms;
	struct port_seen seen = { 0 };

	if (!out)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "find port: bad arguments");
	*out = NULL;
	for (;;) {
		unsigned other = seen.other_pid;
		int rc;

		/* A port without its node counts on the last look only (it may have left the bus
		 * since); a port of another kind, on any look. */
		memset(&seen, 0, sizeof(seen));
		seen.other_pid = other;
		rc = mtkfwi_port_scan(out, false, &seen, where);
		if (rc != MTKFW_ERR_NOTFOUND)
			return rc;
		if (now_ms() >= deadline)
			break;
		usleep(POLL_MS * 1000);
	}
	if (seen.nodeless_pid)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "%s (0e8d:%04x) is on the bus but %s never appeared in %u ms: udev rules, or a "
				    "container without /dev access? (or pass --port PATH)",
				    seen.nodeless, seen.nodeless_pid, seen.node, wait_ms);
	if (seen.other_pid)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "a MediaTek port (0e8d:%04x) is there, but not the BROM or preloader: the phone "
				    "booted too far; power it off, hold Volume, then plug it in", seen.other_pid);
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
			    "no MediaTek BROM or preloader port appeared in %u ms: power the phone off, hold "
			    "Volume, then plug it in (or pass --port PATH)", wait_ms);
}
