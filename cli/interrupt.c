/* SIGINT/SIGTERM for every command (cli/interrupt.h). */
#include "interrupt.h"
#include "cli_os.h"

#include <signal.h>
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
	/* How a stop request arrives is the system's business (cli_os.h): signals here, console
	 * control events on Windows. Both end in on_stop; installing twice is harmless. */
	cli_os_catch_stop(on_stop);
	if (env)
		mtkfw_ctx_set_cancel(env->ctx, &stop_signal);
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
