/*
 * /api/v1/: requests in, paths checked against the roots, the adapter (api_render.h) for the
 * answer. The answer's body is the CLI's --json for the same job; X-Mtkfw-Exit carries the
 * CLI's exit code; the HTTP status says whether a report came back (200) or only an error
 * (400 unreadable input, 403 a path outside the roots, 409 refused or busy, 500 a failure).
 */
#include "web_internal.h"

#include "api_render.h"
#include "base64.h"
#include "os.h"

#include "core/file.h"
#include "core/internal.h"
#include "core/os.h"

#include <mtkfw/image.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 4096 /* entries of one folder listing */


/* The last path separator in `p` ('/'; on Windows '\\' too), NULL when none. */
static char *last_sep(const char *p)
{
	const char *last = NULL;

	for (; *p; p++)
		if (mtkfw_os_is_sep(*p))
			last = p;
	return (char *)last;
}
static const char *arg(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

static unsigned status_for(int exit_code, json_t *body)
{
	if (exit_code == 0 || !body || !json_object_get(body, "error") || json_object_size(body) != 1)
		return body ? MHD_HTTP_OK : MHD_HTTP_INTERNAL_SERVER_ERROR;
	return exit_code == 2 ? MHD_HTTP_BAD_REQUEST : exit_code == 3 ? MHD_HTTP_CONFLICT : MHD_HTTP_INTERNAL_SERVER_ERROR;
}

static enum MHD_Result answer(struct MHD_Connection *c, int exit_code, json_t *body)
{
	if (!body)
		body = web_error_json(MTKFW_ERR_IO, "the command printed no report");
	return web_send_json(c, status_for(exit_code, body), body, exit_code);
}

/* The library's last error as the answer: 403 for a refused path, else by its kind. */
static enum MHD_Result fail(struct MHD_Connection *c)
{
	const mtkfw_error *e = mtkfw_error_last();
	unsigned st = e->code == MTKFW_ERR_REFUSED ? MHD_HTTP_FORBIDDEN
		      : e->code == MTKFW_ERR_NOTFOUND || e->code == MTKFW_ERR_INVALID || e->code == MTKFW_ERR_LIMIT
			      ? MHD_HTTP_BAD_REQUEST
			      : MHD_HTTP_INTERNAL_SERVER_ERROR;

	return web_send_json(c, st, web_error_json(e->code, e->message), -1);
}

static enum MHD_Result missing(struct MHD_Connection *c, const char *what)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "the request needs %s", what);
	return web_send_json(c, MHD_HTTP_BAD_REQUEST, web_error_json(MTKFW_ERR_INVALID, msg), -1);
}

/* A path argument resolved under the roots (freed by the caller); NULL: answered already. */
static char *path_arg(struct web_server *s, const char *value, bool must_exist)
{
	char *p = NULL;

	if (web_roots_resolve(&s->roots, value, must_exist, &p) != 0)
		return NULL;
	return p;
}

/* ---- offline reports ------------------------------------------------------------------- */

typedef int (*one_path_fn)(json_t **out, const char *path);

static enum MHD_Result report_path(struct web_server *s, struct MHD_Connection *c, const char *name, one_path_fn fn)
{
	const char *v = arg(c, name);
	json_t *out = NULL;
	char *p;
	int code;

	if (!v)
		return missing(c, name);
	if (!(p = path_arg(s, v, true)))
		return fail(c);
	code = fn(&out, p);
	free(p);
	return answer(c, code, out);
}

static enum MHD_Result compat(struct web_server *s, struct MHD_Connection *c)
{
	const char *f = arg(c, "firmware"), *t = arg(c, "target");
	char *fp = NULL, *tp = NULL;
	json_t *out = NULL;
	enum MHD_Result r;
	int code;

	if (!f || !t)
		return missing(c, "firmware and target");
	if (!(fp = path_arg(s, f, true)) || !(tp = path_arg(s, t, true))) {
		free(fp);
		return fail(c);
	}
	code = web_render_compat(&out, fp, tp);
	r = answer(c, code, out);
	free(fp);
	free(tp);
	return r;
}

