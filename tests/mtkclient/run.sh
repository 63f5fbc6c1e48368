#!/bin/sh
# Drives the real mtkclient against mtkfw-sim and compares every byte it reads or writes with
# the sim's disk files (spec ../shared/specs/brom-da-protocol.md §7).
#
# Needs: MTKFW_SIM_BIN; an mtkclient tree in MTKCLIENT_DIR, or a git directory of its
# repository in MTKCLIENT_GIT (commit MTKCLIENT_COMMIT, default a6a7147, is exported to a temp
# folder; nothing is downloaded); python3 with pyserial, pyusb, pycryptodome(x) and colorama
# (Debian: python3-serial python3-usb python3-pycryptodome python3-colorama); root, for the
# /dev/ttyACM* symlink mtkclient's port discovery insists on. Exits 77 (skip) when any is
# missing. Optional: MTKFW_CORPUS for the real MTK_AllInOne_DA.bin and a real scatter.
set -u
: "${MTKFW_SIM_BIN:?set MTKFW_SIM_BIN to build/mtkfw-sim}"
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/mtkfw-mtkclient-XXXXXX")
SIM_PID=""
LINK=/dev/ttyACM$((2000 + $$ % 7000))
cleanup() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
FAILS=0
PASSES=0
ok() { PASSES=$((PASSES + 1)); echo "ok: $*"; }
bad() { FAILS=$((FAILS + 1)); echo "FAIL: $*" >&2; }
skip() { echo "SKIP: $*"; exit 77; }

# --- prerequisites -------------------------------------------------------------------------
if [ -z "${MTKCLIENT_DIR:-}" ] && [ -n "${MTKCLIENT_GIT:-}" ]; then
	MTKCLIENT_DIR=$T/mtkclient
	mkdir -p "$MTKCLIENT_DIR"
	# Large loader blobs may be absent from a mirror: export around them (spec §7).
	git --git-dir="$MTKCLIENT_GIT" archive "${MTKCLIENT_COMMIT:-a6a7147}" -- . \
		':(exclude)mtkclient/Loader/*.bin' | tar -x -C "$MTKCLIENT_DIR" ||
		skip "cannot export mtkclient from $MTKCLIENT_GIT"
fi
[ -n "${MTKCLIENT_DIR:-}" ] || skip "mtkclient not available: set MTKCLIENT_DIR to a checkout (see README, 'Testing against mtkclient')"
[ -f "$MTKCLIENT_DIR/mtk.py" ] || skip "$MTKCLIENT_DIR/mtk.py absent"
PY=""
for p in ${MTKCLIENT_PYTHON:-} python3 /usr/bin/python3; do
	if "$p" -c 'import serial, usb, Cryptodome, colorama' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || skip "python3 lacks pyserial/pyusb/pycryptodome/colorama (apt-get install python3-serial python3-usb python3-pycryptodome python3-colorama)"
[ "$(id -u)" -eq 0 ] || skip "needs root for the $LINK symlink"
command -v cc >/dev/null || skip "no C compiler for the tcflush shim"
cc -shared -fPIC -o "$T/noflush.so" "$HERE/noflush.c" -ldl || skip "cannot build the tcflush shim"

# mtkclient accepts an MT65xx DA only from a path containing "mt6590" (spec §3.5).
mkdir -p "$T/da_synth" "$T/da_real"
"$PY" "$HERE/make_da.py" "$T/da_synth/MTK_AllInOne_DA_mt6590.bin"
REAL_DA=${MTKFW_CORPUS:-/nonexistent}/sp_flash_tool_linux/MTK_AllInOne_DA.bin
[ -f "$REAL_DA" ] && cp "$REAL_DA" "$T/da_real/MTK_AllInOne_DA_mt6590.bin"

# --- helpers ---------------------------------------------------------------------------------
start_sim() { # DISKDIR ARGS...
	d=$1; shift
	"$MTKFW_SIM_BIN" --disk "$d" --link "$LINK" --trace "$d.trace" "$@" >"$d.out" 2>"$d.err" &
	SIM_PID=$!
	i=0
	while [ ! -s "$d.out" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	[ -s "$d.out" ] || { bad "sim did not print its pty: $(cat "$d.err")"; return 1; }
}
stop_sim() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	SIM_PID=""
}
# mtk WORKDIR LOG ARGS...: run mtkclient from a scratch folder (it writes .state/hwparam.json).
mtk() {
	w=$1; log=$2; shift 2
	mkdir -p "$w"
	(cd "$w" && timeout 180 env LD_PRELOAD="$T/noflush.so" "$PY" "$MTKCLIENT_DIR/mtk.py" "$@" \
		--serialport "$LINK" >"$log" 2>&1)
}
# region FILE OFFSET LEN OUT: copy bytes out of a disk file.
region() { dd if="$1" of="$4" bs=512 skip=$(($2 / 512)) count=$(($3 / 512)) status=none; }
same() { # A B WHAT
	if cmp -s "$1" "$2"; then ok "$3"; else bad "$3: bytes differ ($(cmp "$1" "$2" 2>&1 | head -1))"; fi
}

# Partitions the test lays out with a GPT (mtkclient names partitions only from a GPT).
MB=1048576
layout_disk() { # DIR
	mkdir -p "$1"
	truncate -s $((64 * MB)) "$1/user.img"
	"$PY" "$HERE/make_gpt.py" "$1/user.img" boot:$((6 * MB)) recovery:$((6 * MB)) nvram:$((5 * MB)) userdata:$((16 * MB))
}
BOOT_OFF=$((1 * MB)); BOOT_LEN=$((6 * MB)); REC_OFF=$((7 * MB)); REC_LEN=$((6 * MB))

