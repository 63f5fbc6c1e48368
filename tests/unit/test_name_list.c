/* Comma lists of partition names (lib/device/name_list.c), and the session port a transport
 * reports through its wrappers (lib/device/usb_speed.c, transport.c, fault.c, trace.c). */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include "device/transport.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void in_list(void **state)
{
	(void)state;
	assert_true(mtkfw_name_in_list("NVRAM,PRO_INFO", "nvram"));
	assert_true(mtkfw_name_in_list("NVRAM,PRO_INFO", "Pro_Info"));
	/* Whole words only, never a prefix or a longer word. */
	assert_false(mtkfw_name_in_list("NVRAM,PRO_INFO", "NVRA"));
	assert_false(mtkfw_name_in_list("NVRAMX", "NVRAM"));
	assert_false(mtkfw_name_in_list("NVRAM", "NVRAMX"));
	assert_false(mtkfw_name_in_list(NULL, "NVRAM"));
	assert_false(mtkfw_name_in_list("", "NVRAM"));
	assert_false(mtkfw_name_in_list("NVRAM", NULL));
	/* An empty item matches only an empty name. */
	assert_true(mtkfw_name_in_list("A,,B", ""));
	assert_true(mtkfw_name_in_list("A,,B", "b"));
}

static void next(void **state)
{
	const char *p = "UBOOT,,A_VERY_LONG_PARTITION_NAME_INDEED_REALLY_LONG_OVER_SIXTY_FOUR_CHARACTERS_X,LOGO";
	char name[8];

	(void)state;
	assert_true(mtkfw_name_next(&p, name, sizeof(name)));
	assert_string_equal(name, "UBOOT");
	assert_true(mtkfw_name_next(&p, name, sizeof(name)));
	assert_string_equal(name, "");
	/* Cut to the buffer, and the walk goes on after the whole word. */
	assert_true(mtkfw_name_next(&p, name, sizeof(name)));
	assert_string_equal(name, "A_VERY_");
	assert_true(mtkfw_name_next(&p, name, sizeof(name)));
	assert_string_equal(name, "LOGO");
	assert_false(mtkfw_name_next(&p, name, sizeof(name)));
	p = NULL;
	assert_false(mtkfw_name_next(&p, name, sizeof(name)));
	assert_false(mtkfw_name_next(NULL, name, sizeof(name)));
}

/* A tty transport names its port through the fault and record wrappers; a replay names none. */
static void port_through_wrappers(void **state)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	char *dir = make_tempdir(), trace[512], *slave;
	mtkfw_transport *t = NULL, *r = NULL;

	(void)state;
	assert_true(m >= 0);
	assert_int_equal(grantpt(m), 0);
	assert_int_equal(unlockpt(m), 0);
	assert_non_null(slave = ptsname(m));
	slave = strdup(slave);
	assert_int_equal(mtkfw_transport_open_tty(&t, slave), 0);
	assert_string_equal(mtkfwi_transport_port(t), slave);
	assert_int_equal(mtkfw_transport_fault(&t, t, "flip@1000"), 0);
	snprintf(trace, sizeof(trace), "%s/t.trace", dir);
	assert_int_equal(mtkfw_transport_record(&t, t, trace), 0);
	assert_string_equal(mtkfwi_transport_port(t), slave);
	mtkfw_transport_free(t);
	assert_int_equal(mtkfw_transport_open_replay(&r, trace), 0);
	assert_null(mtkfwi_transport_port(r));
	mtkfw_transport_free(r);
	assert_null(mtkfwi_transport_port(NULL));
	assert_null(mtkfw_device_port(NULL));
	close(m);
	free(slave);
	rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(in_list),
		cmocka_unit_test(next),
		cmocka_unit_test(port_through_wrappers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
