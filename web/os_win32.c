/* The web's OS calls (os.h) that differ by system: Windows (os_posix.c is the POSIX side). */
#include "os.h"

#include "core/internal.h"

#include <mtkfw/error.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <windows.h>
#include <bcrypt.h>
#include <shellapi.h>

int web_random(uint8_t *buf, size_t n)
{
	/* The system's preferred generator (what rand_s and CryptGenRandom draw from), by
	 * pieces: its length is a ULONG. */
	while (n > 0) {
		ULONG piece = n > 0x40000000u ? 0x40000000u : (ULONG)n;
		NTSTATUS st = BCryptGenRandom(NULL, buf, piece, BCRYPT_USE_SYSTEM_PREFERRED_RNG);

		if (st < 0)
			return mtkfw_seterr(MTKFW_ERR_IO, "BCryptGenRandom: status 0x%08lx", (unsigned long)st);
		buf += piece;
		n -= piece;
	}
	return 0;
}

int web_check_serial_port(const char *name)
{
	const char *n = name;
	unsigned long num;
	char *end;

	/* The names the serial transport opens (lib/device/transport_tty_win32.c): COMn, and
	 * \\.\COMn, the form that reaches COM10 and above. Nothing else opens as a port. */
	if (!strncmp(n, "\\\\.\\", 4))
		n += 4;
	if (strncasecmp(n, "COM", 3) != 0 || n[3] < '1' || n[3] > '9' || (num = strtoul(n + 3, &end, 10)) > 255 || *end)
		return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: not a serial port (COMn)", name);
	return 0;
}

char *web_temp_dir(void)
{
	wchar_t wbase[MAX_PATH + 1];
	DWORD n = GetTempPathW(MAX_PATH + 1, wbase);
	char *base, *tmpl;
	size_t len;

	if (!n || n > MAX_PATH) {
		mtkfw_seterr(MTKFW_ERR_IO, "GetTempPath: error %lu", (unsigned long)GetLastError());
		return NULL;
	}
	if (!(base = mtkfw_win_utf8(wbase)))
		return NULL;
	/* GetTempPath ends in a backslash. */
	len = strlen(base) + sizeof("mtkfw-web-XXXXXX");
	if ((tmpl = malloc(len)) != NULL)
		snprintf(tmpl, len, "%smtkfw-web-XXXXXX", base);
	free(base);
	if (!tmpl) {
		mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (!mkdtemp(tmpl)) {
		mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", tmpl, strerror(errno));
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

int web_open_browser(const char *url)
{
	wchar_t *w = mtkfw_win_wide(url);
	HINSTANCE h;

	if (!w)
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
	/* The user's default browser, as a double click on a link would open it. */
	h = ShellExecuteW(NULL, L"open", w, NULL, NULL, SW_SHOWNORMAL);
	free(w);
	/* ShellExecute's answer is a number, above 32 on success. */
	if ((INT_PTR)h <= 32)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "no browser opened the page (ShellExecute error %d; open %s "
							"yourself)", (int)(INT_PTR)h, url);
	return 0;
}

uint64_t web_now_ms(void)
{
	return GetTickCount64();
}

void web_stop_on_signals(void)
{
}

void web_stop_signals_block(bool block)
{
	(void)block;
}

void web_wait_for_stop(int (*asked)(void))
{
	while (!(asked && asked()))
		Sleep(100);
}
