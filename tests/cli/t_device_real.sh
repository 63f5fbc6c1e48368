#!/bin/sh
# What real MT6572s said (docs/real-phones.md), against mtkfw and mtkfw-sim:
# 1. Two real sessions replayed: the values CM2 printed for S1 (ADVAN, preloader mode) and S3
#    ("SM-J700F" clone, BROM mode, DRAM set up by the host, a failed switch to high speed)
#    are put on the wire as the protocol notes say (real_session_trace.py), and `mtkfw device
#    info` must report what CM2 printed. The expected values below are copied from the logs
#    as printed, not from our output.
# 2. The sim with those phones' cards: `device info --json` reports the same identity and the
#    card's geometry, full speed in BROM mode unless switched; a refused and an ignored switch
#    both end in a working job at full speed.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"
M="$MTKFW_BIN"
python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
DA="$T/da.bin"

# CM2's words for both Toshiba phones: BB_CPU_EXT 0xCA01, 0x8A00, 0x0000; "DA ver.4.2 on BBID
# 0x88"; FLASH_BRT 0x00200000, 0x00200000, 0x00080000; FLASH_LEN 0xEC000000; EXT RAM 0x20000000.
identity_as_logged() { # JSON CID PRODUCT
	json_eq "$1" 'j["chip"]' MT6572
	json_eq "$1" 'j["hw_code"]' 0x6572
	json_eq "$1" 'j["hw_version"]' 0xca01
	json_eq "$1" 'j["hw_sub_code"]' 0x8a00
	json_eq "$1" 'j["sw_version"]' 0x0000
	json_eq "$1" 'j["da_version"]' 4.2
	json_eq "$1" 'j["da_bbid"]' 0x88
	json_eq "$1" 'j["emmc"]["cid"]' "$2"
	json_eq "$1" 'j["emmc"]["maker"]' Toshiba
	json_eq "$1" 'j["emmc"]["product"]' "$3"
	json_eq "$1" 'j["emmc"]["boot1_size"]' $((0x00200000))
	json_eq "$1" 'j["boot2_size"]' $((0x00200000))
	json_eq "$1" 'j["rpmb_size"]' $((0x00080000))
	json_eq "$1" 'j["emmc"]["user_size"]' $((0xEC000000))
	json_eq "$1" 'j["ram_size"]' $((0x20000000))
}

# ---- 1. replays of real sessions ----
# The EMI table the host sends from in S3 (CM2 took it from the package's preloader): a
# preloader listing S3's card, as the sim writes one for its --cid.
S3_CID=11010030303447453001475c4ece92cd
S1_CID=1101003030344739301096cfc3573121
start_sim "$T/pl3" --cid "$S3_CID"
stop_sim
python3 "$MTKFW_SRC/tests/cli/real_session_trace.py" S1 "$DA" /dev/null "$T/s1.trace"
python3 "$MTKFW_SRC/tests/cli/real_session_trace.py" S3 "$DA" "$T/pl3/boot1.img" "$T/s3.trace"

# S1: preloader mode ("BromVer 0x00FF, BLVersion 0x0001"), DRAM already set up.
expect 0 "$M" device info --json --replay "$T/s1.trace" --da "$DA"
identity_as_logged "$T/out" "$S1_CID" 004G90
json_eq "$T/out" 'j["mode"]' preloader
json_eq "$T/out" '(j["brom_version"], j["bl_version"])' '(255, 1)'
expect 0 "$M" device info --replay "$T/s1.trace" --da "$DA"
contains "$T/out" "DA:             version 4.2 (BB chip 0x88)"
contains "$T/out" "hw 0xca01"

# S3: BROM mode ("BromVer 0x0005, BLVersion 0x00FE"), DRAM from the EMI table, full speed.
expect 0 "$M" device info --json --replay "$T/s3.trace" --da "$DA" --preloader "$T/pl3/boot1.img"
identity_as_logged "$T/out" "$S3_CID" 004GE0
json_eq "$T/out" 'j["mode"]' brom
json_eq "$T/out" '(j["brom_version"], j["bl_version"])' '(5, 254)'
json_eq "$T/out" 'j["usb_speed"]' full
# S3's "Switching to HSUSB ... failed", either way the DA may have said no: one warning, the
# session goes on at full speed.
for how in refused silent; do
	python3 "$MTKFW_SRC/tests/cli/real_session_trace.py" S3 "$DA" "$T/pl3/boot1.img" "$T/s3$how.trace" "$how"
	expect 0 "$M" device info --json --replay "$T/s3$how.trace" --da "$DA" --preloader "$T/pl3/boot1.img" \
		--usb-speed high
	identity_as_logged "$T/out" "$S3_CID" 004GE0
	json_eq "$T/out" 'j["usb_speed"]' full
	json_eq "$T/out" 'j["usb_switched"]' False
	[ "$(grep -c 'going on at USB full speed' "$T/err")" -eq 1 ] && pass || fail "$how switch: not one fallback line"
