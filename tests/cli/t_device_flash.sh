#!/bin/sh
# mtkfw device flash/format/erase/reboot against mtkfw-sim: a complete sample package flashed in
# download, upgrade and format-all modes (the sim's disk then holds the package's images, boot1
# is bootable, the identity is byte-equal to before), every refusal with nothing written, and
# BROM mode with and without an EMI table. Expected bytes come from the package files, the
# scatter read here by hand, and simg2img. Skips without the sim.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"

# ---- preloader mode, download ----
start_sim "$T/d1" --mode preloader --cid "$CID" --scatter "$SCATTER"
identity_sums "$T/d1" >"$T/id.before"

expect 0 "$M" device flash "$T/pkg" --dry-run --json --port "$PTY" --da "$DA"
json_eq "$T/out" 'j["refused"]' False
json_eq "$T/out" 'j["mode"]' download
json_eq "$T/out" '[s["boot1_headers"] for s in j["steps"] if s["name"]=="PRELOADER"]' '[True]'
json_eq "$T/out" '[s["area"] for s in j["steps"] if s["name"]=="PRELOADER"]' "['boot1']"
json_eq "$T/out" '[s["offset"] for s in j["steps"] if s["name"]=="UBOOT" and s["kind"]=="write"]' "[$(part_field UBOOT 3)]"
json_eq "$T/out" '[s["kind"] for s in j["steps"] if s["name"]=="ANDROID"]' "['erase', 'write']"
json_eq "$T/out" '[s["erased"] for s in j["steps"] if s["name"]=="ANDROID" and s["kind"]=="write"]' '[True]'
nothing_written "dry run"

expect 0 "$M" device flash "$T/pkg" --port "$PTY" --da "$DA" --backup "$T/bk1"
contains "$T/out" "verified  PRELOADER"
contains "$T/out" "verified  ANDROID"
contains "$T/out" "flashed:"
# One line per partition on a non-terminal, with its speed.
contains "$T/err" "write UBOOT: 197120 bytes in"
boot1_ok "$T/d1"
same_bytes "$T/d1" UBOOT "$T/pkg/lk.bin"
same_bytes "$T/d1" BOOTIMG "$T/pkg/boot.img"
same_bytes "$T/d1" RECOVERY "$T/pkg/recovery.img"
same_bytes "$T/d1" LOGO "$T/pkg/logo.bin"
same_bytes "$T/d1" SEC_RO "$T/pkg/secro.img"
same_bytes "$T/d1" MBR "$T/pkg/MBR"
same_bytes "$T/d1" EBR1 "$T/pkg/EBR1"
sparse_on_phone "$T/d1" ANDROID "$T/pkg/system.img"
sparse_on_phone "$T/d1" USRDATA "$T/pkg/userdata.img"
identity_sums "$T/d1" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "download changed the identity partitions"
[ -f "$T/bk1/manifest.json" ] && pass || fail "no identity backup"
nv=$(part_field NVRAM 4)
[ "$(sha256sum "$T/bk1/NVRAM.bin" | cut -d' ' -f1)" = "$(grep '^NVRAM ' "$T/id.before" | cut -d' ' -f2)" ] && pass ||
	fail "the backup's NVRAM is not the phone's"
[ -z "$(ls "$T/state/mtkfw/journal" 2>/dev/null)" ] && pass || fail "a finished flash left its journal"
# Sparse images: the DONT_CARE blocks were not sent (the erase made them zeros).
grep -c 'da2: 62 ' "$T/sim.trace" >/dev/null && pass
grep -qE 'da2: D4 .*len=0x28a00000' "$T/sim.trace" && pass || fail "ANDROID was not erased before its sparse image"

# ---- refusals, nothing written ----
start_sim "$T/d1" --mode preloader --cid "$CID"
# A preloader whose EMI table lacks this phone's eMMC.
"$SAMPLEGEN" "$T/foreign" --cid "$OTHER_CID" >/dev/null
expect 3 "$M" device flash "$T/foreign" --port "$PTY" --da "$DA"
contains "$T/out" "preloader-no-emi"
contains "$T/err" "--skip PRELOADER"
nothing_written "foreign preloader"
expect 0 "$M" device flash "$T/foreign" --skip PRELOADER --dry-run --port "$PTY" --da "$DA"
lacks "$T/out" "write   PRELOADER"
# An oversize image.
"$SAMPLEGEN" "$T/big" --cid "$CID" --broken oversize >/dev/null
expect 3 "$M" device flash "$T/big" --port "$PTY" --da "$DA"
contains "$T/out" "image-too-big"
contains "$T/err" "--skip UBOOT"
# A wrong image type: a logo where the boot image goes.
cp -r "$T/pkg" "$T/wrong"
cp "$T/pkg/logo.bin" "$T/wrong/boot.img"
expect 3 "$M" device flash "$T/wrong" --port "$PTY" --da "$DA" --json
json_eq "$T/out" '[f["partition"] for f in j["findings"] if f["code"]=="wrong-image-type"]' "['BOOTIMG']"
json_eq "$T/out" 'j["refused"]' True
# A layout change (LOGO 1 MiB smaller, EXPDB 1 MiB earlier and larger: partitions the MBR does
# not index, so the package stays consistent) in download mode.
cp -r "$T/pkg" "$T/moved"
python3 "$MTKFW_SRC/tests/cli/scatter_edit.py" move-logo "$T/moved/MT6572_Android_scatter.txt"
expect 3 "$M" device flash "$T/moved" --port "$PTY" --da "$DA"
contains "$T/out" "PMT changed"
contains "$T/err" "--mode upgrade"
nothing_written "refusals"
# Erasing identity needs --include-identity, and is refused before the phone is opened.
expect 3 "$M" device erase NVRAM --port "$PTY" --da "$DA"
contains "$T/err" "--include-identity"
expect 3 "$M" device format PROTECT_F,LOGO --port "$PTY" --da "$DA"
nothing_written "identity erase"
# Usage errors.
expect 2 "$M" device flash "$T/pkg" --mode sideways --port "$PTY" --da "$DA"
expect 2 "$M" device flash "$T/pkg" --only NOSUCH --port "$PTY" --da "$DA"
contains "$T/err" "NOSUCH"
expect 2 "$M" device flash --port "$PTY" --da "$DA"
expect 2 "$M" device format --port "$PTY" --da "$DA"
expect 2 "$M" device erase A,B --port "$PTY" --da "$DA"

