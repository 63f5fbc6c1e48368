/*
 * DA2's USB speed (spec §4.7.1-4.7.2, design item 12): USB_CHECK_STATUS (72) says whether the
 * phone runs at full (0) or high speed (1); USB_SETUP_PORT (70 01) makes a full-speed phone
 * leave the bus and re-enumerate at high speed. Real MT6572s come up at full speed in BROM mode
 * (about 1 MB/s), so long jobs ask for the switch (the CLI decides); technicians cure errors 1013
 * and 4032 at full speed, and other tools hang in the switch, so a switch that fails (refused,
 * ignored, unanswered) falls back to full speed with one line, the port is awaited a bounded
 * time, and a phone that never comes back gets the advice to start again at full speed.
 */
#include "device/da_legacy.h"
#include "device/device_internal.h"
#include "device/transport.h"
#include "core/internal.h"

#include <stdio.h>
#include <strings.h>

/* A real phone is back within a second or two; ten leave room for a slow udev. */
#define REENUM_WAIT_MS 10000

const char *mtkfw_usb_speed_name(int speed)
{
	switch (speed) {
	case MTKFW_USB_KEEP: return "keep";
	case MTKFW_USB_FULL: return "full";
	case MTKFW_USB_HIGH: return "high";
	default: return "unknown";
	}
}

int mtkfw_usb_speed_parse(const char *word)
{
	for (int v = MTKFW_USB_KEEP; word && v <= MTKFW_USB_HIGH; v++)
		if (!strcasecmp(word, mtkfw_usb_speed_name(v)))
			return v;
	return -1;
}

/* USB_CHECK_STATUS's answer: 0 full speed, anything else high speed. */
static int speed_of(uint8_t reported)
{
	return reported ? MTKFW_USB_HIGH : MTKFW_USB_FULL;
}

static int check_status(mtkfw_transport *t, uint8_t *speed)
{
	static const uint8_t cmd = 0x72;
	uint8_t b[2];

	if (mtkfw_transport_write(t, &cmd, 1) || mtkfw_transport_read(t, b, 2, DA_TIMEOUT_MS))
		return mtkfw_seterr_prefix("USB_CHECK_STATUS");
	if (b[0] != DA_ACK)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "USB_CHECK_STATUS: the DA answered %02x instead of ACK 5a", b[0]);
	*speed = b[1];
	return 0;
}

/* 70 01: ACK (the phone then leaves the bus, or says it will), another byte (it refuses), or
 * silence (*answered false; it stays). */
static int setup_port(mtkfw_transport *t, uint8_t *reply, bool *answered)
{
	static const uint8_t cmd[2] = { 0x70, 0x01 };
	int r;

	if (mtkfw_transport_write(t, cmd, 2))
		return mtkfw_seterr_prefix("USB_SETUP_PORT");
	r = t->ops->read(t->self, reply, 1, DA_TIMEOUT_MS);
	if (r < 0)
		return mtkfw_seterr_prefix("USB_SETUP_PORT");
	*answered = r > 0;
	return 0;
}

/* The switch did not happen: the DA must still answer where it was, at full speed. One line
 * says why, and the session goes on (long jobs take longer, nothing else changes). */
static int stay_full(mtkfw_device *d, mtkfw_ctx *ctx, const char *why)
{
	uint8_t speed;
	int rc = check_status(d->t, &speed);

	if (rc) {
		char msg[256];

		snprintf(msg, sizeof(msg), "%s", mtkfw_error_last()->message);
		return mtkfw_seterr(rc, "%s, and then its DA did not answer (%s); unplug it and start again with "
				    "--usb-speed full", why, msg);
	}
	d->info.usb_speed = speed_of(speed);
	mtkfw_log(ctx, MTKFW_LOG_WARN, "%s; going on at USB %s speed", why, mtkfw_usb_speed_name(speed_of(speed)));
	return 0;
}

int mtkfwi_device_usb_stage(mtkfw_device *d, const struct mtkfw_device_opts *o, mtkfw_ctx *ctx)
{
	struct mtkfw_device_info *in = &d->info;
	uint8_t speed, reply;
	bool answered = false;
	int rc;

	if ((rc = check_status(d->t, &speed)))
		return rc;
	in->usb_speed_known = true;
	in->usb_speed = speed_of(speed);
	if (speed != 0) {
		if (o->usb_speed == MTKFW_USB_FULL)
			mtkfw_log(ctx, MTKFW_LOG_INFO, "the phone runs at USB %s speed already; --usb-speed full only keeps "
				  "mtkfw from switching (a USB 1.1 hub forces full speed)", mtkfw_usb_speed_name(speed_of(speed)));
		return 0;
	}
	if (o->usb_speed != MTKFW_USB_HIGH)
		return 0;
	if ((rc = setup_port(d->t, &reply, &answered)))
		return rc;
	/* A real phone's switch can fail and its session go on (docs/real-phones.md S3): full
	 * speed works, only slower. */
	if (!answered)
		return stay_full(d, ctx, "the DA did not answer the switch to USB high speed");
	if (reply != DA_ACK) {
		char why[64];

		snprintf(why, sizeof(why), "the DA refused USB high speed (%02x)", reply);
		return stay_full(d, ctx, why);
	}
	mtkfw_log(ctx, MTKFW_LOG_INFO, "switching to USB high speed: waiting for the phone's port to come back");
	rc = mtkfwi_transport_reopen(d->t, o->reenum_wait_ms ? o->reenum_wait_ms : REENUM_WAIT_MS, &o->ports, ctx);
	if (rc < 0)
		return rc;
	if (rc == 1)
		return stay_full(d, ctx, "the phone acknowledged the switch to USB high speed but stayed on its port");
	/*
	 * UNSURE (spec §4.7.2 says only that the phone re-enumerates): the DA is taken to keep its
	 * state and go on with its command loop on the new port, with no new handshake; that is
	 * what mtkclient does, asking USB_CHECK_STATUS again first.
	 */
	if ((rc = check_status(d->t, &speed))) {
		char why[256];

		snprintf(why, sizeof(why), "%s", mtkfw_error_last()->message);
		return mtkfw_seterr(rc, "the phone came back after the switch to USB high speed, but its DA does not "
				    "answer (%s); unplug it and start again with --usb-speed full", why);
	}
	in->usb_speed = speed_of(speed);
	/* Switched means faster now; a phone back at full speed has fallen back like the rest. */
	in->usb_switched = speed != 0;
	if (speed == 0)
		mtkfw_log(ctx, MTKFW_LOG_WARN,
			  "the phone came back after the switch, but at USB full speed; going on at USB full speed");
	return 0;
}

const char *mtkfwi_transport_port(const mtkfw_transport *t)
{
	return t && t->ops->port ? t->ops->port(t->self) : NULL;
}

/* After a switch to high speed the phone may come back under another name: the session's
 * transport knows where it went, the caller's --port or found path does not. */
const char *mtkfw_device_port(const mtkfw_device *dev)
{
	return dev ? mtkfwi_transport_port(dev->t) : NULL;
}
