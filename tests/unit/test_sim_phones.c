/* mtkfw-sim against what real phones said: the sessions of docs/real-phones.md are read here,
 * and the sim's identity (FC, FF, FE, the DA's version bytes, the DRAM of its own EMI entry) and
 * every eMMC preset of sim/emmc_parts.c are held against the rows they come from. A preset that
 * drifts from its session, or cites one that does not show what it claims, fails here. */
#include "sim_fixture.h"

#include <stdio.h>

#include "core/bytes.h"
#include "emmc_parts.h"

#define MAX_ROWS 32
#define MAX_COLS 12

struct table {
	char head[MAX_COLS][96];
	char cell[MAX_ROWS][MAX_COLS][96];
	int rows, cols;
};

static char *doc;

static int setup(void **state)
{
	char path[4096];
	const char *src = getenv("MTKFW_SRC");
	size_t n;

	(void)state;
	if (!src)
		return -1;
	snprintf(path, sizeof(path), "%s/docs/real-phones.md", src);
	doc = (char *)slurp(path, &n);
	return doc ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(doc);
	return 0;
}

/* Split one "| a | b |" line into trimmed cells; the number of cells. */
static int split(const char *line, const char *end, char out[][96], int max)
{
	int n = 0;
	const char *p = line;

	if (*p != '|')
		return 0;
	p++;
	while (p < end && n < max) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t len;

		if (!bar)
			break;
		while (p < bar && *p == ' ')
			p++;
		len = (size_t)(bar - p);
		while (len && p[len - 1] == ' ')
			len--;
		if (len >= 96)
			len = 95;
		memcpy(out[n], p, len);
		out[n][len] = '\0';
		n++;
		p = bar + 1;
	}
	return n;
}

/* The table whose header row starts with "id" and has a column named `col`. */
static void table_with(const char *col, struct table *t)
{
	const char *p = doc;

	memset(t, 0, sizeof(*t));
	while (*p) {
		const char *eol = strchr(p, '\n');
		char cells[MAX_COLS][96];
		int n;

		if (!eol)
			eol = p + strlen(p);
		n = split(p, eol, cells, MAX_COLS);
		if (n && !strcmp(cells[0], "id")) {
			bool has = false;

			for (int i = 0; i < n; i++)
				has = has || !strcmp(cells[i], col);
			if (has) {
				t->cols = n;
				for (int i = 0; i < n; i++)
					memcpy(t->head[i], cells[i], sizeof(t->head[i]));
				p = *eol ? eol + 1 : eol;
				/* the separator row, then the data rows */
				while (*p == '|' && t->rows < MAX_ROWS) {
					eol = strchr(p, '\n');
					if (!eol)
						eol = p + strlen(p);
					if (p[1] != '-')
						split(p, eol, t->cell[t->rows++], MAX_COLS);
					p = *eol ? eol + 1 : eol;
				}
				return;
			}
		}
		p = *eol ? eol + 1 : eol;
	}
	fail_msg("docs/real-phones.md has no table with a '%s' column", col);
}

static const char *get(const struct table *t, int row, const char *col)
{
	for (int i = 0; i < t->cols; i++)
		if (!strcmp(t->head[i], col))
			return t->cell[row][i];
	fail_msg("no column '%s'", col);
	return NULL;
}

static int find_row(const struct table *t, const char *id)
{
	for (int r = 0; r < t->rows; r++)
		if (!strcmp(t->cell[r][0], id))
			return r;
	return -1;
}

static bool shown(const char *cell)
{
	return strcmp(cell, "—") != 0 && cell[0] != '\0';
}

static uint64_t num(const char *cell)
{
	char *end;
	unsigned long long v = strtoull(cell, &end, 16);

	if (*end)
		fail_msg("'%s' is not a number", cell);
	return v;
}

static bool mt6572_emmc(const struct table *id, int r)
{
	return !strcmp(get(id, r, "chip"), "MT6572") && !strcmp(get(id, r, "storage"), "eMMC");
}

/* The sim's identity is what the MT6572 eMMC phones reported, in every row that shows it. */
static void identity_matches_the_logs(void **state)
{
	struct table *t = malloc(sizeof(*t));
	int checked = 0;
	char da[8];

	(void)state;
	table_with("sub code", t);
	snprintf(da, sizeof(da), "%d.%d", SIM_DA_MAJOR, SIM_DA_MINOR);
	for (int r = 0; r < t->rows; r++) {
		const char *v;

		if (!mt6572_emmc(t, r))
			continue;
		if (shown(v = get(t, r, "hw ver")))
			assert_int_equal(num(v), SIM_HW_VER);
		if (shown(v = get(t, r, "sub code")))
			assert_int_equal(num(v), SIM_HW_SUBCODE);
		if (shown(v = get(t, r, "sw ver")))
			assert_int_equal(num(v), SIM_SW_VER);
		if (shown(v = get(t, r, "DA")))
			assert_string_equal(v, da);
		if (shown(v = get(t, r, "BBID")))
			assert_int_equal(num(v), SIM_DA_BBID);
		checked++;
	}
	assert_true(checked >= 5);
	free(t);
}

