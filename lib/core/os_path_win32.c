/*
 * The OS seam's path rules on Windows (os.h). Windows reads a path in ways POSIX does not:
 * '\\' separates, "C:" and "\\\\server\\" leave the folder, "name:stream" writes a hidden
 * stream, CON/NUL/COM1 (with any extension) are devices in every folder, and a trailing dot or
 * space is trimmed, so ".. " is "..". A member name from an input file must not use any of it.
 */
#include "core/os.h"

#include <string.h>
#include <strings.h>

bool mtkfw_os_is_sep(char c)
{
	return c == '/' || c == '\\';
}

bool mtkfw_os_is_absolute(const char *path)
{
	char d = path[0];

	if (mtkfw_os_is_sep(d))
		return true;
	return ((d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z')) && path[1] == ':' && mtkfw_os_is_sep(path[2]);
}

/* CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and COM/LPT with a superscript 1, 2 or 3), alone or
 * before a dot ("nul.txt" is NUL too). */
static bool device_name(const char *c, size_t n)
{
	static const char *const three[] = { "CON", "PRN", "AUX", "NUL" };
	size_t stem = 0;

	while (stem < n && c[stem] != '.')
		stem++;
	for (size_t i = 0; i < 4; i++)
		if (stem == 3 && !strncasecmp(c, three[i], 3))
			return true;
	if (stem < 4 || (strncasecmp(c, "COM", 3) && strncasecmp(c, "LPT", 3)))
		return false;
	if (stem == 4)
		return c[3] >= '0' && c[3] <= '9';
	/* UTF-8 superscripts: C2 B9, C2 B2, C2 B3 */
	return stem == 5 && (unsigned char)c[3] == 0xC2 &&
	       ((unsigned char)c[4] == 0xB9 || (unsigned char)c[4] == 0xB2 || (unsigned char)c[4] == 0xB3);
}

const char *mtkfw_os_member_refused(const char *rel)
{
	const char *c = rel;

	if (rel[0] == '\\')
		return "an absolute name (leading backslash)";
	if (strpbrk(rel, ":"))
		return "a ':' (a drive letter or a file stream on Windows)";
	if (strpbrk(rel, "<>\"|?*"))
		return "a character Windows forbids in names (<>\"|?*)";
	while (*c) {
		size_t n = strcspn(c, "/\\");

		if (n && device_name(c, n))
			return "a Windows device name (CON, NUL, COM1...)";
		/* "." alone is harmless; anything else ending in a dot or space is trimmed by
		 * Windows, and ".. " would become "..". */
		if (n && !(n == 1 && c[0] == '.') && (c[n - 1] == '.' || c[n - 1] == ' '))
			return "a component ending in a dot or space (Windows trims it)";
		c += n;
		while (*c == '/' || *c == '\\')
			c++;
	}
	return NULL;
}
