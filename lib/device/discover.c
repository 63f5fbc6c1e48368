/*
 * Finding the phone's port: look (mtkfwi_port_scan: sysfs on Linux, discover_sysfs_posix.c; SetupAPI
 * on Windows, discover_win32.c) until a MediaTek BROM or preloader port appears, then say what
 * was seen if none did. A live preloader's port lives a second or two, so the caller starts the
 * handshake the moment this returns.
 */
#include "core/file.h"
#include "core/internal.h"
#include "device/reenum.h"

#include <time.h>
#include <unistd.h>

/* Poll often: a preloader port that appears between two looks may be gone by the next. */
#define POLL_MS 20

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int mtkfw_device_find_port(char **out, unsigned wait_ms)
{
	return mtkfw_device_find_port_in(out, wait_ms, NULL, NULL);
}

int mtkfw_device_find_port_in(char **out, unsigned wait_ms, const struct mtkfw_port_search *where, mtkfw_ctx *ctx)
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
		/* Ctrl-C between two looks: the user gave up waiting (--wait may be minutes). */
		if ((rc = mtkfw_cancelled(ctx)))
			return rc;
		if (now_ms() >= deadline)
			break;
		usleep(POLL_MS * 1000);
	}
	if (seen.nodeless_pid)
		return mtkfwi_port_nodeless_error(&seen, wait_ms);
	if (seen.other_pid)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "a MediaTek port (0e8d:%04x) is there, but not the BROM or preloader: the phone "
				    "booted too far; power it off, hold Volume, then plug it in", seen.other_pid);
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
			    "no MediaTek BROM or preloader port appeared in %u ms: power the phone off, hold "
			    "Volume, then plug it in (or pass %s)", wait_ms, mtkfwi_port_hint);
}