static enum MHD_Result explain(struct web_server *s, struct MHD_Connection *c, const char *method,
			       const struct web_request *rq)
{
	json_t *out = NULL;
	char *log, name[32];
	int code;

	if (!strcmp(method, MHD_HTTP_METHOD_GET)) {
		const char *q = arg(c, "code");

		if (!q || !*q)
			return missing(c, "code");
		/* A query that names a file would make explain read it: only codes and messages. */
		if (last_sep(q))
			return web_send_json(c, MHD_HTTP_BAD_REQUEST,
					     web_error_json(MTKFW_ERR_INVALID, "a code or a message, not a path: "
									       "POST a log's text instead"), -1);
		code = web_render_explain(&out, q, NULL);
		return answer(c, code, out);
	}
	/* POST: the pasted or uploaded log, kept in the server's private folder while explain
	 * reads it. */
	if (!rq->len)
		return missing(c, "the log's text as the body");
	snprintf(name, sizeof(name), "pasted-%u.log", atomic_fetch_add(&s->pasted, 1));
	if (!(log = mtkfw_path_join(s->tmpdir, name)) || mtkfw_write_file_atomic(log, rq->body, rq->len) != 0) {
		free(log);
		return fail(c);
	}
	code = web_render_explain(&out, NULL, log);
	remove(log);
	free(log);
	return answer(c, code, out);
}

/* GET library/match?target=T: the library's packages ranked for a phone's readback. */
static enum MHD_Result library_match(struct web_server *s, struct MHD_Connection *c)
{
	const char *v = arg(c, "target");
	json_t *out = NULL;
	char *p;
	int code;

	if (!v)
		return missing(c, "target");
	if (!(p = path_arg(s, v, true)))
		return fail(c);
	code = web_render_library_match(&out, s->defaults, p);
	free(p);
	return answer(c, code, out);
}

/* POST library/label {"id", "text"} and library/report {"id", "phone", "result", "note", "cid"}:
 * what `mtkfw library label` and `library report` record, answered with the package after it. */
static enum MHD_Result library_write(struct web_server *s, struct MHD_Connection *c, bool label,
				     const struct web_request *rq)
{
	json_error_t jerr;
	json_t *body = rq->len ? json_loads(rq->body, 0, &jerr) : NULL, *out = NULL;
	json_t *idv = json_object_get(body, "id");
	struct web_report_params r = { 0 };
	const char *text = json_string_value(json_object_get(body, "text"));
	const char *phone = json_string_value(json_object_get(body, "phone"));
	char *p = NULL;
	int code;

	if (!json_is_object(body)) {
		json_decref(body);
		return web_send_json(c, MHD_HTTP_BAD_REQUEST, web_error_json(MTKFW_ERR_FORMAT, "the body must be a JSON object"), -1);
	}
	/* As the commands' arguments: a package id, the label's text, the phone read. */
	if (!json_is_integer(idv) || json_integer_value(idv) <= 0 || (label && (!text || !*text)) ||
	    (!label && (!phone || !*phone))) {
		json_decref(body);
		return missing(c, label ? "id and text" : "id and phone");
	}
	r.id = (int64_t)json_integer_value(idv);
	if (label) {
		code = web_render_library_label(&out, s->defaults, r.id, text);
	} else if (!(p = path_arg(s, phone, true))) {
		json_decref(body);
		return fail(c);
	} else {
		r.phone = p;
		r.result = json_string_value(json_object_get(body, "result"));
		r.note = json_string_value(json_object_get(body, "note"));
		r.cid = json_string_value(json_object_get(body, "cid"));
		if (r.note && !*r.note)
			r.note = NULL;
		if (r.cid && !*r.cid)
			r.cid = NULL;
		code = web_render_library_report(&out, s->defaults, &r);
	}
	free(p);
	json_decref(body);
	return answer(c, code, out);
}

/* ---- a logo's pictures ------------------------------------------------------------------ */