/* FF and FE as the logs show them in each mode, asked of the sim itself. */
static void versions_by_mode_match_the_logs(void **state)
{
	struct table *t = malloc(sizeof(*t)), *s = malloc(sizeof(*s));
	int seen[2] = { 0, 0 };

	(void)state;
	table_with("BROM ver", t);
	table_with("mode", s);
	for (int r = 0; r < t->rows; r++) {
		int sr = find_row(s, t->cell[r][0]);
		const char *mode, *bv = get(t, r, "BROM ver"), *bl = get(t, r, "BL ver");
		bool brom;
		struct fx *f;
		uint8_t got[1];

		if (sr < 0 || !strcmp(get(t, r, "chip"), "MT6571") || !shown(bv))
			continue;
		mode = get(s, sr, "mode");
		brom = !strncmp(mode, "BROM", 4);
		assert_true(brom || !strcmp(mode, "preloader"));
		f = fx_new(brom ? SIM_MODE_BROM : SIM_MODE_PRELOADER, 1 << 20);
		fx_handshake(f);
		sim_feed(&f->sim, (const uint8_t *)"\xff", 1);
		assert_int_equal(f->sim.out_len, 1);
		memcpy(got, f->sim.out, 1);
		assert_int_equal(got[0], num(bv));
		sim_consume_out(&f->sim, 1);
		if (shown(bl)) {
			sim_feed(&f->sim, (const uint8_t *)"\xfe", 1);
			assert_int_equal(f->sim.out[0], num(bl));
		}
		seen[brom]++;
		fx_free(f);
	}
	assert_true(seen[0] >= 2 && seen[1] >= 2);
	free(t);
	free(s);
}

/* Each eMMC preset against the session it cites: the CID's maker and product name, every size
 * the session shows, and an honest flag on every size it does not. */
static void presets_match_their_sessions(void **state)
{
	struct table *e = malloc(sizeof(*e)), *id = malloc(sizeof(*id));
	static const struct { const char *col; unsigned flag; int field; } sizes[] = {
		{ "boot1", SIM_GEO_BOOT, 0 }, { "boot2", SIM_GEO_BOOT, 0 },
		{ "RPMB", SIM_GEO_RPMB, 1 }, { "user area", SIM_GEO_USER, 2 },
	};

	(void)state;
	table_with("eMMC CID", e);
	table_with("sub code", id);
	assert_true(sim_emmc_nparts >= 4);
	for (size_t i = 0; i < sim_emmc_nparts; i++) {
		const struct sim_emmc_part *p = &sim_emmc_parts[i];
		int r = find_row(e, p->session), ir = find_row(id, p->session);
		const char *hex = r >= 0 ? get(e, r, "eMMC CID") : "";
		uint8_t cid[16];
		unsigned missing = 0;

		if (r < 0)
			fail_msg("%s cites %s, which docs/real-phones.md does not list", p->name, p->session);
		assert_int_equal(strlen(hex), 32);
		assert_int_equal(sim_cid_parse(hex, cid), 0);
		assert_int_equal(cid[0], p->mid);
		assert_memory_equal(cid + 3, p->pnm, 6);
		assert_ptr_equal(sim_emmc_part_find(cid), p);
		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			const char *v = get(e, r, sizes[k].col);
			uint64_t want = sizes[k].field == 0 ? p->geo.boot_size
					: sizes[k].field == 1 ? p->geo.rpmb_size : p->geo.user_size;

			if (shown(v))
				assert_int_equal(num(v), want);
			else
				missing |= sizes[k].flag;
		}
		assert_int_equal(missing, p->assumed);
		/* A row not from an MT6572 eMMC phone says so. */
		assert_int_equal(ir >= 0 && mt6572_emmc(id, ir), p->note == NULL);
	}
	free(e);
	free(id);
}

/* The geometry of an unknown card, and the DRAM of the phone's own EMI entry: what the MT6572
 * eMMC sessions show. */
static void defaults_match_the_logs(void **state)
{
	struct table *e = malloc(sizeof(*e)), *id = malloc(sizeof(*id));
	int full = 0, ram = 0;
	uint8_t other[16] = { 0x70, 0x01, 0x00, 'X', 'X', 'X', 'X', 'X', 'X' };
	struct sim_emmc_geometry g = sim_emmc_geometry_for(other);

	(void)state;
	table_with("eMMC CID", e);
	table_with("sub code", id);
	assert_null(sim_emmc_part_find(other));
	assert_memory_equal(&g, &sim_emmc_geometry_default, sizeof(g));
	for (int r = 0; r < e->rows; r++) {
		int ir = find_row(id, e->cell[r][0]);
		const char *v;

		if (ir < 0 || !mt6572_emmc(id, ir))
			continue;
		if (shown(get(e, r, "boot1")) && shown(get(e, r, "RPMB")) && shown(get(e, r, "user area"))) {
			assert_int_equal(num(get(e, r, "boot1")), g.boot_size);
			assert_int_equal(num(get(e, r, "RPMB")), g.rpmb_size);
			assert_int_equal(num(get(e, r, "user area")), g.user_size);
			full++;
		}
		if (shown(v = get(e, r, "RAM"))) {
			assert_int_equal(num(v), SIM_DRAM_SIZE);
			ram++;
		}
	}
	assert_true(full >= 2 && ram >= 2);
	free(e);
	free(id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identity_matches_the_logs),
		cmocka_unit_test(versions_by_mode_match_the_logs),
		cmocka_unit_test(presets_match_their_sessions),
		cmocka_unit_test(defaults_match_the_logs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
