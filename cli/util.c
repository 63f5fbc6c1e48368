/* Helpers shared by the command files: messages, exit codes, options, JSON. */
#include "cli.h"
#include "interrupt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cli_usage(const struct cli_command *cmd, FILE *fp, bool full)
{
	for (size_t i = 0; cmd->usage && cmd->usage[i]; i++)
		fprintf(fp, "%s %s\n", i ? "   or:" : "usage:", cmd->usage[i]);
	if (full) {
		if (cmd->summary)
			fprintf(fp, "\n%s\n", cmd->summary);
		if (cmd->options && *cmd->options)
			fprintf(fp, "\n%s", cmd->options);
		fprintf(fp, "\n  -h, --help          show this help\n");
	}
}

/* Length of the valid UTF-8 sequence at `p` (2 to 4 bytes; no overlong form, no surrogate),
 * 0 when there is none; `*c1` tells a C1 control (U+0080 to U+009F). */
static size_t utf8_seq(const unsigned char *p, bool *c1)
{
	size_t n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : 0;
	uint32_t cp;

	if (!n)
		return 0;
	cp = p[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*c1 = cp <= 0x9F;
	return n;
}

/* Text from input files, written so it cannot drive a terminal: C0 controls, DEL, C1 controls
 * (as UTF-8, or raw bytes 0x80-0x9F, which an 8-bit terminal takes as CSI and the like) become
 * \xHH; other bytes pass, so a Latin-1 file name still shows as the user typed it. */
static void put_safe(FILE *fp, const char *s, bool escape_backslash)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		bool c1 = false;
		size_t n = *p >= 0x80 ? utf8_seq(p, &c1) : 0;

		if (n && !c1) {
			fwrite(p, 1, n, fp);
			p += n;
		} else if (*p < 0x20 || *p == 0x7F || (*p >= 0x80 && *p <= 0x9F) || c1 || (*p == '\\' && escape_backslash)) {
			fprintf(fp, "\\x%02x", *p++);
		} else {
			fputc(*p++, fp);
		}
	}
}

void cli_put_name(FILE *fp, const char *s)
{
	put_safe(fp, s, true);
}

static void vmsg(const struct cli_env *env, const char *kind, const char *fmt, va_list ap)
	MTKFW_PRINTF(3, 0);
static void vmsg(const struct cli_env *env, const char *kind, const char *fmt, va_list ap)
{
	char buf[4096];

	fprintf(stderr, "mtkfw%s%s: %s", env && env->cmd ? " " : "", env && env->cmd ? env->cmd->name : "",
		kind);
	/* Messages quote names from input files: one line, no terminal escapes. */
	vsnprintf(buf, sizeof(buf), fmt, ap);
	put_safe(stderr, buf, false);
	fputc('\n', stderr);
}

void cli_error(const struct cli_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(env, "", fmt, ap);
	va_end(ap);
}

void cli_warn(const struct cli_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(env, "warning: ", fmt, ap);
	va_end(ap);
}

/* One failure, said once: the stderr line, and under --json the error object (json_error.c). */
static void vfail(const struct cli_env *env, int status, const char *fmt, va_list ap) MTKFW_PRINTF(3, 0);
static void vfail(const struct cli_env *env, int status, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	cli_error(env, "%s", msg);
	cli_json_error_set(env, status, msg);
}

int cli_usage_error(const struct cli_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(env, MTKFW_ERR_INVALID, fmt, ap);
	va_end(ap);
	if (env && env->cmd)
		cli_usage(env->cmd, stderr, false);
	return EXIT_USAGE;
}

int cli_exit_for(int status)
{
	return mtkfw_exit_code(status); /* the rule mtkfw web answers by too */
}

int cli_fail(const struct cli_env *env)
{
	const mtkfw_error *e = mtkfw_error_last();
	int code = e->code ? e->code : MTKFW_ERR_IO;
	const char *msg = e->message && *e->message ? e->message : mtkfw_status_name(code);

	/* Stopped by Ctrl-C/SIGTERM: the library removed what it had not committed. */
	if (code == MTKFW_ERR_CANCELLED && cli_interrupted())
		msg = "interrupted; nothing written";
	cli_error(env, "%s", msg);
	cli_json_error_set(env, code, msg);
	return cli_exit_for(code);
}

int cli_fail_status(const struct cli_env *env, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(env, status, fmt, ap);
	va_end(ap);
	return cli_exit_for(status);
}

int cli_getopt(struct cli_env *env, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?' || c == ':') {
		const char *arg = argv[optind - 1];

		if (optopt && (!arg || strncmp(arg, "--", 2) != 0))
			cli_usage_error(env, "option '-%c' is unknown or needs a value", optopt);
		else
			cli_usage_error(env, "option '%s' is unknown or needs a value", arg ? arg : "?");
		return '?';
	}
	return c;
}

int cli_check_output(const struct cli_env *env, const char *path, bool force)
{
	return mtkfw_output_check(path, force) ? cli_fail(env) : 0;
}

bool cli_parse_size(struct cli_env *env, const char *opt, const char *text, uint64_t *out)
{
	if (mtkfw_parse_size(out, text) == 0)
		return true;
	cli_usage_error(env, "%s: %s", opt, mtkfw_error_last()->message);
	return false;
}

int cli_json_print(json_t *root)
{
	json_t *err = cli_json_error_take();
	int rc;

	/* A report printed after a failure (what a half-done flash did) carries the failure. */
	if (err && json_is_object(root) && !json_object_get(root, "error"))
		json_object_set_new(root, "error", err);
	else
		json_decref(err);
	rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	fputc('\n', stdout);
	json_decref(root);
	return rc == 0 ? 0 : -1;
}

int cli_json_print_text(const char *doc)
{
	json_t *root = doc ? json_loads(doc, 0, NULL) : NULL;

	/* Read back so that a failure recorded for --json rides along (cli_json_print). */
	return root ? cli_json_print(root) : -1;
}

int cli_json_print_outcome(const struct cli_env *env, const struct mtkfw_job_outcome *out)
{
	char *doc = NULL;
	int rc;

	if (mtkfw_json_outcome(&doc, out) != 0)
		return cli_fail(env);
	rc = cli_json_print_text(doc);
	free(doc);
	return rc ? EXIT_FINDING : EXIT_DONE;
}

json_t *cli_json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *cli_json_u64(uint64_t v)
{
	/* jansson integers are signed 64-bit; every size mtkfw reports fits. */
	return json_integer((json_int_t)v);
}

const char *cli_plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *cli_hex(const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *s = malloc(2 * n + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 15];
	}
	s[2 * n] = 0;
	return s;
}

const char *cli_color(const struct cli_env *env, const char *escape)
{
	return env && env->color ? escape : "";
}

int cli_job_end(const struct cli_env *env, const struct mtkfw_job_outcome *o, const struct mtkfw_job_end_opts *opts,
		struct mtkfw_job_end *e)
{
	struct mtkfw_job_end_opts eo = { 0 };

	if (opts)
		eo = *opts;
	eo.da_place = env->defaults.da_place;
	eo.interrupted = cli_interrupted();
	mtkfw_job_end(e, o, &eo);
	if (!e->status)
		return e->exit;
	if (e->warning)
		cli_warn(env, "%s", e->message);
	else if (e->in_json)
		cli_fail_status(env, e->status, "%s", e->message);
	else
		cli_error(env, "%s", e->message);
	return e->exit;
}