# ---- upgrade: the layout change is written, PMT included ----
identity_sums "$T/d1" >"$T/id.before"
expect 0 "$M" device flash "$T/moved" --mode upgrade --port "$PTY" --da "$DA" --backup "$T/bk2"
contains "$T/out" "verified  PMT"
contains "$T/out" "restored  IDENTITY"
expect 0 "$M" device flash "$T/moved" --dry-run --port "$PTY" --da "$DA"
lacks "$T/out" "layout-changed"
# The identity partitions before CACHE did not move: still byte-equal.
identity_sums "$T/d1" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "upgrade changed the identity partitions"
# Back to the original layout for the next runs.
expect 0 "$M" device flash "$T/pkg" --mode upgrade --port "$PTY" --da "$DA" --backup "$T/bk3"

# ---- format-all: everything erased, images written, identity put back ----
: >"$T/sim.trace"
expect 0 "$M" device flash "$T/pkg" --mode format-all --port "$PTY" --da "$DA" --backup "$T/bk4"
contains "$T/out" "erased    ALL"
contains "$T/out" "restored  IDENTITY"
grep -qE "da2: D4 .*addr=0x0 len=0x$(printf %x "$(stat -c %s "$T/d1/user.img")")" "$T/sim.trace" && pass ||
	fail "format-all did not erase the whole user area"
identity_sums "$T/d1" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "format-all lost the identity"
boot1_ok "$T/d1"
same_bytes "$T/d1" UBOOT "$T/pkg/lk.bin"
sparse_on_phone "$T/d1" ANDROID "$T/pkg/system.img"

# A reused backup folder whose NVRAM copy was damaged: nothing is erased on its strength.
printf 'X' | dd of="$T/bk4/NVRAM.bin" bs=1 seek=100 conv=notrunc 2>/dev/null
: >"$T/sim.trace"
expect 1 "$M" device flash "$T/pkg" --mode format-all --port "$PTY" --da "$DA" --backup "$T/bk4"
contains "$T/err" "NVRAM.bin no longer has the SHA-256"
nothing_written "damaged backup"

# ---- format and erase ----
expect 0 "$M" device erase LOGO --port "$PTY" --da "$DA" --backup "$T/bk5"
contains "$T/out" "erased    LOGO"
[ "$(range_sha "$T/d1/user.img" "$(part_field LOGO 3)" 4096)" = "$(head -c 4096 /dev/zero | sha256sum | cut -d' ' -f1)" ] &&
	pass || fail "LOGO not erased"
[ -f "$T/bk5/manifest.json" ] && pass || fail "erase made no identity backup"
expect 0 "$M" device format --all --port "$PTY" --da "$DA" --backup "$T/bk6"
identity_sums "$T/d1" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "format --all lost the identity"
expect 0 "$M" device reboot --port "$PTY" --da "$DA"
grep -q 'finish mode 0' "$T/sim.trace" && pass || fail "no FINISH to reboot"

# ---- BROM mode: the package's preloader sets up DRAM ----
# The phone comes up at USB full speed, as real MT6572s do: the flash asks for high speed and
# follows the phone to its new port (the link names it) before it writes.
LINK="$T/ttyACM-brom"
start_sim "$T/d2" --mode brom --cid "$CID" --scatter "$SCATTER" --link "$LINK"
identity_sums "$T/d2" >"$T/id.before"
expect 0 "$M" device flash "$T/pkg" --port "$LINK" --da "$DA" --backup "$T/bk7"
contains "$T/sim.trace" "72 USB_CHECK_STATUS -> full speed"
contains "$T/sim.trace" "usb: re-enumerated at high speed"
sed -n '/usb: re-enumerated/,$p' "$T/sim.trace" | grep -q 'da2: 62 WRITE_DATA' && pass ||
	fail "BROM flash: nothing written after the switch to high speed"
boot1_ok "$T/d2"
same_bytes "$T/d2" BOOTIMG "$T/pkg/boot.img"
identity_sums "$T/d2" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "BROM flash changed the identity"
# BROM mode with no EMI table for this eMMC anywhere: a clean stop, nothing written.
start_sim "$T/d3" --mode brom --cid "$OTHER_CID"
expect 2 "$M" device flash "$T/pkg" --port "$PTY" --da "$DA"
contains "$T/err" "4032"
nothing_written "BROM without EMI"
done_testing
