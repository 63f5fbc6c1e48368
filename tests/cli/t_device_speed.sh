#!/bin/sh
# --usb-speed against mtkfw-sim --usb-speed full (DA2's 72 reports full speed; on 70 01 the sim
# re-enumerates on a new pty and moves its --link): `high` switches, follows the phone to the
# new port and reads the right bytes; a phone that never comes back gives one error line
# advising --usb-speed full; `full`, and info without the option, never send 70 (the sim's
# trace says what it received); long jobs ask by default (t_device_real.sh has that, and the
# refused and ignored switches). Expected bytes come from the sim's disk file.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"
LINK="$T/ttyACM-sim"
sent_70() { grep -c 'da2: 70 USB_SETUP_PORT' "$T/sim.trace"; }

# ---- high: the switch, the new port, the data ----
start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER" --usb-speed full --link "$LINK"
expect 0 "$M" device readback "$T/rb.bin" --range 0:0x180000 --port "$LINK" --da "$DA" --usb-speed high
head -c $((0x180000)) "$T/d/user.img" | cmp -s - "$T/rb.bin" && pass || fail "high: the readback differs from the disk"
[ "$(sent_70)" -eq 1 ] && pass || fail "high: 70 sent $(sent_70) times, wanted 1"
contains "$T/sim.trace" "72 USB_CHECK_STATUS -> full speed"
contains "$T/sim.trace" "usb: re-enumerated at high speed"
# The DA's next command came on the new port and found it at high speed; reads followed.
sed -n '/usb: re-enumerated/,/D9 FINISH/p' "$T/sim.trace" >"$T/after"
contains "$T/after" "72 USB_CHECK_STATUS -> high speed"
contains "$T/after" "D6 READ"
lacks "$T/after" "handshake"
[ "$(wc -l <"$T/sim.out")" -eq 2 ] && pass || fail "high: the sim did not print a second pty"
[ "$(head -n 1 "$T/sim.out")" != "$(tail -n 1 "$T/sim.out")" ] && pass || fail "high: the new pty is the old one"
[ "$(readlink "$LINK")" = "$(tail -n 1 "$T/sim.out")" ] && pass || fail "high: the link does not name the new pty"

# The phone rebooted at the end (FINISH): full speed again. info reports the switch.
expect 0 "$M" device info --json --port "$LINK" --da "$DA" --usb-speed high
json_eq "$T/out" 'j["usb_speed"]' high
json_eq "$T/out" 'j["usb_switched"]' True
json_eq "$T/out" 'j["emmc"]["cid"]' "$CID"
# The port the session went on with after the re-enumeration (the link, now naming the new pty).
json_eq "$T/out" 'j["port"]' "$LINK"
expect 0 "$M" device info --port "$LINK" --da "$DA" --usb-speed high
contains "$T/out" "USB:            high speed (switched from full speed)"

# A recorded switch replays (the trace simply goes on past the re-enumeration).
expect 0 "$M" device info --json --port "$LINK" --da "$DA" --usb-speed high --record "$T/switch.trace"
cp "$T/out" "$T/live.json"
grep -q '^> 70 *01' "$T/switch.trace" && pass || fail "the recording lacks 70 01"
expect 0 "$M" device info --json --replay "$T/switch.trace" --da "$DA" --usb-speed high
json_eq "$T/out" 'j["usb_switched"]' True
json_eq "$T/out" 'j["emmc"]' "$(json_get "$T/live.json" 'j["emmc"]')"

# ---- info's default and full: never 70, whatever the phone reports ----
start_sim "$T/d" --mode preloader --cid "$CID" --usb-speed full --link "$LINK"
expect 0 "$M" device info --json --port "$LINK" --da "$DA"
json_eq "$T/out" 'j["usb_speed"]' full
json_eq "$T/out" 'j["usb_switched"]' False
expect 0 "$M" device readback "$T/rb2.bin" --range 0x100000:0x80000 --port "$LINK" --da "$DA" --usb-speed full
dd if="$T/d/user.img" bs=512K skip=2 count=1 2>/dev/null | cmp -s - "$T/rb2.bin" && pass ||
	fail "full: the readback differs from the disk"
[ "$(sent_70)" -eq 0 ] && pass || fail "default/full: 70 was sent"
[ "$(grep -c 'da2: 72 USB_CHECK_STATUS -> full' "$T/sim.trace")" -ge 2 ] && pass || fail "full: 72 not seen"
[ "$(wc -l <"$T/sim.out")" -eq 1 ] && pass || fail "full: the sim re-enumerated"

# A phone at high speed already: nothing to switch.
start_sim "$T/d" --mode preloader --cid "$CID" --link "$LINK"
expect 0 "$M" device info --json --port "$LINK" --da "$DA" --usb-speed high
json_eq "$T/out" 'j["usb_speed"]' high
json_eq "$T/out" 'j["usb_switched"]' False
[ "$(sent_70)" -eq 0 ] && pass || fail "high on a high-speed phone: 70 was sent"

# ---- the port never comes back: one error line with the advice (a readback asks for high
# speed by default) ----
start_sim "$T/d" --mode preloader --cid "$CID" --usb-speed full --fault no-reenum --link "$LINK"
expect 1 "$M" device readback "$T/rb3.bin" --range 0:0x1000 --port "$LINK" --da "$DA" --wait 1500
n=$(grep -c '^mtkfw device:' "$T/err")
[ "$n" -eq 1 ] && pass || fail "no-reenum: $n error lines"
contains "$T/err" "did not come back within 1500 ms after switching to USB high speed"
contains "$T/err" "--usb-speed full"
[ ! -e "$T/rb3.bin" ] && pass || fail "no-reenum: a readback file was left"
contains "$T/sim.trace" "fault: no-reenum"

# ---- usage ----
expect 2 "$M" device info --port "$LINK" --da "$DA" --usb-speed fast
contains "$T/err" "--usb-speed: full or high"
expect 2 "$M" device detect --port "$LINK" --usb-speed high
stop_sim
done_testing
