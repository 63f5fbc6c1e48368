/*
 * What changes a refused flash plan's decision — all of it. Each refusal names its option as it
 * is found (--skip PRELOADER, --mode upgrade, write MBR too); a plan refused for two reasons
 * needs both, so the options are gathered and given as one command-line change: the --skip list
 * that leaves every refused partition alone (the user's own --skip kept), the --only list that
 * takes in what must be written, the --mode. A refusal no option changes wins: it says why.
 */
#include "device/flash_internal.h"
#include "core/internal.h"
#include "core/textbuf.h"

#include <stdio.h>
#include <strings.h>

/* Append the names of comma list `names` to the comma list `*list` that it does not hold yet. */
static int list_add(char **list, const char *names)
{
	char name[MTKFW_PART_NAME_MAX];

	for (const char *p = names; mtkfw_name_next(&p, name, sizeof(name));) {
		size_t n = *list ? strlen(*list) : 0;
		char *grown;

		if (!name[0] || (*list && mtkfw_name_in_list(*list, name)))
			continue;
		if (!(grown = realloc(*list, n + strlen(name) + 2)))
			return mtkfw_nomem();
		snprintf(grown + n, strlen(name) + 2, "%s%s", n ? "," : "", name);
		*list = grown;
	}
	return 0;
}

/* Append a sentence to the plan's free-text remedy ("a; b"). */
static void note_add(mtkfw_flash_plan *plan, const char *text)
{
	size_t n = plan->remedy ? strlen(plan->remedy) : 0;
	char *grown;

	if (plan->remedy && strstr(plan->remedy, text))
		return;
	if (!(grown = realloc(plan->remedy, n + strlen(text) + 3)))
		return; /* the refusal itself stands; only its advice is shorter */
	snprintf(grown + n, strlen(text) + 3, "%s%s", n ? "; " : "", text);
	plan->remedy = grown;
}

void flash_remedy_add(mtkfw_flash_plan *plan, const char *option, const char *arg)
{
	if (plan->remedy_none)
		return;
	if (!strncmp(option, "no option", 9)) {
		/* Nothing the user can pass changes it: say that, and only that. */
		free(plan->remedy);
		plan->remedy = mtkfw_strdup(option);
		plan->remedy_none = true;
	} else if (!strcmp(option, "--skip") && arg) {
		(void)list_add(&plan->remedy_skip, arg);
	} else if (!strncmp(option, "--mode ", 7) && mtkfw_flash_mode_parse(option + 7) >= 0) {
		plan->remedy_mode = mtkfw_flash_mode_parse(option + 7);
	} else {
		char buf[256];

		snprintf(buf, sizeof(buf), "%s%s%s", option, arg ? " " : "", arg ? arg : "");
		note_add(plan, buf);
	}
}

void flash_remedy_write(mtkfw_flash_plan *plan, const char *name)
{
	if (!plan->remedy_none)
		(void)list_add(&plan->remedy_only, name);
}

int flash_remedy_finish(mtkfw_flash_plan *plan, const struct mtkfw_flash_opts *opts)
{
	char *refused = plan->remedy_skip, *write = plan->remedy_only, *skip = NULL, *only = NULL, *line = NULL;
	char name[MTKFW_PART_NAME_MAX];
	bool skip_changed = refused != NULL;
	int rc = 0;

	plan->remedy_skip = plan->remedy_only = NULL;
	if (plan->remedy_none || !plan->findings.errors) {
		if (!plan->findings.errors) {
			free(plan->remedy);
			plan->remedy = NULL;
			plan->remedy_mode = -1;
		}
		goto out;
	}
	/* --skip: the user's list and every refused partition, less what must be written. */
	for (const char *p = opts->skip; !rc && mtkfw_name_next(&p, name, sizeof(name));) {
		if (write && mtkfw_name_in_list(write, name))
			skip_changed = true;
		else
			rc = list_add(&skip, name);
	}
	if (!rc && refused)
		rc = list_add(&skip, refused);
	/* --only: what must be written, when the user's list leaves it out. */
	if (!rc && write && opts->only) {
		rc = list_add(&only, opts->only);
		for (const char *p = write; !rc && mtkfw_name_next(&p, name, sizeof(name));)
			if (!mtkfw_name_in_list(opts->only, name))
				rc = list_add(&only, name);
		if (only && !strcasecmp(only, opts->only)) {
			free(only);
			only = NULL;
		}
	}
	if (rc)
		goto out;
	if (skip_changed)
		plan->remedy_skip = skip ? skip : mtkfw_strdup("");
	else
		free(skip);
	skip = NULL;
	plan->remedy_only = only;
	only = NULL;
	if (plan->remedy_skip || plan->remedy_only || plan->remedy_mode >= 0) {
		struct lbuf t = { 0 };
		size_t n;

		if (plan->remedy_skip)
			lbuf_printf(&t, "%s%s", plan->remedy_skip[0] ? "--skip " : "without --skip", plan->remedy_skip);
		if (plan->remedy_only)
			lbuf_printf(&t, "%s--only %s", t.len ? " " : "", plan->remedy_only);
		if (plan->remedy_mode >= 0)
			lbuf_printf(&t, "%s--mode %s", t.len ? " " : "", mtkfw_flash_mode_name(plan->remedy_mode));
		if (plan->remedy)
			lbuf_printf(&t, "; %s", plan->remedy);
		if ((rc = lbuf_finish(&t, &line, &n)))
			goto out;
		free(plan->remedy);
		plan->remedy = line;
	}
out:
	free(refused);
	free(write);
	free(skip);
	free(only);
	return rc;
}
