/* Fault injection (see faults.h). */
#include "faults.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* xorshift32: small, seeded, and the same on every machine. */
static uint32_t next_rand(uint32_t *st)
{
	uint32_t x = *st ? *st : 0x6572u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*st = x;
	return x;
}

int sim_faults_parse(struct sim_faults *f, const char *spec, char *err, size_t errlen)
{
	char *copy = strdup(spec), *save = NULL, *tok;
	int rc = 0;

	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *val = strchr(tok, '=');
		uint64_t v = 0;

		if (val)
			*val++ = '\0';
		if (!strcmp(tok, "refuse-emi") && !val) {
			f->refuse_emi = true;
		} else if (!strcmp(tok, "readonly") && !val) {
			f->readonly = true;
			f->readonly_after = 0;
		} else if (!strcmp(tok, "no-reenum") && !val) {
			f->no_reenum = true;
		} else if (!strcmp(tok, "unstable-read") && !val) {
			f->unstable_read = true;
		} else if (!strcmp(tok, "refuse-speed") && !val) {
			f->refuse_speed = true;
		} else if (!strcmp(tok, "ignore-speed") && !val) {
			f->ignore_speed = true;
		} else if (!strcmp(tok, "emi-silent") && !val) {
			f->emi_silent = true;
		} else if (!val) {
			snprintf(err, errlen, "--fault: '%s' needs a value (or is unknown)", tok);
			rc = -1;
		} else if (!strcmp(tok, "drop-after") && !parse_u64(val, &v)) {
			f->drop = true;
			f->drop_after = v;
		} else if (!strcmp(tok, "corrupt") && !parse_u64(val, &v)) {
			f->corrupt = true;
			f->corrupt_at = v;
		} else if (!strcmp(tok, "stall")) {
			char *ms = strchr(val, ':');
			uint64_t m = 0;

			if (ms)
				*ms++ = '\0';
			if (parse_u64(val, &v) || (ms && (parse_u64(ms, &m) || m > 3600000))) {
				snprintf(err, errlen, "--fault: stall=BYTES[:MS] expected, got '%s'", val);
				rc = -1;
			} else {
				f->stall = true;
				f->stall_after = v;
				f->stall_ms = (unsigned)m;
			}
		} else if (!strcmp(tok, "chip") && !parse_u64(val, &v) && v && v <= 0xFFFF) {
			f->chip = true;
			f->chip_code = (uint16_t)v;
		} else if (!strcmp(tok, "readonly-after") && !parse_u64(val, &v)) {
			f->readonly = true;
			f->readonly_after = v;
		} else if (!strcmp(tok, "seed") && !parse_u64(val, &v) && v <= UINT32_MAX) {
			f->seed = (uint32_t)v;
		} else {
			snprintf(err, errlen, "--fault: bad fault '%s=%s' (want drop-after=N, corrupt=N, "
				 "stall=N[:MS], refuse-emi, chip=0xHHHH, readonly, readonly-after=N, no-reenum, unstable-read, "
				 "refuse-speed, ignore-speed, emi-silent, seed=N)", tok, val);
			rc = -1;
		}
		if (rc)
			break;
	}
	free(copy);
	if (!rc) {
		uint32_t st = f->seed;
		do
			f->corrupt_mask = (uint8_t)next_rand(&st);
		while (!f->corrupt_mask);
	}
	return rc;
}

size_t sim_faults_out(struct sim_faults *f, uint8_t *buf, size_t n, bool *drop)
{
	size_t k = n;

	*drop = false;
	if (f->drop && !f->drop_fired && f->sent + n >= f->drop_after) {
		k = f->sent >= f->drop_after ? 0 : (size_t)(f->drop_after - f->sent);
		if (k < n || f->sent + n == f->drop_after) {
			f->drop_fired = true;
			*drop = true;
		}
	}
	if (f->corrupt && !f->corrupt_fired && f->corrupt_at >= f->sent && f->corrupt_at < f->sent + k) {
		buf[f->corrupt_at - f->sent] ^= f->corrupt_mask;
		f->corrupt_fired = true;
	}
	f->sent += k;
	return k;
}

size_t sim_faults_in(struct sim_faults *f, size_t n, bool *stall, unsigned *stall_ms)
{
	size_t k = n;

	*stall = false;
	if (f->stall && !f->stall_fired && f->received + n >= f->stall_after) {
		k = f->received >= f->stall_after ? 0 : (size_t)(f->stall_after - f->received);
		f->stall_fired = true;
		*stall = true;
		*stall_ms = f->stall_ms;
	}
	f->received += k;
	return k;
}
