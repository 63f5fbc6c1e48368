# Shared by the Windows-build tests (sourced after tests/cli/lib.sh; not a test itself). The
# runner (tests/windows/run) exports MTKFW_EXE (build-win/mtkfw.exe) and a ready WINEPREFIX,
# fresh for each test file: nothing another test did is in it, which is checked here first.
#
#   W ARGS...            run mtkfw.exe under Wine
#   same NAME [--out REL] [--no-links] ARGS...
#                        run ARGS with the Linux build and with mtkfw.exe, in the same folder
#                        ($WD) so that they print the same paths; the exit codes, stdout and
#                        stderr must be equal once paths are written alike (Z:\x\y and /x/y),
#                        and so must REL (a file or a folder the command wrote), byte for byte.
#                        --no-links: symlinks in the Linux result are left out (Wine's
#                        CreateSymbolicLinkW reports success and makes nothing; a ramdisk's
#                        links live in its manifest, which repack reads).
#                        SAME_FIX=FUNCTION: FUNCTION DIR is run on both results first.
: "${MTKFW_EXE:?run through tests/windows/run}"
: "${WINEPREFIX:?run through tests/windows/run}"
W() { wine "$MTKFW_EXE" "$@"; }

# A fresh prefix: no mtkfw folder under any user's AppData (backups and the default library of
# another test would let a check of this one pass on that test's files), no COM port leading to
# a pty (w_device.sh's COM5 -> mtkfw-sim).
left=
for x in "$WINEPREFIX"/drive_c/users/*/AppData/*/mtkfw "$WINEPREFIX"/dosdevices/com*; do
	case $(readlink "$x" 2>/dev/null) in /dev/pts/* | /tmp/*) left="$left $x" ;; esac
	[ -d "$x" ] && [ "${x%/mtkfw}" != "$x" ] && left="$left $x"
done
[ -z "$left" ] && pass || fail "the Wine prefix holds another test's state:$left"

WD="$T/work"
mkdir -p "$WD"

# Paths aside: a drive letter and backslashes (also JSON-escaped ones) become the POSIX form.
# Applied to both outputs, so escapes that are not paths stay equal on both sides. A drive
# letter follows no name character ("system.img:/build.prop" is a file inside an image).
norm() {
	sed -E -e 's#\\\\#/#g' -e 's#\\#/#g' -e 's#(^|[^A-Za-z0-9._-])[A-Za-z]:/#\1/#g' "$1"
}

same() {
	name=$1
	shift
	out=
	links=1
	if [ "${1:-}" = --out ]; then
		out=$2
		shift 2
	fi
	if [ "${1:-}" = --no-links ]; then
		links=0
		shift
	fi
	rm -rf "$T/l.res" "$T/w.res"
	(cd "$WD" && "$MTKFW_BIN" "$@") >"$T/l.out" 2>"$T/l.err"
	lrc=$?
	[ -n "$out" ] && [ -e "$WD/$out" ] && mv "$WD/$out" "$T/l.res"
	(cd "$WD" && wine "$MTKFW_EXE" "$@") >"$T/w.out" 2>"$T/w.err"
	wrc=$?
	[ -n "$out" ] && [ -e "$WD/$out" ] && mv "$WD/$out" "$T/w.res"
	ok=1
	if [ "$lrc" -ne "$wrc" ]; then
		fail "$name: exit $wrc under Wine, $lrc on Linux"
		ok=0
	fi
	# Lines from Wine itself ("wine: ..."; mtkfw's own start "mtkfw") are not the program's:
	# Wine's helper processes (conhost) inherit stderr and now and then report their own
	# faults there. Said here, not compared; a fault of mtkfw.exe changes its exit code.
	if grep -q '^wine: ' "$T/w.err"; then
		echo "# $name: Wine said: $(grep '^wine: ' "$T/w.err" | head -1)"
		grep -v '^wine: ' "$T/w.err" >"$T/w.err.x"
		mv "$T/w.err.x" "$T/w.err"
	fi
	for s in out err; do
		norm "$T/l.$s" >"$T/l.$s.n"
		norm "$T/w.$s" >"$T/w.$s.n"
		if ! cmp -s "$T/l.$s.n" "$T/w.$s.n"; then
			fail "$name: std$s differs (< Linux, > Wine)"
			diff "$T/l.$s.n" "$T/w.$s.n" | head -8 | sed 's/^/  /' >&2
			ok=0
		fi
	done
	[ $links -eq 0 ] && [ -d "$T/l.res" ] && find "$T/l.res" -type l -delete
	# SAME_FIX=FUNCTION: run on both results before they are compared (for a difference the
	# caller has explained, such as a counter that is not part of the output's meaning).
	if [ -n "${SAME_FIX:-}" ] && [ -e "$T/l.res" ] && [ -e "$T/w.res" ]; then
		"$SAME_FIX" "$T/l.res" && "$SAME_FIX" "$T/w.res" || fail "$name: $SAME_FIX failed"
	fi
	if [ -n "$out" ]; then
		# Both refused and wrote nothing (outputs are whole or absent): the same answer.
		if [ ! -e "$T/l.res" ] && [ ! -e "$T/w.res" ] && [ "$lrc" -ne 0 ] && [ "$lrc" -eq "$wrc" ]; then
			:
		elif [ ! -e "$T/l.res" ] || [ ! -e "$T/w.res" ]; then
			fail "$name: $out not written by both (Linux: $([ -e "$T/l.res" ] && echo yes || echo no))"
			ok=0
		elif ! diff -r "$T/l.res" "$T/w.res" >"$T/res.diff" 2>&1; then
			fail "$name: $out differs"
			head -5 "$T/res.diff" | sed 's/^/  /' >&2
			ok=0
		fi
	fi
	[ $ok -eq 1 ] && pass
	return 0
}
