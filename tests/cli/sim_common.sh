# Shared by every test that runs mtkfw-sim (sourced after lib.sh; not a test itself): skip
# without the sim, start it on a disk folder and wait for its pty, stop it, and never leave it
# running when the test ends.
[ -n "${MTKFW_SIM_BIN:-}" ] && [ -x "$MTKFW_SIM_BIN" ] || skip_all "MTKFW_SIM_BIN unset (mtkfw-sim not built)"

SIM_PID=
stop_sim() {
	if [ -n "$SIM_PID" ]; then
		kill "$SIM_PID" 2>/dev/null
		wait "$SIM_PID" 2>/dev/null
		SIM_PID=
	fi
}
trap 'stop_sim; rm -rf "$T"' EXIT

# The sim's stdout (one pty path a line: a dropped link makes a new one), stderr and trace are
# $SIM_LOG.out, .err and .trace; a test running several disks may point SIM_LOG elsewhere.
SIM_LOG="$T/sim"

# wait_ptys N: wait (10 s at most) until the sim has printed N pty paths.
wait_ptys() {
	i=0
	while [ "$(grep -c . "$SIM_LOG.out" 2>/dev/null)" -lt "$1" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# start_sim DISK ARGS...: the sim on DISK (made when absent); its pty path in $PTY. A sim that
# prints no pty ends the test as a failure.
start_sim() {
	stop_sim
	disk=$1; shift
	mkdir -p "$disk"
	: >"$SIM_LOG.out"
	: >"$SIM_LOG.trace"
	"$MTKFW_SIM_BIN" --disk "$disk" --trace "$SIM_LOG.trace" "$@" >"$SIM_LOG.out" 2>"$SIM_LOG.err" &
	SIM_PID=$!
	wait_ptys 1
	PTY=$(head -n 1 "$SIM_LOG.out")
	if [ -z "$PTY" ]; then
		sed 's/^/  sim: /' "$SIM_LOG.err" >&2
		fail "mtkfw-sim printed no pty path"
		done_testing
		exit 1
	fi
}
# Nothing was written or erased since the sim started (its trace has no WRITE or FORMAT).
nothing_written() {
	if grep -qE 'da2: (62|D4) ' "$SIM_LOG.trace"; then fail "$1: the phone was written to"; else pass; fi
}
# The pty the sim opened last (a dropped link makes a new one).
last_pty() { tail -n 1 "$SIM_LOG.out"; }
# part_field NAME 3|4: user-area start or size of a partition, from the scatter $SCATTER by hand:
# linear start minus MBR's (the contract's addressing), partition_size as written.
part_field() {
	python3 - "$SCATTER" "$1" "$2" <<'PY'
import sys
parts, cur = {}, None
for line in open(sys.argv[1]):
    line = line.strip().lstrip("- ")
    if line.startswith("partition_name:"):
        cur = line.split(":", 1)[1].strip(); parts[cur] = {}
    elif cur and ":" in line:
        k, v = line.split(":", 1); parts[cur][k.strip()] = v.strip()
p = parts[sys.argv[2]]
if sys.argv[3] == "3":
    print(int(p["linear_start_addr"], 16) - int(parts["MBR"]["linear_start_addr"], 16))
else:
    print(int(p["partition_size"], 16))
PY
}
# range_sha FILE OFFSET LENGTH
range_sha() {
	python3 - "$@" <<'PY'
import hashlib, sys
f = open(sys.argv[1], "rb"); f.seek(int(sys.argv[2])); n = int(sys.argv[3]); h = hashlib.sha256()
while n > 0:
    b = f.read(min(n, 1 << 20))
    if not b: break
    h.update(b); n -= len(b)
print(h.hexdigest())
PY
}
# phone_with_part PART FILE: a new disk $T/d built by the sim from $SCATTER for eMMC $CID, with
# FILE's bytes at partition PART's start, and the sim on it (preloader mode): a phone whose
# partition holds something of our choosing.
phone_with_part() {
	stop_sim
	rm -rf "$T/d"
	start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"
	stop_sim
	dd if="$2" of="$T/d/user.img" bs=1M oflag=seek_bytes seek="$(part_field "$1" 3)" conv=notrunc 2>/dev/null
	start_sim "$T/d" --mode preloader --cid "$CID"
}