#define LOGO_FILE_MAX (64u << 20)  /* logo partitions are a few MiB */
#define LOGO_SHOWN 64              /* pictures in one answer */
#define LOGO_BYTES_MAX (32u << 20) /* PNG bytes in one answer */

struct logo_pictures {
	json_t *images;
	size_t bytes;
	bool truncated;
};

static int add_picture(uint32_t index, uint32_t w, uint32_t h, const uint8_t *png, size_t len, void *user)
{
	struct logo_pictures *lp = user;
	static const char prefix[] = "data:image/png;base64,";
	size_t n = WEB_BASE64_LEN(len);
	char *url;
	json_t *o;

	if (json_array_size(lp->images) >= LOGO_SHOWN || lp->bytes + len > LOGO_BYTES_MAX) {
		lp->truncated = true;
		return 1;
	}
	if (!(url = malloc(sizeof(prefix) + n)))
		return mtkfw_seterr(MTKFW_ERR_NOMEM, "out of memory");
	memcpy(url, prefix, sizeof(prefix) - 1);
	web_base64(url + sizeof(prefix) - 1, png, len);
	o = json_object();
	json_object_set_new(o, "index", json_integer(index));
	json_object_set_new(o, "width", json_integer(w));
	json_object_set_new(o, "height", json_integer(h));
	json_object_set_new(o, "png", json_string(url));
	json_array_append_new(lp->images, o);
	lp->bytes += len;
	free(url);
	return 0;
}

/* GET logo?path=F: the logo's images as PNG data URLs, for the Package page. */
static enum MHD_Result logo(struct web_server *s, struct MHD_Connection *c)
{
	const char *v = arg(c, "path");
	struct logo_pictures lp = { NULL, 0, false };
	uint8_t *buf = NULL;
	size_t len;
	json_t *o;
	char *p;
	int rc;

	if (!v)
		return missing(c, "path");
	if (!(p = path_arg(s, v, true)))
		return fail(c);
	if ((rc = mtkfw_read_file(p, LOGO_FILE_MAX, &buf, &len)) != 0) {
		free(p);
		return fail(c);
	}
	lp.images = json_array();
	rc = mtkfw_logo_each_png(buf, len, add_picture, &lp);
	free(buf);
	if (rc < 0) {
		json_decref(lp.images);
		free(p);
		return web_send_json(c, MHD_HTTP_BAD_REQUEST,
				     web_error_json(mtkfw_error_last()->code, mtkfw_error_last()->message), -1);
	}
	o = json_object();
	json_object_set_new(o, "file", json_string(p));
	json_object_set_new(o, "images", lp.images);
	json_object_set_new(o, "truncated", json_boolean(lp.truncated));
	free(p);
	return web_send_json(c, MHD_HTTP_OK, o, -1);
}

/* ---- files under the roots (the page's file picker) ------------------------------------- */

struct listing {
	json_t *entries;
};

static int add_entry(const struct web_dirent *e, void *user)
{
	struct listing *l = user;
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "dir", json_boolean(e->dir));
	json_object_set_new(o, "size", json_integer((json_int_t)e->size));
	if (json_array_append_new(l->entries, o) != 0 || !json_object_get(o, "name"))
		return 0; /* a name that is not UTF-8 is left out */
	return 0;
}

static int by_kind_then_name(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int dx = json_is_true(json_object_get(x, "dir")), dy = json_is_true(json_object_get(y, "dir"));

	if (dx != dy)
		return dy - dx;
	return strcmp(json_string_value(json_object_get(x, "name")) ?: "",
		      json_string_value(json_object_get(y, "name")) ?: "");
}

static json_t *sorted(json_t *arr)
{
	size_t n = json_array_size(arr);
	json_t **v = calloc(n ? n : 1, sizeof(*v)), *out = json_array();

	for (size_t i = 0; v && i < n; i++)
		v[i] = json_array_get(arr, i);
	if (v) {
		qsort(v, n, sizeof(*v), by_kind_then_name);
		for (size_t i = 0; i < n; i++)
			json_array_append(out, v[i]);
	}
	free(v);
	json_decref(arr);
	return out;
}

