/*
 * --trace FILE: one readable line per command the phone receives and per notable event
 * ("brom: D7 SEND_DA addr=0x02007000 len=0xe9d4 sig=0x100"), with a timestamp, so a failing
 * host session can be read afterwards. Lines are flushed as written: the sim is usually
 * ended with SIGTERM.
 */
#ifndef MTKFW_SIM_TRACE_H
#define MTKFW_SIM_TRACE_H

#include <stdio.h>

struct sim_trace {
	FILE *fp;
};

#if defined(__GNUC__)
#define SIM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SIM_PRINTF(a, b)
#endif

int sim_trace_open(struct sim_trace *t, const char *path);
void sim_trace_close(struct sim_trace *t);
void sim_trace(struct sim_trace *t, const char *fmt, ...) SIM_PRINTF(2, 3);

#endif
