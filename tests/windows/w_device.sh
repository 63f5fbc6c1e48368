#!/bin/sh
# The device path of mtkfw.exe: Wine's COM5 is mtkfw-sim's pty ($WINEPREFIX/dosdevices/com5),
# so CreateFileW("\\.\COM5"), the DCB, COMMTIMEOUTS, PurgeComm, ReadFile and WriteFile of
# transport_tty_win32.c carry the real protocol: device info, an identity backup (also into
# %LOCALAPPDATA%\mtkfw by default) and a flash of the sample package, checked against the
# sim's disk as the Linux flash tests check it. Then `port` onto that phone's disk, offline.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
. "$MTKFW_SRC/tests/windows/wine_common.sh"
M=$MTKFW_BIN
COM="$WINEPREFIX/dosdevices/com5"
com5() { ln -sfn "$(last_pty)" "$COM"; }

start_sim "$T/d1" --mode preloader --cid "$CID" --scatter "$SCATTER"
com5
identity_sums "$T/d1" >"$T/id.before"

# ---- info: the same report as Linux's, but for the port's name ----
expect 0 W device info --port COM5 --da "$DA" --json
cp "$T/out" "$T/info.w"
json_eq "$T/out" 'j["chip"]' MT6572
json_eq "$T/out" 'j["mode"]' preloader
json_eq "$T/out" 'j["emmc"]["cid"]' "$CID"
com5
expect 0 "$M" device info --port "$(last_pty)" --da "$DA" --json
python3 - "$T/out" "$T/info.w" <<'PY' && pass || fail "device info differs between Linux and Windows"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for j in (a, b):
    j.pop("port", None)
assert a == b, (a, b)
PY
expect 0 W device info --port COM5 --da "$DA"
contains "$T/out" "MT6572"
# A port that is not there: the Windows advice, exit 2 as for a missing input.
expect 2 W device info --port COM77 --da "$DA"
contains "$T/err" "COM77: no such port"

# ---- identity backup, to a folder and to %LOCALAPPDATA%\mtkfw ----
com5
expect 0 W device backup "$T/bk" --scatter "$SCATTER" --port COM5 --da "$DA" --json
[ -f "$T/bk/manifest.json" ] && pass || fail "no manifest in the backup"
[ "$(sha256sum "$T/bk/NVRAM.bin" | cut -d' ' -f1)" = "$(grep '^NVRAM ' "$T/id.before" | cut -d' ' -f2)" ] && pass ||
	fail "the backup's NVRAM is not the phone's"
com5
expect 0 env -u XDG_DATA_HOME -u XDG_STATE_HOME wine "$MTKFW_EXE" device backup --scatter "$SCATTER" --port COM5 --da "$DA"
local_dir=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Local/mtkfw/backups/"$CID"/* 2>/dev/null | head -1)
[ -n "$local_dir" ] && [ -f "$local_dir/manifest.json" ] && pass ||
	fail "the default backup is not under %LOCALAPPDATA%\\mtkfw\\backups\\$CID"

# ---- flash the sample package ----
com5
expect 0 W device flash "$T/pkg" --port COM5 --da "$DA" --backup "$T/bk1"
contains "$T/out" "verified  ANDROID"
contains "$T/out" "flashed:"
boot1_ok "$T/d1"
same_bytes "$T/d1" UBOOT "$T/pkg/lk.bin"
same_bytes "$T/d1" BOOTIMG "$T/pkg/boot.img"
same_bytes "$T/d1" RECOVERY "$T/pkg/recovery.img"
same_bytes "$T/d1" LOGO "$T/pkg/logo.bin"
same_bytes "$T/d1" MBR "$T/pkg/MBR"
sparse_on_phone "$T/d1" ANDROID "$T/pkg/system.img"
identity_sums "$T/d1" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "the flash changed the identity partitions"
[ -f "$T/bk1/manifest.json" ] && pass || fail "the flash made no identity backup"
[ -z "$(ls "$T/state/mtkfw/journal" 2>/dev/null)" ] && pass || fail "a finished flash left its journal"

# ---- port: a sister board's firmware onto this phone's disk, as the Linux build makes it ----
# The phone is the sim's disk after the flash (its boot1 and PMT are the readback); the system
# image is changed in place through libext2fs (ext4_rw_win32.c on Windows), the boot patterns
# go through fnmatch (fnmatch_win32.c): the plan, the report and every file must be Linux's.
stop_sim
cp -r "$T/d1" "$WD/phone"
"$MTKFW_SAMPLEGEN" "$WD/sister" --project sister72 --sister --modem SISTER72_WET_KK --android 4.4.2 >/dev/null 2>&1 ||
	fail "samplegen --sister"
same "port --dry-run" port sister --phone phone --dry-run --json
# libext2fs stamps the superblock with the time it writes; E2FSPROGS_FAKE_TIME (read by
# libext2fs itself, on both systems) makes two ports of the same inputs byte-identical. One
# superblock field still differs: s_kbytes_written, the lifetime count of bytes written, which
# libext2fs adds from its io manager's statistics: unix_io's write-back cache merges rewrites of
# a block, ext4_rw_win32.c writes each one through. So the system images are compared raw with
# that field (and the superblock checksum over it) zeroed, and Checksum.ini without its ANDROID
# line (the sum of those bytes); every other file byte for byte. e2fsck -fn must find both clean.
sys_raw() { # DIR: system.img -> system.raw, the counter masked
	"$MTKFW_BIN" sparse expand "$1/system.img" "$1/system.raw" >/dev/null 2>&1 || return 1
	e2fsck -fn "$1/system.raw" >/dev/null 2>&1 || { echo "e2fsck: $1/system.raw is not clean" >&2; return 1; }
	python3 - "$1/system.raw" <<'PY' || return 1
import sys
with open(sys.argv[1], "r+b") as f:
    for off, n in ((1024 + 0x174, 8), (1024 + 0x3FC, 4)):
        f.seek(off)
        f.write(bytes(n))
PY
	rm -f "$1/system.img"
	sed -i '/^ANDROID=/d' "$1/Checksum.ini"
}
export E2FSPROGS_FAKE_TIME=1700000000
SAME_FIX=sys_raw same "port" --out ported port sister --phone phone -o ported
unset E2FSPROGS_FAKE_TIME
# Under a non-ASCII folder: libext2fs's own windows_io and jansson's json_load_file open paths
# with the ANSI API and could not (the port stopped at the unpacked boot image's manifest);
# ext4_rw_win32.c and json_file_win32.c open them through the seam. The outcome is Linux's.
mkdir -p "$WD/固件"
(cd "$WD" && "$MTKFW_BIN" port sister --phone phone -o 固件/ported-l) >"$T/l.out" 2>"$T/l.err"
lrc=$?
(cd "$WD" && W port sister --phone phone -o 固件/ported) >"$T/out" 2>"$T/err"
wrc=$?
[ $wrc -eq $lrc ] && pass || fail "port into 固件/: exit $wrc under Wine, $lrc on Linux: $(head -1 "$T/err")"
"$MTKFW_BIN" sparse expand "$WD/固件/ported/system.img" "$T/cjk.raw" >/dev/null 2>&1 &&
	e2fsck -fn "$T/cjk.raw" >/dev/null 2>&1 && pass || fail "the port under 固件/ has no clean system image"
done_testing
