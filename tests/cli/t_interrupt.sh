#!/bin/sh
# Ctrl-C and SIGTERM on the file commands (issue #14 item 4): a command stopped by a signal
# removes what it had not committed (the temp file of an output, the temp folder of a folder
# output), prints one line ("interrupted; nothing written") and exits 130 (SIGINT) or 143
# (SIGTERM); its output does not exist. The signal comes either before the work starts (pending
# when the program starts: deterministic) or while the work is under way (sent once the temp
# output appears). A second signal while the work has not stopped removes the temp paths at
# once (t_device_interrupt.sh, where a stalled phone keeps the work waiting).
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
SIGRUN="python3 $MTKFW_SRC/tests/cli/sigrun.py"

# A sparse image of one FILL chunk: 40 bytes that expand to 512 MiB, long enough to be caught
# in the middle.
python3 - "$T/fill.simg" 131072 <<'PY'
import struct, sys
n = int(sys.argv[2])
hdr = struct.pack("<IHHHHIIII", 0xED26FF3A, 1, 0, 28, 12, 4096, n, 1, 0)
chunk = struct.pack("<HHII", 0xCAC2, 0, n, 16) + b"\x5a\x5a\x5a\x5a"
open(sys.argv[1], "wb").write(hdr + chunk)
PY
head -c 300000 /dev/urandom >"$T/small.raw"

# nothing_left DIR: DIR holds no hidden temp file or folder.
nothing_left() {
	if [ -z "$(ls -A "$1" | grep '^\.')" ]; then pass; else fail "$2: left $(ls -A "$1" | grep '^\.')"; fi
}
# one_line TEXT: stderr is exactly one line, and it is TEXT.
one_line() {
	if [ "$(grep -v '^sigrun:' "$T/err")" = "$1" ]; then pass; else
		fail "stderr is not the one line '$1':"; sed 's/^/  | /' "$T/err" | head -5 >&2
	fi
}

# ---- the signal is there when the command starts ----
mkdir "$T/w"
for sig in INT TERM; do
	want=130; [ $sig = TERM ] && want=143
	expect $want $SIGRUN $sig pending -- "$M" sparse expand "$T/fill.simg" "$T/w/out.img"
	one_line "mtkfw sparse: interrupted; nothing written"
	[ ! -e "$T/w/out.img" ] && pass || fail "SIG$sig: out.img exists"
	nothing_left "$T/w" "SIG$sig sparse expand"
	expect $want $SIGRUN $sig pending -- "$M" sparse make "$T/small.raw" "$T/w/out.simg"
	one_line "mtkfw sparse: interrupted; nothing written"
	[ ! -e "$T/w/out.simg" ] && pass || fail "SIG$sig: out.simg exists"
	nothing_left "$T/w" "SIG$sig sparse make"
done

# ---- in the middle of the work: the temp file is there, then it is gone ----
caught=0
for i in 1 2 3; do
	$SIGRUN INT exists "$T/w/.out.img.*" -- "$M" sparse expand "$T/fill.simg" "$T/w/out.img" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 130 ]; then
		caught=$((caught + 1))
		one_line "mtkfw sparse: interrupted; nothing written"
		[ ! -e "$T/w/out.img" ] && pass || fail "interrupted expand: out.img exists"
	elif [ $rc -eq 0 ]; then
		# Finished before the signal came: then the output is whole.
		[ "$(stat -c %s "$T/w/out.img")" -eq 536870912 ] && pass || fail "a finished expand is not whole"
		rm -f "$T/w/out.img"
	else
		fail "expand under SIGINT: exit $rc"
	fi
	nothing_left "$T/w" "interrupted expand"
done
[ $caught -ge 1 ] && pass || fail "no expand was caught in the middle"

# SIGTERM in the middle of a folder output: ext4 extract of a tree with a big file.
if command -v mke2fs >/dev/null 2>&1; then
	mkdir -p "$T/tree/d/sub"
	head -c 40000000 /dev/urandom >"$T/tree/d/big.bin"
	echo small >"$T/tree/d/sub/a.txt"
	if mke2fs -q -F -t ext4 -d "$T/tree" "$T/fs.img" 64M >/dev/null 2>&1; then
		mkdir "$T/x"
		expect 143 $SIGRUN TERM pending -- "$M" ext4 extract "$T/fs.img" /d "$T/x/out"
		one_line "mtkfw ext4: interrupted; nothing written"
		[ ! -e "$T/x/out" ] && pass || fail "interrupted extract: OUT exists"
		nothing_left "$T/x" "pending SIGTERM, ext4 extract"
		$SIGRUN TERM exists "$T/x/.out.*/.big.bin.*" -- "$M" ext4 extract "$T/fs.img" /d "$T/x/out" >"$T/out" 2>"$T/err"
		rc=$?
		if [ $rc -eq 143 ]; then
			one_line "mtkfw ext4: interrupted; nothing written"
			[ ! -e "$T/x/out" ] && pass || fail "interrupted extract: OUT exists"
		else
			[ $rc -eq 0 ] && cmp -s "$T/x/out/big.bin" "$T/tree/d/big.bin" && pass || fail "extract under SIGTERM: exit $rc"
			rm -rf "$T/x/out"
		fi
		nothing_left "$T/x" "SIGTERM in ext4 extract"
	fi
fi

# unpack: a folder output too.
python3 "$MTKFW_SRC/tests/cli/tiny_boot.py" "$T/boot.img"
mkdir "$T/u"
expect 130 $SIGRUN INT pending -- "$M" unpack "$T/boot.img" "$T/u/out"
one_line "mtkfw unpack: interrupted; nothing written"
[ ! -e "$T/u/out" ] && pass || fail "interrupted unpack: OUT exists"
nothing_left "$T/u" "interrupted unpack"
# Not stopped, the same command works (the check above is not a broken image).
expect 0 "$M" unpack "$T/boot.img" "$T/u/out"

# A command that finishes before it meets the signal keeps its result: nothing was cut.
expect 0 $SIGRUN INT pending -- "$M" sparse info "$T/fill.simg"
done_testing
