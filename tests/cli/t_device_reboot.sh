#!/bin/sh
# mtkfw device reboot against mtkfw-sim: the text line, the --json report ({rebooted, port,
# chip, cid}: what the session read, checked against what the sim was started with), the FINISH
# the phone got, and a failure under --json as the error object alone. Skips without the sim.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"

start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"

expect 0 "$M" device reboot --port "$PTY" --da "$DA"
[ "$(cat "$T/out")" = "the phone reboots" ] && pass || fail "reboot's text is not its one line: $(cat "$T/out")"
grep -q 'finish mode 0' "$SIM_LOG.trace" && pass || fail "no FINISH to reboot"

: >"$SIM_LOG.trace"
expect 0 "$M" device reboot --json --port "$PTY" --da "$DA"
json_eq "$T/out" 'sorted(j)' "['chip', 'cid', 'port', 'rebooted']"
json_eq "$T/out" 'j["rebooted"]' True
json_eq "$T/out" 'j["port"]' "$PTY"
json_eq "$T/out" 'j["chip"]' MT6572
json_eq "$T/out" 'j["cid"]' "$CID"
grep -q 'finish mode 0' "$SIM_LOG.trace" && pass || fail "no FINISH to reboot with --json"

# A DA that is not one: nothing reaches the phone, the error object alone on stdout, exit 2.
printf 'not a download agent' >"$T/junk.bin"
: >"$SIM_LOG.trace"
expect 2 "$M" device reboot --json --port "$PTY" --da "$T/junk.bin"
json_eq "$T/out" 'list(j)' "['error']"
json_eq "$T/out" 'j["error"]["file"]' "$T/junk.bin"
one_line_error
grep -q 'finish mode' "$SIM_LOG.trace" && fail "a failed reboot sent FINISH" || pass

# What reboot still refuses: a scatter, partitions, an argument.
expect 2 "$M" device reboot --json --scatter "$SCATTER" --port "$PTY" --da "$DA"
contains "$T/err" "reboot takes only the connection options and --json"

done_testing
