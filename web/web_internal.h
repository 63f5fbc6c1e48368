/* What the parts of mtkfw web share: the server's state and the API's entry (not installed). */
#ifndef MTKFW_WEB_INTERNAL_H
#define MTKFW_WEB_INTERNAL_H

#include "auth.h"
#include "events.h"
#include "jobs.h"
#include "roots.h"
#include "web.h"

#include <microhttpd.h>
#include <stdatomic.h>

struct web_server {
	atomic_int ready; /* set once the token and the Host to accept are known */
	struct MHD_Daemon *daemon;
	struct web_auth auth;
	struct web_roots roots;
	struct web_events *events;
	struct web_jobs *jobs;
	const struct mtkfw_defaults *defaults; /* the usual folders (the caller's, outliving the server) */
	char *tmpdir; /* pasted logs on their way to explain */
	atomic_uint pasted; /* names them apart */
	char url[256];
};

/* One request on its way in: the body of a POST gathers here. */
struct web_request {
	char *body;
	size_t len;
	bool too_big;
};

#define WEB_BODY_MAX (8u << 20) /* an uploaded log; nothing else comes near */

/* Answer an /api/v1/ request (api.c); `path` is the URL after "/api/v1/". */
enum MHD_Result web_api(struct web_server *s, struct MHD_Connection *c, const char *method, const char *path,
			const struct web_request *rq);

/* Queue `body` (JSON, taken over) with HTTP `status` and the CLI's exit code as X-Mtkfw-Exit
 * (negative: none). */
enum MHD_Result web_send_json(struct MHD_Connection *c, unsigned status, json_t *body, int exit_code);

/* {"error": {"code", "message", "file": null}} for a failure the server itself finds, with the
 * status name spelled as the CLI spells it ("REFUSED"). */
json_t *web_error_json(int status, const char *message);

/* The security headers every answer carries. */
void web_secure_headers(struct MHD_Response *r);

/* The pages and scripts built into the binary (gen/web_assets.c from web/static/). */
struct web_asset {
	const char *path; /* "/index.html" */
	const char *type;
	const unsigned char *data;
	size_t len;
};
extern const struct web_asset web_assets[];

#endif
