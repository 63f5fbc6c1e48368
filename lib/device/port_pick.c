/*
 * Which USB ids are the phone's boot ports, and choosing one among the devices a system lists
 * (Windows' SetupAPI answers come here as records; the Linux sysfs scan asks the same table).
 */
#include "core/internal.h"
#include "device/reenum.h"

#include <stdio.h>
#include <strings.h>

/* MediaTek product ids of the ports a host flashes through (the ids mtkclient and SP Flash
 * Tool's drivers list for VID 0E8D). */
static const struct {
	uint16_t pid;
	bool da_only; /* taken only when following a phone that re-enumerated */
	const char *what;
} mtk_pids[] = {
	{ 0x0003, false, "BROM" },
	{ 0x2000, false, "preloader" },
	{ 0x6000, false, "preloader (newer chips)" },
	{ 0x20FF, false, "preloader" },
	{ 0x3000, false, "preloader" },
	/* The DA's VCOM; which stage of an MT6572 uses it is UNSURE (spec §1.1). */
	{ 0x2001, true, "DA" },
};

bool mtkfwi_port_pid_wanted(unsigned pid, bool da_port)
{
	for (size_t i = 0; i < sizeof(mtk_pids) / sizeof(mtk_pids[0]); i++)
		if (mtk_pids[i].pid == pid)
			return da_port || !mtk_pids[i].da_only;
	return false;
}

/* "...VID_0E8D&PID_0003..." (any case) -> ids; -1 when the hardware id has none. */
static int hwid_ids(const char *hwid, unsigned *vid, unsigned *pid)
{
	const char *v = NULL, *p = NULL;

	for (const char *s = hwid; *s; s++) {
		if (!v && !strncasecmp(s, "VID_", 4))
			v = s + 4;
		if (!p && !strncasecmp(s, "PID_", 4))
			p = s + 4;
	}
	if (!v || !p || strspn(v, "0123456789abcdefABCDEF") < 4 || strspn(p, "0123456789abcdefABCDEF") < 4)
		return -1;
	if (sscanf(v, "%4x", vid) != 1 || sscanf(p, "%4x", pid) != 1)
		return -1;
	return 0;
}

/* A COM port name as SetupAPI's PortName gives it: "COM" and a number. */
static bool com_name_ok(const char *port)
{
	size_t n = port ? strlen(port) : 0;

	return n > 3 && n < 16 && !strncasecmp(port, "COM", 3) && strspn(port + 3, "0123456789") == n - 3;
}

static const char *problem_text(unsigned problem)
{
	switch (problem) {
	case 0:
		return "no COM port";
	case 1:
	case 28:
		return "no driver installed";
	case 10:
		return "the driver could not start it";
	case 22:
		return "disabled in Device Manager";
	case 31:
		return "its driver failed to load";
	default:
		return "a driver problem";
	}
}

int mtkfwi_port_pick(char **out, const struct port_record *r, size_t n, bool da_port, struct port_seen *seen)
{
	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned vid, pid;

		if (!r[i].hwid || hwid_ids(r[i].hwid, &vid, &pid) || vid != MTK_USB_VID)
			continue;
		if (!mtkfwi_port_pid_wanted(pid, da_port)) {
			if (seen)
				seen->other_pid = pid;
			continue;
		}
		if (!r[i].problem && com_name_ok(r[i].port)) {
			*out = mtkfw_strdup(r[i].port);
			return *out ? 0 : MTKFW_ERR_NOMEM;
		}
		/* The phone is on the bus but Windows made no port for it: a driver matter. */
		if (seen && !seen->nodeless_pid) {
			seen->nodeless_pid = pid;
			snprintf(seen->nodeless, sizeof(seen->nodeless), "%.63s", r[i].hwid);
			if (r[i].problem)
				snprintf(seen->node, sizeof(seen->node), "%s (Device Manager problem code %u)",
					 problem_text(r[i].problem), r[i].problem);
			else
				snprintf(seen->node, sizeof(seen->node), "%s", problem_text(0));
		}
	}
	return MTKFW_ERR_NOTFOUND;
}
