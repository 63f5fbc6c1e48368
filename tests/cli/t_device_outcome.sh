#!/bin/sh
# Issue #8, the outcome as data: device flash, erase, format and restore --json carry a range
# the eMMC did not keep (mtkfw-sim --fault readonly / unstable-read) as a `fault` object —
# kind, partition, area, offset, length — beside `result` and `backup`, also when they fail
# (exit 1, JSON alone on stdout, one error line on stderr); the text report shows the same.
# Offsets and lengths come from the scatter read by hand (part_field) and the package files;
# device info reports the port the session uses. Skips without the sim.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"
UB_OFF=$(part_field UBOOT 3)
UB_SIZE=$(part_field UBOOT 4)
NV_OFF=$(part_field NVRAM 3)
NV_SIZE=$(part_field NVRAM 4)
one_error() {
	n=$(grep -c '^mtkfw device:' "$T/err")
	[ "$n" -eq 1 ] && pass || fail "$1: $n error lines"
}

# ---- a healthy erase: the range erased, no fault, the backup named ----
start_sim "$T/d1" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$M" device erase UBOOT --port "$PTY" --da "$DA" --backup "$T/bk0" --json
json_eq "$T/out" 'j["result"]' erased
json_eq "$T/out" 'j["fault"]' None
json_eq "$T/out" 'j["backup"]' "$T/bk0"
json_eq "$T/out" '[(e["partition"], e["area"], e["offset"], e["length"]) for e in j["erased"]]' \
	"[('UBOOT', 'user', $UB_OFF, $UB_SIZE)]"
json_eq "$T/out" 'j["identity_restored"]' False
json_eq "$T/out" 'j["data_nvram"]' None
lacks "$T/out" "identity backup:"
# The same report as text.
expect 0 "$M" device erase UBOOT --port "$PTY" --da "$DA" --backup "$T/bk0t"
contains "$T/out" "identity backup: $T/bk0t"
contains "$T/out" "erased    UBOOT        $UB_SIZE bytes at $(printf 0x%x "$UB_OFF")"
lacks "$T/out" "fault:"
# A name the phone does not have erases nothing, before any backup.
start_sim "$T/d1" --mode preloader --cid "$CID"
expect 2 "$M" device erase NOSUCH --port "$PTY" --da "$DA" --backup "$T/bkN" --json
[ ! -e "$T/bkN" ] && pass || fail "a backup was made for a partition that does not exist"
nothing_written "unknown name"

# ---- a healthy restore ----
expect 0 "$M" device restore "$T/bk0" --only NVRAM,SECCFG --port "$PTY" --da "$DA" --json
json_eq "$T/out" 'j["result"]' restored
json_eq "$T/out" 'j["restored"]' "['NVRAM', 'SECCFG']"
json_eq "$T/out" 'j["fault"]' None
json_eq "$T/out" 'j["data_nvram_restored"]' False

# ---- a read-only card: flash stops, the fault is data ----
start_sim "$T/d2" --mode preloader --cid "$CID" --scatter "$SCATTER" --fault readonly
expect 1 "$M" device flash "$T/pkg" --only UBOOT --port "$PTY" --da "$DA" --backup "$T/bk2" --json
one_error "flash read-only"
contains "$T/err" "eMMC does not keep writes"
json_eq "$T/out" 'j["result"]' failed
# The one JSON document carries the failure as its "error" (contracts.md).
json_eq "$T/out" 'j["error"]["code"]' READONLY
json_eq "$T/out" 'j["fault"]["kind"]' readonly
json_eq "$T/out" 'j["fault"]["partition"]' UBOOT
json_eq "$T/out" 'j["fault"]["area"]' user
json_eq "$T/out" 'j["fault"]["offset"]' "$UB_OFF"
# The step writes lk.bin rounded up to whole sectors.
LK=$(wc -c <"$T/pkg/lk.bin")
json_eq "$T/out" 'j["fault"]["length"]' "$(( (LK + 511) / 512 * 512 ))"
json_eq "$T/out" 'j["backup"]' "$T/bk2"
json_eq "$T/out" '[s["state"] for s in j["steps"] if s["name"] == "UBOOT"]' "['written']"
json_eq "$T/out" 'j["data_nvram"]' None
rm -rf "$T/state"
# The text report says the same on stdout.
expect 1 "$M" device flash "$T/pkg" --only UBOOT --port "$PTY" --da "$DA" --backup "$T/bk2t"
contains "$T/out" "fault:    readonly UBOOT user $(printf 0x%x "$UB_OFF")+$(printf 0x%x $(( (LK + 511) / 512 * 512 )))"
rm -rf "$T/state"

# Erase on the same card: the fault names the partition erased.
expect 1 "$M" device erase UBOOT --port "$PTY" --da "$DA" --backup "$T/bk3" --json
one_error "erase read-only"
json_eq "$T/out" 'j["result"]' failed
json_eq "$T/out" '(j["fault"]["kind"], j["fault"]["partition"], j["fault"]["offset"], j["fault"]["length"])' \
	"('readonly', 'UBOOT', $UB_OFF, $UB_SIZE)"
json_eq "$T/out" 'j["erased"]' "[]"

# Restore on the same card, of an NVRAM that differs from the backup.
stop_sim
python3 - "$T/d2/user.img" "$NV_OFF" <<'PY'
import sys
f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2])); f.write(b"\x5a" * 4096)
PY
start_sim "$T/d2" --mode preloader --cid "$CID" --fault readonly
expect 1 "$M" device restore "$T/bk0" --only NVRAM --port "$PTY" --da "$DA" --json
one_error "restore read-only"
json_eq "$T/out" 'j["result"]' failed
json_eq "$T/out" 'j["restored"]' "[]"
json_eq "$T/out" '(j["fault"]["kind"], j["fault"]["partition"], j["fault"]["area"], j["fault"]["offset"], j["fault"]["length"])' \
	"('readonly', 'NVRAM', 'user', $NV_OFF, $NV_SIZE)"

# ---- read-backs that disagree: kind unstable ----
start_sim "$T/d4" --mode preloader --cid "$CID" --scatter "$SCATTER" --fault unstable-read
expect 1 "$M" device flash "$T/pkg" --only UBOOT --port "$PTY" --da "$DA" --backup "$T/bk4" --json
one_error "unstable"
json_eq "$T/out" '(j["result"], j["fault"]["kind"], j["fault"]["partition"], j["fault"]["offset"])' \
	"('failed', 'unstable', 'UBOOT', $UB_OFF)"
rm -rf "$T/state"

# ---- a healthy flash: result flashed, no fault ----
start_sim "$T/d5" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$M" device flash "$T/pkg" --only UBOOT --port "$PTY" --da "$DA" --backup "$T/bk5" --json
json_eq "$T/out" '(j["result"], j["fault"], j["backup"])' "('flashed', None, '$T/bk5')"
json_eq "$T/out" '[s["state"] for s in j["steps"] if s["name"] == "UBOOT"]' "['verified']"

# ---- device info: the port is the session's ----
expect 0 "$M" device info --json --port "$PTY" --da "$DA" --record "$T/rec.trace"
json_eq "$T/out" 'j["port"]' "$PTY"
expect 0 "$M" device info --json --replay "$T/rec.trace" --da "$DA"
json_eq "$T/out" 'j["port"]' None
stop_sim
done_testing
