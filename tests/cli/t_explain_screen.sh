#!/bin/sh
# mtkfw explain with the text a technician copies from the screen. Before, "ERROR :
# S_FT_ENABLE_DRAM_FAIL (4032)", "BROM ERROR : S_BROM_CMD_STARTCMD_FAIL (2005)" and "Error : 4032"
# were "not in the error catalogue" while the same lines in a log were explained. Now every
# line of the sample logs explains the same on the command line as in the log, and every
# SP Flash Tool status named in the corpus's SP Flash Tool files is in the catalogue.
. "$MTKFW_SRC/tests/cli/lib.sh"

# key FILE: "numbering code symbol" of every match, one a line, sorted.
keys() {
	json_get "$1" "'\n'.join(sorted('%s %s %s' % (m['numbering'], m['code_text'], m['symbol']) for m in j['matches']))"
}
# screen TEXT NUMBERING CODE SYMBOL: TEXT is explained by exactly that entry.
screen() {
	expect 0 "$MTKFW_BIN" explain --json "$1"
	got=$(keys "$T/out" 2>/dev/null)
	[ "$got" = "$2 $3 $4" ] && pass || fail "'$1': got [$got], wanted [$2 $3 $4]"
}
screen "ERROR : S_FT_ENABLE_DRAM_FAIL (4032)" spft 4032 S_FT_ENABLE_DRAM_FAIL
screen "BROM ERROR : S_BROM_CMD_STARTCMD_FAIL (2005)" spft 2005 S_BROM_CMD_STARTCMD_FAIL
screen "Error : 4032" spft 4032 S_FT_ENABLE_DRAM_FAIL
screen "error 4032" spft 4032 S_FT_ENABLE_DRAM_FAIL
screen "S_DL_GET_DRAM_SETTING_FAIL(5054)" spft 5054 S_DL_GET_DRAM_SETTING_FAIL
# SP Flash Tool v5.17+/v6: STATUS_ names with hex or negative decimal codes.
screen "ERROR : STATUS_EXT_RAM_EXCEPTION (-1073414139) , MSP ERROE CODE : 0x00." spft-status 0xC0050005 STATUS_EXT_RAM_EXCEPTION
# The whole dialog pasted, line breaks and all.
screen "$(printf 'ERROR : S_FT_ENABLE_DRAM_FAIL (4032)\n\n[EMI] Enable DRAM Failed!\n')" spft 4032 S_FT_ENABLE_DRAM_FAIL
# What the download agent itself prints (its log, mtkclient's output).
screen "[UNSPARSE] S_DA_SDMMC_WRITE_FAILED:1234, status=1, size=4096" spft None S_DA_SDMMC_WRITE_FAILED
# The plain forms still work as before.
screen "S_BROM_CMD_STARTCMD_FAIL" spft 2005 S_BROM_CMD_STARTCMD_FAIL
screen "(8041)" spft 8041 FT_CHECKSUM_NOT_MATCH
# Text no tool prints stays unknown (exit 2, one line).
expect 2 "$MTKFW_BIN" explain "the screen went purple"
one_line_error

# Every line of the sample logs: on the command line it explains what the log scan finds there.
for log in "$MTKFW_SRC/tests/cli/data/explain_spft.log" "$MTKFW_SRC/tests/cli/data/explain_mtkclient.log"; do
	expect 0 "$MTKFW_BIN" explain --json "$log"
	cp "$T/out" "$T/log.json"
	json_get "$T/log.json" "'\n'.join(sorted(set(str(l) for e in j['errors'] for l in e['lines'])))" >"$T/lines"
	[ -s "$T/lines" ] && pass || fail "$log: the log explains nothing"
	while read -r n; do
		line=$(sed -n "${n}p" "$log")
		want=$(json_get "$T/log.json" "'\n'.join(sorted('%s %s %s' % (e['match']['numbering'], e['match']['code_text'], e['match']['symbol']) for e in j['errors'] if $n in e['lines']))")
		"$MTKFW_BIN" explain --json "$line" >"$T/out" 2>"$T/err"
		got=$(keys "$T/out" 2>/dev/null)
		[ "$got" = "$want" ] && pass || fail "$log line $n: on the command line [$got], in the log [$want]"
	done <"$T/lines"
done

# SP Flash Tool's own statuses as its files in the corpus name them (the download agent and the
# lk that shares its sparse writer print S_DA_*, S_SECURITY_* ... by name; a table file would
# give NAME = CODE): each is in the catalogue, with its number where the file gives one.
[ -d "$MTKFW_CORPUS" ] || { done_testing; exit $?; }
python3 - "$MTKFW_CORPUS" >"$T/symbols" <<'EOF'
import os, re, sys
pat = re.compile(rb"\b((?:S_(?:DA|BROM|FT|FTHND|DL|COM|SECURITY|CHIP|AUTH)|STATUS)_[A-Z0-9_]{3,})\b(?:\s*(?:=|\()\s*(-?(?:0x[0-9A-Fa-f]+|\d+)))?")
found = {}
for root, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        data = open(os.path.join(root, f), "rb").read()
        for m in pat.finditer(data):
            sym = m.group(1).decode()
            code = m.group(2).decode() if m.group(2) else ""
            if code or sym not in found:
                found[sym] = code
for sym in sorted(found):
    print(sym, found[sym] or "-")
EOF
[ -s "$T/symbols" ] && pass || fail "no SP Flash Tool status named in the corpus"
while read -r sym code; do
	expect 0 "$MTKFW_BIN" explain --json "$sym"
	json_eq "$T/out" "'$sym' in [m['symbol'] for m in j['matches']]" True
	if [ "$code" != - ]; then
		json_eq "$T/out" "any(m['symbol'] == '$sym' and m['code'] == (int('$code', 0) & 0xFFFFFFFF) for m in j['matches'])" True
	fi
done <"$T/symbols"
echo "# $(grep -c . "$T/symbols") SP Flash Tool statuses named in the corpus"
done_testing
