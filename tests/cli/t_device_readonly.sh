#!/bin/sh
# Issue #8: a write that does not stick (a worn eMMC in read-only mode, mtkfw-sim --fault
# readonly / readonly-after=N: every write ACKed, nothing stored) is diagnosed once, not
# retried: one error line "eMMC does not keep writes", exit 1 (a device error), the flash
# stopped at the first such range with at most two writes to it, the journal left for
# --resume, the identity untouched. The same for restore and erase; a healthy flash writes each
# range once. Expected bytes come from the package files and the scatter read by hand.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"
MSG="eMMC does not keep writes (read-only / worn out)"
ONLY=PRELOADER,MBR,EBR1,UBOOT,BOOTIMG,RECOVERY,SEC_RO,LOGO

# writes_per_range: the most WRITE_DATA commands the sim got for one (area, address).
writes_per_range() {
	grep -o 'da2: 62 WRITE_DATA .* part=[a-z0-9]* addr=0x[0-9a-f]*' "$T/sim.trace" | sed 's/.*part=//' |
		sort | uniq -c | sort -rn | head -1 | awk '{print $1 + 0}'
}
ranges_written() {
	grep -o 'da2: 62 WRITE_DATA .* part=[a-z0-9]* addr=0x[0-9a-f]*' "$T/sim.trace" | sed 's/.*part=//' | sort -u | wc -l
}
journal_kept() {
	[ -n "$(ls "$T/state/mtkfw/journal" 2>/dev/null)" ] && pass || fail "$1: no journal left for --resume"
}
one_device_error() {
	[ -n "${SHOW:-}" ] && sed "s/^/  [$1] /" "$T/err" >&2
	n=$(grep -c '^mtkfw device:' "$T/err")
	[ "$n" -eq 1 ] && pass || fail "$1: $n error lines"
	contains "$T/err" "mtkfw device: $MSG"
}

# ---- a healthy phone: each range written once, everything verified ----
start_sim "$T/d1" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" --da "$DA" --backup "$T/bk1"
contains "$T/out" "verified  LOGO"
[ "$(writes_per_range)" -eq 1 ] && pass || fail "a healthy flash wrote a range $(writes_per_range) times"
same_bytes "$T/d1" UBOOT "$T/pkg/lk.bin"
lacks "$T/err" "writing it once more"

# ---- read-only from the start: refused after the first range ----
start_sim "$T/d2" --mode preloader --cid "$CID" --scatter "$SCATTER" --fault readonly
identity_sums "$T/d2" >"$T/id.before"
cp "$T/d2/boot1.img" "$T/boot1.before"
expect 1 "$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" --da "$DA" --backup "$T/bk2"
one_device_error "read-only"
lacks "$T/out" "verified  "
lacks "$T/out" "flashed:"
[ "$(ranges_written)" -eq 1 ] && pass || fail "read-only: $(ranges_written) ranges written, wanted 1 (stop at the first)"
[ "$(writes_per_range)" -le 2 ] && pass || fail "read-only: a range was written $(writes_per_range) times"
grep -q 'eMMC read-only: .* acknowledged, not stored' "$T/sim.trace" && pass || fail "the sim did not play a read-only card"
journal_kept "read-only"
contains "$T/err" "--resume cannot help until the eMMC takes writes"
identity_sums "$T/d2" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "read-only: identity partitions changed"
cmp -s "$T/boot1.before" "$T/d2/boot1.img" && pass || fail "read-only: boot1 changed"
# The identity backup was made (reads work) and holds the phone's NVRAM.
[ "$(sha256sum "$T/bk2/NVRAM.bin" | cut -d' ' -f1)" = "$(grep '^NVRAM ' "$T/id.before" | cut -d' ' -f2)" ] && pass ||
	fail "read-only: the backup's NVRAM is not the phone's"
# --resume meets the same card and says the same, without looping.
expect 1 "$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" --da "$DA" --backup "$T/bk2" --resume
one_device_error "read-only, resumed"
[ "$(writes_per_range)" -le 4 ] && pass || fail "read-only resume: a range was written $(writes_per_range) times in two runs"
journal_kept "read-only, resumed"
# mtkfw explain knows the message.
expect 0 "$M" explain "$MSG"
contains "$T/out" "MTKFW_EMMC_READONLY"
rm -rf "$T/state"

# ---- the card wears out mid-flash: what went before is verified, then the stop ----
# The flash writes PRELOADER (boot1, ~100 KiB with its headers), MBR and EBR1 first: 150000
# bytes keep those, and the card fails inside a later partition.
start_sim "$T/d3" --mode preloader --cid "$CID" --scatter "$SCATTER" --fault readonly-after=150000
expect 1 "$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" --da "$DA" --backup "$T/bk3"
one_device_error "readonly-after"
contains "$T/out" "verified  PRELOADER"
lacks "$T/out" "flashed:"
boot1_ok "$T/d3"
[ "$(writes_per_range)" -eq 2 ] && pass || fail "readonly-after: the failing range was written $(writes_per_range) times, wanted 2"
n=$(ranges_written)
[ "$(grep -c '^verified' "$T/out")" -eq $((n - 1)) ] && pass || fail "readonly-after: $n ranges written, not all but the last verified"
journal_kept "readonly-after"
rm -rf "$T/state"

# ---- read-backs that differ run to run: another message, no rewrite ----
start_sim "$T/d4" --mode preloader --cid "$CID" --scatter "$SCATTER" --fault unstable-read
expect 1 "$M" device flash "$T/pkg" --only UBOOT --port "$PTY" --da "$DA" --backup "$T/bk4"
n=$(grep -c '^mtkfw device:' "$T/err")
[ "$n" -eq 1 ] && pass || fail "unstable: $n error lines"
contains "$T/err" "UBOOT: read back twice after writing, the phone gave two different results"
lacks "$T/err" "$MSG"
[ "$(writes_per_range)" -eq 1 ] && pass || fail "unstable: UBOOT written $(writes_per_range) times, wanted 1"
journal_kept "unstable"
expect 0 "$M" explain "gave two different results"
contains "$T/out" "MTKFW_READBACK_UNSTABLE"
rm -rf "$T/state"

# ---- erase on a read-only card: the sectors read back unchanged ----
start_sim "$T/d1" --mode preloader --cid "$CID" --fault readonly
expect 1 "$M" device erase UBOOT --port "$PTY" --da "$DA" --backup "$T/bkE"
one_device_error "erase"
same_bytes "$T/d1" UBOOT "$T/pkg/lk.bin"

# ---- restore onto a read-only card whose NVRAM differs from the backup ----
stop_sim
python3 - "$T/d1/user.img" "$(part_field NVRAM 3)" <<'PY'
import sys
f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2])); f.write(b"\x5a" * 4096)
PY
start_sim "$T/d1" --mode preloader --cid "$CID" --fault readonly
expect 1 "$M" device restore "$T/bk1" --only NVRAM --port "$PTY" --da "$DA"
one_device_error "restore"
[ "$(writes_per_range)" -eq 2 ] && pass || fail "restore: NVRAM written $(writes_per_range) times, wanted 2"
stop_sim
done_testing
