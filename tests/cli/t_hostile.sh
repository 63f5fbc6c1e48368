# Hostile input: every read-only command, on every corpus file, generated package files and
# deterministic mutants of them (truncated, a flipped header byte, a length of 0xFFFFFFFF, the
# first 4 KiB zeroed, garbage appended), keeps the CLI contract: exit 0-3, one stderr line
# naming the input on failure, no sanitizer report, JSON that parses, no hang, nothing written
# outside the output folder. tests/hostile/sweep.py does the mutating and checking; this script
# adds the odd files (huge line, 2 GiB hole, FIFO, folder, missing file, symlink loop, non-UTF-8
# name).
. "$MTKFW_SRC/tests/cli/lib.sh"

# Without the corpus the sweep covers the generated package files (and the odd files below).
[ -d "${MTKFW_CORPUS:-}" ] || echo "# corpus absent (../shared/corpus): the sweep mutates generated files only"
command -v python3 >/dev/null || skip_all "python3 absent"

# Under ASan+UBSan (make check-asan) each run costs about ten times more: the sweep samples.
SAN=
TMO=10
if [ -n "${MTKFW_BUILD:-}" ] && grep -q '^MTKFW_SANITIZE:BOOL=ON' "$MTKFW_BUILD/CMakeCache.txt" 2>/dev/null; then
	SAN=--sanitize
	TMO=60
fi
GEN=
if [ -n "${MTKFW_SAMPLEGEN:-}" ] && [ -x "$MTKFW_SAMPLEGEN" ]; then
	GEN="--samplegen $MTKFW_SAMPLEGEN"
fi

# shellcheck disable=SC2086
if python3 "$MTKFW_SRC/tests/hostile/sweep.py" "$MTKFW_BIN" "$T/sweep" --corpus "$MTKFW_CORPUS" $GEN $SAN; then
	pass
else
	fail "hostile sweep found broken runs (FAIL lines above)"
fi

# --- odd files -----------------------------------------------------------------------------------
# odd NAME PATH: every read-only command on PATH keeps the contract. The error must name PATH
# (or its base name); a timeout means the command blocked (a FIFO opened for reading waits for a
# writer forever unless the command checks the file type first).
odd() {
	label=$1 p=$2 b=$(basename "$2")
	for args in "info" "info --json" "profile" "mtkhdr" "layout" "scatter" "explain" "check" \
		"checksum" "sparse info" "ext4 ls"; do
		set -- $args
		case $1 in
		sparse | ext4) cmd="$1 $2"; shift 2; set -- $cmd "$p" "$@" ;;
		*) cmd=$1; shift; set -- "$cmd" "$@" "$p" ;;
		esac
		[ "$cmd" = "ext4 ls" ] && set -- "$@" /
		timeout $TMO "$MTKFW_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
		rc=$?
		if [ "$rc" -gt 3 ]; then
			fail "$label: mtkfw $* exited $rc$( [ $rc -eq 124 ] && echo ' (timeout)')"
			head -3 "$T/err" >&2
			continue
		fi
		if grep -q '^==\|runtime error' "$T/err"; then
			fail "$label: mtkfw $*: sanitizer report"; head -5 "$T/err" >&2; continue
		fi
		if [ "$rc" -ne 0 ] && ! grep -qF -- "$b" "$T/err"; then
			fail "$label: mtkfw $* exited $rc without naming $b"; head -3 "$T/err" >&2; continue
		fi
		pass
	done
	rm -rf "$T/u"
	timeout $TMO "$MTKFW_BIN" unpack "$p" "$T/u" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	if [ "$rc" -gt 3 ]; then fail "$label: mtkfw unpack exited $rc"; head -3 "$T/err" >&2; else pass; fi
	timeout $TMO "$MTKFW_BIN" compat "$p" "$p" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	if [ "$rc" -gt 3 ]; then fail "$label: mtkfw compat exited $rc"; head -3 "$T/err" >&2; else pass; fi
}

O=$T/odd
mkdir -p "$O"
# A 10 MB text file that is one line: line readers must not grow without bound or crawl.
python3 -c 'import sys; sys.stdout.write("partition_name: " + "A" * 10000000)' >"$O/oneline.txt"
odd "10 MB single line" "$O/oneline.txt"
# 2 GiB of zeros, all a hole: a reader that loads whole files would need 2 GiB.
truncate -s 2G "$O/zeros.img"
odd "2 GiB hole" "$O/zeros.img"
mkfifo "$O/fifo"
odd "FIFO" "$O/fifo"
mkdir "$O/adir.bin"
odd "a folder where a file is expected" "$O/adir.bin"
odd "missing file" "$O/missing.bin"
ln -s loop2 "$O/loop1"
ln -s loop1 "$O/loop2"
odd "symlink loop" "$O/loop1"
# A name that is not UTF-8 (Latin-1 e-acute): error lines must still name it, byte for byte.
bad=$(printf 'caf\351.bin')
if have_corpus Mobiwire_S10/MBR; then cp "$MTKFW_CORPUS/Mobiwire_S10/MBR" "$O/$bad"; else printf x >"$O/$bad"; fi
odd "non-UTF-8 name" "$O/$bad"
python3 -c 'import random, sys; r = random.Random(6572); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(100)))' >"$O/x$bad"
odd "non-UTF-8 name, garbage" "$O/x$bad"

done_testing
