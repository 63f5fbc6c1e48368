# Device readback: `mtkfw device readback` of 64 MiB from mtkfw-sim (a full DA session: BROM,
# DA1, DA2, then 1 MiB packets each with a checksum and an ACK round trip) beside the raw
# pseudo-terminal moving the same bytes with no protocol at all. The ratio is the protocol's
# cost on a link with no USB latency; on a phone, USB round trips dominate instead.
SIM=${MTKFW_SIM_BIN:-$(dirname "$MTKFW_BIN")/mtkfw-sim}
[ -x "$SIM" ] || { echo "skip: mtkfw-sim not built" >&2; return 0; }
need python3 cmp cc || return 0
W=$BENCH_WORK/device
mkdir -p "$W/disk"
cc -O2 -o "$W/pty_pump" "$BENCH_SRC/bench/pty_pump.c" || return 1
N=$((64 << 20))
python3 "$BENCH_SRC/tests/mtkclient/make_da.py" "$W/da.bin"
"$SIM" --disk "$W/disk" --mode preloader >"$W/sim.out" 2>"$W/sim.err" &
sim_pid=$!
i=0
while [ ! -s "$W/sim.out" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PTY=$(head -n 1 "$W/sim.out")
BENCH_PREPARE="rm -f $W/out.bin" BENCH_PREPARE_REF=true
bench_compare "device readback 64 MiB (sim)" "raw pty" \
	"$MTKFW_BIN device readback $W/out.bin --range 0:$N --port $PTY --da $W/da.bin 2>/dev/null" \
	"$W/pty_pump $N >/dev/null"
BENCH_PREPARE= BENCH_PREPARE_REF=
head -c $N "$W/disk/user.img" | cmp -s - "$W/out.bin" && bench_note "readback: identical to the sim's user.img" ||
	bench_note "readback: DIFFERS from the sim's user.img"
kill "$sim_pid" 2>/dev/null
wait "$sim_pid" 2>/dev/null
rm -rf "$W"
