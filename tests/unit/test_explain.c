/* lib/analysis error catalogue: the whole table, queries, and the log scanner. */
#include "testutil.h"

#include "analysis/explain_internal.h"
#include "core/file.h"
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const mtkfw_error_info *cat;
static size_t ncat;

static int load(void **state)
{
	(void)state;
	return mtkfw_errors_catalogue(&cat, &ncat);
}

static bool symbol_well_formed(const char *s)
{
	if (!*s)
		return true;
	if (!(s[0] >= 'A' && s[0] <= 'Z') || s[strlen(s) - 1] == '_' || strstr(s, "__") || !strchr(s, '_'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* Every entry: fields filled, symbol well-formed, (numbering, code) and (numbering, symbol)
 * unique, severity known, and the entry findable through the public query. */
static void whole_table_is_valid(void **state)
{
	(void)state;
	assert_true(ncat >= 50);
	for (size_t i = 0; i < ncat; i++) {
		const mtkfw_error_info *e = &cat[i];
		mtkfw_explain *x;
		bool found = false;

		print_message("entry %s %s %s (line %u)\n", e->numbering, e->code_text, e->symbol, e->source_line);
		assert_true(strlen(e->text) > 10 && strlen(e->cause) > 10);
		assert_true(strlen(e->meaning) > 5 && strlen(e->fix) > 3);
		assert_true(symbol_well_formed(e->symbol));
		assert_true(!strcmp(e->severity, "error") || !strcmp(e->severity, "warning") ||
			    !strcmp(e->severity, "info"));
		assert_true(e->has_code || e->npatterns > 0);
		assert_non_null(e->tool);
		for (size_t j = i + 1; j < ncat; j++) {
			const mtkfw_error_info *f = &cat[j];

			if (strcmp(e->numbering, f->numbering))
				continue;
			if (e->has_code && f->has_code)
				assert_true(e->code != f->code);
			if (*e->symbol)
				assert_true(strcmp(e->symbol, f->symbol) != 0);
			assert_true(strcmp(e->text, f->text) != 0);
		}
		/* findable by what a person would type */
		assert_int_equal(mtkfw_explain_query(&x, e->has_code ? e->code_text : e->patterns[0]), 0);
		for (size_t k = 0; k < x->count; k++)
			found |= x->matches[k] == e;
		assert_true(found);
		mtkfw_explain_free(x);
		if (*e->symbol) {
			found = false;
			assert_int_equal(mtkfw_explain_query(&x, e->symbol), 0);
			for (size_t k = 0; k < x->count; k++)
				found |= x->matches[k] == e;
			assert_true(found);
			mtkfw_explain_free(x);
		}
		/* and its log phrases are found in a log */
		for (size_t p = 0; p < e->npatterns; p++) {
			char line[512];
			mtkfw_log_scan *s;

			found = false;
			snprintf(line, sizeof(line), "12:00:01 tool - %s and more\n", e->patterns[p]);
			assert_int_equal(mtkfw_explain_log_mem(&s, "t.log", line, strlen(line)), 0);
			for (size_t k = 0; k < s->count; k++)
				found |= s->errors[k].match == e;
			assert_true(found);
			mtkfw_log_scan_free(s);
		}
	}
}

static const mtkfw_error_info *find(const char *numbering, uint32_t code)
{
	for (size_t i = 0; i < ncat; i++)
		if (cat[i].has_code && cat[i].code == code && !strcmp(cat[i].numbering, numbering))
			return &cat[i];
	return NULL;
}

/* The minimum content: every code of the spec's §A.3 table, the MAUI caveat, the
 * wire statuses of brom-da-protocol §5 and the mtkclient messages. */
static void required_entries_present(void **state)
{
	static const uint32_t spft[] = { 1013, 2004, 2005, 3001, 3011, 3012, 3039, 3144, 4001, 4002, 4003,
					 4008, 4009, 4010, 4011, 4012, 4032, 4050, 5054, 5066, 5069, 6045,
					 6124, 8037, 8038, 8041, 8043, 8045, 8100, 8200 };
	static const char *const phrases[] = {
		"DRAM config needed for : 90014a", "Preloader needed due to dram config.",
		"EMI Config not accepted :(", "DALegacy - RAM-Info: 00", "Status: Handshake failed, retrying...",
		"Error on DA sync",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(spft) / sizeof(spft[0]); i++) {
		print_message("spft %u\n", spft[i]);
		assert_non_null(find("spft", spft[i]));
	}
	assert_string_equal(find("spft", 4032)->symbol, "S_FT_ENABLE_DRAM_FAIL");
	assert_string_equal(find("spft", 8038)->symbol, "FT_DOWNLOAD_LAYOUT_CHANGED");
	assert_string_equal(find("spft-maui", 4034)->symbol, "S_FT_ENABLE_DRAM_FAIL");
	assert_string_equal(find("spft-maui", 5069)->symbol, "S_FTHND_NO_ROM_IS_ENABLED");
	assert_string_equal(find("spft-status", 0xC0050005u)->symbol, "STATUS_EXT_RAM_EXCEPTION");
	assert_non_null(find("brom", 0x1D0D));
	assert_non_null(find("brom", 0x7017));
	assert_string_equal(find("mtkclient", 0xBC3)->symbol, "RAM_ERROR");
	for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
		mtkfw_explain *x;

		assert_int_equal(mtkfw_explain_query(&x, phrases[i]), 0);
		assert_string_equal(x->matches[0]->numbering, "mtkclient");
		mtkfw_explain_free(x);
	}
	/* the fixes name the mtkfw command that helps */
	assert_non_null(strstr(find("spft", 4032)->fix, "mtkfw compat"));
	assert_non_null(strstr(find("spft", 8038)->fix, "mtkfw device backup"));
}

static void code_forms(void **state)
{
	uint32_t v;
	(void)state;
	assert_true(mtkfw_errcode_parse("4032", 4, &v) && v == 4032);
	assert_true(mtkfw_errcode_parse("0xC0050005", 10, &v) && v == 0xC0050005u);
	assert_true(mtkfw_errcode_parse("0xfc0", 5, &v) && v == 4032);
	/* 0xC0050005 as a signed 32-bit int, computed by hand: 3221553157 - 4294967296 */
	assert_true(mtkfw_errcode_parse("-1073414139", 11, &v) && v == 0xC0050005u);
	assert_false(mtkfw_errcode_parse("-0", 2, &v));
	assert_false(mtkfw_errcode_parse("-2147483649", 11, &v));
	assert_false(mtkfw_errcode_parse("4294967296", 10, &v));
	assert_false(mtkfw_errcode_parse("0x1FFFFFFFF", 11, &v));
	assert_false(mtkfw_errcode_parse("12a", 3, &v));
	assert_false(mtkfw_errcode_parse("0x", 2, &v));
	assert_false(mtkfw_errcode_parse("", 0, &v));
	assert_true(mtkfw_errsym_equal("ft_enable_dram_fail", 19, "S_FT_ENABLE_DRAM_FAIL"));
	assert_true(mtkfw_errsym_equal("S_FT_DOWNLOAD_LAYOUT_CHANGED", 28, "FT_DOWNLOAD_LAYOUT_CHANGED"));
	assert_false(mtkfw_errsym_equal("FT_ENABLE_DRAM", 14, "S_FT_ENABLE_DRAM_FAIL"));
	assert_false(mtkfw_errsym_equal("", 0, ""));
}

static void queries(void **state)
{
	mtkfw_explain *x;
	(void)state;
	/* 4032: smartphone DRAM failure and the feature-phone SEC_RO failure */
	assert_int_equal(mtkfw_explain_query(&x, " 4032 "), 0);
	assert_string_equal(x->query, "4032");
	assert_int_equal(x->count, 2);
	assert_string_equal(x->matches[0]->numbering, "spft");
	assert_string_equal(x->matches[1]->numbering, "spft-maui");
	mtkfw_explain_free(x);
	assert_int_equal(mtkfw_explain_query(&x, "0xFC0"), 0);
	assert_int_equal(x->count, 2);
	mtkfw_explain_free(x);
	assert_int_equal(mtkfw_explain_query(&x, "(8038)"), 0);
	assert_int_equal(x->count, 1);
	assert_string_equal(x->matches[0]->symbol, "FT_DOWNLOAD_LAYOUT_CHANGED");
	mtkfw_explain_free(x);
	/* a symbol in any case and without S_: both numberings of the DRAM failure */
	assert_int_equal(mtkfw_explain_query(&x, "ft_enable_dram_fail"), 0);
	assert_int_equal(x->count, 2);
	assert_int_equal(x->matches[0]->code, 4032);
	assert_int_equal(x->matches[1]->code, 4034);
	mtkfw_explain_free(x);
	assert_int_equal(mtkfw_explain_query(&x, "-1073414139"), 0);
	assert_int_equal(x->count, 1);
	assert_string_equal(x->matches[0]->symbol, "STATUS_EXT_RAM_EXCEPTION");
	mtkfw_explain_free(x);
	/* a pasted log line finds the message */
	assert_int_equal(mtkfw_explain_query(&x, "App Exception! (PMT changed for the ROM; it must be downloaded."), 0);
	assert_int_equal(x->matches[0]->code, 8038);
	mtkfw_explain_free(x);
	x = (mtkfw_explain *)1;
	assert_int_equal(mtkfw_explain_query(&x, "99999"), MTKFW_ERR_NOTFOUND);
	assert_null(x);
	assert_int_equal(mtkfw_explain_query(&x, "the phone is fine"), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_explain_query(&x, "S_NO_SUCH_THING"), MTKFW_ERR_NOTFOUND);
	assert_int_equal(mtkfw_explain_query(&x, "   "), MTKFW_ERR_INVALID);
	assert_int_equal(mtkfw_explain_query(NULL, "4032"), MTKFW_ERR_INVALID);
}

static mtkfw_log_scan *scan_text(const char *text)
{
	mtkfw_log_scan *s = NULL;

	assert_int_equal(mtkfw_explain_log_mem(&s, "t.log", text, strlen(text)), 0);
	return s;
}

static void log_scanner(void **state)
{
	mtkfw_log_scan *s;
	(void)state;
	s = scan_text("start\n"
		      "BROM ERROR : S_FT_ENABLE_DRAM_FAIL (4032)\n"                /* 2: spft 4032 only */
		      "[EMI] Enable DRAM Failed!\n"                                /* 3: same entry */
		      "Download speed 4032 KB/s, 8038 bytes at 12:30:41\n"         /* 4: no error word */
		      "Read failed after 2004.5 s at 0x4008 on 10:20:4010\n"      /* 5: no code shapes */
		      "ERROR : 8038\r\n"                                          /* 6: bare code */
		      "ERROR: STATUS_EXT_RAM_EXCEPTION (0xC0050005)\n"            /* 7 */
		      "status -1073414139\n"                                      /* 8: same entry */
		      "DALegacy - EMI Config not accepted :(\n"                   /* 9 */
		      "BROM ERROR : S_FT_ENABLE_DRAM_FAIL (4032)");               /* 10, no newline */
	assert_int_equal(s->lines, 10);
	assert_int_equal(s->count, 4);
	assert_int_equal(s->errors[0].match->code, 4032);
	assert_string_equal(s->errors[0].match->numbering, "spft");
	assert_int_equal(s->errors[0].line, 2);
	assert_int_equal(s->errors[0].count, 3);
	assert_int_equal(s->errors[0].lines[1], 3);
	assert_int_equal(s->errors[0].lines[2], 10);
	assert_string_equal(s->errors[0].text, "BROM ERROR : S_FT_ENABLE_DRAM_FAIL (4032)");
	assert_int_equal(s->errors[1].match->code, 8038);
	assert_int_equal(s->errors[1].line, 6);
	assert_string_equal(s->errors[1].text, "ERROR : 8038");
	assert_int_equal(s->errors[2].match->code, 0xC0050005u);
	assert_int_equal(s->errors[2].count, 2);
	assert_string_equal(s->errors[3].match->numbering, "mtkclient");
	assert_int_equal(s->errors[3].line, 9);
	mtkfw_log_scan_free(s);

	/* the MAUI numbering is chosen when the number next to the symbol says so */
	s = scan_text("BROM ERROR : S_FT_ENABLE_DRAM_FAIL (4034)\n");
	assert_int_equal(s->count, 1);
	assert_string_equal(s->errors[0].match->numbering, "spft-maui");
	mtkfw_log_scan_free(s);

	/* mtkclient's hex statuses; its own name for 0xBC3 picks its entry */
	s = scan_text("DALegacy - Send auth error: Unknown (0x1d0d)\n"
		      "DALegacy - Preloader error: 0xBC3 => RAM_ERROR (0xbc3)\n"
		      "Status: 0x7017 at 0x80001000\n"
		      "BROM_DLL[4008][4012]: write failed at 0x1d0c, error at [8038]\n");
	assert_int_equal(s->count, 4);
	assert_int_equal(s->lines, 4);
	assert_string_equal(s->errors[0].match->symbol, "SLA_REQUIRED");
	assert_int_equal(s->errors[1].match->code, 0xBC3);
	assert_string_equal(s->errors[1].match->numbering, "mtkclient");
	assert_null(strstr(s->errors[2].match->symbol, "RAM_ERROR"));
	assert_string_equal(s->errors[3].match->symbol, "DAA_SECURITY_ERROR");
	mtkfw_log_scan_free(s);

	/* a clean log */
	s = scan_text("Download OK\nAll command exec done!\nDisconnect!\n");
	assert_int_equal(s->count, 0);
	assert_int_equal(s->lines, 3);
	mtkfw_log_scan_free(s);
	s = scan_text("");
	assert_int_equal(s->count, 0);
	assert_int_equal(s->lines, 0);
	mtkfw_log_scan_free(s);
}

static void log_limits(void **state)
{
	mtkfw_log_scan *s;
	size_t n = 100 * 40 + 20000;
	char *big = malloc(n), *p = big;
	uint8_t bin[4096], u16[128];
	const char *msg = "ERROR : 8041\n";
	size_t k = 0;
	(void)state;
	/* one error on 100 lines: count all, keep the first 32 line numbers */
	for (int i = 0; i < 100; i++)
		p += sprintf(p, "x %d: S_DL_GET_DRAM_SETTING_FAIL\n", i);
	/* a line longer than the scanner's buffer: matched on its start, still one line */
	memset(p, 'a', 19000);
	memcpy(p, "PMT changed for the ROM ", 24);
	p += 19000;
	*p++ = '\n';
	s = scan_text(big);
	assert_int_equal(s->lines, 101);
	assert_int_equal(s->count, 2);
	assert_int_equal(s->errors[0].count, 100);
	assert_int_equal(s->errors[0].nlines, MTKFW_LOG_LINES_MAX);
	assert_int_equal(s->errors[0].lines[31], 32);
	assert_int_equal(s->errors[1].line, 101);
	assert_true(strlen(s->errors[1].text) <= 240);
	mtkfw_log_scan_free(s);
	free(big);

	/* binary data is refused */
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (uint8_t)(i * 7);
	assert_int_equal(mtkfw_explain_log_mem(&s, "boot.img", bin, sizeof(bin)), MTKFW_ERR_FORMAT);
	assert_non_null(strstr(mtkfw_error_last()->message, "boot.img"));

	/* UTF-16LE with a byte-order mark, as some Windows tools write logs */
	u16[k++] = 0xFF;
	u16[k++] = 0xFE;
	for (const char *c = msg; *c; c++) {
		u16[k++] = (uint8_t)*c;
		u16[k++] = 0;
	}
	assert_int_equal(mtkfw_explain_log_mem(&s, "u16.log", u16, k), 0);
	assert_int_equal(s->count, 1);
	assert_int_equal(s->errors[0].match->code, 8041);
	mtkfw_log_scan_free(s);

	assert_int_equal(mtkfw_explain_log(&s, "/nonexistent/mtkfw.log", NULL), MTKFW_ERR_NOTFOUND);
	/* A folder (or a FIFO) is refused at the open, as every input is (mtkfw_open_input). */
	assert_int_equal(mtkfw_explain_log(&s, "/", NULL), MTKFW_ERR_INVALID);
	assert_non_null(strstr(mtkfw_error_last()->message, "is a folder"));
	assert_int_equal(mtkfw_explain_log_mem(&s, "x", NULL, 3), MTKFW_ERR_INVALID);
}

static void log_file(void **state)
{
	char *dir = make_tempdir(), *path;
	const char *text = "line one\nS_BROM_CMD_STARTCMD_FAIL (2005)\n";
	mtkfw_log_scan *s;
	(void)state;
	path = mtkfw_path_join(dir, "spft.log");
	write_file(path, text, strlen(text));
	assert_int_equal(mtkfw_explain_log(&s, path, NULL), 0);
	assert_int_equal(s->bytes, strlen(text));
	assert_int_equal(s->count, 1);
	assert_int_equal(s->errors[0].match->code, 2005);
	assert_int_equal(s->errors[0].line, 2);
	assert_false(s->truncated);
	mtkfw_log_scan_free(s);
	free(path);
	rm_rf(dir);
	free(dir);
}

/* The parser of the data format: each defect is refused with its line. */
static void catalogue_parser_errors(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} bad[] = {
		{ "[spft 1 S_A_B]\ntext: t\ncause: c\nmeaning: m\n", "has no fix" },
		{ "[nope 1 S_A_B]\n", "unknown numbering" },
		{ "[spft x1 S_A_B]\n", "bad code" },
		{ "[spft -5 S_A_B]\n", "bad code" },
		{ "[spft 1 s-a]\n", "bad symbol" },
		{ "[spft 1]\n", "NUMBERING CODE SYMBOL" },
		{ "[spft 1 S_A B]\n", "more than" },
		{ "[spft 1 S_A_B\n", "bad entry header" },
		{ "text: before any header\n", "line 1" },
		{ "[spft 1 S_A_B]\ncolour: red\n", "unknown key" },
		{ "[spft 1 S_A_B]\ntext: a\ntext: b\n", "given twice" },
		{ "[spft 1 S_A_B]\n  floating\n", "continuation" },
		{ "[spft 1 S_A_B]\nseverity: grave\n", "severity" },
		{ "[mtkclient - -]\ntext: t\ncause: c\nmeaning: m\nfix: f\n", "nothing can find it" },
		{ "# only comments\n", "no entries" },
	};
	struct mtkfw_catalogue c;
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("bad %zu\n", i);
		assert_true(mtkfw_catalogue_parse(&c, bad[i].text, strlen(bad[i].text)) < 0);
		assert_non_null(strstr(mtkfw_error_last()->message, bad[i].msg));
	}
	assert_true(mtkfw_catalogue_parse(&c, "[spft 1 S_A\0B]\n", 15) == MTKFW_ERR_FORMAT);
	{
		const char *good = "# c\n[spft 0x10 S_A_B]\ntext: one\n  two\ncause: c\nmeaning: m\nfix: f\n"
				   "match: Foo Bar\nseverity: info\n\n[mtkclient - -]\ntext: t\ncause: c\n"
				   "meaning: m\nfix: f\nmatch: x\n";

		assert_int_equal(mtkfw_catalogue_parse(&c, good, strlen(good)), 0);
		assert_int_equal(c.count, 2);
		assert_int_equal(c.entries[0].code, 16);
		assert_string_equal(c.entries[0].code_text, "0x10");
		assert_string_equal(c.entries[0].text, "one two");
		assert_string_equal(c.entries[0].severity, "info");
		assert_string_equal(c.entries[0].patterns[0], "Foo Bar");
		assert_int_equal(c.entries[0].source_line, 2);
		assert_false(c.entries[1].has_code);
		assert_string_equal(c.entries[1].symbol, "");
		assert_string_equal(c.entries[1].severity, "error");
		mtkfw_catalogue_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_table_is_valid),
		cmocka_unit_test(required_entries_present),
		cmocka_unit_test(code_forms),
		cmocka_unit_test(queries),
		cmocka_unit_test(log_scanner),
		cmocka_unit_test(log_limits),
		cmocka_unit_test(log_file),
		cmocka_unit_test(catalogue_parser_errors),
	};
	return cmocka_run_group_tests(tests, load, NULL);
}