# --- one full session: printgpt, r, w, e, rf, reset -------------------------------------
session() { # NAME MODE DA_DIR
	name=$1; mode=$2; da=$3/MTK_AllInOne_DA_mt6590.bin
	d=$T/$name; w=$T/$name.work
	layout_disk "$d"
	start_sim "$d" --mode "$mode" || return
	set -- --loader "$da"
	# In BROM mode DRAM needs the EMI table: the sim's own boot1 carries the right one.
	[ "$mode" = brom ] && set -- "$@" --preloader "$d/boot1.img"

	if mtk "$w" "$w/printgpt.log" printgpt "$@" && grep -q "^boot: *Offset 0x0*100000, Length 0x0*600000" "$w/printgpt.log" \
		&& grep -q "^recovery: *Offset 0x0*700000, Length 0x0*600000" "$w/printgpt.log"; then
		ok "$name: printgpt lists boot and recovery at their GPT offsets"
	else
		bad "$name: printgpt"; tail -5 "$w/printgpt.log" >&2
	fi

	if mtk "$w" "$w/r.log" r boot,recovery "$w/boot.bin,$w/rec.bin" "$@"; then
		region "$d/user.img" $BOOT_OFF $BOOT_LEN "$w/boot.ref"
		region "$d/user.img" $REC_OFF $REC_LEN "$w/rec.ref"
		same "$w/boot.bin" "$w/boot.ref" "$name: r boot equals user.img bytes"
		same "$w/rec.bin" "$w/rec.ref" "$name: r recovery equals user.img bytes"
	else
		bad "$name: r boot,recovery"; tail -5 "$w/r.log" >&2
	fi

	# An odd size: mtkclient pads to 512, the rest of the sector must be zeros on the disk.
	head -c $((BOOT_LEN - 1000)) /dev/urandom >"$w/new.bin"
	if mtk "$w" "$w/w.log" w boot "$w/new.bin" "$@"; then
		region "$d/user.img" $BOOT_OFF $((BOOT_LEN - 512)) "$w/boot.after"
		{ cat "$w/new.bin"; head -c 488 /dev/zero; } >"$w/new.padded"
		same "$w/boot.after" "$w/new.padded" "$name: w boot wrote the file's bytes (zero-padded to 512)"
		region "$d/user.img" $REC_OFF $REC_LEN "$w/rec.after"
		same "$w/rec.after" "$w/rec.ref" "$name: w boot left recovery alone"
	else
		bad "$name: w boot"; tail -5 "$w/w.log" >&2
	fi

	region "$d/user.img" $((REC_OFF + REC_LEN)) $MB "$w/next.before"
	if mtk "$w" "$w/e.log" e recovery "$@"; then
		region "$d/user.img" $REC_OFF $REC_LEN "$w/rec.erased"
		head -c $REC_LEN /dev/zero >"$w/zeros"
		same "$w/rec.erased" "$w/zeros" "$name: e recovery zeroed it"
		region "$d/user.img" $((REC_OFF + REC_LEN)) $MB "$w/next.after"
		same "$w/next.after" "$w/next.before" "$name: e recovery left nvram alone"
	else
		bad "$name: e recovery"; tail -5 "$w/e.log" >&2
	fi

	if mtk "$w" "$w/rf.log" rf "$w/full.bin" "$@"; then
		same "$w/full.bin" "$d/user.img" "$name: rf equals the whole user.img"
	else
		bad "$name: rf"; tail -5 "$w/rf.log" >&2
	fi

	if mtk "$w" "$w/reset.log" reset "$@" && grep -q "D9 FINISH" "$d.trace"; then
		ok "$name: reset reached FINISH"
	else
		bad "$name: reset"; tail -5 "$w/reset.log" >&2
	fi
	# The host closed the port after every command: the sim went back to the handshake.
	n=$(grep -c "handshake done" "$d.trace")
	[ "$n" -ge 6 ] && ok "$name: $n sessions, each from a fresh handshake" || bad "$name: only $n handshakes"
	stop_sim
}

session brom_synth brom "$T/da_synth"
session pl_synth preloader "$T/da_synth"
if [ -f "$T/da_real/MTK_AllInOne_DA_mt6590.bin" ]; then
	session brom_real brom "$T/da_real"
else
	echo "note: corpus MTK_AllInOne_DA.bin absent; real-DA session skipped"
fi

# --- the 4032 case: a preloader whose EMI table lacks the phone's eMMC ----------------------
d=$T/wrong_emi; w=$d.work
layout_disk "$d"
# A Toshiba card: the sim's own boot1 table (Micron, Samsung, Hynix) has no entry for it.
start_sim "$d" --cid 110100303034473930106572c1d0d900
if mtk "$w" "$w/printgpt.log" printgpt --loader "$T/da_synth/MTK_AllInOne_DA_mt6590.bin" --preloader "$d/boot1.img"; then
	bad "wrong_emi: mtkclient succeeded with a foreign EMI table"
else
	grep -q "Preloader error" "$w/printgpt.log" && grep -q "EMI refused" "$d.trace" &&
		ok "wrong_emi: DRAM setup refused (4032), mtkclient stopped" || bad "wrong_emi: unexpected failure"
fi
stop_sim

echo "$PASSES passed, $FAILS failed"
[ "$FAILS" -eq 0 ]
