#!/bin/sh
# A FIFO (or a folder) where a file is expected: every command that reads an input file stops
# at once with one error line naming it and exit 2, never waits for a writer. The FIFO has no
# writer, so a plain open() of it would block for ever; `timeout 5` turns such a hang into a
# failure (exit 124) instead of a stuck test.
. "$MTKFW_SRC/tests/cli/lib.sh"
M="$MTKFW_BIN"
mkfifo "$T/fifo" || skip_all "mkfifo not available"
F="$T/fifo"

# no_wait ARGS...: mtkfw ARGS exits 2 within 5 s with one stderr line that names the FIFO
# ($NAME, the file name).
NAME=fifo
no_wait() {
	timeout 5 "$M" "$@" </dev/null >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq 124 ]; then
		fail "mtkfw $*: still waiting after 5 s"
		return
	fi
	[ "$got" -eq 2 ] && pass || fail "mtkfw $*: exit $got, wanted 2"
	n=$(grep -c . "$T/err")
	[ "$n" -eq 1 ] && pass || { fail "mtkfw $*: $n stderr lines, wanted 1"; sed 's/^/  | /' "$T/err" | head -5 >&2; }
	grep -qF "$NAME: " "$T/err" && pass || fail "mtkfw $*: the error does not name $NAME: $(head -1 "$T/err")"
}

# One input file.
no_wait info "$F"
no_wait info --list "$F"
no_wait layout "$F"
no_wait scatter "$F"
no_wait mtkhdr "$F"
no_wait mtkhdr --strip "$F" "$T/o1"
no_wait mtkhdr --add LK "$F" "$T/o2"
no_wait sparse info "$F"
no_wait sparse expand "$F" "$T/o3"
no_wait sparse make "$F" "$T/o4"
no_wait ext4 ls "$F" /
no_wait ext4 cat "$F" /x
no_wait unpack "$F" "$T/u1"
no_wait profile "$F"
no_wait check "$F"
no_wait checksum "$F"
no_wait compat "$F" "$F"
for o in o1 o2 o3 o4 u1; do [ ! -e "$T/$o" ] && pass || fail "a refused input left $o"; done

# A FIFO beside a real file: the option's file is the one refused.
head -c 512 /dev/zero >"$T/mbr.bin"
printf '\125\252' | dd of="$T/mbr.bin" bs=1 seek=510 conv=notrunc 2>/dev/null
no_wait layout --ebr1 "$F" "$T/mbr.bin"

no_wait explain "$F"

# The phone's files: the DA and the preloader are read before any port is opened.
python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
no_wait device info --da "$F" --port "$T/noport"
no_wait device info --da "$T/da.bin" --preloader "$F" --port "$T/noport"

# A FIFO inside a package folder: the commands that read every file of it go on (a finding)
# or stop with the member's name, but none waits for it.
GEN="$MTKFW_BUILD/mtkfw-samplegen"
if [ -x "$GEN" ]; then
	"$GEN" "$T/pkg" >/dev/null || fail "samplegen failed"
	rm -f "$T/pkg/logo.bin"
	mkfifo "$T/pkg/logo.bin"
	NAME=logo.bin
	no_wait checksum "$T/pkg"
	for c in "check $T/pkg" "profile $T/pkg" "compat $T/pkg $T/pkg"; do
		# shellcheck disable=SC2086 # the words of $c are the arguments
		timeout 5 "$M" $c </dev/null >"$T/out" 2>"$T/err"
		got=$?
		[ "$got" -ne 124 ] && pass || fail "mtkfw $c: still waiting after 5 s"
	done
fi

done_testing
