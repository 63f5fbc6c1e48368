/* lib/firmware/preloader_names.c: the words `mtkfw profile` prints for a preloader's kind and
 * GFH flash_dev (docs/man/mtkfw-profile.1), every value of the table. */
#include "testutil.h"

#include <mtkfw/firmware.h>

#include <string.h>

static void names(void **state)
{
	static const char *const dev[] = { "unknown", "NOR", "NAND", "NAND", "NAND", "eMMC boot", "eMMC data",
					   "serial flash", "unknown" };
	(void)state;

	for (unsigned i = 0; i < sizeof(dev) / sizeof(dev[0]); i++)
		assert_string_equal(mtkfw_gfh_flash_dev_name((uint8_t)i), dev[i]);
	assert_string_equal(mtkfw_gfh_flash_dev_name(0xFF), "unknown");
	assert_string_equal(mtkfw_preloader_kind_name(MTKFW_PRELOADER_RAW), "raw");
	assert_string_equal(mtkfw_preloader_kind_name(MTKFW_PRELOADER_BOOT1), "boot1");
	assert_string_equal(mtkfw_preloader_kind_name(MTKFW_PRELOADER_EMI), "emi");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
