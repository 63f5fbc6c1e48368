# Flash: `mtkfw device flash` of the sample package (download mode: writes, sparse erases, and a
# read-back SHA-256 of every written range) onto mtkfw-sim, beside the raw pseudo-terminal
# moving the same number of bytes (written plus read back) with no protocol. The identity
# backup is taken once (the folder is reused), so the runs time the flash itself.
SIM=${MTKFW_SIM_BIN:-$(dirname "$MTKFW_BIN")/mtkfw-sim}
GEN=$(dirname "$MTKFW_BIN")/mtkfw-samplegen
[ -x "$SIM" ] && [ -x "$GEN" ] || { echo "skip: mtkfw-sim or mtkfw-samplegen not built" >&2; return 0; }
need python3 cc || return 0
W=$BENCH_WORK/flash
rm -rf "$W"
mkdir -p "$W/disk"
cc -O2 -o "$W/pty_pump" "$BENCH_SRC/bench/pty_pump.c" || return 1
CID=150100444a3441334201234567890a00
"$GEN" "$W/pkg" --cid "$CID" >/dev/null || return 1
python3 "$BENCH_SRC/tests/mtkclient/make_da.py" "$W/da.bin"
"$SIM" --disk "$W/disk" --mode preloader --cid "$CID" --scatter "$W/pkg/MT6572_Android_scatter.txt" >"$W/sim.out" 2>"$W/sim.err" &
sim_pid=$!
i=0
while [ ! -s "$W/sim.out" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PTY=$(head -n 1 "$W/sim.out")
export XDG_STATE_HOME="$W/state"
FLASH="$MTKFW_BIN device flash $W/pkg --port $PTY --da $W/da.bin --backup $W/bk"
# Bytes over the link: payload written, plus every written range read back.
$FLASH --dry-run --json >"$W/plan.json" 2>/dev/null
N=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["total_bytes"] + sum(s["length"] for s in j["steps"] if s["kind"]=="write"))' "$W/plan.json")
V=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(sum(s["length"] for s in j["steps"] if s["kind"]=="write"))' "$W/plan.json")
$FLASH >/dev/null 2>&1 # the identity backup, once
bench_compare "device flash, sample package ($N bytes over the link, sim)" "raw pty" \
	"$FLASH >/dev/null 2>&1" "$W/pty_pump $N >/dev/null"
bench_note "flash: $V of the $N bytes are the read-back verification (SHA-256 of every written range)"
kill "$sim_pid" 2>/dev/null
wait "$sim_pid" 2>/dev/null
rm -rf "$W"
