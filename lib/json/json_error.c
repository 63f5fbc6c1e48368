/* A failure as the JSON contract writes it (mtkfw/json.h: mtkfw_json_error), for every front end. */
#include "json/json_internal.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <ctype.h>
#include <string.h>
#include <sys/stat.h>

/*
 * The file a message names: messages start "FILE: what is wrong" (the library's rule). The
 * prefix counts as a file when it is one of the inputs (or such an input's base name, the form
 * some messages use, or a path inside a folder input) or names something on disk; else null.
 */
static json_t *named_file(const char *msg, const char *const *inputs, size_t count)
{
	const char *colon = strstr(msg, ": ");
	char prefix[4096];
	struct stat st;
	size_t n;

	if (!colon || (n = (size_t)(colon - msg)) == 0 || n >= sizeof(prefix))
		return json_null();
	memcpy(prefix, msg, n);
	prefix[n] = '\0';
	/* Stops at a NULL too: a front end may have cut its list short. */
	for (size_t i = 0; i < count && inputs[i]; i++) {
		const char *a = inputs[i], *base = strrchr(a, '/');
		size_t al = strlen(a);

		if (strcmp(a, prefix) == 0 || (base && strcmp(base + 1, prefix) == 0))
			return mtkfw_json_text(a);
		/* A member of a folder input ("BACKUP/manifest.json"). */
		if (al && al < n && strncmp(prefix, a, al) == 0 && (a[al - 1] == '/' || prefix[al] == '/'))
			return mtkfw_json_text(prefix);
	}
	return stat(prefix, &st) == 0 ? mtkfw_json_text(prefix) : json_null();
}

int mtkfw_json_error(char **out, const char *report, int status, const char *message, const char *const *inputs,
		     size_t count)
{
	const char *name = mtkfw_status_name(status ? status : MTKFW_ERR_IO);
	char code[32];
	json_t *root, *e;
	size_t i;

	*out = NULL;
	if (!message)
		message = name;
	root = report ? json_loads(report, 0, NULL) : json_object();
	if (!json_is_object(root)) {
		json_decref(root);
		return report ? mtkfw_seterr(MTKFW_ERR_FORMAT, "the report to add a failure to is not a JSON object")
			      : mtkfw_nomem();
	}
	/* The contract spells the library's error names in capitals ("TRUNCATED"). */
	for (i = 0; name[i] && i + 1 < sizeof(code); i++)
		code[i] = (char)toupper((unsigned char)name[i]);
	code[i] = '\0';
	e = json_object();
	json_object_set_new(e, "code", json_string(code));
	json_object_set_new(e, "message", mtkfw_json_text(message));
	json_object_set_new(e, "file", named_file(message, inputs, count));
	/* A report that carries a failure of its own keeps it. */
	if (json_object_get(root, "error"))
		json_decref(e);
	else
		json_object_set_new(root, "error", e);
	return mtkfw_json_dump(out, root);
}
