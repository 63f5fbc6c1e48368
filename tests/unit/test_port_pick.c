/*
 * Choosing the phone's port among the devices Windows' SetupAPI lists (lib/device/port_pick.c):
 * discover_win32.c turns each present USB device into a record and asks mtkfwi_port_pick(), so these
 * recorded answers (tests/unit/data/setupapi/) check Windows discovery on any system. Also the
 * table of MediaTek boot-port ids that the Linux sysfs scan shares.
 */
#include "testutil.h"
#include "device/reenum.h"

#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RECORDS 32

struct answers {
	char lines[MAX_RECORDS][3][256];
	struct port_record r[MAX_RECORDS];
	size_t n;
};

/* One recorded answer file: hwid TAB port ("-" none) TAB problem; '#' lines are comments. */
static void load(struct answers *a, const char *name)
{
	char path[4096], line[1024];
	const char *src = getenv("MTKFW_SRC");
	FILE *f;

	memset(a, 0, sizeof(*a));
	snprintf(path, sizeof(path), "%s/tests/unit/data/setupapi/%s", src ? src : ".", name);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *tab1, *tab2;

		line[strcspn(line, "\r\n")] = 0;
		if (line[0] == '#')
			continue;
		tab1 = strchr(line, '\t');
		assert_non_null(tab1);
		tab2 = strchr(tab1 + 1, '\t');
		assert_non_null(tab2);
		*tab1 = *tab2 = 0;
		assert_true(a->n < MAX_RECORDS);
		snprintf(a->lines[a->n][0], 256, "%.255s", line);
		snprintf(a->lines[a->n][1], 256, "%.255s", tab1 + 1);
		a->r[a->n].hwid = a->lines[a->n][0];
		a->r[a->n].port = strcmp(tab1 + 1, "-") ? a->lines[a->n][1] : NULL;
		a->r[a->n].problem = (unsigned)strtoul(tab2 + 1, NULL, 10);
		a->n++;
	}
	fclose(f);
}

static void brom_port_found_among_others(void **state)
{
	struct answers a;
	struct port_seen seen = { 0 };
	char *port = NULL;

	(void)state;
	load(&a, "bench-brom.txt");
	assert_int_equal(a.n, 4);
	/* The CH340 adapter on COM3 is another vendor's: never taken. */
	assert_int_equal(mtkfwi_port_pick(&port, a.r, a.n, false, &seen), 0);
	assert_string_equal(port, "COM5");
	free(port);
	/* Without the phone, nothing; the adapter is not "another MediaTek port". */
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(mtkfwi_port_pick(&port, a.r, a.n - 1, false, &seen), MTKFW_ERR_NOTFOUND);
	assert_null(port);
	assert_int_equal(seen.other_pid, 0);
	assert_int_equal(seen.nodeless_pid, 0);
}

static void missing_driver_is_named(void **state)
{
	struct answers a;
	struct port_seen seen = { 0 };
	char *port = NULL;

	(void)state;
	load(&a, "no-driver.txt");
	assert_int_equal(mtkfwi_port_pick(&port, a.r, a.n, false, &seen), MTKFW_ERR_NOTFOUND);
	assert_null(port);
	assert_int_equal(seen.nodeless_pid, 0x2000);
	assert_string_equal(seen.nodeless, "USB\\VID_0E8D&PID_2000&REV_0100");
	assert_non_null(strstr(seen.node, "no driver installed"));
	assert_non_null(strstr(seen.node, "problem code 28"));
}

static void booted_phone_is_another_kind(void **state)
{
	struct answers a;
	struct port_seen seen = { 0 };
	char *port = NULL;

	(void)state;
	load(&a, "booted.txt");
	/* 0E8D:200A has a COM port (an interface of the booted phone) but is no boot port. */
	assert_int_equal(mtkfwi_port_pick(&port, a.r, a.n, false, &seen), MTKFW_ERR_NOTFOUND);
	assert_null(port);
	assert_int_equal(seen.other_pid, 0x200A);
	assert_int_equal(seen.nodeless_pid, 0);
}

static void odd_answers_and_da_port(void **state)
{
	struct answers a;
	struct port_seen seen = { 0 };
	char *port = NULL;

	(void)state;
	load(&a, "odd.txt");
	assert_int_equal(a.n, 6);
	/* No id, no product, a bad product: skipped. LPT1 is no COM port, and the device with a
	 * problem code is no usable port either: the first is remembered as portless. The DA's
	 * id (lower case, as some drivers write it) counts only when following a phone. */
	assert_int_equal(mtkfwi_port_pick(&port, a.r, a.n, false, &seen), MTKFW_ERR_NOTFOUND);
	assert_null(port);
	assert_int_equal(seen.nodeless_pid, 0x0003);
	assert_string_equal(seen.node, "no COM port");
	assert_int_equal(seen.other_pid, 0x2001);
	assert_int_equal(mtkfwi_port_pick(&port, a.r, a.n, true, NULL), 0);
	assert_string_equal(port, "COM12");
	free(port);
	/* A record with no id at all, and an empty list. */
	assert_int_equal(mtkfwi_port_pick(&port, a.r, 1, true, NULL), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfwi_port_pick(&port, NULL, 0, true, NULL), MTKFW_ERR_NOTFOUND);
}

static void pid_table(void **state)
{
	(void)state;
	/* BROM and the preloader ids mtkclient and SP Flash Tool's drivers list for VID 0E8D. */
	const unsigned boot[] = { 0x0003, 0x2000, 0x6000, 0x20FF, 0x3000 };

	for (size_t i = 0; i < sizeof(boot) / sizeof(boot[0]); i++) {
		assert_true(mtkfwi_port_pid_wanted(boot[i], false));
		assert_true(mtkfwi_port_pid_wanted(boot[i], true));
	}
	assert_false(mtkfwi_port_pid_wanted(0x2001, false));
	assert_true(mtkfwi_port_pid_wanted(0x2001, true));
	assert_false(mtkfwi_port_pid_wanted(0x200A, true));
	assert_false(mtkfwi_port_pid_wanted(0x0000, true));
	assert_false(mtkfwi_port_pid_wanted(0xFFFF, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(brom_port_found_among_others),
		cmocka_unit_test(missing_driver_is_named),
		cmocka_unit_test(booted_phone_is_another_kind),
		cmocka_unit_test(odd_answers_and_da_port),
		cmocka_unit_test(pid_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
