# Shared helpers for the CLI tests (POSIX sh). A test sources this, then calls the helpers.
# Environment (set by CTest): MTKFW_BIN, MTKFW_SRC, MTKFW_BUILD, MTKFW_CORPUS, MTKFW_SIM_BIN.
set -u
: "${MTKFW_BIN:?run through ctest}"
# The caller's MTKFW_CORPUS wins over the configured one (tests/CMakeLists.txt).
MTKFW_CORPUS=${MTKFW_CORPUS-${MTKFW_CORPUS_DEFAULT:-}}
export MTKFW_CORPUS
# Debian's python3 first: it is the one setup-deps gives the modules to (python3-serial for
# mtkclient), and it starts in a tenth of the time of a version-manager shim.
[ -x /usr/bin/python3 ] && PATH=/usr/bin:$PATH
T=$(mktemp -d "${TMPDIR:-/tmp}/mtkfw-cli-XXXXXX")
trap 'rm -rf "$T"' EXIT
# Port lock files go under the session's runtime folder (else /run/lock/mtkfw, shared by every
# process on the machine): each test gets its own, so tests running at once, or another
# checkout's tests on this machine, never meet at a pty number the kernel has just reused.
# A test of the lock itself sets its own.
XDG_RUNTIME_DIR="$T/run"
export XDG_RUNTIME_DIR
mkdir -p "$XDG_RUNTIME_DIR"
FAILS=0
PASSES=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass() { PASSES=$((PASSES + 1)); }
skip_all() { echo "SKIP: $*"; exit 77; }

# corpus REL: prints the corpus path of REL, or skips the whole test when absent. Tests call it
# as A=$(corpus REL): the subshell cannot end the test, so it signals the test's own shell
# ($$ is the test script in a subshell too), whose trap skips once the substitution returns.
SKIP_REASON="$T/skip-reason"
trap 'echo "SKIP: $(cat "$SKIP_REASON" 2>/dev/null)"; exit 77' USR1
corpus() {
	if [ ! -e "$MTKFW_CORPUS/$1" ]; then
		echo "corpus file $1 absent (../shared/corpus)" >"$SKIP_REASON"
		kill -USR1 $$
		exit 77
	fi
	printf '%s\n' "$MTKFW_CORPUS/$1"
}
# have_corpus REL: true when the corpus has REL; else says so, so that a clone without
# ../shared still runs (and shows it skips) the checks that need no corpus:
#   if have_corpus REL; then A=$(corpus REL); ...; fi
have_corpus() { [ -e "$MTKFW_CORPUS/$1" ] || { echo "# corpus file $1 absent: its checks skipped"; false; }; }
# corpus_or_done REL...: the rest of the test needs these corpus files; without one of them the
# test ends here with what it has checked so far (skipped when that is nothing).
corpus_or_done() {
	for rel in "$@"; do
		have_corpus "$rel" || { done_testing; exit $?; }
	done
}

# expect CODE CMD...: run CMD, stdout to $T/out, stderr to $T/err; check the exit code.
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "exit $got (wanted $want): $*"
		sed 's/^/  stderr: /' "$T/err" | head -5 >&2
	else
		pass
	fi
}

# contains FILE TEXT: FILE has a line containing TEXT (fixed string).
contains() {
	if grep -qF -- "$2" "$1"; then pass; else fail "$1 lacks '$2'"; sed 's/^/  | /' "$1" | head -10 >&2; fi
}
lacks() {
	if grep -qF -- "$2" "$1"; then fail "$1 has '$2'"; else pass; fi
}

# json_get FILE EXPR: evaluate a python expression on the parsed JSON `j`.
json_get() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
# json_eq FILE EXPR VALUE
json_eq() {
	got=$(json_get "$1" "$2" 2>&1)
	if [ "$got" = "$3" ]; then pass; else fail "json $2 = '$got', wanted '$3'"; fi
}

# one_line_error: stderr of the last command is a single line naming the problem.
one_line_error() {
	n=$(grep -c . "$T/err")
	if [ "$n" -ge 1 ]; then pass; else fail "no error message on stderr"; fi
}

done_testing() {
	echo "$PASSES passed, $FAILS failed"
	# Nothing checked (every part needed an absent corpus file): skipped, not passed.
	[ "$PASSES" -eq 0 ] && [ "$FAILS" -eq 0 ] && skip_all "nothing to check here"
	[ "$FAILS" -eq 0 ]
}
