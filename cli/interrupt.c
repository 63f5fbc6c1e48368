/* SIGINT/SIGTERM for every command (cli/interrupt.h). */
#include "interrupt.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The only state a handler may share: the signal number, set once. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	static const char again[] = "\nmtkfw: interrupted again: stopped at once, temporary files removed\n";

	if (stop_signal) {
		/* The work did not reach a safe point in time: leave now, removing what it had
		 * not committed (a flash's journal is written atomically, so --resume still works). */
		mtkfw_remove_temps();
		(void)!write(STDERR_FILENO, again, sizeof(again) - 1);
		_exit(128 + sig);
	}
	stop_signal = sig;
}

void cli_interrupt_setup(struct cli_env *env)
{
	struct sigaction sa, old;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a wait on the phone's port returns (EINTR) and is retried by the
	 * transport, which then meets the flag at the next packet. */
	sigaction(SIGTERM, &sa, NULL);
	/* A SIGINT ignored on entry (a background job of a script) stays ignored, as shells
	 * expect of every program. */
	if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(SIGINT, &sa, NULL);
	if (env)
		mtkfw_ctx_set_cancel(env->ctx, &stop_signal);
	/* Handled now, so deliverable: one that came while the caller blocked it is seen at
	 * once, and the command stops before it starts. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int cli_interrupted(void)
{
	return stop_signal;
}

int cli_interrupt_exit(int rc)
{
	int sig = stop_signal;

	if (!sig)
		return rc;
	mtkfw_remove_temps();
	return rc ? 128 + sig : rc;
}
