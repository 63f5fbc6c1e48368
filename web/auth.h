/*
 * Who may talk to mtkfw web: a request must carry the server's random token (as ?token= on the
 * first page load, then as a same-site HttpOnly cookie or an Authorization: Bearer header), and
 * its Host (and Origin, when sent) must be the address the server listens on, so a web page
 * elsewhere cannot reach it by renaming itself to 127.0.0.1 (DNS rebinding) or by posting to it.
 * Pure functions of the headers, tested without a server.
 */
#ifndef MTKFW_WEB_AUTH_H
#define MTKFW_WEB_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#define WEB_TOKEN_HEX 64  /* 32 random bytes */

struct web_auth {
	char token[WEB_TOKEN_HEX + 1];
	char host[80];    /* "127.0.0.1:8080" or "[::1]:8080": the only Host accepted */
	char origin[96];  /* "http://" + host: the only Origin accepted */
	char cookie[32];  /* "mtkfw_token_PORT": cookies are not kept apart by port, names are */
};

enum web_verdict {
	WEB_ALLOW = 0,
	WEB_ALLOW_QUERY,   /* allowed by ?token=: set the cookie (and drop the token from the URL) */
	WEB_DENY_HOST,     /* Host missing or not the listening address */
	WEB_DENY_ORIGIN,   /* Origin present and not ours */
	WEB_DENY_TOKEN,    /* no token, or a wrong one */
};

/* A fresh random token for a server on `host` ("ADDR:PORT" as it goes in a URL); mtkfw status. */
int web_auth_init(struct web_auth *a, const char *host, unsigned port);

/* The verdict for one request's headers (each may be NULL when absent). */
enum web_verdict web_auth_check(const struct web_auth *a, const char *host, const char *origin,
				const char *query_token, const char *cookie, const char *authorization);

/* What a denial says (one line, for the 403 body). */
const char *web_verdict_message(enum web_verdict v);

/* Equal strings, in a time that does not tell how much of a guess was right. */
bool web_secret_equal(const char *a, const char *b);

/* The value of cookie `name` in a Cookie header, copied into out (false when absent/too long). */
bool web_cookie_value(const char *header, const char *name, char *out, size_t n);

#endif