static enum MHD_Result files(struct web_server *s, struct MHD_Connection *c)
{
	const char *v = arg(c, "dir");
	struct listing l;
	json_t *o, *roots;
	char *dir, *parent;
	int rc;

	if (!v) {
		/* No folder: the roots themselves. */
		o = json_object();
		roots = json_array();
		for (size_t i = 0; i < s->roots.count; i++)
			json_array_append_new(roots, json_string(s->roots.dirs[i]));
		json_object_set_new(o, "roots", roots);
		return web_send_json(c, MHD_HTTP_OK, o, -1);
	}
	if (!(dir = path_arg(s, v, true)))
		return fail(c);
	l.entries = json_array();
	if ((rc = web_list_dir(dir, LIST_MAX, add_entry, &l)) != 0) {
		json_decref(l.entries);
		free(dir);
		return fail(c);
	}
	o = json_object();
	json_object_set_new(o, "dir", json_string(dir));
	/* The folder above, when it is still inside a root. */
	parent = last_sep(dir);
	if (parent && parent != dir) {
		*parent = '\0';
		bool inside = false;

		for (size_t i = 0; i < s->roots.count && !inside; i++)
			inside = web_path_inside(dir, s->roots.dirs[i]);
		json_object_set_new(o, "parent", inside ? json_string(dir) : json_null());
	} else {
		json_object_set_new(o, "parent", json_null());
	}
	json_object_set_new(o, "entries", sorted(l.entries));
	free(dir);
	return web_send_json(c, MHD_HTTP_OK, o, -1);
}

/* ---- jobs ------------------------------------------------------------------------------ */

/* A partition name list from the body: ["UBOOT", "LOGO"] -> "UBOOT,LOGO"; names as the CLI
 * takes them (letters, digits, _ . -), so no list can smuggle an option or a comma. `entries`
 * takes port's keep-list entries instead ("/etc/firmware/modem*", "ramdisk:fstab.${board}"):
 * any printable word without a comma; port checks their form itself. */
static bool name_char(char ch, bool entries)
{
	if (entries)
		return ch > ' ' && ch < 0x7f && ch != ',';
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
	       ch == '.' || ch == '-';
}

static int name_list(json_t *arr, bool entries, char *buf, size_t n, const char **out)
{
	size_t used = 0;

	*out = NULL;
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "a %s list must be an array of names", entries ? "keep" : "partition");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *s = json_string_value(json_array_get(arr, i));
		size_t k;

		if (!s || !*s)
			return mtkfw_seterr(MTKFW_ERR_INVALID, "a partition name must be a non-empty string");
		for (k = 0; s[k]; k++)
			if (!name_char(s[k], entries) || (k == 0 && s[k] == '-'))
				return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a %s", s,
						    entries ? "keep-list entry" : "partition name");
		if (used + k + 2 > n)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "the partition list is too long");
		used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? "," : "", s);
	}
	if (used)
		*out = buf;
	return 0;
}

/* Strings of the body that name files: resolved under the roots and kept for the job's run. */
struct held {
	char *p[8];
	size_t n;
};

static int body_path(struct web_server *s, json_t *body, const char *key, bool must_exist, struct held *h,
		     const char **out)
{
	const char *v = json_string_value(json_object_get(body, key));
	char *p;
	int rc;

	*out = NULL;
	if (!v || !*v)
		return 0;
	if (h->n >= sizeof(h->p) / sizeof(h->p[0]))
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "too many paths");
	if ((rc = web_roots_resolve(&s->roots, v, must_exist, &p)) != 0)
		return rc;
	h->p[h->n++] = p;
	*out = p;
	return 0;
}

static int body_port(json_t *body, const char **out)
{
	const char *v = json_string_value(json_object_get(body, "port"));

	*out = NULL;
	if (!v || !*v)
		return 0;
	/* A serial port, never a file: the job writes the phone's protocol to it. */
	if (web_check_serial_port(v) != 0)
		return mtkfw_error_last()->code;
	*out = v;
	return 0;
}

