# Shared helpers for benchmarks (POSIX sh), sourced by bench/run before each bench/b_*.sh.
#
#   bench_compare "LABEL" "REFNAME" "OURS COMMAND" "REF COMMAND"
#       times both sh command lines ($BENCH_RUNS runs each, median wall time; peak RSS) and prints
#       one line: LABEL: ours S s (RSS M MiB), REFNAME S s (RSS M MiB), ratio R (ours/REF)
#       A ratio below 1 means mtkfw is faster.
#   BENCH_PREPARE="sh command"   run untimed before every run of ours and of theirs (e.g. rm
#                                an output); BENCH_PREPARE_REF, when set, replaces it for theirs
#   bench_note "text"            print an extra result line (sizes, checks)
#   need TOOL...                 skip the calling benchmark (return 1) when a tool is absent
#
# Environment: MTKFW_BIN (the mtkfw program), BENCH_WORK (a scratch folder with room for a few
# GiB), BENCH_RUNS (default 3), BENCH_SRC (the source tree).

: "${BENCH_RUNS:=3}"
BENCH_PREPARE=${BENCH_PREPARE:-}
BENCH_PREPARE_REF=${BENCH_PREPARE_REF:-}

need() {
	for t in "$@"; do
		if ! command -v "$t" >/dev/null 2>&1; then
			echo "skip: $t not installed" >&2
			return 1
		fi
	done
}

# _bench_measure CMD...: prints "SECONDS RSS_KIB"
_bench_measure() {
	prep=$1
	shift
	if [ -n "$prep" ]; then
		python3 "$BENCH_SRC/bench/measure.py" --runs "$BENCH_RUNS" --prepare "$prep" -- "$@"
	else
		python3 "$BENCH_SRC/bench/measure.py" --runs "$BENCH_RUNS" -- "$@"
	fi
}

bench_compare() {
	label=$1 refname=$2 ours=$3 ref=$4
	r_ours=$(_bench_measure "$BENCH_PREPARE" sh -c "$ours") || return 1
	r_ref=$(_bench_measure "${BENCH_PREPARE_REF:-$BENCH_PREPARE}" sh -c "$ref") || return 1
	python3 - "$label" "$refname" "$r_ours" "$r_ref" <<'PY'
import sys
label, ref, o, r = sys.argv[1:]
ot, orss = o.split(); rt, rrss = r.split()
ot, rt = float(ot), float(rt)
ratio = ot / rt if rt > 0 else float("inf")
print("%-36s ours %7.3f s (RSS %6.1f MiB), %s %7.3f s (RSS %6.1f MiB), ratio %.2f"
      % (label + ":", ot, int(orss) / 1024, ref, rt, int(rrss) / 1024, ratio))
PY
}

bench_note() {
	printf '%-36s %s\n' "${1%%:*}:" "${1#*: }"
}
