/* Subcommand dispatch (cli_sub.h): one lookup, one argv shift, one wording of its errors. */
#include "cli_sub.h"

#include <string.h>

/* "a, b or c" (sep_last " or ") or "a, b, c" (sep_last ", ") into buf. */
static void name_list(char *buf, size_t size, const struct cli_sub *subs, const char *sep_last)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; subs[i].name && n < size; i++) {
		const char *sep = i == 0 ? "" : subs[i + 1].name ? ", " : sep_last;

		n += (size_t)snprintf(buf + n, size - n, "%s%s", sep, subs[i].name);
	}
}

int cli_subcommand(struct cli_env *env, int *argc, char ***argv, const struct cli_sub *subs)
{
	char names[256];

	if (*argc < 2) {
		name_list(names, sizeof(names), subs, " or ");
		cli_usage_error(env, "a subcommand is needed: %s", names);
		return -1;
	}
	for (int i = 0; subs[i].name; i++)
		if (strcmp((*argv)[1], subs[i].name) == 0) {
			(*argc)--;
			(*argv)++;
			optind = 1;
			return i;
		}
	name_list(names, sizeof(names), subs, ", ");
	cli_usage_error(env, "'%s' is not a subcommand of mtkfw %s (%s)", (*argv)[1], env->cmd->name, names);
	return -1;
}