static enum MHD_Result start_job(struct web_server *s, struct MHD_Connection *c, const char *job,
				 const struct web_request *rq)
{
	struct web_job_params p = { 0 };
	struct held h = { { 0 }, 0 };
	char skip[1024], only[1024], parts[1024], keep[2048], take[2048];
	json_error_t jerr;
	json_t *body = rq->len ? json_loads(rq->body, 0, &jerr) : json_object();
	json_t *o;
	int rc = 0, id = 0;
	bool out_job = !strcmp(job, "backup") || !strcmp(job, "readback"), busy = false;
	uint64_t overall = 0;

	if (!json_is_object(body)) {
		json_decref(body);
		return web_send_json(c, MHD_HTTP_BAD_REQUEST, web_error_json(MTKFW_ERR_FORMAT, "the body must be a JSON object"), -1);
	}
	p.job = job;
	p.mode = json_string_value(json_object_get(body, "mode"));
	p.dry_run = json_is_true(json_object_get(body, "dry_run"));
	p.all = json_is_true(json_object_get(body, "all"));
	p.resume = json_is_true(json_object_get(body, "resume"));
	p.force = json_is_true(json_object_get(body, "force"));
	if (json_is_integer(json_object_get(body, "wait_ms"))) {
		json_int_t w = json_integer_value(json_object_get(body, "wait_ms"));

		/* As `device detect --wait` takes it. */
		if (w < 0 || w > 3600000)
			rc = mtkfw_seterr(MTKFW_ERR_INVALID, "--wait: at most 3600000 ms");
		p.wait_set = true;
		p.wait_ms = (unsigned)(w < 0 ? 0 : w);
	}
	if (json_is_integer(json_object_get(body, "overall_bytes")) && json_integer_value(json_object_get(body, "overall_bytes")) > 0)
		overall = (uint64_t)json_integer_value(json_object_get(body, "overall_bytes"));
	if (rc == 0 && p.mode && strcmp(p.mode, "download") && strcmp(p.mode, "upgrade") && strcmp(p.mode, "format-all"))
		rc = mtkfw_seterr(MTKFW_ERR_INVALID, "%s: the mode is download, upgrade or format-all", p.mode);
	if (rc == 0)
		rc = body_port(body, &p.port);
	if (rc == 0)
		rc = body_path(s, body, "da", true, &h, &p.da);
	if (rc == 0)
		rc = body_path(s, body, "preloader", true, &h, &p.preloader);
	if (rc == 0)
		rc = body_path(s, body, out_job ? "out" : "subject", !out_job, &h, &p.subject);
	if (rc == 0)
		rc = body_path(s, body, "backup", false, &h, &p.backup);
	if (rc == 0)
		rc = body_path(s, body, "phone", true, &h, &p.phone);
	if (rc == 0 && !strcmp(job, "port"))
		rc = body_path(s, body, "out", false, &h, &p.out);
	if (rc == 0)
		rc = body_path(s, body, "list", true, &h, &p.list);
	if (rc == 0)
		rc = name_list(json_object_get(body, "skip"), false, skip, sizeof(skip), &p.skip);
	if (rc == 0)
		rc = name_list(json_object_get(body, "only"), false, only, sizeof(only), &p.only);
	if (rc == 0 && !strcmp(job, "erase")) {
		/* Erase takes one partition, as `device erase PART`: the list of that one name. */
		json_t *one = json_array();

		json_array_append(one, json_object_get(body, "partition") ? json_object_get(body, "partition") : json_null());
		rc = name_list(one, false, parts, sizeof(parts), &p.partitions);
		json_decref(one);
	} else if (rc == 0) {
		rc = name_list(json_object_get(body, "partitions"), false, parts, sizeof(parts), &p.partitions);
	}
	if (rc == 0)
		rc = name_list(json_object_get(body, "keep"), true, keep, sizeof(keep), &p.keep);
	if (rc == 0)
		rc = name_list(json_object_get(body, "take"), true, take, sizeof(take), &p.take);
	if (rc == 0)
		rc = web_job_check(&p);
	if (rc == 0 && (rc = web_jobs_start(s->jobs, &p, overall, &id)) == MTKFW_ERR_REFUSED)
		busy = true; /* its only refusal: another job runs */
	json_decref(body);
	for (size_t i = 0; i < h.n; i++)
		free(h.p[i]);
	if (busy)
		return web_send_json(c, MHD_HTTP_CONFLICT, web_error_json(rc, mtkfw_error_last()->message), -1);
	if (rc != 0)
		return fail(c);
	o = json_object();
	json_object_set_new(o, "job", json_integer(id));
	return web_send_json(c, MHD_HTTP_ACCEPTED, o, -1);
}

