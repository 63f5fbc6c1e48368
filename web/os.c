/* The web's OS calls (os.h) that are the same on every system: through lib/core's OS seam
 * (core/os_win32.h gives the Windows build these POSIX names over the wide API). The rest
 * is os_posix.c or os_win32.c. */
#include "os.h"

#include "core/file.h"
#include "core/internal.h"
#include "core/os.h"

#include <mtkfw/error.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *web_realpath(const char *path)
{
	char *r = realpath(path, NULL);

	if (!r)
		mtkfw_seterr(errno == ENOENT || errno == ENOTDIR ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", path,
			     strerror(errno));
	return r;
}

bool web_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int web_list_dir(const char *dir, size_t max, int (*each)(const struct web_dirent *e, void *user), void *user)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;
	int rc = 0;

	if (!d)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		struct web_dirent e = { de->d_name, false, 0 };
		struct stat st;
		char *full;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n++ >= max) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %zu entries", dir, max);
			break;
		}
		full = mtkfw_path_join(dir, de->d_name);
		/* stat, not lstat: a link to a folder is shown as the folder it leads to; where it
		 * leads is checked against the roots when it is opened. */
		if (full && stat(full, &st) == 0) {
			e.dir = S_ISDIR(st.st_mode);
			e.size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
		}
		free(full);
		rc = each(&e, user);
	}
	closedir(d);
	return rc;
}

static int remove_one(const struct web_dirent *e, void *user)
{
	char *full = mtkfw_path_join(user, e->name);

	if (full)
		unlink(full);
	free(full);
	return 0;
}

void web_temp_dir_remove(const char *dir)
{
	if (!dir)
		return;
	web_list_dir(dir, 100000, remove_one, (void *)dir);
	rmdir(dir);
}

int web_parse_listen(const char *text, struct web_listen *out)
{
	char addr[48]; /* the longest IPv6 text is 45 */
	const char *colon;
	unsigned long port;
	char *end;

	_Static_assert(sizeof(out->addr) >= sizeof(struct sockaddr_in6), "web_listen.addr holds a sockaddr_in6");
	memset(out, 0, sizeof(*out));
	out->v6 = text[0] == '[';
	colon = out->v6 ? strstr(text, "]:") : strrchr(text, ':');
	if (!colon || colon == text || (size_t)(colon - text) >= sizeof(addr))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: give ADDRESS:PORT, e.g. 127.0.0.1:8080", text);
	if (out->v6) {
		memcpy(addr, text + 1, (size_t)(colon - text - 1));
		addr[colon - text - 1] = '\0';
		colon++;
	} else {
		memcpy(addr, text, (size_t)(colon - text));
		addr[colon - text] = '\0';
	}
	port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || colon[1] == '-' || colon[1] == '+' || port > 65535)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: the port must be a number from 0 to 65535", text);
	out->port = (unsigned)port;
	if (out->v6) {
		struct sockaddr_in6 a = { 0 };

		if (inet_pton(AF_INET6, addr, &a.sin6_addr) != 1)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not an IPv6 address", text);
		if (!IN6_IS_ADDR_LOOPBACK(&a.sin6_addr))
			return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: not a loopback address; mtkfw web serves this "
							       "computer only (127.0.0.1 or [::1])", text);
		a.sin6_family = AF_INET6;
		a.sin6_port = htons((uint16_t)port);
		memcpy(out->addr, &a, sizeof(a));
	} else {
		struct sockaddr_in a = { 0 };

		if (inet_pton(AF_INET, addr, &a.sin_addr) != 1)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not an IPv4 address (a name such as localhost is "
							       "not taken: give 127.0.0.1)", text);
		if ((ntohl(a.sin_addr.s_addr) >> 24) != 127)
			return mtkfw_seterr(MTKFW_ERR_REFUSED, "%s: not a loopback address; mtkfw web serves this "
							       "computer only (127.0.0.1 or [::1])", text);
		a.sin_family = AF_INET;
		a.sin_port = htons((uint16_t)port);
		memcpy(out->addr, &a, sizeof(a));
	}
	snprintf(out->host, sizeof(out->host), "%s%s%s", out->v6 ? "[" : "", addr, out->v6 ? "]" : "");
	return 0;
}

int web_make_dirs(const char *path)
{
	char buf[4096];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: path too long", path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (mtkfw_os_is_sep(*p)) {
			char sep = *p;

			*p = '\0';
			/* A part that exists is left alone: "C:" is no folder mkdir could make. */
			if (!web_is_dir(buf) && mkdir(buf, 0700) != 0 && errno != EEXIST)
				return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", buf, strerror(errno));
			*p = sep;
		}
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", buf, strerror(errno));
	return 0;
}

bool web_exists(const char *path)
{
	return access(path, F_OK) == 0;
}
