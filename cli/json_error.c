/*
 * A failure under --json (contracts.md): stdout carries one JSON document, and a script reading
 * it must learn of the failure too. cli_fail records {"code", "message", "file"} here; the
 * command's own report, when it still prints one (a flash that failed half way reports what it
 * did), carries it as its "error" member; otherwise the dispatcher prints {"error": ...} when
 * the command returns. Like stdout itself, the pending failure is one per process.
 */
#include "cli.h"

#include <ctype.h>
#include <string.h>
#include <sys/stat.h>

static json_t *pending;

/*
 * The file a message names: messages start "FILE: what is wrong" (the library's rule). The
 * prefix counts as a file when it is one of the command's arguments (or such an argument's
 * base name, the form some messages use, or a path inside a folder argument) or names
 * something on disk; else null.
 */
static json_t *named_file(const struct cli_env *env, const char *msg)
{
	const char *colon = strstr(msg, ": ");
	char prefix[4096];
	struct stat st;
	size_t n;

	if (!colon || (n = (size_t)(colon - msg)) == 0 || n >= sizeof(prefix))
		return json_null();
	memcpy(prefix, msg, n);
	prefix[n] = '\0';
	/* Stops at a NULL too: a command may have cut its argument list short. */
	for (int i = 1; i < env->argc && env->argv[i]; i++) {
		const char *a = env->argv[i], *base = strrchr(a, '/');
		size_t al = strlen(a);

		if (strcmp(a, prefix) == 0 || (base && strcmp(base + 1, prefix) == 0))
			return json_string(a);
		/* A member of a folder argument ("BACKUP/manifest.json"). */
		if (al && al < n && strncmp(prefix, a, al) == 0 && (a[al - 1] == '/' || prefix[al] == '/'))
			return json_string(prefix);
	}
	return stat(prefix, &st) == 0 ? json_string(prefix) : json_null();
}

void cli_json_error_set(const struct cli_env *env, int status, const char *message)
{
	char code[32];
	const char *name = mtkfw_status_name(status);
	json_t *e;
	size_t i;

	if (!env || !env->json)
		return;
	/* The contract spells the library's error names in capitals ("TRUNCATED"). */
	for (i = 0; name[i] && i + 1 < sizeof(code); i++)
		code[i] = (char)toupper((unsigned char)name[i]);
	code[i] = '\0';
	e = json_object();
	json_object_set_new(e, "code", json_string(code));
	json_object_set_new(e, "message", json_string(message));
	json_object_set_new(e, "file", named_file(env, message));
	json_decref(pending);
	pending = e;
}

json_t *cli_json_error_take(void)
{
	json_t *e = pending;

	pending = NULL;
	return e;
}

void cli_json_error_flush(void)
{
	json_t *e = cli_json_error_take();

	if (e) {
		json_t *root = json_object();

		json_object_set_new(root, "error", e);
		cli_json_print(root);
	}
}
