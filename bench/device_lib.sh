# Shared by the device benchmarks (b_device.sh, b_flash.sh), sourced after bench/lib.sh: the
# virtual phone, the raw pty pump, mtkclient against the same phone, and result rows.
#
#   dev_start_sim DISK ARGS...   mtkfw-sim on DISK (with --link $MTK_LINK when mtkclient runs);
#                                its pty in $PTY. Raised priority when allowed, as the mtkclient
#                                test runs it: mtkclient's 5 ms handshake window needs it.
#   dev_stop_sim
#   dev_measure CMD              median wall seconds and peak RSS (KiB) of sh command CMD over
#                                $BENCH_RUNS runs: "SECONDS RSS_KIB" (bench/measure.py)
#   dev_row LABEL BYTES "S RSS" [NOTE]   one result line: seconds, MB/s (10^6 bytes), RSS
#   mtk_setup                    MTK_OK=1 and mtk_cmd ARGS... when mtkclient can run here, else
#                                MTK_OK=0 and MTK_WHY. mtkclient comes from MTKCLIENT_DIR (a
#                                checkout), or is exported (commit MTKCLIENT_COMMIT, default
#                                a6a7147) from the git directory MTKCLIENT_GIT or MTKFW_GIT, or
#                                from the mirror .ci/run uses. Nothing is downloaded.

SIM=${MTKFW_SIM_BIN:-$(dirname "$MTKFW_BIN")/mtkfw-sim}
PRIO=""
if command -v chrt >/dev/null && chrt -f 10 true 2>/dev/null; then PRIO="chrt -f 10"; fi
MTK_LINK=/dev/ttyACM$((2000 + $$ % 7000))
MTK_OK=0
MTK_WHY="not set up"
sim_pid=""

dev_start_sim() {
	d=$1
	shift
	mkdir -p "$d"
	link=""
	[ "$MTK_OK" = 1 ] && link="--link $MTK_LINK"
	# shellcheck disable=SC2086
	$PRIO "$SIM" --disk "$d" $link "$@" >"$d.out" 2>"$d.err" &
	sim_pid=$!
	i=0
	while [ ! -s "$d.out" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	PTY=$(head -n 1 "$d.out")
	[ -n "$PTY" ] || { echo "bench: mtkfw-sim did not start: $(cat "$d.err")" >&2; return 1; }
}

dev_stop_sim() {
	[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
	sim_pid=""
}

dev_measure() {
	python3 "$BENCH_SRC/bench/measure.py" --runs "$BENCH_RUNS" -- sh -c "$1"
}

dev_row() {
	python3 - "$@" <<'PY'
import sys
label, n, m = sys.argv[1:4]
note = sys.argv[4] if len(sys.argv) > 4 else ""
s, rss = m.split()
s = float(s)
rate = int(n) / s / 1e6 if s > 0 else float("inf")
print("%-40s %8.3f s %8.1f MB/s  RSS %6.1f MiB  %s" % (label + ":", s, rate, int(rss) / 1024, note))
PY
}

# ratio A B: A / B with two decimals ("?" when B is 0)
ratio() {
	python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print("%.2f" % (a / b) if b else "?")' "$1" "$2"
}

# net BYTES "S RSS" "S0 RSS0": MB/s once the session set-up (S0, a run that moves nothing) is
# taken off; mtkclient's Python start-up alone is about a second.
net_rate() {
	python3 -c 'import sys; n = int(sys.argv[1]); s = float(sys.argv[2].split()[0]) - float(sys.argv[3].split()[0]); print("%.1f" % (n / s / 1e6) if s > 0 else "?")' "$@"
}

mtk_setup() {
	MTK_OK=0
	dir=${MTKCLIENT_DIR:-}
	git_dir=${MTKCLIENT_GIT:-${MTKFW_GIT:-}}
	if [ -z "$dir" ] && [ -z "$git_dir" ]; then
		for m in "$BENCH_SRC/../.mirror/bkerler+mtkclient/repo" /work/.mirror/bkerler+mtkclient/repo; do
			[ -d "$m" ] && git_dir=$m && break
		done
	fi
	if [ -z "$dir" ] && [ -n "$git_dir" ]; then
		dir=$BENCH_WORK/mtkclient
		rm -rf "$dir"
		mkdir -p "$dir"
		# Large loader blobs may be absent from a mirror: export around them.
		git --git-dir="$git_dir" archive "${MTKCLIENT_COMMIT:-a6a7147}" -- . ':(exclude)mtkclient/Loader/*.bin' 2>/dev/null |
			tar -x -C "$dir" 2>/dev/null
	fi
	[ -n "$dir" ] && [ -f "$dir/mtk.py" ] || { MTK_WHY="no mtkclient (set MTKCLIENT_DIR or MTKCLIENT_GIT)"; return 0; }
	MTK_PY=""
	for p in ${MTKCLIENT_PYTHON:-} python3 /usr/bin/python3; do
		if "$p" -c 'import serial, usb, Cryptodome, colorama' 2>/dev/null; then MTK_PY=$p; break; fi
	done
	[ -n "$MTK_PY" ] || { MTK_WHY="python3 lacks pyserial/pyusb/pycryptodome/colorama"; return 0; }
	[ "$(id -u)" -eq 0 ] || { MTK_WHY="needs root for the $MTK_LINK symlink"; return 0; }
	cc -shared -fPIC -o "$BENCH_WORK/noflush.so" "$BENCH_SRC/tests/mtkclient/noflush.c" -ldl 2>/dev/null ||
		{ MTK_WHY="cannot build the tcflush shim"; return 0; }
	# mtkclient takes an MT65xx DA only from a path containing "mt6590" (spec §3.5).
	mkdir -p "$BENCH_WORK/mtkda" "$BENCH_WORK/mtkrun"
	python3 "$BENCH_SRC/tests/mtkclient/make_da.py" "$BENCH_WORK/mtkda/MTK_AllInOne_DA_mt6590.bin"
	MTK_DIR=$dir
	MTK_OK=1
}

# mtk_cmd ARGS...: the sh command line running mtkclient with ARGS on the sim (from a scratch
# folder: it writes .state and hwparam.json where it runs).
mtk_cmd() {
	echo "cd $BENCH_WORK/mtkrun && timeout 600 env LD_PRELOAD=$BENCH_WORK/noflush.so $MTK_PY $MTK_DIR/mtk.py $* --loader $BENCH_WORK/mtkda/MTK_AllInOne_DA_mt6590.bin --serialport $MTK_LINK >>$BENCH_WORK/mtkrun/log 2>&1"
}
