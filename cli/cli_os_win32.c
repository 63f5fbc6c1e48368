/*
 * The CLI's start-up on Windows (cli_os.h). The library takes UTF-8 paths; Windows hands a
 * program its command line in UTF-16 (the narrow argv is in the ANSI code page, which cannot
 * name "固件" on a Russian Windows), so the arguments are rebuilt from GetCommandLineW.
 */
#include <windows.h>
#include <shellapi.h>

#include "cli_os.h"

#include <fcntl.h>
#include <io.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void utf8_args(int *argc, char ***argv)
{
	int n = 0;
	wchar_t **w = CommandLineToArgvW(GetCommandLineW(), &n);
	char **a;

	if (!w)
		return;
	/* Kept for the whole run, as a C runtime keeps argv. */
	if (!(a = calloc((size_t)n + 1, sizeof(*a)))) {
		LocalFree(w);
		return;
	}
	for (int i = 0; i < n; i++)
		if (!(a[i] = mtkfw_win_utf8(w[i]))) {
			LocalFree(w);
			return; /* keep the CRT's arguments: wrong for some names, but whole */
		}
	LocalFree(w);
	*argc = n;
	*argv = a;
}

/* Colours need a console that understands ANSI sequences (Windows 10 and later, once asked). */
static void console_colours(void)
{
	HANDLE h = GetStdHandle(STD_ERROR_HANDLE);
	DWORD mode;

	if (h == INVALID_HANDLE_VALUE || !GetConsoleMode(h, &mode))
		return; /* not a console: isatty() already says so */
	if (!SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING))
		_putenv("NO_COLOR=1");
}

/* NAME=VALUE in the environment unless NAME is set already (and not empty). */
static void set_unless_set(const wchar_t *name, const wchar_t *value)
{
	const wchar_t *v = _wgetenv(name);
	size_t n;
	wchar_t *kv;

	if ((v && *v) || !value || !*value)
		return;
	n = wcslen(name) + wcslen(value) + 2;
	if (!(kv = malloc(n * sizeof(*kv))))
		return;
	_snwprintf(kv, n, L"%ls=%ls", name, value);
	kv[n - 1] = 0;
	_wputenv(kv);
	free(kv);
}

/* %LOCALAPPDATA% for the XDG folders the library and the CLI look in, and %USERPROFILE% for
 * HOME (mtkfw web's default folder), unless set. */
static void default_folders(void)
{
	const wchar_t *local = _wgetenv(L"LOCALAPPDATA");

	set_unless_set(L"XDG_DATA_HOME", local);
	set_unless_set(L"XDG_STATE_HOME", local);
	set_unless_set(L"HOME", _wgetenv(L"USERPROFILE"));
}

void cli_os_init(int *argc, char ***argv)
{
	utf8_args(argc, argv);
	/* Bytes out as written: "\n" stays "\n" (as on Linux, and what JSON readers expect). */
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	SetConsoleOutputCP(CP_UTF8);
	console_colours();
	default_folders();
}

static void (*stop_handler)(int sig);

/* Runs on a thread Windows starts for the event. TRUE: handled, the program goes on to its
 * next safe point. */
static BOOL WINAPI on_console_event(DWORD event)
{
	switch (event) {
	case CTRL_C_EVENT:
		stop_handler(SIGINT);
		return TRUE;
	case CTRL_BREAK_EVENT:
		stop_handler(SIGTERM);
		return TRUE;
	default:
		/* Close, logoff, shutdown: Windows ends the process once this returns. Give the
		 * work its safe point, then the at-once path (which does not return). */
		stop_handler(SIGTERM);
		Sleep(3000);
		stop_handler(SIGTERM);
		return TRUE;
	}
}

void cli_os_catch_stop(void (*on_stop)(int sig))
{
	if (stop_handler)
		return;
	stop_handler = on_stop;
	/* A program started with Ctrl-C ignored (SetConsoleCtrlHandler(NULL, TRUE) inherited)
	 * is not sent CTRL_C_EVENT at all: the same rule as an ignored SIGINT on POSIX. */
	SetConsoleCtrlHandler(on_console_event, TRUE);
}
