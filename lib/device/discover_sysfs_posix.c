/*
 * Finding the phone's port on Linux: a CDC-ACM tty in sysfs whose USB device is one of
 * MediaTek's boot ports (mtkfwi_port_pid_wanted). discover.c waits and words the errors.
 */
#include "core/internal.h"
#include "device/reenum.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

const char mtkfwi_port_hint[] = "--port PATH";

/* The system's roots; a test passes others (struct mtkfw_port_search). */
#define SYS_ROOT "/sys"
#define DEV_ROOT "/dev"

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
		if (mtkfwi_port_pid_wanted(pid, da_port)) {
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

int mtkfwi_port_nodeless_error(const struct port_seen *seen, unsigned wait_ms)
{
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
			    "%s (0e8d:%04x) is on the bus but %s never appeared in %u ms: udev rules, or a "
			    "container without /dev access? (or pass --port PATH)",
			    seen->nodeless, seen->nodeless_pid, seen->node, wait_ms);
}
