/*
 * A failure under --json (contracts.md): stdout carries one JSON document, and a script reading
 * it must learn of the failure too. cli_fail records {"code", "message", "file"} (written by
 * the library: mtkfw_json_error) here; the
 * command's own report, when it still prints one (a flash that failed half way reports what it
 * did), carries it as its "error" member; otherwise the dispatcher prints {"error": ...} when
 * the command returns. Like stdout itself, the pending failure is one per process.
 */
#include "cli.h"

#include <stdlib.h>

static json_t *pending;

void cli_json_error_set(const struct cli_env *env, int status, const char *message)
{
	char *doc = NULL;
	json_t *root;

	if (!env || !env->json)
		return;
	/* The library writes the object (mtkfw_json_error: the web UI's errors are the same), naming
	 * the file from the command's arguments. */
	if (mtkfw_json_error(&doc, NULL, status, message, (const char *const *)(env->argv ? env->argv + 1 : NULL),
			     env->argc > 1 ? (size_t)env->argc - 1 : 0) != 0)
		return;
	root = json_loads(doc, 0, NULL);
	free(doc);
	json_decref(pending);
	pending = json_incref(json_object_get(root, "error"));
	json_decref(root);
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
