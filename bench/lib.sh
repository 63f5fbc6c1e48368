# Shared helpers for benchmarks (POSIX sh), sourced by bench/run before each bench/b_*.sh.
#
#   bench_compare "LABEL" "REFNAME" "OURS COMMAND" "REF COMMAND"
#       times both sh command lines in alternating pairs (ours, theirs, ours, theirs ...;
#       $BENCH_RUNS pairs; median wall times, peak RSS) and prints one line:
#       LABEL: ours S s (RSS M MiB), REFNAME S s (RSS M MiB), ratio R (ours/REF)
#       R is the median of the pairs' ratios: a shared machine's drift moves both sides of a
#       pair alike. A ratio below 1 means mtkfw is faster.
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

bench_compare() {
	label=$1 refname=$2 ours=$3 ref=$4
	set -- --pairs --runs "$BENCH_RUNS"
	[ -n "$BENCH_PREPARE" ] && set -- "$@" --prepare "$BENCH_PREPARE"
	[ -n "$BENCH_PREPARE_REF" ] && set -- "$@" --prepare-ref "$BENCH_PREPARE_REF"
	r=$(python3 "$BENCH_SRC/bench/measure.py" "$@" -- "$ours" "$ref") || return 1
	python3 - "$label" "$refname" $r <<'PY'
import sys
label, ref, ot, rt, orss, rrss, ratio = sys.argv[1:]
print("%-36s ours %7.3f s (RSS %6.1f MiB), %s %7.3f s (RSS %6.1f MiB), ratio %.2f"
      % (label + ":", float(ot), int(orss) / 1024, ref, float(rt), int(rrss) / 1024, float(ratio)))
PY
}

bench_note() {
	printf '%-36s %s\n' "${1%%:*}:" "${1#*: }"
}
