#!/bin/sh
# The device path of mtkfw.exe: Wine's COM5 is mtkfw-sim's pty ($WINEPREFIX/dosdevices/com5),
# so CreateFileW("\\.\COM5"), the DCB, COMMTIMEOUTS, PurgeComm, ReadFile and WriteFile of
# transport_tty_win32.c carry the real protocol: device info, an identity backup (also into
# %LOCALAPPDATA%\mtkfw by default) and a flash of the sample package, checked against the
# sim's disk as the Linux flash tests check it.
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
done_testing
