#!/bin/sh
# Ctrl-C while `mtkfw device detect --wait` waits for a phone that never comes: the wait stops
# at its next look (the library checks the context's cancel flag between looks), the command
# says so in one line and exits 130, as every command stopped by SIGINT does (t_interrupt.sh).
# Before the fix the loop ignored the flag and ran out its whole --wait (30 s here).
. "$MTKFW_SRC/tests/cli/lib.sh"
M="$MTKFW_BIN"
SIGRUN="python3 $MTKFW_SRC/tests/cli/sigrun.py"
# An empty bus: fake /sys and /dev trees with no port, so a phone on this machine is not found.
export MTKFW_SYSFS_ROOT="$T/sys" MTKFW_DEV_ROOT="$T/dev"
mkdir -p "$T/sys/class/tty" "$T/dev"

for json in "" --json; do
	start=$(date +%s)
	# The outer timeout only keeps a regression from hanging the suite for the whole wait.
	timeout -s KILL 25 $SIGRUN INT after 1 -- "$M" device detect --wait 30000 $json >"$T/out" 2>"$T/err"
	rc=$?
	took=$(($(date +%s) - start))
	[ $rc -eq 130 ] && pass || { fail "detect $json under SIGINT: exit $rc, wanted 130"; sed 's/^/  | /' "$T/err" >&2; }
	# Stopped long before its 30 s wait ran out (a loose bound: the machine may be busy).
	[ "$took" -lt 15 ] && pass || fail "detect $json took ${took}s after a SIGINT at 1s"
	grep -v '^sigrun:' "$T/err" | grep -v 'waiting for the phone' >"$T/err.rest"
	[ "$(cat "$T/err.rest")" = "mtkfw device: interrupted; nothing written" ] && pass ||
		{ fail "detect $json: not the one interrupted line"; sed 's/^/  | /' "$T/err" >&2; }
	lacks "$T/err" "no MediaTek BROM or preloader port appeared"
done
json_eq "$T/out" 'j["error"]["code"]' CANCELLED

done_testing