done
contains "$T/err" "did not answer the switch to USB high speed"

# ---- 2. the sim with S1's card ----
LINK="$T/ttyACM-real"
start_sim "$T/d" --cid "$S1_CID" --link "$LINK"
# BROM mode without an EMI table: everything up to the card, at the speed it came up at.
expect 0 "$M" device info --json --port "$LINK" --da "$DA" --preloader "$T/d/boot1.img"
cp "$T/out" "$T/sim.json"
json_eq "$T/sim.json" 'j["mode"]' brom
json_eq "$T/sim.json" '(j["brom_version"], j["bl_version"])' '(5, 254)'
json_eq "$T/sim.json" 'j["usb_speed"]' full
json_eq "$T/sim.json" 'j["usb_switched"]' False
json_eq "$T/sim.json" 'j["emmc"]["fw_version"] != "0" * 16' True
grep -q 'da2: 70 ' "$T/sim.trace" && fail "info switched speed unasked" || pass
# The sim's CID is S1's, with the sim's own serial and date; the identity is the logged one.
CID=$(json_get "$T/sim.json" 'j["emmc"]["cid"]')
[ "$(echo "$CID" | cut -c1-18)" = "$(echo "$S1_CID" | cut -c1-18)" ] && pass || fail "sim CID $CID"
identity_as_logged "$T/sim.json" "$CID" 004G90
# --usb-speed high: switched, and the phone followed to its new port.
expect 0 "$M" device info --json --port "$LINK" --da "$DA" --preloader "$T/d/boot1.img" --usb-speed high
json_eq "$T/out" 'j["usb_speed"]' high
json_eq "$T/out" 'j["usb_switched"]' True

# A long job asks for high speed by default: the readback follows the phone to its new port.
expect 0 "$M" device readback "$T/r0.bin" --range 0:0x10000 --port "$LINK" --da "$DA" --preloader "$T/d/boot1.img"
head -c 65536 "$T/d/user.img" | cmp -s - "$T/r0.bin" && pass || fail "readback after the switch differs"
n=$(grep -c 'usb: re-enumerated' "$T/sim.trace")
[ "$n" -eq 2 ] && pass || fail "$n re-enumerations, wanted 2 (info --usb-speed high, readback)"
# --usb-speed full never asks.
: >"$T/sim.trace"
expect 0 "$M" device readback "$T/r1.bin" --range 0:0x10000 --port "$LINK" --da "$DA" --preloader "$T/d/boot1.img" \
	--usb-speed full
cmp -s "$T/r0.bin" "$T/r1.bin" && pass || fail "full-speed readback differs"
grep -q 'da2: 70 ' "$T/sim.trace" && fail "--usb-speed full sent 70" || pass

# A switch the DA refuses, and one it acknowledges but ignores: each ends in a working
# readback at full speed, with one line saying so.
for fault in refuse-speed ignore-speed; do
	start_sim "$T/d" --cid "$S1_CID" --link "$LINK" --fault "$fault"
	expect 0 "$M" device readback "$T/r-$fault.bin" --range 0x100000:0x80000 --port "$LINK" --da "$DA" \
		--preloader "$T/d/boot1.img"
	dd if="$T/d/user.img" bs=512K skip=2 count=1 2>/dev/null | cmp -s - "$T/r-$fault.bin" && pass ||
		fail "$fault: the readback differs from the disk"
	[ "$(grep -c 'going on at USB full speed' "$T/err")" -eq 1 ] && pass || fail "$fault: not one fallback line"
	contains "$T/sim.trace" "fault $fault"
	lacks "$T/sim.trace" "usb: re-enumerated"
	# After the switch, the read ran on the first port, at full speed.
	sed -n '/fault '"$fault"'/,$p' "$T/sim.trace" >"$T/after"
	contains "$T/after" "72 USB_CHECK_STATUS -> full speed"
	contains "$T/after" "D6 READ"
	[ "$(grep -c . "$SIM_LOG.out")" -eq 1 ] && pass || fail "$fault: the sim changed ports"
done
contains "$T/sim.trace" "the phone stayed on the bus, its DA keeps running"

# The DA silent after the EMI version (mtkclient's "RAM-Info" on two real phones): one error
# line with the way out, no hang, nothing written.
start_sim "$T/d" --cid "$S1_CID" --link "$LINK" --fault emi-silent
expect 1 timeout 60 "$M" device info --port "$LINK" --da "$DA" --preloader "$T/d/boot1.img"
[ "$(grep -c '^mtkfw device:' "$T/err")" -eq 1 ] && pass || fail "emi-silent: not one error line"
contains "$T/err" "said nothing more"
contains "$T/err" "preloader mode"
stop_sim
done_testing
