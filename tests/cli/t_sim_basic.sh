#!/bin/sh
# mtkfw-sim on its own: usage, the pty path on stdout, the --link symlink, a handshake and BROM
# commands from a tiny client written from the spec, re-plug after the host closes, the trace,
# and the faults seen from the host side (dropped link, corrupted byte, stall).
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"
SIM=$MTKFW_SIM_BIN

# --help is the usage (= man SYNOPSIS) plus options; bad options are usage errors (2).
expect 0 "$SIM" --help
contains "$T/out" "usage: mtkfw-sim [--mode brom|preloader]"
# the man page SYNOPSIS is the usage line
sed -n 's/^usage: //p' "$T/out" >"$T/help"
awk '/^\.SH SYNOPSIS/{on=1; next} /^\.SH/{on=0} on' "$MTKFW_SRC/docs/man/mtkfw-sim.1" |
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' >"$T/man"
cmp -s "$T/help" "$T/man" && pass || { fail "mtkfw-sim --help and mtkfw-sim.1 SYNOPSIS differ"; diff "$T/help" "$T/man" >&2; }
expect 2 "$SIM" --mode nand
one_line_error
expect 2 "$SIM" --cid 1234
contains "$T/err" "--cid"
expect 2 "$SIM" --fault explode=1
contains "$T/err" "explode"
expect 2 "$SIM" --disk "$T/nope/x/y" --scatter "$T/absent.txt"
contains "$T/err" "absent.txt"
printf 'not a scatter\n' >"$T/bad.txt"
expect 2 "$SIM" --disk "$T/d0" --scatter "$T/bad.txt"
contains "$T/err" "bad.txt"

# start DIR ARGS...: the sim on DIR, its output, errors and trace in DIR.out, .err, .trace.
start() { SIM_LOG=$1; start_sim "$@"; }

# client.py PTY SCRIPT: each line "HEX_OUT EXPECTED_HEX" — send, then read the expected
# number of bytes (1 s timeout) and print what came back.
cat >"$T/client.py" <<'PY'
import os, select, sys, termios, tty, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
tty.setraw(fd)
for line in sys.argv[2:]:
    out, n = line.split(":")
    os.write(fd, bytes.fromhex(out))
    got, end = b"", time.time() + 1.0
    while len(got) < int(n) and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                got += os.read(fd, 4096)
            except OSError as e:
                print("EIO"); sys.exit(0)
    print(got.hex())
os.close(fd)
PY
client() { python3 "$T/client.py" "$@"; }
HS="a0:1 0a:1 50:1 05:1"

