#!/bin/sh
# mtkfw explain: codes, symbols, messages, and whole logs. Expected line numbers come from
# grep -n on the sample logs, not from mtkfw's own output.
. "$MTKFW_SRC/tests/cli/lib.sh"
D="$MTKFW_SRC/tests/cli/data"
SPFT="$D/explain_spft.log"
MTKC="$D/explain_mtkclient.log"
line_of() { grep -n -F -- "$2" "$1" | head -1 | cut -d: -f1; }
lines_of() { grep -n -F -- "$2" "$1" | cut -d: -f1 | tr '\n' ' ' | sed 's/ $//'; }

# A code known in two numberings lists both.
expect 0 "$MTKFW_BIN" explain 4032
contains "$T/out" "S_FT_ENABLE_DRAM_FAIL"
contains "$T/out" "S_FT_SEC_RO_WRITE_FAIL"
expect 0 "$MTKFW_BIN" explain --json 4032
json_eq "$T/out" 'j["query"]' 4032
json_eq "$T/out" 'len(j["matches"])' 2
json_eq "$T/out" 'j["matches"][0]["numbering"]' spft
json_eq "$T/out" 'j["matches"][0]["code"]' 4032
json_eq "$T/out" '"mtkfw compat" in j["matches"][0]["fix"]' True
json_eq "$T/out" 'sorted(j["matches"][0].keys())' \
	"['cause', 'code', 'code_text', 'fix', 'meaning', 'numbering', 'severity', 'symbol', 'text', 'tool']"

# Hex and negative decimal (as SP Flash Tool v5 prints STATUS_ codes) are the same code:
# 0xC0050005 - 2^32 = -1073414139.
expect 0 "$MTKFW_BIN" explain --json 0xC0050005
json_eq "$T/out" 'j["matches"][0]["symbol"]' STATUS_EXT_RAM_EXCEPTION
json_eq "$T/out" 'j["matches"][0]["code"]' 3221553157
expect 0 "$MTKFW_BIN" explain -1073414139 --json
json_eq "$T/out" 'j["matches"][0]["symbol"]' STATUS_EXT_RAM_EXCEPTION

# Symbols in any case, with or without S_; the MAUI numbering is listed too.
expect 0 "$MTKFW_BIN" explain --json ft_enable_dram_fail
json_eq "$T/out" '[m["code"] for m in j["matches"]]' '[4032, 4034]'
expect 0 "$MTKFW_BIN" explain --json FT_DOWNLOAD_LAYOUT_CHANGED
json_eq "$T/out" '"mtkfw device backup" in j["matches"][0]["fix"]' True

# A message, quoted or not.
expect 0 "$MTKFW_BIN" explain --json EMI Config not accepted
json_eq "$T/out" 'j["matches"][0]["numbering"]' mtkclient
expect 0 "$MTKFW_BIN" explain --json "Preloader needed due to dram config."
json_eq "$T/out" '"--preloader" in j["matches"][0]["fix"]' True

# Unknown: exit 2 and one line on stderr.
expect 2 "$MTKFW_BIN" explain 31337
one_line_error
contains "$T/err" "31337"
expect 2 "$MTKFW_BIN" explain "the phone works fine"
expect 2 "$MTKFW_BIN" explain
expect 2 "$MTKFW_BIN" explain --bogus 4032

# The SP Flash Tool log: each error once, with all its lines.
expect 0 "$MTKFW_BIN" explain --json "$SPFT"
json_eq "$T/out" 'j["file"]' "$SPFT"
json_eq "$T/out" 'j["lines"]' "$(wc -l <"$SPFT" | tr -d ' ')"
json_eq "$T/out" '[e["match"]["code"] for e in j["errors"]]' '[8100, 4032, 8041, 8038]'
json_eq "$T/out" 'j["errors"][0]["line"]' "$(line_of "$SPFT" FT_FIND_USB_ERROR)"
# 4032: the symbol line, the "Enable DRAM Failed" line, and the retry at the end; the line
# "m_ext_ram_ret = 4032" and the "4032 MB" size are not errors.
want="$(line_of "$SPFT" 'BROM ERROR : S_FT_ENABLE_DRAM_FAIL') $(line_of "$SPFT" 'Enable DRAM Failed') $(grep -n 'S_FT_ENABLE_DRAM_FAIL' "$SPFT" | tail -1 | cut -d: -f1)"
json_eq "$T/out" '" ".join(str(x) for x in j["errors"][1]["lines"])' "$want"
json_eq "$T/out" 'j["errors"][1]["count"]' 3
json_eq "$T/out" 'j["errors"][1]["match"]["numbering"]' spft
json_eq "$T/out" 'j["errors"][2]["lines"]' "[$(lines_of "$SPFT" 'checksum failed'), $(lines_of "$SPFT" 'ERROR : 8041')]"
json_eq "$T/out" 'j["errors"][3]["line"]' "$(line_of "$SPFT" 'PMT changed for the ROM')"
json_eq "$T/out" 'j["errors"][3]["text"].startswith("11/24/26 18:05:44.520 FlashTool")' True
expect 0 "$MTKFW_BIN" explain "$SPFT"
contains "$T/out" "4 known errors in 23 lines"
contains "$T/out" "line $(line_of "$SPFT" 'BROM ERROR : S_FT_ENABLE_DRAM_FAIL') (also $(line_of "$SPFT" 'Enable DRAM Failed') 22)"

# The mtkclient log.
expect 0 "$MTKFW_BIN" explain --json "$MTKC"
json_eq "$T/out" 'len(j["errors"])' 4
json_eq "$T/out" '[e["line"] for e in j["errors"]]' \
	"[$(line_of "$MTKC" 'Handshake failed'), $(line_of "$MTKC" 'DRAM config needed'), $(line_of "$MTKC" 'EMI Config not accepted'), $(line_of "$MTKC" 'Error on DA sync')]"
json_eq "$T/out" 'j["errors"][1]["match"]["severity"]' info
json_eq "$T/out" 'set(e["match"]["numbering"] for e in j["errors"])' "{'mtkclient'}"

# A clean log, a missing file, a folder, binary data.
printf 'Download OK\nAll command exec done!\n' >"$T/clean.log"
expect 0 "$MTKFW_BIN" explain "$T/clean.log"
contains "$T/out" "no known error in 2 lines"
expect 0 "$MTKFW_BIN" explain --json "$T/clean.log"
json_eq "$T/out" 'j["errors"]' '[]'
expect 2 "$MTKFW_BIN" explain "$T/missing/spft.log"
one_line_error
expect 2 "$MTKFW_BIN" explain "$T"
one_line_error
head -c 65536 /dev/urandom >"$T/garbage.bin"
expect 2 "$MTKFW_BIN" explain "$T/garbage.bin"
one_line_error
contains "$T/err" "binary"

# The whole catalogue.
expect 0 "$MTKFW_BIN" explain --list --json
json_eq "$T/out" 'len(j["matches"]) >= 50' True
json_eq "$T/out" 'j["query"]' None
done_testing
