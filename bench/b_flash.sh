# Flash through mtkfw-sim.
#   sample package   `mtkfw device flash` of the whole sample package (download mode: erases,
#                    sparse images sent as their RAW/FILL chunks only, each written range read
#                    back and compared by SHA-256); the identity backup is taken once before
#                    (the --backup folder is reused), so the runs time the flash itself
#   N MiB image      per size (BENCH_DEVICE_MIB, default "64 256"): the package with a plain
#                    N MiB system.img, `--only ANDROID`. Its write and its read-back verify are
#                    shown apart (their MB/s from mtkfw's own per-stage lines), beside the raw
#                    pty in each direction and mtkclient's `wo` of the same file (which does not
#                    verify), with peak RSS at both sizes
# MB/s are 10^6 bytes per second; "net" takes off the session set-up (see b_device.sh).
. "$BENCH_SRC/bench/device_lib.sh"
GEN=$(dirname "$MTKFW_BIN")/mtkfw-samplegen
[ -x "$SIM" ] && [ -x "$GEN" ] || { echo "skip: mtkfw-sim or mtkfw-samplegen not built" >&2; return 0; }
need python3 cc cmp || return 0
W=$BENCH_WORK/flash
rm -rf "$W"
mkdir -p "$W"
cc -O2 -o "$W/pty_pump" "$BENCH_SRC/bench/pty_pump.c" || return 1
CID=150100444a3441334201234567890a00
"$GEN" "$W/pkg" --cid "$CID" >/dev/null || return 1
python3 "$BENCH_SRC/tests/mtkclient/make_da.py" "$W/da.bin"
mtk_setup
dev_start_sim "$W/disk" --mode preloader --cid "$CID" --scatter "$W/pkg/MT6572_Android_scatter.txt" || return 1
export XDG_STATE_HOME="$W/state"
FLASH="$MTKFW_BIN device flash --port $PTY --da $W/da.bin --backup $W/bk"
plan() { # PKG ARGS...: the dry-run plan as JSON in $W/plan.json
	p=$1
	shift
	$FLASH "$p" "$@" --dry-run --json >"$W/plan.json" 2>/dev/null
}
jq_() { python3 -c "import json, sys; j = json.load(open('$W/plan.json')); print($1)"; }

plan "$W/pkg"
sent=$(jq_ 'j["total_bytes"]')
full=$(jq_ 'sum(s["length"] for s in j["steps"] if s["kind"] == "write")')
$FLASH "$W/pkg" >/dev/null 2>&1 || { echo "bench: the first flash failed" >&2; return 1; }
m=$(dev_measure "$FLASH $W/pkg >/dev/null 2>&1") || return 1
dev_row "flash sample package: mtkfw" $((2 * sent)) "$m" \
	"$sent bytes written and $sent read back (the written images span $full)"

# stage_rate FILE STAGE: the median MB/s of mtkfw's "STAGE: N bytes in S s (R MB/s)" lines
stage_rate() {
	grep "^$2: " "$1" | sed 's/.*(\([0-9.]*\) MB\/s)$/\1/' | sort -n | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : "?"}'
}
if [ "$MTK_OK" = 1 ]; then
	k0=$(dev_measure "$(mtk_cmd ro 0 512 "$W/mtk.bin")") && [ -s "$W/mtk.bin" ] ||
		{ MTK_OK=0; MTK_WHY="its first run failed ($(tail -n 1 "$BENCH_WORK/mtkrun/log" | tr -cd '[:print:]' | cut -c1-80))"; }
fi
max=0
for mib in ${BENCH_DEVICE_MIB:-64 256}; do [ "$mib" -gt $max ] && max=$mib; done
head -c $((max << 20)) /dev/urandom >"$W/random.img"
for mib in ${BENCH_DEVICE_MIB:-64 256}; do
	n=$((mib << 20))
	p=$W/pkg$mib
	rm -rf "$p"
	cp -r "$W/pkg" "$p"
	head -c $n "$W/random.img" >"$p/system.img"
	"$MTKFW_BIN" checksum --write "$p" >/dev/null || return 1
	plan "$p" --only ANDROID
	off=$(jq_ '[s["offset"] for s in j["steps"] if s["kind"] == "write"][0]')
	to=$(dev_measure "$W/pty_pump $n --to-phone >/dev/null") || return 1
	from=$(dev_measure "$W/pty_pump $n >/dev/null") || return 1
	: >"$W/stages"
	ours=$(dev_measure "$FLASH $p --only ANDROID >/dev/null 2>>$W/stages") || return 1
	dd if="$W/disk/user.img" bs=1M skip=$((off >> 20)) count=$mib status=none | cmp -s - "$p/system.img" ||
		bench_note "flash $mib MiB: the phone does NOT hold the image after mtkfw's flash"
	dev_row "flash $mib MiB: raw pty to phone" $n "$to"
	dev_row "flash $mib MiB: raw pty from phone" $n "$from"
	dev_row "flash $mib MiB: mtkfw write+verify" $((2 * n)) "$ours" \
		"write $(stage_rate "$W/stages" "write ANDROID") MB/s, verify $(stage_rate "$W/stages" "verify ANDROID") MB/s"
	if [ "$MTK_OK" = 1 ]; then
		if mtk=$(dev_measure "$(mtk_cmd wo "$off" $n "$p/system.img")") &&
			dd if="$W/disk/user.img" bs=1M skip=$((off >> 20)) count=$mib status=none | cmp -s - "$p/system.img"; then
			dev_row "flash $mib MiB: mtkclient wo (no verify)" $n "$mtk" "net $(net_rate $n "$mtk" "$k0") MB/s"
		else
			bench_note "flash $mib MiB: mtkclient failed or wrote wrong bytes (log: $(tail -n 1 "$BENCH_WORK/mtkrun/log" | tr -cd '[:print:]' | cut -c1-80))"
		fi
	fi
	rm -rf "$p"
done
[ "$MTK_OK" = 1 ] || bench_note "mtkclient: not available: $MTK_WHY"
dev_stop_sim
rm -rf "$W"
