/* Token, Host and Origin checks for every request (auth.h). */
#include "auth.h"

#include "os.h"

#include <mtkfw/error.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int web_auth_init(struct web_auth *a, const char *host, unsigned port)
{
	uint8_t raw[WEB_TOKEN_HEX / 2];
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = web_random(raw, sizeof(raw))) != 0)
		return rc;
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(a->token + 2 * i, 3, "%02x", raw[i]);
	snprintf(a->host, sizeof(a->host), "%s:%u", host, port);
	snprintf(a->origin, sizeof(a->origin), "http://%s", a->host);
	snprintf(a->cookie, sizeof(a->cookie), "mtkfw_token_%u", port);
	memset(raw, 0, sizeof(raw));
	return 0;
}

bool web_secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned diff = (unsigned)(la ^ lb);

	/* Walk the secret's length whatever the guess is, so the time tells nothing. */
	for (size_t i = 0; i < lb; i++)
		diff |= (unsigned)(unsigned char)(i < la ? a[i] : 0) ^ (unsigned char)b[i];
	return diff == 0;
}

bool web_cookie_value(const char *header, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	const char *p = header;

	while (p && *p) {
		const char *end;
		size_t vl;

		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		if ((size_t)(end - p) > nl && !strncmp(p, name, nl) && p[nl] == '=') {
			vl = (size_t)(end - (p + nl + 1));
			if (vl >= n)
				return false;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return true;
		}
		p = *end ? end + 1 : end;
	}
	return false;
}

static bool bearer(const char *authorization, const char *token)
{
	static const char scheme[] = "Bearer ";

	return authorization && !strncasecmp(authorization, scheme, sizeof(scheme) - 1) &&
	       web_secret_equal(authorization + sizeof(scheme) - 1, token);
}

enum web_verdict web_auth_check(const struct web_auth *a, const char *host, const char *origin,
				const char *query_token, const char *cookie, const char *authorization)
{
	char c[WEB_TOKEN_HEX + 2];

	/* Host names are case-blind; the port and address are written as we printed them. */
	if (!host || strcasecmp(host, a->host) != 0)
		return WEB_DENY_HOST;
	if (origin && strcasecmp(origin, a->origin) != 0)
		return WEB_DENY_ORIGIN;
	if (bearer(authorization, a->token))
		return WEB_ALLOW;
	if (cookie && web_cookie_value(cookie, a->cookie, c, sizeof(c)) && web_secret_equal(c, a->token))
		return WEB_ALLOW;
	if (query_token && web_secret_equal(query_token, a->token))
		return WEB_ALLOW_QUERY;
	return WEB_DENY_TOKEN;
}

const char *web_verdict_message(enum web_verdict v)
{
	switch (v) {
	case WEB_DENY_HOST: return "the Host header is not the address mtkfw web listens on";
	case WEB_DENY_ORIGIN: return "the request comes from another site (Origin)";
	case WEB_DENY_TOKEN: return "no valid token: open the URL mtkfw web printed (with ?token=)";
	default: return "allowed";
	}
}
