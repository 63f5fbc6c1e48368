/* The computer's name (host.h), in UTF-8: Windows' wide call (the ANSI one and winsock's
 * gethostname lose names outside the code page). */
#include "host.h"

#include <windows.h>

int mtkfw_frontend_host(char *buf, size_t len)
{
	wchar_t w[MAX_COMPUTERNAME_LENGTH + 1];
	DWORD n = MAX_COMPUTERNAME_LENGTH + 1;

	if (len < 2 || len > 0x7fffffff || !GetComputerNameW(w, &n) || !n)
		return -1;
	return WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)len, NULL, NULL) > 0 ? 0 : -1;
}
