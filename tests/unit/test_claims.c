/*
 * What a phone claims against what it is (lib/analysis/claims.c): sizes as About Phone writes
 * them, each claim compared only when both sides are known, the one-line summary only when the
 * platform, RAM or storage disagree, and hostile sizes refused.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <stdlib.h>
#include <string.h>

static void test_parse_size(void **state)
{
	static const struct {
		const char *text;
		bool binary;
		uint64_t want;
	} ok[] = {
		{ "2GB", true, 2ull << 30 },	     { "2 GB", true, 2ull << 30 },   { "512MB", true, 512ull << 20 },
		{ "3g", true, 3ull << 30 },	     { "1.5G", true, 3ull << 29 },   { "8192M", true, 8192ull << 20 },
		{ "16GB", false, 16000000000ull },  { "4 GiB", true, 4ull << 30 }, { " 1TB", false, 1000000000000ull },
	};
	static const char *const bad[] = { "", "GB", "2", "2XB", "two GB", "-1GB", "1e9GB", "2GB extra", "99999999G" };
	uint64_t v;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(mtkfw_claims_parse_size(ok[i].text, ok[i].binary, &v), 0);
		assert_true(v == ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(mtkfw_claims_parse_size(bad[i], true, &v), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_claims_parse_size(NULL, true, &v), MTKFW_ERR_FORMAT);
}

static void set_build(struct mtkfw_target *t, const char *text)
{
	assert_int_equal(mtkfw_buildprop_parse(&t->profile.build, text, strlen(text), "build.prop"), 0);
	t->profile.has_build = true;
}

static void test_claims(void **state)
{
	struct mtkfw_target t;
	struct mtkfw_claims c;

	(void)state;
	/* Nothing to compare: no build.prop, or no hardware facts. */
	memset(&t, 0, sizeof(t));
	assert_int_equal(mtkfw_claims_check(&c, &t), 0);
	assert_int_equal(c.count, 0);
	assert_null(c.summary);
	set_build(&t, "ro.mediatek.platform=MT6582\nro.product.ram=2GB\nro.product.romsize=16GB\n");
	assert_int_equal(mtkfw_claims_check(&c, &t), 0);
	assert_int_equal(c.count, 0);
	mtkfw_claims_clear(&c);

	/* The hardware: an MT6572 with 512 MiB (the DA's report) and a 4 GB eMMC. */
	t.chip = strdup("MT6572");
	t.ram_size = 512ull << 20;
	t.user_size = 3909091328ull;
	assert_int_equal(mtkfw_claims_check(&c, &t), 0);
	assert_int_equal(c.count, 3);
	assert_string_equal(c.items[0].field, "platform");
	assert_false(c.items[0].agrees);
	assert_string_equal(c.items[1].field, "ram");
	assert_string_equal(c.items[1].found, "512 MiB");
	assert_false(c.items[1].agrees);
	assert_false(c.items[2].agrees);
	assert_true(c.clone);
	assert_non_null(strstr(c.summary, "claims MT6582, 2GB RAM, 16GB storage"));
	assert_non_null(strstr(c.summary, "the hardware is MT6572 with 512 MiB RAM"));
	mtkfw_claims_clear(&c);
	mtkfw_buildprop_clear(&t.profile.build);

	/* An honest phone: the same claims as its hardware, in other spellings. */
	set_build(&t, "ro.board.platform=mt6572\nro.product.ramsize=0.5g\nro.product.rom=4GB\n");
	assert_int_equal(mtkfw_claims_check(&c, &t), 0);
	assert_int_equal(c.count, 3);
	for (size_t i = 0; i < c.count; i++)
		assert_true(c.items[i].agrees);
	assert_false(c.clone);
	assert_null(c.summary);
	mtkfw_claims_clear(&c);
	mtkfw_buildprop_clear(&t.profile.build);
	/* A claim that is not a size is no claim. */
	set_build(&t, "ro.product.ram=lots\n");
	assert_int_equal(mtkfw_claims_check(&c, &t), 0);
	assert_int_equal(c.count, 0);
	mtkfw_claims_clear(&c);
	mtkfw_buildprop_clear(&t.profile.build);
	free(t.chip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_claims),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