# --- BROM mode, a fresh disk, a link -------------------------------------------------------
start "$T/d1" --link "$T/ttyACM-test"
case "$PTY" in /dev/pts/*) pass ;; *) fail "first stdout line is not a pty: '$PTY'" ;; esac
[ "$(readlink "$T/ttyACM-test")" = "$PTY" ] && pass || fail "--link is not a symlink to $PTY"
for f in boot1.img boot2.img rpmb.img user.img; do [ -f "$T/d1/$f" ] && pass || fail "$f not created"; done
# boot1 starts with the EMMC_BOOT header (xxd of the spec's layout); the card is a 4 GB one
# as the MT6572 logs show it (docs/real-phones.md S1: 2 MiB boot areas, 512 KiB RPMB, user
# area 0xEC000000)
[ "$(head -c 9 "$T/d1/boot1.img")" = "EMMC_BOOT" ] && pass || fail "boot1 lacks EMMC_BOOT"
[ "$(wc -c <"$T/d1/user.img")" -eq $((0xEC000000)) ] && pass || fail "user.img size"
[ "$(wc -c <"$T/d1/boot1.img")" -eq $((0x200000)) ] && pass || fail "boot1.img size"
[ "$(wc -c <"$T/d1/boot2.img")" -eq $((0x200000)) ] && pass || fail "boot2.img size"
[ "$(wc -c <"$T/d1/rpmb.img")" -eq $((0x80000)) ] && pass || fail "rpmb.img size"
# the sparse user area costs (almost) nothing
[ "$(du -k "$T/d1/user.img" | cut -f1)" -lt 1024 ] && pass || fail "user.img is not sparse"

client "$T/ttyACM-test" $HS fd:5 fe:1 ff:1 fc:9 d8:7 >"$T/r1"
# FC: sub code 0x8A00, hw version 0xCA01, sw version 0, as the MT6572 logs show (S1-S5)
printf '5f\nf5\naf\nfa\nfd65720000\nfe\n05\nfc8a00ca0100000000\nd8000000000000\n' >"$T/w1"
cmp -s "$T/r1" "$T/w1" && pass || { fail "BROM answers"; diff "$T/r1" "$T/w1" >&2; }

# The host closed: the phone re-plugged and answers a new handshake at once.
client "$PTY" $HS fd:5 >"$T/r2"
printf '5f\nf5\naf\nfa\nfd65720000\n' | cmp -s - "$T/r2" && pass || fail "no fresh handshake after close"
contains "$T/d1.trace" "brom: FD GET_HW_CODE -> 0x6572"
contains "$T/d1.trace" "host closed the port; the phone re-plugs"
n=$(grep -c "handshake done" "$T/d1.trace")
[ "$n" -eq 2 ] && pass || fail "$n handshakes in the trace, wanted 2"
stop_sim
[ ! -e "$T/ttyACM-test" ] && pass || fail "link left behind after SIGTERM"

# --- --scatter builds a disk only when user.img is new ---------------------------------------
cat >"$T/sc.txt" <<'SC'
- partition_index: SYS0
  partition_name: PRELOADER
  linear_start_addr: 0x0
  partition_size: 0x40000
  region: EMMC_BOOT_1
- partition_index: SYS1
  partition_name: MBR
  linear_start_addr: 0x600000
  partition_size: 0x80000
  region: EMMC_USER
- partition_index: SYS2
  partition_name: EBR1
  linear_start_addr: 0x680000
  partition_size: 0x80000
  region: EMMC_USER
- partition_index: SYS3
  partition_name: ANDROID
  linear_start_addr: 0x800000
  partition_size: 0x1000000
  region: EMMC_USER
SC
start "$T/d2" --scatter "$T/sc.txt"
stop_sim
# MBR entry 1 (0x1CE): type 0x83 at LBA (0x800000 - 0x600000) / 512 = 0x1000; the last data
# partition runs "to the end": size 0xFFFFFFFF - (0x1000 - EBR1's 0x400) = 0xFFFFF3FF (spec B.8)
od -An -tx1 -j $((0x1CE)) -N 16 "$T/d2/user.img" | tr -d ' \n' >"$T/e1"
[ "$(cat "$T/e1")" = 000000008300000000100000fff3ffff ] && pass || fail "MBR entry for ANDROID: $(cat "$T/e1")"
[ "$(dd if="$T/d2/user.img" bs=1 skip=$((0x200000)) count=17 status=none)" = "MTKFW-SIM ANDROID" ] && pass || fail "ANDROID not tagged"
start "$T/d2" --scatter "$T/sc.txt"
stop_sim
contains "$T/d2.err" "--scatter ignored"

# --- preloader mode on the same disk --------------------------------------------------------
start "$T/d1" --mode preloader
client "$PTY" $HS fe:1 ff:1 >"$T/r3"
printf '5f\nf5\naf\nfa\n01\nff\n' | cmp -s - "$T/r3" && pass || fail "preloader answers"
stop_sim

# --- the card a --cid names: the sizes real phones reported for that part, and its entry first
# in the EMI table of the phone's own preloader (docs/real-phones.md) --------------------------
# (CID, boot1/boot2 size, RPMB size, user size) from the sessions' rows: S1's Toshiba 004G90,
# S4's SanDisk SEM04G (user area only shown), S14's Samsung N5XZMB, and a part no log shows.
while read -r cid boot rpmb user; do
	start "$T/c$cid" --cid "$cid"
	stop_sim
	sz() { wc -c <"$T/c$cid/$1"; }
	[ "$(sz boot1.img)" -eq $((boot)) ] && [ "$(sz boot2.img)" -eq $((boot)) ] &&
		[ "$(sz rpmb.img)" -eq $((rpmb)) ] && [ "$(sz user.img)" -eq $((user)) ] && pass ||
		fail "--cid $cid: sizes $(sz boot1.img) $(sz boot2.img) $(sz rpmb.img) $(sz user.img)"
	"$MTKFW_BIN" profile "$T/c$cid/boot1.img" --json >"$T/prof.json" 2>"$T/prof.err"
	json_eq "$T/prof.json" 'j["preloader"]["emi"][0]["flash_id"]' "$(echo "$cid" | cut -c1-18)"
	contains "$T/c$cid.trace" "CID $cid"
	contains "$T/c$cid.trace" "USB full speed"
done <<'CIDS'
1101003030344739301096cfc3573121 0x200000 0x80000 0xEC000000
45010053454d30344728341f50ef9093 0x200000 0x80000 0xEC000000
1501004e35585a4d42018143b88581ea 0x400000 0x400000 0xE9000000
7001004142434445461065720000aa01 0x200000 0x80000 0xEC000000
CIDS
contains "$T/c1101003030344739301096cfc3573121.trace" "(Toshiba 004G90)"
contains "$T/c7001004142434445461065720000aa01.trace" "a part the table does not know"
start "$T/cpl" --mode preloader
stop_sim
contains "$T/cpl.trace" "USB high speed"

# --- chip fault ------------------------------------------------------------------------------
start "$T/d1" --fault chip=0x6580
client "$PTY" $HS fd:5 | tail -1 >"$T/r4"
echo fd65800000 | cmp -s - "$T/r4" && pass || fail "chip=0x6580 not reported"
stop_sim

# --- corrupt: byte 5 sent (0-based) is the 0x65 of the FD answer ---------------------------
start "$T/d1" --fault corrupt=5,seed=1
client "$PTY" $HS fd:5 fd:5 | tail -2 >"$T/r5"
[ "$(head -1 "$T/r5")" != fd65720000 ] && pass || fail "corrupt=5 altered nothing"
[ "$(tail -1 "$T/r5")" = fd65720000 ] && pass || fail "corrupt fired twice"
stop_sim

# --- drop-after: the link dies mid-answer, the sim offers a new pty ------------------------
start "$T/d1" --fault drop-after=6 --link "$T/ttyACM-drop"
client "$PTY" $HS fd:5 >"$T/r6"
# (bytes in flight when the link dies may be lost too: the full answer must not arrive)
[ "$(tail -1 "$T/r6")" != fd65720000 ] && pass || fail "drop-after=6: host still got the whole answer"
wait_ptys 2
new=$(sed -n 2p "$T/d1.out")
[ -n "$new" ] && [ "$new" != "$PTY" ] && pass || fail "no new pty after the drop"
[ "$(readlink "$T/ttyACM-drop")" = "$new" ] && pass || fail "link not moved to the new pty"
client "$T/ttyACM-drop" $HS fd:5 | tail -1 | grep -qx fd65720000 && pass || fail "no phone after re-plug"
contains "$T/d1.trace" "drop-after fired"
stop_sim

# --- stall: after 5 bytes received the phone is silent for 400 ms, then answers --------------
start "$T/d1" --fault stall=5:400
client "$PTY" $HS fd:5 >"$T/r7"
[ "$(tail -1 "$T/r7")" = fd65720000 ] && pass || fail "stall=5:400: '$(tail -1 "$T/r7")'"
contains "$T/d1.trace" "stall after 5 bytes"
stop_sim
start "$T/d1" --fault stall=4
client "$PTY" $HS fd:5 >"$T/r8"
[ -z "$(tail -1 "$T/r8")" ] && pass || fail "stall=4 (forever) still answered"
stop_sim

done_testing
