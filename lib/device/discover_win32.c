/*
 * Finding the phone's port on Windows: SetupAPI lists the USB devices present; a MediaTek boot
 * port's driver (MediaTek VCOM, or usbser.sys through an .inf) gives it a COM port, written in
 * the device's registry key as PortName. Each device becomes a port_record and mtkfwi_port_pick()
 * (portable, tested on recorded answers) chooses, so this file only asks Windows.
 */
#include <windows.h>
#include <cfgmgr32.h>
#include <setupapi.h>

#include "core/internal.h"
#include "device/reenum.h"

#include <stdio.h>

const char mtkfwi_port_hint[] = "--port COMn";

/* Bounds one look: a PC has tens of USB devices, not thousands. */
#define MAX_DEVICES 512

struct found {
	char hwid[256];
	char port[32];
	unsigned problem;
};

static void utf8_of(char *dst, size_t n, const wchar_t *w)
{
	if (!WideCharToMultiByte(CP_UTF8, 0, w, -1, dst, (int)n, NULL, NULL))
		dst[0] = 0;
}

static void read_device(HDEVINFO set, SP_DEVINFO_DATA *dev, struct found *f)
{
	wchar_t buf[512];
	DWORD type, size = 0;
	ULONG status = 0, problem = 0;
	HKEY key;

	memset(f, 0, sizeof(*f));
	/* The hardware ids are a multi-string, most specific first. */
	if (SetupDiGetDeviceRegistryPropertyW(set, dev, SPDRP_HARDWAREID, &type, (BYTE *)buf, sizeof(buf) - 4, &size)) {
		buf[sizeof(buf) / sizeof(buf[0]) - 1] = 0;
		utf8_of(f->hwid, sizeof(f->hwid), buf);
	}
	if (CM_Get_DevNode_Status(&status, &problem, dev->DevInst, 0) == CR_SUCCESS && (status & DN_HAS_PROBLEM))
		f->problem = (unsigned)problem;
	key = SetupDiOpenDevRegKey(set, dev, DICS_FLAG_GLOBAL, 0, DIREG_DEV, KEY_READ);
	if (key != INVALID_HANDLE_VALUE) {
		size = sizeof(buf) - sizeof(buf[0]);
		if (RegQueryValueExW(key, L"PortName", NULL, &type, (BYTE *)buf, &size) == ERROR_SUCCESS && type == REG_SZ) {
			buf[size / sizeof(buf[0])] = 0;
			utf8_of(f->port, sizeof(f->port), buf);
		}
		RegCloseKey(key);
	}
}

int mtkfwi_port_scan(char **out, bool da_port, struct port_seen *seen, const struct mtkfw_port_search *where)
{
	/* Present USB devices of every class: one without a driver sits in no "Ports" class. */
	HDEVINFO set = SetupDiGetClassDevsW(NULL, L"USB", NULL, DIGCF_ALLCLASSES | DIGCF_PRESENT);
	struct found *f;
	struct port_record *r;
	size_t n = 0;
	int rc;

	(void)where; /* sysfs and /dev roots mean nothing here */
	*out = NULL;
	if (set == INVALID_HANDLE_VALUE)
		return MTKFW_ERR_NOTFOUND;
	f = mtkfw_calloc(MAX_DEVICES, sizeof(*f));
	r = mtkfw_calloc(MAX_DEVICES, sizeof(*r));
	if (!f || !r) {
		free(f);
		free(r);
		SetupDiDestroyDeviceInfoList(set);
		return MTKFW_ERR_NOMEM;
	}
	for (DWORD i = 0; n < MAX_DEVICES; i++) {
		SP_DEVINFO_DATA dev = { .cbSize = sizeof(dev) };

		if (!SetupDiEnumDeviceInfo(set, i, &dev))
			break;
		read_device(set, &dev, &f[n]);
		r[n].hwid = f[n].hwid;
		r[n].port = f[n].port[0] ? f[n].port : NULL;
		r[n].problem = f[n].problem;
		n++;
	}
	SetupDiDestroyDeviceInfoList(set);
	rc = mtkfwi_port_pick(out, r, n, da_port, seen);
	free(f);
	free(r);
	return rc;
}

int mtkfwi_port_nodeless_error(const struct port_seen *seen, unsigned wait_ms)
{
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
			    "a MediaTek device (0e8d:%04x) is connected but Windows gave it no COM port in %u ms "
			    "(%s): its driver is missing; install MediaTek's VCOM driver (Windows Update offers it) "
			    "or the usbser driver in mtkfw's zip (README-windows.txt), then plug it in again",
			    seen->nodeless_pid, wait_ms, seen->node);
}
