/*
 * Progress on stderr for long operations: on a terminal a bar with speed and ETA, redrawn at
 * most ten times a second; otherwise (when asked) one line per finished stage, so logs of long
 * device work stay readable.
 */
#include "cli_progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

struct progress {
	bool tty;
	char stage[64];
	double start, last;
};

static struct progress prog;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Labels take this many columns, so the bars of "read NVRAM" and "write ANDROID" line up; a
 * longer one is cut with "..." rather than pushing its bar out of line. */
#define LABEL_WIDTH 24

static void label(char out[LABEL_WIDTH + 1], const char *stage)
{
	size_t n = strlen(stage);

	if (n <= LABEL_WIDTH)
		snprintf(out, LABEL_WIDTH + 1, "%s", stage);
	else
		snprintf(out, LABEL_WIDTH + 1, "%.*s...", LABEL_WIDTH - 3, stage);
}

/* Stages name their verb first (include/mtkfw/core.h); an erase moves no data over USB, so a
 * bytes-per-second figure for it would be nonsense (the eMMC erases a partition at once). */
static bool moves_data(const char *stage)
{
	return strncmp(stage, "erase", 5) != 0;
}

static int draw(const char *stage, uint64_t done, uint64_t total, void *user)
{
	struct progress *p = user;
	double t = now_s(), el, speed;
	char lab[LABEL_WIDTH + 1];

	if (strcmp(p->stage, stage) != 0) {
		snprintf(p->stage, sizeof(p->stage), "%s", stage);
		p->start = p->last = t;
	}
	el = t - p->start;
	speed = el > 0 ? (double)done / el : 0;
	if (p->tty) {
		double eta = speed > 0 && total > done ? (double)(total - done) / speed : 0;
		int pct = total ? (int)(done * 100 / total) : 0, bar = pct * 30 / 100;

		if ((!total || done < total) && t - p->last < 0.1)
			return 0;
		p->last = t;
		label(lab, stage);
		if (total && moves_data(stage))
			fprintf(stderr, "\r%-*s [%-30.*s] %3d%% %7.2f MB/s ETA %02d:%02d", LABEL_WIDTH, lab, bar,
				"##############################", pct, speed / 1e6, (int)eta / 60, (int)eta % 60);
		else if (total)
			fprintf(stderr, "\r%-*s [%-30.*s] %3d%%", LABEL_WIDTH, lab, bar, "##############################",
				pct);
		else
			fprintf(stderr, "\r%s: %llu MiB", stage, (unsigned long long)(done >> 20));
		if (total && done >= total)
			fputc('\n', stderr);
		fflush(stderr);
	} else if (total && done >= total && moves_data(stage)) {
		fprintf(stderr, "%s: %llu bytes in %.1f s (%.2f MB/s)\n", stage, (unsigned long long)total, el,
			speed / 1e6);
	} else if (total && done >= total) {
		fprintf(stderr, "%s: %llu bytes erased in %.1f s\n", stage, (unsigned long long)total, el);
	}
	return 0;
}

static void attach(struct cli_env *env)
{
	memset(&prog, 0, sizeof(prog));
	prog.tty = env->stderr_tty;
	mtkfw_ctx_set_progress(env->ctx, draw, &prog);
}

void cli_progress_on(struct cli_env *env)
{
	if (env->stderr_tty && !env->quiet)
		attach(env);
}

void cli_progress_lines(struct cli_env *env)
{
	if (!env->quiet)
		attach(env);
}
