/*
 * mtkfw web: the toolkit as a local web page (cli/cmd_web.c starts it). A libmicrohttpd server
 * on a loopback address, a random token, pages embedded in the binary, a JSON API under
 * /api/v1/ that answers what the CLI's --json answers, and device jobs with their progress as
 * Server-Sent Events. docs/man/mtkfw-web.1 is its manual.
 */
#ifndef MTKFW_WEB_H
#define MTKFW_WEB_H

#include <mtkfw/core.h>

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct mtkfw_defaults;

struct web_options {
	const char *listen;        /* "127.0.0.1:PORT" or "[::1]:PORT"; PORT 0 picks a free one */
	const char *const *roots;  /* folders requests may name (at least one) */
	size_t nroots;
	/* The usual folders (mtkfw/frontend.h), which the jobs take as a CLI command does; they
	 * and tmp_dir outlive the server. */
	const struct mtkfw_defaults *defaults;
	const char *tmp_dir; /* $TMPDIR, for archives taken out and a phone read; NULL: /tmp */
};

typedef struct web_server web_server;

/* Start serving (threads of its own); `*out` until web_server_stop. mtkfw status: REFUSED for
 * an address that is not loopback, IO when the port is taken. */
int web_server_start(web_server **out, const struct web_options *o);

/* The URL to open, token included: "http://127.0.0.1:PORT/?token=...". */
const char *web_server_url(const web_server *s);

/* Stop: a device job in progress is asked to stop at a safe point (its journal says how to
 * resume) and waited for; the event streams end; the daemon stops. Frees `s`. */
void web_server_stop(web_server *s);

/* Open `url` in the user's browser without waiting for it; mtkfw status (os.c). */
int web_open_browser(const char *url);

#endif
