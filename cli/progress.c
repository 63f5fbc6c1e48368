/* A one-line progress display on stderr for long file operations (only on a terminal). */
#include "cli_progress.h"

#include <stdio.h>

static int draw(const char *stage, uint64_t done, uint64_t total, void *user)
{
	(void)user;
	if (total)
		fprintf(stderr, "\r%s: %3u%%", stage, (unsigned)(done * 100 / total));
	else
		fprintf(stderr, "\r%s: %llu MiB", stage, (unsigned long long)(done >> 20));
	if (total && done >= total)
		fputc('\n', stderr);
	return 0;
}

void cli_progress_on(struct cli_env *env)
{
	if (env->stderr_tty && !env->quiet)
		mtkfw_ctx_set_progress(env->ctx, draw, NULL);
}
