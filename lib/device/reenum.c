/*
 * Waiting for a phone that left the bus on purpose (the DA's switch to USB high speed) to come
 * back. Its old port must not be mistaken for the new one: the same path counts only once it
 * names another device, or after it was seen gone; a MediaTek port under another name counts
 * once the old one has gone.
 */
#include "device/reenum.h"
#include "core/internal.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Re-enumeration takes a real phone some hundreds of milliseconds; look every 10 ms so a
 * port that appears is taken at once. */
#define POLL_MS 10

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int mtkfwi_port_wait_back(mtkfw_transport **out, const char *path, dev_t old, unsigned wait_ms, unsigned stay_ms,
			  const struct mtkfw_port_search *where, mtkfw_ctx *ctx)
{
	uint64_t start = now_ms(), deadline = start + wait_ms;
	bool gone = false;
	int rc;

	*out = NULL;
	for (;;) {
		struct stat st;
		char *other = NULL;

		if (stat(path, &st) != 0)
			gone = true;
		else if ((gone || st.st_rdev != old) && mtkfw_transport_open_tty(out, path) == 0)
			return 0;
		else if (!gone && st.st_rdev == old && now_ms() >= start + stay_ms &&
			 mtkfw_transport_open_tty(out, path) == 0)
			return 1; /* never left: the same device, still there */
		if (gone && mtkfwi_port_scan(&other, true, NULL, where) == 0) {
			rc = strcmp(other, path) ? mtkfw_transport_open_tty(out, other) : -1;
			free(other);
			if (rc == 0)
				return 0;
		}
		/* A port that appeared but does not open yet (udev still setting its group) is
		 * tried again on the next look. */
		mtkfw_error_clear();
		/* Ctrl-C while the phone is away: stop now, not at the end of the wait. */
		if ((rc = mtkfw_cancelled(ctx)))
			return rc;
		if (now_ms() >= deadline)
			break;
		usleep(POLL_MS * 1000);
	}
	return mtkfw_seterr(MTKFW_ERR_TIMEOUT,
			    "%s: the phone did not come back within %u ms after switching to USB high speed; "
			    "unplug it and start again with --usb-speed full", path, wait_ms);
}
