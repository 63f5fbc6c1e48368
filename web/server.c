/*
 * The HTTP side of mtkfw web: a libmicrohttpd daemon bound to a loopback address, the gate every
 * request passes (auth.c), the built-in pages, and the hand-over to the API (api.c).
 */
#include "web_internal.h"

#include "os.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Enough for a page, its event stream and a few API calls at once; a flood waits. */
#define CONNECTIONS 32
/* Seconds an idle connection is kept; the event stream speaks every KEEPALIVE_MS. */
#define IDLE_TIMEOUT 120
#define KEEPALIVE_MS 15000

void web_secure_headers(struct MHD_Response *r)
{
	/* The page loads nothing from anywhere else and may not be framed. */
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
				"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	if (!MHD_get_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}

json_t *web_error_json(int status, const char *message)
{
	char code[32];
	const char *name = mtkfw_status_name(status);
	json_t *e = json_object(), *root = json_object();
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof(code); i++)
		code[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 'a' + 'A' : name[i]);
	code[i] = '\0';
	json_object_set_new(e, "code", json_string(code));
	json_object_set_new(e, "message", json_string(message));
	json_object_set_new(e, "file", json_null());
	json_object_set_new(root, "error", e);
	return root;
}

enum MHD_Result web_send_json(struct MHD_Connection *c, unsigned status, json_t *body, int exit_code)
{
	char *text = json_dumps(body, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	struct MHD_Response *r;
	enum MHD_Result ok;
	char code[16];

	json_decref(body);
	if (!text)
		return MHD_NO;
	r = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	if (exit_code >= 0) {
		snprintf(code, sizeof(code), "%d", exit_code);
		MHD_add_response_header(r, "X-Mtkfw-Exit", code);
	}
	web_secure_headers(r);
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	web_secure_headers(r);
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

static const struct web_asset *find_asset(const char *url)
{
	if (!strcmp(url, "/"))
		url = "/index.html";
	for (size_t i = 0; web_assets[i].path; i++)
		if (!strcmp(web_assets[i].path, url))
			return &web_assets[i];
	return NULL;
}

static enum MHD_Result send_asset(struct MHD_Connection *c, const struct web_asset *a)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->type);
	web_secure_headers(r);
	ok = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ok;
}

/* ?token= on a page: the token moves into an HttpOnly cookie and out of the address bar (and so
 * out of the history), by a redirect to the same page. */
static enum MHD_Result adopt_token(struct web_server *s, struct MHD_Connection *c, const char *url)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	char cookie[256];
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; HttpOnly; SameSite=Strict", s->auth.cookie, s->auth.token);
	MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, url);
	web_secure_headers(r);
	ok = MHD_queue_response(c, MHD_HTTP_SEE_OTHER, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result deny(struct MHD_Connection *c, bool api, enum web_verdict v)
{
	if (api)
		return web_send_json(c, MHD_HTTP_FORBIDDEN, web_error_json(MTKFW_ERR_REFUSED, web_verdict_message(v)), -1);
	return send_text(c, MHD_HTTP_FORBIDDEN, web_verdict_message(v));
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct web_server *s = cls;
	struct web_request *rq = *con_cls;
	bool api = !strncmp(url, "/api/", 5);
	enum web_verdict v;

	(void)version;
	if (!atomic_load(&s->ready))
		return send_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "mtkfw web is starting");
	if (!rq) {
		/* First call: the headers are in. Decide before reading any body. */
		if (!(rq = calloc(1, sizeof(*rq))))
			return MHD_NO;
		*con_cls = rq;
		v = web_auth_check(&s->auth, MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
				   MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"),
				   MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token"),
				   MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE),
				   MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION));
		if (v != WEB_ALLOW && v != WEB_ALLOW_QUERY)
			return deny(c, api, v);
		if (v == WEB_ALLOW_QUERY && !api && !strcmp(method, MHD_HTTP_METHOD_GET))
			return adopt_token(s, c, url);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!rq->too_big && rq->len + *upload_size <= WEB_BODY_MAX) {
			char *b = realloc(rq->body, rq->len + *upload_size + 1);

			if (!b)
				return MHD_NO;
			memcpy(b + rq->len, upload, *upload_size);
			rq->body = b;
			rq->len += *upload_size;
			rq->body[rq->len] = '\0';
		} else {
			rq->too_big = true;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->too_big)
		return web_send_json(c, MHD_HTTP_CONTENT_TOO_LARGE,
				     web_error_json(MTKFW_ERR_LIMIT, "the request body is over 8 MiB"), -1);
	if (!strcmp(url, "/api/v1/events") && !strcmp(method, MHD_HTTP_METHOD_GET)) {
		const char *last = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID");
		struct MHD_Response *r =
			web_events_response(s->events, last ? strtoull(last, NULL, 10) : web_events_last(s->events),
					    KEEPALIVE_MS);
		enum MHD_Result ok;

		if (!r)
			return MHD_NO;
		web_secure_headers(r);
		ok = MHD_queue_response(c, MHD_HTTP_OK, r);
		MHD_destroy_response(r);
		return ok;
	}
	if (!strncmp(url, "/api/v1/", 8))
		return web_api(s, c, method, url + 8, rq);
	if (api)
		return web_send_json(c, MHD_HTTP_NOT_FOUND, web_error_json(MTKFW_ERR_NOTFOUND, "no such API"), -1);
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "pages are read with GET");
	{
		const struct web_asset *a = find_asset(url);

		return a ? send_asset(c, a) : send_text(c, MHD_HTTP_NOT_FOUND, "no such page");
	}
}

