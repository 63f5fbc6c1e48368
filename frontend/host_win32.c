/* The computer's name (host.h), in UTF-8: Windows' wide call (the ANSI one and winsock's
 * gethostname lose names outside the code page). The DNS host name, as Linux's gethostname
 * gives it, rather than the upper-cased NetBIOS name: one shop keeps one name whichever
 * system indexes for it. */
#include "host.h"

#include <windows.h>

int mtkfw_frontend_host(char *buf, size_t len)
{
	wchar_t w[256];
	DWORD n = sizeof(w) / sizeof(w[0]);

	if (len < 2 || len > 0x7fffffff || !GetComputerNameExW(ComputerNameDnsHostname, w, &n) || !n)
		return -1;
	return WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)len, NULL, NULL) > 0 ? 0 : -1;
}
