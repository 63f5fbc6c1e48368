/* --trace FILE (see trace.h). */
#include "trace.h"

#include <stdarg.h>
#include <time.h>

int sim_trace_open(struct sim_trace *t, const char *path)
{
	t->fp = fopen(path, "a");
	return t->fp ? 0 : -1;
}

void sim_trace_close(struct sim_trace *t)
{
	if (t->fp)
		fclose(t->fp);
	t->fp = NULL;
}

void sim_trace(struct sim_trace *t, const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	if (!t || !t->fp)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(t->fp, "%lld.%03ld ", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(t->fp, fmt, ap);
	va_end(ap);
	fputc('\n', t->fp);
	fflush(t->fp);
}