static void request_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct web_request *rq = *con_cls;

	(void)cls, (void)c, (void)toe;
	if (rq) {
		free(rq->body);
		free(rq);
		*con_cls = NULL;
	}
}

int web_server_start(web_server **out, const struct web_options *o)
{
	struct web_server *s;
	struct web_listen l;
	const union MHD_DaemonInfo *info;
	int rc;

	*out = NULL;
	if (!o->nroots || !o->defaults)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw web: no root folder or no usual folders");
	if ((rc = web_parse_listen(o->listen, &l)) != 0)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
	s->defaults = o->defaults;
	for (size_t i = 0; i < o->nroots && rc == 0; i++)
		rc = web_roots_add(&s->roots, o->roots[i]);
	if (rc == 0 && !(s->tmpdir = web_temp_dir()))
		rc = mtkfw_error_last()->code;
	if (rc == 0)
		rc = web_events_new(&s->events);
	if (rc == 0)
		rc = web_jobs_new(&s->jobs, s->events, o->defaults, o->tmp_dir);
	if (rc != 0)
		goto fail;
	s->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
					     (l.v6 ? MHD_USE_IPv6 : 0),
				     0, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)l.addr,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
				     (unsigned)IDLE_TIMEOUT, MHD_OPTION_NOTIFY_COMPLETED, request_done, s,
				     MHD_OPTION_END);
	if (!s->daemon) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: cannot listen there (is the port taken?)", o->listen);
		goto fail;
	}
	/* The port is known only now (port 0 picks one): until the token and the Host to accept
	 * are set, every request is turned away (handle() looks at `ready` first). */
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if ((rc = web_auth_init(&s->auth, l.host, info ? info->port : l.port)) != 0)
		goto fail;
	snprintf(s->url, sizeof(s->url), "http://%s/?token=%s", s->auth.host, s->auth.token);
	atomic_store(&s->ready, 1);
	*out = s;
	return 0;
fail:
	web_server_stop(s);
	return rc;
}

const char *web_server_url(const web_server *s)
{
	return s->url;
}

void web_server_stop(web_server *s)
{
	if (!s)
		return;
	if (s->jobs)
		web_jobs_stop(s->jobs);
	if (s->events) {
		web_events_close(s->events);
		web_events_drain(s->events, 3000);
	}
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	web_jobs_free(s->jobs);
	web_events_free(s->events);
	web_temp_dir_remove(s->tmpdir);
	free(s->tmpdir);
	web_roots_clear(&s->roots);
	free(s);
}
