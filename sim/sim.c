/*
 * The framing engine of the virtual phone: collect exactly the bytes the current step needs,
 * run it, queue its answer. Steps live in brom.c and da_legacy.c.
 */
#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "core/bytes.h"

int sim_init(struct sim *s, const struct sim_config *cfg, struct sim_emmc *emmc,
	     struct sim_trace *trace)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	if (!s->cfg.hw_code)
		s->cfg.hw_code = SIM_HW_CODE;
	if (!s->cfg.idle_ms)
		s->cfg.idle_ms = 10;
	if (!s->cfg.dram_size)
		s->cfg.dram_size = 512ull << 20;
	s->emmc = emmc;
	s->trace = trace;
	sim_reset(s);
	return 0;
}

void sim_free(struct sim *s)
{
	free(s->out);
	free(s->bulk);
	s->out = NULL;
	s->bulk = NULL;
}

void sim_reset(struct sim *s)
{
	s->out_len = 0;
	sim_reboot(s);
}

void sim_reboot(struct sim *s)
{
	s->have = 0;
	s->halted = false;
	s->in_da = false;
	s->da1_loaded = false;
	s->dram_ready = s->cfg.mode == SIM_MODE_PRELOADER;
	s->part = EMMC_PART_USER;
	s->reset_requested = false;
	/* Every boot enumerates anew; only the DA's 70 01 moves a full-speed phone up. */
	s->high_speed = !s->cfg.full_speed;
	s->reenum_requested = false;
	s->stay_on_close = false;
	s->wrote = false;
	free(s->bulk);
	s->bulk = NULL;
	s->bulk_len = 0;
	brom_start(s);
}

void sim_consume_out(struct sim *s, size_t n)
{
	if (n >= s->out_len) {
		s->out_len = 0;
		return;
	}
	memmove(s->out, s->out + n, s->out_len - n);
	s->out_len -= n;
}

void sim_emit(struct sim *s, const void *p, size_t n)
{
	if (s->out_len + n > s->out_cap) {
		size_t cap = s->out_cap ? s->out_cap : 4096;
		uint8_t *o;

		while (cap < s->out_len + n)
			cap *= 2;
		o = realloc(s->out, cap);
		if (!o) {
			/* Out of memory: the phone goes silent rather than send half an answer. */
			s->halted = true;
			return;
		}
		s->out = o;
		s->out_cap = cap;
	}
	memcpy(s->out + s->out_len, p, n);
	s->out_len += n;
}

void sim_emit8(struct sim *s, uint8_t v) { sim_emit(s, &v, 1); }
void sim_emit16(struct sim *s, uint16_t v) { uint8_t b[2]; wr_be16(b, v); sim_emit(s, b, 2); }
void sim_emit32(struct sim *s, uint32_t v) { uint8_t b[4]; wr_be32(b, v); sim_emit(s, b, 4); }
void sim_emit64(struct sim *s, uint64_t v) { uint8_t b[8]; wr_be64(b, v); sim_emit(s, b, 8); }

void sim_expect(struct sim *s, size_t need, sim_step step)
{
	s->need = need;
	s->step = step;
	s->stream = false;
	s->wait_idle = false;
	s->have = 0;
}

void sim_expect_stream(struct sim *s, size_t need, sim_step step)
{
	sim_expect(s, need, step);
	s->stream = true;
}

void sim_expect_idle(struct sim *s, sim_step step)
{
	sim_expect(s, 1, step);
	s->stream = true;
	s->wait_idle = true;
}

void sim_feed(struct sim *s, const uint8_t *p, size_t n)
{
	while (n && !s->halted) {
		if (s->stream) {
			size_t k = n < s->need ? n : s->need;
			sim_step st = s->step;

			if (s->wait_idle)
				k = n; /* an idle-terminated step takes everything until silence */
			p += k;
			n -= k;
			st(s, p - k, k);
			continue;
		}
		{
			size_t k = s->need - s->have;
			sim_step st = s->step;

			if (k > n)
				k = n;
			memcpy(s->in + s->have, p, k);
			s->have += k;
			p += k;
			n -= k;
			if (s->have == s->need) {
				s->have = 0;
				st(s, s->in, s->need);
			}
		}
	}
}

void sim_idle(struct sim *s)
{
	if (s->wait_idle && !s->halted) {
		s->wait_idle = false;
		s->step(s, NULL, 0); /* n == 0: the silence itself */
	}
}

void sim_cid_wire(const uint8_t cid[16], uint8_t out[16])
{
	for (int w = 0; w < 4; w++)
		for (int i = 0; i < 4; i++)
			out[w * 4 + i] = cid[w * 4 + 3 - i];
}