static enum MHD_Result job_state(struct web_server *s, struct MHD_Connection *c, const char *which)
{
	char *end;
	long id = *which ? strtol(which, &end, 10) : 0;
	json_t *o;

	if (*which && (*end || id <= 0))
		return web_send_json(c, MHD_HTTP_NOT_FOUND, web_error_json(MTKFW_ERR_NOTFOUND, "no such job"), -1);
	if (!(o = web_jobs_state(s->jobs, (int)id)))
		return web_send_json(c, MHD_HTTP_NOT_FOUND, web_error_json(MTKFW_ERR_NOTFOUND, "no such job"), -1);
	return web_send_json(c, MHD_HTTP_OK, o, -1);
}

static enum MHD_Result version(struct MHD_Connection *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "version", json_string(mtkfw_version()));
	return web_send_json(c, MHD_HTTP_OK, o, -1);
}

enum MHD_Result web_api(struct web_server *s, struct MHD_Connection *c, const char *method, const char *path,
			const struct web_request *rq)
{
	bool get = !strcmp(method, MHD_HTTP_METHOD_GET), post = !strcmp(method, MHD_HTTP_METHOD_POST);

	if (get && !strcmp(path, "version"))
		return version(c);
	if (get && !strcmp(path, "info"))
		return report_path(s, c, "path", web_render_info);
	if (get && !strcmp(path, "check"))
		return report_path(s, c, "path", web_render_check);
	if (get && !strcmp(path, "profile"))
		return report_path(s, c, "path", web_render_profile);
	if (get && !strcmp(path, "compat"))
		return compat(s, c);
	if ((get || post) && !strcmp(path, "explain"))
		return explain(s, c, method, rq);
	if (get && !strcmp(path, "files"))
		return files(s, c);
	if (get && !strcmp(path, "logo"))
		return logo(s, c);
	if (get && !strcmp(path, "library/match"))
		return library_match(s, c);
	if (get && !strcmp(path, "library/search")) {
		const char *q = arg(c, "q");
		json_t *out = NULL;
		int code;

		if (!q || !*q)
			return missing(c, "q");
		code = web_render_library_search(&out, s->defaults, q);
		return answer(c, code, out);
	}
	if (post && !strncmp(path, "device/", 7) && !strchr(path + 7, '-'))
		return start_job(s, c, path + 7, rq);
	if (post && !strcmp(path, "library/add"))
		return start_job(s, c, "library-add", rq);
	if (post && !strcmp(path, "library/match"))
		return start_job(s, c, "library-match", rq);
	if (post && (!strcmp(path, "library/label") || !strcmp(path, "library/report")))
		return library_write(s, c, !strcmp(path, "library/label"), rq);
	if (post && !strcmp(path, "port"))
		return start_job(s, c, "port", rq);
	if (get && !strcmp(path, "jobs"))
		return job_state(s, c, "");
	if (get && !strncmp(path, "jobs/", 5))
		return job_state(s, c, path + 5);
	return web_send_json(c, MHD_HTTP_NOT_FOUND, web_error_json(MTKFW_ERR_NOTFOUND, "no such API"), -1);
}
