#!/bin/sh
# Ctrl-C reaches mtkfw.exe as a console control event (Wine turns a SIGINT into CTRL_C_EVENT,
# as a console does for a key press): the command stops at its next safe point, says the one
# line Linux says, exits 130, and leaves neither its output nor its temporary file. (Wine
# ends a process on SIGTERM by itself, as Windows' TerminateProcess does: no handler runs, so
# that one is not tested here; Ctrl-Break, a closed window, logoff and shutdown take the SIGTERM
# path in cli/cli_os_win32.c.)
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/windows/wine_common.sh"
SIGRUN="python3 $MTKFW_SRC/tests/cli/sigrun.py"

# One FILL chunk of 40 bytes that expands to 512 MiB: long enough to be caught in the middle.
python3 "$MTKFW_SRC/tests/cli/fill_simg.py" "$WD/fill.simg" 131072
mkdir -p "$WD/w"
cd "$WD" || exit 1

caught=0
for i in 1 2 3; do
	$SIGRUN INT exists "w/.out.img.*" -- wine "$MTKFW_EXE" sparse expand fill.simg w/out.img >"$T/out" 2>"$T/err"
	rc=$?
	grep -v -e '^sigrun:' -e '^wine: ' "$T/err" >"$T/err.x"
	if [ $rc -eq 130 ]; then
		caught=$((caught + 1))
		[ "$(cat "$T/err.x")" = "mtkfw sparse: interrupted; nothing written" ] && pass ||
			{ fail "stderr is not Linux's one line:"; sed 's/^/  | /' "$T/err.x" | head -5 >&2; }
		[ ! -e w/out.img ] && pass || fail "interrupted expand: out.img exists"
	elif [ $rc -eq 0 ]; then
		# Finished before the event came: then the output is whole.
		[ "$(stat -c %s w/out.img)" -eq 536870912 ] && pass || fail "a finished expand is not whole"
		rm -f w/out.img
	else
		fail "expand under Ctrl-C: exit $rc"
		sed 's/^/  | /' "$T/err.x" | head -5 >&2
	fi
	left=$(ls -A w)
	[ -z "$left" ] && pass || { fail "left behind: $left"; rm -f w/.out.img.*; }
done
[ $caught -ge 1 ] && pass || fail "no expand was caught in the middle"
done_testing
