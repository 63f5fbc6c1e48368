/*
 * mtkfw web's gate on hostile requests: the input is split at newlines into Host, Origin,
 * ?token=, Cookie, Authorization and a path; the checks must never read out of bounds, never
 * allow a request without the token, and never resolve a path outside the root.
 */
#include "auth.h"
#include "roots.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIELDS 6

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct web_auth auth;
	static struct web_roots roots;
	static int ready;
	char *buf, *field[FIELDS] = { 0 }, value[80], *out = NULL;
	size_t n = 0;
	enum web_verdict v;

	if (!ready) {
		web_auth_init(&auth, "127.0.0.1", 6572);
		web_roots_add(&roots, "/tmp");
		ready = 1;
	}
	if (!(buf = malloc(size + 1)))
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (char *p = buf; n < FIELDS && p; n++) {
		char *nl = strchr(p, '\n');

		field[n] = p;
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : NULL;
	}
	v = web_auth_check(&auth, field[0], field[1], field[2], field[3], field[4]);
	/* The token is random: no input can know it. */
	if (v == WEB_ALLOW || v == WEB_ALLOW_QUERY)
		abort();
	web_cookie_value(field[3], auth.cookie, value, sizeof(value));
	if (field[5] && web_roots_resolve(&roots, field[5], size & 1, &out) == 0) {
		if (!web_path_inside(out, roots.dirs[0]))
			abort();
		free(out);
	}
	free(buf);
	return 0;
}
