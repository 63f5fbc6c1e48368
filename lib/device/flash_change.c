/*
 * What changes a refused flash plan's decision — all of it. Each refusal names its remedy as it
 * is found (leave PRELOADER out, rewrite the table, write MBR too); a plan refused for two
 * reasons needs both, so they are gathered into one change of the command line: the whole
 * --skip list that leaves every refused partition alone (the user's own names kept), the whole
 * --only list that takes in what must be written, the --mode. A refusal no option changes is
 * kept too: then nothing the user passes lets the flash through, and the front end says why.
 */
#include "device/flash_internal.h"
#include "core/internal.h"

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

void mtkfwi_flash_change_add(mtkfw_flash_plan *plan, int remedy, const char *const *parts, size_t n)
{
	struct mtkfw_flash_change *c = &plan->change;

	/* While the plan is built, `skip` gathers the refused partitions and `only` those that
	 * must be written too; mtkfwi_flash_change_finish makes them the whole lists. An allocation
	 * failure only shortens the advice: the refusal itself stands. */
	/* Leaving lk and kernel out is one of the two ways of a panel refusal; porting the other. */
	c->port |= remedy == MTKFW_REMEDY_SKIP_OR_PORT;
	switch (remedy) {
	case MTKFW_REMEDY_SKIP_OR_PORT:
	case MTKFW_REMEDY_SKIP:
		for (size_t i = 0; i < n; i++)
			if (parts[i])
				(void)list_add(&c->skip, parts[i]);
		break;
	case MTKFW_REMEDY_WRITE_TOO:
		for (size_t i = 0; i < n; i++)
			if (parts[i])
				(void)list_add(&c->only, parts[i]);
		break;
	case MTKFW_REMEDY_MODE_UPGRADE:
		c->mode = MTKFW_FLASH_UPGRADE;
		break;
	case MTKFW_REMEDY_NONE:
		break;
	default:
		if (c->blocked == MTKFW_REMEDY_NONE)
			c->blocked = remedy;
	}
}

int mtkfwi_flash_change_finish(mtkfw_flash_plan *plan, const struct mtkfw_flash_opts *opts)
{
	struct mtkfw_flash_change *c = &plan->change;
	char *refused = c->skip, *write = c->only, *skip = NULL, *only = NULL;
	char name[MTKFW_PART_NAME_MAX];
	bool skip_changed = refused != NULL;
	int rc = 0;

	c->skip = c->only = NULL;
	if (!plan->findings.errors) {
		memset(c, 0, sizeof(*c));
		c->mode = -1;
		goto out;
	}
	/* --skip: the user's names and every refused partition, less what must be written. */
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
		for (const char *p = write; !rc && mtkfw_name_next(&p, name, sizeof(name));)
			if (!mtkfw_name_in_list(opts->only, name)) {
				if (!only)
					rc = list_add(&only, opts->only);
				if (!rc)
					rc = list_add(&only, name);
			}
	}
	if (rc)
		goto out;
	if (skip_changed && !skip && !(skip = mtkfw_strdup("")))
		rc = MTKFW_ERR_NOMEM;
	c->skip = skip_changed ? skip : NULL;
	if (!skip_changed)
		free(skip);
	skip = NULL;
	c->only = only;
	only = NULL;
out:
	free(refused);
	free(write);
	free(skip);
	free(only);
	return rc;
}
